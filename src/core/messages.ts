/**
 * Every string a widget shows, in one table. `configure({ messages })` overrides any of them;
 * `{name}` placeholders are filled in by {@link formatMessage}.
 */
export const defaultMessages = {
  buyAgainHeading: 'Buy it again',
  carousel: 'carousel',
  slide: 'slide',
  slideLabel: '{index} of {count}',
  previous: 'Previous items',
  next: 'Next items',
  addToCart: 'Add to cart',
  adding: 'Adding…',
  added: 'Added',
  addedAnnouncement: '{name} added to cart',
  addFailed: 'Could not add {name} to the cart',
  boughtTimes: 'Bought {count} times',
  boughtOnce: 'Bought once',
  unavailable: 'No longer available',
  unnamedItem: 'Unnamed item',
  loading: 'Loading…',
  loadingItems: 'Loading your items',
  loadMore: 'Load more',
  loadingMore: 'Loading more items…',
  loadMoreFailed: 'Could not load more items.',
  emptyPurchases: 'Nothing to buy again yet. Items you order will show up here.',
  retry: 'Retry',
  errorNetwork: 'We could not reach the store. Check your connection and try again.',
  errorTimeout: 'The store took too long to answer.',
  errorHttp: 'The store could not load this right now.',
  errorAuth: 'This cannot be shown right now.',
  errorRateLimited: 'The store is busy. Please try again in a moment.',
  errorInvalidResponse: 'The store sent something we could not read.',
  errorConfig: 'This is not available right now.',
  itemsLoaded: '{count} items loaded',
  // cart-summary
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
  // Added later, so last: the translation tables are positional.
  oneItemLoaded: '1 item loaded',
  addUnavailable: 'Cannot add here',
  addUnavailableAnnouncement: '{name} cannot be added to the cart here.',
  // cart-summary's Buy again (reorder); the button's "cannot add here" is addUnavailable.
  buyAgain: 'Buy again',
  reorderAdded: 'Every item was added to the cart.',
  reorderPartial: '{added} of {total} added. Not added: {names}.',
  reorderFailed: 'Could not add the items to the cart.',
  reorderUnavailable: 'These items cannot be added to the cart here.',
} as const;

export type MessageKey = keyof typeof defaultMessages;
export type Messages = Record<MessageKey, string>;

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function formatMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
