import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { describe, it } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { translationModules } from '../../../src/core/translation-modules.ts';
import { deferred, type FakeHandler } from '../../support/fake-fetch.ts';
import { translationText } from '../../support/translations.ts';
import { $, $$, until } from '../../support/dom.ts';
import { algonomy } from '../../support/vendors/algonomy.ts';
import { csomni, csomniProduct } from '../../support/vendors/csomni.ts';
import { giosg, giosgCart, giosgLine } from '../../support/vendors/giosg.ts';
import { allNamed, serve, useCleanPage } from '../buy-again-list/harness.ts';
import type { Widget } from './widgets.ts';

/**
 * Cumulative Layout Shift: the page's content below a widget stays where the loading view put it
 * when the data (and a CS Omni list's names, and its images) arrives, and when a language loads.
 * Positions, not timings: a paragraph below the widget, read before and after.
 */

useCleanPage();

const BASE = 'https://vendor.test';
/** A bare page, and a theme's body text: 15px serif, tall lines, letter-spaced. */
const HOSTS = {
  bare: '',
  theme: "font: 15px/1.8 Georgia, 'DejaVu Serif', serif; letter-spacing: 0.06rem; color: rgba(18, 18, 18, 0.75)",
};
const WIDTHS = [1000, 360];

/** Twelve CS Omni rows with images, and their products (looked up after the list). */
const ROWS = Array.from({ length: 12 }, (_, i) => ({
  variantToken: `vrnt_${i}`,
  quantity: i + 1,
  price: 2.5 + i,
  variantImage: { file: `items/${i}.jpg`, id: 'a', status: 'poolImages' },
  productToken: `prod_${i}`,
}));
const PRODUCTS = Object.fromEntries(
  ROWS.map((row, i) => [
    row.productToken,
    csomniProduct(row.productToken, `Product number ${i}`, [[row.variantToken, '', 2.5 + i]]),
  ]),
);

/** Three lines with a category each and a total that is their sum. */
const CART = giosgCart('a', { total_value: '30.00' }, [giosgLine('1'), giosgLine('2'), giosgLine('3')]);

/**
 * `vendor` behind gates: the first request waits for `list`, CS Omni's product look-ups for
 * `names`, each opened by the test.
 */
function gated(vendor: FakeHandler) {
  const list = deferred<void>();
  const names = deferred<void>();
  serve(async (request) => {
    await (request.url.pathname.includes('/products/') ? names.promise : list.promise);
    return vendor(request);
  });
  return { list: () => list.resolve(), names: () => names.resolve() };
}

/** The widget between two paragraphs in a column `width` wide, in the host's text; and where the one below is. */
async function onPage(widget: TemplateResult, width: number, host: string) {
  const page = await fixture<HTMLElement>(
    html`<div style="width: ${width}px; ${host}">
      <p>Above</p>
      ${widget}
      <p id="below">Below</p>
    </div>`,
  );
  const el = page.querySelector<Widget>('buy-again-list, cart-summary')!;
  const below = () => page.querySelector('#below')!.getBoundingClientRect().top;
  return { el, below };
}

/**
 * `markup` between two paragraphs in a column `width` wide, inserted at once: read before any
 * render of the widget (its first render waits for the page's first paint), with where the
 * paragraph below is then.
 */
function beforeFirstRender(markup: string, width: number, host: string) {
  const page = document.createElement('div');
  page.style.cssText = `width: ${width}px; ${host}`;
  page.innerHTML = `<p>Above</p>${markup}<p id="below">Below</p>`;
  document.body.append(page);
  const el = page.querySelector<Widget>('buy-again-list, cart-summary')!;
  expect(el.shadowRoot!.childElementCount, 'rendered already').to.equal(0);
  expect(el.hasAttribute('state')).to.equal(false);
  const below = () => page.querySelector('#below')!.getBoundingClientRect().top;
  return { el, below, before: below(), remove: () => page.remove() };
}

const skeletonShown = async (el: Widget) => {
  await until(() => $(el, '.shimmer'), 'no loading view');
  await el.updateComplete;
};

const settled = async (el: Widget) => {
  await until(() => el.state !== 'loading', 'never left loading');
  await el.updateComplete;
};

