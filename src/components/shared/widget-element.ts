import { html, LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { initialState, TaskStatus, type Task } from '@lit/task';
import { pageCache } from '../../core/cache.ts';
import { toWidgetError, warn, WidgetError, type WidgetErrorKind } from '../../core/errors.ts';
import { onConfigure, pageDefault, pageDefaults, resolveOption, type WidgetDefaults } from '../../core/config.ts';
import type { MessageKey, SharedKey } from '../../core/messages.ts';
import { FocusController } from './focus-controller.ts';
import { resolveSourceContext } from './connection.ts';
import { LocalizeController } from './localize-controller.ts';
import { PageToneController } from './page-tone-controller.ts';
import { RevealController } from './reveal-controller.ts';
import { frameForFirstRender, mayContinue, turnUsed } from '../../core/main-thread.ts';
import { WidgetErrorEvent } from '../../events.ts';
import type { SourceContext } from '../../sources/source.ts';

export type WidgetState = 'loading' | 'ready' | 'empty' | 'error';

/** Causes already warned about on this page (see `reportError`). */
const warnedCauses = new Set<string>();

/** `rate-limited` as `RateLimited`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/** The message of each error kind, by its name: `errorRateLimited` for `rate-limited`. */
type ErrorMessage = `error${Pascal<WidgetErrorKind>}`;
const errorMessage = (kind: WidgetErrorKind) =>
  `error${kind.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())}` as ErrorMessage;

/**
 * Types only: `addEventListener` and `removeEventListener` typed by an element's own events, as
 * lib.dom types each built-in element's (on a `<buy-again-list>`, `e.detail.items` of
 * `widget-load` is never undefined), and `this` in a listener is the element. Declared once here
 * for both elements, on the class's interface.
 */
export interface WidgetElement<EventMap, Key extends MessageKey = SharedKey> {
  addEventListener<K extends keyof EventMap>(
    type: K,
    listener: (this: this, event: EventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof EventMap>(
    type: K,
    listener: (this: this, event: EventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * What both widgets share: the common attributes of the public contract, their resolution
 * (attribute, else `configure()` default, else built-in), the reflected read-only `state`,
 * messages, and the `widget-error` event. Subclasses render; this class holds no vendor logic.
 * `EventMap` types the listeners of the element's events; `Key`, the strings the element shows
 * (its own table's keys in messages.ts, besides the shared ones).
 */
export abstract class WidgetElement<EventMap, Key extends MessageKey = SharedKey> extends LitElement {
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

  constructor() {
    super();
    // Registered before the subclass's controllers: it notes the focus before any of them renders.
    new FocusController(this, (removed) => this.focusAfterRemoval(removed));
  }

  /**
   * Bumped by `configure()` so page-wide defaults re-resolve in a render; the data reloads only
   * where a setting it is loaded with changed (see `loadArgs`).
   */
  protected configVersion = 0;

  private widgetState: WidgetState = 'loading';

  /** Draws a list that arrived in pieces (see `RevealController`). */
  protected readonly reveal = new RevealController(this);

  /** The widget's language, strings and formats. */
  protected readonly localize = new LocalizeController<Key | SharedKey>(this);
  readonly #tone = new PageToneController(this);
  #stopConfigure?: () => void;
  #interrupted = false;
  /** The page defaults when the element left the page. */
  #configSeen?: object;

  /**
   * The widget's data task; aborted when the element leaves the page, re-run when it returns,
   * never started off it (see `offPage`).
   */
  protected abstract readonly task: Task<readonly unknown[], unknown>;

  /**
   * The task's arguments: what the data is loaded with. Every declared attribute but `locale` and
   * the subclass's display-only ones (`displayOnly`), each with its `configure()` default, and
   * the `timeout` default. A change of any of them reloads; any other change (`locale`, a
   * display-only attribute, `messages`, the analytics settings) only re-renders.
   */
  protected loadArgs(...displayOnly: string[]): unknown[] {
    const args: unknown[] = [pageDefault('timeout')];
    for (const [name, options] of (this.constructor as typeof LitElement).elementProperties) {
      if (!options.state && name !== 'locale' && !displayOnly.includes(name as string))
        args.push(this[name as keyof this], pageDefault(name as keyof WidgetDefaults));
    }
    return args;
  }

  /**
   * The named attributes as resolved (attribute, else `configure()` default), trimmed; an empty
   * one, or one of spaces only, as undefined.
   */
  protected options<K extends keyof WidgetDefaults>(names: K[]): Partial<Record<K, string>> {
    return Object.fromEntries(
      names.map((name) => [name, resolveOption(this[name as keyof this] as string | undefined, name, '') || undefined]),
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
    // configure() called while the element was off the page: re-resolve (the task re-runs where
    // a setting it loads with changed, as for any change of its inputs).
    if (this.#configSeen && this.#configSeen !== pageDefaults()) this.configVersion += 1;
    // Moved in the DOM: the load aborted on disconnect starts again.
    if (this.#interrupted) {
      this.#interrupted = false;
      this.resume();
    }
  }

  /**
   * Whether the task must not load now, for it is off the page (as the task's result: the task
   * goes back to its initial state). An update asked for before the element left (its inputs
   * changed in the same task as its removal: a route change, a `configure()`) still runs, and its
   * task would load from off the page; back on the page, the load starts instead.
   */
  protected offPage(): typeof initialState | undefined {
    if (this.isConnected) return;
    this.#interrupted = true;
    return initialState;
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
    this.#interrupted = this.hasWorkInFlight();
    this.task.abort();
  }

  /** A background revalidation stored a newer value: show it. */
  protected abstract onCacheUpdate: () => void;

  /**
   * Renders now while the widgets' turn on the main thread lasts, else in a task of its own
   * (see `core/main-thread.ts`): two widgets connecting on a slow phone, or a long list arriving,
   * never hold the page's main thread in one long task. The first render waits for the page's
   * first paint and for a frame without another widget's first render (`frameForFirstRender`),
   * then takes its turn.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const frame = this.hasUpdated ? undefined : frameForFirstRender();
    if (frame) return frame.then(() => this.scheduleUpdate());
    return turnUsed() ? mayContinue().then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /**
   * Settles once the element has drawn everything asked of it: a list that arrived renders in
   * pieces on a slow device, one update each (see `RevealController`), and `await
   * el.updateComplete` finds it whole.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    for (;;) {
      while (!(await super.getUpdateComplete()));
      const nextRows = this.reveal.nextRows;
      if (!nextRows) return true;
      await nextRows;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.getAttribute('state') !== this.widgetState) {
      this.setAttribute('state', this.widgetState);
      // In the frame that shows the new state (see PageToneController): read now, inside this task, the
      // computed style would cost a style pass of its own over every new card.
      this.#tone.checkNextFrame();
    }
  }

  /**
   * Where focus goes when a render removed the focused control (a Retry or Load more that gave
   * way to what it loaded, a card that left the list): the subclass's choice, else the heading.
   * Focus moves without scrolling the page.
   */
  protected focusAfterRemoval(_removed: Element): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#heading');
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
    return this.localize.t(errorMessage(kind === 'auth' && (error as WidgetError).status === 403 ? 'config' : kind));
  }

  /**
   * Resolves the attributes every source needs into a context, or throws a `config` error that
   * names the attribute at fault. `defaultApiBase` is the vendor's, if it has one.
   */
  protected sourceContext(defaultApiBase?: string): SourceContext {
    const context = resolveSourceContext(this, defaultApiBase);
    this.localize.prepareMoney(context.currency);
    return context;
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
    if (!warnedCauses.has(cause)) warn(cause);
    warnedCauses.add(cause);
    this.dispatchEvent(new WidgetErrorEvent({ error: widgetError }));
  }
}

// An app's development server runs Lit's development build, which warns once per element about an
// update asked for while one ends. The widgets do that by design: a list's further pieces after
// the first, and prev/next after the cards they measure. Production builds drop this line.
if (import.meta.env.DEV) WidgetElement.disableWarning?.('change-in-update');
