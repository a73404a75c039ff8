import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { CacheUpdateEvent, pageCache } from '../../../src/core/cache.ts';
import { configure } from '../../../src/core/config.ts';
import { deferred, json, type RecordedRequest } from '../../support/fake-fetch.ts';
import { $, $$, until, untilState } from '../../support/dom.ts';
import { CSOMNI_PRODUCTS as products, CSOMNI_ROWS as rows, csomni } from '../../support/vendors/csomni.ts';
import { allNamed, BASE, names, serve, useCleanPage, widget } from './harness.ts';

useCleanPage();

describe('<buy-again-list>', () => {
  describe('lifecycle', () => {
    it('refresh() reloads bypassing the cache', async () => {
      const fake = serve(csomni());
      const el = await widget();
      await el.refresh();
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(2);
      expect(el.state).to.equal('ready');
    });

    it('refresh() still bypasses the cache when an input changes in the same task', async () => {
      let list = rows;
      serve(csomni({ list: () => json(list) }));
      const el = await widget();
      list = rows.slice(0, 1);
      void el.refresh();
      el.productUrl = '/item/{productId}';
      await until(() => $$(el, '[part~="item"]').length === 1, 'the reload showed the cached list, not a fresh one');
    });

    it('shows its list revalidated behind it, and ignores updates of other entries', async () => {
      // The cache's clock stands still unless the test moves it: nothing goes stale by itself.
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        let version = 1;
        serve(csomni({ list: () => json(version === 1 ? rows : rows.slice(0, 1)) }));
        const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" cache-ttl="1"></buy-again-list>`);
        let loads = 0;
        el.addEventListener('widget-load', () => (loads += 1));
        pageCache.dispatchEvent(new CacheUpdateEvent("some other widget's list"));
        await aTimeout(50);
        expect(loads).to.equal(0);
        version = 2;
        vi.setSystemTime(Date.now() + 1100);
        // A second widget reads the stale list: it is shown at once and revalidated behind it.
        await fixture(html`<buy-again-list api-base=${BASE} site-token="s" cache-ttl="1"></buy-again-list>`);
        await until(() => $$(el, '[part~="item"]').length === 1, 'the revalidated list never replaced the stale one');
        expect(loads).to.equal(1);
      } finally {
        vi.useRealTimers();
      }
    });

    it('keeps the names it has through a refresh (no flash of loading names)', async () => {
      let productsAnswer = true;
      const fake = serve(
        csomni({
          product: (request) =>
            productsAnswer
              ? json(products[request.url.pathname.split('/')[2]])
              : new Promise<Response>(() => undefined),
        }),
      );
      const el = await widget();
      await allNamed(el);
      const before = names(el);
      const lookups = fake.callsTo('/full').length;
      productsAnswer = false;
      await el.refresh();
      await el.updateComplete;
      expect(names(el)).to.deep.equal(before);
      expect(fake.callsTo('/full').length).to.equal(lookups);
    });

    it('sends its first request once when configure() follows the script, as the README shows', async () => {
      const answer = deferred<Response>();
      const fake = serve(csomni({ list: () => answer.promise }));
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="s"></buy-again-list>`);
      await until(() => fake.callsTo('/frequentlyPurchased').length === 1);
      // A page setting that changes what the widget shows, not whose list it reads.
      configure({ locale: 'en-GB', currency: 'GBP' });
      await el.updateComplete;
      answer.resolve(json(rows));
      await untilState(el, 'ready');
      await allNamed(el);
      expect(fake.callsTo('/frequentlyPurchased').length, 'the first request was cancelled and sent again').to.equal(1);
      const lookups = fake.calls
        .filter((call) => call.url.pathname.includes('/products/'))
        .map((call) => call.url.pathname);
      expect(lookups.length).to.equal(new Set(lookups).size);
    });

    // Another customer's list in direct mode: test/components/shared/widget-behaviour.ts.
    it(
      "keeps the list on screen when the same shopper's session is renewed, " + 'and clears it for another shopper',
      async () => {
        // A renewal may carry another vendor's claims changed (a new giosg chat): not this list's business.
        const token = (sub: string, n: number, customerToken = `cs_${sub}`) =>
          `e30.${btoa(
            JSON.stringify({
              sub,
              exp: 1000 + n,
              csomni: { customerToken },
              giosg: { visitorId: 'v1', chatIds: [`c${n}`] },
            }),
          ).replace(/=+$/, '')}.sig`;
        const later = deferred<Response>();
        let calls = 0;
        // The proxy's routes are the vendor's below {proxy-url}/csomni.
        const vendor = (request: RecordedRequest) =>
          csomni()({ ...request, url: new URL(request.url.href.replace('/widgets/csomni/', '/')) });
        serve((request) =>
          request.url.pathname.endsWith('/frequentlyPurchased') && ++calls === 3 ? later.promise : vendor(request),
        );
        const el = await widget(
          html`<buy-again-list
            proxy-url="https://proxy.test/widgets"
            customer-session=${token('ana', 1)}
          ></buy-again-list>`,
        );
        expect($$(el, '[part~="item"]').length).to.equal(4);
        el.setAttribute('customer-session', token('ana', 2));
        await el.updateComplete;
        expect(el.state).to.equal('ready');
        expect($$(el, '[part~="item"]').length).to.equal(4);
        await until(() => calls === 2);
        // The same login ordering for another customer account is another list too.
        el.setAttribute('customer-session', token('ana', 3, 'cs_ana_company'));
        await untilState(el, 'loading', "another shopper still saw the first one's list");
        expect($$(el, '[part~="item"]').length).to.equal(0);
        later.resolve(json(rows.slice(0, 1)));
        await untilState(el, 'ready');
        expect($$(el, '[part~="item"]').length).to.equal(1);
      },
    );

    it('keeps focus on the same product when a reload reorders the list', async () => {
      let order = rows;
      serve(csomni({ list: () => json(order) }));
      const el = await widget();
      await allNamed(el);
      const oat = $$(el, '[part~="item"]').find((card) => card.textContent.includes('Oat Milk'))!;
      const button = oat.querySelector<HTMLElement>('[part~="add-button"]')!;
      button.focus();
      order = [...rows].reverse();
      await el.refresh();
      await el.updateComplete;
      expect(names(el).at(-1)).to.contain('Oat Milk');
      expect(el.shadowRoot!.activeElement, 'focus left the product with the reorder').to.equal(button);
    });

    it('keeps its items on screen while the same list reloads for max-items', async () => {
      serve(csomni());
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s" customer-token="cs_a"></buy-again-list>`,
      );
      el.maxItems = 2;
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      await until(() => $$(el, '[part~="item"]').length === 2);
    });
  });
});

