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

/** Defines every tag not yet defined; warns once about tags someone else defined first. */
export function defineWidgets(): void {
  if (typeof customElements === 'undefined') return;
  const taken = tags.filter(([tag, element]) => {
    const existing = customElements.get(tag);
    if (!existing) customElements.define(tag, element);
    return existing && existing !== element;
  });
  if (taken.length && !warned) {
    warned = true;
    console.warn(`storefront-widgets: <${taken.map(([tag]) => tag).join('>, <')}> already defined on this page; keeping the existing definition.`);
  }
}

defineWidgets();

declare global {
  interface HTMLElementTagNameMap {
    'buy-again-list': BuyAgainList;
    'cart-summary': CartSummary;
  }
}
