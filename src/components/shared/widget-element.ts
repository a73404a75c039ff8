import { html, LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus, type Task } from '@lit/task';
import { pageCache } from '../../core/cache.ts';
import { configError, requiredInDirectMode, toWidgetError, WidgetError, type WidgetErrorKind } from '../../core/errors.ts';
import { message, messageLanguage, onConfigure, pageDefault, pageDefaults, resolveOption, type WidgetDefaults } from '../../core/config.ts';
import { formatMessage, type MessageKey } from '../../core/messages.ts';
import { languageOf, loadTranslation } from '../../core/translations.ts';
import { formatMoney, isCurrencyCode, minorDigits } from '../../core/money.ts';
import { readableMutedShare } from './readable-muted.ts';
import { mayContinue, turnUsed, whenIdle } from '../../core/main-thread.ts';
import { WidgetErrorEvent } from '../../events.ts';
import type { Connection, SourceContext } from '../../sources/source.ts';

export type WidgetState = 'loading' | 'ready' | 'empty' | 'error';

/** Each connected widget's check of the page's tone. */
const toneChecks = new Set<() => void>();
let toneQueued = false;

/**
 * Checks every widget's tone once, in the next frame, before it paints: the computed styles read
 * there are the frame's own style pass (the one the page needs anyway), done once, where a check
 * in a later task would force a second pass over whatever changed since (another widget's render).
 */
function retone(): void {
  if (toneQueued) return;
  toneQueued = true;
  requestAnimationFrame(() => {
    toneQueued = false;
    toneChecks.forEach((check) => check());
  });
}

/** What watches the page's tone while any widget is on it. */
let toneWatch: { observer?: MutationObserver; body?: HTMLElement; scheme?: MediaQueryList } | undefined;

/**
 * What may turn a page dark or light after the widgets drew: the shopper's system scheme, and a
 * shop's theme switch, which sets a class, a `data-` attribute or a style on `<html>` or
 * `<body>`. Watched once per page while widgets are on it; the `<body>` watched is the one there
 * is when a widget connects, as pages that swap theirs (Turbo, pjax) move widgets into the new
 * one. Whatever the DOM lacks (`matchMedia` in jsdom) is not watched.
 */
function watchTone(check: () => void): void {
  toneChecks.add(check);
  if (!toneWatch) {
    toneWatch = {};
    if (typeof matchMedia === 'function') (toneWatch.scheme = matchMedia('(prefers-color-scheme: dark)')).addEventListener('change', retone);
  }
  const body = document.body ?? undefined;
  if (typeof MutationObserver === 'function' && (!toneWatch.observer || (body && body !== toneWatch.body))) {
    toneWatch.observer?.disconnect();
    toneWatch.observer = new MutationObserver(retone);
    for (const node of [document.documentElement, (toneWatch.body = body)]) if (node) toneWatch.observer.observe(node, { attributes: true });
  }
}

/** The widget left: once none is on the page, nothing is watched. */
function unwatchTone(check: () => void): void {
  toneChecks.delete(check);
  if (toneChecks.size || !toneWatch) return;
  toneWatch.observer?.disconnect();
  toneWatch.scheme?.removeEventListener('change', retone);
  toneWatch = undefined;
}

/** The locales and currencies whose money formats are prepared (see `prepareMoney`). */
const preparedMoney = new Set<string>();

/**
 * Prepares what the first render of amounts needs while the widget waits for its vendor. `Intl`
 * loads its data as it is first used: a page's first money format loads the locale's data, the
 * numbering systems and the number formats at once, 60-90 ms on a mid-range phone, which made
 * the render of the first cards a long task. Touched one piece per idle moment instead, each
 * stays well under a long task's 50 ms. Once per locale and currency on the page.
 */
function prepareMoney(locale: string | undefined, currency: string): void {
  const key = `${locale} ${currency}`;
  if (preparedMoney.has(key)) return;
  preparedMoney.add(key);
  whenIdle(
    () => new Intl.Locale(locale ?? 'en').maximize(),
    () => Intl.supportedValuesOf?.('numberingSystem'),
    () => minorDigits(currency),
    () => formatMoney({ amount: 0, currency }, locale),
  );
}

/** Causes already warned about on this page (see `reportError`). */
const warnedCauses = new Set<string>();

