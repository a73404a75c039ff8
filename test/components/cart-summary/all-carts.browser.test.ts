import { expect, html } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { describe, it, vi } from 'vitest';
import { CacheUpdateEvent, pageCache } from '../../../src/core/cache.ts';
import { configure } from '../../../src/core/config.ts';
import type { WidgetLoadEvent } from '../../../src/events.ts';
import { deferred, json, spyOnFetch } from '../../support/fake-fetch.ts';
import { $, $$, text, texts, until } from '../../support/dom.ts';
import { giosgCart as cart, giosgLine as line, minutesAgo, type FakeCart } from '../../support/vendors/giosg.ts';
import {
  BASE,
  cartSummary,
  giosg,
  MOCK,
  money,
  mounted,
  mountedCart,
  OPEN_CART,
  ORG_CHAT,
  ROOM,
  serve,
  useCleanPage,
  VISITOR,
  visitorCart,
} from './harness.ts';

useCleanPage();

describe('<cart-summary>', () => {
  describe('view="all"', () => {
    it('lists every cart newest first, past purchases badged, each a disclosure operable by keyboard', async () => {
      const el = await mountedCart({ 'api-base': MOCK, ...ORG_CHAT, view: 'all', locale: 'en-GB', currency: 'EUR' });
      expect(el.state).to.equal('ready');
      expect(text($(el, 'h2'))).to.equal('Carts');
      expect(text($(el, '.count'))).to.equal('5 carts');
      const buttons = $$(el, 'button.disclosure');
      expect(buttons.length).to.equal(5);
      expect(buttons.map((button) => text(button.querySelector('.cart-total')))).to.deep.equal([
        '€365.82',
        money(5900, 'JPY', 'en-GB'),
        '€54.50',
        '€49.00',
        '€18.40',
      ]);
      expect(buttons.map((button) => button.querySelector('[part~="badge"]') !== null)).to.deep.equal([
        false,
        false,
        true,
        true,
        false,
      ]);
      // The cart a mini-cart would show starts open; the rest are closed.
      expect(buttons.map((button) => button.getAttribute('aria-expanded'))).to.deep.equal([
        'true',
        'false',
        'false',
        'false',
        'false',
      ]);
      await expect(el).to.be.accessible();

      const jpy = buttons[1];
      const panel = $(el, `#${jpy.getAttribute('aria-controls')}`)!;
      expect(panel.hidden).to.equal(true);
      jpy.focus();
      await userEvent.keyboard('{Enter}');
      await el.updateComplete;
      expect(jpy.getAttribute('aria-expanded')).to.equal('true');
      expect(panel.hidden).to.equal(false);
      expect([...panel.querySelectorAll('[part~="line-name"]')].map(text)).to.deep.equal([
        'Uji Matcha 100 g',
        'Bamboo Tea Whisk',
      ]);
      expect([...panel.querySelectorAll('[part~="line-total"]')].map(text)).to.deep.equal([
        money(2400, 'JPY', 'en-GB'),
        money(3500, 'JPY', 'en-GB'),
      ]);
      await expect(el).to.be.accessible();
      await userEvent.keyboard(' ');
      await el.updateComplete;
      expect(jpy.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.hidden).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(jpy);
      await expect(el).to.be.accessible();
    });

    it('opens the picked cart and fires widget-load once when carts come to a scope that had none', async () => {
      let carts: FakeCart[] = [];
      serve((request) => giosg(carts)(request));
      const el = await visitorCart(BASE, { view: 'all' });
      expect(el.state).to.equal('empty');
      const loads: WidgetLoadEvent[] = [];
      el.addEventListener('widget-load', (event) => loads.push(event));
      carts = [
        cart('a', { updated_at: minutesAgo(1) }, [line('1'), line('2')]),
        cart('b', { updated_at: minutesAgo(9), is_locked: true, locked_at: minutesAgo(9) }, [line('3')]),
      ];
      await el.refresh();
      expect(el.state).to.equal('ready');
      // As on a first load: the cart a mini-cart would show is open.
      expect($$(el, 'button.disclosure').map((button) => button.getAttribute('aria-expanded'))).to.deep.equal([
        'true',
        'false',
      ]);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1', 'Product 2']);
      expect(loads.length, 'widget-load').to.equal(1);
      expect(loads[0].detail.carts!.map((each) => each.id)).to.deep.equal(['a', 'b']);
      await expect(el).to.be.accessible();
    });

    it('leaves out a cart removed since its list was cached, reading the list again once', async () => {
      let carts = [
        cart('a', { updated_at: minutesAgo(1) }, [line('1')]),
        cart('b', { updated_at: minutesAgo(5) }, [line('2')]),
        cart('c', { updated_at: minutesAgo(9), is_locked: true, locked_at: minutesAgo(9) }, [line('3')]),
      ];
      const fake = serve((request) => giosg(carts)(request));
      // A mini-cart caches the list and cart a's lines; then cart b is removed in the vendor.
      await visitorCart(BASE);
      carts = carts.filter((each) => each.record.id !== 'b');
      const loads: WidgetLoadEvent[] = [];
      const el = cartSummary({ 'api-base': BASE, ...VISITOR, view: 'all' });
      el.addEventListener('widget-load', (event) => loads.push(event));
      await mounted(html`${el}`);
      expect(el.state).to.equal('ready');
      expect(text($(el, '.count'))).to.equal('2 carts');
      expect($$(el, 'button.disclosure').map((button) => button.getAttribute('aria-expanded'))).to.deep.equal([
        'true',
        'false',
      ]);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      expect(loads.map((event) => event.detail.carts?.map((each) => each.id))).to.deep.equal([['a', 'c']]);
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(fake.callsTo('/shopping_carts/b/products').length).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it(
      "loads again when a cart's lines were revalidated during a load, so " + 'lines never lag behind the total',
      async () => {
        // The cache's clock stands still unless the test moves it (afterEach restores it).
        vi.useFakeTimers({ toFake: ['Date'] });
        let round = 1;
        const linesOfA = deferred<Response>();
        const linesOfC = deferred<Response>();
        const carts = () =>
          round === 1
            ? [
                cart('a', { updated_at: minutesAgo(1) }, [line('1')]),
                cart('b', { updated_at: minutesAgo(9) }, [line('2')]),
              ]
            : [
                cart('a', { updated_at: minutesAgo(1), total_value: '20.00' }, [
                  line('1', { name: 'Product 1 again' }),
                ]),
                cart('b', { updated_at: minutesAgo(9) }, [line('2')]),
                cart('c', { updated_at: minutesAgo(20) }, [line('3')]),
              ];
        const fake = serve((request) => {
          if (round === 2 && request.url.pathname.endsWith('/shopping_carts/a/products'))
            return linesOfA.promise.then(() => giosg(carts())(request));
          if (round === 2 && request.url.pathname.endsWith('/shopping_carts/c/products'))
            return linesOfC.promise.then(() => giosg(carts())(request));
          return giosg(carts())(request);
        });
        const el = await visitorCart(BASE, { view: 'all', 'cache-ttl': '1' });
        expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
        vi.setSystemTime(Date.now() + 1100);
        round = 2;
        // A re-read (for a page-wide setting the requests are made with) finds everything stale: the
        // list comes back with a new cart c, whose lines are read while cart a's are still being
        // revalidated.
        configure({ timeout: 4000 });
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
        await until(
          () => texts(el, '[part~="line-name"]').join() === 'Product 1 again',
          'cart a kept its old lines beside its new total',
        );
        expect(text($(el, 'button.disclosure .cart-total'))).to.equal('€20.00');
        await expect(el).to.be.accessible();
      },
    );

    it("shows a room's carts with totals and says that line items are not available", async () => {
      const spy = spyOnFetch();
      try {
        const el = await mountedCart({ 'api-base': MOCK, ...ROOM, view: 'all', locale: 'en-GB', currency: 'EUR' });
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
});

describe('<cart-summary> long carts', () => {
  it('renders the first lines, more as the shopper scrolls near them, and totals every line', async () => {
    const lines = Array.from({ length: 350 }, (_, i) => line(`l${i}`, { value: '1.00', quantity: 1 }));
    serve(giosg([cart(OPEN_CART, { total_value: '350.00' }, lines)]));
    const el = await visitorCart(BASE);
    const shown = () => $$(el, '[part~="line"]').length;
    expect(shown()).to.be.greaterThan(20).and.lessThan(350);
    const first = shown();
    expect(texts(el, '[part~="line-name"]')[0]).to.equal('Product l0');
    expect(text($(el, '[part~="total"] dd'))).to.equal(money(350, 'EUR', 'en'));
    await expect(el).to.be.accessible();
    // Scrolled to the last rendered line: more come, and in the end all of them.
    $$(el, '[part~="line"]').at(-1)!.scrollIntoView();
    await until(() => shown() > first, 'no more lines came when scrolled to the last');
    // Each look at the last line brings the next lines, however long a busy machine takes to draw them.
    await until(
      () => {
        $$(el, '[part~="line"]').at(-1)!.scrollIntoView();
        return shown() === 350;
      },
      () => `${shown()} of 350 lines came`,
    );
    expect(texts(el, '[part~="line-name"]').at(-1)).to.equal('Product l349');
    expect($(el, '.more-lines')).to.equal(null);
  });
});
