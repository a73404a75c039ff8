import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach, vi } from 'vitest';
import { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import { $, $$, squash, text, until } from '../../support/dom.ts';
import { installFakeFetch, type FakeFetch, type FakeHandler } from '../../support/fake-fetch.ts';
import { giosg as giosgFake, type FakeCart } from '../../support/fakes/giosg.ts';

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

/** A giosg API with these carts on one page each, for the token the widgets are given. */
export const giosg = (carts: FakeCart[]) => giosgFake({ carts, token: TOKEN });

let api: FakeFetch | undefined;
/** Answers the page's requests from `handler` until the test ends. */
export const serve = (handler: FakeHandler) => (api = installFakeFetch(handler));

/** The widget past loading, fully rendered. */
export async function settled(el: CartSummary): Promise<CartSummary> {
  await until(() => el.state !== 'loading', 'widget never left loading');
  await el.updateComplete;
  return el;
}

export const mounted = async (template: ReturnType<typeof html>) => settled(await fixture<CartSummary>(template));

export const liveRegion = (el: Element) => text($(el, '[role="status"]'));
export const money = (value: number, currency: string, locale: string) =>
  squash(new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value));
/** The totals as "label amount" rows. */
export const totalsRows = (el: Element) =>
  $$(el, '[part~="totals"] > div').map((row) => `${text(row.querySelector('dt'))} ${text(row.querySelector('dd'))}`);

/** A clean page cache before each test, and everything undone after it. */
export function useCleanPage(): void {
  beforeEach(() => {
    pageCache.clear();
    configure({ timeout: 3000 });
  });

  afterEach(() => {
    vi.useRealTimers();
    fixtureCleanup();
    api?.restore();
    api = undefined;
    resetConfiguration();
  });
}
