/**
 * Registers `<cart-summary>` only (`storefront-widgets/define/cart-summary`): an app that shows one widget
 * imports and bundles that one. Guarded as src/define.ts: a tag already defined logs one warning.
 */
import { CartSummary } from './components/cart-summary/cart-summary.ts';
import { registerWidgets } from './register-widgets.ts';

export { CartSummary };

registerWidgets([['cart-summary', CartSummary]]);

declare global {
  interface HTMLElementTagNameMap {
    'cart-summary': CartSummary;
  }
}
