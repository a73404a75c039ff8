import { expect } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import {
  closePages,
  expectAccessible,
  expectHostPageResponds,
  expectNoPageErrors,
  expectRetryRecovers,
  gateId,
  hitTestable,
  horizontalOverflow,
  hostilePage,
  part,
  parts,
  reaches,
  settled,
  waitFor,
  widgetMarkup,
  type HostilePage,
  type PageOptions,
  type Widget,
} from './harness.ts';

/**
 * The script-tag build on host pages that fight it: CSS that resets or hides everything, a
 * wrapped `fetch`, a tag someone else already defined, the script twice, a right-to-left Arabic
 * page, 200% zoom and a 320 px window. Each page holds a healthy carousel (CS Omni), a healthy
 * cart (giosg) and a carousel whose API fails (Algonomy, 500) until the test switches the fault
 * off and presses Retry. Every page must end with no uncaught error, every widget usable and
 * the host page's own button working.
 */

afterEach(() => closePages());

interface Trio {
  page: HostilePage;
  list: Widget;
  cart: Widget;
  failing: Widget;
  failingGate: string;
}

/** A hostile host page with the three widgets; `body` wraps their markup (default: as is). */
async function trio(
  label: string,
  options: Omit<PageOptions, 'body'> & { wrap?: (widgets: string) => string } = {},
): Promise<Trio> {
  const failingGate = gateId(`${label}-failing`);
  const widgets = [
    widgetMarkup(
      'csomni',
      gateId(`${label}-list`),
      'none',
      'image-base-url="/mock/assets" product-url="/p/{productId}"',
    ),
    widgetMarkup('giosg', gateId(`${label}-cart`), 'none'),
    widgetMarkup('algonomy', failingGate, 'http-500'),
  ].join('\n');
  const page = await hostilePage({ ...options, body: options.wrap ? options.wrap(widgets) : widgets });
  const [list, cart, failing] = page.widgets();
  return { page, list, cart, failing, failingGate };
}

interface Overflow {
  /** How far the page scrolls sideways while CS Omni names are still loading (px). */
  whileNamesLoad: number;
  /** ... and once every name is in. */
  settled: number;
}

/**
 * Every widget of the trio usable: data shown, buttons reachable, Retry recovers; the page
 * unharmed. Returns how far the page scrolled sideways on the way.
 */
async function expectAllUsable({ page, list, cart, failing, failingGate }: Trio): Promise<Overflow> {
  await reaches(page, list, 'ready');
  const whileNamesLoad = horizontalOverflow(page);
  await reaches(page, cart, 'ready');
  expect(await settled(page, failing)).to.equal('error');

  expect(parts(list, 'item').length, 'carousel cards').to.be.greaterThan(5);
  const add = part(list, 'add-button')!;
  const addReachable = hitTestable(add);
  expect(addReachable.ok, `Add to cart cannot be clicked: ${addReachable.why}`).to.equal(true);
  const name = part(list, 'name')!;
  expect(name.getBoundingClientRect().height, 'a card name takes no space').to.be.greaterThan(0);

  expect(parts(cart, 'line').length, 'cart lines').to.be.greaterThan(0);
  const total = part(cart, 'total')!;
  expect(total.getBoundingClientRect().width, 'the cart total takes no space').to.be.greaterThan(0);

  await expectRetryRecovers(page, failing, failingGate);
  expectNoPageErrors(page);
  expectHostPageResponds(page);
  await waitFor(
    () => !list.shadowRoot!.querySelector('[part~="name"] .shimmer'),
    () => 'names never arrived',
  );
  return { whileNamesLoad, settled: horizontalOverflow(page) };
}

/** axe finds nothing in any widget of the trio. */
async function expectTrioAccessible({ page, list, cart, failing }: Trio): Promise<void> {
  for (const el of [list, cart, failing]) await expectAccessible(page, el);
}

function expectNoSidewaysScroll(overflow: Overflow): void {
  expect(overflow.settled, 'the page scrolls sideways (px)').to.be.at.most(0);
  expect(overflow.whileNamesLoad, 'the page scrolls sideways while names load (px)').to.be.at.most(0);
}

