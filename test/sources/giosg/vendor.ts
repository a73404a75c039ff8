import { RequestCache } from '../../../src/core/cache.ts';
import type { Cart } from '../../../src/model.ts';
import { normalizeCart, normalizeCartLines, type GiosgOptions } from '../../../src/sources/giosg.ts';
import type { SourceContext } from '../../../src/sources/source.ts';

/** The recording fake `fetch`, context and records the giosg source tests share. */

export const VENDOR = 'https://service.giosg.com';
export const CHAT: GiosgOptions = { userId: 'u1', chatId: 'c1', visitorId: 'v1', apiToken: 'secret-token' };

export interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that answers by URL (path and query, any host) and records every request. */
export function fakeFetch(routes: Record<string, unknown>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    const { pathname, search } = new URL(url, 'http://page.invalid');
    // A route with a query matches that page; one without matches the path, whatever the query.
    const key =
      Object.keys(routes).find((route) => route.includes('?') && `${pathname}${search}`.endsWith(route)) ??
      Object.keys(routes).find((route) => !route.includes('?') && pathname.endsWith(route));
    if (key === undefined) return Response.json({ detail: 'Not found.' }, { status: 404 });
    const body = routes[key];
    return Response.json(typeof body === 'function' ? body(url) : body);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export function context(
  fetch: typeof globalThis.fetch,
  connection: SourceContext['connection'] = { mode: 'direct', apiBase: VENDOR },
): SourceContext {
  return { connection, cacheTtl: 60_000, currency: 'EUR', cache: new RequestCache(), fetch };
}

export const list = (results: unknown[], next: string | null = null) => ({ next, previous: null, results });

export const cartRecord = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  currency: 'EUR',
  created_at: '2024-05-01T10:00:00.000Z',
  updated_at: '2024-05-01T10:05:00.000Z',
  is_locked: false,
  locked_at: null,
  total_value: '10.00',
  total_subscription_value: null,
  visitor_id: 'v1',
  ...extra,
});

export const lineRecord = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  category_name: 'Things',
  value: '1.00',
  quantity: 1,
  is_deleted: false,
  deleted_at: null,
  subscription_value: null,
  monthly_quantity: null,
  ...extra,
});

export function cartWith(lines: unknown[], extra: Record<string, unknown> = {}): Cart {
  const cart = normalizeCart(cartRecord('cart-1', extra), 'EUR')!;
  return { ...cart, lines: normalizeCartLines(lines, cart.currency) };
}
