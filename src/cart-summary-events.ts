/** The events `<cart-summary>` alone fires; `events.ts` exports them with the rest (see `action-event.ts`). */
import type { Cart, CartLine } from './model.ts';
import { ActionEvent } from './action-event.ts';

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
