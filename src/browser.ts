/**
 * The script-tag build (`dist/storefront-widgets.js` and `.iife.js`): registers both tags and
 * exposes the page-wide API (as `window.StorefrontWidgets` in the classic-script build).
 */
import './define.ts';

export { configure, resetConfiguration } from './core/config.ts';
export { defineWidgets } from './define.ts';
export { pageCache } from './core/cache.ts';
export { WidgetError } from './core/errors.ts';
