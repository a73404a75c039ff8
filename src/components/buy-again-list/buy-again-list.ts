import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { isAbortError, configError } from '../../core/errors.ts';
import type { CacheUpdateEvent } from '../../core/cache.ts';
import { resolveOption } from '../../core/config.ts';
import { mayContinue } from '../../core/main-thread.ts';
import { purchasedEntries, reportAnalytics, type AnalyticsEventName } from '../../core/analytics.ts';
import {
  AddToCartEvent,
  ItemSelectEvent,
  WidgetLoadEvent,
  type BuyAgainListLoadDetail,
  type WidgetEventMap,
} from '../../events.ts';
import type { PurchasedItem } from '../../model.ts';
import { PURCHASE_SOURCES, purchaseSource } from '../../sources/purchase-sources.ts';
import type { PurchaseSource, SourceContext } from '../../sources/source.ts';
import { InViewController } from '../shared/in-view-controller.ts';
import { connectionSubject } from '../shared/connection.ts';
import { WidgetElement } from '../shared/widget-element.ts';
import { CarouselController, SLIDE_CONTROL } from './carousel-controller.ts';
import { styles } from './buy-again-list.styles.ts';
import {
  cardTemplate,
  emptyTemplate,
  errorTemplate,
  navTemplate,
  pagerTemplate,
  skeletonTemplate,
  type AddState,
} from './buy-again-list.templates.ts';

const SKELETON_CARDS = 6;

/**
 * Cards rendered at first, and added each time the shopper scrolls or pages near the end of
 * those: more than the widest screen shows at once, so a long list costs what is in view, not
 * what is in the list. Every card still says "n of N" of the whole list.
 */
const RENDER_STEP = 60;

/**
 * Whose list a source reads: the vendor, where from, and who (the site and customer in direct
 * mode; the session's subject through the proxy). Not credentials that renew for the same
 * shopper (an access token, a fresh session), nor display settings: a change of those reloads
 * with the list still on screen.
 */
function whoseList(source: string, context: SourceContext, direct: readonly (string | undefined)[]): string {
  return JSON.stringify([
    source,
    ...connectionSubject(context.connection, source),
    ...(context.connection.mode === 'direct' ? direct : []),
  ]);
}

