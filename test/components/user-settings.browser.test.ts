import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import { backgroundBehind, contrast } from '../../src/components/shared/readable-muted.ts';
import { pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { $, $$, until, untilState } from '../support/dom.ts';
import { json, serve, stopServing } from '../support/fake-fetch.ts';
import { csomni } from '../support/vendors/csomni.ts';
import { giosg, giosgCart, giosgLine, minutesAgo } from '../support/vendors/giosg.ts';
import { rgba } from '../themes/theme-harness.ts';
import { cartSummary, VISITOR } from './cart-summary/harness.ts';

/**
 * What the shopper's own browser settings do to the widgets, measured as drawn: every colour
 * resolved against the background it really sits on (opacity included), on a light page and on a
 * dark one. `prefers-contrast: more` gets more contrast.
 */

type Rgb = [number, number, number, number];

const PAGES = {
  light: 'color: #111; background: #fff; font: 16px/1.5 sans-serif',
  dark: 'color: #eee; background: #121212; font: 16px/1.5 sans-serif',
};

const never = () => new Promise<Response>(() => undefined);
const frames = async (count = 3) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
};

/** The next box out, across shadow roots. */
const outward = (node: Element): Element | null =>
  node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);

/** How opaque `element` is drawn: its opacity times its ancestors'. */
function opacityOf(element: Element): number {
  let opacity = 1;
  for (let node: Element | null = element; node; node = outward(node))
    opacity *= Number(getComputedStyle(node).opacity);
  return opacity;
}

const mix = (top: number[], bottom: Rgb, alpha: number): Rgb => [
  top[0] * alpha + bottom[0] * (1 - alpha),
  top[1] * alpha + bottom[1] * (1 - alpha),
  top[2] * alpha + bottom[2] * (1 - alpha),
  1,
];

/**
 * The contrast the `property` colour of `element` has as drawn: text against the element's own
 * background (`own`), a border or outline against what is around the element; all of it faded by
 * the element's opacity over the page behind.
 */
function drawnContrast(
  element: Element,
  property: 'color' | 'borderTopColor' | 'outlineColor',
  own = property === 'color',
): number {
  const outside = backgroundBehind(outward(element)!);
  const under = own ? backgroundBehind(element) : outside;
  const [r, g, b, a] = rgba(getComputedStyle(element)[property]);
  const opacity = opacityOf(element);
  return contrast(mix(mix([r, g, b], under, a), outside, opacity), mix(under, outside, opacity));
}

/** The contrast of the page's own text colour where `element` sits. */
const textContrast = (element: Element) => {
  const host = (element.getRootNode() as ShadowRoot).host;
  const [r, g, b] = rgba(getComputedStyle(host).color);
  const background = backgroundBehind(host);
  return contrast([r, g, b, 1], background);
};

const label = (element: Element) =>
  `${element.className || element.localName} "${element.textContent.trim().slice(0, 30)}"`;

/** Secondary text drawn as strongly as the page's own text. */
function expectFullStrengthText(elements: Element[]): void {
  expect(elements.length, 'no secondary text found').to.be.greaterThan(0);
  for (const element of elements)
    expect(drawnContrast(element, 'color'), `${label(element)}: contrast of secondary text`).to.be.at.least(
      textContrast(element) - 0.01,
    );
}

/** Each border of `elements` at 3:1 at least against what is around it. */
function expectBorders(elements: Element[], what: string): void {
  expect(elements.length, `no ${what} found`).to.be.greaterThan(0);
  for (const element of elements)
    expect(drawnContrast(element, 'borderTopColor'), `${what} ${label(element)}: border contrast`).to.be.at.least(3);
}

const emulate = (features: { name: string; value: string }[]) => cdp().send('Emulation.setEmulatedMedia', { features });

const rows = [
  ...Array.from({ length: 8 }, (_, i) => ({
    variantToken: `vrnt_${i}`,
    quantity: 2,
    price: i + 1,
    variantImage: '',
    productToken: `prod_${i}`,
  })),
  { variantToken: 'vrnt_lost', quantity: 1, price: '' },
];

/** A carousel of nine purchases, the last no longer sold, in a page of `style`. */
async function carousel(style: string, customer = true): Promise<BuyAgainList> {
  serve(csomni({ rows, product: (r) => json({ prodName: `Item ${r.url.pathname.split('/')[2]}` }) }));
  const el = document.createElement('buy-again-list');
  const attributes = { 'api-base': 'https://api.test', 'site-token': 's', 'product-url': '/p/{productId}' };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  // Without a customer, no cart: an add nothing on the page takes says "Cannot add here".
  if (customer) el.setAttribute('customer-token', 'cs_1');
  el.setAttribute('show-unavailable', '');
  el.setAttribute('style', 'width: 600px; --buy-again-card-width: 150px');
  await fixture<HTMLElement>(html`<div style=${style}>${el}</div>`);
  await untilState(el, 'ready');
  await until(() => !$(el, '[part~="name"] .shimmer'), 'names never arrived');
  await frames();
  return el;
}

const bought = (id: string) =>
  giosgCart(id, { is_locked: true, locked_at: minutesAgo(4320), updated_at: minutesAgo(4320) }, [giosgLine(id)]);

