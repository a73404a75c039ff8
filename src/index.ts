/**
 * The npm entry: element classes, sources, clients, normalizers, types and `configure()`.
 * Importing it registers nothing; import `storefront-widgets/define` for the tags.
 */
export { BuyAgainList } from './components/buy-again-list/buy-again-list.ts';
export { configure, resetConfiguration, type WidgetDefaults } from './core/config.ts';
export { defaultMessages, type Messages, type MessageKey } from './core/messages.ts';
export { WidgetError, type WidgetErrorKind } from './core/errors.ts';
export { HttpClient, type HttpClientOptions, type RequestOptions } from './core/http.ts';
export { RequestCache, pageCache } from './core/cache.ts';
export { parseMoney, formatMoney, addMoney, subtractMoney, multiplyMoney, sumMoney, minorDigits, type Money } from './core/money.ts';
export type { PurchasedItem, Cart, CartLine } from './model.ts';
export { AddToCartEvent, ItemSelectEvent, WidgetErrorEvent, WidgetLoadEvent } from './events.ts';
export type { Connection, SourceContext, PurchaseSource, PurchasePage } from './sources/source.ts';
export { createCsomniSource, normalizeFrequentlyPurchased, normalizeProductDetails, type CsomniOptions } from './sources/csomni.ts';