const errorMessages: Record<WidgetErrorKind, MessageKey> = {
  config: 'errorConfig',
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  http: 'errorHttp',
  auth: 'errorAuth',
  'rate-limited': 'errorRateLimited',
  'invalid-response': 'errorInvalidResponse',
};

/**
 * Whose data a connection reads, for keying what is on screen. Through the proxy: the session's
 * `sub` and the claim of the vendor read (read, not verified: the proxy verifies), so a renewed
 * session for the same shopper keeps the view while another customer account or visitor does not;
 * a token that is not a JWT stands for itself. Direct mode: the API base.
 */
export function connectionSubject(connection: Connection, vendor: string): unknown[] {
  if (connection.mode === 'direct') return [connection.apiBase];
  const token = connection.customerSession;
  try {
    const claims = JSON.parse(atob(token!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    if (typeof claims.sub === 'string' && claims.sub) return [connection.proxyUrl, claims.sub, claims[vendor]];
  } catch {
    // Not a JWT: the token is all there is to go by.
  }
  return [connection.proxyUrl, token];
}

/**
 * Types only: `addEventListener` and `removeEventListener` typed by an element's own events, as
 * lib.dom types each built-in element's (on a `<buy-again-list>`, `e.detail.items` of
 * `widget-load` is never undefined), and `this` in a listener is the element. Declared once here
 * for both elements, on the class's interface.
 */
export interface WidgetElement<EventMap> {
  addEventListener<K extends keyof EventMap>(type: K, listener: (this: this, event: EventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof EventMap>(type: K, listener: (this: this, event: EventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * What both widgets share: the common attributes of the public contract, their resolution
 * (attribute, else `configure()` default, else built-in), the reflected read-only `state`,
 * messages, and the `widget-error` event. Subclasses render; this class holds no vendor logic.
 * `EventMap` types the listeners of the element's events.
 */
export abstract class WidgetElement<EventMap> extends LitElement {
  // Declared without decorators: the decorator helpers cost every script-tag shopper bytes.
  static override properties: PropertyDeclarations = {
    proxyUrl: { attribute: 'proxy-url' },
    apiBase: { attribute: 'api-base' },
    customerSession: { attribute: 'customer-session' },
    locale: {},
    currency: {},
    cacheTtl: { attribute: 'cache-ttl' },
    configVersion: { state: true },
    widgetState: { state: true },
  };

  /**
   * Base of the widget proxy; when set, requests go to `{proxy-url}/{source}/…` with no vendor
   * secrets. `none`: direct mode even when `configure()` set a page-wide proxy.
   */
  proxyUrl?: string;

  /** Vendor base URL in direct mode. */
  apiBase?: string;

  /** Signed session from the host's backend, sent to the proxy as `Authorization: Bearer …`. */
  customerSession?: string;

  /** BCP 47 locale for money and dates; default: the nearest `lang`, else the browser's. */
  locale?: string;

  /** ISO 4217 code for amounts the API sends without one (default `USD`). */
  currency?: string;

  /**
   * Seconds a result is served from cache before revalidating (default 300; `0` = off). A number
   * from code, the attribute's text from HTML; an empty attribute is "not set".
   */
  cacheTtl?: number | string;

  /** Bumped by `configure()` so page-wide defaults re-resolve. */
  protected configVersion = 0;

  private widgetState: WidgetState = 'loading';

  #stopConfigure?: () => void;
  #interrupted = false;
  /** The page defaults when the element left the page. */
  #configSeen?: object;

  /** The widget's data task; aborted when the element leaves the page, re-run when it returns. */
  protected abstract readonly task: Task<readonly unknown[], unknown>;

  /**
   * The task's arguments: every declared attribute but `locale` and the subclass's display-only
   * ones (`displayOnly`), plus `configVersion`. A change of any of them reloads; a change of
   * the others only re-renders.
   */
  protected loadArgs(...displayOnly: string[]): unknown[] {
    const args: unknown[] = [this.configVersion];
    for (const [name, options] of (this.constructor as typeof LitElement).elementProperties) {
      if (!options.state && name !== 'locale' && !displayOnly.includes(name as string)) args.push(this[name as keyof this]);
    }
    return args;
  }

  /**
   * The named attributes as resolved (attribute, else `configure()` default; trimmed if asked),
   * an empty one as undefined.
   */
  protected options<K extends keyof WidgetDefaults>(names: K[], trim = false): Partial<Record<K, string>> {
    return Object.fromEntries(
      names.map((name) => {
        const value = resolveOption(this[name as keyof this] as string | undefined, name, '');
        return [name, (trim ? value.trim() : value) || undefined];
      }),
    ) as Partial<Record<K, string>>;
  }

  /** A boolean attribute: present, else `true` from `configure()`. */
  protected flag(name: 'showUnavailable' | 'forceRefresh' | 'showDeleted' | 'reorder'): boolean {
    return resolveOption<unknown>((this as Record<string, unknown>)[name] || undefined, name, false) === true;
  }

  /** Whether leaving the page now cuts off work that must start again on return. */
  protected hasWorkInFlight(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** `loading`, `ready`, `empty` or `error`; reflected to the `state` attribute. Read only. */
  get state(): WidgetState {
    return this.widgetState;
  }

  protected setState(next: WidgetState): void {
    this.widgetState = next;
  }

  override connectedCallback(): void {
    // Connecting (the styles adopted, the watchers set up) is the widget's work too: its turn on
    // the main thread starts here, so a first render that would not fit waits for a task of its own.
    turnUsed();
    super.connectedCallback();
    this.#stopConfigure = onConfigure(() => (this.configVersion += 1));
    pageCache.addEventListener('update', this.onCacheUpdate);
    watchTone(this.#matchPageTone);
    this.#matchPageTone();
    // configure() called while the element was off the page: re-resolve (the task re-runs, as
    // for any change of its inputs).
    if (this.#configSeen && this.#configSeen !== pageDefaults()) {
      this.configVersion += 1;
      this.#interrupted = false;
    }
    // Moved in the DOM: the load aborted on disconnect starts again.
    if (this.#interrupted) {
      this.#interrupted = false;
      this.resume();
    }
  }

  /** Starts again what leaving the page cut off (see `hasWorkInFlight`): by default, the load. */
  protected resume(): void {
    void this.task.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopConfigure?.();
    this.#configSeen = pageDefaults();
    pageCache.removeEventListener('update', this.onCacheUpdate);
    unwatchTone(this.#matchPageTone);
    this.#interrupted = this.hasWorkInFlight();
    this.task.abort();
  }

  /** A background revalidation stored a newer value: show it. */
  protected abstract onCacheUpdate: () => void;

  /**
   * Renders now while the widgets' turn on the main thread lasts, else in a task of its own
   * (see `core/main-thread.ts`): two widgets connecting on a slow phone, or a long list arriving,
   * never hold the page's main thread in one long task.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return turnUsed() ? mayContinue().then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /**
   * Settles once the element has drawn everything asked of it: a list that arrived renders in
   * pieces on a slow device, one update each (see `RevealController`), and `await
   * el.updateComplete` finds it whole.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    while (!(await super.getUpdateComplete()));
    return true;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.getAttribute('state') !== this.widgetState) {
      this.setAttribute('state', this.widgetState);
      // In the frame that shows the new state (see `retone`): read now, inside this task, the
      // computed style would cost a style pass of its own over every new card.
      retone();
    }
    this.#restoreFocus();
  }

  /**
   * On a dark page (its text, which the widget inherits, is light) the built-in accent pair
   * switches to one readable there: whatever made the page dark (`color-scheme`, a
   * `prefers-color-scheme` query, a theme class), and never on a light page because the
   * shopper's system is dark. Checked when the element connects, in the frame that shows a
   * new state (not on every render: reading a computed style forces a style pass, which is not
   * free with a thousand cards), and when the system scheme or the shop's theme changes.
   */
  #matchPageTone = (): void => {
    // Nothing drawn yet (a first connection): the first render's own check comes after it.
    const base = this.renderRoot.querySelector<HTMLElement>('.base');
    if (!base) return;
    // Computed as rgb() for any sRGB colour (hex, names, hsl); other spaces count as not light.
    const [r, g, b] = getComputedStyle(this).color.match(/^rgba?\((\d+), (\d+), (\d+)/)?.slice(1).map(Number) ?? [0, 0, 0];
    base.classList.toggle('dark-page', 0.299 * r + 0.587 * g + 0.114 * b > 150);
    // Secondary text as light as WCAG AA allows against what it really sits on: the widget's
    // surface (a card's, where it has cards) over the page. Set only when it changes: a new
    // value restyles everything inside.
    const surfaces = [base, base.querySelector('.card')].filter((each): each is HTMLElement => !!each);
    const share = `${Math.max(...surfaces.map(readableMutedShare))}%`;
    if (base.style.getPropertyValue('--_muted-share') !== share) base.style.setProperty('--_muted-share', share);
  };

  /** What had focus inside the widget when an update began. */
  #focusedBefore?: Element | null;

  /**
   * Where focus goes when a render removed the focused control (a Retry or Load more that gave
   * way to what it loaded, a card that left the list): the subclass's choice, else the heading.
   * Focus moves without scrolling the page.
   */
  protected focusAfterRemoval(_removed: Element): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#heading');
  }

  #restoreFocus(): void {
    const focused = this.#focusedBefore as HTMLElement | null | undefined;
    this.#focusedBefore = undefined;
    if (!focused || this.shadowRoot?.activeElement) return;
    // Focus fell to the page with this render, not somewhere the shopper took it: the control
    // left (it gives way to a successor), or moved (a keyed list reordered) and lost focus.
    const active = document.activeElement;
    if (active && active !== document.body && active !== this) return;
    const target = focused.isConnected ? focused : this.focusAfterRemoval(focused);
    target?.focus({ preventScroll: true });
  }

  #localeInForce?: string;
  /** The locale's built-in language while it loads (see `languageLoaded`). */
  #languagePending?: Promise<void>;

  /** Resolves the locale once per update: every string and amount of a render uses it. */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#focusedBefore = this.shadowRoot?.activeElement;
    this.#localeInForce = this.#findLocale();
    const pending = loadTranslation(languageOf(this.#localeInForce));
    if (pending && pending !== this.#languagePending) void pending.then(() => this.requestUpdate());
    this.#languagePending = pending;
  }

  /**
   * Settles once the locale's language is loaded (at once for English, a language loaded
   * before, or one we do not ship). The data task awaits it before it shows anything but the
   * loading view, so a shopper never sees English flash before their language.
   */
  protected languageLoaded(): Promise<void> | undefined {
    return loadTranslation(languageOf(this.resolvedLocale));
  }

  /** The locale in force: attribute, `configure()`, nearest `lang`, the browser's. */
  protected get resolvedLocale(): string | undefined {
    return this.#localeInForce ?? this.#findLocale();
  }

  #findLocale(): string | undefined {
    const candidate = resolveOption(this.locale, 'locale', '') || this.closest('[lang]')?.getAttribute('lang') || undefined;
    if (!candidate) return typeof navigator === 'undefined' ? undefined : navigator.language;
    try {
      return Intl.getCanonicalLocales(candidate)[0];
    } catch {
      return undefined;
    }
  }

  /** The language the page gives the widget's content: the nearest `lang`, if any. */
  get #pageLanguage(): string | undefined {
    return this.closest('[lang]')?.getAttribute('lang') ?? undefined;
  }

  /**
   * The `lang` of the widget's own strings where it is not the page's: a locale whose language
   * ships no translation falls back to English, marked `en`; a `locale` unlike the page's `lang`
   * is marked with its own. Undefined where the page's `lang` already says it.
   */
  protected get messagesLang(): string | undefined {
    const language = messageLanguage(this.resolvedLocale);
    const page = this.#pageLanguage;
    return page?.split('-')[0].toLowerCase() === language ? undefined : language;
  }

  /**
   * The `lang` of vendor text (names, categories) inside a widget whose strings are marked with
   * another language (`messagesLang`): the page's, or `""` (unknown) on a page without one.
   */
  protected get contentLang(): string | undefined {
    return this.messagesLang === undefined ? undefined : (this.#pageLanguage ?? '');
  }

  /**
   * The locale of dates and times inside a phrase: the locale's own where its language has the
   * strings, else the language the strings fell back to, so a phrase is never half one language
   * ("Updated قبل 5 دقائق").
   */
  protected get phraseLocale(): string | undefined {
    const language = messageLanguage(this.resolvedLocale);
    return this.resolvedLocale?.split('-')[0].toLowerCase() === language ? this.resolvedLocale : language;
  }

  /**
   * A visible string, with `{placeholders}` filled in; empty while the locale's language loads
   * (the loading view shows shapes, not English, until then), unless `configure({ messages })`
   * set it, which wins in every language.
   */
  protected t(key: MessageKey, values?: Record<string, string | number>): string {
    if (this.#languagePending && pageDefault('messages')?.[key] === undefined && loadTranslation(languageOf(this.resolvedLocale))) return '';
    return formatMessage(message(key, this.resolvedLocale), values);
  }

  /**
   * The shopper's message for an error: plain words by its kind, never the developer's text
   * (that goes to `widget-error` and the console, see `reportError`).
   */
  protected renderErrorText(error: unknown): TemplateResult {
    return html`<p>${this.errorText(error)}</p>`;
  }

  /**
   * Whether Retry can help: the network, a timeout, the vendor's own failure (5xx, 408), a busy
   * vendor (429), or an answer we could not read (a maintenance page). Not a setup mistake, a
   * refused credential or session, or another 4xx: the same request would fail the same way, and
   * what fixes it (the page's attributes, a new session) reloads the widget by itself.
   */
  protected canRetry(error: unknown): boolean {
    const { kind, status = 500 } = error instanceof WidgetError ? error : ({} as Partial<WidgetError>);
    return kind === 'http' ? status >= 500 || status === 408 : kind !== 'config' && kind !== 'auth';
  }

  /**
   * The readable message for an error, by its kind. A refusal (403) is not the shopper's to fix
   * by signing in: the page asked for what its credentials or session do not cover.
   */
  protected errorText(error: unknown): string {
    const kind = error instanceof WidgetError ? error.kind : 'invalid-response';
    return this.t(errorMessages[kind === 'auth' && (error as WidgetError).status === 403 ? 'config' : kind]);
  }

  /**
   * Resolves the attributes every source needs into a context, or throws a `config` error that
   * names the attribute at fault. `defaultApiBase` is the vendor's, if it has one.
   */
  protected sourceContext(defaultApiBase?: string): SourceContext {
    // `proxy-url="none"` on the element: direct mode, whatever proxy `configure()` set for the
    // page. (Empty stays "not set", as for every attribute: a framework binding passes '' freely.)
    const proxySetting = resolveOption(this.proxyUrl, 'proxyUrl', '');
    const proxyUrl = proxySetting === 'none' ? '' : proxySetting;
    const currency = resolveOption(this.currency, 'currency', 'USD').toUpperCase();
    if (!isCurrencyCode(currency)) throw configError('currency', `"${currency}" is not an ISO 4217 currency code.`);
    prepareMoney(this.resolvedLocale, currency);
    const ttlSetting = resolveOption<string | number>(this.cacheTtl, 'cacheTtl', 300);
    const ttl = Number(ttlSetting);
    if (!Number.isFinite(ttl) || ttl < 0) throw configError('cache-ttl', `must be a number of seconds, not "${ttlSetting}".`);
    let connection: Connection;
    if (proxyUrl) {
      connection = { mode: 'proxy', proxyUrl, customerSession: resolveOption(this.customerSession, 'customerSession', '') || undefined };
    } else {
      const apiBase = resolveOption(this.apiBase, 'apiBase', defaultApiBase ?? '');
      if (!apiBase) throw requiredInDirectMode('api-base');
      connection = { mode: 'direct', apiBase };
    }
    const timeout = resolveOption<number | undefined>(undefined, 'timeout', undefined);
    return { connection, currency, cacheTtl: ttl * 1000, timeout };
  }

  /**
   * Reports a failure to the host page without ever throwing into it: a `widget-error` event
   * each time, and the developer's text (the attribute to fix, the status) in one console
   * warning per cause, however often a render or Retry meets it again.
   */
  protected reportError(error: unknown): void {
    const widgetError = toWidgetError(error);
    const { kind, status, url, message } = widgetError;
    // The text is the cause: it names the element, the kind, the status, the URL and the message.
    const cause = `<${this.localName}> ${kind}${status ? ` ${status}` : ''}${url ? ` from ${url}` : ''}: ${message}`;
    // Text only: a logged element is kept alive by the console after the page removed it.
    if (!warnedCauses.has(cause)) console.warn(cause);
    warnedCauses.add(cause);
    this.dispatchEvent(new WidgetErrorEvent({ error: widgetError }));
  }
}
