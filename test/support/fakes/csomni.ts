import { json, type FakeHandler, type RecordedRequest } from '../fake-fetch.ts';

/**
 * A fake CS Omni store API for element tests, answered in the page through `installFakeFetch`.
 * Well-behaved by default, with rows and products shaped like the vendor's samples (quirks
 * included); a test gives its own data, or replaces a route's answer to make it misbehave.
 */

/** A route's answer in place of the fake's own; `undefined` lets the fake answer as usual. */
export type RouteOverride = (request: RecordedRequest) => Response | Promise<Response> | undefined;

export interface CsOmniFake {
  /** The purchase list, or a list per customer token (the `customertoken` header, `''` site-wide). */
  rows?: unknown[] | ((customer: string) => unknown[]);
  /** Products by token, or a function of the token; a product it does not give answers 404. */
  products?: Record<string, unknown> | ((token: string) => unknown);
  list?: RouteOverride;
  product?: RouteOverride;
  cart?: RouteOverride;
  cartprods?: RouteOverride;
}

/** Rows shaped like the vendor's samples, quirks included. */
export const CSOMNI_ROWS = [
  {
    variantToken: 'vrnt_oat',
    quantity: 145,
    price: 3.5,
    variantImage: { file: '9-14-2021/oat.jpg', id: 'a', status: 'poolImages' },
    productToken: 'prod_oat',
  },
  { variantToken: 'vrnt_lost', quantity: 134, price: '', variantImage: '', productToken: '' },
  {
    variantToken: 'vrnt_banana',
    quantity: '17',
    price: 0.29,
    variantImage: { file: '[]' },
    productToken: 'prod_banana',
  },
  { variantToken: 'prod_granola', quantity: 3, price: '', variantImage: '', productToken: '' },
  { variantToken: 'vrnt_tea', quantity: 1, price: 5, variantImage: [], productToken: 'prod_tea' },
];

/** The products of `CSOMNI_ROWS` (not the lost one). */
export const CSOMNI_PRODUCTS: Record<string, unknown> = {
  prod_oat: {
    prodToken: 'prod_oat',
    prodName: 'Oat Milk\t',
    variants: [{ variantToken: 'vrnt_oat', variantName: '1 L', variantPrice: 3.5 }],
  },
  prod_banana: {
    prodToken: 'prod_banana',
    prodName: 'Bananas',
    variants: [{ variantToken: 'vrnt_banana', variantName: '', variantPrice: 0.29 }],
  },
  prod_granola: {
    prodToken: 'prod_granola',
    prodName: 'Granola',
    prodPrice: '6.80',
    variants: [{ variantToken: 'vrnt_granola', variantName: '', variantPrice: 6.8 }],
  },
  prod_tea: {
    prodToken: 'prod_tea',
    prodName: 'Earl Grey',
    variants: [{ variantToken: 'vrnt_tea', variantName: '', variantPrice: 5 }],
  },
};

/** The customer token a request is for (`''` for the site-wide list). */
export const csomniCustomer = (request: RecordedRequest) => request.headers.get('customertoken') ?? '';

export function csomni(fake: CsOmniFake = {}): FakeHandler {
  const { rows = CSOMNI_ROWS, products = CSOMNI_PRODUCTS } = fake;
  const productFor = (token: string) => (typeof products === 'function' ? products(token) : products[token]);
  return (request) => {
    const path = request.url.pathname;
    if (path.includes('/frequentlyPurchased')) {
      return fake.list?.(request) ?? json(typeof rows === 'function' ? rows(csomniCustomer(request)) : rows);
    }
    const product = /\/products\/([^/]+)\/full$/.exec(path);
    if (product) {
      const found = productFor(decodeURIComponent(product[1]));
      return fake.product?.(request) ?? (found ? json(found) : json({ message: 'not found' }, { status: 404 }));
    }
    if (path.endsWith('/cart')) return fake.cart?.(request) ?? json({ cartToken: 'cart_1', status: 'cart created' });
    if (path.includes('/cartprods/')) return fake.cartprods?.(request) ?? json({ status: 'Prod Added' });
    return json({ message: 'no route' }, { status: 404 });
  };
}