/**
 * A "Buy it again" carousel of a shopper's purchase history, from CS Omni or Algonomy RCDP.
 * A long list renders progressively: the cards in and near view first, more as the shopper
 * scrolls, pages or moves by keyboard towards them (End renders the rest); every card is
 * labelled "n of N" of the whole list.
 *
 * @tagname buy-again-list
 * @summary Purchase-history carousel with Add to cart.
 *
 * @attr {'loading' | 'ready' | 'empty' | 'error'} state - Reflected, read only: what the widget shows now. Style or
 *   test by it (`buy-again-list[state="error"]`); setting it does nothing.
 *
 * @fires {WidgetLoadEvent<BuyAgainListLoadDetail>} widget-load - Items rendered. Detail: `{ items }`.
 * @fires {WidgetErrorEvent} widget-error - Something failed. Detail: `{ error: { kind, status?, message } }`: the
 *   developer's text (the attribute to fix), also in one `console.warn` per cause; the shopper
 *   reads plain words by kind.
 * @fires {AddToCartEvent} add-to-cart - The shopper pressed Add to cart. Detail: `{ item, quantity }`.
 *   Every press ends in an outcome on the button, announced: call `event.waitUntil(promise)` to
 *   add with your own cart (it cancels the default; the button shows Adding…, then Added, or
 *   Retry if the promise rejects or resolves to `{ failed: [item.id] }`). Not cancelled, the CS
 *   Omni source with a customer adds it through `POST /cart` and `POST /cartprods` (the same
 *   states; a failure also fires `widget-error`); where there is no cart (Algonomy, CS Omni
 *   without a customer) the button says "Cannot add here". Cancelled without `waitUntil()`: the
 *   page shows its own outcome.
 * @fires {ItemSelectEvent} item-select - The shopper chose an item. Cancelable: cancel it to route in your app;
 *   otherwise the page follows `item.url`. Detail: `{ item }`.
 * @fires {WidgetAnalyticsEvent} widget-analytics - What the shopper saw or did, as a GA4 ecommerce object
 *   (`detail` = `{ event, ecommerce }`): `view_item_list` for cards first seen (half the carousel
 *   in view for 1 s), `select_item` when an item is followed, `add_to_cart` when an add succeeded.
 *   Never personal data. `configure({ dataLayer })` pushes the same objects once consent allows.
 *
 * @slot heading - Replaces the heading text.
 * @slot empty - Replaces the message shown when there is nothing to buy again.
 * @slot error - Replaces the error message (the Retry button stays, where Retry can help: not
 *   for a refused credential or a setup mistake).
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The heading.
 * @csspart viewport - The scrolling row of cards.
 * @csspart item - A card.
 * @csspart image - A card's image (or its placeholder).
 * @csspart name - A card's product name.
 * @csspart price - A card's price.
 * @csspart meta - A card's "bought N times" line.
 * @csspart add-button - A card's Add to cart button.
 * @csspart prev-button - The previous-items button.
 * @csspart next-button - The next-items button.
 * @csspart status - The loading, empty and error messages.
 * @csspart retry-button - The Retry button of the error view and of a failed page.
 * @csspart load-more-button - The Load more button (paged sources).
 *
 * @cssprop [--storefront-font=inherit] - Font family (inherited from the page).
 * @cssprop [--storefront-color-text=currentColor] - Text colour (inherited from the page).
 * @cssprop [--storefront-color-muted=currentColor] - Secondary text colour: by default the text colour, thinned
 *   only as far as WCAG AA allows against the background behind the widget.
 * @cssprop [--storefront-color-accent=#1a5fd0] - Buttons and focus rings (`#8ab4ff` by default on a dark page,
 *   one whose text is light, followed as the page's theme changes).
 * @cssprop [--storefront-color-on-accent=#fff] - Text on accent-coloured buttons (`#0b1b33` by default on a dark page).
 * @cssprop [--storefront-color-surface=transparent] - Card background.
 * @cssprop [--storefront-color-border=color-mix(in srgb, currentColor 16%, transparent)] - Card and button borders.
 * @cssprop [--storefront-radius=0.5em] - Corner radius of cards and buttons.
 * @cssprop [--buy-again-card-width=12em] - Width of a card (12 times the inherited font size).
 * @cssprop [--buy-again-gap=1em] - Space between cards.
 * @cssprop [--buy-again-image-ratio=1] - Image aspect ratio.
 * @cssprop [--buy-again-image-fit=cover] - `object-fit` of images.
 */
export class BuyAgainList extends WidgetElement<WidgetEventMap<BuyAgainListLoadDetail>> {
  static override styles = styles;
  static override properties: PropertyDeclarations = {
    source: { reflect: true },
    heading: {},
    maxItems: { attribute: 'max-items', type: Number },
    showUnavailable: { attribute: 'show-unavailable', type: Boolean, reflect: true },
    siteToken: { attribute: 'site-token' },
    customerToken: { attribute: 'customer-token' },
    forceRefresh: { attribute: 'force-refresh', type: Boolean, reflect: true },
    imageBaseUrl: { attribute: 'image-base-url' },
    productUrl: { attribute: 'product-url' },
    tenantHash: { attribute: 'tenant-hash' },
    accessToken: { attribute: 'access-token' },
    gcrId: { attribute: 'gcr-id' },
    email: {},
    mobileNumber: { attribute: 'mobile-number' },
    customerCode: { attribute: 'customer-code' },
    pageSize: { attribute: 'page-size', type: Number },
    items: { state: true },
    hasMore: { state: true },
    namesPending: { state: true },
    pageState: { state: true },
    addStates: { state: true },
    announcement: { state: true },
    brokenImages: { state: true },
    error: { state: true },
    renderLimit: { state: true },
  };

