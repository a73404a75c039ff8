import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { isAbortError, configError } from '../../core/errors.ts';
import type { CacheUpdateEvent } from '../../core/cache.ts';
import { resolveOption } from '../../core/config.ts';
import { mayContinue } from '../../core/main-thread.ts';
import { listMessages, type ListKey } from '../../core/messages.ts';
import { addMessages } from '../../core/translations.ts';
import { purchasedEntries, reportAnalytics, type AnalyticsEventName } from '../../core/analytics.ts';
import { ItemSelectEvent, WidgetLoadEvent, type BuyAgainListLoadDetail, type WidgetEventMap } from '../../events.ts';
import type { PurchasedItem } from '../../model.ts';
import { purchaseSource } from '../../sources/purchase-sources.ts';
import { InViewController } from '../shared/in-view-controller.ts';
import { connectionSubject } from '../shared/connection.ts';
import { WidgetElement } from '../shared/widget-element.ts';
import { AddToCartController } from './add-to-cart-controller.ts';
import { CarouselController, SLIDE_CONTROL } from './carousel-controller.ts';
import { PurchaseListController } from './purchase-list-controller.ts';
import { styles } from './buy-again-list.styles.ts';
import {
  cardTemplate,
  emptyTemplate,
  errorTemplate,
  navTemplate,
  pagerTemplate,
  skeletonTemplate,
} from './buy-again-list.templates.ts';

const SKELETON_CARDS = 6;

/**
 * Cards rendered at first, and added each time the shopper scrolls or pages near the end of
 * those: more than the widest screen shows at once, so a long list costs what is in view, not
 * what is in the list. Every card still says "n of N" of the whole list.
 */
const RENDER_STEP = 60;

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
 *   one whose text is light, followed as the page's theme changes). Rings and accent text take the page's text
 *   colour where the accent would not read on the page.
 * @cssprop [--storefront-color-on-accent=#fff] - Text on accent-coloured buttons (`#0b1b33` where that reads
 *   better on the accent).
 * @cssprop [--storefront-color-surface=transparent] - Card background.
 * @cssprop [--storefront-color-border=color-mix(in srgb, currentColor 16%, transparent)] - Card and button borders.
 * @cssprop [--storefront-radius=0.5em] - Corner radius of cards and buttons.
 * @cssprop [--buy-again-card-width=12em] - Width of a card (12 times the inherited font size).
 * @cssprop [--buy-again-gap=1em] - Space between cards.
 * @cssprop [--buy-again-image-ratio=1] - Image aspect ratio.
 * @cssprop [--buy-again-image-fit=cover] - `object-fit` of images.
 */
