import {
  ALGONOMY_ACCESS_TOKEN_HEADER,
  ALGONOMY_CALLS,
  ALGONOMY_IDENTIFIERS,
  ALGONOMY_MAX_PAGE_SIZE,
  ALGONOMY_TENANT_HASH_HEADER,
} from '../../../src/sources/algonomy.contract.ts';
import { json, type FakeHandler, type RecordedRequest } from '../fake-fetch.ts';
import { latency, whichCall } from './calls.ts';

/**
 * A fake Algonomy RCDP `productPurchased` API, the one every test, the demo and the bench talk
 * to: `POST {base}/api/v1/profile/b2b/productPurchased` (`algonomy.contract.ts`), the credential
 * and customer headers it reads, its envelope and its refusals, written once.
 *
 * Paging: `{ page, pageSize, lastKey }` in the body (without one, page 1 of 20). Every page but
 * the last returns `data.lastKey`; asking for page n > 1 without the `lastKey` page n - 1
 * returned is a 400, as pages must come in order.
 *
 * For element tests answered in the page through `serve()`: a history of three pages of
 * three by default, `answer` in place of any page. The demo's mock API (`../mocks/algonomy.ts`)
 * is this fake with the demo buyer's history.
 */
export interface AlgonomyFake {
  /**
   * The purchase history, most recent first, or the history of the customer the headers name;
   * null for none at all, answered in the vendor's terse form (no list, no pages). Built from
   * `row`, `pageSize` and `totalPages` where not given.
   */
  history?: Record<string, unknown>[] | ((customer: AlgonomyCustomer) => Record<string, unknown>[] | null);
  /** Row `i` of page `page` (from 1) of a history of `totalPages` pages of `pageSize`. */
  row?: (page: number, i: number) => Record<string, unknown>;
  pageSize?: number;
  totalPages?: number;
  /** The customer id the answer carries, on a page (2056 by default). */
  customerId?: (customer: AlgonomyCustomer, page: number) => number | string;
  /** The pointer page `page` hands on to the next. */
  lastKey?: (page: number, pageSize: number) => unknown;
  /** Refuse a request without the credentials and a customer identifier, as the vendor does (the proxy adds them). */
  requireCredentials?: boolean;
  /** Milliseconds every answer takes. */
  delay?: number;
  /** The largest page size the API takes. */
  maxPageSize?: number;
  /** In place of a page's answer; `undefined` lets the fake answer as usual. */
  answer?: (page: number, request: RecordedRequest) => Response | Promise<Response> | undefined;
}

/** The customer identifiers a request's headers carry (at least one, from the vendor's point of view). */
export type AlgonomyCustomer = Partial<Record<keyof typeof ALGONOMY_IDENTIFIERS, string>>;

const defaultRow = (page: number, i: number) => ({
  productCode: `SKU-${page}-${i}`,
  productName: `Product ${page}-${i}`,
  productQty: '1',
  productValue: '$ 1.5',
});

/** A history of `totalPages` pages of `pageSize` rows, row `i` of page `page` from `row`. */
export function algonomyHistory({
  pageSize = 3,
  totalPages = 3,
  row = defaultRow,
}: Pick<AlgonomyFake, 'pageSize' | 'totalPages' | 'row'> = {}): Record<string, unknown>[] {
  return Array.from({ length: totalPages }, (_, page) =>
    Array.from({ length: pageSize }, (_, i) => row(page + 1, i)),
  ).flat();
}

const testLastKey = (page: number) => ({ RK: page });

/** Page `page` of a history, as the vendor wraps it. */
function envelope(
  page: number,
  history: Record<string, unknown>[],
  {
    pageSize,
    customerId = 2056,
    lastKey = testLastKey,
  }: {
    pageSize: number;
    customerId?: number | string;
    lastKey?: AlgonomyFake['lastKey'];
  },
) {
  const totalPages = Math.ceil(history.length / pageSize);
  return {
    status: 'OK',
    message: '',
    data: {
      customerId,
      totalCount: history.length,
      currentPage: page,
      pageSize,
      totalPages,
      lastKey: page < totalPages ? lastKey(page, pageSize) : null,
      dataList: history.slice((page - 1) * pageSize, page * pageSize).map((row) => ({ ...row, customerId })),
      data: null,
    },
  };
}

