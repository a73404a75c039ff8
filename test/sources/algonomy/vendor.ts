import { RequestCache } from '../../../src/core/cache.ts';
import type { PurchasedItem } from '../../../src/model.ts';
import { type AlgonomyOptions } from '../../../src/sources/algonomy.ts';
import type { SourceContext } from '../../../src/sources/source.ts';
import type { FakeHandler, RecordedRequest } from '../../support/fake-fetch.ts';

/** The answers, envelopes, rows and failure readers the Algonomy source tests share (`recordingFetch` records). */

export const BASE = 'https://rcdp.example.com/rcdpapi';
export const ENDPOINT = `${BASE}/api/v1/profile/b2b/productPurchased`;

export type Answer =
  | ((call: RecordedRequest) => unknown)
  | Response
  | Record<string, unknown>
  | unknown[]
  | string
  | number
  | boolean
  | null;

/** Answers from `answers` in turn (the last one repeats): a Response as it is, anything else as JSON. */
export function inTurn(...answers: Answer[]): FakeHandler {
  let calls = 0;
  return (call) => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    const value = typeof answer === 'function' ? answer(call) : answer;
    return value instanceof Response ? value.clone() : Response.json(value);
  };
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