/** A cart of every view: the open cart and a purchased one, opened, with Buy again. */
async function cart(style: string): Promise<CartSummary> {
  serve(giosg({ carts: [giosgCart('open', {}, [giosgLine('o'), giosgLine('p')]), bought('b1')] }));
  const wrapper = await fixture<HTMLElement>(
    html`<div style=${style}>
      ${cartSummary({ 'api-base': 'https://giosg.test', ...VISITOR, view: 'all', reorder: true })}
    </div>`,
  );
  const el = wrapper.querySelector<CartSummary>('cart-summary')!;
  await untilState(el, 'ready');
  for (const disclosure of $$(el, '.disclosure[aria-expanded="false"]')) disclosure.click();
  await until(() => $$(el, '[part~="reorder-button"]').length === 1, 'the purchased cart never opened');
  await frames();
  return el;
}

/** A widget whose vendor answers `answer` (never: loading), in a page of `style`. */
async function inState<T extends BuyAgainList | CartSummary>(
  tag: 'buy-again-list' | 'cart-summary',
  style: string,
  answer: () => Promise<Response>,
): Promise<T> {
  serve(tag === 'buy-again-list' ? csomni({ list: answer }) : giosg({ carts: [], list: answer }));
  const attributes =
    tag === 'buy-again-list'
      ? html`<buy-again-list api-base="https://api.test" site-token="s" customer-token="cs_1"></buy-again-list>`
      : cartSummary({ 'api-base': 'https://giosg.test', ...VISITOR });
  const wrapper = await fixture<HTMLElement>(html`<div style=${style}>${attributes}</div>`);
  const el = wrapper.querySelector<T>(tag)!;
  await el.updateComplete;
  await frames();
  return el;
}

beforeEach(() => {
  pageCache.clear();
  configure({ timeout: 3000 });
});

afterEach(async () => {
  fixtureCleanup();
  stopServing();
  resetConfiguration();
  await emulate([
    { name: 'prefers-contrast', value: '' },
    { name: 'prefers-reduced-motion', value: '' },
  ]);
});

for (const [tone, style] of Object.entries(PAGES)) {
  describe(`prefers-contrast: more, ${tone} page`, () => {
    beforeEach(async () => {
      // Reduced motion too: the placeholders' pulse would fade what is measured.
      await emulate([
        { name: 'prefers-contrast', value: 'more' },
        { name: 'prefers-reduced-motion', value: 'reduce' },
      ]);
      expect(matchMedia('(prefers-contrast: more)').matches).to.equal(true);
    });

    it('<buy-again-list>: full-strength secondary text, borders at 3:1, what cannot be pressed clear', async () => {
      const el = await carousel(style);
      expectFullStrengthText($$(el, '[part~="meta"], .card.unavailable .name'));
      expectBorders($$(el, '[part~="item"]'), 'card');
      const prev = $(el, '[part~="prev-button"]')!;
      const next = $(el, '[part~="next-button"]')!;
      expect(prev.getAttribute('aria-disabled'), 'prev at the start').to.equal('true');
      expectBorders([prev, next], 'prev/next');
      const unavailable = $$(el, '[part~="add-button"]').at(-1)!;
      expect(unavailable.getAttribute('aria-disabled'), 'the unavailable item').to.equal('true');
      for (const control of [prev, unavailable]) {
        expect(drawnContrast(control, 'color'), `${label(control)}, which cannot be pressed: contrast`).to.be.at.least(
          4.5,
        );
        // Told apart from what can be pressed by its frame, not by fading.
        expect(getComputedStyle(control).borderTopStyle, `${label(control)}: frame`).to.equal('dashed');
      }
      expect(getComputedStyle(next).borderTopStyle, 'next, which can be pressed').to.equal('solid');
      await expect(el).to.be.accessible();
    });

    it('<cart-summary>: secondary text at full strength, its frame and lines at 3:1', async () => {
      const el = await cart(style);
      expectFullStrengthText($$(el, '.meta, .category, .quantity, .totals .minor'));
      expectBorders([$(el, '.base')!, ...$$(el, '[part~="line"]')], 'frame or line');
      await expect(el).to.be.accessible();
    });

    for (const tag of ['buy-again-list', 'cart-summary'] as const) {
      it(`<${tag}> loading: each placeholder outlined at 3:1`, async () => {
        const el = await inState(tag, style, never);
        expect(el.state).to.equal('loading');
        const placeholders = $$(el, '.shimmer');
        expect(placeholders.length, 'no placeholders').to.be.greaterThan(0);
        for (const placeholder of placeholders) {
          expect(getComputedStyle(placeholder).outlineStyle, `${label(placeholder)}: outline`).to.equal('solid');
          expect(drawnContrast(placeholder, 'outlineColor'), `${label(placeholder)}: outline contrast`).to.be.at.least(
            3,
          );
        }
        await expect(el).to.be.accessible();
      });

      it(`<${tag}> empty: the message at full strength`, async () => {
        const el = await inState(tag, style, () =>
          Promise.resolve(json(tag === 'buy-again-list' ? [] : { next: null, previous: null, results: [] })),
        );
        await untilState(el, 'empty');
        await frames();
        expectFullStrengthText([$(el, '.status')!]);
        if (tag === 'buy-again-list') expectBorders([$(el, '.status')!], 'empty frame');
        await expect(el).to.be.accessible();
      });
    }
  });
}
