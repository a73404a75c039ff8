import { describe, expect, it, vi } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import type { PurchasedItem } from '../../../src/model.ts';
import type { PurchasePage, PurchaseSource } from '../../../src/sources/source.ts';
import {
  PurchaseListController,
  type PurchaseListOptions,
} from '../../../src/components/buy-again-list/purchase-list-controller.ts';
import { deferred } from '../../support/fake-fetch.ts';
import { purchasedItem } from '../../support/items.ts';

/** The purchase list on its own, with a host that only counts the renders it is asked for. */

const item = (id: string, extra: Partial<PurchasedItem> = {}): PurchasedItem =>
  purchasedItem({ id, productId: `p_${id}`, variantId: id, ...extra });

function host() {
  return {
    addController: vi.fn(),
    removeController: vi.fn(),
    requestUpdate: vi.fn(),
  } as unknown as ReactiveControllerHost & {
    requestUpdate: ReturnType<typeof vi.fn>;
  };
}

function list(options: Partial<PurchaseListOptions> = {}) {
  const target = host();
  const controller = new PurchaseListController(target, {
    cap: () => Infinity,
    showUnavailable: () => false,
    ready: () => undefined,
    pageArrived: () => undefined,
    pageFailed: () => undefined,
    ...options,
  });
  return { target, controller };
}

/** A source of `pages` (page n is pages[n - 1]); names come through `names`, when a test releases them. */
function source(pages: PurchasedItem[][], extra: Partial<PurchaseSource> = {}): PurchaseSource {
  return {
    loadPage: async (page): Promise<PurchasePage> => ({ items: pages[page - 1] ?? [], hasMore: page < pages.length }),
    readsFirstPage: (key) => key === 'page-1',
    ...extra,
  };
}

const signal = () => new AbortController().signal;
const ids = (items: readonly PurchasedItem[]) => items.map((each) => each.id);
const names = (items: readonly PurchasedItem[]) => items.map((each) => each.name);

