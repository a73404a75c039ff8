import { json, type FakeHandler, type RecordedRequest } from '../fake-fetch.ts';

/**
 * A fake Algonomy RCDP `productPurchased` API for element tests, answered in the page through
 * `installFakeFetch`: a purchase history in pages, the page asked for in the request's body.
 */

export interface AlgonomyFake {
  pageSize?: number;
  totalPages?: number;
  /** Row `i` of page `page` (from 1). */
  row?: (page: number, i: number) => Record<string, unknown>;
  /** In place of a page's answer; `undefined` lets the fake answer as usual. */
  answer?: (page: number, request: RecordedRequest) => Response | Promise<Response> | undefined;
}

const defaultRow = (page: number, i: number) => ({
  productCode: `SKU-${page}-${i}`,
  productName: `Product ${page}-${i}`,
  productQty: '1',
  productValue: '$ 1.5',
});

/** Page `page` of the history, as the vendor wraps it. */
export function algonomyPage(
  page: number,
  { pageSize = 3, totalPages = 3, row = defaultRow }: Omit<AlgonomyFake, 'answer'> = {},
) {
  const dataList = Array.from({ length: pageSize }, (_, i) => row(page, i));
  return {
    status: 'OK',
    message: '',
    data: {
      customerId: 2056,
      totalCount: totalPages * pageSize,
      currentPage: page,
      pageSize,
      totalPages,
      lastKey: { RK: page },
      dataList,
    },
  };
}

/** The page a request asks for. */
export const algonomyPageOf = (request: RecordedRequest) => (request.body as { page: number }).page;

export function algonomy(fake: AlgonomyFake = {}): FakeHandler {
  return (request) => {
    const page = algonomyPageOf(request);
    return fake.answer?.(page, request) ?? json(algonomyPage(page, fake));
  };
}
