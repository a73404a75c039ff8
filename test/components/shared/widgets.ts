import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import type { WidgetDefaults } from '../../../src/core/config.ts';
import { $, $$, texts } from '../../support/dom.ts';
import type { FakeHandler, RecordedRequest } from '../../support/fake-fetch.ts';
import type { RouteOverride } from '../../support/vendors/calls.ts';
import { csomni, csomniCustomer } from '../../support/vendors/csomni.ts';
import { giosg, giosgCart, giosgLine, giosgVisitor } from '../../support/vendors/giosg.ts';

/**
 * Each element as the shared suite of base-class behaviour (`widget-element.browser.test.ts`)
 * drives it: its vendor's fake, the attributes that name whose data it reads, and what it shows.
 */
export interface WidgetUnderTest {
  tag: 'buy-again-list' | 'cart-summary';
  /** The vendor, its name in the proxy's paths. */
  vendor: 'csomni' | 'giosg';
  /** Direct-mode attributes against `BASE`, for the shopper `who`. */
  attributes(who?: string): Record<string, string>;
  /** The attribute that names the shopper. */
  whoseAttribute: string;
  /** The shopper a request is for. */
  whose(request: RecordedRequest): string;
  /** The well-behaved fake vendor; `first` answers in place of the request that names the shopper. */
  fake(first?: RouteOverride): FakeHandler;
  /** The path the first request ends with, and its URL in direct mode for the default shopper. */
  first: string;
  firstUrl: string;
  /** The `Authorization` header of a direct request. */
  directAuthorization: string | null;
  /** How many items the fake's answer shows, and how many the element shows. */
  count: number;
  shown(el: HTMLElement): number;
  /** The names the element shows once the fake's answer is in (looked-up names included). */
  names: string[];
  shownNames(el: HTMLElement): string[];
  /** A page-wide setting that changes the heading, and the heading it gives. */
  configuredHeading: { settings: WidgetDefaults; text: string };
  heading(el: HTMLElement): HTMLElement | null;
  /** Attributes that read the mock vendor API behind the test server through its failing path. */
  failing: Record<string, string>;
}

export type Widget = BuyAgainList | CartSummary;

export const BASE = 'https://vendor.test';

export const buyAgainList: WidgetUnderTest = {
  tag: 'buy-again-list',
  vendor: 'csomni',
  attributes: (who = 'cs_1') => ({ 'api-base': BASE, 'site-token': 's', 'customer-token': who }),
  whoseAttribute: 'customer-token',
  whose: csomniCustomer,
  fake: (first) => csomni({ list: first }),
  first: '/frequentlyPurchased',
  firstUrl: `${BASE}/frequentlyPurchased`,
  directAuthorization: null,
  count: 4,
  shown: (el) => $$(el, '[part~="item"]').length,
  names: ['Oat Milk – 1 L', 'Bananas', 'Granola', 'Earl Grey'],
  shownNames: (el) => texts(el, '[part~="name"]'),
  configuredHeading: { settings: { heading: 'Order again' }, text: 'Order again' },
  heading: (el) => $(el, '[part~="heading"]'),
  failing: { 'api-base': '/mock/faults/http-500/csomni', 'site-token': 'site_demo', 'customer-token': 'cs_demo' },
};

export const cartSummary: WidgetUnderTest = {
  tag: 'cart-summary',
  vendor: 'giosg',
  attributes: (who = 'v1') => ({
    'api-base': BASE,
    'api-token': 't',
    'user-id': 'u1',
    'chat-id': 'c1',
    'visitor-id': who,
  }),
  whoseAttribute: 'visitor-id',
  whose: giosgVisitor,
  fake: (first) => giosg({ carts: [giosgCart('a', {}, [giosgLine('1')])], list: first }),
  first: '/shopping_carts',
  firstUrl: `${BASE}/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts`,
  directAuthorization: 'Token t',
  count: 1,
  shown: (el) => $$(el, '[part~="line-name"]').length,
  names: ['Product 1'],
  shownNames: (el) => texts(el, '[part~="line-name"]'),
  configuredHeading: { settings: { messages: { cartHeading: 'Your basket' } }, text: 'Your basket' },
  heading: (el) => $(el, 'h2'),
  failing: {
    'api-base': '/mock/faults/http-500/giosg',
    'api-token': 'demo-giosg-token',
    'user-id': 'u1',
    'chat-id': 'c1',
    'visitor-id': 'v1',
  },
};

export const WIDGETS = [buyAgainList, cartSummary];

/** The element with these attributes, not yet in the page. */
export function create(widget: WidgetUnderTest, attributes: Record<string, string> = widget.attributes()): Widget {
  const el = document.createElement(widget.tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}
