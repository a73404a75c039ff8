import { aTimeout, expect, fixture, html, nextFrame } from '@open-wc/testing';
import { cdp, page, userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import { json } from '../support/fake-fetch.ts';
import { $, $$, until, untilState } from '../support/dom.ts';
import { csomni } from '../support/vendors/csomni.ts';
import { giosg, giosgCart, giosgLine } from '../support/vendors/giosg.ts';
import { BASE, serve, useCleanPage } from './buy-again-list/harness.ts';
import { cartSummary, VISITOR } from './cart-summary/harness.ts';

/**
 * The containers merchants put widgets in: tab panels, disclosures, drawers, dialogs, zoomed
 * sections. Shown, a widget looks and behaves as on a bare page.
 */

useCleanPage();
// Room for a dialog, a drawer or a sidebar beside the widget.
beforeEach(() => page.viewport(1024, 900));

const ROWS = Array.from({ length: 12 }, (_, i) => ({
  variantToken: `vrnt_${i}`,
  quantity: 12 - i,
  price: i + 1,
  variantImage: '',
  productToken: `prod_${i}`,
}));

const CART_BASE = 'https://giosg.test';

/** CS Omni with ROWS (every product named "Item") at BASE, and giosg with a cart of two lines at CART_BASE. */
function serveVendors(): void {
  const list = csomni({ list: () => json(ROWS), product: () => json({ prodName: 'Item' }) });
  const cart = giosg({ carts: [giosgCart('a', {}, [giosgLine('1'), giosgLine('2')])] });
  serve((request) => (request.url.origin === CART_BASE ? cart(request) : list(request)));
}

/** Both widgets, reading the vendors `serveVendors` serves. */
const bothWidgets = () => html`
  <buy-again-list api-base=${BASE} site-token="s" style="--buy-again-card-width: 150px"></buy-again-list>
  ${cartSummary({ 'api-base': CART_BASE, ...VISITOR })}
`;

/** A carousel of ROWS inside what `container` wraps around it, ready. */
async function carouselIn(container: (list: unknown) => ReturnType<typeof html>): Promise<BuyAgainList> {
  serveVendors();
  const wrapper = await fixture<HTMLElement>(
    container(
      html`<buy-again-list
        api-base=${BASE}
        site-token="s"
        product-url="/p/{productId}"
        style="--buy-again-card-width: 150px"
      ></buy-again-list>`,
    ),
  );
  const el = wrapper.querySelector<BuyAgainList>('buy-again-list')!;
  await untilState(el, 'ready');
  return el;
}

/** The cards wholly in the carousel's view, by index. */
function cardsInView(el: BuyAgainList): number[] {
  const box = $(el, '[part~="viewport"]')!.getBoundingClientRect();
  return $$(el, '[part~="item"]').flatMap((card, index) => {
    const rect = card.getBoundingClientRect();
    return rect.left >= box.left - 1 && rect.right <= box.right + 1 ? [index] : [];
  });
}

const saying = (cards: number[]) =>
  cards.length === 1 ? `${cards[0] + 1} of 12` : `Items ${cards[0] + 1} to ${cards.at(-1)! + 1} of 12`;

describe('a carousel in a zoomed section (CSS zoom)', () => {
  // At once, as for a shopper who asked for reduced motion: each press is measured where it lands.
  const reducedMotion = (value: 'reduce' | '') =>
    cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value }] });
  beforeEach(() => reducedMotion('reduce'));
  afterEach(() => reducedMotion(''));

  for (const zoom of [0.8, 1.25]) {
    it(`zoom: ${zoom}: a press of Next or Previous moves one whole page, and says which cards it shows`, async () => {
      const el = await carouselIn((list) => html`<div style="zoom: ${zoom}; width: 500px">${list}</div>`);
      expect($(el, '[part~="item"]')!.getBoundingClientRect().width, 'a card').to.be.closeTo(150 * zoom, 0.5);
      const live = $(el, '[role="status"][aria-live="polite"]')!;
      const viewport = $(el, '[part~="viewport"]')!;
      const next = $(el, '[part~="next-button"]')!;
      const prev = $(el, '[part~="prev-button"]')!;
      await until(() => next.getAttribute('aria-disabled') === 'false', 'Next never enabled');
      const pages = [cardsInView(el)];
      for (const button of [next, prev]) {
        while (button.getAttribute('aria-disabled') === 'false' && pages.length < 20) {
          const before = viewport.scrollLeft;
          button.click();
          await until(() => viewport.scrollLeft !== before, 'a press did not scroll');
          await nextFrame();
          await el.updateComplete;
          const shown = cardsInView(el);
          const last = pages.at(-1)!;
          pages.push(shown);
          const where = JSON.stringify(pages);
          // A whole page on, or back: right after the last card seen, or right before the first
          // (or all the way to an end, where the last page may be partial).
          if (button === next) expect(shown[0] === last.at(-1)! + 1 || shown.at(-1) === 11, where).to.equal(true);
          else expect(shown.at(-1) === last[0] - 1 || shown[0] === 0, where).to.equal(true);
          await until(
            () => live.textContent === saying(shown),
            () => `said "${live.textContent}", not "${saying(shown)}"`,
          );
        }
        expect(button.getAttribute('aria-disabled'), 'at the end').to.equal('true');
      }
      expect(pages.at(-1)).to.deep.equal(pages[0]);
      await expect(el).to.be.accessible();
    });
  }

  it('zoom: 1.25: Tab onto the card peeking in at the edge brings that card just into view', async () => {
    // Cards of 150px and 16px gaps in 400px: the third peeks in at the end.
    const el = await carouselIn((list) => html`<div style="zoom: 1.25; width: 400px">${list}</div>`);
    await until(() => $$(el, 'a[part~="name"]').length === 12, 'no links');
    $$(el, '[part~="add-button"]')[1].focus();
    await userEvent.keyboard('{Tab}');
    const viewport = $(el, '[part~="viewport"]')!;
    expect(el.shadowRoot!.activeElement).to.equal($$(el, 'a[part~="name"]')[2]);
    await until(() => cardsInView(el).includes(2), 'the focused card was not brought into view');
    // One card's step (a card and a gap, in the viewport's own pixels), not two.
    expect(viewport.scrollLeft, 'scrolled past it').to.be.closeTo(166, 2);
    await expect(el).to.be.accessible();
  });
});

