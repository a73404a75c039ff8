import type { AnalyticsDetail } from './core/analytics.ts';
import type { WidgetError } from './core/errors.ts';
import type { Cart, CartLine, PurchasedItem } from './model.ts';

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
export class WidgetLoadEvent<
  Detail extends BuyAgainListLoadDetail | CartSummaryLoadDetail = BuyAgainListLoadDetail | CartSummaryLoadDetail,
> extends Event {
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
 * What a shopper's action came to, as its button shows it.
 * - `done`: it worked; `failed` lists the ids of any parts a handler reported it could not do
 *   (a reorder's lines: `{ failed: [lineId] }`), empty when all of it was done.
 * - `failed`: the handler's promise rejected, or the default action failed (`error`).
 * - `unhandled`: nothing can do it: no handler took the event and the widget has no cart to add
 *   to (Algonomy; CS Omni without a customer).
 * - `delegated`: a handler cancelled the event without a promise: the page shows its own outcome.
 */
export type ActionOutcome =
  | { status: 'done'; failed: string[] }
  | { status: 'failed'; error: unknown }
  | { status: 'unhandled' }
  | { status: 'delegated' };

/**
 * A shopper's action that a handler may carry out and report on. Cancel it (`preventDefault()`)
 * to do the action yourself; call `waitUntil(promise)` while handling it to do so and let the
 * widget's button show the outcome: busy until the promise settles, then done, or failed with
 * Retry if it rejects (or resolves to `{ failed: [...] }` naming what could not be done). Like
 * `NavigateEvent.intercept()`, `waitUntil()` takes the action over, so it also cancels the
 * default action; like `ExtendableEvent.waitUntil()`, it may only be called during dispatch
 * (synchronously in a listener), and more than one call waits for every promise.
 */
export class ActionEvent<Detail> extends Event {
  #promises: PromiseLike<unknown>[] = [];

  constructor(
    type: string,
    readonly detail: Detail,
  ) {
    super(type, init(true));
  }

  /** Reports the outcome of the action this handler carries out (see the class). */
  waitUntil(promise: PromiseLike<unknown>): void {
    // After dispatch the widget has already settled the outcome: a late promise would be lost.
    if (!this.eventPhase) throw new DOMException('waitUntil() must be called during dispatch', 'InvalidStateError');
    this.#promises.push(promise);
    this.preventDefault();
  }

  /**
   * Dispatches this event on `target` and settles its outcome: the handlers' promises if any
   * called `waitUntil()`, else `defaultAction` unless a handler cancelled it. Synchronous when
   * nothing is left to wait for, so the caller shows the busy state only when there is one.
   * Never rejects.
   */
  dispatchAction(target: EventTarget, defaultAction?: () => Promise<unknown>): ActionOutcome | Promise<ActionOutcome> {
    target.dispatchEvent(this);
    const promises = this.#promises.length
      ? this.#promises
      : this.defaultPrevented || !defaultAction
        ? []
        : [defaultAction()];
    if (!promises.length) return { status: this.defaultPrevented ? 'delegated' : 'unhandled' };
    return Promise.all(promises).then(
      // What a promise resolved to counts only as `{ failed: [...] }`.
      (results) => ({
        status: 'done',
        failed: results.flatMap((result) => (result as { failed?: unknown } | null)?.failed ?? []).map(String),
      }),
      (error: unknown) => ({ status: 'failed', error }),
    );
  }
}

/**
 * The shopper pressed Add to cart. Cancel it (`preventDefault()`) to add the item with your
 * own cart, and call `event.waitUntil(promise)` with your add so the button shows Adding…, then
 * Added, or Retry if the promise rejects. Otherwise the source's default action adds it through
 * the vendor API (CS Omni with a customer); where there is none, the button says it cannot add
 * here. See {@link ActionEvent}.
 */
export class AddToCartEvent extends ActionEvent<{ item: PurchasedItem; quantity: number }> {
  static readonly type = 'add-to-cart';
  constructor(detail: { item: PurchasedItem; quantity: number }) {
    super(AddToCartEvent.type, detail);
  }
}

/** `reorder`'s detail: a purchased cart, and the lines of it to add to the shopper's cart now. */
export interface ReorderDetail {
  cart: Cart;
  /**
   * The cart's current lines that are not deleted and hold pieces or a monthly subscription, as
   * the model has them, on the first press;
   * on Retry, only the lines that the last attempt reported failed (or all that it sent, if it
   * rejected).
   */
  lines: CartLine[];
}

/**
 * Buy again was pressed on a purchased cart of `<cart-summary view="all" reorder>`. giosg has
 * no cart API, so the page adds: call `event.waitUntil(promise)` with your add of
 * `detail.lines`, and resolve it to `{ failed: [lineId, …] }` naming any lines you could not add
 * (or to anything else when all were added). The button shows Adding…, then Added, or
 * "N of M added" naming the failed lines with Retry, which sends only those again; a rejection
 * shows Retry for the lines sent. Cancelling without a promise means the page shows its own
 * outcome (the button stays Buy again). A press that nothing handles shows that the items
 * cannot be added here and warns once in the console. See {@link ActionEvent}.
 */
export class ReorderEvent extends ActionEvent<ReorderDetail> {
  static readonly type = 'reorder';
  constructor(detail: ReorderDetail) {
    super(ReorderEvent.type, detail);
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
