import { RequestCache } from '../../../src/core/cache.ts';
import type { Cart } from '../../../src/model.ts';
import { normalizeCart, normalizeCartLines, type GiosgOptions } from '../../../src/sources/giosg.ts';
import type { SourceContext } from '../../../src/sources/source.ts';
import { json, type FakeHandler, type RecordedRequest } from '../../support/fake-fetch.ts';
import { giosgCart, giosgLine, giosgPage } from '../../support/vendors/giosg.ts';

/** The answers, context and records the giosg source tests share; requests are recorded by `recordingFetch`. */

export const VENDOR = 'https://service.giosg.com';
export const CHAT: GiosgOptions = { userId: 'u1', chatId: 'c1', visitorId: 'v1', apiToken: 'secret-token' };

/**
 * Answers by URL (path and query, any host) from `routes`, a body or a function of the request
 * each; 404 for any other. A route with a query matches that page; one without matches the path,
 * whatever the query.
 */
export function byUrl(routes: Record<string, unknown>): FakeHandler {
  return (request) => {
    const { pathname, search } = request.url;
    const key =
      Object.keys(routes).find((route) => route.includes('?') && `${pathname}${search}`.endsWith(route)) ??
      Object.keys(routes).find((route) => !route.includes('?') && pathname.endsWith(route));
    if (key === undefined) return json({ detail: 'Not found.' }, 404);
    const body = routes[key];
    return json(typeof body === 'function' ? (body as (request: RecordedRequest) => unknown)(request) : body);
  };
}

export function context(
  fetch: typeof globalThis.fetch,
  connection: SourceContext['connection'] = { mode: 'direct', apiBase: VENDOR },
): SourceContext {
  return { connection, cacheTtl: 60_000, currency: 'EUR', cache: new RequestCache(), fetch };
}

export const list = giosgPage;

/** A cart record at fixed times, for visitor v1. */
export const cartRecord = (id: string, extra: Record<string, unknown> = {}) =>
  giosgCart(id, {
    created_at: '2024-05-01T10:00:00.000Z',
    updated_at: '2024-05-01T10:05:00.000Z',
    visitor_id: 'v1',
    ...extra,
  }).record;

/** A line: one of "Product <id>" at 1.00. */
export const lineRecord = (id: string, extra: Record<string, unknown> = {}) =>
  giosgLine(id, { value: '1.00', quantity: 1, ...extra });

export function cartWith(lines: unknown[], extra: Record<string, unknown> = {}): Cart {
  const cart = normalizeCart(cartRecord('cart-1', extra), 'EUR')!;
  return { ...cart, lines: normalizeCartLines(lines, cart.currency) };
}
