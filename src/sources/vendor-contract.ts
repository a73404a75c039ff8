/**
 * What a vendor contract is. Each vendor's facts (default base URL, the calls the widgets make,
 * paging limits, how a list page and its `next` link look) are written once, in
 * `<vendor>.contract.ts`, and read by both sides: the widgets' source (`<vendor>.ts`) and the
 * proxy's route for that vendor (`proxy/src/routes/<vendor>.ts`). Contracts are plain values and
 * pure functions that import nothing but this file's type, so the browser bundle takes in only
 * what a widget uses and no server code, and the proxy's build bundles them with no browser
 * library.
 *
 * One export per fact, and paths as plain strings or functions of their segments: a minifier
 * inlines those, where it would keep a whole object. The widgets call a path function with their
 * (encoded) values; the contract calls it with `:name` placeholders to list each call with its
 * method for the proxy, so both sides read one template.
 */

/** One vendor call as the proxy routes it: its method and path, `:name` standing for a segment. */
export interface VendorCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
}
