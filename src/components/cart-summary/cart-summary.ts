import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { CacheUpdateEvent } from '../../core/cache.ts';
import { configError, isAbortError, type WidgetError } from '../../core/errors.ts';
import { resolveOption } from '../../core/config.ts';
import { mayContinue } from '../../core/main-thread.ts';
import { cartMessages, type CartKey } from '../../core/messages.ts';
import { addMessages } from '../../core/translations.ts';
import { dateTimeFormat } from '../../core/formatters.ts';
import { cartEntries, reportAnalytics } from '../../core/analytics.ts';
import { WidgetLoadEvent, type CartSummaryLoadDetail, type WidgetEventMap } from '../../events.ts';
import { cartTotals, newestFirst, pickCart, type Cart, type CartLine } from '../../model.ts';
import { createGiosgSource, GIOSG_DEFAULT_BASE, type CartSource, type GiosgOptions } from '../../sources/giosg.ts';
import { formatRelativeTime } from '../shared/relative-time.ts';
import { InViewController } from '../shared/in-view-controller.ts';
import { connectionSubject } from '../shared/connection.ts';
import { WidgetElement, type WidgetState } from '../shared/widget-element.ts';
import { reorderLines, ReorderController } from './reorder-controller.ts';
import { styles } from './cart-summary.styles.ts';
import { lineTemplate, reorderStatusText, reorderTemplate, totalsTemplate } from './cart-summary.templates.ts';

export type CartView = 'latest' | 'all';

/** What a load produced: the cart to show and every cart of the scope, newest first. */
export interface CartSummaryData {
  cart: Cart | null;
  carts: Cart[];
}

const SKELETON_LINES = 3;

/**
 * Lines rendered at first, and added each time the shopper scrolls near the last of those: more
 * than the tallest screen shows at once (a line is at least two lines of text), as the carousel's
 * 60 cards, so a cart of a hundred lines or thousands costs what is near view. Totals always sum
 * every line.
 */
const LINE_STEP = 60;

