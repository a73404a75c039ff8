import { fixtureCleanup } from '@open-wc/testing';
import { afterEach, beforeEach } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import { json, servedFake, stopServing, type FakeHandler } from '../../support/fake-fetch.ts';
import { algonomy as algonomyFake } from '../../support/vendors/algonomy.ts';
import { csomni as csomniFake, csomniCustomer } from '../../support/vendors/csomni.ts';
import { giosg as giosgFake, giosgCart, giosgLine, giosgVisitor } from '../../support/vendors/giosg.ts';

/**
 * The widgets in a single-page app: created, moved, re-rendered and destroyed many times. What
 * leaves the page must leave memory, and what the page shows is the last answer asked for.
 */

export const CSOMNI = 'https://csomni.test';
export const GIOSG = 'https://giosg.test';
export const RCDP = 'https://rcdp.test';

export const rows = (customer: string) => [
  { variantToken: `vrnt_${customer}_1`, quantity: 3, price: 2.5, variantImage: '', productToken: `prod_${customer}_1` },
  { variantToken: `vrnt_${customer}_2`, quantity: 1, price: 4, variantImage: '', productToken: `prod_${customer}_2` },
];

/**
 * CS Omni: a list per customer token (`cs_fail` answers 400), and a name per product; `hold` keeps a customer's
 * list back.
 */
export const csomni = (hold?: (customer: string) => Promise<Response> | undefined) =>
  csomniFake({
    rows,
    products: (token) => ({ prodToken: token, prodName: `Name of ${token}`, variants: [] }),
    list: (request) =>
      csomniCustomer(request) === 'cs_fail'
        ? json({ message: 'bad request' }, { status: 400 })
        : hold?.(csomniCustomer(request)),
  });

/** A visitor's one cart, with one line named after the visitor. */
export const cartOf = (visitor: string) =>
  giosgCart(`cart_${visitor}`, {}, [giosgLine(`l_${visitor}`, { name: `Line of ${visitor}` })]);

/** giosg: one cart per visitor (`v_fail` answers 400); `hold` keeps a visitor's list of carts back. */
export function giosg(hold?: (visitor: string) => Promise<Response> | undefined): FakeHandler {
  const fake = giosgFake({ carts: (visitor) => [cartOf(visitor)], list: (request) => hold?.(giosgVisitor(request)) });
  return (request) =>
    giosgVisitor(request) === 'v_fail' ? json({ detail: 'bad request' }, { status: 400 }) : fake(request);
}

/** Algonomy: pages of three, three pages in all; `hold` keeps a page's answer back. */
export const algonomy = (hold?: (page: number) => Promise<Response> | undefined) => algonomyFake({ answer: hold });

export { serve } from '../../support/fake-fetch.ts';

export let host: HTMLElement;

export function create<T extends HTMLElement>(
  tag: string,
  attributes: Record<string, string>,
  parent: Element = host,
): T {
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  parent.append(el);
  return el;
}

export const list = (customer: string, extra: Record<string, string> = {}) =>
  create<BuyAgainList>('buy-again-list', {
    'api-base': CSOMNI,
    'site-token': 'site_1',
    'customer-token': customer,
    ...extra,
  });
export const cart = (visitor: string, extra: Record<string, string> = {}) =>
  create<CartSummary>('cart-summary', {
    'api-base': GIOSG,
    'api-token': 't',
    'user-id': 'u1',
    'chat-id': 'c1',
    'visitor-id': visitor,
    ...extra,
  });

/** The fake vendors' record of requests in this test. */
export const fakeApi = servedFake;

/** A clean page cache and a host for the widgets before each test; everything undone after it. */
export function useSinglePageApp(): void {
  beforeEach(() => {
    pageCache.clear();
    configure({ timeout: 2000 });
    host = document.createElement('div');
    document.body.append(host);
  });

  afterEach(() => {
    fixtureCleanup();
    host.remove();
    stopServing();
    resetConfiguration();
    pageCache.clear();
  });
}
