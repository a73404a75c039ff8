import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockApiFetch } from '../support/mocks/mock-api.ts';

/**
 * The headless API (docs/embedding.md, "Headless"): an app that draws its own UI uses the
 * sources, clients and normalizers from the built npm entry, with no element and no DOM. Requests
 * go to a fake `fetch` that answers from the demo's mock vendor APIs and records what was sent.
 */
type Api = typeof import('../../src/index.ts');
let api: Api;

beforeAll(async () => {
  expect(existsSync('dist/npm/index.js'), 'dist/npm/index.js is missing: run `npm run build`').toBe(true);
  api = (await import(pathToFileURL(resolve('dist/npm/index.js')).href)) as Api;
});

const BASE = 'https://vendor.test/mock';

describe('the headless API from dist/npm/index.js', () => {
  it("createCsomniSource: a customer's items, then their names, with the vendor headers", async () => {
    const { fetch, calls: sent } = mockApiFetch();
    const source = api.createCsomniSource(
      {
        connection: { mode: 'direct', apiBase: `${BASE}/csomni` },
        cacheTtl: 0,
        currency: 'USD',
        fetch,
        cache: new api.RequestCache(),
      },
      { siteToken: 'site_demo_fernhill', customerToken: 'cs_demo_ana', imageBaseUrl: 'https://cdn.shop.test/img' },
    );
    const { items, hasMore } = await source.loadPage(1, {});
    expect(hasMore).toBe(false);
    expect(items.length).toBeGreaterThan(5);
    expect(items[0]).toMatchObject({
      id: 'vrnt_oatmilk1',
      productId: 'prod_oatmilk',
      name: null,
      price: { amount: 350, currency: 'USD' },
      quantity: 145,
      imageUrl: 'https://cdn.shop.test/img/9-14-2021/1631634128386__40977__oat-milk.jpg',
      available: true,
    });
    expect(sent[0].url.href).toBe(`${BASE}/csomni/frequentlyPurchased`);
    expect(sent[0].headers.get('token')).toBe('site_demo_fernhill');
    expect(sent[0].headers.get('customertoken')).toBe('cs_demo_ana');

    const named = new Map<string, string | null>();
    await source.enrich!(items.slice(0, 2), { onItem: (item) => named.set(item.id, item.name) });
    expect(named.get('vrnt_oatmilk1')).toBe('Organic Oat Milk 1 L');
    expect(sent.some((request) => request.url.pathname.endsWith('/products/prod_oatmilk/full'))).toBe(true);
  });

  it('createCsomniSource: a missing site token is a config error naming the attribute', () => {
    expect(() =>
      api.createCsomniSource({ connection: { mode: 'direct', apiBase: BASE }, cacheTtl: 0, currency: 'USD' }, {}),
    ).toThrowError(expect.objectContaining({ kind: 'config', message: expect.stringContaining('site-token') }));
  });

  it("createGiosgSource: every page of the carts, then a cart's lines, with exact totals", async () => {
    const { fetch, calls: sent } = mockApiFetch();
    const source = api.createGiosgSource(
      {
        connection: { mode: 'direct', apiBase: `${BASE}/giosg` },
        cacheTtl: 0,
        currency: 'EUR',
        fetch,
        cache: new api.RequestCache(),
      },
      {
        apiToken: 'demo-giosg-token',
        userId: 'ab7d649a-dfca-4677-b0de-66f8ed8d2c46',
        chatId: '450fc49e-277e-4dd6-af0f-6e9dcb885b09',
        visitorId: '203dc5c48da911e984bc0242ac14000a',
      },
    );
    const carts = await source.loadCarts();
    // The mock answers two carts a page: five carts means every `next` link was followed.
    expect(carts).toHaveLength(5);
    expect(sent.length).toBe(3);
    expect(sent.every((request) => request.headers.get('authorization') === 'Token demo-giosg-token')).toBe(true);
    // `next` links name the vendor's host; they are re-based on the configured base.
    expect(sent.every((request) => request.url.href.startsWith(`${BASE}/giosg/api/v5/`))).toBe(true);

    const open = carts.find((cart) => cart.id === '9279b2b4-8daf-11e9-b081-0242ac14000a')!;
    const withLines = await source.loadLines(open);
    expect(withLines.lines!.map((line) => line.name)).toContain('Cartproduct Sombrero');
    const totals = api.cartTotals(withLines);
    expect(totals.total).toEqual({ amount: 36582, currency: 'EUR' });
    expect(api.formatMoney(totals.total!, 'en-GB')).toBe('€365.82');
  });

  it('normalizeCartList: vendor JSON in, carts out; junk is dropped, never thrown', () => {
    const carts = api.normalizeCartList(
      [
        {
          id: 'c1',
          currency: null,
          total_value: '145.50',
          is_locked: true,
          locked_at: '2024-05-01T10:00:00Z',
          updated_at: '2024-05-01T09:00:00Z',
        },
        { currency: 'EUR', total_value: '1.00' },
        null,
        'not a cart',
        { id: 'c2', currency: 'EUR', total_value: '', total_subscription_value: '9.90' },
      ],
      'USD',
    );
    expect(carts.map((cart) => cart.id)).toEqual(['c1', 'c2']);
    expect(carts[0]).toMatchObject({
      currency: 'USD',
      totalValue: { amount: 14550, currency: 'USD' },
      isLocked: true,
      lines: null,
    });
    expect(carts[1]).toMatchObject({ totalValue: null, totalSubscriptionValue: { amount: 990, currency: 'EUR' } });
    expect(api.normalizeCartList({ results: 'nope' }, 'USD')).toEqual([]);
  });
});
