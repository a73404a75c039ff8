import { defaultMessages, type MessageKey, type Messages } from './messages.ts';
import { translation } from './translations.ts';

/**
 * Page-wide defaults for any widget attribute, keyed by the attribute's camelCase name
 * (`proxyUrl`, `siteToken`, `apiBase`, `locale`, ...), plus `messages`. An attribute on the
 * element always wins over these.
 */
export interface WidgetDefaults {
  proxyUrl?: string;
  apiBase?: string;
  customerSession?: string;
  locale?: string;
  currency?: string;
  /** Seconds (as the `cache-ttl` attribute). */
  cacheTtl?: number;
  // <buy-again-list>
  source?: 'csomni' | 'algonomy';
  heading?: string;
  maxItems?: number;
  showUnavailable?: boolean;
  siteToken?: string;
  customerToken?: string;
  forceRefresh?: boolean;
  imageBaseUrl?: string;
  productUrl?: string;
  tenantHash?: string;
  accessToken?: string;
  gcrId?: string;
  email?: string;
  mobileNumber?: string;
  customerCode?: string;
  pageSize?: number;
  // <cart-summary>
  userId?: string;
  chatId?: string;
  visitorId?: string;
  roomId?: string;
  orgId?: string;
  chatType?: 'owned' | 'involved' | 'routed';
  cartId?: string;
  view?: 'latest' | 'all';
  apiToken?: string;
  showDeleted?: boolean;
  /** Request timeout in milliseconds (default 10 000). */
  timeout?: number;
  /**
   * Keep results in `sessionStorage` as well as in memory, so moving between pages of the shop
   * within `cache-ttl` makes no request. Off by default: it stores shoppers' data in the tab.
   */
  sessionCache?: boolean;
  messages?: Partial<Messages>;
}

/**
 * Page-wide state lives on the window under a registered symbol, so every copy of the library on
 * a page (the script tag pasted twice, or an app bundling its own copy next to the CDN one)
 * shares one configuration: `configure()` from any copy reaches every widget.
 */
interface SharedConfig {
  defaults: WidgetDefaults;
  listeners: Set<() => void>;
}
const shared = ((globalThis as Record<symbol, SharedConfig | undefined>)[Symbol.for('storefront-widgets.config')] ??= {
  defaults: {},
  listeners: new Set(),
});
const listeners = shared.listeners;

/**
 * Sets page-wide defaults for every widget, merged into what was set before. Widgets already on
 * the page pick the change up at once.
 */
export function configure(defaults: WidgetDefaults): void {
  shared.defaults = {
    ...shared.defaults,
    ...defaults,
    messages: { ...shared.defaults.messages, ...defaults.messages },
  };
  for (const listener of listeners) listener();
}

/** Clears every page-wide default (for tests and for hosts that reconfigure from scratch). */
export function resetConfiguration(): void {
  shared.defaults = {};
  for (const listener of listeners) listener();
}

/** Calls `listener` after every `configure()`; returns the function that stops it. */
export function onConfigure(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The page defaults as they stand: a new object after every `configure()` from any copy of the
 * library, so comparing two readings says whether anything was configured in between.
 */
export function pageDefaults(): Readonly<WidgetDefaults> {
  return shared.defaults;
}

/** The page default for `name`, if one was configured. */
export function pageDefault<K extends keyof WidgetDefaults>(name: K): WidgetDefaults[K] | undefined {
  return shared.defaults[name];
}

/** The attribute's value when set, else the page default, else `fallback`. */
export function resolveOption<T>(attribute: T | undefined | null, name: keyof WidgetDefaults, fallback: T): T {
  if (attribute !== undefined && attribute !== null && attribute !== '') return attribute;
  const configured = shared.defaults[name] as T | undefined;
  return configured !== undefined && configured !== null && configured !== '' ? configured : fallback;
}

/**
 * The visible string for `key`: the page's override, else the built-in translation for the
 * locale's language (en, de, fr, es, nl, sv, fi), else English.
 */
export function message(key: MessageKey, locale?: string): string {
  const language = locale?.split('-')[0].toLowerCase() ?? '';
  const translated = translation(language)?.[key];
  return shared.defaults.messages?.[key] ?? translated ?? defaultMessages[key];
}
