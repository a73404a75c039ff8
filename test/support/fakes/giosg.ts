import { json, type FakeHandler, type RecordedRequest } from '../fake-fetch.ts';
import type { RouteOverride } from './csomni.ts';

/**
 * A fake giosg API for element tests, answered in the page through `installFakeFetch`: a
 * visitor's shopping carts, each with its lines, one page each.
 */

export interface FakeCart {
  record: Record<string, unknown>;
  lines: Record<string, unknown>[];
}

export interface GiosgFake {
  /** The carts, or the carts of each visitor (the visitor id in the path). */
  carts?: FakeCart[] | ((visitor: string) => FakeCart[]);
  /** When given, a request without `Authorization: Token <token>` answers 401. */
  token?: string;
  /** In place of the list of carts. */
  list?: RouteOverride;
}

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** An open EUR cart, updated five minutes ago. */
export const giosgCart = (
  id: string,
  extra: Record<string, unknown> = {},
  lines: Record<string, unknown>[] = [],
): FakeCart => ({
  record: {
    id,
    currency: 'EUR',
    created_at: minutesAgo(60),
    updated_at: minutesAgo(5),
    is_locked: false,
    locked_at: null,
    total_value: '10.00',
    total_subscription_value: null,
    ...extra,
  },
  lines,
});

/** A cart line: two of "Product <id>" at 5.00. */
export const giosgLine = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  category_name: 'Things',
  value: '5.00',
  quantity: 2,
  is_deleted: false,
  deleted_at: null,
  subscription_value: null,
  monthly_quantity: null,
  ...extra,
});

/** The visitor a request is for. */
export const giosgVisitor = (request: RecordedRequest) =>
  decodeURIComponent(/\/visitors\/([^/]+)\//.exec(request.url.pathname)?.[1] ?? '');

const page = (results: unknown[]) => json({ next: null, previous: null, results });

export function giosg(fake: GiosgFake = {}): FakeHandler {
  const { carts = [] } = fake;
  return (request) => {
    const path = request.url.pathname;
    if (fake.token !== undefined && request.headers.get('authorization') !== `Token ${fake.token}`)
      return json({ detail: 'Invalid token.' }, { status: 401 });
    const visitorCarts = typeof carts === 'function' ? carts(giosgVisitor(request)) : carts;
    const products = /\/shopping_carts\/([^/]+)\/products$/.exec(path);
    if (products) {
      const found = visitorCarts.find((each) => each.record.id === decodeURIComponent(products[1]));
      return found ? page(found.lines) : json({ detail: 'Not found.' }, { status: 404 });
    }
    if (path.endsWith('/shopping_carts')) return fake.list?.(request) ?? page(visitorCarts.map((each) => each.record));
    return json({ detail: 'Not found.' }, { status: 404 });
  };
}
