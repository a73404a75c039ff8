import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import { CacheUpdateEvent, pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { ReorderEvent, type WidgetErrorEvent, type WidgetLoadEvent } from '../../src/events.ts';
import { deferred, installFakeFetch, json, spyOnFetch, type FakeFetch, type FakeHandler } from '../support/fake-fetch.ts';
import { $, $$, shownText, squash, text, texts, until } from '../support/dom.ts';
import { giosgCart as cart, giosg as giosgFake, giosgLine as line, minutesAgo, type FakeCart } from '../support/fakes/giosg.ts';

// src/define.ts registers the tag once <cart-summary> is in it; until then, define it here.
if (!customElements.get('cart-summary')) customElements.define('cart-summary', CartSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cart-summary': CartSummary;
  }
}

const MOCK = '/mock/giosg';
const TOKEN = 'demo-giosg-token';
const BASE = 'https://giosg.test';
const LIST = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';

/** The mock's open EUR cart (see test/support/mocks/giosg.ts). */
const OPEN_CART = '9279b2b4-8daf-11e9-b081-0242ac14000a';

/** A giosg API with these carts on one page each, for the token the widgets are given. */
const giosg = (carts: FakeCart[]) => giosgFake({ carts, token: TOKEN });

let api: FakeFetch | undefined;
const serve = (handler: FakeHandler) => (api = installFakeFetch(handler));

async function settled(el: CartSummary): Promise<CartSummary> {
  await until(() => el.state !== 'loading', 'widget never left loading');
  await el.updateComplete;
  return el;
}

const mounted = async (template: ReturnType<typeof html>) => settled(await fixture<CartSummary>(template));

const liveRegion = (el: Element) => text($(el, '[role="status"]'));
const money = (value: number, currency: string, locale: string) => squash(new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value));
/** The totals as "label amount" rows. */
const totalsRows = (el: Element) => $$(el, '[part~="totals"] > div').map((row) => `${text(row.querySelector('dt'))} ${text(row.querySelector('dd'))}`);

beforeEach(() => {
  pageCache.clear();
  configure({ timeout: 3000 });
});

afterEach(() => {
  vi.useRealTimers();
  fixtureCleanup();
  api?.restore();
  api = undefined;
  resetConfiguration();
});

