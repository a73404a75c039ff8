import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import type { WidgetErrorEvent } from '../../../src/events.ts';
import { deferred, json, serve as serveFake, stopServing, type FakeFetch } from '../../support/fake-fetch.ts';
import { $, slowUpdates, until, untilState } from '../../support/dom.ts';
import { algonomy, algonomyPage, algonomyPageOf } from '../../support/vendors/algonomy.ts';

const BASE = 'https://rcdp.test';
const PAGE_SIZE = 8;
const TOTAL_PAGES = 3;

/** Row `i` of a page: vendor money strings, and page 2 repeating the first product of page 1 (it must show once). */
function row(pageNumber: number, i: number) {
  const n = (pageNumber - 1) * PAGE_SIZE + i;
  const code = pageNumber === 2 && i === 0 ? 'SKU-0' : `SKU-${n}`;
  return {
    productCode: code,
    productName: `Product ${n}`,
    productImgUrl: ' ',
    productQty: String(i + 1),
    productValue: `$ ${n}.5`,
    orderValue: `$1,00${i}.0`,
    orderDate: '',
  };
}

/** Page `page` of an Algonomy history of `totalPages` pages. */
const page = (pageNumber: number, totalPages = TOTAL_PAGES) =>
  algonomyPage(pageNumber, { pageSize: PAGE_SIZE, totalPages, row });

let api: FakeFetch | undefined;
const requestedPages = () => api!.calls.map(algonomyPageOf);

/** Serves that history, or what `answer` gives for a page. */
function serve(answer?: (pageNumber: number) => Response | Promise<Response>) {
  api = serveFake(algonomy({ pageSize: PAGE_SIZE, totalPages: TOTAL_PAGES, row, answer }));
}

/** The carousel on that history, `max-items` and `cache-ttl` as given. */
const algonomyList = (maxItems = '', cacheTtl = '') =>
  html`<buy-again-list
    source="algonomy"
    api-base=${BASE}
    tenant-hash="t"
    access-token="a"
    gcr-id="g1"
    page-size=${PAGE_SIZE}
    max-items=${maxItems || undefined}
    cache-ttl=${cacheTtl || undefined}
    style="width: 520px; --buy-again-card-width: 150px"
  ></buy-again-list>`;

async function widget(maxItems = '') {
  const el = await fixture<BuyAgainList>(algonomyList(maxItems));
  await until(() => el.state !== 'loading', 'never left loading');
  await el.updateComplete;
  return el;
}

const cards = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')];
const scrollToEnd = (el: Element) => {
  const viewport = $(el, '[part~="viewport"]')!;
  viewport.scrollLeft = viewport.scrollWidth;
};

beforeEach(() => pageCache.clear());
afterEach(() => {
  fixtureCleanup();
  stopServing();
  resetConfiguration();
});

