import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../core/errors.ts';
import type { PurchasedItem } from '../../model.ts';
import type { PurchaseSource } from '../../sources/source.ts';

export interface PurchaseListOptions {
  /** At most this many items (Infinity: no cap). */
  cap: () => number;
  /** Whether items the vendor could not resolve are shown (disabled); else they are left out. */
  showUnavailable: () => boolean;
  /** Settles once the list may be shown (the widget's language has arrived); undefined: now. */
  ready: () => Promise<unknown> | undefined;
  /** A further page arrived: `count` new items, the first at `from`. */
  pageArrived: (from: number, count: number) => unknown;
  /** A further page failed (`pageError` says why). */
  pageFailed: (error: unknown) => void;
}

/**
 * The purchase list a carousel shows: page one from a source, the further pages of a paged
 * source, and the names a source looks up after its list (CS Omni), applied as they arrive in
 * one pass per batch. It asks the host to render whenever what it holds changes; what the
 * shopper sees and hears of it (state, announcements, focus) is the element's.
 */
export class PurchaseListController implements ReactiveController {
  /** The items shown, in the vendor's order. */
  items: PurchasedItem[] = [];
  /** Whether the source has a further page (and the cap leaves room for it). */
  hasMore = false;
  /** Items whose names are being looked up. */
  namesPending = new Set<string>();
  /** Paging: a further page is loading, or the last one failed. */
  pageState: 'idle' | 'loading' | 'error' = 'idle';
  /** Why the last further page failed. */
  pageError?: unknown;
  /** The index of the first item the last page added. */
  appendedFrom = 0;
  /** The last thing paging did was bring a page (not fail, not a reload from page one). */
  pageWasAdded = false;
  /** The source of the list shown: for paging, and for adding to its cart. */
  source?: PurchaseSource;

  #page = 0;
  /** Whose list is shown (the key the element's load works out for its source); undefined while none is. */
  #key?: string;
  #names?: AbortController;
  #paging?: AbortController;

  readonly #host: ReactiveControllerHost;
  readonly #options: PurchaseListOptions;

  constructor(host: ReactiveControllerHost, options: PurchaseListOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#names?.abort();
    this.#paging?.abort();
  }

  /** Whether names are being looked up or a page is loading. */
  get busy(): boolean {
    return this.namesPending.size > 0 || this.pageState === 'loading';
  }

  /** Whether `key` is whose list is shown. */
  shows(key: string): boolean {
    return key === this.#key;
  }

  /**
   * Whether the list shows page one only, with no further page loading, and a cache entry under
   * `key` is that page's.
   */
  showsOnlyFirstPage(key: string): boolean {
    return this.#page === 1 && this.pageState !== 'loading' && Boolean(this.source?.readsFirstPage(key));
  }

  /** Nothing of the list stays, nor goes on loading (someone else's list comes, or it failed). */
  clear(): void {
    this.interrupt();
    this.#key = undefined;
    this.source = undefined;
    if (!this.items.length) return;
    this.items = [];
    this.#host.requestUpdate();
  }

  /** A load of page one starts: the names and the page the list shown was still loading stop. */
  interrupt(): void {
    this.#names?.abort();
    this.#names = new AbortController();
    this.#paging?.abort();
    this.pageWasAdded = false;
    // A render only where the view changes: on a slow device each is a task of its own.
    if (!this.namesPending.size && this.pageState === 'idle') return;
    this.namesPending = new Set();
    this.pageState = 'idle';
    this.#host.requestUpdate();
  }

