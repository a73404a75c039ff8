import { defaultMessages, type MessageKey, type Messages } from './messages.ts';
import { translations } from './translations.ts';

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
  cacheTtl?: number;
  siteToken?: string;
  customerToken?: string;
  imageBaseUrl?: string;
  productUrl?: string;
  tenantHash?: string;
  accessToken?: string;
  apiToken?: string;
  pageSize?: number;
  /** Request timeout in milliseconds (default 10 000). */
  timeout?: number;
  /**
   * Keep results in `sessionStorage` as well as in memory, so moving between pages of the shop
   * within `cache-ttl` makes no request. Off by default: it stores shoppers' data in the tab.
   */
  sessionCache?: boolean;
  messages?: Partial<Messages>;
  [attribute: string]: unknown;
}

let pageDefaults: WidgetDefaults = {};
const listeners = new Set<() => void>();

/**
 * Sets page-wide defaults for every widget, merged into what was set before. Widgets already on
 * the page pick the change up at once.
 */
export function configure(defaults: WidgetDefaults): void {
  pageDefaults = {
    ...pageDefaults,
    ...defaults,
    messages: { ...pageDefaults.messages, ...defaults.messages },
  };
  for (const listener of listeners) listener();
}

/** Clears every page-wide default (for tests and for hosts that reconfigure from scratch). */
export function resetConfiguration(): void {
  pageDefaults = {};
  for (const listener of listeners) listener();
}

/** Calls `listener` after every `configure()`; returns the function that stops it. */
export function onConfigure(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The page default for `name`, if one was configured. */
export function pageDefault<K extends keyof WidgetDefaults>(name: K): WidgetDefaults[K] | undefined {
  return pageDefaults[name];
}

/** The attribute's value when set, else the page default, else `fallback`. */
export function resolveOption<T>(attribute: T | undefined | null, name: keyof WidgetDefaults, fallback: T): T {
  if (attribute !== undefined && attribute !== null && attribute !== '') return attribute;
  const configured = pageDefaults[name] as T | undefined;
  return configured !== undefined && configured !== null && configured !== '' ? configured : fallback;
}

/**
 * The visible string for `key`: the page's override, else the built-in translation for the
 * locale's language (en, de, fr, es, nl, sv, fi), else English.
 */
export function message(key: MessageKey, locale?: string): string {
  const language = locale?.split('-')[0].toLowerCase() ?? '';
  const translated = Object.hasOwn(translations, language) ? translations[language][key] : undefined;
  return pageDefaults.messages?.[key] ?? translated ?? defaultMessages[key];
}
