import { describe, expect, it } from 'vitest';
import { RequestCache } from '../../src/core/cache.ts';
import { createAlgonomySource } from '../../src/sources/algonomy.ts';
import { algonomyMockLastKey } from '../support/mocks/algonomy.ts';
import { mockApi, mockApiFetch } from '../support/mocks/mock-api.ts';

const ORIGIN = 'http://demo.test';
const PATH = '/api/v1/profile/b2b/productPurchased';
const HEADERS = {
  access_token: 'demo-token',
  tenant_hash: 'demo-tenant',
  gcrId: 'gcr-1001',
  'content-type': 'application/json',
};

interface Envelope {
  status: string;
  message: string;
  data: {
    currentPage: number;
    totalPages: number;
    totalCount: number;
    lastKey?: unknown;
    dataList: { productCode: unknown; customerId: unknown }[] | null;
  } | null;
}

async function post(body: unknown, headers: Record<string, string> = HEADERS, base = '/mock/algonomy') {
  const response = await mockApi(
    new Request(`${ORIGIN}${base}${PATH}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  );
  return { status: response.status, body: (await response.json()) as Envelope };
}

describe('Algonomy mock API', () => {
  it('pages with a lastKey chain, and refuses a page without the lastKey before it', async () => {
    const page1 = await post({ page: 1, pageSize: 8 });
    expect(page1.status).toBe(200);
    expect(page1.body.data).toMatchObject({ currentPage: 1, totalPages: 3, totalCount: 24 });
    expect(page1.body.data?.dataList).toHaveLength(8);
    const lastKey = page1.body.data?.lastKey;
    expect(lastKey).toEqual(algonomyMockLastKey(1, 8));

    const missing = await post({ page: 2, pageSize: 8 });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ status: 'ERROR', message: expect.stringContaining('lastKey') });
    expect((await post({ page: 2, pageSize: 8, lastKey: { HK_CUSTOMER_CODE: 'x', RK_DATE_KEY: 1 } })).status).toBe(400);

    const page2 = await post({ page: 2, pageSize: 8, lastKey });
    expect(page2.status).toBe(200);
    expect(page2.body.data?.currentPage).toBe(2);
    const page3 = await post({ page: 3, pageSize: 8, lastKey: page2.body.data?.lastKey });
    expect(page3.body.data?.dataList).toHaveLength(8);
    expect(page3.body.data?.lastKey).toBeNull();
    // customerId is a number on one page and a string on the next.
    expect(typeof page1.body.data?.dataList?.[0].customerId).toBe('number');
    expect(typeof page2.body.data?.dataList?.[0].customerId).toBe('string');
  });

  it('honours pageSize', async () => {
    const page = await post({ page: 1, pageSize: 20 });
    expect(page.body.data).toMatchObject({ totalPages: 2 });
    expect(page.body.data?.dataList).toHaveLength(20);
    expect((await post({ page: 1, pageSize: 0 })).status).toBe(400);
  });

  it('answers 401 for an expired access token and requires the vendor headers', async () => {
    const expired = await post({ page: 1, pageSize: 8 }, { ...HEADERS, access_token: 'expired' });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status: 'ERROR', message: 'Access token expired' });
    const { access_token: _token, ...noToken } = HEADERS;
    expect((await post({ page: 1 }, noToken)).status).toBe(401);
    const { tenant_hash: _tenant, ...noTenant } = HEADERS;
    expect((await post({ page: 1 }, noTenant)).status).toBe(400);
    const { gcrId: _gcr, ...anonymous } = HEADERS;
    expect((await post({ page: 1 }, anonymous)).status).toBe(400);
    expect((await post({ page: 1 }, { ...anonymous, email_address: 'buyer@example.com' })).status).toBe(200);
  });

  it('has an empty customer and an empty fault, both clean empty results', async () => {
    const empty = await post({ page: 1, pageSize: 8 }, { ...HEADERS, gcrId: 'gcr-empty' });
    expect(empty.body).toMatchObject({ status: 'OK', data: { totalCount: 0, dataList: [] } });
    const fault = await post({ page: 1, pageSize: 8 }, HEADERS, '/mock/faults/empty/algonomy');
    expect(fault.body).toMatchObject({ status: 'OK', data: { totalCount: 0, dataList: null } });
  });
});

describe('Algonomy source on the mock API', () => {
  const { fetch } = mockApiFetch();
  const source = (apiBase = `${ORIGIN}/mock/algonomy`, gcrId = 'gcr-1001') =>
    createAlgonomySource(
      { connection: { mode: 'direct', apiBase }, cacheTtl: 60_000, currency: 'USD', cache: new RequestCache(), fetch },
      { tenantHash: 'demo-tenant', accessToken: 'demo-token', gcrId, pageSize: 8 },
    );

  it('loads all three pages in order, following the lastKey chain', async () => {
    const algonomy = source();
    const pages = [await algonomy.loadPage(1, {}), await algonomy.loadPage(2, {}), await algonomy.loadPage(3, {})];
    expect(pages.map((page) => [page.items.length, page.hasMore])).toEqual([
      [8, true],
      [6, true],
      [8, false],
    ]);
    const first = pages[0].items;
    expect(first[0]).toMatchObject({
      id: '1000000873152',
      imageUrl: null,
      price: { amount: 10030, currency: 'USD' },
      lastOrderedAt: null,
    });
    expect(first[2]).toMatchObject({
      name: 'copier paper A4 80gsm, 5 reams',
      imageUrl: '/mock/assets/copier-paper.jpg',
      quantity: 12,
      price: { amount: 5590 },
    });
    expect(first[3].orderValue).toEqual({ amount: 100050, currency: 'USD' });
    // The copier paper bought again on page 3 keeps its id, so the list can show it once.
    expect(pages[2].items.map((item) => item.id)).toContain(first[2].id);
    const all = new Set(pages.flatMap((page) => page.items.map((item) => item.id)));
    expect(all.size).toBe(21);
  });

  it('shows the empty customer as empty and an expired token as an auth error', async () => {
    expect(await source(undefined, 'gcr-empty').loadPage(1, {})).toEqual({ items: [], hasMore: false });
    expect(await source(`${ORIGIN}/mock/faults/empty/algonomy`).loadPage(1, {})).toEqual({ items: [], hasMore: false });
    const expired = createAlgonomySource(
      {
        connection: { mode: 'direct', apiBase: `${ORIGIN}/mock/algonomy` },
        cacheTtl: 0,
        currency: 'USD',
        cache: new RequestCache(),
        fetch,
      },
      { tenantHash: 'demo-tenant', accessToken: 'expired', gcrId: 'gcr-1001', pageSize: 8 },
    );
    await expect(expired.loadPage(1, {})).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      message: 'Access token expired',
    });
  });

  it('fails page 3 only under the page3-500 fault', async () => {
    const algonomy = source(`${ORIGIN}/mock/faults/page3-500/algonomy`);
    expect((await algonomy.loadPage(1, {})).items).toHaveLength(8);
    expect((await algonomy.loadPage(2, {})).hasMore).toBe(true);
    await expect(algonomy.loadPage(3, {})).rejects.toMatchObject({ kind: 'http', status: 500 });
  });
});