describe('<buy-again-list> session cache', () => {
  const ours = () => Object.keys(sessionStorage).filter((key) => key.startsWith('storefront-widgets:'));

  it('keeps its answers in sessionStorage under hashed keys, never the tokens, and clear() removes them', async () => {
    const siteToken = 'site_Secret_7f3a';
    const customerToken = 'cs_Private_91bc';
    for (const key of ours()) sessionStorage.removeItem(key);
    try {
      configure({ sessionCache: true });
      serve(csomni());
      const el = await widget(
        html`<buy-again-list
          api-base=${BASE}
          site-token=${siteToken}
          customer-token=${customerToken}
        ></buy-again-list>`,
      );
      expect(el.state).to.equal('ready');
      await allNamed(el);
      const keys = ours();
      expect(keys.length, 'nothing was kept in sessionStorage').to.be.greaterThan(0);
      // The list itself is there, for the next page of the tab.
      expect(
        keys.some((key) => sessionStorage.getItem(key)!.includes('vrnt_oat')),
        'the list was not stored',
      ).to.equal(true);
      for (const key of keys) {
        expect(key).to.match(/^storefront-widgets:[0-9a-z]+$/);
        for (const token of [siteToken, customerToken]) {
          expect(key, 'a token is in a storage key').to.not.contain(token);
          expect(sessionStorage.getItem(key), 'a token is in a stored value').to.not.contain(token);
        }
      }
      el.remove();
      pageCache.clear();
      expect(ours(), 'clear() left entries in sessionStorage').to.deep.equal([]);
    } finally {
      for (const key of ours()) sessionStorage.removeItem(key);
      pageCache.persistIn(undefined);
    }
  });
});

describe('<buy-again-list> render work', () => {
  it('a list whose names the page looked up before renders named cards with its first render', async () => {
    const api = serve(csomni());
    const first = await widget();
    await allNamed(first);
    const lookups = api.calls.filter((request) => request.url.pathname.startsWith('/products/')).length;
    // The moment the second list first shows its cards (widget-load follows that render).
    let atFirstRender: string[] = [];
    let shimmering = -1;
    const onLoad = (event: Event) => {
      const el = event.target as BuyAgainList;
      atFirstRender = names(el);
      shimmering = $$(el, '[part~="name"] .shimmer').length;
    };
    const second = await widget(
      html`<buy-again-list
        api-base=${BASE}
        site-token="site_1"
        customer-token="cs_1"
        image-base-url="/mock/assets/"
        product-url="/p/{productId}?v={variantId}"
        @widget-load=${onLoad}
      ></buy-again-list>`,
    );
    await until(() => atFirstRender.length > 0);
    expect(shimmering).to.equal(0);
    expect(atFirstRender).to.deep.equal(names(first));
    expect(atFirstRender).to.include('Oat Milk – 1 L');
    expect(second.state).to.equal('ready');
    // Nothing was asked again: the names came from the page cache.
    expect(api.calls.filter((request) => request.url.pathname.startsWith('/products/')).length).to.equal(lookups);
  });

  it("announcements, prev/next and one card's add state render no other card", async () => {
    serve(csomni());
    const el = await widget(
      html`<buy-again-list
        api-base=${BASE}
        site-token="site_1"
        customer-token="cs_1"
        style="width: 400px; display: block"
      ></buy-again-list>`,
    );
    await allNamed(el);
    // Each card's template reads its item's name: count the reads per item.
    const reads = new Map<string, number>();
    const state = el as unknown as {
      list: { items: { id: string; name: string | null }[] };
      announcement: string;
    };
    const { list } = state;
    list.items = list.items.map(
      (item) =>
        new Proxy(item, {
          get: (target, key) => (
            key === 'name' && reads.set(target.id, (reads.get(target.id) ?? 0) + 1),
            Reflect.get(target, key)
          ),
        }),
    );
    el.requestUpdate();
    await el.updateComplete;
    expect(reads.size, 'a new list renders every card').to.equal(list.items.length);
    reads.clear();
    state.announcement = 'Something to say';
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.contain('Something to say');
    expect([...reads.keys()]).to.deep.equal([]);
    $(el, '[part~="next-button"]')!.click();
    await until(() => $(el, '[part~="prev-button"]')!.getAttribute('aria-disabled') === 'false');
    expect([...reads.keys()]).to.deep.equal([]);
    $$(el, '[part~="add-button"]')[1].click();
    await until(() => $$(el, '[part~="add-button"]')[1].textContent.trim() === 'Added');
    expect([...reads.keys()]).to.deep.equal([list.items[1].id]);
  });
});
