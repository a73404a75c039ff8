/**
 * The full text of every code our errors and warnings carry (`SW` and a number, see `errors.ts`),
 * as docs/errors.md gives it ("Error codes"). Development builds only: `warn` adds it to each
 * console warning there, and nothing else imports it, so the scripts a shopper downloads leave it
 * out. 50 and up are warnings, not errors.
 */
export const errorTexts: Record<number, string> = {
  1: 'the attribute named is required in direct mode; or set `proxy-url`',
  2: 'Algonomy in direct mode needs one of `gcr-id`, `email`, `mobile-number` or `customer-code`',
  3: '`currency` is not an ISO 4217 code',
  4: '`cache-ttl` is not a number of seconds from 0 up',
  5: '`configure({ timeout })` is not a number of milliseconds above 0',
  6: '`source` is neither `csomni` nor `algonomy`',
  7: '`page-size` is not a whole number from 1 to 500',
  8: 'a page below 1 was asked for (`loadPage`); pages start at 1',
  9: '`view` is neither `latest` nor `all`',
  10: '`cart-id` is not one of the carts of the scope',
  11:
    'the giosg scope lacks the attributes named: `user-id` + `chat-id` + `visitor-id`, ' +
    '`user-id` + `room-id` + `visitor-id`, or `org-id` + `chat-id` + `chat-type`',
  12: "the attribute named cannot be combined with `org-id`/`chat-type` (another giosg scope's)",
  13: '`room-id` cannot be combined with `chat-id`',
  14: '`chat-type` is not `owned`, `involved` or `routed`',
  15:
    'the value of the header named holds characters an HTTP header cannot ' +
    'carry (control characters, or any outside Latin-1)',
  16: 'the attribute named is not a URL, or has a query or fragment (`?`, `#`): give the base alone',
  20: 'the request could not be made (offline, refused, blocked, a cross-origin request the server does not allow)',
  21: 'the answer was cut off',
  22: 'no answer within the time given (ms)',
  23: 'the server redirected the request; redirects are never followed (credentials go to the configured base only)',
  24: 'the server answered the error `status` without a short message of its own',
  25: 'the answer was empty',
  26: 'the answer was not JSON (a login or maintenance page)',
  30: "CS Omni's purchase list was not a list",
  31: 'CS Omni: the item has no variant, so it cannot be added to a cart',
  32: 'CS Omni returned no cart to add to',
  33: "Algonomy's answer was not an object",
  34: "Algonomy's answer had no `status`",
  35: 'Algonomy answered the `status` given, not `"OK"`, without a message',
  36: "Algonomy's answer had no `data`",
  37: "Algonomy's answer had no product list (`dataList`)",
  38: "a giosg list's `next` link is unreadable or leads outside the API",
  39: "a giosg list's `next` link led back to a page already read",
  40: 'a giosg list went on for more than 50 pages',
  41: 'a giosg list answer had no `results`',
  42: 'something failed with no message at all',
  50:
    'a tag not registered because the page already has that name (another ' +
    "library's, or this library loaded twice: the first stays)",
  51: 'a tag not registered because the app registered its class under a name of its own, which stays the one to use',
  52: 'a language file that did not load, so the widget shows English',
  53:
    '`reorder` set on a `<cart-summary>` whose page has no `reorder` listener ' +
    'calling `event.waitUntil(promise)`, so Buy again added nothing',
  54: '`session-store.js` did not load from beside the script, so the page cache keeps values in memory only',
  55: '`data-layer.js` did not load from beside the script, so no event reaches the dataLayer',
  56: '`configure({ dataLayer })` names a global that is not an array, so no event reaches it',
};
