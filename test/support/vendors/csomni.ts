import {
  CSOMNI_CALLS,
  CSOMNI_CUSTOMER_TOKEN_HEADER,
  CSOMNI_SITE_TOKEN_HEADER,
} from '../../../src/sources/csomni.contract.ts';
import { json, type FakeHandler, type RecordedRequest } from '../fake-fetch.ts';
import { latency, whichCall, type RouteOverride } from './calls.ts';

/**
 * A fake CS Omni store API, the one every test, the demo and the bench talk to: the calls the
 * widgets make (`csomni.contract.ts`), the headers it reads, its answers and its refusals, written
 * once. Well-behaved by default with a few rows and products shaped like the vendor's samples
 * (quirks included), for element tests answered in the page through `serve()`; a test
 * gives its own data, or replaces a route's answer to make it misbehave. The demo's mock API
 * (`../mocks/csomni.ts`) is this fake with the demo shop's catalogue.
 */
export interface CsOmniFake {
  /**
   * The purchase list, or the list of a customer token (the `customertoken` header, `''`
   * site-wide; `refreshed` for `forceRefresh`), as the vendor's JSON.
   */
  rows?: unknown[] | ((customer: string, refreshed: boolean) => unknown);
  /** Products by token as the vendor's JSON, or a function of the token; a product it does not give answers 404. */
  products?: Record<string, unknown> | ((token: string) => unknown);
  /** The cart `POST /cart` creates or returns for a customer token (`''` for a guest). */
  cartOf?: (customer: string) => { cartToken: string; customerToken: string };
  /** Whether a cart takes this `prodToken`; one it does not answers 400. Every one by default. */
  sells?: (prodToken: unknown) => boolean;
  /** Refuse a request without the site token header, as the vendor does (the proxy adds it). */
  requireSiteToken?: boolean;
  /** Milliseconds a product look-up and an add to a cart take. */
  delays?: { product?: (token: string) => number; cartProducts?: number };
  /** In place of a route's answer. */
  list?: RouteOverride;
  product?: RouteOverride;
  cart?: RouteOverride;
  cartprods?: RouteOverride;
}

/** Rows shaped like the vendor's samples, quirks included. */
export const CSOMNI_ROWS = [
  {
    variantToken: 'vrnt_oat',
    quantity: 145,
    price: 3.5,
    variantImage: { file: '9-14-2021/oat.jpg', id: 'a', status: 'poolImages' },
    productToken: 'prod_oat',
  },
  { variantToken: 'vrnt_lost', quantity: 134, price: '', variantImage: '', productToken: '' },
  {
    variantToken: 'vrnt_banana',
    quantity: '17',
    price: 0.29,
    variantImage: { file: '[]' },
    productToken: 'prod_banana',
  },
  { variantToken: 'prod_granola', quantity: 3, price: '', variantImage: '', productToken: '' },
  { variantToken: 'vrnt_tea', quantity: 1, price: 5, variantImage: [], productToken: 'prod_tea' },
];

/** A product as the vendor answers it: its variants named, priced and in stock. */
export const csomniProduct = (token: string, name: string, variants: [string, string, number][]) => ({
  prodToken: token,
  prodName: name,
  variants: variants.map(([variantToken, variantName, variantPrice]) => ({ variantToken, variantName, variantPrice })),
});

/** The products of `CSOMNI_ROWS` (not the lost one). */
export const CSOMNI_PRODUCTS: Record<string, unknown> = {
  prod_oat: csomniProduct('prod_oat', 'Oat Milk\t', [['vrnt_oat', '1 L', 3.5]]),
  prod_banana: csomniProduct('prod_banana', 'Bananas', [['vrnt_banana', '', 0.29]]),
  prod_granola: { ...csomniProduct('prod_granola', 'Granola', [['vrnt_granola', '', 6.8]]), prodPrice: '6.80' },
  prod_tea: csomniProduct('prod_tea', 'Earl Grey', [['vrnt_tea', '', 5]]),
};

/** The customer token a request is for (`''` for the site-wide list). */
export const csomniCustomer = (request: RecordedRequest) => request.headers.get(CSOMNI_CUSTOMER_TOKEN_HEADER) ?? '';

const refuse = (message: string, status: number) => json({ message }, status);

export function csomni(fake: CsOmniFake = {}): FakeHandler {
  const {
    rows = CSOMNI_ROWS,
    products = CSOMNI_PRODUCTS,
    cartOf = (customer: string) => ({ cartToken: 'cart_1', customerToken: customer }),
    sells = () => true,
    delays = {},
  } = fake;
  const listOf = (customer: string, refreshed: boolean) =>
    typeof rows === 'function' ? rows(customer, refreshed) : rows;
  const productOf = (token: string) => (typeof products === 'function' ? products(token) : products[token]);

  return async (request) => {
    const call = whichCall(CSOMNI_CALLS, request);
    if (!call || request.method !== CSOMNI_CALLS[call.name].method)
      return refuse(`No route ${request.method} ${request.url.pathname}`, 404);
    const siteToken = request.headers.get(CSOMNI_SITE_TOKEN_HEADER);
    if (fake.requireSiteToken && !siteToken) return refuse(`${CSOMNI_SITE_TOKEN_HEADER} header is required`, 401);
    const customer = csomniCustomer(request);

    switch (call.name) {
      case 'list':
      case 'refresh':
        return (await fake.list?.(request)) ?? json(listOf(customer, call.name === 'refresh'));
      case 'product': {
        await latency(delays.product?.(call.params.token));
        const found = productOf(call.params.token);
        return (await fake.product?.(request)) ?? (found ? json(found) : refuse('Product not found', 404));
      }
      case 'cart': {
        const overridden = await fake.cart?.(request);
        if (overridden) return overridden;
        const cart = cartOf(customer);
        return json({ ...cart, siteToken, status: customer ? 'cart retrieved' : 'cart created' });
      }
      case 'cartProducts':
      case 'anyCartProducts': {
        await latency(delays.cartProducts);
        const overridden = await fake.cartprods?.(request);
        if (overridden) return overridden;
        const body = request.body as { prodToken?: unknown; cartProdQuantity?: unknown } | undefined;
        if (typeof body !== 'object' || body === null) return refuse('Invalid JSON body', 400);
        if (!sells(body.prodToken)) return refuse('Product not available', 400);
        return json({
          cartToken: call.params.cartToken ?? 'cart_new',
          cartProdToken: `cp_${String(body.prodToken)}`,
          cartProdQuantity: String(body.cartProdQuantity ?? 1),
          customerToken: customer || null,
          prodToken: body.prodToken,
          cartAddedQuantity: body.cartProdQuantity ?? 1,
          status: 'Prod Added',
        });
      }
    }
  };
}
