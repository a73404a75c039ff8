import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import type { AnalyticsDetail } from '../../../src/core/analytics.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import type { WidgetAnalyticsEvent } from '../../../src/events.ts';
import { stopServing } from '../../support/fake-fetch.ts';
import { $, $$, until } from '../../support/dom.ts';
import type { RouteOverride } from '../../support/vendors/calls.ts';
import { csomni as csomniFake } from '../../support/vendors/csomni.ts';
import { giosg as giosgFake, giosgCart, giosgLine } from '../../support/vendors/giosg.ts';

/**
 * What the `widget-analytics` test files share: the fake vendors, the events heard, pages that scroll, a clean
 * page per test.
 */

/** Longer than the viewability rule's second, with room for a slow machine: "nothing came" after this. */
export const QUIET = 1800;

/** CS Omni rows in the vendor's shapes (numbers, strings, a product-level row). */
export const rows = Array.from({ length: 10 }, (_, i) => ({
  variantToken: i === 9 ? 'prod_p9' : `vrnt_v${i}`,
  quantity: i % 2 ? String(i + 1) : i + 1,
  price: i === 9 ? '' : [0.1, '1.10', 0.2, 19.99, '3.5'][i % 5],
  variantImage: '',
  productToken: i === 9 ? '' : `prod_p${i}`,
}));

/** CS Omni with those rows, a name and price for every product, and add-to-cart answered by `cartprods`. */
export const csomni = (cartprods?: RouteOverride) =>
  csomniFake({
    rows,
    products: (token) => ({
      prodToken: token,
      prodName: `Product ${token.slice(5)}`,
      prodPrice: '4.00',
      variants: [{ variantToken: `vrnt_v${token.slice(6)}`, variantName: '' }],
    }),
    cartprods,
  });

export { serve } from '../../support/fake-fetch.ts';

/** Every `widget-analytics` event that reached the document, with how it was dispatched. */
export let heard: WidgetAnalyticsEvent[] = [];
export const listen = (event: Event) => heard.push(event as WidgetAnalyticsEvent);
export const details = (name?: string) =>
  heard.map((event) => event.detail).filter((detail) => !name || detail.event === name);
export const ids = (detail: AnalyticsDetail) => detail.ecommerce.items.map((item) => item.item_id);

/** Every card's name has arrived (CS Omni looks names up after the list). */
export const named = (el: Element) =>
  until(
    () =>
      [...el.shadowRoot!.querySelectorAll('[part~="name"]')].every((name) => /^Product /.test(name.textContent.trim())),
    'names never arrived',
  );

/** A theme-like page: a header and a tall hero above the widget, which starts below the fold. */
export async function belowTheFold<T extends HTMLElement = BuyAgainList>(widget: ReturnType<typeof html>): Promise<T> {
  const page = await fixture<HTMLElement>(html`
    <div style="font: 16px/1.5 Georgia, serif; color: #222">
      <header style="height: 60px; background: #eee">Shop</header>
      <div class="hero" style="height: ${innerHeight * 2}px; background: linear-gradient(#fafafa, #ddd)"></div>
      ${widget}
      <footer style="height: ${innerHeight * 2}px"></footer>
    </div>
  `);
  return page.querySelector<T>('buy-again-list, cart-summary') as T;
}

/** Scrolls the page so that `fraction` of `el`'s height, from its top, is inside the viewport. */
export function scrollToShow(el: Element, fraction: number): void {
  const { top, height } = el.getBoundingClientRect();
  scrollTo(0, scrollY + top + height * fraction - innerHeight);
}

/** The cards at least half in view: inside both the carousel's scrolled view and the window. */
export function visibleCardIndexes(el: Element): number[] {
  const viewport = $(el, '[part~="viewport"]')!.getBoundingClientRect();
  return $$(el, '[part~="item"]').flatMap((card, index) => {
    const box = card.getBoundingClientRect();
    const width = Math.min(box.right, viewport.right, innerWidth) - Math.max(box.left, viewport.left, 0);
    const height = Math.min(box.bottom, viewport.bottom, innerHeight) - Math.max(box.top, viewport.top, 0);
    return width > 0 && height > 0 && width * height >= (box.width * box.height) / 2 ? [index] : [];
  });
}

/**
 * How long a test waits for a report that needs a second in view: the second, then frames and
 * timers on a machine that may be many times slower than usual (the wait ends as the report comes).
 */
export const REPORT_WAIT = { timeout: 15_000 };

/** A wait's failure message: what it waited for, and what the page showed and reported. */
export const seen = (el: Element, what: string) => () =>
  `${what}: ${el.localName === 'buy-again-list' ? `cards in view [${visibleCardIndexes(el)}], ` : ''}` +
  `reported ${JSON.stringify(details().map(ids))}, ` +
  `tab ${document.visibilityState}`;

export const LIST = html`<buy-again-list
  api-base="https://api.test"
  site-token="site_1"
  customer-token="cs_1"
  product-url="/p/{productId}"
  style="width: 480px; --buy-again-card-width: 140px"
></buy-again-list>`;

/** The cart of visitor v1, on the giosg fake (`giosg()`). */
export const CART = html`<cart-summary
  api-base="https://giosg.test"
  api-token="tok"
  user-id="u1"
  chat-id="c1"
  visitor-id="v1"
></cart-summary>`;

/** A clean page before each test, listening for `widget-analytics`; everything undone after it. */
export function useAnalyticsPage(): void {
  beforeEach(() => {
    pageCache.clear();
    heard = [];
    document.addEventListener('widget-analytics', listen);
    configure({ timeout: 3000 });
  });

  afterEach(() => {
    document.removeEventListener('widget-analytics', listen);
    // What waits for consent is dropped, so no test's events reach another's dataLayer.
    configure({ analyticsConsent: 'denied' });
    fixtureCleanup();
    stopServing();
    resetConfiguration();
    scrollTo(0, 0);
  });
}

/** A giosg API with one open EUR cart: prices whose float sum is not exact. */
export const giosg = (visitor = 'v1') =>
  giosgFake({
    carts: [
      giosgCart(
        'cart-a',
        {
          visitor_id: visitor,
          created_at: '2024-05-01T10:00:00Z',
          updated_at: '2024-05-01T10:05:00Z',
          total_value: '3.80',
        },
        [
          giosgLine('l1', {
            name: 'Oat milk',
            category_name: 'Dairy',
            product_number: 'SKU-OAT',
            value: '1.10',
            quantity: 3,
          }),
          giosgLine('l2', { name: 'Bananas', category_name: null, product_number: null, value: '0.10', quantity: '3' }),
          giosgLine('l3', {
            name: 'Tea',
            category_name: undefined,
            product_number: 'SKU-TEA',
            value: 0.2,
            quantity: 1,
          }),
          giosgLine('l4', {
            name: 'Removed',
            category_name: undefined,
            product_number: 'SKU-GONE',
            value: '9.00',
            quantity: 1,
            is_deleted: true,
            deleted_at: '2024-01-01T00:00:00Z',
          }),
        ],
      ),
    ],
  });