// A drawer fixed to the window's edge, closed by visibility or by opacity (a fade), and opened.
for (const [closed, open] of [
  ['visibility: hidden', 'visibility: visible'],
  ['opacity: 0', 'opacity: 1'],
]) {
  describe(`in a drawer closed with ${closed}, in place on the screen`, () => {
    it('no impression (view_item_list, view_cart) while closed; each once it has been open a second', async () => {
      serveVendors();
      const drawer = await fixture<HTMLElement>(
        html`<aside style="position: fixed; inset: 0 0 0 auto; width: 380px; overflow-y: auto; ${closed}">
          ${bothWidgets()}
        </aside>`,
      );
      const heard: string[] = [];
      drawer.addEventListener('widget-analytics', (event) => heard.push(event.detail.event));
      const widgets = [...drawer.querySelectorAll<BuyAgainList>('buy-again-list, cart-summary')];
      for (const el of widgets) await untilState(el, 'ready');
      // More than the viewability rule's second, with room for a slow machine.
      await aTimeout(1800);
      expect(heard, 'while the drawer was closed').to.deep.equal([]);
      drawer.style.cssText += `; ${open}`;
      const opened = performance.now();
      await until(
        () => heard.length === 2,
        () => `heard ${JSON.stringify(heard)}`,
      );
      expect(performance.now() - opened, 'after the drawer opened (ms)').to.be.at.least(1000);
      expect(heard.sort()).to.deep.equal(['view_cart', 'view_item_list']);
      for (const el of widgets) await expect(el).to.be.accessible();
    });
  });
}

describe('in a column next to a sidebar', () => {
  const layouts = {
    'a flex row, the column flex: 1': ['display: flex', 'flex: 1'],
    "a grid's 1fr column": ['display: grid; grid-template-columns: 160px 1fr', ''],
    "a grid's minmax(0, 1fr) column": ['display: grid; grid-template-columns: 160px minmax(0, 1fr)', ''],
  };
  for (const [name, [row, column]] of Object.entries(layouts)) {
    it(`${name}: the widgets fill the column, and the page is never wider than the window`, async () => {
      serveVendors();
      for (const width of [1024, 375]) {
        await page.viewport(width, 900);
        const layout = await fixture<HTMLElement>(
          html`<div style="${row}; gap: 16px">
            <aside style="flex: 0 0 160px">Filters</aside>
            <main style=${column}>${bothWidgets()}</main>
          </div>`,
        );
        const widgets = [...layout.querySelectorAll<BuyAgainList>('buy-again-list, cart-summary')];
        for (const el of widgets) await untilState(el, 'ready');
        const main = layout.querySelector('main')!.getBoundingClientRect().width;
        expect(main, `${width}px: the column`).to.be.closeTo(width - 176, 1);
        for (const el of widgets)
          expect(el.getBoundingClientRect().width, `${width}px: ${el.localName}`).to.equal(main);
        expect(document.documentElement.scrollWidth, `${width}px: the page`).to.equal(innerWidth);
        for (const el of widgets) await expect(el).to.be.accessible();
        layout.remove();
      }
    });
  }
});
