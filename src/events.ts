import type { WidgetError } from './core/errors.ts';
import type { Cart, PurchasedItem } from './model.ts';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** Data rendered. `items` for `<buy-again-list>`, `cart` and `carts` for `<cart-summary>`. */
export class WidgetLoadEvent extends Event {
  static readonly type = 'widget-load';
  constructor(readonly detail: { items?: PurchasedItem[]; cart?: Cart | null; carts?: Cart[] }) {
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

declare global {
  interface GlobalEventHandlersEventMap {
    'widget-load': WidgetLoadEvent;
    'widget-error': WidgetErrorEvent;
    'add-to-cart': AddToCartEvent;
    'item-select': ItemSelectEvent;
  }
}
