import { RequestCache } from '../../../src/core/cache.ts';
import type { PurchasedItem } from '../../../src/model.ts';
import { type CsomniOptions } from '../../../src/sources/csomni.ts';
import type { SourceContext } from '../../../src/sources/source.ts';

/** A fake CS Omni for the source tests: a `fetch` that records each request and answers through a route. */

export interface Seen {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Route = (request: Seen) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake vendor: records each request and answers through `route`. */
export function vendor(route: Route) {
  const requests: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const seen: Seen = {
      method: init.method ?? 'GET',
      url: url.href,
      path: url.pathname,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(seen);
    return route(seen);
  }) as typeof globalThis.fetch;
  return {
    fetch,
    requests,
    of: (method: string, path: string | RegExp) =>
      requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))),
  };
}

export const direct = (fetch: typeof globalThis.fetch, overrides: Partial<SourceContext> = {}): SourceContext => ({
  connection: { mode: 'direct', apiBase: 'https://apistore.csomni.example' },
  cacheTtl: 300_000,
  currency: 'USD',
  cache: new RequestCache(),
  fetch,
  ...overrides,
});

export const site: CsomniOptions = { siteToken: 'site_dg30sdfsgdsgsvv', customerToken: 'cs_123456' };

export const item = (overrides: Partial<PurchasedItem> = {}): PurchasedItem => ({
  id: 'vrnt_oat1',
  productId: 'prod_oatmilk',
  variantId: 'vrnt_oat1',
  name: null,
  imageUrl: null,
  price: null,
  quantity: 1,
  orderValue: null,
  lastOrderedAt: null,
  url: null,
  available: true,
  ...overrides,
});

export const productRoute = (path: string) => /^\/products\/([^/]+)\/full$/.exec(path)?.[1];
