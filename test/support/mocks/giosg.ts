import { giosg, type FakeCart } from '../vendors/giosg.ts';
import type { VendorMock } from './mock-api.ts';

/**
 * The demo chat's giosg: the fake giosg API (`../vendors/giosg.ts`) with one visitor's carts, two
 * records a page, a little latency, and any `Authorization: Token …` accepted (401 without one),
 * as direct mode and the proxy both send it.
 *
 * Every scope sees the same visitor's five carts: an open EUR cart (a quantity as a string,
 * prices like `"0.10"`, a deleted line, subscriptions, discounts and delivery in `total_value`),
 * a locked cart with `currency: null`, an open JPY cart, a locked cart with a broadband
 * subscription, and an old abandoned cart. Times are relative to the request, so "updated
 * 5 minutes ago" stays true. Fault `empty`: every list is empty.
 */

const VISITOR = '203dc5c48da911e984bc0242ac14000a';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface MockLine {
  id: string;
  name: string;
  category: string | null;
  value: string | null;
  quantity: number | string | null;
  subscription?: string;
  monthly?: number | string;
  deletedAgo?: number;
}

interface MockCart {
  id: string;
  currency: string | null;
  createdAgo: number;
  updatedAgo: number;
  lockedAgo?: number;
  total: string | null;
  subscriptionTotal: string | null;
  lines: MockLine[];
}

const carts: MockCart[] = [
  {
    id: '9279b2b4-8daf-11e9-b081-0242ac14000a',
    currency: 'EUR',
    createdAgo: 42 * MINUTE,
    updatedAgo: 5 * MINUTE,
    // Items 370.92, a 10.00 discount and 4.90 delivery.
    total: '365.82',
    subscriptionTotal: '29.80',
    lines: [
      {
        id: '9281cefe-8daf-11e9-b081-0242ac14000a',
        name: 'Cartproduct Sombrero',
        category: 'Category Hats',
        value: '35.81',
        quantity: 2,
      },
      {
        id: '92818f2a-8daf-11e9-b081-0242ac14000a',
        name: 'Fairtrade Bananas',
        category: 'Fruit',
        value: '0.10',
        quantity: '3',
      },
      {
        id: '92818f2a-8daf-11e9-b081-0242ac14000b',
        name: 'Cartproduct Poncho',
        category: 'Category Jackets',
        value: '12.09',
        quantity: 1,
        deletedAgo: 9 * MINUTE,
      },
      {
        id: '92818f2a-8daf-11e9-b081-0242ac14000c',
        name: 'Streaming Plus',
        category: 'Subscriptions',
        value: null,
        quantity: null,
        subscription: '9.90',
        monthly: 1,
      },
      {
        id: '92818f2a-8daf-11e9-b081-0242ac14000d',
        name: 'Phone X 128 GB',
        category: 'Phones',
        value: '299.00',
        quantity: 1,
        subscription: '19.90',
        monthly: '1',
      },
    ],
  },
  {
    id: '205a7606-8da9-11e9-84bc-0242ac14000a',
    currency: null,
    createdAgo: 3 * DAY + 2 * HOUR,
    updatedAgo: 3 * DAY + HOUR,
    lockedAgo: 3 * DAY,
    total: '54.50',
    subscriptionTotal: null,
    lines: [
      {
        id: '31a0c1de-8da9-11e9-84bc-0242ac14000a',
        name: 'Merino Wool Scarf',
        category: 'Accessories',
        value: '24.50',
        quantity: 1,
      },
      {
        id: '31a0c1de-8da9-11e9-84bc-0242ac14000b',
        name: 'Leather Gloves',
        category: 'Accessories',
        value: '15.00',
        quantity: 2,
      },
    ],
  },
  {
    id: '7c3e1b52-8db0-11e9-b081-0242ac14000a',
    currency: 'JPY',
    createdAgo: 2 * DAY + 3 * HOUR,
    updatedAgo: 2 * DAY,
    total: '5900.00',
    subscriptionTotal: null,
    lines: [
      {
        id: '7c3e4a10-8db0-11e9-b081-0242ac14000a',
        name: 'Uji Matcha 100 g',
        category: 'Tea',
        value: '1200.00',
        quantity: 2,
      },
      {
        id: '7c3e4a10-8db0-11e9-b081-0242ac14000b',
        name: 'Bamboo Tea Whisk',
        category: 'Teaware',
        value: '3500',
        quantity: '1',
      },
    ],
  },
  {
    id: 'a61f3c88-8db1-11e9-b081-0242ac14000a',
    currency: 'EUR',
    createdAgo: 15 * DAY,
    updatedAgo: 14 * DAY + HOUR,
    lockedAgo: 14 * DAY,
    total: '49.00',
    subscriptionTotal: '39.90',
    lines: [
      {
        id: 'a61f5d02-8db1-11e9-b081-0242ac14000a',
        name: 'Broadband 1000 Mbit/s',
        category: 'Subscriptions',
        value: '0.00',
        quantity: 1,
        subscription: '39.90',
        monthly: 1,
      },
      {
        id: 'a61f5d02-8db1-11e9-b081-0242ac14000b',
        name: 'Wi-Fi 6 Router',
        category: 'Devices',
        value: '49.00',
        quantity: 1,
      },
    ],
  },
  {
    id: 'e0b4d6f2-8db2-11e9-b081-0242ac14000a',
    currency: 'EUR',
    createdAgo: 92 * DAY,
    updatedAgo: 91 * DAY,
    total: '18.40',
    subscriptionTotal: null,
    lines: [
      {
        id: 'e0b4f1aa-8db2-11e9-b081-0242ac14000a',
        name: 'Beeswax Candles, set of 4',
        category: 'Home',
        value: '9.20',
        quantity: 2,
      },
    ],
  },
];

