/**
 * Registers `<buy-again-list>` and `<cart-summary>`. Guarded: when a tag is already defined (a
 * second copy of the script, or another library using the name) it logs one warning and moves
 * on instead of throwing into the page.
 */
import { BuyAgainList } from './components/buy-again-list/buy-again-list.ts';
import { CartSummary } from './components/cart-summary/cart-summary.ts';

export { BuyAgainList, CartSummary };

const tags: [string, CustomElementConstructor][] = [
  ['buy-again-list', BuyAgainList],
  ['cart-summary', CartSummary],
];

let warned = false;

/**
 * Defines every tag not yet defined; warns once about tags it could not define: the name taken
 * by someone else, or the class already registered under another name by the app
 * (`customElements.define('shop-cart', CartSummary)`), which the registry refuses to repeat.
 */
export function defineWidgets(): void {
  if (typeof customElements === 'undefined') return;
  const skipped = tags.filter(([tag, element]) => {
    const existing = customElements.get(tag);
    if (existing) return existing !== element;
    try {
      customElements.define(tag, element);
      return false;
    } catch {
      return true;
    }
  });
  if (skipped.length && !warned) {
    warned = true;
    console.warn(
      `storefront-widgets: <${skipped.map(([tag]) => tag).join('>, <')}> not registered: the name is already defined on this page, or the class is registered under another name. Keeping what the page has.`,
    );
  }
}

defineWidgets();

declare global {
  interface HTMLElementTagNameMap {
    'buy-again-list': BuyAgainList;
    'cart-summary': CartSummary;
  }
}
