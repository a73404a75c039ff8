import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { describe, it, vi } from 'vitest';
import { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import { ReorderEvent } from '../../../src/events.ts';
import { deferred, spyOnFetch } from '../../support/fake-fetch.ts';
import { $, $$, text, until } from '../../support/dom.ts';
import { giosgCart as cart, giosgLine as line, giosgVisitor, minutesAgo } from '../../support/vendors/giosg.ts';
import {
  BASE,
  giosg,
  liveRegion,
  MOCK,
  mountedCart,
  ORG_CHAT,
  ROOM,
  serve,
  settled,
  TOKEN,
  useCleanPage,
  visitorCart,
} from './harness.ts';

useCleanPage();

describe('<cart-summary>', () => {
  describe('reorder (Buy again)', () => {
    const DAY = 24 * 60;
    /**
     * An open cart and two purchases: one with a removed line and a quantity as a string, one whose lines were
     * all removed.
     */
    const pastCarts = () => [
      cart('open', { updated_at: minutesAgo(5) }, [line('o1')]),
      cart('bought', { is_locked: true, locked_at: minutesAgo(3 * DAY), updated_at: minutesAgo(3 * DAY) }, [
        line('1', { name: 'Merino Scarf' }),
        line('2', { name: 'Leather Gloves', quantity: '1' }),
        line('3', { name: 'Wool Hat', value: '' }),
        line('4', { name: 'Old Poncho', is_deleted: true, deleted_at: minutesAgo(4 * DAY) }),
      ]),
      cart('emptied', { is_locked: true, locked_at: minutesAgo(9 * DAY), updated_at: minutesAgo(9 * DAY) }, [
        line('5', { is_deleted: true, deleted_at: minutesAgo(9 * DAY) }),
      ]),
    ];
    const reorderButtons = (el: Element) => $$(el, '[part~="reorder-button"]');
    const reorderStatus = (el: Element) => text($(el, '[part~="reorder-status"]'));
    const mountPast = (locale = 'en-GB') => visitorCart(BASE, { view: 'all', reorder: true, locale });
    /** Presses the one Buy again (or Retry) button and waits for the render. */
    async function press(el: CartSummary): Promise<HTMLElement> {
      const [button] = reorderButtons(el);
      await userEvent.click(button);
      await el.updateComplete;
      return button;
    }
    const announced = (el: CartSummary, expected: string) =>
      until(() => liveRegion(el) === expected, `the live region said "${liveRegion(el)}", not "${expected}"`, {
        timeout: 3000,
      });
    /**
     * Records each `reorder` and answers it with the next of `answers` (a promise for waitUntil, or a function
     * of the event).
     */
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
      const el = await mountedCart({
        'api-base': MOCK,
        ...ORG_CHAT,
        view: 'all',
        reorder: true,
        locale: 'en-GB',
        currency: 'EUR',
      });
      const rows = $$(el, '.carts > li');
      expect(rows.map((row) => row.querySelector('[part~="reorder-button"]') !== null)).to.deep.equal([
        false,
        false,
        true,
        true,
        false,
      ]);
      expect(rows.map((row) => row.querySelector('[part~="badge"]') !== null)).to.deep.equal([
        false,
        false,
        true,
        true,
        false,
      ]);
      // Shown while the cart is closed, named after the purchase it buys again.
      expect(rows[2].querySelector('button.disclosure')!.getAttribute('aria-expanded')).to.equal('false');
      expect(reorderButtons(el).map(text)).to.deep.equal(['Buy again', 'Buy again']);
      // Its name: its text, then the cart's own button ("Purchased 3 Dec 2026 Updated … €54.50").
      const toggle = rows[2].querySelector('button.disclosure')!;
      expect(reorderButtons(el)[0].getAttribute('aria-labelledby')).to.equal(
        `${reorderButtons(el)[0].id} ${toggle.id}`,
      );
      expect(text(toggle)).to.match(/^Purchased \d+ \w+ \d{4} Updated .+ €54\.50$/);
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
      const plain = await mountedCart({ 'api-base': MOCK, ...ORG_CHAT, view: 'all' });
      expect(reorderButtons(plain).length).to.equal(0);
      // A page-wide default, as every attribute has.
      configure({ reorder: true });
      await until(() => reorderButtons(plain).length === 2, 'configure({ reorder: true }) gave no Buy again');
      resetConfiguration();
      configure({ timeout: 3000 });
      // view="latest" showing a purchased cart: none.
      const latest = await mountedCart({
        'api-base': MOCK,
        ...ORG_CHAT,
        reorder: true,
        'cart-id': '205a7606-8da9-11e9-84bc-0242ac14000a',
      });
      expect($(latest, '[part~="badge"]')).to.not.equal(null);
      expect(reorderButtons(latest).length).to.equal(0);
      // A room's carts have no lines to add: none.
      const room = await mountedCart({ 'api-base': MOCK, ...ROOM, view: 'all', reorder: true });
      expect($$(room, '[part~="badge"]').length).to.equal(2);
      expect(reorderButtons(room).length).to.equal(0);
    });

    it(
      "all added: fires reorder with the purchase's lines less the removed ones, " +
        'shows Adding… then Added, and announces it',
      async () => {
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
        expect([event.type, event.bubbles, event.composed, event.cancelable]).to.deep.equal([
          'reorder',
          true,
          true,
          true,
        ]);
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
      },
    );

    it(
      'buys again only what the purchase held: not a line of no pieces (0, negative or junk), ' +
        'and no button for a purchase of only such lines',
      async () => {
        const bought = { is_locked: true, locked_at: minutesAgo(3 * DAY), updated_at: minutesAgo(3 * DAY) };
        serve(
          giosg([
            cart('bought', bought, [
              line('1', { name: 'Merino Scarf' }),
              line('2', { name: 'Gift Wrap', quantity: 0, value: '0.00' }),
              line('3', { name: 'Returned Gloves', quantity: '-1' }),
              line('4', {
                name: 'Streaming Plus',
                quantity: null,
                value: null,
                subscription_value: '9.90',
                monthly_quantity: '1',
              }),
              line('5', { name: 'Wool Hat', quantity: ' ' }),
            ]),
            cart('zeroes', { ...bought, updated_at: minutesAgo(9 * DAY) }, [
              line('6', { quantity: '0' }),
              line('7', { quantity: -2 }),
            ]),
          ]),
        );
        const el = await mountPast();
        expect(
          $$(el, '.carts > li').map((row) => row.querySelector('[part~="reorder-button"]') !== null),
        ).to.deep.equal([true, false]);
        await expect(el).to.be.accessible();
        const events = handle(el, (event) => event.waitUntil(Promise.resolve({ failed: ['4'] })));
        await press(el);
        expect(lineIds(events[0])).to.deep.equal(['1', '4']);
        await until(() => reorderStatus(el) !== '', 'no outcome shown', { timeout: 3000 });
        expect(reorderStatus(el)).to.equal('1 of 2 added. Not added: Streaming Plus.');
        await expect(el).to.be.accessible();
      },
    );

    it("ends unseen and unsaid over another visitor's carts shown meanwhile, and still reports its add", async () => {
      // Visitor v2's own purchase: a Buy again of its own, never pressed.
      const otherCarts = [
        cart('v2-bought', { is_locked: true, locked_at: minutesAgo(DAY), updated_at: minutesAgo(DAY) }, [line('9')]),
      ];
      serve((request) => giosg(giosgVisitor(request) === 'v2' ? otherCarts : pastCarts())(request));
      const el = await mountPast();
      const adds: string[] = [];
      el.addEventListener('widget-analytics', (event) => {
        const { detail } = event;
        if (detail.event === 'add_to_cart') adds.push(detail.ecommerce.items.map((item) => item.item_id).join());
      });
      const answer = deferred<unknown>();
      handle(el, (event) => event.waitUntil(answer.promise));
      expect(text(await press(el))).to.equal('Adding…');
      // The page (an agent's console) turns to another visitor while the add is under way.
      el.setAttribute('visitor-id', 'v2');
      await until(() => el.state === 'ready' && text($(el, '.count')) === '1 cart', 'v2 carts never shown');
      const said = liveRegion(el);
      answer.resolve({ failed: [] });
      await until(() => adds.length === 1, 'the add was never reported');
      await aTimeout(300);
      expect(liveRegion(el), 'the outcome was announced over v2 carts').to.equal(said);
      expect(reorderButtons(el).map(text)).to.deep.equal(['Buy again']);
      expect(reorderStatus(el)).to.equal('');
      expect(adds).to.deep.equal(['1,2,3']);
      await expect(el).to.be.accessible();
    });

    it('a second Buy again within the first\'s "Added" time says Added for its own full time', async () => {
      serve(giosg(pastCarts()));
      const el = await mountPast();
      const second = deferred<void>();
      handle(
        el,
        (event) => event.waitUntil(Promise.resolve()),
        (event) => event.waitUntil(second.promise),
      );
      const button = reorderButtons(el)[0];
      button.click();
      await until(() => text(button) === 'Added');
      const firstAdded = performance.now();
      await aTimeout(1000);
      button.click();
      await until(() => text(button) === 'Adding…');
      second.resolve();
      await until(() => text(button) === 'Added');
      // Past the end of the first press's 2.5 s: the second's "Added" still stands.
      await aTimeout(firstAdded + 2800 - performance.now());
      expect(text(button), "the first press's timer cut the second short").to.equal('Added');
      await until(() => text(button) === 'Buy again', 'Added never ended', { timeout: 3000 });
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
      // Named "Retry" and the purchase: its text first, then the cart's own button.
      expect(reorderButtons(el)[0].getAttribute('aria-labelledby')).to.match(/^reorder-(\d+) toggle-\1$/);
      await announced(el, '1 of 3 added. Not added: Leather Gloves and Wool Hat.');
      await expect(el).to.be.accessible();

      await press(el);
      expect(lineIds(events[1])).to.deep.equal(['2', '3']);
      await until(() => reorderStatus(el) === '2 of 3 added. Not added: Wool Hat.', `it said "${reorderStatus(el)}"`, {
        timeout: 3000,
      });
      expect(text(reorderButtons(el)[0])).to.equal('Retry');
      await announced(el, '2 of 3 added. Not added: Wool Hat.');
      await expect(el).to.be.accessible();

      await press(el);
      expect(lineIds(events[2])).to.deep.equal(['3']);
      await until(() => text(reorderButtons(el)[0]) === 'Added', 'the last Retry never ended in Added', {
        timeout: 3000,
      });
      await announced(el, 'Every item was added to the cart.');
      expect(events.length).to.equal(3);
    });

    it("names the failed lines in the widget's language (de)", async () => {
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

    it(
      'cancelled without a promise: the page took it over, so the button ' + 'stays Buy again and says nothing',
      async () => {
        serve(giosg(pastCarts()));
        const el = await mountPast();
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        try {
          const before = liveRegion(el);
          const events = handle(
            el,
            (event) => event.preventDefault(),
            (event) => event.waitUntil(Promise.resolve({ failed: ['1'] })),
            (event) => event.preventDefault(),
          );
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
      },
    );

    it(
      'no handler: a visible failure, announced, one console warning naming the ' +
        'missing handler, and the button still works',
      async () => {
        serve(giosg(pastCarts()));
        const el = await mountPast();
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        try {
          await press(el);
          expect(text(reorderButtons(el)[0])).to.equal('Cannot add here');
          expect(reorderStatus(el)).to.equal('These items cannot be added to the cart here.');
          await announced(el, 'These items cannot be added to the cart here.');
          expect(warn.mock.calls.length).to.equal(1);
          // The tests run the development build of the source, which adds the code's full text.
          expect(warn.mock.calls[0]).to.deep.equal([
            '<cart-summary> SW53',
            '\nSW53: `reorder` set on a `<cart-summary>` whose page has no `reorder` listener calling ' +
              '`event.waitUntil(promise)`, so Buy again added nothing',
          ]);
          await expect(el).to.be.accessible();

          // Pressed again: the same outcome, no second warning.
          await press(el);
          expect(reorderStatus(el)).to.equal('These items cannot be added to the cart here.');
          expect(warn.mock.calls.length).to.equal(1);
          // Never dead: a handler added later gets the next press, with every line.
          const events = handle(el, (event) => event.waitUntil(Promise.resolve()));
          await press(el);
          expect(lineIds(events[0])).to.deep.equal(['1', '2', '3']);
          await until(() => text(reorderButtons(el)[0]) === 'Added', "the late handler's add never showed", {
            timeout: 3000,
          });
          expect(warn.mock.calls.length).to.equal(1);
        } finally {
          warn.mockRestore();
        }
      },
    );

    it(
      'stays readable and inside a 320 px column of a dark theme that ' + 'restyles every button and paragraph',
      async () => {
        serve(giosg(pastCarts()));
        const wrapper = await fixture<HTMLElement>(html`
          <div
            class="theme"
            style="width: 320px; background: #16181d; color: #e8e8e8; font-size: 13px; font-family: Georgia, serif"
          >
            <style>
              .theme button {
                all: unset;
                color: red;
                text-transform: uppercase;
              }
              .theme p {
                display: none;
              }
            </style>
            <cart-summary
              view="all"
              reorder
              api-base=${BASE}
              api-token=${TOKEN}
              user-id="u1"
              chat-id="c1"
              visitor-id="v1"
              locale="en-GB"
            ></cart-summary>
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
      },
    );
  });
});