describe('hostile host page', { timeout: 40_000 }, () => {
  it('* { all: unset } leaves every widget usable', async () => {
    const widgets = await trio('all-unset', { head: '<style>* { all: unset; }</style>' });
    await expectAllUsable(widgets);
    await expectTrioAccessible(widgets);
  });

  it("button { display: none !important } hides none of the widgets' buttons", async () => {
    const widgets = await trio('no-buttons', {
      head: '<style>button { display: none !important; } [part] { display: none !important; }</style>',
    });
    await expectAllUsable(widgets);
    await expectTrioAccessible(widgets);
  });

  it('a fetch wrapped by the page (after the script, dropping the signal) is used and survives', async () => {
    const widgets = await trio('wrapped-fetch', {
      // Installed after the widgets' script, as analytics and error trackers do.
      wrap: (markup) => `<script>
        window.fetchCalls = [];
        const original = window.fetch;
        window.fetch = function (input, init) {
          fetchCalls.push(String(input && input.url || input));
          const { signal, ...rest } = init || {};
          return original.call(window, input, rest).then((response) => response);
        };
      </script>${markup}`,
    });
    await expectAllUsable(widgets);
    const calls = (widgets.page.win as unknown as { fetchCalls: string[] }).fetchCalls;
    expect(
      calls.some((url) => url.includes('/frequentlyPurchased')),
      "the carousel bypassed the page's fetch",
    ).to.equal(true);
    expect(
      calls.some((url) => url.includes('/shopping_carts')),
      "the cart bypassed the page's fetch",
    ).to.equal(true);
  });

  it('a wrapped fetch that drops the abort signal still times out, and Retry recovers', async () => {
    const gate = gateId('wrapped-timeout');
    const page = await hostilePage({
      configure: { timeout: 300 },
      body: `<script>
        const original = window.fetch;
        window.fetch = (input, init) => { const { signal, ...rest } = init || {}; return original(input, rest); };
      </script>${widgetMarkup('csomni', gate, 'timeout')}`,
    });
    const [el] = page.widgets();
    expect(await settled(page, el)).to.equal('error');
    expect(page.win.widgetErrors[0]?.kind).to.equal('timeout');
    // The first request is still open (nothing could abort it): Retry must not wait behind it.
    // A long timeout now, so only queueing behind the open request (never answered) could fail it.
    page.win.StorefrontWidgets!.configure({ timeout: 10_000 });
    await expectRetryRecovers(page, el, gate, 5000);
    expectNoPageErrors(page);
    expectHostPageResponds(page);
  });

  it('a tag another script defined first is kept, with one warning; the other tag works', async () => {
    const listGate = gateId('taken-list');
    const cartGate = gateId('taken-cart');
    const page = await hostilePage({
      beforeScripts: `<script>
        customElements.define('buy-again-list', class extends HTMLElement {
          connectedCallback() { this.textContent = 'Another library\\'s element'; this.dataset.other = 'yes'; }
        });
      </script>`,
      body: `${widgetMarkup('csomni', listGate, 'none')}${widgetMarkup('giosg', cartGate, 'http-500')}`,
    });
    const [list, cart] = page.widgets();
    expect(list.dataset.other, "the other library's element was replaced").to.equal('yes');
    expect(await settled(page, cart)).to.equal('error');
    await expectRetryRecovers(page, cart, cartGate);
    expect(page.win.hostileWarnings.filter((warning) => warning.includes('storefront-widgets'))).to.have.length(1);
    expect(page.win.hostileWarnings[0]).to.contain('buy-again-list');
    expectNoPageErrors(page);
    expectHostPageResponds(page);
  });

  it(
    'the script included twice keeps working, warns once, ' +
      'and StorefrontWidgets.configure() still reaches the widgets',
    async () => {
      const widgets = await trio('twice', { scripts: 2 });
      await expectAllUsable(widgets);
      expect(
        widgets.page.win.hostileWarnings.filter((warning) => warning.includes('storefront-widgets')).length,
        'warnings',
      ).to.be.at.most(1);
      // The page configures after both copies ran, as it would from its own script.
      widgets.page.win.StorefrontWidgets!.configure({ messages: { buyAgainHeading: 'Order again' } });
      await waitFor(
        () => part(widgets.list, 'heading')?.textContent?.trim() === 'Order again',
        () =>
          `the heading is still "${part(widgets.list, 'heading')?.textContent?.trim()}": ` +
          "window.StorefrontWidgets is the second copy, the tags are the first copy's",
        3000,
      );
    },
  );

  it(
    "a DOM without matchMedia (as jsdom in a shop's component tests): every widget usable, " + 'no page error',
    async () => {
      const widgets = await trio('no-matchmedia', { beforeScripts: '<script>window.matchMedia = undefined;</script>' });
      expect(widgets.page.win.matchMedia).to.equal(undefined);
      await expectAllUsable(widgets);
      expectNoPageErrors(widgets.page);
    },
  );

  it('lang="ar" dir="rtl": Arabic money, a mirrored carousel, nothing pushed out of the page', async () => {
    const widgets = await trio('rtl', { htmlAttributes: 'lang="ar" dir="rtl"' });
    const overflow = await expectAllUsable(widgets);
    const { page, list } = widgets;
    expect(page.win.getComputedStyle(part(list, 'viewport')!).direction).to.equal('rtl');
    // The first card is oat milk at 3.50 USD (test/support/mocks/csomni.ts), formatted for Arabic.
    const price = part(list, 'price')!.textContent.trim();
    expect(price).to.equal(new Intl.NumberFormat('ar', { style: 'currency', currency: 'USD' }).format(3.5));
    expectNoSidewaysScroll(overflow);
    await expectTrioAccessible(widgets);
  });

  it('200% zoom in a 640 px window (320 CSS px): nothing overflows, every button reachable', async () => {
    const widgets = await trio('zoom', { head: '<style>html { zoom: 2; }</style>', width: 640, height: 900 });
    expectNoSidewaysScroll(await expectAllUsable(widgets));
    await expectTrioAccessible(widgets);
  });

  it(
    "a body's inherited text styles (nowrap, indent, right-aligned, spaced, uppercase) in a 320 px window: " +
      'nothing overflows, every button reachable',
    async () => {
      const widgets = await trio('inherited-text', {
        head:
          '<style>body { white-space: nowrap; text-indent: 3em; text-align: right; line-height: .8; ' +
          'letter-spacing: .3em; word-spacing: 1em; text-transform: uppercase; hyphens: auto; }</style>',
        width: 320,
        height: 900,
      });
      expectNoSidewaysScroll(await expectAllUsable(widgets));
      await expectTrioAccessible(widgets);
    },
  );

  it("a wrapper with font-size: 0 (an inline-block grid's gap trick): the widgets draw at 12px, not 0", async () => {
    const widgets = await trio('font-size-0', { wrap: (markup) => `<div style="font-size: 0">${markup}</div>` });
    expectNoSidewaysScroll(await expectAllUsable(widgets));
    const { page, list, cart } = widgets;
    const px = (el: Element) => parseFloat(page.win.getComputedStyle(el).fontSize);
    expect([px(list), px(cart)], "the widgets' text (px)").to.deep.equal([12, 12]);
    expect(px(part(list, 'heading')!), 'the heading (px)').to.equal(15);
    expect(part(list, 'item')!.getBoundingClientRect().width, 'a card (12em)').to.equal(144);
    expect(px(part(cart, 'line-name')!), "a line's name (px)").to.be.at.least(12);
    await expectTrioAccessible(widgets);
  });

  it('a 320 px window: nothing overflows, every button reachable', async () => {
    const widgets = await trio('narrow', { width: 320, height: 900 });
    expectNoSidewaysScroll(await expectAllUsable(widgets));
    await expectTrioAccessible(widgets);
  });
});
