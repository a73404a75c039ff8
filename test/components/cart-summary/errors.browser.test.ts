import { expect, html, oneEvent } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import { type WidgetErrorEvent } from '../../../src/events.ts';
import { json } from '../../support/fake-fetch.ts';
import { $, shownText, text, texts, untilState } from '../../support/dom.ts';
import { giosgCart as cart, giosgLine as line } from '../../support/vendors/giosg.ts';
import {
  BASE,
  cartSummary,
  giosg,
  liveRegion,
  MOCK,
  mounted,
  serve,
  settled,
  TOKEN,
  useCleanPage,
  VISITOR,
  visitorCart,
} from './harness.ts';

useCleanPage();

describe('<cart-summary>', () => {
  describe('error', () => {
    // The error view, widget-error and Retry of every widget: test/components/shared/widget-behaviour.ts.
    it('says the error in its message and, first and once, in the live region', async () => {
      serve(() => json({ detail: 'Upstream unavailable' }, { status: 503 }));
      const el = cartSummary({ 'api-base': BASE, ...VISITOR });
      document.body.append(el);
      // Everything the live region ever says, each render of it.
      const said: string[] = [];
      await el.updateComplete;
      const watch = new MutationObserver(() => {
        if (said.at(-1) !== liveRegion(el)) said.push(liveRegion(el));
      });
      watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      try {
        await untilState(el, 'error');
        await settled(el);
        expect(
          said.filter((text) => text && text !== 'Loading your cart'),
          'the live region said something else first',
        ).to.deep.equal(['The store could not load this right now.']);
        expect(text($(el, '[part~="status"] p'))).to.equal('The store could not load this right now.');
        expect(liveRegion(el)).to.equal('The store could not load this right now.');
      } finally {
        watch.disconnect();
        el.remove();
      }
    });

    it(
      'under a refused token (401) says so in plain words, offers no ' + 'Retry, and a renewed token recovers',
      async () => {
        serve((request) =>
          request.headers.get('authorization') === `Token ${TOKEN}`
            ? giosg([cart('a', {}, [line('1')])])(request)
            : json({ detail: 'Invalid token.' }, { status: 401 }),
        );
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        try {
          const errors: WidgetErrorEvent[] = [];
          const el = await mounted(
            html`<cart-summary
              api-base="${BASE}/refused"
              api-token="expired"
              user-id="u1"
              chat-id="c1"
              visitor-id="v1"
              @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}
            ></cart-summary>`,
          );
          expect(el.state).to.equal('error');
          expect(errors.map((e) => [e.detail.error.kind, e.detail.error.status, e.detail.error.message])).to.deep.equal(
            [['auth', 401, 'Invalid token.']],
          );
          expect(shownText($(el, '[part~="status"]'))).to.equal('This cannot be shown right now.');
          expect(liveRegion(el)).to.equal('This cannot be shown right now.');
          expect($(el, '[part~="retry-button"]')).to.equal(null);
          await expect(el).to.be.accessible();
          await el.refresh();
          expect(warn.mock.calls.map(([message]) => message)).to.deep.equal([
            '<cart-summary> auth 401 from https://giosg.test/refused/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts: Invalid token.',
          ]);
          el.setAttribute('api-token', TOKEN);
          await untilState(el, 'ready', 'a renewed token did not recover');
          await expect(el).to.be.accessible();
        } finally {
          warn.mockRestore();
        }
      },
    );

    it('names the missing scope attribute in a config error, without a request', async () => {
      const fake = serve(giosg([]));
      const el = document.createElement('cart-summary');
      for (const [name, value] of Object.entries({
        'api-base': BASE,
        'api-token': TOKEN,
        'user-id': 'u1',
        'chat-id': 'c1',
      }))
        el.setAttribute(name, value);
      const failed = oneEvent(el, 'widget-error');
      document.body.append(el);
      try {
        const { detail } = await failed;
        expect(detail.error.kind).to.equal('config');
        expect(detail.error.message).to.equal('SW11 `visitor-id`');
        await settled(el);
        expect(el.state).to.equal('error');
        // The shopper reads plain words, without the developer's text or a Retry that cannot help.
        expect(text($(el, '[part~="status"]'))).to.equal('This is not available right now.');
        expect($(el, '[part~="retry-button"]')).to.equal(null);
        expect(fake.calls.length).to.equal(0);
        await expect(el).to.be.accessible();
        // Supplying it recovers without a Retry.
        el.setAttribute('visitor-id', 'v1');
        await untilState(el, 'empty');
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
      const noToken = await mounted(
        html`<cart-summary
          api-base=${BASE}
          user-id="u1"
          chat-id="c1"
          visitor-id="v1"
          @widget-error=${record}
        ></cart-summary>`,
      );
      expect(noToken.state).to.equal('error');
      expect(messages.pop()).to.equal('SW1 `api-token`');
      expect(text($(noToken, '[part~="status"]'))).to.equal('This is not available right now.');
      await expect(noToken).to.be.accessible();
      const wrongCart = await mounted(
        html`<cart-summary
          api-base=${BASE}
          api-token=${TOKEN}
          user-id="u1"
          chat-id="c1"
          visitor-id="v1"
          cart-id="zzz"
          @widget-error=${record}
        ></cart-summary>`,
      );
      expect(wrongCart.state).to.equal('error');
      expect(messages.pop()).to.equal('SW10 `cart-id` "zzz"');
      await expect(wrongCart).to.be.accessible();
    });

    it('fails with the 404 when the list read again still names the cart, and a refresh reads it once', async () => {
      const listed = giosg([cart('a', {}, [line('1')])]);
      // The chat is gone: the vendor still lists its cart but answers 404 for the cart's lines.
      const fake = serve((request) =>
        request.url.pathname.endsWith('/products') ? json({ detail: 'Not found.' }, 404) : listed(request),
      );
      const errors: WidgetErrorEvent[] = [];
      const el = cartSummary({ 'api-base': BASE, ...VISITOR });
      el.addEventListener('widget-error', (event) => errors.push(event));
      await mounted(html`${el}`);
      expect(el.state).to.equal('error');
      expect(errors.map((event) => [event.detail.error.kind, event.detail.error.status])).to.deep.equal([
        ['http', 404],
      ]);
      expect(text($(el, '[part~="status"] p'))).to.equal('The store could not load this right now.');
      expect($(el, '[part~="retry-button"]')).to.equal(null);
      // The list, the lines, the list again (not from the page cache), the lines again: then it stops.
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(fake.callsTo('/products').length).to.equal(2);
      await expect(el).to.be.accessible();
      // A refresh reads the list from the vendor already: no second reading after its 404.
      await el.refresh().catch(() => undefined);
      expect(el.state).to.equal('error');
      expect(fake.callsTo('/shopping_carts').length).to.equal(3);
      expect(fake.callsTo('/products').length).to.equal(3);
      await expect(el).to.be.accessible();
    });

    it('reports broken JSON as an invalid response', async () => {
      const el = await visitorCart('/mock/faults/broken-json/giosg');
      expect(el.state).to.equal('error');
      expect(text($(el, '[part~="status"] p'))).to.equal('The store sent something we could not read.');
      expect(text($(el, '[part~="retry-button"]'))).to.equal('Retry');
      await expect(el).to.be.accessible();
    });
  });

  describe('slots', () => {
    it('shows slotted error text in place of the message, keeps Retry, and Retry still recovers', async () => {
      let healthy = false;
      const working = giosg([cart('a', {}, [line('1')])]);
      serve((request) => (healthy ? working(request) : json({ detail: 'Upstream unavailable' }, { status: 500 })));
      const el = await visitorCart(BASE, {}, '<span slot="error">We could not open your basket.</span>');
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
      await untilState(el, 'ready', 'Retry did not recover');
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Product 1']);
      // The error text goes with the error.
      expect($(el, 'slot[name="error"]')).to.equal(null);
      expect(custom.checkVisibility()).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows slotted empty text in place of "Your cart is empty."', async () => {
      const el = await visitorCart(
        '/mock/faults/empty/giosg',
        {},
        '<span slot="empty">Nothing here yet: browse our hats!</span>',
      );
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
      const el = await visitorCart(MOCK, { locale: 'en-GB' }, '<span slot="heading">Basket of Ana</span>');
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