  readonly #carousel = new CarouselController(this, {
    viewport: () => this.#viewport,
    slides: () => [...(this.renderRoot.querySelectorAll<HTMLElement>('[data-slide]') ?? [])],
    // Not while the shopper is on the pager: revealing Load more would load a page by itself and
    // push the focused button out of view; they are about to press it.
    onNearEnd: () => {
      // The first render of a list still coming in pieces is not the end of it.
      if (!this.reveal.done) return;
      if (this.renderLimit < this.items.length) this.renderLimit += RENDER_STEP;
      else if (!this.#pagerHasFocus) void this.#loadMore();
    },
  });

  /**
   * `view_item_list` for cards first seen (half the carousel and the card in view for 1 s), each
   * once its name has arrived (CS Omni looks names up after the list).
   */
  readonly #inView = new InViewController(this, {
    parts: () => [...this.renderRoot.querySelectorAll('[data-slide]')],
    key: (_card, index) => (this.namesPending.has(this.items[index]?.id) ? undefined : this.items[index]?.id),
    onSeen: (ids) =>
      this.#report(
        'view_item_list',
        this.items.filter((item) => ids.includes(item.id)),
      ),
  });

  get #pagerHasFocus(): boolean {
    return Boolean(this.renderRoot.querySelector('.pager')?.matches(':focus-within'));
  }

  get #viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="viewport"]');
  }

  private items: PurchasedItem[] = [];
  private hasMore = false;
  private namesPending = new Set<string>();
  private pageState: 'idle' | 'loading' | 'error' = 'idle';
  private addStates = new Map<string, AddState>();
  private announcement = '';
  private brokenImages = new Set<string>();
  private error?: unknown;
  /** How many cards are rendered: the rest come as the shopper nears them (RENDER_STEP). */
  private renderLimit = RENDER_STEP;

  /** Where the history comes from: `csomni` (default) or `algonomy`. */
  source?: 'csomni' | 'algonomy';

  /** Heading text (default "Buy it again"). */
  heading?: string;

  /** Shows at most this many items. */
  maxItems?: number;

  /** Shows items the API could not resolve, disabled (hidden by default). */
  showUnavailable = false;

  /** CS Omni: the site token (`site_…`), direct mode only. */
  siteToken?: string;

  /** CS Omni: the customer token (`cs_…`), direct mode only. Without it, the site's list. */
  customerToken?: string;

  /** CS Omni: use `/frequentlyPurchased/forceRefresh` (a fresh pull, not the vendor's cache). */
  forceRefresh = false;

  /** CS Omni: prefix for image `file` paths. */
  imageBaseUrl?: string;

  /** CS Omni: product page URL template with `{productId}` and `{variantId}`. */
  productUrl?: string;

  /** Algonomy: the tenant hash, direct mode only. */
  tenantHash?: string;

  /** Algonomy: the access token, direct mode only. */
  accessToken?: string;

  /** Algonomy: Golden Customer Record id. */
  gcrId?: string;

  /** Algonomy: the customer's email address. */
  email?: string;

  /** Algonomy: the customer's mobile number. */
  mobileNumber?: string;

  /** Algonomy: the external customer code. */
  customerCode?: string;

  /** Algonomy: items per page (default 20). */
  pageSize?: number;

  #page = 0;
  /** The key of the list on screen (see createSource). */
  #shownKey?: string;
  /** The index of the first card the last page added. */
  #appendedFrom = 0;
  /** The last thing the pager did was bring a page (not fail, not a reload from page one). */
  #pageArrived = false;
  #forceNext = false;
  #loadEventPending = false;
  #enrichment?: AbortController;
  #paging?: AbortController;
  #announceTimer?: ReturnType<typeof setTimeout>;
  /** Why the last further page failed (Retry is offered only where it can help). */
  #pageError?: unknown;

  protected readonly task = new Task(this, {
    // Everything but the heading: a new heading only re-renders.
    args: () => this.loadArgs('heading'),
    task: async (_args, { signal }) => this.#loadFirstPage(signal),
  });

  protected onCacheUpdate = (event?: Event): void => {
    // The list this element shows was revalidated behind it: take the new one (first page only,
    // so a shopper who paged on does not lose their place). Other entries (another widget's
    // list, a product look-up) are not news here. Read the key, not the class: another copy of
    // the library on the page may have sent it.
    const key = (event as CacheUpdateEvent | undefined)?.key;
    if (typeof key !== 'string' || !this.task.value?.readsFirstPage(key)) return;
    if (this.#page === 1 && this.task.status === TaskStatus.COMPLETE) void this.task.run();
  };

  protected override hasWorkInFlight(): boolean {
    return super.hasWorkInFlight() || this.namesPending.size > 0 || this.pageState === 'loading';
  }

  /**
   * Moved in the DOM while only a further page was loading: that page is asked for again, and
   * the pages on screen stay (a reload from page one would drop them, and the shopper's Load more).
   */
  protected override resume(): void {
    if (this.task.status !== TaskStatus.COMPLETE || this.namesPending.size) return super.resume();
    // Leaving aborted the name look-ups (none was under way): the next page's may start.
    this.#enrichment = new AbortController();
    this.pageState = 'idle';
    void this.#loadMore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#enrichment?.abort();
    this.#paging?.abort();
    clearTimeout(this.#announceTimer);
  }

  /** Retry of the error view: the skeleton that replaces it says "Loading your items" as it comes. */
  #retry(): void {
    this.#announce(this.localize.t('loadingItems'));
    void this.refresh();
  }

  /** Reloads from page one, bypassing every cache. */
  async refresh(): Promise<void> {
    this.#forceNext = true;
    await this.task.run();
  }

  /**
   * The source the attributes name, and a key of whose list it reads (connection, credentials,
   * customer): a change of key must never show one shopper's items under another's session.
   */
  #createSource(): { source: PurchaseSource; key: string } {
    const name = this.#sourceName;
    const entry = purchaseSource(name);
    if (!entry)
      throw configError(
        'source',
        `must be ${Object.keys(PURCHASE_SOURCES)
          .map((each) => `"${each}"`)
          .join(' or ')}, not "${name.slice(0, 40)}".`,
      );
    const context = this.sourceContext(entry.defaultBase);
    const { source, whose } = entry.open(context, {
      text: (names) => this.options(names),
      flag: (option) => this.flag(option),
      number: (option, fallback) => Number(resolveOption<number | string | undefined>(this[option], option, fallback)),
    });
    return { source, key: whoseList(name, context, whose) };
  }

  /** Loads page one; the task's value is the source, for paging and adding to the cart. */
  async #loadFirstPage(signal: AbortSignal): Promise<PurchaseSource> {
    const force = this.#forceNext;
    this.#forceNext = false;
    this.#enrichment?.abort();
    this.#enrichment = new AbortController();
    this.namesPending = new Set();
    this.#paging?.abort();
    this.pageState = 'idle';
    this.#pageArrived = false;
    try {
      const { source, key } = this.#createSource();
      if (key !== this.#shownKey) {
        // Someone else's list (another customer, source or connection): nothing of the last one
        // stays on screen, or in reach of Add to cart, while it loads.
        this.#shownKey = undefined;
        this.items = [];
        this.addStates = new Map();
        this.renderLimit = RENDER_STEP;
        this.#inView.reset();
      }
      if (this.items.length === 0) this.setState('loading');
      const shownLoading = this.state === 'loading';
      // The request in a task of its own when the render that started this load used the turn.
      await mayContinue();
      signal.throwIfAborted();
      const first = await source.loadPage(1, { signal, force });
      await this.localize.languageLoaded();
      signal.throwIfAborted();
      this.#page = 1;
      this.#shownKey = key;
      // A reload of what is on screen keeps the names already looked up: no flash of skeletons.
      const named = new Map(this.items.map((item) => [item.id, item.name]));
      const shown = this.#visible(first.items).map((item) =>
        item.name === null && named.get(item.id) ? { ...item, name: named.get(item.id)! } : item,
      );
      // Names the page has looked up before come with the first render: one render of the
      // cards, not one more per batch of look-ups answered from the cache.
      this.items = [...(source.withCachedDetails?.(shown) ?? shown)];
      this.hasMore = first.hasMore && !this.#capped;
      // Cards in place of a skeleton, an error or the empty view: drawn in pieces (RevealController).
      if (this.state !== 'ready' && this.items.length) this.reveal.restart();
      this.setState(this.items.length ? 'ready' : 'empty');
      // The loading message leaves with the skeleton: say what replaced it.
      if (shownLoading) {
        const empty = this.querySelector('[slot="empty"]')?.textContent?.trim() || this.localize.t('emptyPurchases');
        this.#announce(this.items.length ? this.#itemsLoaded(this.items.length) : empty);
      }
      this.#loadEventPending = true;
      this.#enrich(source, this.items);
      return source;
    } catch (error) {
      await this.localize.languageLoaded();
      if (!signal.aborted && !isAbortError(error)) {
        this.items = [];
        this.#shownKey = undefined;
        this.error = error;
        // The alert says what happened: no "Loading your items" (from Retry) may come after it.
        clearTimeout(this.#announceTimer);
        this.announcement = '';
        this.setState('error');
        this.reportError(error);
      }
      throw error;
    }
  }

  /** `max-items` where it caps the list (above 0), else no cap. */
  get #cap(): number {
    const max = Number(resolveOption<number | undefined>(this.maxItems, 'maxItems', undefined));
    return max > 0 ? max : Infinity;
  }

  get #capped(): boolean {
    return this.items.length >= this.#cap;
  }

  /** Drops unavailable items unless asked for, and caps at `max-items`. */
  #visible(items: readonly PurchasedItem[]): PurchasedItem[] {
    return (this.flag('showUnavailable') ? items : items.filter((item) => item.available)).slice(0, this.#cap);
  }

  #enrich(source: PurchaseSource, items: readonly PurchasedItem[]): void {
    if (!source.enrich) return;
    const pending = items.filter((item) => item.productId && item.name === null);
    if (!pending.length) return;
    const controller = this.#enrichment;
    if (!controller || controller.signal.aborted) return;
    this.namesPending = new Set([...this.namesPending, ...pending.map((item) => item.id)]);
    // Improved items are applied in one pass per microtask, however many arrive together.
    const arrived = new Map<string, PurchasedItem>();
    const apply = () => {
      if (controller.signal.aborted || !arrived.size) return;
      this.items = this.items.map((existing) => arrived.get(existing.id) ?? existing);
      const next = new Set(this.namesPending);
      for (const id of arrived.keys()) next.delete(id);
      this.namesPending = next;
      arrived.clear();
    };
    void source
      .enrich(pending, {
        signal: controller.signal,
        onItem: (item) => {
          if (controller.signal.aborted) return;
          if (!arrived.size) queueMicrotask(apply);
          arrived.set(item.id, item);
        },
      })
      .catch(() => undefined)
      .finally(() => {
        apply();
        if (controller.signal.aborted) return;
        // Whatever did not arrive keeps its card without a name.
        const next = new Set(this.namesPending);
        for (const item of pending) next.delete(item.id);
        this.namesPending = next;
      });
  }

  /** Loads the next page of a paged source; called near the end of the row and by Load more. */
  async #loadMore(): Promise<void> {
    const source = this.task.value;
    if (!source || this.task.status !== TaskStatus.COMPLETE) return;
    if (!this.hasMore || this.pageState !== 'idle' || this.#capped) return;
    const controller = new AbortController();
    this.#paging = controller;
    this.pageState = 'loading';
    this.#pageArrived = false;
    try {
      const next = await source.loadPage(this.#page + 1, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const known = new Set(this.items.map((item) => item.id));
      const unseen = next.items.filter((item) => !known.has(item.id));
      const fresh = source.withCachedDetails?.(unseen) ?? unseen;
      const before = this.items.length;
      this.#appendedFrom = before;
      this.items = this.#visible([...this.items, ...fresh]);
      this.renderLimit = Math.max(this.renderLimit, before + RENDER_STEP);
      this.#page += 1;
      this.hasMore = next.hasMore && !this.#capped;
      this.pageState = 'idle';
      this.#pageArrived = true;
      this.#announce(this.#itemsLoaded(this.items.length - before));
      this.#enrich(source, this.items.slice(before));
      // From the pager (Load more stays for the next page): go on at the page's first card,
      // which the new cards pushed the pager away from.
      await this.updateComplete;
      const first = this.#pagerHasFocus ? this.#firstNewCardControl() : null;
      first?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      first?.focus({ preventScroll: true });
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.#pageError = error;
      this.pageState = 'error';
      this.#announce(this.localize.t('loadMoreFailed'));
      this.reportError(error);
    }
  }

  #retryPage(): void {
    this.pageState = 'idle';
    void this.#loadMore();
  }

  #onSelect(event: MouseEvent, item: PurchasedItem): void {
    this.#report('select_item', [item]);
    // Modified clicks (new tab, new window) stay the browser's.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const select = new ItemSelectEvent({ item });
    this.dispatchEvent(select);
    if (select.defaultPrevented) event.preventDefault();
  }

  async #onAdd(item: PurchasedItem): Promise<void> {
    if (!item.available || this.addStates.get(item.id) === 'adding') return;
    const source = this.task.value;
    const name = item.name ?? this.localize.t('unnamedItem');
    // The vendor's failure is news for the page (widget-error); a handler's own rejection it knows.
    const vendorAdd =
      source?.addToCart &&
      (() =>
        source.addToCart!(item, 1, {}).catch((error: unknown) => {
          this.reportError(error);
          throw error;
        }));
    const started = new AddToCartEvent({ item, quantity: 1 }).dispatchAction(this, vendorAdd);
    if (started instanceof Promise) this.#setAddState(item.id, 'adding');
    const outcome = await started;
    switch (outcome.status) {
      case 'done':
        if (outcome.failed.length) return this.#addFailed(item, name);
        this.#reportAddToCart(item, 1);
        this.#setAddState(item.id, 'added');
        this.#announce(this.localize.t('addedAnnouncement', { name }));
        // Back to "Add to cart" unless a later press has moved it on (Adding…, or Retry).
        setTimeout(() => this.addStates.get(item.id) === 'added' && this.#setAddState(item.id, undefined), 2500);
        return;
      case 'failed':
        return this.#addFailed(item, name);
      case 'unhandled':
        // No cart to add to and no handler took the press: say so instead of pretending.
        this.#setAddState(item.id, 'no-cart');
        // Heard as the button reads: what it says, then the product.
        this.#announce(`${this.localize.t('addUnavailable')}: ${name}`);
        return;
      default:
      // Delegated: the page shows its own outcome (its cart drawer, a toast).
    }
  }

  /** Seen, not only heard: the button says Retry until it is pressed again. */
  #addFailed(item: PurchasedItem, name: string): void {
    this.#setAddState(item.id, 'failed');
    this.#announce(this.localize.t('addFailed', { name }));
  }

  /** `add_to_cart`, once an add has succeeded: the one place that reports it. */
  #reportAddToCart(item: PurchasedItem, quantity: number): void {
    this.#report('add_to_cart', [item], quantity);
  }

  /** A `widget-analytics` event about `items`, in the list named by the source and the heading. */
  #report(event: AnalyticsEventName, items: PurchasedItem[], quantity?: number): void {
    const list = { id: this.#sourceName, name: this.#heading };
    reportAnalytics(this, event, list, purchasedEntries(items, this.items, quantity));
  }

  /** The purchase source the `source` attribute (or `configure()`) names. */
  get #sourceName(): string {
    return resolveOption<string>(this.source, 'source', 'csomni');
  }

  /** The heading shown: the attribute's (or `configure()`'s), else the built-in one. */
  get #heading(): string {
    return resolveOption(this.heading, 'heading', '') || this.localize.t('buyAgainHeading');
  }

  #itemsLoaded(count: number): string {
    return count === 1
      ? this.localize.t('oneItemLoaded')
      : this.localize.t('itemsLoaded', { count: this.localize.number(count) });
  }

  #setAddState(id: string, value: AddState | undefined): void {
    const next = new Map(this.addStates);
    if (value) next.set(id, value);
    else next.delete(id);
    this.addStates = next;
  }

  #announce(text: string): void {
    // Clearing first makes a repeated message be announced again.
    this.announcement = '';
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => (this.announcement = text), 50);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#loadEventPending && (this.state === 'ready' || this.state === 'empty') && this.reveal.done) {
      this.#loadEventPending = false;
      this.dispatchEvent(new WidgetLoadEvent({ items: this.items }));
    }
  }

  override render(): TemplateResult {
    const heading = this.#heading;
    const headingId = 'heading';
    return html`
      <section
        part="base"
        class="base"
        lang=${this.localize.messagesLang ?? nothing}
        aria-labelledby=${headingId}
        aria-roledescription=${this.localize.t('carousel')}
      >
        <div class="header">
          <h2 part="heading" id=${headingId} tabindex="-1"><slot name="heading">${heading}</slot></h2>
          ${this.state === 'ready' ? navTemplate(this.localize, this.#carousel) : nothing}
        </div>
        ${this.#renderBody()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  #renderBody(): TemplateResult {
    const localize = this.localize;
    switch (this.state) {
      case 'loading':
        return skeletonTemplate(localize, Math.min(this.#cap, SKELETON_CARDS));
      case 'empty':
        return emptyTemplate(localize);
      case 'error':
        return errorTemplate(
          localize,
          this.renderErrorText(this.error),
          this.canRetry(this.error) ? () => this.#retry() : undefined,
        );
      default:
        return this.#renderItems();
    }
  }

  #renderItems(): TemplateResult {
    const count = this.items.length;
    const locale = this.localize.locale;
    const rows = this.reveal.rows(Math.min(this.renderLimit, count));
    return html`
      <div
        part="viewport"
        id="viewport"
        class="viewport"
        aria-busy=${String(this.pageState === 'loading')}
        @keydown=${(e: KeyboardEvent) => this.#onKeydown(e)}
      >
        ${repeat(
          this.items.slice(0, rows),
          (item) => item.id,
          (item, index) => this.#guardedCard(item, index, count, locale),
        )}
        ${
          rows < count
            ? nothing
            : pagerTemplate(
                this.localize,
                this.pageState,
                this.hasMore,
                this.canRetry(this.#pageError) ? () => this.#retryPage() : undefined,
                () => this.#loadMore(),
              )
        }
      </div>
    `;
  }

  /**
   * Keyboard movement between cards, over the whole list: End renders the cards not yet rendered
   * and goes to the last; an arrow key near the end of the rendered cards renders more first.
   */
  #onKeydown(event: KeyboardEvent): void {
    // A key while the list still comes in pieces: all of it, so the move finds its card.
    if (!this.reveal.done) {
      this.reveal.finish();
      this.requestUpdate();
    }
    if (this.renderLimit < this.items.length) {
      const slide = (event.composedPath()[0] as Element | undefined)?.closest?.('[data-slide]');
      const slides = [...this.renderRoot.querySelectorAll('[data-slide]')];
      if (event.key === 'End') this.renderLimit = this.items.length;
      else if (event.key.startsWith('Arrow') && slide && slides.indexOf(slide) >= slides.length - 2)
        this.renderLimit += RENDER_STEP;
    }
    // Rendered now, so the move below finds the card it goes to.
    if (this.isUpdatePending) this.performUpdate();
    this.#carousel.handleKeydown(event);
  }

  /**
   * A card, rendered again only when something it shows changed: an announcement, the prev/next
   * state, a page of names or another card's add state re-render no other card (a thousand
   * cards made every such update cost a thousand templates).
   */
  #guardedCard(item: PurchasedItem, index: number, count: number, locale: string | undefined): unknown {
    const broken = item.imageUrl !== null && this.brokenImages.has(item.imageUrl);
    // `slide` stands for the messages in force: it changes when configure() or a language does.
    const inputs = [
      item,
      index,
      count,
      locale,
      this.localize.contentLang,
      this.namesPending.has(item.id),
      this.addStates.get(item.id),
      broken,
      this.configVersion,
      this.localize.t('slide'),
    ];
    return guard(inputs, () =>
      cardTemplate(
        this.localize,
        item,
        index,
        count,
        this.namesPending.has(item.id),
        this.addStates.get(item.id),
        broken,
        (e: MouseEvent) => this.#onSelect(e, item),
        () => this.#onAdd(item),
        () => this.#onImageError(item.imageUrl!),
      ),
    );
  }

  /**
   * A pager control that gave way hands focus on: to the first card of a page that arrived (Load
   * more after the last page, Retry once the page loads), else to the pager's new control (Retry
   * for a failed page), each brought into view; anything else to the heading.
   */
  protected override focusAfterRemoval(removed: Element): HTMLElement | null {
    if (removed.closest('.pager')) {
      const pager = this.renderRoot.querySelector<HTMLElement>(`.pager ${SLIDE_CONTROL}`);
      const next = this.#pageArrived ? this.#firstNewCardControl() : pager;
      next?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      if (next) return next;
    }
    return super.focusAfterRemoval(removed);
  }

  /** The first focusable control of the first card the last page added. */
  #firstNewCardControl(): HTMLElement | null {
    const card = this.renderRoot.querySelectorAll<HTMLElement>('[data-slide]')[this.#appendedFrom];
    return card?.querySelector<HTMLElement>(SLIDE_CONTROL) ?? null;
  }

  /** A broken image becomes the neutral placeholder of the same size. */
  #onImageError(url: string): void {
    this.brokenImages = new Set(this.brokenImages).add(url);
  }
}
