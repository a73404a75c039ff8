import { expect } from '@open-wc/testing';
import { describe, it } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure } from '../../../src/core/config.ts';
import { json } from '../../support/fake-fetch.ts';
import { texts, until, untilState } from '../../support/dom.ts';
import {
  RCDP,
  rows,
  csomni,
  cartOf,
  giosg,
  algonomy,
  serve,
  create,
  list,
  cart,
  useSinglePageApp,
  host,
} from './harness.ts';

useSinglePageApp();

describe('widgets in a single-page app', () => {
  describe('moves and rapid changes', () => {
    /** Every list of names (or cart lines) the widget showed, render by render. */
    function shownOverTime(el: Element, selector: string): { seen: string[][]; stop(): void } {
      const seen: string[][] = [];
      const record = () => {
        const now = texts(el, selector);
        if (JSON.stringify(now) !== JSON.stringify(seen.at(-1))) seen.push(now);
      };
      record();
      const observer = new MutationObserver(record);
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
      return { seen, stop: () => observer.disconnect() };
    }

    it(
      "<buy-again-list>: switching customer ten times shows only the last one's " +
        'list, whatever order the answers come in',
      async () => {
        const answers = new Map<string, (response: Response) => void>();
        const fake = serve(csomni((customer) => new Promise<Response>((resolve) => answers.set(customer, resolve))));
        const el = list('cs_0');
        await until(() => answers.has('cs_0'));
        const shown = shownOverTime(el, '[part~="price"]');
        for (let n = 1; n <= 10; n++) {
          el.setAttribute('customer-token', `cs_${n}`);
          await until(() => answers.has(`cs_${n}`));
        }
        const requests = fake.callsTo('/frequentlyPurchased');
        expect(requests.length).to.equal(11);
        expect(
          requests.slice(0, 10).every((call) => call.signal?.aborted),
          "an earlier customer's request was left open",
        ).to.equal(true);
        expect(requests[10].signal?.aborted).to.not.equal(true);
        // The earlier answers arrive anyway (a server that ignores the abort), newest first.
        for (let n = 9; n >= 0; n--) answers.get(`cs_${n}`)!(json(rows(`cs_${n}`)));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(el.state).to.equal('loading');
        answers.get('cs_10')!(json(rows('cs_10')));
        await until(
          () =>
            el.state === 'ready' && texts(el, '[part~="name"]').every((name) => name.startsWith('Name of prod_cs_10')),
        );
        shown.stop();
        expect(
          shown.seen.filter((prices) => prices.length > 0).length,
          "another customer's list was shown on the way",
        ).to.equal(1);
        expect(el.getAttribute('state')).to.equal('ready');
      },
    );

    it('<buy-again-list>: switching customer ten times within one task sends one request', async () => {
      const fake = serve(csomni());
      const el = list('cs_0');
      for (let n = 1; n <= 10; n++) el.setAttribute('customer-token', `cs_${n}`);
      await until(
        () =>
          el.state === 'ready' && texts(el, '[part~="name"]').every((name) => name.startsWith('Name of prod_cs_10')),
      );
      expect(fake.callsTo('/frequentlyPurchased').map((call) => call.headers.get('customertoken'))).to.deep.equal([
        'cs_10',
      ]);
    });

    // A route change: the page sets the widget's new input, then takes it off the page, in one
    // task. The update asked for still runs (Lit updates a removed element), and its load would
    // go out from off the page, where nobody sees it and nothing aborts it.
    it('<buy-again-list>: changed and removed in one task: no load off the page, the change once back', async () => {
      const fake = serve(csomni());
      const customers = () => fake.callsTo('/frequentlyPurchased').map((call) => call.headers.get('customertoken'));
      const el = list('cs_0');
      await untilState(el, 'ready');
      el.setAttribute('customer-token', 'cs_1');
      el.remove();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(customers(), 'a request from off the page').to.deep.equal(['cs_0']);
      host.append(el);
      await until(
        () => el.state === 'ready' && texts(el, '[part~="name"]').every((name) => name.startsWith('Name of prod_cs_1')),
        "the new customer's list never came",
      );
      expect(customers()).to.deep.equal(['cs_0', 'cs_1']);
    });

    it('<cart-summary>: configure() and removal in one task: no load off the page, a load once back', async () => {
      const fake = serve(giosg());
      const el = cart('v1');
      await untilState(el, 'ready');
      // Nothing cached: any load asks the vendor.
      pageCache.clear();
      configure({ timeout: 2500 });
      el.remove();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.callsTo('/shopping_carts').length, 'a request from off the page').to.equal(1);
      host.append(el);
      await until(() => fake.callsTo('/shopping_carts').length === 2, 'not loaded again once back');
      await untilState(el, 'ready');
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Line of v1']);
    });

    it(
      "<cart-summary>: switching visitor ten times shows only the last one's " +
        'cart, whatever order the answers come in',
      async () => {
        const answers = new Map<string, (response: Response) => void>();
        const fake = serve(giosg((visitor) => new Promise<Response>((resolve) => answers.set(visitor, resolve))));
        const el = cart('v0');
        await until(() => answers.has('v0'));
        const shown = shownOverTime(el, '[part~="line-name"]');
        for (let n = 1; n <= 10; n++) {
          el.setAttribute('visitor-id', `v${n}`);
          await until(() => answers.has(`v${n}`));
        }
        const requests = fake.callsTo('/shopping_carts');
        expect(
          requests.slice(0, 10).every((call) => call.signal?.aborted),
          "an earlier visitor's request was left open",
        ).to.equal(true);
        for (let n = 9; n >= 0; n--)
          answers.get(`v${n}`)!(json({ next: null, previous: null, results: [cartOf(`v${n}`).record] }));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(el.state).to.equal('loading');
        answers.get('v10')!(json({ next: null, previous: null, results: [cartOf('v10').record] }));
        await untilState(el, 'ready');
        shown.stop();
        expect(shown.seen.filter((lines) => lines.length > 0)).to.deep.equal([['Line of v10']]);
        expect(el.getAttribute('state')).to.equal('ready');
      },
    );

    it(
      '<buy-again-list>: moved while a further page loads, keeps the pages ' + 'it has and still gets that page',
      async () => {
        let answer: ((response: Response) => void) | undefined;
        const fake = serve(
          algonomy((page) => (page === 3 ? new Promise<Response>((resolve) => (answer = resolve)) : undefined)),
        );
        const el = create<BuyAgainList>('buy-again-list', {
          source: 'algonomy',
          'api-base': RCDP,
          'tenant-hash': 't',
          'access-token': 'a',
          'gcr-id': 'g',
          'page-size': '3',
        });
        await untilState(el, 'ready');
        const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]');
        const names = () => texts(el, '[part~="name"]');
        const pages = () => fake.calls.map((call) => (call.body as { page: number }).page);
        await until(() => more() !== null);
        more()!.click();
        await until(() => names().length === 6 && more() !== null);
        more()!.click();
        await until(() => answer !== undefined);
        const shown = shownOverTime(el, '[part~="name"]');
        const elsewhere = document.createElement('section');
        host.append(elsewhere);
        elsewhere.append(el);
        await el.updateComplete;
        await new Promise((resolve) => setTimeout(resolve, 50));
        // The page's request carries on (the cache hands it over), as the first page's does.
        expect(pages()).to.deep.equal([1, 2, 3]);
        expect(fake.calls[2].signal?.aborted, 'the page under way was given up').to.equal(false);
        expect(more()?.textContent?.trim(), 'the pager forgot the page under way').to.equal('Loading more items…');
        answer!(
          json({
            status: 'OK',
            data: {
              currentPage: 3,
              pageSize: 3,
              totalPages: 3,
              totalCount: 9,
              lastKey: { RK: 3 },
              dataList: [0, 1, 2].map((i) => ({
                productCode: `SKU-3-${i}`,
                productName: `Product 3-${i}`,
                productQty: '1',
                productValue: '$ 1.5',
              })),
            },
          }),
        );
        await until(() => names().length === 9, 'the page under way never arrived');
        shown.stop();
        expect(
          shown.seen.map((each) => each.length),
          'the move took the list back to page one',
        ).to.deep.equal([6, 9]);
        expect(el.getAttribute('state')).to.equal('ready');
      },
    );

    it('<buy-again-list>: moved while names are looked up, gets them without loading its list again', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const vendor = csomni();
      serve(async (request) => {
        if (request.url.pathname.startsWith('/products/')) await held;
        return vendor(request);
      });
      const el = list('cs_1');
      const loads: Event[] = [];
      el.addEventListener('widget-load', (event) => loads.push(event));
      await untilState(el, 'ready');
      await until(() => loads.length === 1, 'no widget-load');
      const elsewhere = document.createElement('section');
      host.append(elsewhere);
      elsewhere.append(el);
      await el.updateComplete;
      release();
      await until(
        () => texts(el, '[part~="name"]').every((name) => name.startsWith('Name of prod_cs_1')),
        'the names never came after the move',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(loads.length, 'the move loaded the list again: a second widget-load').to.equal(1);
      expect(el.getAttribute('state')).to.equal('ready');
      await expect(el).to.be.accessible();
    });

    it(
      '<cart-summary>: moved mid-load and while a refresh is under way, keeps ' + 'the cart in view and ends ready',
      async () => {
        let hold: Promise<Response> | undefined;
        const fake = serve(giosg(() => hold));
        const el = cart('v1');
        await untilState(el, 'ready');
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Line of v1']);
        let answer!: (response: Response) => void;
        hold = new Promise<Response>((resolve) => (answer = resolve));
        const shown = shownOverTime(el, '[part~="line-name"]');
        void el.refresh();
        await until(() => fake.callsTo('/shopping_carts').length === 2);
        const elsewhere = document.createElement('section');
        host.append(elsewhere);
        elsewhere.append(el);
        await el.updateComplete;
        expect(fake.callsTo('/shopping_carts').length, 'the move sent the request again').to.equal(2);
        answer(json({ next: null, previous: null, results: [cartOf('v1').record] }));
        await until(() => el.state === 'ready' && fake.calls.length > 0);
        await el.updateComplete;
        await new Promise((resolve) => setTimeout(resolve, 50));
        shown.stop();
        expect(shown.seen, 'the cart in view gave way to a skeleton on the move').to.deep.equal([['Line of v1']]);
        expect(el.getAttribute('state')).to.equal('ready');
      },
    );

    it(
      '<cart-summary>: away (a route change) during a refresh, comes back with its cart in view while it ' +
        'loads again',
      async () => {
        let holding = false;
        const answers: ((response: Response) => void)[] = [];
        const answerAll = () => {
          for (const answer of answers.splice(0))
            answer(json({ next: null, previous: null, results: [cartOf('v1').record] }));
        };
        serve(giosg(() => (holding ? new Promise<Response>((resolve) => answers.push(resolve)) : undefined)));
        const el = cart('v1');
        await untilState(el, 'ready');
        const loads: Event[] = [];
        el.addEventListener('widget-load', (event) => loads.push(event));
        holding = true;
        void el.refresh();
        await until(() => answers.length === 1);
        el.remove();
        await new Promise((resolve) => setTimeout(resolve, 100));
        host.append(el);
        await until(() => answers.length === 2, 'the refresh was not asked for again once back');
        await el.updateComplete;
        expect(texts(el, '[part~="line-name"]'), 'the cart came back as a skeleton').to.deep.equal(['Line of v1']);
        expect(el.getAttribute('state')).to.equal('ready');
        await expect(el).to.be.accessible();
        answerAll();
        await until(() => loads.length === 1, 'no widget-load once the refresh was in');
        await el.updateComplete;
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Line of v1']);
        expect(el.getAttribute('state')).to.equal('ready');
      },
    );
  });
});