/**
 * From the loading view to `open`'s data shown (`el` ready): where the paragraph below was at
 * the loading view, and asserts it is there still, `what` naming the step.
 */
async function arrivesInPlace(el: Widget, below: () => number, open: () => void, what: string): Promise<number> {
  await skeletonShown(el);
  const loading = below();
  open();
  await settled(el);
  expect(el.state).to.equal('ready');
  expect(below() - loading, `${what} (px)`).to.be.closeTo(0, 1);
  return loading;
}

/** The first card's image loaded (the others are lazy: they load as they near view). */
const firstImageLoaded = (el: Widget) =>
  until(() => {
    const image = $(el, 'img') as HTMLImageElement | null;
    return image?.complete && image.naturalWidth > 0;
  }, 'the first image never loaded');

describe('layout shift', () => {
  for (const [hostName, host] of Object.entries(HOSTS)) {
    for (const width of WIDTHS) {
      describe(`${width}px, ${hostName} page`, () => {
        it('<buy-again-list> (CS Omni): nothing below moves as the list, its names and its images arrive', async () => {
          const open = gated(csomni({ rows: ROWS, products: PRODUCTS }));
          const { el, below } = await onPage(
            html`<buy-again-list
              api-base=${BASE}
              site-token="s"
              customer-token="cs_1"
              image-base-url="/mock/assets/"
              max-items="12"
            ></buy-again-list>`,
            width,
            host,
          );
          const loading = await arrivesInPlace(el, below, open.list, 'the list arrived, its names still loading');
          open.names();
          await allNamed(el as BuyAgainList);
          expect(below() - loading, 'the names arrived (px)').to.be.closeTo(0, 1);
          await firstImageLoaded(el);
          expect($$(el, 'img').length).to.equal(12);
          expect(below() - loading, 'an image loaded (px)').to.be.closeTo(0, 1);
        });

        it('<buy-again-list source="algonomy">: nothing below moves as the list arrives', async () => {
          const open = gated(algonomy({ pageSize: 12, totalPages: 1 }));
          const { el, below } = await onPage(
            html`<buy-again-list
              source="algonomy"
              api-base=${BASE}
              tenant-hash="t"
              access-token="a"
              gcr-id="g1"
              page-size="12"
            ></buy-again-list>`,
            width,
            host,
          );
          await arrivesInPlace(el, below, open.list, 'the list arrived');
        });

        it('<cart-summary>: nothing below moves as a cart of three lines arrives', async () => {
          const open = gated(giosg({ carts: [CART] }));
          const { el, below } = await onPage(
            html`<cart-summary
              api-base=${BASE}
              api-token="t"
              user-id="u1"
              chat-id="c1"
              visitor-id="v1"
            ></cart-summary>`,
            width,
            host,
          );
          await arrivesInPlace(el, below, open.list, 'the cart arrived');
          expect($$(el, '[part~="line"]').length).to.equal(3);
        });
      });
    }
  }

  describe('large text at 400% zoom: a cart under 15em of its own text wide', () => {
    for (const [width, size] of [
      [320, 24],
      [280, 20],
      [240, 20],
    ]) {
      const host = `font-size: ${size}px`;
      const markup =
        `<cart-summary api-base="${BASE}" api-token="t" user-id="u1" chat-id="c1" visitor-id="v1">` + '</cart-summary>';

      it(`${width}px at ${size}px text: its place is kept before the first render`, async () => {
        serve(() => new Promise<Response>(() => undefined));
        const page = beforeFirstRender(markup, width, host);
        try {
          await skeletonShown(page.el);
          expect(page.below() - page.before, 'the loading view came (px)').to.be.closeTo(0, 1);
        } finally {
          page.remove();
        }
      });

      it(`${width}px at ${size}px text: the loading view's lines are the cart's, nothing below moves`, async () => {
        const open = gated(giosg({ carts: [CART] }));
        const { el, below } = await onPage(
          html`<cart-summary api-base=${BASE} api-token="t" user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`,
          width,
          host,
        );
        await skeletonShown(el);
        const heights = () => $$(el, '.line').map((line) => line.getBoundingClientRect().height);
        const loading = heights();
        await arrivesInPlace(el, below, open.list, 'the cart arrived');
        expect(heights().length).to.equal(3);
        heights().forEach((height, i) => expect(height, `line ${i + 1} (px)`).to.be.closeTo(loading[i], 1));
      });
    }
  });

  describe('before the first render', () => {
    const list = `<buy-again-list api-base="${BASE}" site-token="s"></buy-again-list>`;
    const cart = (view: string) =>
      `<cart-summary api-base="${BASE}" api-token="t" user-id="u1" chat-id="c1" visitor-id="v1" view="${view}">` +
      '</cart-summary>';
    const cases = {
      '<buy-again-list>': list,
      '<buy-again-list> with its own card width and image ratio': list.replace(
        '>',
        ' style="--buy-again-card-width: 15em; --buy-again-image-ratio: 4 / 3">',
      ),
      '<cart-summary>': cart('latest'),
      '<cart-summary view="all">': cart('all'),
      '<cart-summary> with its own padding': cart('latest').replace('>', ' style="--cart-summary-padding: 2em">'),
    };
    for (const [hostName, host] of Object.entries(HOSTS)) {
      for (const width of [...WIDTHS, 240]) {
        for (const [name, markup] of Object.entries(cases)) {
          it(`${name}, ${width}px, ${hostName} page: its place is kept, its loading view moves nothing`, async () => {
            serve(() => new Promise<Response>(() => undefined));
            const page = beforeFirstRender(markup, width, host);
            try {
              await skeletonShown(page.el);
              expect(page.el.state).to.equal('loading');
              expect(page.below() - page.before, 'the loading view came (px)').to.be.closeTo(0, 1);
            } finally {
              page.remove();
            }
          });
        }
      }
    }

    it('keeps the place at any text size, to within 5px in a wide cart at 13-14.5px text', async () => {
      serve(() => new Promise<Response>(() => undefined));
      for (const size of [10, 12, 13.5, 14, 18, 24]) {
        for (const [name, markup, width] of [
          ['carousel', list, 1000],
          ['narrow cart', cart('latest'), 300],
          ['wide cart', cart('latest'), 1000],
        ] as const) {
          const page = beforeFirstRender(markup, width, `font-size: ${size}px`);
          try {
            await skeletonShown(page.el);
            const within = name === 'wide cart' && size > 12 && size < 15 ? 5 : 1;
            expect(page.below() - page.before, `${name} at ${size}px text (px)`).to.be.closeTo(0, within);
          } finally {
            page.remove();
          }
        }
      }
    });
  });

  it('nothing below moves while a language loads, nor when it arrives', async () => {
    const arrival = deferred<{ default: string }>();
    // A language loaded when asked, as the built-in ones are (src/core/translation-modules.ts).
    translationModules.eo = () => arrival.promise;
    try {
      const cartApi = giosg({ carts: [CART] });
      const listApi = csomni();
      const open = gated((request) =>
        request.url.pathname.includes('/shopping_carts') ? cartApi(request) : listApi(request),
      );
      const list = await onPage(
        html`<buy-again-list api-base=${BASE} site-token="s" locale="eo"></buy-again-list>`,
        1000,
        '',
      );
      const cart = await onPage(
        html`<cart-summary
          api-base=${BASE}
          api-token="t"
          user-id="u1"
          chat-id="c1"
          visitor-id="v1"
          locale="eo"
        ></cart-summary>`,
        1000,
        '',
      );
      await skeletonShown(list.el);
      await skeletonShown(cart.el);
      const before = [list.below(), cart.below()];
      arrival.resolve({ default: translationText((key) => `eo ${key}`) });
      await until(() => $(cart.el, 'h2')!.textContent.trim() === 'eo cartHeading', 'the language never arrived');
      await list.el.updateComplete;
      expect(list.el.state).to.equal('loading');
      expect(cart.el.state).to.equal('loading');
      expect(list.below() - before[0], 'the carousel, its language arrived (px)').to.be.closeTo(0, 1);
      expect(cart.below() - before[1], 'the cart, its language arrived (px)').to.be.closeTo(0, 1);
      open.list();
      await settled(list.el);
      await settled(cart.el);
      expect(list.below() - before[0], 'the list arrived (px)').to.be.closeTo(0, 1);
      expect(cart.below() - before[1], 'the cart arrived (px)').to.be.closeTo(0, 1);
    } finally {
      delete translationModules.eo;
    }
  });
});