describe('PurchaseListController', () => {
  it('shows page one without unavailable items unless asked, capped, and knows whose list it is', async () => {
    const rows = [item('a'), item('lost', { available: false }), item('b'), item('c')];
    const { controller, target } = list({ cap: () => 2 });
    const shown = await controller.loadFirst(source([rows]), 'shopper-1', { signal: signal() });
    expect(ids(shown)).toEqual(['a', 'b']);
    expect(controller.items).toBe(shown);
    expect(controller.shows('shopper-1')).toBe(true);
    expect(controller.shows('shopper-2')).toBe(false);
    expect(target.requestUpdate).toHaveBeenCalled();

    const all = list({ showUnavailable: () => true }).controller;
    expect(ids(await all.loadFirst(source([rows]), 'k', { signal: signal() }))).toEqual(['a', 'lost', 'b', 'c']);
  });

  it('applies the names that arrive together in one pass, and lets go of the ones that never come', async () => {
    const release = deferred<void>();
    let onItem!: (improved: PurchasedItem) => void;
    const enrich = vi.fn(async (_items: readonly PurchasedItem[], options: { onItem: typeof onItem }) => {
      onItem = options.onItem;
      await release.promise;
    });
    const { controller, target } = list();
    await controller.loadFirst(source([[item('a'), item('b'), item('c')]], { enrich }), 'k', { signal: signal() });
    expect([...controller.namesPending]).toEqual(['a', 'b', 'c']);
    const before = controller.items;

    onItem(item('a', { name: 'Oat milk' }));
    onItem(item('b', { name: 'Bread' }));
    expect(controller.items, 'not before the batch is whole').toBe(before);
    target.requestUpdate.mockClear();
    await Promise.resolve();
    expect(names(controller.items)).toEqual(['Oat milk', 'Bread', null]);
    expect([...controller.namesPending]).toEqual(['c']);
    expect(target.requestUpdate).toHaveBeenCalledTimes(1);

    release.resolve();
    await vi.waitFor(() => expect(controller.namesPending.size).toBe(0));
    expect(names(controller.items), 'c keeps its card, without a name').toEqual(['Oat milk', 'Bread', null]);
  });

  it('a reload of the same list keeps the names it had; a new load stops the old look-ups', async () => {
    let onItem!: (improved: PurchasedItem) => void;
    let lookUp!: AbortSignal;
    const enrich = async (
      _items: readonly PurchasedItem[],
      options: { signal?: AbortSignal; onItem: typeof onItem },
    ) => {
      onItem = options.onItem;
      lookUp = options.signal!;
      await new Promise<void>(() => undefined);
    };
    const { controller } = list();
    const vendor = source([[item('a'), item('b')]], { enrich });
    await controller.loadFirst(vendor, 'k', { signal: signal() });
    onItem(item('a', { name: 'Oat milk' }));
    await Promise.resolve();
    const first = lookUp;

    controller.interrupt();
    expect(first.aborted).toBe(true);
    expect(controller.namesPending.size).toBe(0);
    onItem(item('b', { name: 'Too late' }));
    await Promise.resolve();
    expect(names(controller.items)).toEqual(['Oat milk', null]);

    await controller.loadFirst(vendor, 'k', { signal: signal() });
    expect(names(controller.items), 'no flash of a placeholder where a name was').toEqual(['Oat milk', null]);
    expect([...controller.namesPending]).toEqual(['b']);
  });

  it('pages on with the items not already shown, up to the cap, and says where they start', async () => {
    const pageArrived = vi.fn();
    const { controller } = list({ cap: () => 4, pageArrived });
    await controller.loadFirst(
      source([[item('a'), item('b')], [item('b'), item('c'), item('d'), item('e')], [item('f')]]),
      'k',
      { signal: signal() },
    );
    expect(controller.hasMore).toBe(true);
    await controller.loadMore();
    expect(ids(controller.items)).toEqual(['a', 'b', 'c', 'd']);
    expect(pageArrived).toHaveBeenCalledWith(2, 2);
    expect(controller.appendedFrom).toBe(2);
    expect(controller.pageWasAdded).toBe(true);
    expect(controller.hasMore, 'the cap is reached').toBe(false);
    expect(controller.showsOnlyFirstPage('page-1'), 'a revalidated page one is no longer the whole list').toBe(false);
  });

  it('a failed page says why, offers nothing more until retried, and a retry loads it', async () => {
    const pageFailed = vi.fn();
    let fail = true;
    const failure = new Error('502');
    const vendor = source([[item('a')], [item('b')]]);
    const loadPage = vendor.loadPage.bind(vendor);
    vendor.loadPage = async (page, options) => {
      if (page === 2 && fail) throw failure;
      return loadPage(page, options);
    };
    const { controller } = list({ pageFailed });
    await controller.loadFirst(vendor, 'k', { signal: signal() });
    await controller.loadMore();
    expect(controller.pageState).toBe('error');
    expect(controller.pageError).toBe(failure);
    expect(pageFailed).toHaveBeenCalledWith(failure);
    await controller.loadMore();
    expect(ids(controller.items), 'no second try by itself').toEqual(['a']);

    fail = false;
    controller.retryPage();
    await vi.waitFor(() => expect(ids(controller.items)).toEqual(['a', 'b']));
    expect(controller.pageState).toBe('idle');
  });

  it('a page still loading when the host leaves is dropped, not added', async () => {
    const answer = deferred<PurchasePage>();
    const vendor = source([[item('a')], [item('b')]]);
    const loadPage = vendor.loadPage.bind(vendor);
    vendor.loadPage = (page, options) => (page === 2 ? answer.promise : loadPage(page, options));
    const { controller } = list();
    await controller.loadFirst(vendor, 'k', { signal: signal() });
    const paging = controller.loadMore();
    expect(controller.busy).toBe(true);
    controller.hostDisconnected();
    answer.resolve({ items: [item('b')], hasMore: false });
    await paging;
    expect(ids(controller.items)).toEqual(['a']);
  });

  it('clear() leaves nothing: no items, no source to page or add with, no list it shows', async () => {
    const { controller } = list();
    await controller.loadFirst(source([[item('a')], [item('b')]]), 'k', { signal: signal() });
    controller.clear();
    expect(controller.items).toEqual([]);
    expect(controller.source).toBeUndefined();
    expect(controller.shows('k')).toBe(false);
    await controller.loadMore();
    expect(controller.items).toEqual([]);
  });
});