const iso = (now: number, ago: number | undefined) => (ago === undefined ? null : new Date(now - ago).toISOString());

function cartRecord(cart: MockCart, now: number): Record<string, unknown> {
  return {
    created_at: iso(now, cart.createdAgo),
    currency: cart.currency,
    id: cart.id,
    is_locked: cart.lockedAgo !== undefined,
    locked_at: iso(now, cart.lockedAgo),
    session_id: null,
    total_subscription_value: cart.subscriptionTotal,
    total_value: cart.total,
    updated_at: iso(now, cart.updatedAgo),
    visitor_id: VISITOR,
  };
}

function lineRecord(cart: MockCart, line: MockLine, now: number): Record<string, unknown> {
  return {
    category_name: line.category,
    created_at: iso(now, cart.createdAgo),
    deleted_at: iso(now, line.deletedAgo),
    description: null,
    id: line.id,
    is_deleted: line.deletedAgo !== undefined,
    monthly_quantity: line.monthly ?? null,
    name: line.name,
    product_number: `PN-${line.id.slice(0, 8)}`,
    quantity: line.quantity,
    shopping_cart_id: cart.id,
    stock_balance: null,
    subscription_value: line.subscription ?? null,
    updated_at: iso(now, cart.updatedAgo),
    value: line.value,
  };
}

/** The carts as the vendor sends them, their times relative to now. */
const cartsNow = (): FakeCart[] => {
  const now = Date.now();
  return carts.map((cart) => ({
    record: cartRecord(cart, now),
    lines: cart.lines.map((line) => lineRecord(cart, line, now)),
  }));
};

const store = { carts: cartsNow, token: /^\S+$/, pageSize: 2, delay: 120 };
const api = giosg(store);
const empty = giosg({ ...store, carts: () => [] });

/** The demo chat's giosg API; fault `empty`: every list is empty. */
export const giosgMock: VendorMock = async (request, fault) => (fault === 'empty' ? empty : api)(request);