/**
 * A shopper's basket from the giosg Basket API: a shop's mini-cart, or an agent's view of
 * every cart a chat visitor has. A cart of many lines renders the first 60, then more as
 * the shopper scrolls near them; its totals always count every line.
 *
 * @tagname cart-summary
 * @summary Cart lines, totals and subscriptions of a giosg visitor's carts.
 *
 * @attr {'loading' | 'ready' | 'empty' | 'error'} state - Reflected, read only: what the widget shows now. Style or
 *   test by it (`cart-summary[state="error"]`); setting it does nothing.
 *
 * @fires {WidgetLoadEvent<CartSummaryLoadDetail>} widget-load - Data rendered. Detail: `{ cart, carts }` (`cart` is
 *   the one shown by `view="latest"`, or null; `carts` are all of the scope's carts, newest first).
 * @fires {WidgetErrorEvent} widget-error - Something failed. Detail: `{ error: { kind, status?, message } }`: the
 *   developer's text (the attribute to fix), also in one `console.warn` per cause; the shopper
 *   reads plain words by kind.
 * @fires {ReorderEvent} reorder - Buy again was pressed on a purchased cart (`reorder` and
 *   `view="all"`). Cancelable. Detail: `{ cart, lines }` (the cart's lines that are not deleted
 *   and hold pieces or a subscription; on Retry only the failed ones). Report the add with
 *   `event.waitUntil(promise)`; the promise may resolve to `{ failed: [lineId, …] }`.
 * @fires {WidgetAnalyticsEvent} widget-analytics - `view_cart` once per cart shown (the widget, or an open
 *   cart of `view="all"`, half in view for 1 s), and `add_to_cart` for the lines a Buy again's
 *   handler reported added, as a GA4 ecommerce object (`detail` = `{ event, ecommerce }`, with
 *   the exact `value`). Never personal data.
 *
 * @slot heading - Replaces the heading text ("Your cart", or "Carts" for `view="all"`).
 * @slot empty - Replaces the message shown when the cart is empty or there are no carts.
 * @slot error - Replaces the error message (the Retry button stays, where Retry can help: not
 *   for a refused credential or a setup mistake).
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The heading with the cart's badge and "updated" time.
 * @csspart badge - The "Purchased" badge of a locked cart.
 * @csspart line - One cart line.
 * @csspart line-name - A line's product name.
 * @csspart line-quantity - A line's "quantity × unit value" (and per-month subscription).
 * @csspart line-total - A line's total (and monthly subscription total).
 * @csspart totals - The list of sums under the lines.
 * @csspart total - The cart total row.
 * @csspart subscription-total - The monthly subscriptions row.
 * @csspart status - The empty and error messages.
 * @csspart retry-button - The Retry button of the error view.
 * @csspart reorder-button - The "Buy again" button of a purchased cart (`reorder`, `view="all"`);
 *   it also says Adding…, Added, Retry (for the lines that failed) or Cannot add here.
 * @csspart reorder-status - Beside the Buy again button: what the last press came to ("2 of 3
 *   added. Not added: …", or why nothing was).
 *
 * @cssprop [--storefront-font=inherit] - Font family (inherited from the page).
 * @cssprop [--storefront-color-text=currentColor] - Text colour (inherited from the page).
 * @cssprop [--storefront-color-muted=currentColor] - Secondary text colour: by default the text colour, thinned
 *   only as far as WCAG AA allows against the background behind the widget.
 * @cssprop [--storefront-color-accent=#1a5fd0] - Buttons, badges and focus rings (`#8ab4ff` by default on a dark page,
 *   one whose text is light, followed as the page's theme changes). Rings and accent text take the page's text
 *   colour where the accent would not read on the page.
 * @cssprop [--storefront-color-on-accent=#fff] - Text on accent-coloured buttons (`#0b1b33` where that reads
 *   better on the accent).
 * @cssprop [--storefront-color-surface=transparent] - Background of the widget.
 * @cssprop [--storefront-color-border=color-mix(in srgb, currentColor 16%, transparent)] - Frame and divider colour.
 * @cssprop [--storefront-radius=0.5em] - Corner radius of the frame, badges and buttons.
 * @cssprop [--cart-summary-padding=1em] - Space inside the frame.
 * @cssprop [--cart-summary-background=var(--storefront-color-surface, transparent)] - Background.
 * @cssprop [--cart-summary-border=1px solid var(--storefront-color-border)] - The frame (`none` for none).
 * @cssprop [--cart-summary-line-gap=0.75em] - Space between lines.
 * @cssprop [--cart-summary-badge-color=var(--storefront-color-accent)] - Text colour of the "Purchased" badge.
 * @cssprop [--cart-summary-badge-background=color-mix(in srgb, var(--storefront-color-accent) 12%, transparent)] -
 *   Background of the "Purchased" badge.
 */
export class CartSummary extends WidgetElement<WidgetEventMap<CartSummaryLoadDetail>, CartKey> {
  constructor() {
    super();
    // The cart's English (section 2 of every translation), added by the element, not by its
    // module: an app that imports the other widget alone shakes this one's strings out.
    addMessages(2, cartMessages);
  }

  static override styles = styles;
  static override properties: PropertyDeclarations = {
    userId: { attribute: 'user-id' },
    chatId: { attribute: 'chat-id' },
    visitorId: { attribute: 'visitor-id' },
    roomId: { attribute: 'room-id' },
    orgId: { attribute: 'org-id' },
    chatType: { attribute: 'chat-type', reflect: true },
    cartId: { attribute: 'cart-id' },
    view: { reflect: true },
    apiToken: { attribute: 'api-token' },
    showDeleted: { attribute: 'show-deleted', type: Boolean, reflect: true },
    reorder: { type: Boolean, reflect: true },
    expanded: { state: true },
    announcement: { state: true },
    renderLimit: { state: true },
  };

