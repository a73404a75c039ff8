import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { configure } from '../../../src/core/config.ts';
import { type WidgetErrorEvent, type WidgetLoadEvent } from '../../../src/events.ts';
import { deferred, json, spyOnFetch } from '../../support/fake-fetch.ts';
import { $, $$, text, texts, until, untilState } from '../../support/dom.ts';
import { giosgCart as cart, giosgLine as line, minutesAgo } from '../../support/vendors/giosg.ts';
import {
  BASE,
  cartSummary,
  giosg,
  LIST,
  liveRegion,
  onScreen,
  MOCK,
  mounted,
  OPEN_CART,
  OPEN_CART_LINES,
  ROOM,
  totalsRows,
  serve,
  settled,
  TOKEN,
  useCleanPage,
  VISITOR,
  visitorCart,
} from './harness.ts';

useCleanPage();

describe('<cart-summary>', () => {
  describe('loading', () => {
    it('shows a busy skeleton under the heading, announces it, and is accessible', async () => {
      const answer = deferred<Response>();
      serve((request) =>
        request.url.pathname.endsWith('/shopping_carts')
          ? answer.promise
          : giosg([cart('a', {}, [line('1')])])(request),
      );
      const el = await fixture<CartSummary>(
        html`<cart-summary
          api-base=${BASE}
          api-token=${TOKEN}
          user-id="u1"
          chat-id="c1"
          visitor-id="v1"
        ></cart-summary>`,
      );
      expect(el.state).to.equal('loading');
      expect(el.getAttribute('state')).to.equal('loading');
      expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
      expect($$(el, '.skeleton .line').length).to.equal(3);
      expect(text($(el, 'h2'))).to.equal('Your cart');
      expect(liveRegion(el)).to.equal('Loading your cart');
      await expect(el).to.be.accessible();
      answer.resolve(json({ next: null, previous: null, results: [cart('a', {}, [line('1')]).record] }));
      await settled(el);
      expect(el.state).to.equal('ready');
      expect($(el, '[part~="base"]')!.getAttribute('aria-busy'), 'it loaded again').to.equal('false');
      expect($$(el, '.skeleton').length).to.equal(0);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      await expect(el).to.be.accessible();
    });
  });

  describe('whose carts', () => {
    /** An unsigned session for the proxy (the widget reads its claims; only the proxy verifies). */
    const session = (claims: Record<string, unknown>) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

    it(
      'keeps the cart in view while a renewed session for the same visitor ' +
        'reloads, and clears it for another visitor',
      async () => {
        let answer: Promise<Response> | undefined;
        const vendor = giosg([cart('a', {}, [line('1')])]);
        // The proxy's routes are the vendor's below {proxy-url}/giosg; it adds the vendor token.
        const fake = serve((request) => {
          if (!request.headers.get('authorization')?.startsWith('Bearer '))
            return json({ detail: 'no session' }, { status: 401 });
          if (answer && request.url.pathname.endsWith('/shopping_carts')) return answer;
          const headers = new Headers(request.headers);
          headers.set('authorization', `Token ${TOKEN}`);
          return vendor({ ...request, headers, url: new URL(request.url.href.replace('/widgets/giosg/', '/')) });
        });
        const ana = (exp: number, visitorId = 'v1') => session({ sub: 'ana', exp, giosg: { visitorId } });
        const el = await mounted(
          html`<cart-summary
            proxy-url="https://proxy.test/widgets"
            customer-session=${ana(1)}
            user-id="u1"
            chat-id="c1"
            visitor-id="v1"
          ></cart-summary>`,
        );
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);

        const renewed = deferred<Response>();
        answer = renewed.promise;
        el.setAttribute('customer-session', ana(2));
        await until(() => fake.callsTo('/shopping_carts').length === 2, 'the renewed session was never used');
        await el.updateComplete;
        expect(el.state).to.equal('ready');
        expect($$(el, '.skeleton').length, "the same visitor's cart gave way to a skeleton").to.equal(0);
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
        const reloaded = oneEvent(el, 'widget-load');
        renewed.resolve(json({ next: null, previous: null, results: [cart('a', {}, [line('1')]).record] }));
        await reloaded;

        const other = deferred<Response>();
        answer = other.promise;
        el.setAttribute('customer-session', ana(3, 'v2'));
        await untilState(el, 'loading', "another visitor still saw the first one's cart");
        expect(texts(el, '[part~="line-name"]')).to.deep.equal([]);
        await expect(el).to.be.accessible();
        other.resolve(json({ next: null, previous: null, results: [] }));
        await settled(el);
        expect(el.state).to.equal('empty');
        expect(fake.callsTo('/shopping_carts').map((call) => call.headers.get('authorization'))).to.deep.equal([
          `Bearer ${ana(1)}`,
          `Bearer ${ana(2)}`,
          `Bearer ${ana(3, 'v2')}`,
        ]);
      },
    );
  });

  describe('view="latest"', () => {
    it('shows the latest open cart from the mock API: lines, sums, adjustments, subscriptions', async () => {
      const spy = spyOnFetch();
      try {
        const el = await visitorCart(MOCK, { locale: 'en-GB' });
        expect(el.state).to.equal('ready');
        expect(el.getAttribute('state')).to.equal('ready');
        // The deleted Poncho is out of view and out of the sums.
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(OPEN_CART_LINES);
        const [sombrero, bananas, streaming, phone] = $$(el, '[part~="line"]');
        expect(text(sombrero.querySelector('[part~="line-quantity"]'))).to.equal('2 × €35.81');
        expect(text(sombrero.querySelector('[part~="line-total"]'))).to.equal('€71.62');
        expect(text(sombrero.querySelector('.category'))).to.equal('Category Hats');
        expect(text(bananas.querySelector('[part~="line-quantity"]'))).to.equal('3 × €0.10');
        expect(text(bananas.querySelector('[part~="line-total"]'))).to.equal('€0.30');
        expect(onScreen(streaming.querySelector('[part~="line-quantity"]'))).to.equal('1 × €9.90 / month');
        expect(onScreen(streaming.querySelector('[part~="line-total"]'))).to.equal('€9.90 / month');
        expect(onScreen(phone.querySelector('[part~="line-total"]'))).to.equal('€299.00 €19.90 / month');
        expect(totalsRows(el)).to.deep.equal([
          'Items €370.92',
          'Discounts and delivery \u2212€5.10',
          'Total €365.82',
          'Monthly subscriptions €29.80 / month',
        ]);
        expect(text($(el, '[part~="total"] dd'))).to.equal('€365.82');
        expect(onScreen($(el, '[part~="subscription-total"] dd'))).to.equal('€29.80 / month');
        expect(text($(el, '[part~="header"] time'))).to.equal('Updated 5 minutes ago');
        expect($(el, '[part~="badge"]')).to.equal(null);
        expect(liveRegion(el)).to.equal('Cart loaded. Total €365.82');
        await expect(el).to.be.accessible();

        // Page size 2: three list pages and three pages of lines, every `next` (on the vendor's
        // host) re-based on the configured base.
        const paths = spy.calls.map((call) => call.url);
        expect(
          paths.every((url) => url.origin === location.origin && url.pathname.startsWith(`${MOCK}/api/v5/`)),
        ).to.equal(true);
        expect(paths.filter((url) => url.pathname.endsWith('/shopping_carts')).length).to.equal(3);
        expect(paths.filter((url) => url.pathname.endsWith('/products')).length).to.equal(3);
      } finally {
        spy.restore();
      }
    });

    it('shows removed lines struck through with show-deleted, still out of the sum', async () => {
      const el = await visitorCart(MOCK, { locale: 'en-GB', 'show-deleted': true });
      const poncho = $$(el, '[part~="line"]').find((node) => text(node).includes('Poncho'))!;
      expect(poncho.classList.contains('deleted')).to.equal(true);
      expect(poncho.querySelector('[part~="line-name"] del')).to.not.equal(null);
      expect(text(poncho.querySelector('.removed'))).to.equal('Removed');
      expect(text($(el, '[part~="total"] dd'))).to.equal('€365.82');
      expect(totalsRows(el)[0]).to.equal('Items €370.92');
      await expect(el).to.be.accessible();
      // Toggling it needs no reload.
      el.showDeleted = false;
      await el.updateComplete;
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(OPEN_CART_LINES);
      expect($$(el, '[part~="line"].deleted').length).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('leaves out a line whose is_deleted is blank but that has a deletion date, and counts it nowhere', async () => {
      serve(
        giosg([
          cart('a', { total_value: '5.00' }, [
            line('1', { quantity: 1 }),
            line('2', { quantity: 1, is_deleted: '', deleted_at: '2024-05-01T10:03:00Z' }),
          ]),
        ]),
      );
      const el = await visitorCart(BASE, { 'show-deleted': true });
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1', 'Product 2']);
      expect($$(el, '[part~="line"]').map((node) => node.classList.contains('deleted'))).to.deep.equal([false, true]);
      expect(totalsRows(el)).to.deep.equal(['Total €5.00']);
      await expect(el).to.be.accessible();
    });

    it('reads quantities written as a shop writes them, so no line is lost and no charge made up', async () => {
      // The shop's page reports its basket to giosg: a weighed cheese as "1,5", a bulk line "1 000".
      serve(
        giosg([
          cart('a', { total_value: '57.50' }, [
            line('1', { name: 'Gouda', value: '12.00', quantity: '1,5' }),
            line('2', { name: 'Screws', value: '0.03', quantity: ' 1 000 ' }),
            line('3', { name: 'Tea', value: '4.75', quantity: '2' }),
          ]),
        ]),
      );
      const el = await visitorCart(BASE, { locale: 'en-GB' });
      expect(texts(el, '[part~="line-quantity"]')).to.deep.equal(['1.5 × €12.00', '1,000 × €0.03', '2 × €4.75']);
      expect(texts(el, '[part~="line-total"]')).to.deep.equal(['€18.00', '€30.00', '€9.50']);
      expect(totalsRows(el)).to.deep.equal(['Total €57.50']);
      await expect(el).to.be.accessible();
    });

    it('announces a loaded cart whose total is not known, in the widget language', async () => {
      // No total_value, and a line without a price: there is no total to say, but the cart came.
      serve(giosg([cart('a', { total_value: null }, [line('1'), line('2', { value: null })])]));
      const el = await visitorCart(BASE, { locale: 'en-GB' });
      expect(el.state).to.equal('ready');
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1', 'Product 2']);
      expect(totalsRows(el)).to.deep.equal([]);
      expect(liveRegion(el)).to.equal('Cart loaded.');
      await expect(el).to.be.accessible();
      el.locale = 'de-DE';
      await until(
        () => liveRegion(el) === 'Warenkorb geladen.',
        () => `the live region said "${liveRegion(el)}"`,
      );
    });

    it(
      "fires widget-load once for a cart without lines to draw: a room's (its lines are not available, in " +
        'either view) and one whose lines were all removed but that still has a total',
      async () => {
        serve(giosg([cart('a', { total_value: '5.00' }, [line('1', { is_deleted: true })])]));
        const cases: [string, CartSummary][] = [
          ['a room', cartSummary({ 'api-base': MOCK, ...ROOM })],
          ['a room, view="all"', cartSummary({ 'api-base': MOCK, ...ROOM, view: 'all' })],
          ['lines all removed', cartSummary({ 'api-base': BASE, ...VISITOR })],
        ];
        for (const [what, el] of cases) {
          const loads: WidgetLoadEvent[] = [];
          el.addEventListener('widget-load', (event) => loads.push(event));
          document.body.append(el);
          try {
            await settled(el);
            expect(el.state, what).to.equal('ready');
            expect(loads.length, `${what}: widget-load`).to.equal(1);
            expect(loads[0].detail.cart, what).not.to.equal(null);
            expect($$(el, '[part~="line"]').length, what).to.equal(0);
            expect(text($(el, '[part~="total"] dd')), what).not.to.equal('');
            await expect(el).to.be.accessible();
          } finally {
            el.remove();
          }
        }
      },
    );

    it('fires widget-load with the cart shown and every cart', async () => {
      const el = cartSummary({ 'api-base': MOCK, ...VISITOR });
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (declaration order)
      const loaded = oneEvent(el, 'widget-load') as Promise<WidgetLoadEvent>;
      document.body.append(el);
      try {
        const event = await loaded;
        expect(event.bubbles && event.composed).to.equal(true);
        expect(event.detail.cart!.id).to.equal(OPEN_CART);
        expect(event.detail.cart!.lines!.length).to.equal(5);
        expect(event.detail.carts!.length).to.equal(5);
        // Newest first; the locked cart with currency null took the `currency` default.
        expect(event.detail.carts![0].id).to.equal(OPEN_CART);
        const locked = event.detail.carts!.find((each) => each.isLocked && each.totalValue?.amount === 5450)!;
        expect(locked.currency).to.equal('USD');
        // What the event reports is what is on screen.
        await el.updateComplete;
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(OPEN_CART_LINES);
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });

    it('picks the cart named by cart-id, with a Purchased badge for a locked one', async () => {
      const el = await visitorCart(MOCK, {
        locale: 'en-GB',
        currency: 'EUR',
        'cart-id': '205a7606-8da9-11e9-84bc-0242ac14000a',
      });
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Merino Wool Scarf', 'Leather Gloves']);
      const badge = text($(el, '[part~="header"] [part~="badge"]'));
      expect(badge).to.match(/^Purchased \d{1,2} \w{3} \d{4}$/);
      expect(text($(el, '[part~="total"] dd'))).to.equal('€54.50');
      await expect(el).to.be.accessible();
    });

    it('refresh() still bypasses the cache when an input changes in the same task', async () => {
      let name = 'Product 1';
      serve((request) => giosg([cart('a', {}, [line('1', { name })])])(request));
      const el = await visitorCart(BASE);
      name = 'Product 1 renamed';
      void el.refresh();
      el.currency = 'GBP';
      await until(
        () => texts(el, '[part~="line-name"]').join() === 'Product 1 renamed',
        () => `the reload showed the cached lines, ${texts(el, '[part~="line-name"]').join()}`,
      );
    });

    it('makes one set of requests for two widgets with the same inputs, and refresh() bypasses the cache', async () => {
      let name = 'Product 1';
      const fake = serve((request) => giosg([cart('a', {}, [line('1', { name })])])(request));
      const both = await fixture<HTMLElement>(
        html`<div>
          <cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>
          <cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>
        </div>`,
      );
      const [a, b] = both.querySelectorAll('cart-summary');
      await settled(a);
      await settled(b);
      expect(fake.callsTo('/shopping_carts').length).to.equal(1);
      expect(fake.callsTo('/products').length).to.equal(1);
      expect(texts(a, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      expect(texts(b, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      await expect(a).to.be.accessible();
      await expect(b).to.be.accessible();
      // The cached lines are fresh (TTL 300 s): only a refresh sees the renamed product, and its
      // promise resolves once the new lines are on screen.
      name = 'Product 1 renamed';
      await a.refresh();
      expect(a.state).to.equal('ready');
      expect(texts(a, '[part~="line-name"]')).to.deep.equal(['Product 1 renamed']);
      await expect(a).to.be.accessible();
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(fake.callsTo('/products').length).to.equal(2);
      expect(fake.calls[0].url.href).to.equal(`${BASE}${LIST}`);
      expect(fake.calls[0].headers.get('authorization')).to.equal(`Token ${TOKEN}`);
      expect(fake.calls[0].headers.get('accept')).to.equal('application/json');
    });

    it('reads the list again when the cached newest cart was removed since, and shows the next', async () => {
      let carts = [
        cart('a', { updated_at: minutesAgo(1) }, [line('1')]),
        cart('b', { updated_at: minutesAgo(9) }, [line('2')]),
      ];
      const fake = serve((request) => giosg(carts)(request));
      // A widget on cart b caches the list; then cart a is removed in the vendor.
      await visitorCart(BASE, { 'cart-id': 'b' });
      carts = carts.slice(1);
      const loads: WidgetLoadEvent[] = [];
      const el = cartSummary({ 'api-base': BASE, ...VISITOR });
      el.addEventListener('widget-load', (event) => loads.push(event));
      await mounted(html`${el}`);
      expect(el.state).to.equal('ready');
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 2']);
      expect(loads.map((event) => [event.detail.cart?.id, event.detail.carts?.map((each) => each.id)])).to.deep.equal([
        ['b', ['b']],
      ]);
      // The cached list, cart a's lines (404), the list again; cart b's lines were cached.
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(fake.callsTo('/shopping_carts/a/products').length).to.equal(1);
      expect(fake.callsTo('/shopping_carts/b/products').length).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('reads the list again, then names cart-id, when the cart it names was removed', async () => {
      let carts = [cart('a', {}, [line('1')]), cart('b', {}, [line('2')])];
      const fake = serve((request) => giosg(carts)(request));
      // A widget on cart a caches the list with cart b in it; then cart b is removed.
      await visitorCart(BASE, { 'cart-id': 'a' });
      carts = carts.slice(0, 1);
      const errors: WidgetErrorEvent[] = [];
      const el = cartSummary({ 'api-base': BASE, ...VISITOR, 'cart-id': 'b' });
      el.addEventListener('widget-error', (event) => errors.push(event));
      await mounted(html`${el}`);
      expect(el.state).to.equal('error');
      expect(errors.map((event) => event.detail.error.message)).to.deep.equal(['SW10 `cart-id` "b"']);
      expect(text($(el, '[part~="status"]'))).to.equal('This is not available right now.');
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      await expect(el).to.be.accessible();
    });

    it('shows a stale cart at once and re-renders when the page cache revalidated it', async () => {
      // The cache's clock stands still unless the test moves it (afterEach restores it).
      vi.useFakeTimers({ toFake: ['Date'] });
      let total = '10.00';
      serve((request) =>
        giosg([cart('a', { total_value: total }, [line('1', { value: total, quantity: 1 })])])(request),
      );
      const template = () =>
        html`<cart-summary
          cache-ttl="1"
          api-base=${BASE}
          api-token=${TOKEN}
          user-id="u1"
          chat-id="c1"
          visitor-id="v1"
        ></cart-summary>`;
      const first = await mounted(template());
      expect(text($(first, '[part~="total"] dd'))).to.equal('€10.00');
      vi.setSystemTime(Date.now() + 1100);
      total = '20.00';
      // A second reader finds the entry stale: it gets the stale value at once, the cache
      // reloads behind it, and both widgets hear the cache's `update`.
      const second = await mounted(template());
      expect(second.state).to.equal('ready');
      await until(() => text($(first, '[part~="total"] dd')) === '€20.00', 'the first widget never re-rendered');
      await until(() => text($(second, '[part~="total"] dd')) === '€20.00', 'the second widget never re-rendered');
      await expect(first).to.be.accessible();
      await expect(second).to.be.accessible();
    });

    it('takes every attribute from configure() defaults', async () => {
      configure({ apiBase: MOCK, apiToken: TOKEN, userId: 'u1', chatId: 'c1', visitorId: 'v1', locale: 'en-GB' });
      const el = await mounted(html`<cart-summary></cart-summary>`);
      expect(el.state).to.equal('ready');
      expect(text($(el, '[part~="total"] dd'))).to.equal('€365.82');
      await expect(el).to.be.accessible();
    });

    it('re-renders, and loads nothing again, for a configure() of what it is not loaded with', async () => {
      let lists = 0;
      const carts = giosg([cart('a', {}, [line('1')])]);
      const fake = serve((request) =>
        request.url.pathname.endsWith('/shopping_carts') && ++lists > 1
          ? new Promise<Response>(() => undefined)
          : carts(request),
      );
      // No cache: a reload would ask the API again, and wait on it.
      const el = await visitorCart(BASE, { 'cache-ttl': '0' });
      const loads: unknown[] = [];
      el.addEventListener('widget-load', (e) => loads.push(e));
      // A consent banner, and the page's own wording, mid-session.
      configure({ analyticsConsent: 'granted', messages: { cartHeading: 'Your basket' } });
      await el.updateComplete;
      expect(text($(el, 'h2'))).to.equal('Your basket');
      expect($(el, '[part~="base"]')!.getAttribute('aria-busy'), 'it loaded again').to.equal('false');
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      expect(fake.callsTo('/shopping_carts').length).to.equal(1);
      expect(loads).to.have.length(0);
      // A setting the requests are made with loads again.
      configure({ timeout: 4000 });
      await until(() => fake.callsTo('/shopping_carts').length === 2, 'a new timeout did not load again');
    });
  });

  describe('empty', () => {
    it('says the cart is empty, and that there are no carts in view="all"', async () => {
      const el = await visitorCart('/mock/faults/empty/giosg');
      expect(el.state).to.equal('empty');
      expect(el.getAttribute('state')).to.equal('empty');
      expect(text($(el, '[part~="status"]'))).to.equal('Your cart is empty.');
      expect(liveRegion(el)).to.equal('Your cart is empty.');
      await expect(el).to.be.accessible();
      el.view = 'all';
      await settled(el);
      await until(() => text($(el, '[part~="status"]')) === 'No carts yet.');
      expect(el.state).to.equal('empty');
      await expect(el).to.be.accessible();
    });

    it('counts a cart whose lines were all removed as empty', async () => {
      serve(giosg([cart('a', { total_value: '0.00' }, [line('1', { is_deleted: true })])]));
      const el = await visitorCart(BASE);
      expect(el.state).to.equal('empty');
      expect(text($(el, '[part~="status"]'))).to.equal('Your cart is empty.');
      expect($$(el, '[part~="line"]').length).to.equal(0);
      await expect(el).to.be.accessible();
    });
  });
});
