import { aTimeout, expect, html } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import '../../../src/define.ts';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { configure } from '../../../src/core/config.ts';
import { deferred, json } from '../../support/fake-fetch.ts';
import { $, $$, until, untilState } from '../../support/dom.ts';
import {
  QUIET,
  csomni,
  serve,
  details,
  ids,
  belowTheFold,
  scrollToShow,
  visibleCardIndexes,
  CART,
  LIST,
  useAnalyticsPage,
  giosg,
  named,
  REPORT_WAIT,
  seen,
} from './harness.ts';

useAnalyticsPage();

/**
 * Settles once the page's IntersectionObserver notifications say `el` is at least half in view
 * (`true`) or not: the element's own observer, created before this one, has had the same ones.
 */
function observed(el: Element, inView: boolean): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting && entry.intersectionRatio >= 0.5) !== inView) return;
        observer.disconnect();
        resolve();
      },
      { threshold: [0, 0.5, 1] },
    );
    observer.observe(el);
  });
}

// Room for the waits for a report (REPORT_WAIT): a test waits for two or three.
describe('widget-analytics: view_item_list viewability', { timeout: 45_000 }, () => {
  it(
    'reports nothing below the fold, nothing at 40% in view, and the visible ' +
      'cards once at half in view for a second',
    async () => {
      serve(csomni());
      const el = await belowTheFold(LIST);
      await untilState(el, 'ready', 'never loaded');
      await aTimeout(QUIET);
      expect(details(), 'below the fold').to.deep.equal([]);

      scrollToShow(el, 0.4);
      await aTimeout(QUIET);
      expect(details(), '40% in view').to.deep.equal([]);

      scrollToShow(el, 0.6);
      await until(() => details().length > 0, seen(el, 'half in view never reported'), REPORT_WAIT);
      const [view] = details();
      expect(view.event).to.equal('view_item_list');
      const shown = visibleCardIndexes(el);
      expect(shown.length, 'the test needs some cards out of the carousel view').to.be.within(1, 5);
      expect(view.ecommerce.items.map((item) => item.index)).to.deep.equal(shown);
      expect(ids(view)).to.deep.equal(shown.map((i) => `prod_p${i}`));

      // Scrolled away and back to where it was: no second report of the same cards.
      scrollTo(0, 0);
      await aTimeout(300);
      scrollToShow(el, 0.6);
      await aTimeout(QUIET);
      expect(details()).to.have.length(1);
      await expect(el).to.be.accessible();
    },
  );

  it('reports nothing for a glimpse shorter than a second, and the same cards once they stay a second', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await untilState(el, 'ready', 'never loaded');
    // The second on the test's clock: a frame that comes late on a busy machine (the one that
    // tells the element the cards left the view) cannot stretch a glimpse past it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      scrollToShow(el, 1);
      await observed(el, true);
      await vi.advanceTimersByTimeAsync(150);
      scrollTo(0, 0);
      await observed(el, false);
      await vi.advanceTimersByTimeAsync(QUIET);
      expect(details(), 'a glimpse').to.deep.equal([]);

      scrollToShow(el, 1);
      await observed(el, true);
      await vi.advanceTimersByTimeAsync(999);
      expect(details(), 'in view for less than a second').to.deep.equal([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(details().map((detail) => detail.event)).to.deep.equal(['view_item_list']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts the second only while the tab is shown', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await untilState(el, 'ready', 'never loaded');
    let hidden = false;
    const hide = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    // The test's clock, as for a glimpse above.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      scrollToShow(el, 1);
      await observed(el, true);
      await vi.advanceTimersByTimeAsync(100);
      hide(true);
      await vi.advanceTimersByTimeAsync(QUIET);
      expect(details(), 'in view, but in a hidden tab').to.deep.equal([]);
      hide(false);
      await vi.advanceTimersByTimeAsync(999);
      expect(details(), 'shown again, for less than a second').to.deep.equal([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(details(), 'shown again for a second').to.have.length(1);
    } finally {
      vi.useRealTimers();
      delete (document as unknown as Record<string, unknown>).hidden;
    }
  });

  it('reports cards scrolled into the carousel afterwards as their own view_item_list, with only those', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await untilState(el, 'ready', 'never loaded');
    // Every name first, so the cards in view are reported in one event (a name that came after
    // their second would come as a second event).
    await named(el);
    scrollToShow(el, 1);
    await until(() => details().length === 1, seen(el, 'first view never reported'), REPORT_WAIT);
    const first = visibleCardIndexes(el);

    const viewport = $(el, '[part~="viewport"]')!;
    viewport.scrollLeft = viewport.scrollWidth;
    const reported = () => details().flatMap((detail) => detail.ecommerce.items.map((item) => item.index));
    await until(
      () => visibleCardIndexes(el).includes(9) && visibleCardIndexes(el).every((i) => reported().includes(i)),
      seen(el, 'newly seen cards never reported'),
      REPORT_WAIT,
    );
    // Each later event holds only cards no earlier one did (scrolling may bring them in batches).
    const later = details().slice(1);
    expect(later.length).to.be.greaterThan(0);
    expect(
      later.flatMap((detail) => detail.ecommerce.items.map((item) => item.index)).filter((i) => first.includes(i)),
    ).to.deep.equal([]);
    expect(new Set(reported()).size, 'no card twice').to.equal(reported().length);
    // The product-level row: its id is the product's.
    expect(later.at(-1)!.ecommerce.items.at(-1)).to.include({ item_id: 'prod_p9', index: 9 });

    const count = details().length;
    // At once: a smooth scroll back would pass the middle cards, which a frame late by a second on
    // a busy machine would report.
    viewport.scrollTo({ left: 0, behavior: 'instant' });
    await aTimeout(QUIET);
    expect(details(), 'back at the start: nothing new').to.have.length(count);
  });

  it('reports a next page (Algonomy) with only its new items', async () => {
    // The next page is held until page one's last cards have had their second in view: no
    // request timeout of the page's may end it first on a slow machine.
    configure({ timeout: 30_000 });
    const PAGE = 4;
    const history = (n: number) => ({
      status: 'OK',
      data: {
        customerId: 2056,
        totalPages: 2,
        lastKey: { RK: n },
        dataList: Array.from({ length: PAGE }, (_, i) => ({
          productCode: `SKU-${(n - 1) * PAGE + i}`,
          productName: `Product ${i}`,
          productImgUrl: ' ',
          productQty: '1',
          productValue: `$ ${i}.5`,
          orderValue: '$1,000.0',
          orderDate: '',
        })),
      },
    });
    const second = deferred<Response>();
    const pageOf = (request: { body?: unknown }) => (request.body as { page?: number } | undefined)?.page;
    const api = serve((request) => (pageOf(request) === 1 ? json(history(1)) : second.promise));
    const pages = () => api.calls.map(pageOf);
    const el = await belowTheFold(
      html`<buy-again-list
        source="algonomy"
        api-base="https://rcdp.test"
        tenant-hash="t"
        access-token="a"
        gcr-id="g1"
        page-size="4"
        heading="Order again"
        style="width: 480px; --buy-again-card-width: 140px"
      ></buy-again-list>`,
    );
    await untilState(el, 'ready', 'never loaded');
    scrollToShow(el, 1);
    // The first view, in one event or more: this test is about what the next page adds.
    await until(() => details().length > 0, seen(el, 'first view never reported'), REPORT_WAIT);
    expect(details()[0].ecommerce).to.include({ item_list_id: 'algonomy', item_list_name: 'Order again' });

    const viewport = $(el, '[part~="viewport"]')!;
    const reported = () => details().flatMap(ids);
    const visibleIds = () => visibleCardIndexes(el).map((i) => `SKU-${i}`);
    viewport.scrollLeft = viewport.scrollWidth;
    await until(
      () => pages().includes(2),
      () => `the next page was never asked for (pages asked for: ${pages()}; reported: ${reported()})`,
    );
    // Page one's last cards, now in view, are reported before page two arrives.
    await until(
      () => visibleIds().every((id) => reported().includes(id)),
      seen(el, 'the end of page one was never reported'),
      REPORT_WAIT,
    );
    const before = details().length;
    second.resolve(json(history(2)));
    await until(() => $$(el, '[part~="item"]').length === 8, 'the next page never arrived');
    viewport.scrollLeft = viewport.scrollWidth;
    await until(
      () => visibleIds().includes('SKU-7') && visibleIds().every((id) => reported().includes(id)),
      seen(el, 'the next page was never reported'),
      REPORT_WAIT,
    );
    const later = details().slice(before).flatMap(ids);
    expect(later.length).to.be.greaterThan(0);
    expect(
      later.every((id) => Number(id.slice(4)) >= PAGE),
      `only the next page's items: ${later}`,
    ).to.equal(true);
    expect(new Set(reported()).size, 'no item twice').to.equal(reported().length);
  });

  it('reports view_cart once for a shown cart half in view for a second, never for one out of view', async () => {
    serve(giosg());
    const el = await belowTheFold<CartSummary>(CART);
    await untilState(el, 'ready', 'never loaded');
    await aTimeout(QUIET);
    expect(details(), 'below the fold').to.deep.equal([]);
    scrollToShow(el, 0.7);
    await until(() => details().length === 1, seen(el, 'view_cart never reported'), REPORT_WAIT);
    scrollTo(0, 0);
    await aTimeout(300);
    scrollToShow(el, 1);
    await aTimeout(QUIET);
    expect(details().map((detail) => detail.event)).to.deep.equal(['view_cart']);
    await expect(el).to.be.accessible();
  });
});
