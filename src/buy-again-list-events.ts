/** The events `<buy-again-list>` alone fires; `events.ts` exports them with the rest (see `action-event.ts`). */
import type { PurchasedItem } from './model.ts';
import { ActionEvent, eventInit } from './action-event.ts';

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

/**
 * The shopper chose an item. Cancel it to route in your SPA; otherwise the page follows
 * `item.url`.
 */
export class ItemSelectEvent extends Event {
  static readonly type = 'item-select';
  constructor(readonly detail: { item: PurchasedItem }) {
    super(ItemSelectEvent.type, eventInit(true));
  }
}
