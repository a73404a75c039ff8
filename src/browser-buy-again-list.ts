/**
 * The one-widget script-tag build of `<buy-again-list>` (`dist/buy-again-list.js` and `.iife.js`):
 * registers that tag only, and exposes the same page-wide API as the all-in-one build (as
 * `window.StorefrontWidgets`, merged with what another of our files put there). Any mix of files
 * of one version shares one `configure()` and one page cache (both live on the window).
 */
import { BuyAgainList } from './components/buy-again-list/buy-again-list.ts';
import { registerWidgets } from './register-widgets.ts';

/** Defines `<buy-again-list>` if not yet defined; warns once if it could not (see registerWidgets). */
export function defineWidgets(): void {
  registerWidgets([['buy-again-list', BuyAgainList]]);
}

defineWidgets();

export { configure, resetConfiguration } from './core/config.ts';
export { pageCache } from './core/cache.ts';
export { WidgetError } from './core/errors.ts';
