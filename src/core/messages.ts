/**
 * Every string a widget shows, in three tables: what both widgets show, the carousel's and the
 * cart's. A one-widget script carries the English of its own widget only (each element adds its
 * table: core/translations.ts). `configure({ messages })` overrides any of them; `{name}`
 * placeholders are filled in by {@link formatMessage}.
 */
export const sharedMessages = {
  retry: 'Retry',
  errorNetwork: 'We could not reach the store. Check your connection and try again.',
  errorTimeout: 'The store took too long to answer.',
  errorHttp: 'The store could not load this right now.',
  errorAuth: 'This cannot be shown right now.',
  errorRateLimited: 'The store is busy. Please try again in a moment.',
  errorInvalidResponse: 'The store sent something we could not read.',
  errorConfig: 'This is not available right now.',
  unnamedItem: 'Unnamed item',
  adding: 'Adding…',
  added: 'Added',
  addUnavailable: 'Cannot add here',
} as const;

/** `<buy-again-list>`'s strings. */
export const listMessages = {
  buyAgainHeading: 'Buy it again',
  carousel: 'carousel',
  slide: 'slide',
  slideLabel: '{index} of {count}',
  previous: 'Previous items',
  next: 'Next items',
  addToCart: 'Add to cart',
  addedAnnouncement: '{name} added to cart',
  addFailed: 'Could not add {name} to the cart',
  boughtTimes: 'Bought {count} times',
  boughtOnce: 'Bought once',
  unavailable: 'No longer available',
  loading: 'Loading…',
  loadingItems: 'Loading your items',
  loadMore: 'Load more',
  loadingMore: 'Loading more items…',
  loadMoreFailed: 'Could not load more items.',
  emptyPurchases: 'Nothing to buy again yet. Items you order will show up here.',
  itemsLoaded: '{count} items loaded',
  oneItemLoaded: '1 item loaded',
  /** Said after prev/next: the cards now in view (one card alone is said as `slideLabel`). */
  shownItems: 'Items {first} to {last} of {count}',
} as const;

/** `<cart-summary>`'s strings; Buy again's "cannot add here" is the shared `addUnavailable`. */
export const cartMessages = {
  cartHeading: 'Your cart',
  cartsHeading: 'Carts',
  emptyCart: 'Your cart is empty.',
  noCarts: 'No carts yet.',
  purchased: 'Purchased',
  purchasedOn: 'Purchased {date}',
  updated: 'Updated {time}',
  itemsSubtotal: 'Items',
  adjustments: 'Discounts and delivery',
  total: 'Total',
  subscriptionTotal: 'Monthly subscriptions',
  perMonth: '{amount} / month',
  quantityTimes: '{quantity} × {price}',
  removed: 'Removed',
  linesUnavailable: 'Line items are not available for carts in a room.',
  openCart: 'Open cart',
  cartCount: '{count} carts',
  oneCart: '1 cart',
  loadingCart: 'Loading your cart',
  cartLoaded: 'Cart loaded. Total {total}',
  buyAgain: 'Buy again',
  reorderAdded: 'Every item was added to the cart.',
  reorderPartial: '{added} of {total} added. Not added: {names}.',
  reorderFailed: 'Could not add the items to the cart.',
  reorderUnavailable: 'These items cannot be added to the cart here.',
  /** The live region, for a cart whose total is not known (no `total_value`, a line without a price). */
  cartReady: 'Cart loaded.',
  /** The live region while `view="all"` loads (`loadingCart` is one cart's view). */
  loadingCarts: 'Loading carts',
  /** Read by screen readers, not shown, where a line's price shows "–" ("2 × no price"). */
  noPrice: 'no price',
  /** Read by screen readers, not shown, for `perMonth` ("/" is read "slash"). */
  perMonthSpoken: '{amount} per month',
} as const;

/** Every string of both widgets, in English. */
export const defaultMessages: typeof sharedMessages & typeof listMessages & typeof cartMessages =
  // Pure, so that a bundle of one widget that never reads it leaves the other widget's strings out.
  /* @__PURE__ */ Object.assign({}, sharedMessages, listMessages, cartMessages);

export type SharedKey = keyof typeof sharedMessages;
/** The keys `<buy-again-list>` shows. */
export type ListKey = SharedKey | keyof typeof listMessages;
/** The keys `<cart-summary>` shows. */
export type CartKey = SharedKey | keyof typeof cartMessages;
export type MessageKey = keyof typeof defaultMessages;
export type Messages = Record<MessageKey, string>;

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function formatMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
