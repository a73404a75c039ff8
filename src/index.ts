/**
 * The npm entry: element classes, sources, clients, normalizers, types and `configure()`.
 * Importing it registers nothing and touches no DOM; import `storefront-widgets/define` for the
 * tags. The sources and normalizers work without the elements, for apps that draw their own UI.
 */
export { BuyAgainList } from './components/buy-again-list/buy-again-list.ts';
export { CartSummary } from './components/cart-summary/cart-summary.ts';
export { configure, resetConfiguration, type WidgetDefaults } from './core/config.ts';
export { defaultMessages, formatMessage, type Messages, type MessageKey } from './core/messages.ts';
export { WidgetError, type WidgetErrorKind } from './core/errors.ts';
export { HttpClient, type HttpClientOptions, type RequestOptions } from './core/http.ts';
export { RequestCache, pageCache } from './core/cache.ts';
export {
  parseMoney,
  formatMoney,
  addMoney,
  subtractMoney,
  multiplyMoney,
  sumMoney,
  minorDigits,
  type Money,
} from './core/money.ts';
export { cartTotals, type PurchasedItem, type Cart, type CartLine, type CartTotals } from './model.ts';
export {
  ActionEvent,
  AddToCartEvent,
  ItemSelectEvent,
  ReorderEvent,
  WidgetAnalyticsEvent,
  WidgetErrorEvent,
  WidgetLoadEvent,
} from './events.ts';
export type { AnalyticsDetail, AnalyticsEcommerce, AnalyticsEventName, AnalyticsItem } from './core/analytics.ts';
export type {
  ActionOutcome,
  BuyAgainListLoadDetail,
  CartSummaryLoadDetail,
  ReorderDetail,
  WidgetEventMap,
} from './events.ts';
export type { Connection, SourceContext, PurchaseSource, PurchasePage } from './sources/source.ts';
export {
  CSOMNI_DEFAULT_BASE,
  createCsomniSource,
  normalizeFrequentlyPurchased,
  normalizeProductDetails,
  type CsomniOptions,
} from './sources/csomni.ts';
export { createAlgonomySource, normalizeProductPurchased, type AlgonomyOptions } from './sources/algonomy.ts';
export {
  GIOSG_DEFAULT_BASE,
  createGiosgSource,
  normalizeCart,
  normalizeCartLine,
  normalizeCartList,
  type GiosgOptions,
  type CartSource,
} from './sources/giosg.ts';
