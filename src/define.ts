/**
 * Registers `<buy-again-list>` and `<cart-summary>`. Guarded: when a tag is already defined (a
 * second copy of the script, or another library using the name) it logs one warning and moves
 * on instead of throwing into the page.
 */
import { BuyAgainList } from './components/buy-again-list/buy-again-list.ts';
import { CartSummary } from './components/cart-summary/cart-summary.ts';
import { registerWidgets } from './register-widgets.ts';

export { BuyAgainList, CartSummary };

/** Defines every tag not yet defined; warns once about tags it could not define (see registerWidgets). */
export function defineWidgets(): void {
  registerWidgets([
    ['buy-again-list', BuyAgainList],
    ['cart-summary', CartSummary],
  ]);
}

defineWidgets();

declare global {
  interface HTMLElementTagNameMap {
    'buy-again-list': BuyAgainList;
    'cart-summary': CartSummary;
  }
}