describe('<buy-again-list source="algonomy"> paging', () => {
  it('takes source, its credentials, a customer identifier and page-size from configure()', async () => {
    serve();
    configure({
      source: 'algonomy',
      apiBase: BASE,
      tenantHash: 't',
      accessToken: 'a',
      email: 'ana@example.com',
      pageSize: PAGE_SIZE,
    });
    const el = await fixture<BuyAgainList>(html`<buy-again-list></buy-again-list>`);
    await untilState(el, 'ready', 'never loaded from the configured source');
    expect(cards(el).length).to.equal(PAGE_SIZE);
    expect(api!.calls[0].url.pathname).to.equal('/api/v1/profile/b2b/productPurchased');
    expect(api!.calls[0].headers.get('tenant_hash')).to.equal('t');
    expect(api!.calls[0].body).to.deep.include({ page: 1, pageSize: PAGE_SIZE });
    expect(el.hasAttribute('source'), 'a configured default is not an attribute').to.equal(false);
  });

  it('loads page 1 only until the shopper nears the end, then page 2 with lastKey', async () => {
    serve();
    const el = await widget();
    expect(cards(el).length).to.equal(8);
    expect(requestedPages()).to.deep.equal([1]);
    expect(api!.calls[0].body).to.deep.equal({ page: 1, pageSize: PAGE_SIZE });
    expect($(el, '[part~="load-more-button"]')!.textContent.trim()).to.equal('Load more');
    await expect(el).to.be.accessible();
    scrollToEnd(el);
    await until(() => cards(el).length > 8, 'page 2 never loaded on scroll');
    expect(api!.calls[1].body).to.deep.equal({ page: 2, pageSize: PAGE_SIZE, lastKey: { RK: 1 } });
    // The product repeated on page 2 shows once.
    expect(cards(el).length).to.equal(15);
    expect(cards(el)[8].getAttribute('aria-label')).to.equal('9 of 15');
    expect(cards(el)[8].querySelector('[part~="price"]')!.textContent).to.equal('$9.50');
  });

  it('loads one page per approach to the end where a page waits to be drawn (a busy phone)', async () => {
    const second = deferred<Response>();
    serve((n) => (n === 2 ? second.promise : json(page(n))));
    const el = await widget();
    slowUpdates(el, 150);
    scrollToEnd(el);
    await until(() => requestedPages().length === 2, 'page 2 never loaded on scroll');
    await until(() => $(el, '[part~="viewport"]')!.getAttribute('aria-busy') === 'true', 'never busy');
    // The page arrives while the row still ends where page one did; the shopper keeps scrolling
    // there until the new cards are drawn.
    const viewport = $(el, '[part~="viewport"]')!;
    const nudge = setInterval(() => viewport.dispatchEvent(new Event('scroll')), 10);
    try {
      second.resolve(json(page(2)));
      await until(() => cards(el).length >= 15, 'page 2 never drawn');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      clearInterval(nudge);
    }
    expect(requestedPages(), 'a page the shopper had not come near').to.deep.equal([1, 2]);
    expect(cards(el).length).to.equal(15);
  });

  it('marks the row busy while a page loads, and announces the new items', async () => {
    const second = deferred<Response>();
    serve((n) => (n === 1 ? json(page(1)) : second.promise));
    const el = await widget();
    scrollToEnd(el);
    await until(() => $(el, '[part~="viewport"]')!.getAttribute('aria-busy') === 'true', 'never busy');
    expect($(el, '[part~="load-more-button"]')!.textContent.trim()).to.equal('Loading more items…');
    await expect(el).to.be.accessible();
    second.resolve(json(page(2)));
    await until(() => $(el, '[part~="viewport"]')!.getAttribute('aria-busy') === 'false');
    await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === '7 items loaded');
  });

  it('keeps the page Load more asked for when page one is revalidated behind it meanwhile', async () => {
    // The cache's clock stands still unless the test moves it: nothing goes stale by itself.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const revalidated = deferred<Response>();
      const second = deferred<Response>();
      let firstPages = 0;
      serve((n) => (n === 2 ? second.promise : ++firstPages === 1 ? json(page(1)) : revalidated.promise));
      const el = await fixture<BuyAgainList>(algonomyList('', '1'));
      await untilState(el, 'ready');
      $(el, '[part~="load-more-button"]')!.click();
      await until(() => requestedPages().length === 2);
      vi.setSystemTime(Date.now() + 1100);
      // A second carousel reads the stale page one: it is revalidated behind both.
      await fixture(algonomyList('', '1'));
      await until(() => requestedPages().length === 3, 'page one was never revalidated');
      const updated = new Promise((resolve) => pageCache.addEventListener('update', resolve, { once: true }));
      revalidated.resolve(json(page(1)));
      await updated;
      second.resolve(json(page(2)));
      await until(() => cards(el).length === 15, 'the revalidation dropped page 2');
      expect($(el, '[part~="load-more-button"]')!.textContent.trim()).to.equal('Load more');
    } finally {
      vi.useRealTimers();
    }
  });

  it('announces a page of one item in the singular', async () => {
    const last = page(2, 2);
    serve((n) => json(n === 1 ? page(1, 2) : { ...last, data: { ...last.data, dataList: [last.data.dataList[1]] } }));
    const el = await widget();
    $(el, '[part~="load-more-button"]')!.click();
    await until(() => cards(el).length === 9);
    await until(
      () => $(el, '[role="status"][aria-live="polite"]')!.textContent === '1 item loaded',
      'not "1 item loaded"',
    );
  });

  it('a last page of products shown before announces nothing; focus goes from Load more to the last card', async () => {
    // A vendor that ignores `page`: page 2 is page 1 again (the source then stops paging).
    serve(() => json(page(1, 2)));
    const el = await widget();
    expect(cards(el)).to.have.length(8);
    $(el, '[part~="load-more-button"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => !$(el, '[part~="load-more-button"]'), 'Load more stayed');
    expect(cards(el)).to.have.length(8);
    expect($(el, '[role="status"][aria-live="polite"]')!.textContent).not.to.contain('0 items');
    await until(
      () => el.shadowRoot!.activeElement === cards(el)[7].querySelector('[part~="add-button"]'),
      'focus did not go to the last card',
    );
  });

  it('Load more works from the keyboard', async () => {
    serve();
    const el = await widget();
    const button = $(el, '[part~="load-more-button"]')!;
    button.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => requestedPages().length === 2, 'Enter did not load more');
    await until(() => cards(el).length === 15);
    // Space too, on the button that is there now.
    $(el, '[part~="load-more-button"]')!.focus();
    await userEvent.keyboard(' ');
    await until(() => requestedPages().length === 3, 'Space did not load more');
  });

  it('loads no page while the carousel is hidden (a closed tab or drawer), and pages on once shown', async () => {
    serve();
    const wrapper = await fixture<HTMLElement>(html`<div hidden>${algonomyList()}</div>`);
    const el = wrapper.querySelector<BuyAgainList>('buy-again-list')!;
    await untilState(el, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestedPages(), 'pages loaded for a row nobody can see').to.deep.equal([1]);
    expect(cards(el).length).to.equal(8);
    // Shown, the row is where it was: its start, far from the end.
    wrapper.hidden = false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestedPages()).to.deep.equal([1]);
    scrollToEnd(el);
    await until(() => requestedPages().length === 2, 'page 2 never loaded on scroll once shown');
    await expect(el).to.be.accessible();
  });

  it('asks for no page once removed, though an update was still to come', async () => {
    serve();
    const el = await widget();
    el.requestUpdate();
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestedPages(), 'a removed carousel loaded its next page').to.deep.equal([1]);
  });

  it('stops at the last page', async () => {
    serve();
    const el = await widget();
    for (let n = 2; n <= TOTAL_PAGES; n++) {
      $(el, '[part~="load-more-button"]')!.click();
      await until(() => requestedPages().length === n);
      await until(() => $(el, '[part~="viewport"]')!.getAttribute('aria-busy') === 'false');
    }
    expect($(el, '[part~="load-more-button"]')).to.equal(null);
    scrollToEnd(el);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requestedPages()).to.deep.equal([1, 2, 3]);
    expect(cards(el).length).to.equal(23);
    await expect(el).to.be.accessible();
  });

  it('keeps what is shown when a page fails, and Retry loads that page only', async () => {
    let failPage2 = true;
    serve((n) => (n === 2 && failPage2 ? json({ status: 'ERROR', message: 'Internal error' }) : json(page(n))));
    const el = await widget();
    const errors: string[] = [];
    el.addEventListener('widget-error', (e) => errors.push(e.detail.error.message));
    $(el, '[part~="load-more-button"]')!.click();
    await until(() => $(el, '[part~="retry-button"]') !== null, 'no Retry for the failed page');
    expect(el.state).to.equal('ready');
    expect(cards(el).length).to.equal(8);
    expect(el.shadowRoot!.textContent).to.contain('Could not load more items.');
    expect(errors).to.deep.equal(['Internal error']);
    await expect(el).to.be.accessible();
    failPage2 = false;
    $(el, '[part~="retry-button"]')!.click();
    await until(() => cards(el).length === 15, 'Retry did not load page 2');
    expect(requestedPages()).to.deep.equal([1, 2, 2]);
    expect($(el, '[part~="retry-button"]')).to.equal(null);
  });

  it('offers no Retry for a page the vendor refuses (4xx): the same request would be refused again', async () => {
    serve((n) => (n === 2 ? json({ status: 'ERROR', message: 'Bad request' }, { status: 400 }) : json(page(n))));
    const el = await widget();
    $(el, '[part~="load-more-button"]')!.click();
    await until(
      () => el.shadowRoot!.textContent.includes('Could not load more items.'),
      'the failed page was not shown',
    );
    expect($(el, '[part~="retry-button"]')).to.equal(null);
    expect(cards(el).length).to.equal(8);
    await expect(el).to.be.accessible();
  });

  it('hands focus from Load more to the first new card when the last page arrives', async () => {
    serve((n) => json(page(n, 2)));
    const el = await widget();
    $(el, '[part~="load-more-button"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => cards(el).length === 15);
    expect($(el, '[part~="load-more-button"]')).to.equal(null);
    // Card 9 is the first one page 2 added; it has no link, so its Add to cart takes focus.
    await until(
      () => el.shadowRoot!.activeElement === cards(el)[8].querySelector('[part~="add-button"]'),
      'focus fell to the page with Load more',
    );
  });

  it(
    'keeps keyboard focus on the pager when a page fails, ' + "and goes on at the new page's first card after Retry",
    async () => {
      let failPage2 = true;
      serve((n) => (n === 2 && failPage2 ? json({ status: 'ERROR', message: 'Internal error' }) : json(page(n))));
      const el = await widget();
      $(el, '[part~="load-more-button"]')!.focus();
      await userEvent.keyboard('{Enter}');
      await until(() => $(el, '.pager [part~="retry-button"]') !== null);
      await until(
        () => el.shadowRoot!.activeElement === $(el, '.pager [part~="retry-button"]'),
        'focus fell to the page with Load more',
      );
      await until(
        () => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Could not load more items.',
        'the failed page was never announced',
      );
      failPage2 = false;
      await userEvent.keyboard('{Enter}');
      await until(() => cards(el).length === 15);
      // The page arrived: reading goes on at its first card (card 9 has no link: its Add to cart).
      await until(
        () => el.shadowRoot!.activeElement === cards(el)[8].querySelector('[part~="add-button"]'),
        'focus did not go on to the new page',
      );
    },
  );

  it("keeps focus in the pager, not on the first card, when the list reloads under a failed page's Retry", async () => {
    serve((n) => (n === 2 ? json({ status: 'ERROR', message: 'Internal error' }) : json(page(n))));
    const el = await widget();
    $(el, '[part~="load-more-button"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => el.shadowRoot!.activeElement === $(el, '.pager [part~="retry-button"]'));
    // A page-wide setting the requests are made with reloads page one: Retry gives way to Load more.
    configure({ timeout: 5000 });
    await until(() => $(el, '.pager [part~="retry-button"]') === null);
    await until(
      () => el.shadowRoot!.activeElement === $(el, '[part~="load-more-button"]'),
      'focus jumped out of the pager',
    );
  });

  it('keeps the pages shown, and focus, through a configure() of what the list is not loaded with', async () => {
    serve();
    const el = await widget();
    $(el, '[part~="load-more-button"]')!.click();
    await until(() => cards(el).length === 15);
    const button = cards(el)[12].querySelector<HTMLElement>('[part~="add-button"]')!;
    button.focus();
    const loads: unknown[] = [];
    el.addEventListener('widget-load', (e) => loads.push(e));
    // A consent banner, and the page's own wording, mid-session: shown at once, nothing reloads.
    configure({ analyticsConsent: 'granted' });
    configure({ messages: { loadMore: 'More' } });
    await until(
      () => $(el, '[part~="load-more-button"]')?.textContent.trim() === 'More',
      'the new wording never showed',
    );
    // Paging goes on at page 3.
    $(el, '[part~="load-more-button"]')!.click();
    await until(
      () => cards(el).length === 23,
      () => `page 3 never came: ${cards(el).length} cards`,
    );
    expect(requestedPages()).to.deep.equal([1, 2, 3]);
    expect(el.shadowRoot!.activeElement === button, 'focus left the card on page 2').to.equal(true);
    expect(loads, 'widget-load came again').to.have.length(0);
  });

  it('after Load more, focus goes on at the first new card, in view, and Load more waits for the press', async () => {
    serve();
    const el = await widget();
    const viewport = $(el, '[part~="viewport"]')!;
    const button = $(el, '[part~="load-more-button"]')!;
    // Tabbing to Load more scrolls it into view, near the end of the row: no page loads by itself
    // under the shopper's focus.
    button.focus();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestedPages()).to.deep.equal([1]);
    expect(button.textContent.trim()).to.equal('Load more');
    await userEvent.keyboard('{Enter}');
    await until(() => cards(el).length === 15);
    const first = cards(el)[8].querySelector<HTMLElement>('[part~="add-button"]')!;
    await until(() => el.shadowRoot!.activeElement === first, 'focus stayed on Load more, pushed out of view');
    await until(() => {
      const shown = viewport.getBoundingClientRect();
      const at = first.getBoundingClientRect();
      return at.left >= shown.left - 1 && at.right <= shown.right + 1;
    }, 'the focused card is out of view');
    await expect(el).to.be.accessible();
  });

  it(
    'pages a vendor that answers as its documentation shows: no lastKey, a nested data: null, ' +
      'blank dates and images',
    async () => {
      // The documented response: paging by page number alone.
      const documented = (pageNumber: number) => ({
        status: 'OK',
        message: '',
        data: {
          customerId: 2056,
          totalCount: 2 * PAGE_SIZE,
          currentPage: pageNumber,
          pageSize: PAGE_SIZE,
          totalPages: 2,
          dataList: Array.from({ length: PAGE_SIZE }, (_, i) => ({
            productKey: i + 1,
            productCode: `${pageNumber}00000087315${i}`,
            productName: `NF-PO06:NAVY:${pageNumber}-${i} Y`,
            productDescription: 'NF-PO06:NAVY:11-12 Y',
            productImgUrl: ' ',
            productQty: i === 0 ? '1' : 10,
            orderValue: '$1000.0',
            productValue: '$100.30',
            orderDate: i % 2 ? ' ' : '',
          })),
          data: null,
        },
      });
      serve((n) => json(documented(n)));
      const el = await widget();
      expect(cards(el).length).to.equal(8);
      expect(cards(el)[0].querySelector('[part~="price"]')!.textContent).to.equal('$100.30');
      $(el, '[part~="load-more-button"]')!.click();
      await until(() => cards(el).length === 16, 'the second documented page never arrived');
      expect(api!.calls[1].body).to.deep.equal({ page: 2, pageSize: PAGE_SIZE });
      expect($(el, '[part~="load-more-button"]')).to.equal(null);
      await expect(el).to.be.accessible();
    },
  );

  it('caps the total at max-items and stops paging there', async () => {
    serve();
    const el = await widget('12');
    $(el, '[part~="load-more-button"]')!.click();
    await until(() => cards(el).length === 12);
    expect($(el, '[part~="load-more-button"]')).to.equal(null);
    expect(requestedPages()).to.deep.equal([1, 2]);
  });

  it('refresh() starts again from page 1, and resolves once that page is shown', async () => {
    serve();
    const el = await widget();
    $(el, '[part~="load-more-button"]')!.click();
    await until(() => cards(el).length === 15);
    // On a busy phone the render waits for its turn: refresh() waits for it too.
    slowUpdates(el, 150);
    await el.refresh();
    expect(cards(el).length).to.equal(8);
    expect(requestedPages()).to.deep.equal([1, 2, 1]);
  });

  it('refresh() resolves, not rejects, once a failure is shown', async () => {
    let fail = false;
    serve((n) => (fail ? json({ status: 'ERROR', message: 'Internal error' }) : json(page(n))));
    const el = await widget();
    fail = true;
    slowUpdates(el, 150);
    await el.refresh();
    expect(el.state).to.equal('error');
    expect($(el, '[part~="status"]')!.textContent).to.contain('The store could not load this right now.');
    expect(cards(el).length).to.equal(0);
  });

  it('without any customer identifier is a config error naming them', async () => {
    serve();
    const messages: string[] = [];
    const el = await fixture<BuyAgainList>(
      html`<buy-again-list
        source="algonomy"
        api-base=${BASE}
        tenant-hash="t"
        access-token="a"
        @widget-error=${(e: WidgetErrorEvent) => messages.push(e.detail.error.message)}
      ></buy-again-list>`,
    );
    await untilState(el, 'error');
    expect(api!.calls.length).to.equal(0);
    expect(messages).to.deep.equal(['SW2 `gcr-id` `email` `mobile-number` `customer-code`']);
    expect($(el, '[part~="status"]')!.textContent.trim()).to.equal('This is not available right now.');
    expect($(el, '[part~="retry-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
