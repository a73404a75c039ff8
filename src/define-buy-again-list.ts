/**
 * Registers `<buy-again-list>` only (`storefront-widgets/define/buy-again-list`): an app that shows one widget
 * imports and bundles that one. Guarded as src/define.ts: a tag already defined logs one warning.
 */
import { BuyAgainList } from './components/buy-again-list/buy-again-list.ts';
import { registerWidgets } from './register-widgets.ts';

export { BuyAgainList };

registerWidgets([['buy-again-list', BuyAgainList]]);

declare global {
  interface HTMLElementTagNameMap {
    'buy-again-list': BuyAgainList;
  }
}