  protected readonly task = new Task(this, {
    // Everything but `show-deleted` and `reorder`: they change only what the loaded carts show.
    args: () => this.loadArgs('showDeleted', 'reorder'),
    task: (_args, { signal }) => this.offPage() ?? this.#load(signal),
  });

  /** Buy again on each purchased cart: `reorder` to the page, and the outcome shown and announced. */
  readonly #reorders = new ReorderController(this, {
    // Announced; clearing first makes a repeated message (Retry failing again) be announced again.
    ended: (state) => {
      const text = reorderStatusText(this.localize, state);
      this.announcement = '';
      clearTimeout(this.#reorderAnnounceTimer);
      this.#reorderAnnounceTimer = setTimeout(() => (this.announcement = text), 50);
    },
    // The one place a reorder's success is reported: one `add_to_cart` with the lines of `cart`
    // that the handler added (every line sent, less those it reported failed; a Retry reports its
    // own), in the list the shopper saw.
    added: (cart, lines) =>
      reportAnalytics(
        this,
        'add_to_cart',
        { id: 'giosg', name: this.localize.t('cartsHeading') },
        cartEntries({ ...cart, lines }),
        cart.currency,
      ),
  });

  /**
   * `view_cart` once per cart shown: the widget (`latest`), or an open cart's lines (`all`),
   * half in view for 1 s.
   */
  readonly #inView = new InViewController(this, {
    parts: () =>
      this.state !== 'ready'
        ? []
        : this.#resolvedView === 'all'
          ? [...this.renderRoot.querySelectorAll('.cart-body:not([hidden])')]
          : [this],
    key: (part) => (part === this ? this.task.value?.cart : this.task.value?.carts[Number(part.id.slice(5))])?.id,
    onSeen: (ids) => {
      for (const cart of this.task.value?.carts ?? []) {
        if (ids.includes(cart.id))
          reportAnalytics(
            this,
            'view_cart',
            { id: 'giosg', name: this.localize.t(this.#resolvedView === 'all' ? 'cartsHeading' : 'cartHeading') },
            cartEntries(cart),
            cart.currency,
          );
      }
    },
  });

  /** Carts of `view="all"` whose lines are shown. */
  private expanded = new Set<string>();
  /** How many lines of a cart are rendered (LINE_STEP); more as the shopper nears the last. */
  private renderLimit = LINE_STEP;
  /** Watches the marker after the rendered lines of a long cart. */
  #moreLines?: IntersectionObserver;

  /** Agent (user) id: with `chat-id` + `visitor-id`, or `room-id` + `visitor-id`. */
  userId?: string;

  /** Chat id: with `user-id` + `visitor-id`, or `org-id` + `chat-type`. */
  chatId?: string;

  /** The visitor whose carts to show (user scopes). */
  visitorId?: string;

  /** Room id: with `user-id` + `visitor-id`. Rooms have no line items, only cart totals. */
  roomId?: string;

  /** Organization id: with `chat-id` + `chat-type`. */
  orgId?: string;

  /** Which of the organization's chats `chat-id` is: `owned`, `involved` or `routed`. */
  chatType?: 'owned' | 'involved' | 'routed';

  /** The cart to show; default: the most recently updated unlocked cart, else the most recent. */
  cartId?: string;

  /** `latest` (default): one cart. `all`: every cart, newest first, each expandable to its lines. */
  view?: CartView;

  /** giosg API token, sent as `Authorization: Token …` (direct mode only; never with `proxy-url`). */
  apiToken?: string;

  /** Shows lines removed from the cart, struck through (they never count in the sums). */
  showDeleted = false;

  /**
   * Gives each purchased (locked) cart of `view="all"` a "Buy again" button that fires
   * `reorder`. It declares that the page handles that event: giosg has no cart API, so the
   * page adds the lines (a press that nothing handles says they cannot be added here). Also a
   * page-wide default: `configure({ reorder: true })`.
   */
  reorder = false;

  /**
   * The live region's news of the last Buy again (`''` for a moment before it, so a repeated
   * message is read again); undefined: the region says the load state.
   */
  private announcement: string | undefined = undefined;
  #reorderAnnounceTimer?: ReturnType<typeof setTimeout>;

  #source?: CartSource;
  /** The key of the data on screen, if any: a reload of the same inputs keeps it in view. */
  #shownKey?: string;
  #forceNext = false;
  #loadEventPending = false;
  #updatedWhileLoading = false;
  #failure?: unknown;

  /** A stale list this element showed was revalidated behind it: show the new one. */
  protected onCacheUpdate = (event?: Event): void => {
    // Read the key, not the class: another copy of the library on the page may have sent it.
    const key = (event as CacheUpdateEvent | undefined)?.key;
    if (typeof key !== 'string' || !this.#source?.reads(key)) return;
    // Mid-load (a cart's lines revalidated while another cart's are fetched): load again once
    // this load is done, or the cart would show old lines beside a new total.
    if (this.task.status === TaskStatus.PENDING) this.#updatedWhileLoading = true;
    else if (this.task.status === TaskStatus.COMPLETE) void this.task.run();
  };

  /** Reloads, bypassing the cache. Resolves when the new data (or the error) is shown; never rejects. */
  async refresh(): Promise<void> {
    this.#forceNext = true;
    await this.task.run();
    await this.updateComplete;
  }

  get #resolvedView(): CartView {
    return resolveOption<string>(this.view, 'view', 'latest') as CartView;
  }

  async #load(signal: AbortSignal): Promise<CartSummaryData | typeof initialState> {
    // Kept until a load has its data: a refresh() that an input change in the same task
    // cut off still forces the load that replaces it, and one that failed, the next.
    const force = this.#forceNext;
    try {
      const context = this.sourceContext(GIOSG_DEFAULT_BASE);
      this.localize.prepare('relative time', (locale) => formatRelativeTime(new Date(), locale));
      const { cartId, ...options }: GiosgOptions & { cartId?: string } = this.options([
        'apiToken',
        'userId',
        'chatId',
        'visitorId',
        'roomId',
        'orgId',
        'chatType',
        'cartId',
      ]);
      const view = this.#resolvedView;
      if (view !== 'latest' && view !== 'all') throw configError('view', 9, view);
      const source = createGiosgSource(context, options);
      // Keyed on whose carts and which view (a change means another shopper's data, never shown in
      // between), not on the session token itself or display settings: a renewed session for the
      // same visitor, or another currency, reloads with the carts in view.
      const key = JSON.stringify([connectionSubject(context.connection, 'giosg'), options, view, cartId]);
      this.#source = source;
      if (key !== this.#shownKey) {
        this.#shownKey = undefined;
        this.setState('loading');
        this.#inView.reset();
        this.#reorders.reset();
      }
      // The request in a task of its own when the render that started this load used the turn.
      await mayContinue();
      signal.throwIfAborted();
      let picked: Cart | undefined;
      let carts: Cart[];
      // A listed cart whose lines answer 404 has left the scope since the list was read (a list
      // from the page cache, or read just before): the list is read once more from the vendor.
      // What still answers 404 from the new list fails the load, as a whole chat gone does.
      for (let fresh = force; ; fresh = true) {
        const listed = newestFirst(await source.loadCarts({ signal, force: fresh }));
        picked = pickCart(listed, cartId);
        if (cartId && !picked) throw configError('cart-id', 10, cartId);
        try {
          if (view === 'all') {
            carts = await Promise.all(listed.map((cart) => source.loadLines(cart, { signal, force })));
          } else {
            const withLines = picked ? await source.loadLines(picked, { signal, force }) : undefined;
            carts = listed.map((cart) => (cart === picked && withLines ? withLines : cart));
          }
          break;
        } catch (error) {
          if (fresh || (error as WidgetError).status !== 404) throw error;
        }
      }
      await this.localize.languageLoaded();
      signal.throwIfAborted();
      this.#forceNext = false;
      const cart = picked ? (carts.find((each) => each.id === picked.id) ?? null) : null;
      this.#shownKey = key;
      // Empty: `all`, no carts at all; `latest`, no cart, or nothing left in it.
      const empty =
        view === 'all'
          ? !carts.length
          : !cart || (cart.lines !== null && cart.lines.every((line) => line.isDeleted) && !cart.totalValue?.amount);
      // Carts in place of a skeleton, an error or the empty view (as for any new inputs): the
      // picked cart open, as on a first load, and the lines drawn in pieces (RevealController).
      if (this.state !== 'ready') {
        this.expanded = new Set(view === 'all' && cart ? [cart.id] : []);
        this.renderLimit = LINE_STEP;
        if (!empty) this.reveal.restart();
      }
      this.setState(empty ? 'empty' : 'ready');
      this.#loadEventPending = true;
      return { cart, carts };
    } catch (error) {
      await this.localize.languageLoaded();
      // Cut off (by leaving the page, or by a newer load): the data shown, if any, stays in view.
      if (signal.aborted) return this.#shownKey ? this.task.value! : initialState;
      if (!isAbortError(error)) {
        this.#shownKey = undefined;
        // Kept for the live region: the task holds the error only once this rejection lands.
        this.#failure = error;
        this.setState('error');
        this.reportError(error);
      }
      throw error;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#watchMoreLines();
    if (this.#updatedWhileLoading && this.task.status !== TaskStatus.PENDING) {
      this.#updatedWhileLoading = false;
      // Read from the page cache, now fresh: no request unless something is stale again.
      if (this.task.status === TaskStatus.COMPLETE) void this.task.run();
    }
    if (this.#loadEventPending && this.task.status === TaskStatus.COMPLETE && this.task.value && this.reveal.done) {
      this.#loadEventPending = false;
      this.dispatchEvent(new WidgetLoadEvent({ cart: this.task.value.cart, carts: this.task.value.carts }));
    }
  }

  override render(): TemplateResult {
    const shown = this.task.value;
    const body = this.task.render({
      initial: () => this.#renderSkeleton(),
      // A reload of the same inputs (refresh, revalidation) keeps the data in view meanwhile.
      pending: () => (shown && this.#shownKey ? this.#renderData(shown) : this.#renderSkeleton()),
      complete: (data) => this.#renderData(data),
      error: (error) => (isAbortError(error) ? this.#renderSkeleton() : this.#renderError(error)),
    });
    return html`
      <section
        part="base"
        class="base"
        lang=${this.localize.messagesLang ?? nothing}
        aria-labelledby="heading"
        aria-busy=${String(this.task.status === TaskStatus.PENDING)}
      >
        ${body}
        <div class="visually-hidden" role="status" aria-live="polite">${this.#liveText(shown)}</div>
      </section>
    `;
  }

  /**
   * What the polite live region says: it changes, and so is read out, only when the state does,
   * or (with the carts in view) when a Buy again ends.
   */
  #liveText(data: CartSummaryData | undefined): string {
    switch (this.state) {
      case 'loading':
        return this.localize.t(this.#resolvedView === 'all' ? 'loadingCarts' : 'loadingCart');
      case 'error':
        return this.errorText(this.#failure);
      case 'empty':
        return this.localize.t(this.#resolvedView === 'all' ? 'noCarts' : 'emptyCart');
      default: {
        if (this.announcement !== undefined) return this.announcement;
        if (!data) return '';
        if (this.#resolvedView === 'all') return this.#cartCount(data.carts.length);
        const total = data.cart && cartTotals(data.cart).total;
        // A cart without a known total still says it came: silence would leave "Loading" the last word.
        return total
          ? this.localize.t('cartLoaded', { total: this.localize.money(total) })
          : this.localize.t('cartReady');
      }
    }
  }

  #heading(): TemplateResult {
    const text = this.localize.t(this.#resolvedView === 'all' ? 'cartsHeading' : 'cartHeading');
    return html`<h2 id="heading" tabindex="-1"><slot name="heading">${text}</slot></h2>`;
  }

  /** The loaded data: every cart (`view="all"`), else the one cart, or the empty view. */
  #renderData({ cart, carts }: CartSummaryData): TemplateResult {
    if (this.state === 'empty') return this.#renderEmpty();
    if (this.#resolvedView === 'all') {
      // Asked even with every cart closed, so the list is then whole; not for none: the empty
      // view's data, still shown for one update as carts arrive (the state changes first).
      if (carts.length) this.reveal.rows(0);
      return html`
        <header part="header" class="header">
          ${this.#heading()}
          <span class="count">${this.#cartCount(carts.length)}</span>
        </header>
        <ul class="carts" role="list">
          ${repeat(
            carts,
            (cart) => cart.id,
            (cart, index) => this.#renderDisclosure(cart, index),
          )}
        </ul>
      `;
    }
    if (!cart) return this.#renderEmpty();
    return html`
      <header part="header" class="header">
        ${this.#heading()} ${cart.isLocked ? this.#renderBadge(cart) : nothing} ${this.#renderUpdated(cart)}
      </header>
      ${this.#renderCart(cart)}
    `;
  }

  #renderDisclosure(cart: Cart, index: number): TemplateResult {
    const open = this.expanded.has(cart.id);
    const total = cartTotals(cart).total;
    const panel = `cart-${index}`;
    return html`
      <li class="cart">
        <h3>
          <button
            id="toggle-${index}"
            class="disclosure"
            aria-expanded=${String(open)}
            aria-controls=${panel}
            @click=${() => {
              const next = new Set(this.expanded);
              if (!next.delete(cart.id)) next.add(cart.id);
              this.expanded = next;
            }}
          >
            <svg class="chevron" aria-hidden="true" viewBox="0 0 24 24"><path d="M9 5l7 7-7 7" /></svg>
            <span class="cart-title">${cart.isLocked ? this.#renderBadge(cart) : this.localize.t('openCart')}</span>
            ${this.#renderUpdated(cart)}
            <span class="cart-total">${total ? this.localize.money(total) : nothing}</span>
          </button>
        </h3>
        <div id=${panel} class="cart-body" ?hidden=${!open}>${open ? this.#renderCart(cart) : nothing}</div>
        ${
          // Buy again (with `reorder`, on purchased carts that have lines to add) and, once
          // pressed, what it came to beside it.
          this.flag('reorder') && cart.isLocked && reorderLines(cart).length
            ? reorderTemplate(this.localize, this.#reorders.state(cart.id), index, () => this.#reorders.reorder(cart))
            : nothing
        }
      </li>
    `;
  }

  /** The "Purchased" badge of a locked cart, with the date where it is known. */
  #renderBadge(cart: Cart): TemplateResult {
    const label = cart.lockedAt
      ? this.localize.t('purchasedOn', { date: this.#date(cart.lockedAt) })
      : this.localize.t('purchased');
    return html`<span part="badge" class="badge">${label}</span>`;
  }

  #renderUpdated(cart: Cart): TemplateResult | typeof nothing {
    const when = cart.updatedAt ?? cart.createdAt;
    if (!when) return nothing;
    const text = this.localize.t('updated', { time: formatRelativeTime(when, this.localize.phraseLocale) });
    return html`<time class="meta" datetime=${when.toISOString()} title=${this.#date(when, true)}>${text}</time>`;
  }

  /** A cart's lines (or why there are none) and its totals. */
  #renderCart(cart: Cart): TemplateResult {
    const totals = cartTotals(cart);
    const showDeleted = this.flag('showDeleted');
    const lines = cart.lines?.filter((line) => showDeleted || !line.isDeleted) ?? null;
    // Asked even where there are none (lines not available, or all removed): the cart is then whole.
    const rows = this.reveal.rows(Math.min(this.renderLimit, lines?.length ?? 0));
    return html`
      ${
        lines === null
          ? html`<p class="note">${this.localize.t('linesUnavailable')}</p>`
          : html`<ul class="lines" role="list">
              ${repeat(
                lines.slice(0, rows),
                (line) => line.id,
                (line) => this.#guardedLine(line),
              )}
            </ul>`
      }
      ${lines && lines.length > this.renderLimit ? html`<div class="more-lines" aria-hidden="true"></div>` : nothing}
      ${totalsTemplate(this.localize, totals)}
    `;
  }

  /** A long cart's marker after its rendered lines: once it nears view, more lines render. */
  #watchMoreLines(): void {
    this.#moreLines?.disconnect();
    const markers = this.renderRoot.querySelectorAll('.more-lines');
    if (!markers.length || typeof IntersectionObserver === 'undefined') return;
    this.#moreLines ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.renderLimit += LINE_STEP;
      },
      { rootMargin: '100% 0px' },
    );
    markers.forEach((marker) => this.#moreLines!.observe(marker));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#moreLines?.disconnect();
  }

  /**
   * A line, rendered again only when it or what it is shown in changed: more lines arriving as
   * the shopper scrolls, or the live region's news, re-render none of the lines already there.
   */
  #guardedLine(line: CartLine): unknown {
    // `total` stands for the messages in force: it changes when configure() or a language does.
    return guard(
      [line, this.localize.locale, this.localize.contentLang, this.configVersion, this.localize.t('total')],
      () => lineTemplate(this.localize, line),
    );
  }

  #renderEmpty(): TemplateResult {
    const text = this.localize.t(this.#resolvedView === 'all' ? 'noCarts' : 'emptyCart');
    return html`
      <header part="header" class="header">${this.#heading()}</header>
      <div part="status" class="status">
        <slot name="empty"><p>${text}</p></slot>
      </div>
    `;
  }

  #renderError(error: unknown): TemplateResult {
    return html`
      <header part="header" class="header">${this.#heading()}</header>
      <div part="status" class="status error">
        <slot name="error">${this.renderErrorText(error)}</slot>
        ${
          this.canRetry(error)
            ? html`<button part="retry-button" class="button" @click=${() => this.refresh()}>
                ${this.localize.t('retry')}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderSkeleton(): TemplateResult {
    const bar = html`<span class="bar shimmer"></span>`;
    // The size of a cart of SKELETON_LINES lines with a category each, "Updated …" under the
    // heading (one cart's view: a blank line here) and a total, which takes its place without
    // moving the page below.
    return html`
      <header part="header" class="header">
        ${this.#heading()}${this.#resolvedView === 'all' ? nothing : html`<span class="meta">&nbsp;</span>`}
      </header>
      <div class="skeleton pulse" aria-hidden="true">
        <ul class="lines" role="list">
          ${Array.from(
            { length: SKELETON_LINES },
            () => html`
              <li class="line">
                <div class="what"><span class="name">${bar}</span><span class="category">${bar}</span></div>
                <span class="quantity"><span>${bar}</span></span>
                <span class="amount"><span>${bar}</span></span>
              </li>
            `,
          )}
        </ul>
        <div class="totals">
          <div class="grand"><span>${bar}</span><span>${bar}</span></div>
        </div>
      </div>
    `;
  }

  /** An announcement about Buy again gives way to the news of any later load state. */
  protected override setState(next: WidgetState): void {
    if (next !== 'ready') {
      clearTimeout(this.#reorderAnnounceTimer);
      this.announcement = undefined;
    }
    super.setState(next);
  }

  #cartCount(count: number): string {
    return count === 1
      ? this.localize.t('oneCart')
      : this.localize.t('cartCount', { count: this.localize.number(count) });
  }

  #date(date: Date, withTime = false): string {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: withTime ? 'short' : undefined };
    try {
      return dateTimeFormat(this.localize.phraseLocale, options).format(date);
    } catch {
      return date.toISOString();
    }
  }
}
