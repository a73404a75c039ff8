import type { LitElement } from 'lit';
import type { BuyAgainList } from '../components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../components/cart-summary/cart-summary.ts';
import type { MessageKey, Messages } from './messages.ts';
import { english, languageOf, translation } from './translations.ts';

/**
 * An element's attributes as page-wide settings: its public data members (each one a declared
 * reactive property, as `test/dist/manifest.test.ts` checks), by their camelCase names and types, every
 * one optional. Not its methods, not what it inherits from `LitElement`, not the read-only `state`.
 */
type AttributeSettings<E> = {
  [
    K in keyof E as K extends keyof LitElement | 'state'
      ? never
      : E[K] extends (...args: never[]) => unknown
        ? never
        : K
  ]?: E[K] | undefined;
};

/**
 * Page-wide defaults for any widget attribute, keyed by the attribute's camelCase name
 * (`proxyUrl`, `siteToken`, `apiBase`, `locale`, ...), plus the settings below and `messages`.
 * An attribute on the element always wins over these.
 */
export interface WidgetDefaults extends AttributeSettings<BuyAgainList>, AttributeSettings<CartSummary> {
  /** Request timeout in milliseconds (default 10 000). */
  timeout?: number | undefined;
  /**
   * Keep results in `sessionStorage` as well as in memory, so moving between pages of the shop
   * within `cache-ttl` makes no request. Off by default: it stores shoppers' data in the tab.
   */
  sessionCache?: boolean | undefined;
  messages?: Partial<Messages> | undefined;
  /**
   * Push every `widget-analytics` object to `window.dataLayer` (`true`) or to the named array
   * (`'name'`), once analytics consent is granted.
   */
  dataLayer?: boolean | string | undefined;
  /**
   * Analytics consent as the page knows it; when set it decides, otherwise Google Consent Mode's
   * `analytics_storage` in the dataLayer does. Until one says `granted`, events wait (the first
   * 100); `denied` drops them.
   */
  analyticsConsent?: 'granted' | 'denied' | undefined;
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
 * the page pick the change up at once: they re-render, and reload only where a setting their
 * data is loaded with changed.
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

/**
 * The attribute's value when set, else the page default, else `fallback`. Text is trimmed, and
 * text of spaces only is not set, as an empty attribute is not.
 */
export function resolveOption<T>(attribute: T | undefined | null, name: keyof WidgetDefaults, fallback: T): T {
  return given(attribute) ?? given(shared.defaults[name] as T | undefined) ?? fallback;
}

/** A setting's value, trimmed if text; blank text as undefined (as `??` takes null and undefined). */
function given<T>(value: T | undefined | null): T | undefined | null {
  return typeof value === 'string' ? (value.trim() as T) || undefined : value;
}

/**
 * The language the built-in strings are in for `locale`: its own where a translation ships,
 * else English (`en`).
 */
export function messageLanguage(locale?: string): string {
  const language = languageOf(locale);
  return translation(language) ? language : 'en';
}

/**
 * The visible string for `key`: the page's override, else the built-in translation for the
 * locale's language (en, ar, de, es, fi, fr, he, nl, sv) once loaded (`loadTranslation`), else English.
 */
export function message(key: MessageKey, locale?: string): string {
  const translated = translation(languageOf(locale))?.[key];
  return shared.defaults.messages?.[key] ?? translated ?? english(key) ?? '';
}