export class BuyAgainList extends WidgetElement<WidgetEventMap<BuyAgainListLoadDetail>, ListKey> {
  constructor() {
    super();
    // The carousel's English (section 1 of every translation), added by the element, not by its
    // module: an app that imports the other widget alone shakes this one's strings out.
    addMessages(1, listMessages);
  }

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
    announcement: { state: true },
    brokenImages: { state: true },
    error: { state: true },
    renderLimit: { state: true },
  };

  /** The list: page one, further pages, names looked up after it. */
  private readonly list = new PurchaseListController(this, {
    cap: () => this.#cap,
    showUnavailable: () => this.flag('showUnavailable'),
    ready: () => this.localize.languageLoaded(),
    pageArrived: async (from, count) => {
      this.renderLimit = Math.max(this.renderLimit, from + RENDER_STEP);
      // A page of products already shown adds no card: nothing to announce, and focus stays put
      // (where the pager went, on the last card: see `focusAfterRemoval`).
      if (!count) return;
      this.#announce(this.#itemsLoaded(count));
      // From the pager (Load more stays for the next page): go on at the page's first card,
      // which the new cards pushed the pager away from.
      await this.updateComplete;
      const first = this.#pagerHasFocus ? this.#firstNewCardControl() : null;
      first?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      first?.focus({ preventScroll: true });
    },
    pageFailed: (error) => {
      this.#announce(this.localize.t('loadMoreFailed'));
      this.reportError(error);
    },
  });

  /** Each card's Add to cart: the page's handler, else the source's cart, and the outcome shown. */
  readonly #adds = new AddToCartController(this, this.localize, {
    vendorAdd: () => {
      const source = this.list.source;
      return source?.addToCart && ((item, quantity) => source.addToCart!(item, quantity, {}));
    },
    announce: (text) => this.#announce(text),
    vendorFailed: (error) => this.reportError(error),
    added: (item, quantity) => this.#report('add_to_cart', [item], quantity),
  });

  readonly #carousel = new CarouselController(this, {
    viewport: () => this.#viewport,
    slides: () => this.#slides,
    // Not while the shopper is on the pager: revealing Load more would load a page by itself and
    // push the focused button out of view; they are about to press it.
    onNearEnd: () => {
      // The first render of a list still coming in pieces is not the end of it; nor is a row whose
      // next update waits for its turn (a page that arrived, not yet drawn): that update measures
      // again once it is drawn.
      if (!this.reveal.done || this.isUpdatePending) return;
      if (this.renderLimit < this.list.items.length) this.renderLimit += RENDER_STEP;
      else if (!this.#pagerHasFocus) void this.#loadMore();
    },
    // Prev and next leave focus where it was: the live region says what came into view.
    onPage: (first, last) => {
      const count = this.list.items.length;
      this.#announce(
        first === last
          ? this.localize.t('slideLabel', { index: first + 1, count })
          : this.localize.t('shownItems', { first: first + 1, last: last + 1, count }),
      );
    },
  });

  /**
   * `view_item_list` for cards first seen (half the carousel and the card in view for 1 s), each
   * once its name has arrived (CS Omni looks names up after the list).
   */
  readonly #inView = new InViewController(this, {
    parts: () => this.#slides,
    key: (_card, index) => {
      const id = this.list.items[index]?.id;
      return this.list.namesPending.has(id) ? undefined : id;
    },
    onSeen: (ids) =>
      this.#report(
        'view_item_list',
        this.list.items.filter((item) => ids.includes(item.id)),
      ),
  });

  get #pagerHasFocus(): boolean {
    return !!this.renderRoot.querySelector('.pager:focus-within');
  }

  /** The cards rendered, in order. */
  get #slides(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[data-slide]')];
  }

  get #viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#viewport');
  }

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

  #forceNext = false;
  #loadEventPending = false;
  #announceTimer?: ReturnType<typeof setTimeout>;

  /** Its value is the list's first page as shown; pages and names that come later are the list's. */
  protected readonly task = new Task(this, {
    // Everything but the heading: a new heading only re-renders.
    args: () => this.loadArgs('heading'),
    task: (_args, { signal }) => this.offPage() ?? this.#loadFirstPage(signal),
  });

  protected onCacheUpdate = (event?: Event): void => {
    // The list this element shows was revalidated behind it: take the new one (first page only,
    // and none further loading, so a shopper who paged on does not lose their place). Other
    // entries (another widget's list, a product look-up) are not news here. Read the key, not the
    // class: another copy of the library on the page may have sent it.
    const key = (event as CacheUpdateEvent | undefined)?.key;
    if (typeof key === 'string' && this.list.showsOnlyFirstPage(key) && this.task.status === TaskStatus.COMPLETE)
      void this.task.run();
  };

  protected override hasWorkInFlight(): boolean {
    return super.hasWorkInFlight() || this.list.busy;
  }

  /**
   * Moved in the DOM while only names or a further page were loading: those are asked for again,
   * and the list on screen stays (a reload from page one would drop its pages and the shopper's
   * Load more, and send a second widget-load).
   */
  protected override resume(): void {
    if (this.task.status !== TaskStatus.COMPLETE) return super.resume();
    this.list.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  /** Retry of the error view: the skeleton that replaces it says "Loading your items" as it comes. */
  #retry(): void {
    this.#announce(this.localize.t('loadingItems'));
    void this.refresh();
  }

  /**
   * Reloads from page one, bypassing every cache. Resolves when the new list (or the error) is
   * shown; never rejects.
   */
  async refresh(): Promise<void> {
    this.#forceNext = true;
    await this.task.run();
    await this.updateComplete;
  }

  /** Loads page one: the task's value is it, as shown. */
  async #loadFirstPage(signal: AbortSignal): Promise<readonly PurchasedItem[]> {
    // Kept until a load has its data: a refresh() that an input change in the same task
    // cut off still forces the load that replaces it, and one that failed, the next.
    const force = this.#forceNext;
    const list = this.list;
    // At once: no name or page of the last load may land while this one starts.
    list.interrupt();
    try {
      // The source the attributes name.
      const name = this.#sourceName;
      const entry = purchaseSource(name);
      if (!entry) throw configError('source', 6, name);
      const context = this.sourceContext(entry.defaultBase);
      const { source, whose } = entry.open(context, {
        text: (names) => this.options(names),
        flag: (option) => this.flag(option),
        number: (option, fallback) =>
          Number(resolveOption<number | string | undefined>(this[option], option, fallback)),
      });
      // Whose list the source reads: the vendor, where from, and who (the site and customer in
      // direct mode; the session's subject through the proxy). A change must never show one
      // shopper's items under another's session. Not credentials that renew for the same shopper
      // (an access token, a fresh session), nor display settings: a change of those reloads with
      // the list still on screen.
      const { connection } = context;
      const key = JSON.stringify([
        name,
        ...connectionSubject(connection, name),
        ...(connection.mode === 'direct' ? whose : []),
      ]);
      if (!list.shows(key)) {
        // Someone else's list (another customer, source or connection): nothing of the last one
        // stays on screen, or in reach of Add to cart, while it loads.
        list.clear();
        this.#adds.reset();
        this.renderLimit = RENDER_STEP;
        this.#inView.reset();
      }
      if (list.items.length === 0) this.setState('loading');
      const shownLoading = this.state === 'loading';
      // The request in a task of its own when the render that started this load used the turn.
      await mayContinue();
      signal.throwIfAborted();
      const items = await list.loadFirst(source, key, { signal, force });
      this.#forceNext = false;
      // Cards in place of a skeleton, an error or the empty view: drawn in pieces (RevealController).
      if (this.state !== 'ready' && items.length) this.reveal.restart();
      this.setState(items.length ? 'ready' : 'empty');
      // The loading message leaves with the skeleton: say what replaced it.
      if (shownLoading) {
        const empty = this.querySelector('[slot="empty"]')?.textContent?.trim() || this.localize.t('emptyPurchases');
        this.#announce(items.length ? this.#itemsLoaded(items.length) : empty);
      }
      this.#loadEventPending = true;
      return items;
    } catch (error) {
      await this.localize.languageLoaded();
      if (!signal.aborted && !isAbortError(error)) {
        list.clear();
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

  /** The next page, near the end of the row and from Load more; not while page one (re)loads. */
  #loadMore(): Promise<void> | undefined {
    return this.task.status === TaskStatus.COMPLETE ? this.list.loadMore() : undefined;
  }

  /** A `widget-analytics` event about `items`, in the list named by the source and the heading. */
  #report(event: AnalyticsEventName, items: PurchasedItem[], quantity?: number): void {
    const list = { id: this.#sourceName, name: this.#heading };
    reportAnalytics(this, event, list, purchasedEntries(items, this.list.items, quantity));
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
      this.dispatchEvent(new WidgetLoadEvent({ items: this.list.items }));
    }
  }

  override render(): TemplateResult {
    // The page's own heading (attribute or configure()) is in the page's language, not the strings'.
    const lang = resolveOption(this.heading, 'heading', '') ? (this.localize.contentLang ?? nothing) : nothing;
    return html`
      <section
        part="base"
        class="base"
        lang=${this.localize.messagesLang ?? nothing}
        aria-labelledby="heading"
        aria-roledescription=${this.localize.t('carousel')}
      >
        <div class="header">
          <h2 part="heading" id="heading" tabindex="-1" lang=${lang}><slot name="heading">${this.#heading}</slot></h2>
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
    }
    // Ready: the cards, and after the last one the pager.
    const { items, pageState } = this.list;
    const count = items.length;
    const locale = localize.locale;
    const rows = this.reveal.rows(Math.min(this.renderLimit, count));
    return html`
      <div
        part="viewport"
        id="viewport"
        class="viewport"
        aria-busy=${String(pageState === 'loading')}
        @keydown=${(e: KeyboardEvent) => this.#onKeydown(e)}
      >
        ${repeat(
          items.slice(0, rows),
          (item) => item.id,
          (item, index) => this.#guardedCard(item, index, count, locale),
        )}
        ${
          rows < count
            ? nothing
            : pagerTemplate(
                localize,
                pageState,
                this.list.hasMore,
                this.canRetry(this.list.pageError) ? () => this.list.retryPage() : undefined,
                () => this.#loadMore(),
              )
        }
      </div>
    `;
  }

  /**
   * Keyboard movement between cards, over the whole list: End renders the cards not yet rendered
   * and goes to the last; an arrow key near the end of the rendered cards renders more first.
   * Keys with Alt, Ctrl, Meta or Shift are left alone.
   */
  #onKeydown(event: KeyboardEvent): void {
    // A key while the list still comes in pieces: all of it, so the move finds its card.
    if (!this.reveal.done) {
      this.reveal.finish();
      this.requestUpdate();
    }
    // With a modifier a key is the browser's or the page's (Alt+Left is Back): no move, no more cards.
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const count = this.list.items.length;
    if (this.renderLimit < count) {
      const slide = (event.composedPath()[0] as Element | undefined)?.closest?.<HTMLElement>('[data-slide]');
      const slides = this.#slides;
      if (event.key === 'End') this.renderLimit = count;
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
      this.list.namesPending.has(item.id),
      this.#adds.state(item.id),
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
        this.list.namesPending.has(item.id),
        this.#adds.state(item.id),
        broken,
        // Its links: `select_item`, then `item-select`, which the page may cancel to route itself.
        (event: MouseEvent) => {
          this.#report('select_item', [item]);
          // Modified clicks (new tab, new window) stay the browser's.
          if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
          const select = new ItemSelectEvent({ item });
          this.dispatchEvent(select);
          if (select.defaultPrevented) event.preventDefault();
        },
        () => this.#adds.add(item),
        // A broken image becomes the neutral placeholder of the same size.
        () => (this.brokenImages = new Set(this.brokenImages).add(item.imageUrl!)),
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
      const next = this.list.pageWasAdded
        ? this.#firstNewCardControl()
        : this.renderRoot.querySelector<HTMLElement>(`.pager ${SLIDE_CONTROL}`);
      next?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      if (next) return next;
    }
    return super.focusAfterRemoval(removed);
  }

  /** The first focusable control of the first card the last page added; the last card's, where it added none. */
  #firstNewCardControl(): HTMLElement | null {
    const cards = this.#slides;
    return cards[Math.min(this.list.appendedFrom, cards.length - 1)]?.querySelector<HTMLElement>(SLIDE_CONTROL) ?? null;
  }
}
