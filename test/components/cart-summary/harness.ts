import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach, vi } from 'vitest';
import { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import { $, $$, squash, text, until } from '../../support/dom.ts';
import { stopServing } from '../../support/fake-fetch.ts';
import { giosg as giosgFake, type FakeCart } from '../../support/vendors/giosg.ts';

/** What the `<cart-summary>` test files share: the vendor's names, mounting, readers, and a clean page per test. */

// src/define.ts registers the tag once <cart-summary> is in it; until then, define it here.
if (!customElements.get('cart-summary')) customElements.define('cart-summary', CartSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cart-summary': CartSummary;
  }
}

export const MOCK = '/mock/giosg';
export const TOKEN = 'demo-giosg-token';
export const BASE = 'https://giosg.test';
export const LIST = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';

/** The mock's open EUR cart (see test/support/mocks/giosg.ts). */
export const OPEN_CART = '9279b2b4-8daf-11e9-b081-0242ac14000a';
/** The names of its lines that are not deleted, as shown. */
export const OPEN_CART_LINES = ['Cartproduct Sombrero', 'Fairtrade Bananas', 'Streaming Plus', 'Phone X 128 GB'];

/** A giosg API with these carts on one page each, for the token the widgets are given. */
export const giosg = (carts: FakeCart[]) => giosgFake({ carts, token: TOKEN });

export { serve } from '../../support/fake-fetch.ts';

/** The widget past loading, fully rendered. */
export async function settled(el: CartSummary): Promise<CartSummary> {
  await until(() => el.state !== 'loading', 'widget never left loading');
  await el.updateComplete;
  return el;
}

export const mounted = async (template: ReturnType<typeof html>) => settled(await fixture<CartSummary>(template));

/** The scope most tests read: agent u1's chat c1 with visitor v1, and the API token. */
export const VISITOR = { 'api-token': TOKEN, 'user-id': 'u1', 'chat-id': 'c1', 'visitor-id': 'v1' };
/** Organization o1's own chat c1 (every cart of the chat). */
export const ORG_CHAT = { 'api-token': TOKEN, 'org-id': 'o1', 'chat-id': 'c1', 'chat-type': 'owned' };
/** Agent u1's room r1 with visitor v1 (carts without lines). */
export const ROOM = { 'api-token': TOKEN, 'user-id': 'u1', 'room-id': 'r1', 'visitor-id': 'v1' };

/**
 * A `<cart-summary>` not yet in the page, with `attributes` (`true`: present and empty) and
 * `children` (slotted content, as HTML).
 */
export function cartSummary(attributes: Record<string, string | true>, children = ''): CartSummary {
  const el = document.createElement('cart-summary');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value === true ? '' : value);
  el.innerHTML = children;
  return el;
}

/** The widget with `attributes` and `children` (see `cartSummary`), in the page and past loading. */
export const mountedCart = (attributes: Record<string, string | true>, children = '') =>
  mounted(html`${cartSummary(attributes, children)}`);

/** The widget reading `apiBase` for the VISITOR scope, with `attributes` besides, in the page and past loading. */
export const visitorCart = (apiBase: string, attributes: Record<string, string | true> = {}, children = '') =>
  mountedCart({ 'api-base': apiBase, ...VISITOR, ...attributes }, children);

export const liveRegion = (el: Element) => text($(el, '[role="status"]'));
export const money = (value: number, currency: string, locale: string) =>
  squash(new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value));
/** The text `node` shows on screen: without the text there for screen readers alone. */
export function onScreen(node: Element | null | undefined): string {
  const copy = node?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('.visually-hidden').forEach((each) => each.remove());
  return text(copy);
}
/** The totals as "label amount" rows, as shown. */
export const totalsRows = (el: Element) =>
  $$(el, '[part~="totals"] > div').map(
    (row) => `${onScreen(row.querySelector('dt'))} ${onScreen(row.querySelector('dd'))}`,
  );

/** A clean page cache before each test, and everything undone after it. */
export function useCleanPage(): void {
  beforeEach(() => {
    pageCache.clear();
    configure({ timeout: 3000 });
  });

  afterEach(() => {
    vi.useRealTimers();
    fixtureCleanup();
    stopServing();
    resetConfiguration();
  });
}