/** Page `page` of the history `row`, `pageSize` and `totalPages` build (see `AlgonomyFake`), as the fake answers it. */
export const algonomyPage = (page: number, fake: Pick<AlgonomyFake, 'pageSize' | 'totalPages' | 'row'> = {}) =>
  envelope(page, algonomyHistory(fake), { pageSize: fake.pageSize ?? 3 });

/** The page a request asks for. */
export const algonomyPageOf = (request: RecordedRequest) => (request.body as { page: number }).page;

const failure = (message: string, status: number) => json({ status: 'ERROR', message, data: null }, status);

/** A whole number from a JSON body field, `fallback` when absent, null when unusable. */
function whole(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : null;
}

const sameKey = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function algonomy(fake: AlgonomyFake = {}): FakeHandler {
  const {
    history = algonomyHistory(fake),
    customerId = () => 2056,
    lastKey = testLastKey,
    maxPageSize = ALGONOMY_MAX_PAGE_SIZE,
  } = fake;
  return async (request) => {
    const call = whichCall(ALGONOMY_CALLS, request);
    if (call?.name !== 'productPurchased') return failure(`No route ${request.method} ${request.url.pathname}`, 404);
    if (request.method !== 'POST') return failure(`Method ${request.method} not allowed`, 405);

    const customer = Object.fromEntries(
      Object.entries(ALGONOMY_IDENTIFIERS).flatMap(([key, header]) => {
        const value = request.headers.get(header);
        return value ? [[key, value]] : [];
      }),
    ) as AlgonomyCustomer;
    if (fake.requireCredentials) {
      const accessToken = request.headers.get(ALGONOMY_ACCESS_TOKEN_HEADER);
      if (!accessToken) return failure(`${ALGONOMY_ACCESS_TOKEN_HEADER} header is required`, 401);
      if (accessToken === 'expired') return failure('Access token expired', 401);
      if (!request.headers.get(ALGONOMY_TENANT_HASH_HEADER))
        return failure(`${ALGONOMY_TENANT_HASH_HEADER} header is required`, 400);
      if (!Object.keys(customer).length) {
        const headers = Object.values(ALGONOMY_IDENTIFIERS);
        return failure(`One of ${headers.slice(0, -1).join(', ')} or ${headers.at(-1)} is required`, 400);
      }
    }

    const body = request.body === undefined ? {} : request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return failure('Request body must be a JSON object', 400);
    const { page: askedPage, pageSize: askedSize, lastKey: sentKey } = body as Record<string, unknown>;
    const page = whole(askedPage, 1);
    const pageSize = whole(askedSize, 20);
    if (page === null || page < 1) return failure('page must be a whole number from 1', 400);
    if (pageSize === null || pageSize < 1 || pageSize > maxPageSize)
      return failure(`pageSize must be between 1 and ${maxPageSize}`, 400);

    await latency(fake.delay);
    const answered = await fake.answer?.(page, request);
    if (answered) return answered;
    if (page > 1 && !sameKey(sentKey, lastKey(page - 1, pageSize))) {
      return failure(
        `lastKey is missing or does not match page ${page - 1}: ` +
          'request pages in order, sending the lastKey of the page before',
        400,
      );
    }

    const rows = typeof history === 'function' ? history(customer) : history;
    const id = customerId(customer, page);
    if (rows === null) {
      // Nothing at all, in the terse form: no list, a count of 0.
      const data = { customerId: id, totalCount: 0, currentPage: 1, pageSize, totalPages: 0, dataList: null };
      return json({ status: 'OK', message: '', data: { ...data, data: null } });
    }
    return json(envelope(page, rows, { pageSize, customerId: id, lastKey }));
  };
}