  /**
   * Loads page one of `source` (whose list is `key`) in place of the list shown, and starts its
   * names' look-up; what the list was still loading stops first (`interrupt()`). A reload of the
   * same list keeps the names already looked up: no flash of placeholders.
   */
  async loadFirst(
    source: PurchaseSource,
    key: string,
    { signal, force }: { signal: AbortSignal; force?: boolean },
  ): Promise<PurchasedItem[]> {
    this.interrupt();
    const first = await source.loadPage(1, { signal, force });
    await this.#options.ready();
    signal.throwIfAborted();
    this.#page = 1;
    this.#key = key;
    this.source = source;
    const named = new Map(this.items.map((item) => [item.id, item.name]));
    const shown = this.#visible(first.items).map((item) =>
      item.name === null && named.get(item.id) ? { ...item, name: named.get(item.id)! } : item,
    );
    // Names the page has looked up before come with the first render: one render of the cards,
    // not one more per batch of look-ups answered from the cache.
    this.items = [...(source.withCachedDetails?.(shown) ?? shown)];
    this.hasMore = first.hasMore && !this.#capped;
    this.#lookUpNames(this.items);
    this.#host.requestUpdate();
    return this.items;
  }

  /** Loads the next page of a paged source, if it has one and none is loading or failed. */
  async loadMore(): Promise<void> {
    const source = this.source;
    if (!source || !this.hasMore || this.pageState !== 'idle' || this.#capped) return;
    const controller = new AbortController();
    this.#paging = controller;
    this.pageState = 'loading';
    this.pageWasAdded = false;
    this.#host.requestUpdate();
    try {
      const next = await source.loadPage(this.#page + 1, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const known = new Set(this.items.map((item) => item.id));
      const unseen = next.items.filter((item) => !known.has(item.id));
      const before = this.items.length;
      this.appendedFrom = before;
      this.items = this.#visible([...this.items, ...(source.withCachedDetails?.(unseen) ?? unseen)]);
      this.#page += 1;
      this.hasMore = next.hasMore && !this.#capped;
      this.pageState = 'idle';
      this.pageWasAdded = true;
      this.#lookUpNames(this.items.slice(before));
      this.#host.requestUpdate();
      await this.#options.pageArrived(before, this.items.length - before);
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.pageError = error;
      this.pageState = 'error';
      this.#host.requestUpdate();
      this.#options.pageFailed(error);
    }
  }

  /** Retry of a failed page. */
  retryPage(): void {
    this.pageState = 'idle';
    void this.loadMore();
  }

  /**
   * Back on the page after a move cut off the names' look-up or a page: the names still missing
   * and the page are asked for again.
   */
  resume(): void {
    this.#names = new AbortController();
    const pending = this.items.filter((item) => this.namesPending.has(item.id));
    this.namesPending = new Set();
    this.#lookUpNames(pending);
    if (this.pageState !== 'loading') return;
    this.pageState = 'idle';
    void this.loadMore();
  }

  get #capped(): boolean {
    return this.items.length >= this.#options.cap();
  }

  /** Drops unavailable items unless asked for, and caps. */
  #visible(items: readonly PurchasedItem[]): PurchasedItem[] {
    return (this.#options.showUnavailable() ? items : items.filter((item) => item.available)).slice(
      0,
      this.#options.cap(),
    );
  }

  /** Looks up the names `items` lack, where the source does; improved items apply in one pass per microtask. */
  #lookUpNames(items: readonly PurchasedItem[]): void {
    const source = this.source;
    if (!source?.enrich) return;
    const pending = items.filter((item) => item.productId && item.name === null);
    const controller = this.#names;
    if (!pending.length || !controller || controller.signal.aborted) return;
    this.namesPending = new Set([...this.namesPending, ...pending.map((item) => item.id)]);
    const arrived = new Map<string, PurchasedItem>();
    const apply = () => {
      if (controller.signal.aborted || !arrived.size) return;
      this.items = this.items.map((existing) => arrived.get(existing.id) ?? existing);
      this.#settled(arrived.keys());
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
        // Whatever did not arrive keeps its card without a name.
        if (!controller.signal.aborted) this.#settled(pending.map((item) => item.id));
      });
  }

  /** These names are no longer pending. */
  #settled(ids: Iterable<string>): void {
    this.namesPending = new Set(this.namesPending);
    for (const id of ids) this.namesPending.delete(id);
    this.#host.requestUpdate();
  }
}
