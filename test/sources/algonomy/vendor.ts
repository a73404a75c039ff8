import { RequestCache } from '../../../src/core/cache.ts';
import type { PurchasedItem } from '../../../src/model.ts';
import { type AlgonomyOptions } from '../../../src/sources/algonomy.ts';
import type { SourceContext } from '../../../src/sources/source.ts';

/** The recording fake `fetch`, envelopes, rows and failure readers the Algonomy source tests share. */

export const BASE = 'https://rcdp.example.com/rcdpapi';
export const ENDPOINT = `${BASE}/api/v1/profile/b2b/productPurchased`;

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Answer =
  ((call: Call) => unknown) | Response | Record<string, unknown> | unknown[] | string | number | boolean | null;

/** A fetch that records each call and answers from `answers` in turn (the last one repeats). */
export function fakeFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    calls.push(call);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    const value = typeof answer === 'function' ? answer(call) : answer;
    await Promise.resolve();
    return value instanceof Response ? value.clone() : Response.json(value);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export function context(fetch: typeof globalThis.fetch, overrides: Partial<SourceContext> = {}): SourceContext {
  return {
    connection: { mode: 'direct', apiBase: BASE },
    cacheTtl: 60_000,
    currency: 'USD',
    cache: new RequestCache(),
    fetch,
    ...overrides,
  };
}

export const direct: AlgonomyOptions = { tenantHash: 'tenant-1', accessToken: 'token-1', gcrId: 'gcr-1', pageSize: 8 };

export function row(code: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    productKey: 1,
    productCode: code,
    productName: `Product ${String(code)}`,
    productImgUrl: ' ',
    productQty: 1,
    orderValue: '$1.00',
    productValue: '$1.00',
    orderDate: '',
    ...extra,
  };
}

/** A successful envelope around `dataList`. */
export function ok(dataList: unknown[] | undefined, data: Record<string, unknown> = {}) {
  return {
    status: 'OK',
    message: '',
    data: {
      customerId: 2056,
      totalCount: dataList?.length ?? 0,
      currentPage: 1,
      pageSize: 8,
      totalPages: 1,
      dataList,
      data: null,
      ...data,
    },
  };
}

export const codes = (items: PurchasedItem[]) => items.map((item) => item.id);

export { configFailure, rejection } from '../../support/errors.ts';