describe('<cart-summary>', () => {
  describe('loading', () => {
    it('shows a busy skeleton under the heading, announces it, and is accessible', async () => {
      const answer = deferred<Response>();
      serve((request) => (request.url.pathname.endsWith('/shopping_carts') ? answer.promise : giosg([cart('a', {}, [line('1')])])(request)));
      const el = await fixture<CartSummary>(html`<cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
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
      expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('false');
      expect($$(el, '.skeleton').length).to.equal(0);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      await expect(el).to.be.accessible();
    });
  });

  describe('whose carts', () => {
    /** An unsigned session for the proxy (the widget reads its claims; only the proxy verifies). */
    const session = (claims: Record<string, unknown>) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

    it('keeps the cart in view while a renewed session for the same visitor reloads, and clears it for another visitor', async () => {
      let answer: Promise<Response> | undefined;
      const vendor = giosg([cart('a', {}, [line('1')])]);
      // The proxy's routes are the vendor's below {proxy-url}/giosg; it adds the vendor token.
      const fake = serve((request) => {
        if (!request.headers.get('authorization')?.startsWith('Bearer ')) return json({ detail: 'no session' }, { status: 401 });
        if (answer && request.url.pathname.endsWith('/shopping_carts')) return answer;
        const headers = new Headers(request.headers);
        headers.set('authorization', `Token ${TOKEN}`);
        return vendor({ ...request, headers, url: new URL(request.url.href.replace('/widgets/giosg/', '/')) });
      });
      const ana = (exp: number, visitorId = 'v1') => session({ sub: 'ana', exp, giosg: { visitorId } });
      const el = await mounted(html`<cart-summary proxy-url="https://proxy.test/widgets" customer-session=${ana(1)} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);

      const renewed = deferred<Response>();
      answer = renewed.promise;
      el.setAttribute('customer-session', ana(2));
      await until(() => fake.callsTo('/shopping_carts').length === 2, 'the renewed session was never used');
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect($$(el, '.skeleton').length, 'the same visitor\'s cart gave way to a skeleton').to.equal(0);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      const reloaded = oneEvent(el, 'widget-load');
      renewed.resolve(json({ next: null, previous: null, results: [cart('a', {}, [line('1')]).record] }));
      await reloaded;

      const other = deferred<Response>();
      answer = other.promise;
      el.setAttribute('customer-session', ana(3, 'v2'));
      await until(() => el.state === 'loading', 'another visitor still saw the first one\'s cart');
      expect(texts(el, '[part~="line-name"]')).to.deep.equal([]);
      await expect(el).to.be.accessible();
      other.resolve(json({ next: null, previous: null, results: [] }));
      await settled(el);
      expect(el.state).to.equal('empty');
      expect(fake.callsTo('/shopping_carts').map((call) => call.headers.get('authorization'))).to.deep.equal([`Bearer ${ana(1)}`, `Bearer ${ana(2)}`, `Bearer ${ana(3, 'v2')}`]);
    });
  });

  describe('view="latest"', () => {
    it('shows the latest open cart from the mock API: lines, sums, adjustments, subscriptions', async () => {
      const spy = spyOnFetch();
      try {
        const el = await mounted(html`<cart-summary api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" locale="en-GB"></cart-summary>`);
        expect(el.state).to.equal('ready');
        expect(el.getAttribute('state')).to.equal('ready');
        // The deleted Poncho is out of view and out of the sums.
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Cartproduct Sombrero', 'Fairtrade Bananas', 'Streaming Plus', 'Phone X 128 GB']);
        const [sombrero, bananas, streaming, phone] = $$(el, '[part~="line"]');
        expect(text(sombrero.querySelector('[part~="line-quantity"]'))).to.equal('2 × €35.81');
        expect(text(sombrero.querySelector('[part~="line-total"]'))).to.equal('€71.62');
        expect(text(sombrero.querySelector('.category'))).to.equal('Category Hats');
        expect(text(bananas.querySelector('[part~="line-quantity"]'))).to.equal('3 × €0.10');
        expect(text(bananas.querySelector('[part~="line-total"]'))).to.equal('€0.30');
        expect(text(streaming.querySelector('[part~="line-quantity"]'))).to.equal('1 × €9.90 / month');
        expect(text(streaming.querySelector('[part~="line-total"]'))).to.equal('€9.90 / month');
        expect(text(phone.querySelector('[part~="line-total"]'))).to.equal('€299.00 €19.90 / month');
        expect(totalsRows(el)).to.deep.equal([
          'Items €370.92',
          'Discounts and delivery \u2212€5.10',
          'Total €365.82',
          'Monthly subscriptions €29.80 / month',
        ]);
        expect(text($(el, '[part~="total"] dd'))).to.equal('€365.82');
        expect(text($(el, '[part~="subscription-total"] dd'))).to.equal('€29.80 / month');
        expect(text($(el, '[part~="header"] time'))).to.equal('Updated 5 minutes ago');
        expect($(el, '[part~="badge"]')).to.equal(null);
        expect(liveRegion(el)).to.equal('Cart loaded. Total €365.82');
        await expect(el).to.be.accessible();

        // Page size 2: three list pages and three pages of lines, every `next` (on the vendor's
        // host) re-based on the configured base.
        const paths = spy.calls.map((call) => call.url);
        expect(paths.every((url) => url.origin === location.origin && url.pathname.startsWith(`${MOCK}/api/v5/`))).to.equal(true);
        expect(paths.filter((url) => url.pathname.endsWith('/shopping_carts')).length).to.equal(3);
        expect(paths.filter((url) => url.pathname.endsWith('/products')).length).to.equal(3);
      } finally {
        spy.restore();
      }
    });

    it('shows removed lines struck through with show-deleted, still out of the sum', async () => {
      const el = await mounted(html`<cart-summary api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" locale="en-GB" show-deleted></cart-summary>`);
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
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Cartproduct Sombrero', 'Fairtrade Bananas', 'Streaming Plus', 'Phone X 128 GB']);
      expect($$(el, '[part~="line"].deleted').length).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('fires widget-load with the cart shown and every cart', async () => {
      const el = document.createElement('cart-summary');
      for (const [name, value] of Object.entries({ 'api-base': MOCK, 'api-token': TOKEN, 'user-id': 'u1', 'chat-id': 'c1', 'visitor-id': 'v1' })) el.setAttribute(name, value);
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
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Cartproduct Sombrero', 'Fairtrade Bananas', 'Streaming Plus', 'Phone X 128 GB']);
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });

    it('picks the cart named by cart-id, with a Purchased badge for a locked one', async () => {
      const el = await mounted(html`<cart-summary api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" locale="en-GB" currency="EUR" cart-id="205a7606-8da9-11e9-84bc-0242ac14000a"></cart-summary>`);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Merino Wool Scarf', 'Leather Gloves']);
      const badge = text($(el, '[part~="header"] [part~="badge"]'));
      expect(badge).to.match(/^Purchased \d{1,2} \w{3} \d{4}$/);
      expect(text($(el, '[part~="total"] dd'))).to.equal('€54.50');
      await expect(el).to.be.accessible();
    });

    it('makes one set of requests for two widgets with the same inputs, and refresh() bypasses the cache', async () => {
      let name = 'Product 1';
      const fake = serve((request) => giosg([cart('a', {}, [line('1', { name })])])(request));
      const both = await fixture<HTMLElement>(html`<div>
        <cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>
        <cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>
      </div>`);
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

    it('shows a stale cart at once and re-renders when the page cache revalidated it', async () => {
      // The cache's clock stands still unless the test moves it (afterEach restores it).
      vi.useFakeTimers({ toFake: ['Date'] });
      let total = '10.00';
      serve((request) => giosg([cart('a', { total_value: total }, [line('1', { value: total, quantity: 1 })])])(request));
      const template = () => html`<cart-summary cache-ttl="1" api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`;
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
  });

  describe('view="all"', () => {
    it('lists every cart newest first, past purchases badged, each a disclosure operable by keyboard', async () => {
      const el = await mounted(html`<cart-summary view="all" api-base=${MOCK} api-token=${TOKEN} org-id="o1" chat-id="c1" chat-type="owned" locale="en-GB" currency="EUR"></cart-summary>`);
      expect(el.state).to.equal('ready');
      expect(text($(el, 'h2'))).to.equal('Carts');
      expect(text($(el, '.count'))).to.equal('5 carts');
      const buttons = $$(el, 'button.disclosure');
      expect(buttons.length).to.equal(5);
      expect(buttons.map((button) => text(button.querySelector('.cart-total')))).to.deep.equal(['€365.82', money(5900, 'JPY', 'en-GB'), '€54.50', '€49.00', '€18.40']);
      expect(buttons.map((button) => button.querySelector('[part~="badge"]') !== null)).to.deep.equal([false, false, true, true, false]);
      // The cart a mini-cart would show starts open; the rest are closed.
      expect(buttons.map((button) => button.getAttribute('aria-expanded'))).to.deep.equal(['true', 'false', 'false', 'false', 'false']);
      await expect(el).to.be.accessible();

      const jpy = buttons[1];
      const panel = $(el, `#${jpy.getAttribute('aria-controls')}`)!;
      expect(panel.hidden).to.equal(true);
      jpy.focus();
      await userEvent.keyboard('{Enter}');
      await el.updateComplete;
      expect(jpy.getAttribute('aria-expanded')).to.equal('true');
      expect(panel.hidden).to.equal(false);
      expect([...panel.querySelectorAll('[part~="line-name"]')].map(text)).to.deep.equal(['Uji Matcha 100 g', 'Bamboo Tea Whisk']);
      expect([...panel.querySelectorAll('[part~="line-total"]')].map(text)).to.deep.equal([money(2400, 'JPY', 'en-GB'), money(3500, 'JPY', 'en-GB')]);
      await expect(el).to.be.accessible();
      await userEvent.keyboard(' ');
      await el.updateComplete;
      expect(jpy.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.hidden).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(jpy);
      await expect(el).to.be.accessible();
    });

    it('loads again when a cart\'s lines were revalidated during a load, so lines never lag behind the total', async () => {
      // The cache's clock stands still unless the test moves it (afterEach restores it).
      vi.useFakeTimers({ toFake: ['Date'] });
      let round = 1;
      const linesOfA = deferred<Response>();
      const linesOfC = deferred<Response>();
      const carts = () =>
        round === 1
          ? [cart('a', { updated_at: minutesAgo(1) }, [line('1')]), cart('b', { updated_at: minutesAgo(9) }, [line('2')])]
          : [cart('a', { updated_at: minutesAgo(1), total_value: '20.00' }, [line('1', { name: 'Product 1 again' })]), cart('b', { updated_at: minutesAgo(9) }, [line('2')]), cart('c', { updated_at: minutesAgo(20) }, [line('3')])];
      const fake = serve((request) => {
        if (round === 2 && request.url.pathname.endsWith('/shopping_carts/a/products')) return linesOfA.promise.then(() => giosg(carts())(request));
        if (round === 2 && request.url.pathname.endsWith('/shopping_carts/c/products')) return linesOfC.promise.then(() => giosg(carts())(request));
        return giosg(carts())(request);
      });
      const el = await mounted(html`<cart-summary view="all" cache-ttl="1" api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      vi.setSystemTime(Date.now() + 1100);
      round = 2;
      // A re-read finds everything stale: the list comes back with a new cart c, whose lines are
      // read while cart a's are still being revalidated.
      configure({});
      await until(() => fake.callsTo('/shopping_carts/c/products').length === 1, 'cart c was never read');
      // The load is now waiting on cart c's lines. Cart a's revalidated lines must be stored (the
      // page cache's `update`) while it waits, and only then may cart c's lines answer: the
      // widget hears the update mid-load, which it must not drop.
      let linesOfAStored = false;
      const onUpdate = (event: Event) => {
        const { key } = event as CacheUpdateEvent;
        if (typeof key === 'string' && key.includes('/shopping_carts/a/products')) linesOfAStored = true;
      };
      pageCache.addEventListener('update', onUpdate);
      try {
        linesOfA.resolve(json(null));
        await until(() => linesOfAStored, "cart a's revalidated lines were never stored");
      } finally {
        pageCache.removeEventListener('update', onUpdate);
      }
      expect(fake.callsTo('/shopping_carts/c/products').length).to.equal(1);
      linesOfC.resolve(json(null));
      await until(() => texts(el, '[part~="line-name"]').join() === 'Product 1 again', 'cart a kept its old lines beside its new total');
      expect(text($(el, 'button.disclosure .cart-total'))).to.equal('€20.00');
      await expect(el).to.be.accessible();
    });

    it('shows a room\'s carts with totals and says that line items are not available', async () => {
      const spy = spyOnFetch();
      try {
        const el = await mounted(html`<cart-summary view="all" api-base=${MOCK} api-token=${TOKEN} user-id="u1" room-id="r1" visitor-id="v1" locale="en-GB" currency="EUR"></cart-summary>`);
        expect(el.state).to.equal('ready');
        expect($$(el, 'button.disclosure').length).to.equal(5);
        const open = $(el, '.cart-body:not([hidden])')!;
        expect(text(open.querySelector('.note'))).to.equal('Line items are not available for carts in a room.');
        expect(text(open.querySelector('[part~="total"] dd'))).to.equal('€365.82');
        expect(open.querySelectorAll('[part~="line"]').length).to.equal(0);
        expect(spy.calls.some((call) => call.url.href.includes('/products'))).to.equal(false);
        await expect(el).to.be.accessible();
      } finally {
        spy.restore();
      }
    });
  });

  describe('reorder (Buy again)', () => {
    const DAY = 24 * 60;
    /** An open cart and two purchases: one with a removed line and a quantity as a string, one whose lines were all removed. */
    const pastCarts = () => [
      cart('open', { updated_at: minutesAgo(5) }, [line('o1')]),
      cart('bought', { is_locked: true, locked_at: minutesAgo(3 * DAY), updated_at: minutesAgo(3 * DAY) }, [
        line('1', { name: 'Merino Scarf' }),
        line('2', { name: 'Leather Gloves', quantity: '1' }),
        line('3', { name: 'Wool Hat', value: '' }),
        line('4', { name: 'Old Poncho', is_deleted: true, deleted_at: minutesAgo(4 * DAY) }),
      ]),
      cart('emptied', { is_locked: true, locked_at: minutesAgo(9 * DAY), updated_at: minutesAgo(9 * DAY) }, [line('5', { is_deleted: true, deleted_at: minutesAgo(9 * DAY) })]),
    ];
    const reorderButtons = (el: Element) => $$(el, '[part~="reorder-button"]');
    const reorderStatus = (el: Element) => text($(el, '[part~="reorder-status"]'));
    const mountPast = (locale = 'en-GB') =>
      mounted(html`<cart-summary view="all" reorder api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" locale=${locale}></cart-summary>`);
    /** Presses the one Buy again (or Retry) button and waits for the render. */
    async function press(el: CartSummary): Promise<HTMLElement> {
      const [button] = reorderButtons(el);
      await userEvent.click(button);
      await el.updateComplete;
      return button;
    }
    const announced = (el: CartSummary, expected: string) =>
      until(() => liveRegion(el) === expected, `the live region said "${liveRegion(el)}", not "${expected}"`, { timeout: 3000 });
    /** Records each `reorder` and answers it with the next of `answers` (a promise for waitUntil, or a function of the event). */
    function handle(el: CartSummary, ...answers: ((event: ReorderEvent) => void)[]) {
      const events: ReorderEvent[] = [];
      el.addEventListener('reorder', (event) => {
        events.push(event);
        answers[events.length - 1]?.(event);
      });
      return events;
    }
    const lineIds = (event: ReorderEvent | undefined) => event?.detail.lines.map((each) => each.id);

    it('offers Buy again only on purchased carts that have lines, only with reorder, only in view="all"', async () => {
      const el = await mounted(html`<cart-summary view="all" reorder api-base=${MOCK} api-token=${TOKEN} org-id="o1" chat-id="c1" chat-type="owned" locale="en-GB" currency="EUR"></cart-summary>`);
      const rows = $$(el, '.carts > li');
      expect(rows.map((row) => row.querySelector('[part~="reorder-button"]') !== null)).to.deep.equal([false, false, true, true, false]);
      expect(rows.map((row) => row.querySelector('[part~="badge"]') !== null)).to.deep.equal([false, false, true, true, false]);
      // Shown while the cart is closed, named after the purchase it buys again.
      expect(rows[2].querySelector('button.disclosure')!.getAttribute('aria-expanded')).to.equal('false');
      expect(reorderButtons(el).map(text)).to.deep.equal(['Buy again', 'Buy again']);
      expect(reorderButtons(el)[0].getAttribute('aria-label')).to.match(/^Buy again: Purchased \d+ \w+ \d{4}$/);
      expect(reorderButtons(el)[0].getAttribute('aria-disabled')).to.equal('false');
      await expect(el).to.be.accessible();

      // Without the attribute (or once it is removed): none, and no reload for it.
      const requests = spyOnFetch();
      try {
        el.reorder = false;
        await el.updateComplete;
        expect(reorderButtons(el).length).to.equal(0);
        expect(requests.calls.map((call) => call.url.href)).to.deep.equal([]);
      } finally {
        requests.restore();
      }
      const plain = await mounted(html`<cart-summary view="all" api-base=${MOCK} api-token=${TOKEN} org-id="o1" chat-id="c1" chat-type="owned"></cart-summary>`);
      expect(reorderButtons(plain).length).to.equal(0);
      // A page-wide default, as every attribute has.
      configure({ reorder: true });
      await until(() => reorderButtons(plain).length === 2, 'configure({ reorder: true }) gave no Buy again');
      resetConfiguration();
      configure({ timeout: 3000 });
      // view="latest" showing a purchased cart: none.
      const latest = await mounted(html`<cart-summary reorder cart-id="205a7606-8da9-11e9-84bc-0242ac14000a" api-base=${MOCK} api-token=${TOKEN} org-id="o1" chat-id="c1" chat-type="owned"></cart-summary>`);
      expect($(latest, '[part~="badge"]')).to.not.equal(null);
      expect(reorderButtons(latest).length).to.equal(0);
      // A room's carts have no lines to add: none.
      const room = await mounted(html`<cart-summary view="all" reorder api-base=${MOCK} api-token=${TOKEN} user-id="u1" room-id="r1" visitor-id="v1"></cart-summary>`);
      expect($$(room, '[part~="badge"]').length).to.equal(2);
      expect(reorderButtons(room).length).to.equal(0);
    });

    it('all added: fires reorder with the purchase\'s lines less the removed ones, shows Adding… then Added, and announces it', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast();
      // One button: the purchase whose lines were all removed has nothing to buy again.
      expect(reorderButtons(el).length).to.equal(1);
      const answer = deferred<unknown>();
      const host = el.parentElement!;
      let heard: Event | undefined;
      // It bubbles out of the element to the page.
      host.addEventListener('reorder', (event) => (heard = event), { once: true });
      const events = handle(el, (event) => event.waitUntil(answer.promise));
      const button = await press(el);
      expect(events.length).to.equal(1);
      const [event] = events;
      expect(event).to.be.instanceOf(ReorderEvent);
      expect(heard).to.equal(event);
      expect([event.type, event.bubbles, event.composed, event.cancelable]).to.deep.equal(['reorder', true, true, true]);
      expect(event.detail.cart.id).to.equal('bought');
      expect(event.detail.cart.isLocked).to.equal(true);
      expect(lineIds(event)).to.deep.equal(['1', '2', '3']);
      expect(event.detail.lines.map((each) => each.quantity)).to.deep.equal([2, 1, 2]);
      expect(text(button)).to.equal('Adding…');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      // A press while adding sends nothing more (a pointer sees it disabled: click it as a script would).
      button.click();
      await el.updateComplete;
      expect(events.length).to.equal(1);

      answer.resolve({ ok: true });
      await until(() => text(reorderButtons(el)[0]) === 'Added', 'the button never said Added', { timeout: 3000 });
      expect(reorderStatus(el)).to.equal('Every item was added to the cart.');
      expect(reorderButtons(el)[0].getAttribute('aria-describedby')).to.equal($(el, '[part~="reorder-status"]')!.id);
      await announced(el, 'Every item was added to the cart.');
      await expect(el).to.be.accessible();
    });

    it('some failed: says "N of M added", names the failed lines, and Retry sends only those', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast();
      const events = handle(
        el,
        (event) => event.waitUntil(Promise.resolve({ failed: ['2', '3'] })),
        (event) => event.waitUntil(Promise.resolve({ failed: ['3', 'not-sent'] })),
        (event) => event.waitUntil(Promise.resolve()),
      );
      await press(el);
      await until(() => text(reorderButtons(el)[0]) === 'Retry', 'the button never offered Retry', { timeout: 3000 });
      expect(reorderStatus(el)).to.equal('1 of 3 added. Not added: Leather Gloves and Wool Hat.');
      expect(reorderButtons(el)[0].classList.contains('failed')).to.equal(true);
      expect(reorderButtons(el)[0].getAttribute('aria-label')).to.match(/^Retry: Purchased /);
      await announced(el, '1 of 3 added. Not added: Leather Gloves and Wool Hat.');
      await expect(el).to.be.accessible();

      await press(el);
      expect(lineIds(events[1])).to.deep.equal(['2', '3']);
      await until(() => reorderStatus(el) === '2 of 3 added. Not added: Wool Hat.', `it said "${reorderStatus(el)}"`, { timeout: 3000 });
      expect(text(reorderButtons(el)[0])).to.equal('Retry');
      await announced(el, '2 of 3 added. Not added: Wool Hat.');
      await expect(el).to.be.accessible();

      await press(el);
      expect(lineIds(events[2])).to.deep.equal(['3']);
      await until(() => text(reorderButtons(el)[0]) === 'Added', 'the last Retry never ended in Added', { timeout: 3000 });
      await announced(el, 'Every item was added to the cart.');
      expect(events.length).to.equal(3);
    });

    it('names the failed lines in the widget\'s language (de)', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast('de-DE');
      expect(text(reorderButtons(el)[0])).to.equal('Erneut kaufen');
      handle(el, (event) => event.waitUntil(Promise.resolve({ failed: ['1', '2'] })));
      await press(el);
      await until(() => reorderStatus(el) !== '', 'no outcome shown', { timeout: 3000 });
      expect(reorderStatus(el)).to.equal('1 von 3 hinzugefügt. Nicht hinzugefügt: Merino Scarf und Leather Gloves.');
      expect(text(reorderButtons(el)[0])).to.equal('Erneut versuchen');
    });

    it('rejected: says nothing was added, offers Retry, and Retry sends every line again', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast();
      const events = handle(
        el,
        (event) => event.waitUntil(Promise.reject(new Error('cart service down'))),
        (event) => event.waitUntil(Promise.resolve({ failed: [] })),
      );
      await press(el);
      await until(() => text(reorderButtons(el)[0]) === 'Retry', 'the button never offered Retry', { timeout: 3000 });
      expect(reorderStatus(el)).to.equal('Could not add the items to the cart.');
      expect(reorderButtons(el)[0].getAttribute('aria-disabled')).to.equal('false');
      await announced(el, 'Could not add the items to the cart.');
      await expect(el).to.be.accessible();

      await press(el);
      expect(lineIds(events[1])).to.deep.equal(['1', '2', '3']);
      await until(() => text(reorderButtons(el)[0]) === 'Added', 'Retry never ended in Added', { timeout: 3000 });
    });

    it('cancelled without a promise: the page took it over, so the button stays Buy again and says nothing', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const before = liveRegion(el);
        const events = handle(el, (event) => event.preventDefault(), (event) => event.waitUntil(Promise.resolve({ failed: ['1'] })), (event) => event.preventDefault());
        await press(el);
        expect(events.length).to.equal(1);
        expect(events[0].defaultPrevented).to.equal(true);
        expect(text(reorderButtons(el)[0])).to.equal('Buy again');
        expect(reorderStatus(el)).to.equal('');
        expect(liveRegion(el)).to.equal(before);
        await expect(el).to.be.accessible();
        // A page that takes over a Retry ends the earlier outcome too.
        await press(el);
        await until(() => text(reorderButtons(el)[0]) === 'Retry', 'no Retry after a partial add', { timeout: 3000 });
        await press(el);
        expect(lineIds(events[2])).to.deep.equal(['1']);
        expect(text(reorderButtons(el)[0])).to.equal('Buy again');
        expect(reorderStatus(el)).to.equal('');
        expect(warn.mock.calls.length).to.equal(0);
      } finally {
        warn.mockRestore();
      }
    });

    it('no handler: a visible failure, announced, one console warning naming the missing handler, and the button still works', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        await press(el);
        expect(text(reorderButtons(el)[0])).to.equal('Cannot add here');
        expect(reorderStatus(el)).to.equal('These items cannot be added to the cart here.');
        await announced(el, 'These items cannot be added to the cart here.');
        expect(warn.mock.calls.length).to.equal(1);
        expect(String(warn.mock.calls[0][0])).to.contain('no "reorder" event listener').and.to.contain('waitUntil');
        await expect(el).to.be.accessible();

        // Pressed again: the same outcome, no second warning.
        await press(el);
        expect(reorderStatus(el)).to.equal('These items cannot be added to the cart here.');
        expect(warn.mock.calls.length).to.equal(1);
        // Never dead: a handler added later gets the next press, with every line.
        const events = handle(el, (event) => event.waitUntil(Promise.resolve()));
        await press(el);
        expect(lineIds(events[0])).to.deep.equal(['1', '2', '3']);
        await until(() => text(reorderButtons(el)[0]) === 'Added', 'the late handler\'s add never showed', { timeout: 3000 });
        expect(warn.mock.calls.length).to.equal(1);
      } finally {
        warn.mockRestore();
      }
    });

    it('stays readable and inside a 320 px column of a dark theme that restyles every button and paragraph', async () => {
      serve(giosg(pastCarts()));
      const wrapper = await fixture<HTMLElement>(html`
        <div class="theme" style="width: 320px; background: #16181d; color: #e8e8e8; font-size: 13px; font-family: Georgia, serif">
          <style>
            .theme button { all: unset; color: red; text-transform: uppercase; }
            .theme p { display: none; }
          </style>
          <cart-summary view="all" reorder api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" locale="en-GB"></cart-summary>
        </div>
      `);
      const el = await settled(wrapper.querySelector('cart-summary')!);
      handle(el, (event) => event.waitUntil(Promise.resolve({ failed: ['2', '3'] })));
      await press(el);
      await until(() => reorderStatus(el) !== '', 'no outcome shown', { timeout: 3000 });
      const button = reorderButtons(el)[0];
      const status = $(el, '[part~="reorder-status"]')!;
      expect(text(button)).to.equal('Retry');
      expect(status.getBoundingClientRect().height).to.be.greaterThan(0);
      for (const box of [button, status].map((node) => node.getBoundingClientRect())) {
        expect(box.left).to.be.at.least(wrapper.getBoundingClientRect().left);
        expect(box.right).to.be.at.most(wrapper.getBoundingClientRect().right + 0.5);
      }
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
      // Axe checks the contrast of the button and the outcome against the dark page.
      await expect(el).to.be.accessible();
    });
  });

  describe('empty', () => {
    it('says the cart is empty, and that there are no carts in view="all"', async () => {
      const el = await mounted(html`<cart-summary api-base="/mock/faults/empty/giosg" api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
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
      const el = await mounted(html`<cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(el.state).to.equal('empty');
      expect(text($(el, '[part~="status"]'))).to.equal('Your cart is empty.');
      expect($$(el, '[part~="line"]').length).to.equal(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('error', () => {
    it('shows a readable message with Retry, fires widget-error, and recovers on Retry', async () => {
      let healthy = false;
      const working = giosg([cart('a', {}, [line('1')])]);
      serve((request) => (healthy ? working(request) : json({ detail: 'Upstream unavailable' }, { status: 503 })));
      const el = document.createElement('cart-summary');
      for (const [name, value] of Object.entries({ 'api-base': BASE, 'api-token': TOKEN, 'user-id': 'u1', 'chat-id': 'c1', 'visitor-id': 'v1' })) el.setAttribute(name, value);
      const failed = oneEvent(el, 'widget-error') as Promise<WidgetErrorEvent>;
      document.body.append(el);
      // Everything the live region ever says, each render of it.
      const said: string[] = [];
      await el.updateComplete;
      const watch = new MutationObserver(() => {
        if (said.at(-1) !== liveRegion(el)) said.push(liveRegion(el));
      });
      watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      try {
        const { detail } = await failed;
        expect(detail.error.kind).to.equal('http');
        expect(detail.error.status).to.equal(503);
        await settled(el);
        expect(said.filter((text) => text && text !== 'Loading your cart'), 'the live region said something else first').to.deep.equal(['The store could not load this right now.']);
        expect(el.state).to.equal('error');
        expect(el.getAttribute('state')).to.equal('error');
        expect(text($(el, '[part~="status"] p'))).to.equal('The store could not load this right now.');
        expect(liveRegion(el)).to.equal('The store could not load this right now.');
        await expect(el).to.be.accessible();

        healthy = true;
        const retry = $(el, '[part~="retry-button"]')!;
        retry.focus();
        retry.click();
        await until(() => el.state === 'ready', 'Retry did not recover');
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
        // Retry gave way to the cart: focus is on the heading, not lost to the page.
        await until(() => el.shadowRoot!.activeElement === $(el, 'h2'), 'focus was lost with the Retry button');
        await expect(el).to.be.accessible();
      } finally {
        watch.disconnect();
        el.remove();
      }
    });

    it('under a refused token (401) says so in plain words, offers no Retry, and a renewed token recovers', async () => {
      serve((request) => (request.headers.get('authorization') === `Token ${TOKEN}` ? giosg([cart('a', {}, [line('1')])])(request) : json({ detail: 'Invalid token.' }, { status: 401 })));
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const errors: WidgetErrorEvent[] = [];
        const el = await mounted(html`<cart-summary api-base="${BASE}/refused" api-token="expired" user-id="u1" chat-id="c1" visitor-id="v1" @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}></cart-summary>`);
        expect(el.state).to.equal('error');
        expect(errors.map((e) => [e.detail.error.kind, e.detail.error.status, e.detail.error.message])).to.deep.equal([['auth', 401, 'Invalid token.']]);
        expect(shownText($(el, '[part~="status"]'))).to.equal('This cannot be shown right now.');
        expect(liveRegion(el)).to.equal('This cannot be shown right now.');
        expect($(el, '[part~="retry-button"]')).to.equal(null);
        await expect(el).to.be.accessible();
        await el.refresh();
        expect(warn.mock.calls.map(([message]) => message)).to.deep.equal(['<cart-summary> auth 401 from https://giosg.test/refused/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts: Invalid token.']);
        el.setAttribute('api-token', TOKEN);
        await until(() => el.state === 'ready', 'a renewed token did not recover');
        await expect(el).to.be.accessible();
      } finally {
        warn.mockRestore();
      }
    });

    it('names the missing scope attribute in a config error, without a request', async () => {
      const fake = serve(giosg([]));
      const el = document.createElement('cart-summary');
      for (const [name, value] of Object.entries({ 'api-base': BASE, 'api-token': TOKEN, 'user-id': 'u1', 'chat-id': 'c1' })) el.setAttribute(name, value);
      const failed = oneEvent(el, 'widget-error') as Promise<WidgetErrorEvent>;
      document.body.append(el);
      try {
        const { detail } = await failed;
        expect(detail.error.kind).to.equal('config');
        expect(detail.error.message).to.contain('`visitor-id` is required');
        await settled(el);
        expect(el.state).to.equal('error');
        // The shopper reads plain words, without the developer's text or a Retry that cannot help.
        expect(text($(el, '[part~="status"]'))).to.equal('This is not available right now.');
        expect($(el, '[part~="retry-button"]')).to.equal(null);
        expect(fake.calls.length).to.equal(0);
        await expect(el).to.be.accessible();
        // Supplying it recovers without a Retry.
        el.setAttribute('visitor-id', 'v1');
        await until(() => el.state === 'empty');
        await el.updateComplete;
        expect(text($(el, '[part~="status"]'))).to.equal('Your cart is empty.');
        expect($(el, '[part~="retry-button"]')).to.equal(null);
        await expect(el).to.be.accessible();
      } finally {
        el.remove();
      }
    });

    it('names api-token when direct mode has none, and cart-id when it is not in the scope', async () => {
      serve(giosg([cart('a', {}, [line('1')])]));
      const messages: string[] = [];
      const record = (e: WidgetErrorEvent) => messages.push(e.detail.error.message);
      const noToken = await mounted(html`<cart-summary api-base=${BASE} user-id="u1" chat-id="c1" visitor-id="v1" @widget-error=${record}></cart-summary>`);
      expect(noToken.state).to.equal('error');
      expect(messages.pop()).to.contain('`api-token`');
      expect(text($(noToken, '[part~="status"]'))).to.equal('This is not available right now.');
      await expect(noToken).to.be.accessible();
      const wrongCart = await mounted(html`<cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" cart-id="zzz" @widget-error=${record}></cart-summary>`);
      expect(wrongCart.state).to.equal('error');
      expect(messages.pop()).to.contain('`cart-id`');
      await expect(wrongCart).to.be.accessible();
    });

    it('reports broken JSON as an invalid response', async () => {
      const el = await mounted(html`<cart-summary api-base="/mock/faults/broken-json/giosg" api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(el.state).to.equal('error');
      expect(text($(el, '[part~="status"] p'))).to.equal('The store sent something we could not read.');
      expect(text($(el, '[part~="retry-button"]'))).to.equal('Retry');
      await expect(el).to.be.accessible();
    });
  });

  describe('vendor text and locale', () => {
    it('renders markup in names and categories as text', async () => {
      const evil = '<img src=x onerror=alert(1)>';
      serve(giosg([cart('a', {}, [line('1', { name: evil, category_name: evil }), line('2', { name: '<script>alert(2)</script>' })])]));
      const el = await mounted(html`<cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(el.state).to.equal('ready');
      expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal([evil, '<script>alert(2)</script>']);
      expect(text($(el, '.category'))).to.equal(evil);
      await expect(el).to.be.accessible();
    });

    it('formats money, quantities and times in the nearest lang (de-DE)', async () => {
      serve(giosg([cart('a', { total_value: '1234.50' }, [line('1', { value: '1234.50', quantity: 1 })])]));
      const host = await fixture<HTMLElement>(html`<div lang="de-DE"><cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary></div>`);
      const el = await settled(host.querySelector('cart-summary')!);
      expect(text($(el, '[part~="total"] dd'))).to.equal(money(1234.5, 'EUR', 'de-DE'));
      expect(text($(el, '[part~="line-quantity"]'))).to.equal(`1 × ${money(1234.5, 'EUR', 'de-DE')}`);
      const fiveMinutesAgo = squash(new Intl.RelativeTimeFormat('de-DE', { numeric: 'auto' }).format(-5, 'minute'));
      // German is a built-in language: the words are German too.
      expect(text($(el, '[part~="header"] time'))).to.equal(`Aktualisiert ${fiveMinutesAgo}`);
      expect(text($(el, '[part~="total"] dt'))).to.equal('Gesamt');
      await expect(el).to.be.accessible();
    });

    it('speaks Swedish under locale="sv-SE", and any language it lacks in English', async () => {
      serve(giosg([cart('a', { total_value: '10.00' }, [line('1', { value: '10.00', quantity: 1 })])]));
      const el = await mounted(html`<cart-summary locale="sv-SE" api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(text($(el, '[part~="header"] h2'))).to.contain('Din varukorg');
      expect(text($(el, '[part~="total"] dt'))).to.equal('Totalt');
      await expect(el).to.be.accessible();

      // No Portuguese table: the words fall back to English (the money is still pt-BR's).
      const portuguese = await mounted(html`<cart-summary locale="pt-BR" api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(portuguese.state).to.equal('ready');
      expect(text($(portuguese, '[part~="header"] h2'))).to.equal('Your cart');
      expect(text($(portuguese, '[part~="total"] dt'))).to.equal('Total');
      expect(text($(portuguese, '[part~="total"] dd'))).to.equal(money(10, 'EUR', 'pt-BR'));
      await expect(portuguese).to.be.accessible();
    });

    it('formats JPY without minor digits in ja-JP', async () => {
      serve(
        giosg([
          cart('a', { currency: 'JPY', total_value: '5900.00', updated_at: minutesAgo(3 * 60) }, [
            line('1', { value: '1200.00', quantity: '2' }),
            line('2', { value: '3500', quantity: 1 }),
          ]),
        ]),
      );
      const el = await mounted(html`<cart-summary locale="ja-JP" api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
      expect(texts(el, '[part~="line-total"]')).to.deep.equal([money(2400, 'JPY', 'ja-JP'), money(3500, 'JPY', 'ja-JP')]);
      expect(text($(el, '[part~="total"] dd'))).to.equal(money(5900, 'JPY', 'ja-JP'));
      expect(text($(el, '[part~="total"] dd'))).to.not.contain('.');
      // Japanese has no strings of its own: the whole phrase is English, never "Updated 3 時間前".
      expect(text($(el, '[part~="header"] time'))).to.equal('Updated 3 hours ago');
      await expect(el).to.be.accessible();
    });
  });

  describe('right-to-left', () => {
    /** `a` is laid out wholly to the left of `b`. */
    const leftOf = (a: Element, b: Element) => a.getBoundingClientRect().right <= b.getBoundingClientRect().left;

    /** Each shown line's total sits to the left of its name, as Arabic reads. */
    const expectLinesRightToLeft = (lines: Element[]) => {
      expect(lines.length).to.be.greaterThan(0);
      for (const each of lines) {
        const name = each.querySelector('[part~="line-name"]')!;
        const total = each.querySelector('[part~="line-total"]')!;
        expect(leftOf(total, name), `${text(name)}: its total is not left of its name`).to.equal(true);
      }
    };

    it('lays out view="latest" from right to left inside dir="rtl", and is accessible', async () => {
      const host = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar"><cart-summary api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary></div>`);
      const el = await settled(host.querySelector('cart-summary')!);
      expect(el.state).to.equal('ready');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      expect(getComputedStyle($(el, '[part~="base"]')!).direction).to.equal('rtl');
      // Arabic strings, laid out right to left.
      expect(text($(el, 'h2'))).to.equal('سلتك');
      expect($$(el, '[part~="line"]').length).to.equal(4);
      expectLinesRightToLeft($$(el, '[part~="line"]'));
      // The heading starts at the right edge, and each sum sits left of its label.
      const base = $(el, '[part~="base"]')!.getBoundingClientRect();
      const heading = $(el, 'h2')!.getBoundingClientRect();
      expect(heading.right).to.be.greaterThan(base.left + base.width / 2);
      const total = $(el, '[part~="total"]')!;
      expect(text(total.querySelector('dt'))).to.equal('الإجمالي');
      expect(leftOf(total.querySelector('dd')!, total.querySelector('dt')!)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('lays out view="all" from right to left: chevrons on the right pointing left, totals on the left', async () => {
      const host = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar"><cart-summary view="all" api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" currency="EUR"></cart-summary></div>`);
      const el = await settled(host.querySelector('cart-summary')!);
      expect(el.state).to.equal('ready');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      const buttons = $$(el, 'button.disclosure');
      expect(buttons.length).to.equal(5);
      for (const button of buttons) {
        const chevron = button.querySelector('.chevron')!;
        const title = button.querySelector('.cart-title')!;
        const total = button.querySelector('.cart-total')!;
        expect(leftOf(title, chevron), 'the chevron is not at the right').to.equal(true);
        expect(leftOf(total, title), 'the cart total is not left of its title').to.equal(true);
      }
      // A closed cart's chevron is mirrored to point left, the way the disclosure reads; the
      // open one points down.
      const [open, closed] = buttons;
      expect(open.getAttribute('aria-expanded')).to.equal('true');
      expect(closed.getAttribute('aria-expanded')).to.equal('false');
      // (The chevron's path points right; a mirror makes it point left, a quarter turn down.)
      const pointsLeft = new DOMMatrix(getComputedStyle(closed.querySelector('.chevron')!).transform).transformPoint(new DOMPoint(1, 0));
      expect([Math.round(pointsLeft.x), Math.round(pointsLeft.y)]).to.deep.equal([-1, 0]);
      const pointsDown = new DOMMatrix(getComputedStyle(open.querySelector('.chevron')!).transform).transformPoint(new DOMPoint(1, 0));
      expect([Math.round(pointsDown.x), Math.round(pointsDown.y)]).to.deep.equal([0, 1]);
      // The open cart's lines read right to left too, indented on the chevron's side (the right).
      const panel = $(el, `#${open.getAttribute('aria-controls')}`)!;
      expect(panel.hidden).to.equal(false);
      const lines = panel.querySelector('ul.lines')!.getBoundingClientRect();
      const row = open.getBoundingClientRect();
      expect(row.right - lines.right, 'the lines are not indented from the right').to.be.greaterThan(10);
      expect(Math.abs(lines.left - row.left), 'the lines are indented on the left').to.be.lessThan(2);
      expectLinesRightToLeft([...panel.querySelectorAll('[part~="line"]')]);
      await expect(el).to.be.accessible();
    });
  });

  describe('slots', () => {
    it('shows slotted error text in place of the message, keeps Retry, and Retry still recovers', async () => {
      let healthy = false;
      const working = giosg([cart('a', {}, [line('1')])]);
      serve((request) => (healthy ? working(request) : json({ detail: 'Upstream unavailable' }, { status: 500 })));
      const el = await mounted(html`<cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"><span slot="error">We could not open your basket.</span></cart-summary>`);
      expect(el.state).to.equal('error');
      const custom = el.querySelector('span[slot="error"]')!;
      const slot = $(el, 'slot[name="error"]') as HTMLSlotElement;
      expect(slot.assignedNodes()).to.deep.equal([custom]);
      // The shopper sees the page's words and the Retry button, not the built-in message.
      expect(shownText($(el, '[part~="status"]'))).to.equal('We could not open your basket. Retry');
      expect(custom.checkVisibility()).to.equal(true);
      expect(slot.querySelector('p')!.checkVisibility()).to.equal(false);
      const retry = $(el, '[part~="retry-button"]')!;
      expect(retry.checkVisibility()).to.equal(true);
      expect(text(retry)).to.equal('Retry');
      await expect(el).to.be.accessible();

      healthy = true;
      retry.click();
      await until(() => el.state === 'ready', 'Retry did not recover');
      await el.updateComplete;
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      // The error text goes with the error.
      expect($(el, 'slot[name="error"]')).to.equal(null);
      expect(custom.checkVisibility()).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows slotted empty text in place of "Your cart is empty."', async () => {
      const el = await mounted(html`<cart-summary api-base="/mock/faults/empty/giosg" api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"><span slot="empty">Nothing here yet: browse our hats!</span></cart-summary>`);
      expect(el.state).to.equal('empty');
      const custom = el.querySelector('span[slot="empty"]')!;
      const slot = $(el, 'slot[name="empty"]') as HTMLSlotElement;
      expect(slot.assignedNodes()).to.deep.equal([custom]);
      expect(shownText($(el, '[part~="status"]'))).to.equal('Nothing here yet: browse our hats!');
      expect(custom.checkVisibility()).to.equal(true);
      expect(slot.querySelector('p')!.checkVisibility()).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows slotted heading text in place of "Your cart"', async () => {
      const el = await mounted(html`<cart-summary api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1" locale="en-GB"><span slot="heading">Basket of Ana</span></cart-summary>`);
      expect(el.state).to.equal('ready');
      const custom = el.querySelector('span[slot="heading"]')!;
      const slot = $(el, 'h2 slot[name="heading"]') as HTMLSlotElement;
      expect(slot.assignedNodes()).to.deep.equal([custom]);
      expect(shownText($(el, 'h2'))).to.equal('Basket of Ana');
      expect(custom.checkVisibility()).to.equal(true);
      // The cart is still there under the page's heading.
      expect(text($(el, '[part~="total"] dd'))).to.equal('€365.82');
      await expect(el).to.be.accessible();
    });
  });
});

describe('<cart-summary> long carts', () => {
  it('renders the first lines, more as the shopper scrolls near them, and totals every line', async () => {
    const lines = Array.from({ length: 350 }, (_, i) => line(`l${i}`, { value: '1.00', quantity: 1 }));
    serve(giosg([cart(OPEN_CART, { total_value: '350.00' }, lines)]));
    const el = await mounted(html`<cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
    const shown = () => $$(el, '[part~="line"]').length;
    expect(shown()).to.be.greaterThan(20).and.lessThan(350);
    const first = shown();
    expect(texts(el, '[part~="line-name"]')[0]).to.equal('Product l0');
    expect(text($(el, '[part~="total"] dd'))).to.equal(money(350, 'EUR', 'en'));
    await expect(el).to.be.accessible();
    // Scrolled to the last rendered line: more come, and in the end all of them.
    $$(el, '[part~="line"]').at(-1)!.scrollIntoView();
    await until(() => shown() > first, 'no more lines came when scrolled to the last');
    for (let round = 0; round < 5 && shown() < 350; round++) {
      $$(el, '[part~="line"]').at(-1)!.scrollIntoView();
      await aTimeout(100);
    }
    expect(shown()).to.equal(350);
    expect(texts(el, '[part~="line-name"]').at(-1)).to.equal('Product l349');
    expect($(el, '.more-lines')).to.equal(null);
  });
});
