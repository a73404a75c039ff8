import { aTimeout, expect, html, oneEvent } from '@open-wc/testing';
import { describe, it } from 'vitest';
import '../../../src/define.ts';
import type { AddToCartEvent, ItemSelectEvent, WidgetErrorEvent } from '../../../src/events.ts';
import { deferred, json } from '../../support/fake-fetch.ts';
import { $, $$, shownText, until, untilState } from '../../support/dom.ts';
import { configure } from '../../../src/core/config.ts';
import { csomni } from '../../support/vendors/csomni.ts';
import { allNamed, BASE, serve, useCleanPage, widget } from './harness.ts';

useCleanPage();

describe('<buy-again-list>', () => {
  describe('events', () => {
    it("says Added in the accent, or in the page's text colour where the accent would not read", async () => {
      serve(csomni());
      for (const [page, color] of [
        ['color: #222; background: #fff', 'rgb(26, 95, 208)'],
        ['color: #222; background: #fff; --storefront-color-accent: #ffd23f', 'rgb(34, 34, 34)'],
      ]) {
        const el = await widget(
          html`<div style=${page}>
            <buy-again-list api-base=${BASE} site-token="site_1" customer-token="cs_1"></buy-again-list>
          </div>`,
        );
        const list = el.querySelector('buy-again-list')!;
        await untilState(list, 'ready');
        const button = $(list, '[part~="add-button"]')!;
        button.click();
        await until(() => button.textContent.trim() === 'Added');
        expect(getComputedStyle(button).color, page).to.equal(color);
        await expect(list).to.be.accessible();
        el.remove();
      }
    });

    it('add-to-cart, not cancelled, adds through POST /cart and /cartprods and announces it', async () => {
      const fake = serve(csomni());
      const el = await widget();
      await allNamed(el);
      const events: AddToCartEvent[] = [];
      el.addEventListener('add-to-cart', (e) => events.push(e));
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      expect(events.length).to.equal(1);
      expect(events[0].cancelable).to.equal(true);
      expect(events[0].detail.quantity).to.equal(1);
      expect(events[0].detail.item.id).to.equal('vrnt_oat');
      await until(() => button.textContent.trim() === 'Added');
      const [cart] = fake.callsTo('/cart');
      expect(cart.method).to.equal('POST');
      expect(cart.headers.get('customertoken')).to.equal('cs_1');
      const [line] = fake.callsTo('/cartprods/cart_1');
      expect(line.method).to.equal('POST');
      expect(line.body).to.deep.equal({ prodToken: 'vrnt_oat', cartProdQuantity: 1 });
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Oat Milk – 1 L added to cart');
      await expect(el).to.be.accessible();
    });

    it('adds a product-level item with its first variant', async () => {
      const fake = serve(csomni());
      const el = await widget();
      await allNamed(el);
      $$(el, '[part~="add-button"]')[2].click();
      await until(() => fake.callsTo('/cartprods/cart_1').length === 1);
      expect(fake.callsTo('/cartprods/cart_1')[0].body).to.deep.equal({
        prodToken: 'vrnt_granola',
        cartProdQuantity: 1,
      });
    });

    it('add-to-cart, cancelled without a promise, leaves the cart and its outcome to the host', async () => {
      const fake = serve(csomni());
      const el = await widget();
      el.addEventListener('add-to-cart', (e) => e.preventDefault());
      $(el, '[part~="add-button"]')!.click();
      await aTimeout(100);
      expect(fake.callsTo('/cart').length).to.equal(0);
      expect($(el, '[part~="add-button"]')!.textContent.trim()).to.equal('Add to cart');
      expect($(el, '[role="status"][aria-live="polite"]')!.textContent).to.not.contain('cart');
    });

    it(
      'without a customer and without a handler, the button says it cannot ' + 'add here: no guest cart is made',
      async () => {
        const fake = serve(csomni());
        const el = await widget(html`<buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>`);
        await allNamed(el);
        const events: AddToCartEvent[] = [];
        el.addEventListener('add-to-cart', (e) => events.push(e));
        const button = $(el, '[part~="add-button"]')!;
        button.click();
        expect(events).to.have.length(1);
        await until(() => button.textContent.trim() === 'Cannot add here', 'the press left no trace on screen');
        expect(button.getAttribute('aria-label')).to.equal('Cannot add here: Oat Milk – 1 L');
        await until(
          () => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Cannot add here: Oat Milk – 1 L',
        );
        expect(fake.callsTo('/cart').length).to.equal(0);
        await expect(el).to.be.accessible();
        // A handler that arrives later is asked on the next press.
        el.addEventListener('add-to-cart', (e) => e.waitUntil(Promise.resolve()));
        button.click();
        await until(() => button.textContent.trim() === 'Added');
      },
    );

    it('a customer-token or customer-session of spaces is no customer: no blank token, no guest cart', async () => {
      const fake = serve(csomni());
      const direct = await widget(
        html`<buy-again-list api-base=${BASE} site-token="site_1" customer-token="  "></buy-again-list>`,
      );
      const proxied = await widget(
        html`<buy-again-list proxy-url="https://proxy.test/widgets" customer-session="  "></buy-again-list>`,
      );
      await allNamed(direct);
      await allNamed(proxied);
      const [directList, proxiedList] = fake.callsTo('/frequentlyPurchased');
      expect(directList.headers.has('customertoken'), 'a blank customer token was sent').to.equal(false);
      expect(proxiedList.headers.has('authorization'), 'a blank session was sent').to.equal(false);
      for (const el of [direct, proxied]) {
        const button = $(el, '[part~="add-button"]')!;
        button.click();
        await until(() => button.textContent.trim() === 'Cannot add here', `it says ${button.textContent.trim()}`);
      }
      expect(fake.callsTo('/cart').length).to.equal(0);
    });

    it('any attribute of spaces is unset: the built-in heading, the page proxy, the default cache', async () => {
      const fake = serve(csomni());
      configure({ proxyUrl: 'https://proxy.test/widgets' });
      const el = await widget(
        html`<buy-again-list
          heading="  "
          proxy-url="  "
          cache-ttl=" "
          currency=" eur "
          source=" csomni "
        ></buy-again-list>`,
      );
      await allNamed(el);
      expect(shownText($(el, '[part~="heading"]')), 'a blank heading').to.equal('Buy it again');
      const [list] = fake.callsTo('/frequentlyPurchased');
      expect(list.url.href, 'a blank proxy-url').to.match(/^https:\/\/proxy\.test\/widgets\/csomni\//);
      expect($(el, '[part~="price"]')!.textContent, 'a currency with spaces').to.contain('€');
      // A blank cache-ttl is the default 300 s, not 0 (off): a second widget reads the page cache.
      await widget(html`<buy-again-list proxy-url="https://proxy.test/widgets" cache-ttl=" "></buy-again-list>`);
      expect(fake.callsTo('/frequentlyPurchased').length, 'a blank cache-ttl turned the cache off').to.equal(1);
      await expect(el).to.be.accessible();
    });

    describe('a handler reports its outcome with waitUntil()', () => {
      /** An Algonomy list: no vendor cart, so only the page can add. */
      async function algonomy() {
        const dataList = [
          {
            productCode: 'SKU-1',
            productName: 'Copy paper A4',
            productImgUrl: ' ',
            productQty: '2',
            productValue: '$ 4.5',
            orderValue: '$1,000.0',
            orderDate: '',
          },
        ];
        serve(() =>
          json({
            status: 'OK',
            message: '',
            data: {
              customerId: 2056,
              totalCount: 1,
              currentPage: 1,
              pageSize: 20,
              totalPages: 1,
              lastKey: '',
              dataList,
            },
          }),
        );
        const el = await widget(
          html`<buy-again-list
            source="algonomy"
            api-base=${BASE}
            tenant-hash="t"
            access-token="a"
            gcr-id="g"
          ></buy-again-list>`,
        );
        expect(el.state).to.equal('ready');
        return {
          el,
          button: $(el, '[part~="add-button"]')!,
          live: () => $(el, '[role="status"][aria-live="polite"]')!.textContent,
        };
      }

      it('a promise that resolves: Adding… while it runs, then Added, announced', async () => {
        const { el, button, live } = await algonomy();
        const add = deferred<void>();
        const events: AddToCartEvent[] = [];
        el.addEventListener('add-to-cart', (e) => {
          events.push(e);
          e.waitUntil(add.promise);
        });
        button.click();
        await el.updateComplete;
        expect(events[0].defaultPrevented, 'waitUntil() takes the add over').to.equal(true);
        expect(button.textContent.trim()).to.equal('Adding…');
        expect(button.getAttribute('aria-disabled')).to.equal('true');
        await expect(el).to.be.accessible();
        // A press while it runs is not a second add.
        button.click();
        expect(events).to.have.length(1);
        add.resolve();
        await until(() => button.textContent.trim() === 'Added');
        await until(() => live() === 'Copy paper A4 added to cart');
        await expect(el).to.be.accessible();
      });

      it('a second add within the first\'s "Added" time says Added for its own full time', async () => {
        const { el, button } = await algonomy();
        const second = deferred<void>();
        let presses = 0;
        el.addEventListener('add-to-cart', (e) => e.waitUntil(++presses === 1 ? Promise.resolve() : second.promise));
        button.click();
        await until(() => button.textContent.trim() === 'Added');
        const firstAdded = performance.now();
        await aTimeout(1000);
        button.click();
        await until(() => button.textContent.trim() === 'Adding…');
        second.resolve();
        await until(() => button.textContent.trim() === 'Added');
        // Past the end of the first add's 2.5 s: the second's "Added" still stands.
        await aTimeout(firstAdded + 2800 - performance.now());
        expect(button.textContent.trim(), "the first add's timer cut the second short").to.equal('Added');
        await until(() => button.textContent.trim() === 'Add to cart', 'Added never ended', { timeout: 3000 });
      });

      it('a promise that rejects: Retry on the button, announced, and Retry asks the handler again', async () => {
        const { el, button, live } = await algonomy();
        const errors: WidgetErrorEvent[] = [];
        el.addEventListener('widget-error', (e) => errors.push(e));
        let attempt = 0;
        el.addEventListener('add-to-cart', (e) =>
          e.waitUntil(++attempt === 1 ? Promise.reject(new Error('cart service down')) : Promise.resolve()),
        );
        button.click();
        await until(() => button.textContent.trim() === 'Retry', 'the rejection left no trace on screen');
        expect(button.getAttribute('aria-label')).to.equal('Retry: Copy paper A4');
        await until(() => live() === 'Could not add Copy paper A4 to the cart');
        // The page's own failure is the page's: no widget-error for it.
        expect(errors).to.have.length(0);
        await expect(el).to.be.accessible();
        button.click();
        await until(() => button.textContent.trim() === 'Added');
        expect(attempt).to.equal(2);
      });

      it('a promise that resolves to { failed: [id] } is a failure', async () => {
        const { el, button } = await algonomy();
        el.addEventListener('add-to-cart', (e) => e.waitUntil(Promise.resolve({ failed: [e.detail.item.id] })));
        button.click();
        await until(() => button.textContent.trim() === 'Retry');
      });

      it('no handler and no cart: the button says it cannot add here', async () => {
        const { el, button, live } = await algonomy();
        button.click();
        await until(() => button.textContent.trim() === 'Cannot add here');
        await until(() => live() === 'Cannot add here: Copy paper A4');
        await expect(el).to.be.accessible();
      });

      it('cancelled without a promise: the page shows its own outcome, the button stays', async () => {
        const { el, button } = await algonomy();
        el.addEventListener('add-to-cart', (e) => e.preventDefault());
        button.click();
        await aTimeout(100);
        expect(button.textContent.trim()).to.equal('Add to cart');
      });

      it('a press the page takes after "Cannot add here" (its cart drawer came late) clears that', async () => {
        const { el, button } = await algonomy();
        button.click();
        await until(() => button.textContent.trim() === 'Cannot add here');
        el.addEventListener('add-to-cart', (e) => e.preventDefault());
        button.click();
        await until(() => button.textContent.trim() === 'Add to cart', 'it still says it cannot add here');
        expect(button.getAttribute('aria-label')).to.equal('Add to cart: Copy paper A4');
        await expect(el).to.be.accessible();
      });

      it("waitUntil() after the event was handled throws, as ExtendableEvent's does", async () => {
        const { el, button } = await algonomy();
        let late: AddToCartEvent | undefined;
        el.addEventListener('add-to-cart', (e) => (late = e));
        button.click();
        expect(() => late!.waitUntil(Promise.resolve())).to.throw(DOMException, /during dispatch/);
      });

      it("with a vendor cart, waitUntil() replaces the vendor's add", async () => {
        const fake = serve(csomni());
        const el = await widget();
        await allNamed(el);
        el.addEventListener('add-to-cart', (e) => e.waitUntil(Promise.resolve()));
        const button = $(el, '[part~="add-button"]')!;
        button.click();
        await until(() => button.textContent.trim() === 'Added');
        expect(fake.callsTo('/cart').length).to.equal(0);
      });
    });

    it('a failed add fires widget-error, announces it, shows Retry on the button, and a press adds', async () => {
      let refuse = true;
      const fake = serve(
        csomni({
          cartprods: () =>
            refuse ? json({ message: 'Product not available' }, { status: 400 }) : json({ status: 'Prod Added' }),
        }),
      );
      const el = await widget();
      await allNamed(el);
      const failed = oneEvent(el, 'widget-error');
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      const event = await failed;
      expect(event.detail.error.kind).to.equal('http');
      expect(event.detail.error.message).to.equal('Product not available');
      // Seen, not only announced: the button says so until it is pressed again.
      await until(() => button.textContent.trim() === 'Retry', 'the failure left no trace on screen');
      expect(button.getAttribute('aria-label')).to.equal('Retry: Oat Milk – 1 L');
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(el.state).to.equal('ready');
      await until(
        () => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Could not add Oat Milk – 1 L to the cart',
      );
      await expect(el).to.be.accessible();
      refuse = false;
      button.click();
      await until(() => button.textContent.trim() === 'Added');
      expect(button.getAttribute('aria-label')).to.equal('Added: Oat Milk – 1 L');
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(2);
    });

    it('a cart closed since the last add (checked out elsewhere): Retry adds to the customer’s new cart', async () => {
      let open = 'cart_1';
      const fake = serve(
        csomni({
          cartOf: (customer) => ({ cartToken: open, customerToken: customer }),
          cartprods: (request) =>
            request.url.pathname.endsWith(`/${open}`) ? undefined : json({ message: 'Cart not found' }, 404),
        }),
      );
      const el = await widget();
      await allNamed(el);
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      await until(() => button.textContent.trim() === 'Added');
      // The shopper checks out in another tab: CS Omni closes cart_1, and their next cart is cart_2.
      open = 'cart_2';
      button.click();
      await until(() => button.textContent.trim() === 'Retry', 'the add to the closed cart did not fail');
      button.click();
      const lineAdds = () => fake.calls.filter((call) => call.url.pathname.startsWith('/cartprods/'));
      await until(() => lineAdds().length === 3, 'Retry sent no add');
      await el.updateComplete;
      await until(() => button.textContent.trim() !== 'Adding…');
      expect(button.textContent.trim(), 'Retry went to the closed cart again').to.equal('Added');
      expect(lineAdds().map((call) => call.url.pathname)).to.deep.equal([
        '/cartprods/cart_1',
        '/cartprods/cart_1',
        '/cartprods/cart_2',
      ]);
      await expect(el).to.be.accessible();
    });

    it('keeps Retry on the button after a failed second add, past the first add\'s "Added" time', async () => {
      let adds = 0;
      serve(
        csomni({
          cartprods: () =>
            ++adds === 1 ? json({ status: 'Prod Added' }) : json({ message: 'Out of stock' }, { status: 409 }),
        }),
      );
      const el = await widget();
      await allNamed(el);
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      await until(() => button.textContent.trim() === 'Added');
      button.click();
      await until(() => button.textContent.trim() === 'Retry');
      // "Added" lasts 2.5 s; its end must not wipe the later failure.
      await aTimeout(2700);
      expect(button.textContent.trim()).to.equal('Retry');
    });

    it('shows Adding… while the add is in flight and adds once however often it is pressed', async () => {
      const held = deferred<Response>();
      const fake = serve(csomni({ cartprods: () => held.promise }));
      const el = await widget();
      await allNamed(el);
      const events: AddToCartEvent[] = [];
      el.addEventListener('add-to-cart', (e) => events.push(e));
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      button.click();
      await until(() => fake.callsTo('/cartprods/cart_1').length > 0, 'the add never reached the cart');
      await el.updateComplete;
      expect(button.textContent.trim()).to.equal('Adding…');
      // The product stays in the button's name through every state.
      expect(button.getAttribute('aria-label')).to.equal('Adding…: Oat Milk – 1 L');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      // A press on the busy button does nothing either.
      button.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(events).to.have.length(1);
      expect(fake.callsTo('/cart').length).to.equal(1);
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(1);
      held.resolve(json({ status: 'Prod Added' }));
      await until(() => button.textContent.trim() === 'Added', 'the button never said Added');
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(1);
      expect(events).to.have.length(1);
    });

    it("shows no outcome of the last customer's add on the new customer's card", async () => {
      const held = deferred<{ failed: string[] }>();
      serve(csomni());
      const el = await widget();
      await allNamed(el);
      el.addEventListener('add-to-cart', (e) => e.waitUntil(held.promise), { once: true });
      $(el, '[part~="add-button"]')!.click();
      await until(() => $(el, '[part~="add-button"]')!.textContent.trim() === 'Adding…');
      // Another customer signs in while the add runs: their list has the same products.
      el.customerToken = 'cs_2';
      await el.updateComplete;
      await untilState(el, 'ready');
      await allNamed(el);
      held.resolve({ failed: ['vrnt_oat'] });
      // A press on the new list, added by the vendor: the last customer's outcome came before it.
      const [first, second] = $$(el, '[part~="add-button"]');
      second.click();
      await until(() => second.textContent.trim() === 'Added');
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Bananas added to cart');
      expect(first.textContent.trim()).to.equal('Add to cart');
      expect(first.getAttribute('aria-label')).to.equal('Add to cart: Oat Milk – 1 L');
    });

    it('a 5xx on adding is not retried (an add must not run twice)', async () => {
      const fake = serve(csomni({ cartprods: () => json({}, { status: 503 }) }));
      const el = await widget();
      const failed = oneEvent(el, 'widget-error');
      $(el, '[part~="add-button"]')!.click();
      await failed;
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(1);
    });

    it('item-select, not cancelled, follows the link', async () => {
      serve(csomni());
      const el = await widget();
      const link = $(el, 'a[part~="name"]') as HTMLAnchorElement;
      const selected = oneEvent(el, 'item-select');
      let navigated = false;
      // Stop the real navigation at the document, after the widget had its say.
      const stop = (e: Event) => {
        navigated = !e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', stop);
      link.click();
      document.removeEventListener('click', stop);
      const event = await selected;
      expect(event.cancelable).to.equal(true);
      expect(event.detail.item.url).to.equal('/p/prod_oat?v=vrnt_oat');
      expect(navigated).to.equal(true);
    });

    it('item-select, cancelled, keeps the page where it is', async () => {
      serve(csomni());
      const el = await widget();
      el.addEventListener('item-select', (e) => e.preventDefault());
      let navigated = true;
      const stop = (e: Event) => {
        navigated = !e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', stop);
      ($(el, 'a[part~="name"]') as HTMLAnchorElement).click();
      document.removeEventListener('click', stop);
      expect(navigated).to.equal(false);
    });

    it('leaves modified and middle clicks on a name to the browser: no item-select, default untouched', async () => {
      serve(csomni());
      const el = await widget();
      const link = $(el, 'a[part~="name"]')!;
      const selects: ItemSelectEvent[] = [];
      // The host routes in its app: it cancels every item-select it hears.
      el.addEventListener('item-select', (e) => {
        selects.push(e);
        e.preventDefault();
      });
      let prevented: boolean | undefined;
      // Record whether the widget stopped the browser, then stop the real navigation (new tab,
      // new window) ourselves.
      const stop = (e: Event) => {
        prevented = e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', stop);
      try {
        const click = (init: MouseEventInit) => {
          prevented = undefined;
          link.dispatchEvent(
            new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0, ...init }),
          );
          expect(prevented, 'the click never reached the page').to.not.equal(undefined);
          return prevented;
        };
        for (const modified of [
          { ctrlKey: true },
          { metaKey: true },
          { shiftKey: true },
          { altKey: true },
          { button: 1 },
        ] as MouseEventInit[]) {
          expect(click(modified), `${JSON.stringify(modified)} was prevented`).to.equal(false);
          expect(selects, `${JSON.stringify(modified)} fired item-select`).to.have.length(0);
        }
        // A plain click is the widget's: item-select fires, and the host's cancel holds.
        expect(click({})).to.equal(true);
        expect(selects).to.have.length(1);
        expect(selects[0].detail.item.url).to.equal('/p/prod_oat?v=vrnt_oat');
      } finally {
        document.removeEventListener('click', stop);
      }
    });
  });
});
