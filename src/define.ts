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
  const reasons: string[] = [];
  for (const [tag, element] of tags) {
    const existing = customElements.get(tag);
    if (existing) {
      if (existing !== element) reasons.push(`<${tag}> not registered: the name is already defined on this page`);
      continue;
    }
    try {
      customElements.define(tag, element);
    } catch {
      // The registry takes a class once: the app registered it under a name of its own.
      reasons.push(`<${tag}> not registered: its class is already registered under another tag name, which stays the one to use`);
    }
  }
  if (reasons.length && !warned) {
    warned = true;
    console.warn(`storefront-widgets: ${reasons.join('; ')}. Keeping what the page has.`);
  }
}

defineWidgets();

declare global {
  interface HTMLElementTagNameMap {
    'buy-again-list': BuyAgainList;
    'cart-summary': CartSummary;
  }
}
