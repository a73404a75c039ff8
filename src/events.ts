import type { AnalyticsDetail } from './core/analytics.ts';
import type { WidgetError } from './core/errors.ts';
import type { Cart, PurchasedItem } from './model.ts';
import { eventInit } from './action-event.ts';
import type { AddToCartEvent, ItemSelectEvent } from './buy-again-list-events.ts';
import type { ReorderEvent } from './cart-summary-events.ts';

// Every event class and its types, from here; the events one widget alone fires are modules of
// their own, which the other widget's files leave out (see action-event.ts).
export { ActionEvent, type ActionOutcome } from './action-event.ts';
export { AddToCartEvent, ItemSelectEvent } from './buy-again-list-events.ts';
export { ReorderEvent, type ReorderDetail } from './cart-summary-events.ts';

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
export class WidgetLoadEvent<
  Detail extends BuyAgainListLoadDetail | CartSummaryLoadDetail = BuyAgainListLoadDetail | CartSummaryLoadDetail,
> extends Event {
  static readonly type = 'widget-load';
  constructor(readonly detail: Detail) {
    super(WidgetLoadEvent.type, eventInit());
  }
}

/** Something failed: bad configuration, the network, the vendor, or an action. */
export class WidgetErrorEvent extends Event {
  static readonly type = 'widget-error';
  constructor(readonly detail: { error: WidgetError }) {
    super(WidgetErrorEvent.type, eventInit());
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
    super(WidgetAnalyticsEvent.type, eventInit());
  }
}

/**
 * An element's events with its own `widget-load` detail: what `addEventListener` on a
 * `<buy-again-list>` or a `<cart-summary>` types its listeners by.
 */
export type WidgetEventMap<Detail extends BuyAgainListLoadDetail | CartSummaryLoadDetail> = Omit<
  HTMLElementEventMap,
  'widget-load'
> & {
  'widget-load': WidgetLoadEvent<Detail>;
};

declare global {
  interface GlobalEventHandlersEventMap {
    'widget-load': WidgetLoadEvent;
    'widget-error': WidgetErrorEvent;
    'add-to-cart': AddToCartEvent;
    'item-select': ItemSelectEvent;
    reorder: ReorderEvent;
    'widget-analytics': WidgetAnalyticsEvent;
  }
}
