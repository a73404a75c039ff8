import type { AnalyticsDetail } from './core/analytics.ts';
import type { WidgetError } from './core/errors.ts';
import type { Cart, PurchasedItem } from './model.ts';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** `widget-load` from `<buy-again-list>`: the items on screen. */
export interface BuyAgainListLoadDetail {
  items: PurchasedItem[];
  cart?: never;
  carts?: never;
}

/** `widget-load` from `<cart-summary>`: the cart shown (null if none) and every cart of the scope. */
export interface CartSummaryLoadDetail {
  cart: Cart | null;
  carts: Cart[];
  items?: never;
}

/**
 * Data rendered. `items` for `<buy-again-list>`, `cart` and `carts` for `<cart-summary>`: a
 * listener on either element gets its own detail type; one on a container gets either.
 */
export class WidgetLoadEvent<Detail extends BuyAgainListLoadDetail | CartSummaryLoadDetail = BuyAgainListLoadDetail | CartSummaryLoadDetail> extends Event {
  static readonly type = 'widget-load';
  constructor(readonly detail: Detail) {
    super(WidgetLoadEvent.type, init());
  }
}

/** Something failed: bad configuration, the network, the vendor, or an action. */
export class WidgetErrorEvent extends Event {
  static readonly type = 'widget-error';
  constructor(readonly detail: { error: WidgetError }) {
    super(WidgetErrorEvent.type, init());
  }
}

/**
 * The shopper pressed Add to cart. Cancel it (`preventDefault()`) to add the item with your
 * own cart; otherwise the source's default action adds it through the vendor API.
 */
export class AddToCartEvent extends Event {
  static readonly type = 'add-to-cart';
  constructor(readonly detail: { item: PurchasedItem; quantity: number }) {
    super(AddToCartEvent.type, init(true));
  }
}

/**
 * The shopper chose an item. Cancel it to route in your SPA; otherwise the page follows
 * `item.url`.
 */
export class ItemSelectEvent extends Event {
  static readonly type = 'item-select';
  constructor(readonly detail: { item: PurchasedItem }) {
    super(ItemSelectEvent.type, init(true));
  }
}

/**
 * What a shopper saw or did, as a GA4 ecommerce object: `detail` is exactly what a `dataLayer`
 * gets (`{ event, ecommerce }`), and it never holds personal data. Fired whether or not a
 * dataLayer is configured or consent given: the page's own code decides what to do with it.
 */
export class WidgetAnalyticsEvent extends Event {
  static readonly type = 'widget-analytics';
  constructor(readonly detail: AnalyticsDetail) {
    super(WidgetAnalyticsEvent.type, init());
  }
}

/**
 * An element's events with its own `widget-load` detail: what `addEventListener` on a
 * `<buy-again-list>` or a `<cart-summary>` types its listeners by.
 */
export type WidgetEventMap<Detail extends BuyAgainListLoadDetail | CartSummaryLoadDetail> = Omit<HTMLElementEventMap, 'widget-load'> & {
  'widget-load': WidgetLoadEvent<Detail>;
};

declare global {
  interface GlobalEventHandlersEventMap {
    'widget-load': WidgetLoadEvent;
    'widget-error': WidgetErrorEvent;
    'add-to-cart': AddToCartEvent;
    'item-select': ItemSelectEvent;
    'widget-analytics': WidgetAnalyticsEvent;
  }
}
