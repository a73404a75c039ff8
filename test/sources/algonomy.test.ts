import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RequestCache } from '../../src/core/cache.ts';
import { WidgetError } from '../../src/core/errors.ts';
import type { PurchasedItem } from '../../src/model.ts';
import {
  ALGONOMY_MAX_PAGES,
  createAlgonomySource,
  normalizeProductPurchased,
  type AlgonomyOptions,
} from '../../src/sources/algonomy.ts';
import type { Connection, SourceContext } from '../../src/sources/source.ts';
import { parseDateTime } from '../../src/sources/read.ts';

const BASE = 'https://rcdp.example.com/rcdpapi';
const ENDPOINT = `${BASE}/api/v1/profile/b2b/productPurchased`;

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer =
  ((call: Call) => unknown) | Response | Record<string, unknown> | unknown[] | string | number | boolean | null;

/** A fetch that records each call and answers from `answers` in turn (the last one repeats). */
function fakeFetch(...answers: Answer[]) {
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

function context(fetch: typeof globalThis.fetch, overrides: Partial<SourceContext> = {}): SourceContext {
  return {
    connection: { mode: 'direct', apiBase: BASE },
    cacheTtl: 60_000,
    currency: 'USD',
    cache: new RequestCache(),
    fetch,
    ...overrides,
  };
}

const direct: AlgonomyOptions = { tenantHash: 'tenant-1', accessToken: 'token-1', gcrId: 'gcr-1', pageSize: 8 };

function row(code: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
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
function ok(dataList: unknown[] | undefined, data: Record<string, unknown> = {}) {
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

const codes = (items: PurchasedItem[]) => items.map((item) => item.id);

async function rejection(promise: Promise<unknown>): Promise<WidgetError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WidgetError);
  return error as WidgetError;
}

function configFailure(build: () => unknown): WidgetError {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WidgetError);
  expect((caught as WidgetError).kind).toBe('config');
  return caught as WidgetError;
}

describe('normalizeProductPurchased', () => {
  it('reads the documented sample', () => {
    const sample = {
      status: 'OK',
      message: '',
      data: {
        customerId: 2056,
        totalCount: 2,
        currentPage: 1,
        pageSize: 20,
        totalPages: 1,
        dataList: [
          {
            productKey: 1,
            productCode: '1000000873152',
            productName: 'NF-PO06:NAVY:11-12 Y',
            productDescription: 'NF-PO06:NAVY:11-12 Y',
            productImgUrl: ' ',
            productQty: 1,
            orderValue: '$100.30',
            productValue: '$100.30',
            orderDate: '',
          },
          {
            productKey: 2,
            productCode: '4900016873417',
            productName: '71299:ORANGE:24',
            productDescription: '71299:ORANGE:24',
            productImgUrl: ' ',
            productQty: 10,
            orderValue: '$1000.0',
            productValue: '$100.0',
            orderDate: ' ',
          },
        ],
        data: null,
      },
    };
    const result = normalizeProductPurchased(sample, 'USD');
    expect(result.totalPages).toBe(1);
    expect(result.currentPage).toBe(1);
    expect(result.lastKey).toBeNull();
    expect(result.items).toEqual([
      {
        id: '1000000873152',
        productId: '1000000873152',
        variantId: null,
        name: 'NF-PO06:NAVY:11-12 Y',
        imageUrl: null,
        price: { amount: 10030, currency: 'USD' },
        quantity: 1,
        orderValue: { amount: 10030, currency: 'USD' },
        lastOrderedAt: null,
        url: null,
        available: true,
      },
      {
        id: '4900016873417',
        productId: '4900016873417',
        variantId: null,
        name: '71299:ORANGE:24',
        imageUrl: null,
        price: { amount: 10000, currency: 'USD' },
        quantity: 10,
        orderValue: { amount: 100000, currency: 'USD' },
        lastOrderedAt: null,
        url: null,
        available: true,
      },
    ]);
    // The envelope's `data` alone reads the same.
    expect(normalizeProductPurchased(sample.data, 'USD')).toEqual(result);
  });

  it.each([
    ['$100.30', 10030],
    ['$ 55.9', 5590],
    ['$1000.0', 100000],
    ['$1,000.50', 100050],
    ['$0.29', 29],
    ['.00', 0],
  ])('reads %j exactly as price and order value', (money, amount) => {
    const [item] = normalizeProductPurchased(ok([row('A', { productValue: money, orderValue: money })]), 'USD').items;
    expect(item.price).toEqual({ amount, currency: 'USD' });
    expect(item.orderValue).toEqual({ amount, currency: 'USD' });
  });

  it('uses the given currency and leaves unreadable money null', () => {
    const result = normalizeProductPurchased(
      ok([
        row('A', { productValue: '$1,000.50', orderValue: '' }),
        row('B', { productValue: ' ', orderValue: 'n/a' }),
        row('C', { productValue: null, orderValue: {} }),
      ]),
      'EUR',
    );
    expect(result.items.map((item) => [item.price, item.orderValue])).toEqual([
      [{ amount: 100050, currency: 'EUR' }, null],
      [null, null],
      [null, null],
    ]);
  });

  it('takes productCode as id and productId, stringifying numbers and dropping rows without one', () => {
    const result = normalizeProductPurchased(
      ok([
        row(5012345000070),
        row(' 42 '),
        row(''),
        row(' '),
        row(null),
        row(undefined),
        row({ code: 1 }),
        row(['x']),
        row(Number.NaN),
        { productName: 'no code' },
        null,
        'row',
        7,
      ]),
      'USD',
    );
    expect(codes(result.items)).toEqual(['5012345000070', '42']);
    expect(result.items.map((item) => item.productId)).toEqual(['5012345000070', '42']);
    expect(result.items.every((item) => item.available && item.variantId === null && item.url === null)).toBe(true);
  });

  it('shows a product listed twice in one page once (the first row)', () => {
    const result = normalizeProductPurchased(
      ok([row('A', { productQty: 3 }), row('B'), row('A', { productQty: 9 }), row(7), row('7')]),
      'USD',
    );
    expect(codes(result.items)).toEqual(['A', 'B', '7']);
    expect(result.items[0].quantity).toBe(3);
  });

  it('trims names and turns empty ones into null', () => {
    const names = [
      '  copier paper A4 ',
      'NITRILE GLOVES   (BOX OF 100)',
      'Hi-Vis Vest\t',
      '',
      '   ',
      null,
      12,
      { name: 'x' },
    ];
    const result = normalizeProductPurchased(
      ok(names.map((productName, index) => row(`P${index}`, { productName }))),
      'USD',
    );
    expect(result.items.map((item) => item.name)).toEqual([
      'copier paper A4',
      'NITRILE GLOVES (BOX OF 100)',
      'Hi-Vis Vest',
      null,
      null,
      null,
      '12',
      null,
    ]);
  });

  it('passes only http, https and relative image URLs', () => {
    const images = [
      ' ',
      '',
      '/mock/assets/stapler.jpg',
      'https://cdn.example.com/a.jpg',
      ' http://cdn.example.com/b.jpg ',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'JaVaScRiPt:alert(1)',
      null,
      5,
    ];
    const result = normalizeProductPurchased(
      ok(images.map((productImgUrl, index) => row(`P${index}`, { productImgUrl }))),
      'USD',
    );
    expect(result.items.map((item) => item.imageUrl)).toEqual([
      null,
      null,
      '/mock/assets/stapler.jpg',
      'https://cdn.example.com/a.jpg',
      'http://cdn.example.com/b.jpg',
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads quantities as numbers or numeric strings, never negative', () => {
    const quantities = [1, 10, '12', ' 3 ', '2.5', 'x', '', null, Number.POSITIVE_INFINITY, true, -2, '-2'];
    const result = normalizeProductPurchased(
      ok(quantities.map((productQty, index) => row(`P${index}`, { productQty }))),
      'USD',
    );
    expect(result.items.map((item) => item.quantity)).toEqual([
      1,
      10,
      12,
      3,
      2.5,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads orderDate when it parses and leaves anything else null', () => {
    const dates = [
      '',
      ' ',
      '2024-02-14T09:30:00Z',
      '2024-03-05 10:00:00',
      '2023-11-02T11:00:00+01:00',
      '2023-09-01',
      'N/A',
      'yesterday',
      '2024-02-31',
      '2024-13-01 10:00:00',
      '1',
      1709632800000,
      null,
    ];
    const result = normalizeProductPurchased(
      ok(dates.map((orderDate, index) => row(`P${index}`, { orderDate }))),
      'USD',
    );
    const at = result.items.map((item) => item.lastOrderedAt);
    expect(at[0]).toBeNull();
    expect(at[1]).toBeNull();
    expect(at[2]?.toISOString()).toBe('2024-02-14T09:30:00.000Z');
    // No offset: the vendor's wall-clock time, read as local so the shopper sees that day.
    expect(at[3]?.getTime()).toBe(new Date(2024, 2, 5, 10, 0, 0).getTime());
    expect(at[4]?.toISOString()).toBe('2023-11-02T10:00:00.000Z');
    expect(at[5]?.getTime()).toBe(new Date(2023, 8, 1).getTime());
    expect(at.slice(6)).toEqual([null, null, null, null, null, null, null]);
  });

  it('orderDate parsing rejects impossible dates and times', () => {
    expect(parseDateTime('2023-02-29')).toBeNull();
    expect(parseDateTime('2024-02-29')).not.toBeNull();
    expect(parseDateTime('2024-04-31 10:00:00')).toBeNull();
    expect(parseDateTime('2024-04-30 24:00:00')).toBeNull();
    expect(parseDateTime('2024-04-30T10:00:00+25:00')).toBeNull();
    expect(parseDateTime('0099-01-01')?.getFullYear()).toBe(99);
  });

  it('does not break on customerId as a number or a string', () => {
    const asNumber = normalizeProductPurchased(ok([row('A', { customerId: 2056 })], { customerId: 2056 }), 'USD');
    const asString = normalizeProductPurchased(ok([row('A', { customerId: '2056' })], { customerId: '2056' }), 'USD');
    const asObject = normalizeProductPurchased(ok([row('A', { customerId: { id: 1 } })], { customerId: null }), 'USD');
    expect(asNumber).toEqual(asString);
    expect(asObject).toEqual(asNumber);
    expect(codes(asNumber.items)).toEqual(['A']);
  });

  it('reads the paging facts and the lastKey', () => {
    const lastKey = { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 5 };
    expect(normalizeProductPurchased(ok([], { currentPage: '2', totalPages: '3', lastKey }), 'USD')).toMatchObject({
      currentPage: 2,
      totalPages: 3,
      lastKey,
    });
    // A lastKey beside `data` rather than inside it is read too.
    expect(normalizeProductPurchased({ ...ok([]), lastKey }, 'USD').lastKey).toEqual(lastKey);
    expect(
      normalizeProductPurchased(ok([], { currentPage: -1, totalPages: 'many', lastKey: '' }), 'USD'),
    ).toMatchObject({ currentPage: null, totalPages: null, lastKey: null });
  });

  it('never throws on anything a row can throw at it', () => {
    const hostile = Object.defineProperty({}, 'productCode', {
      get() {
        throw new Error('boom');
      },
    });
    const result = normalizeProductPurchased(ok([hostile, row('A')]), 'USD');
    expect(codes(result.items)).toEqual(['A']);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(() => normalizeProductPurchased(revoked.proxy, 'USD')).not.toThrow();
    expect(normalizeProductPurchased(ok([row('A')]), 'not a currency').items[0].price).toBeNull();
  });

  const wellFormed = (result: ReturnType<typeof normalizeProductPurchased>) => {
    expect(Array.isArray(result.items)).toBe(true);
    const ids = new Set<string>();
    for (const item of result.items) {
      expect(typeof item.id).toBe('string');
      expect(item.id.trim()).not.toBe('');
      expect(ids.has(item.id)).toBe(false);
      ids.add(item.id);
      expect(item.productId).toBe(item.id);
      expect(item.variantId).toBeNull();
      expect(item.name === null || (typeof item.name === 'string' && item.name !== '')).toBe(true);
      expect(item.imageUrl === null || typeof item.imageUrl === 'string').toBe(true);
      for (const money of [item.price, item.orderValue]) {
        if (money !== null) {
          expect(Number.isSafeInteger(money.amount)).toBe(true);
          expect(money.currency).toBe('USD');
        }
      }
      expect(item.quantity === null || (Number.isFinite(item.quantity) && item.quantity >= 0)).toBe(true);
      expect(
        item.lastOrderedAt === null ||
          (item.lastOrderedAt instanceof Date && Number.isFinite(item.lastOrderedAt.getTime())),
      ).toBe(true);
      expect(item.url).toBeNull();
      expect(item.available).toBe(true);
    }
    for (const page of [result.totalPages, result.currentPage]) {
      expect(page === null || (Number.isSafeInteger(page) && page >= 0)).toBe(true);
    }
  };

  it('never throws on any JSON value and returns well-formed results', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        wellFormed(normalizeProductPurchased(value, 'USD'));
        wellFormed(normalizeProductPurchased({ status: 'OK', data: value }, 'USD'));
        wellFormed(normalizeProductPurchased({ dataList: [value] }, 'USD'));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on records with random field types and returns well-formed items', () => {
    const anything = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.constantFrom(
        '',
        ' ',
        '$100.30',
        '$ 55.9',
        '$1000.0',
        '$1,000.50',
        '2024-03-05 10:00:00',
        '2024-02-14T09:30:00Z',
        'javascript:alert(1)',
        '/mock/assets/a.jpg',
      ),
      fc.constant(undefined),
    );
    const record = fc.record(
      {
        productKey: anything,
        productCode: fc.oneof(anything, fc.string(), fc.integer({ min: 0 })),
        productName: anything,
        productDescription: anything,
        productImgUrl: anything,
        productQty: anything,
        orderValue: anything,
        productValue: anything,
        orderDate: anything,
        customerId: anything,
      },
      { requiredKeys: [] },
    );
    const envelope = fc.record(
      {
        status: anything,
        message: anything,
        data: fc.record(
          {
            customerId: anything,
            totalCount: anything,
            currentPage: anything,
            totalPages: anything,
            pageSize: anything,
            lastKey: anything,
            dataList: fc.array(fc.oneof(record, anything), { maxLength: 12 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(envelope, (value) => {
        wellFormed(normalizeProductPurchased(value, 'USD'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('createAlgonomySource: configuration', () => {
  const { fetch } = fakeFetch(ok([]));

  it('needs `api-base` in direct mode (Algonomy has no default base)', () => {
    const error = configFailure(() =>
      createAlgonomySource(context(fetch, { connection: { mode: 'direct', apiBase: '' } }), direct),
    );
    expect(error.message).toContain('`api-base`');
    configFailure(() =>
      createAlgonomySource(context(fetch, { connection: { mode: 'direct', apiBase: '  ' } }), direct),
    );
  });

  it('needs `tenant-hash` and `access-token` in direct mode', () => {
    expect(
      configFailure(() => createAlgonomySource(context(fetch), { ...direct, tenantHash: undefined })).message,
    ).toContain('`tenant-hash`');
    expect(configFailure(() => createAlgonomySource(context(fetch), { ...direct, tenantHash: ' ' })).message).toContain(
      '`tenant-hash`',
    );
    expect(
      configFailure(() => createAlgonomySource(context(fetch), { ...direct, accessToken: undefined })).message,
    ).toContain('`access-token`');
    expect(configFailure(() => createAlgonomySource(context(fetch), { ...direct, accessToken: '' })).message).toContain(
      '`access-token`',
    );
  });

  it('needs one of the customer identifiers in direct mode, naming all four', () => {
    const error = configFailure(() =>
      createAlgonomySource(context(fetch), { tenantHash: 't', accessToken: 'a', gcrId: ' ', email: '', pageSize: 20 }),
    );
    for (const attribute of ['gcr-id', 'email', 'mobile-number', 'customer-code'])
      expect(error.message).toContain(`\`${attribute}\``);
  });

  it('needs a whole `page-size` from 1 to 500', () => {
    for (const pageSize of [0, -1, 2.5, Number.NaN, 501]) {
      expect(configFailure(() => createAlgonomySource(context(fetch), { ...direct, pageSize })).message).toContain(
        '`page-size`',
      );
    }
  });

  it('needs none of the vendor attributes in proxy mode', () => {
    const proxy: Connection = { mode: 'proxy', proxyUrl: 'https://shop.example.com/widgets' };
    expect(() => createAlgonomySource(context(fetch, { connection: proxy }), { pageSize: 20 })).not.toThrow();
  });
});

describe('createAlgonomySource: requests', () => {
  const identifiers = [
    ['gcrId', 'gcr-1', 'gcrid'],
    ['email', 'buyer@example.com', 'email_address'],
    ['mobileNumber', '1212121212', 'mobile_number'],
    ['customerCode', '123456', 'customer_code_external'],
  ] as const;

  it.each(identifiers)('sends %s alone as its header', async (option, value, header) => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    await createAlgonomySource(context(fetch), {
      tenantHash: 'tenant-1',
      accessToken: 'token-1',
      [option]: value,
      pageSize: 8,
    }).loadPage(1, {});
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe(ENDPOINT);
    expect(calls[0].headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      access_token: 'token-1',
      tenant_hash: 'tenant-1',
      [header]: value,
    });
  });

  it('sends every identifier it has', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    await createAlgonomySource(context(fetch, { connection: { mode: 'direct', apiBase: `${BASE}/` } }), {
      tenantHash: ' tenant-1 ',
      accessToken: 'token-1',
      gcrId: 'gcr-1',
      email: 'buyer@example.com',
      mobileNumber: '1212121212',
      customerCode: '123456',
      pageSize: 8,
    }).loadPage(1, {});
    expect(calls[0].url).toBe(ENDPOINT);
    expect(calls[0].headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      access_token: 'token-1',
      tenant_hash: 'tenant-1',
      gcrid: 'gcr-1',
      email_address: 'buyer@example.com',
      mobile_number: '1212121212',
      customer_code_external: '123456',
    });
  });

  it('sends no vendor headers and no identifiers through the proxy, only the session', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    const options: AlgonomyOptions = { ...direct, email: 'buyer@example.com', mobileNumber: '1', customerCode: '2' };
    await createAlgonomySource(
      context(fetch, {
        connection: {
          mode: 'proxy',
          proxyUrl: 'https://shop.example.com/widgets/',
          customerSession: 'jwt.session.sig',
        },
      }),
      options,
    ).loadPage(1, {});
    await createAlgonomySource(
      context(fetch, { connection: { mode: 'proxy', proxyUrl: 'https://shop.example.com/widgets' } }),
      options,
    ).loadPage(1, {});
    expect(calls.map((call) => call.url)).toEqual([
      'https://shop.example.com/widgets/algonomy/api/v1/profile/b2b/productPurchased',
      'https://shop.example.com/widgets/algonomy/api/v1/profile/b2b/productPurchased',
    ]);
    expect(calls[0].headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: 'Bearer jwt.session.sig',
    });
    expect(calls[1].headers).toEqual({ accept: 'application/json', 'content-type': 'application/json' });
    expect(calls[0].body).toEqual({ page: 1, pageSize: 8 });
  });

  it('asks for each page with the lastKey the page before returned', async () => {
    const key1 = { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 8 };
    const key2 = { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 16 };
    const { fetch, calls } = fakeFetch((call) => {
      const { page } = call.body as { page: number };
      const lastKey = page === 1 ? key1 : page === 2 ? key2 : null;
      return ok([row(`P${page}`)], { currentPage: page, totalPages: 3, lastKey });
    });
    const source = createAlgonomySource(context(fetch), direct);
    expect(codes((await source.loadPage(1, {})).items)).toEqual(['P1']);
    expect(codes((await source.loadPage(2, {})).items)).toEqual(['P2']);
    expect(codes((await source.loadPage(3, {})).items)).toEqual(['P3']);
    expect(calls.map((call) => call.body)).toEqual([
      { page: 1, pageSize: 8 },
      { page: 2, pageSize: 8, lastKey: key1 },
      { page: 3, pageSize: 8, lastKey: key2 },
    ]);
    // Refresh starts the chain again, from page 1 without a lastKey.
    await source.loadPage(1, { force: true });
    expect(calls).toHaveLength(4);
    expect(calls[3].body).toEqual({ page: 1, pageSize: 8 });
  });

  it('sends no lastKey when the page before returned none', async () => {
    const { fetch, calls } = fakeFetch(
      ok([row('A')], { totalPages: 2 }),
      ok([row('B')], { currentPage: 2, totalPages: 2 }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    await source.loadPage(2, {});
    expect(calls.map((call) => call.body)).toEqual([
      { page: 1, pageSize: 8 },
      { page: 2, pageSize: 8 },
    ]);
  });

  it('keeps each instance its own lastKey chain', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      const { page } = call.body as { page: number };
      return ok([row(`P${page}`)], { currentPage: page, totalPages: 3, lastKey: page === 1 ? { after: 'p1' } : null });
    });
    const ctx = context(fetch);
    const first = createAlgonomySource(ctx, direct);
    const second = createAlgonomySource(ctx, direct);
    await first.loadPage(1, {});
    await second.loadPage(2, {});
    expect(calls.map((call) => call.body)).toEqual([
      { page: 1, pageSize: 8 },
      { page: 2, pageSize: 8 },
    ]);
  });
});

describe('createAlgonomySource: answers', () => {
  it.each([
    ['Something went wrong', 'http'],
    ['Access token expired', 'auth'],
    ['Invalid access token', 'auth'],
    ['invalid token', 'auth'],
  ] as const)('turns status ERROR with message %j into a %s error carrying it', async (message, kind) => {
    const { fetch } = fakeFetch({ status: 'ERROR', message, data: null });
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
  });

  it('reports a failed status without a message by its status', async () => {
    const { fetch } = fakeFetch({ status: 'FAILED', data: { dataList: [] } });
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error.kind).toBe('http');
    expect(error.message).toContain('FAILED');
  });

  it('reads an HTTP 401 with the envelope as an auth error with its message', async () => {
    const { fetch, calls } = fakeFetch(
      Response.json({ status: 'ERROR', message: 'Access token expired' }, { status: 401 }),
    );
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: 'Access token expired' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['data: null', { status: 'OK', message: '', data: null }],
    ['no data', { status: 'OK', message: '' }],
    ['no dataList', { status: 'OK', message: '', data: { totalCount: 5, totalPages: 1 } }],
    ['dataList null with rows counted', { status: 'OK', message: '', data: { totalCount: 2, dataList: null } }],
    ['dataList not a list', { status: 'OK', message: '', data: { totalCount: 0, dataList: 'none' } }],
    ['no status', { data: { dataList: [] } }],
    ['an array', [row('A')]],
    ['a string', 'OK'],
    ['a number', 42],
    ['null', null],
  ])('rejects %s as invalid-response', async (_, body) => {
    const { fetch } = fakeFetch(body);
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error.kind).toBe('invalid-response');
  });

  it.each([
    [
      'totalCount 0 without a list',
      { status: 'OK', message: '', data: { customerId: 1, totalCount: 0, totalPages: 0 } },
    ],
    ['totalCount "0" with dataList null', { status: 'OK', message: '', data: { totalCount: '0', dataList: null } }],
    ['an empty dataList', ok([], { totalCount: 0, totalPages: 0 })],
  ])('reads %s as a clean empty result', async (_, body) => {
    const { fetch } = fakeFetch(body);
    expect(await createAlgonomySource(context(fetch), direct).loadPage(1, {})).toEqual({ items: [], hasMore: false });
  });

  it('does not cache failures', async () => {
    const { fetch, calls } = fakeFetch({ status: 'ERROR', message: 'Busy' }, ok([row('A')]));
    const source = createAlgonomySource(context(fetch), direct);
    await rejection(source.loadPage(1, {}));
    expect(codes((await source.loadPage(1, {})).items)).toEqual(['A']);
    expect(calls).toHaveLength(2);
  });

  it('normalizes money in the context currency', async () => {
    const { fetch } = fakeFetch(ok([row('A', { productValue: '$1,000.50' })]));
    const { items } = await createAlgonomySource(context(fetch, { currency: 'EUR' }), direct).loadPage(1, {});
    expect(items[0].price).toEqual({ amount: 100050, currency: 'EUR' });
  });
});

describe('createAlgonomySource: hasMore', () => {
  const full = (prefix: string, size = 8) => Array.from({ length: size }, (_, index) => row(`${prefix}${index}`));

  it('is true while currentPage < totalPages', async () => {
    const { fetch } = fakeFetch(
      ok(full('a'), { currentPage: 1, totalPages: 3 }),
      ok(full('b', 3), { currentPage: 2, totalPages: 3 }),
      ok(full('c'), { currentPage: 3, totalPages: 3 }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(1, {})).hasMore).toBe(true);
    // A short page still has more when totalPages says so.
    expect((await source.loadPage(2, {})).hasMore).toBe(true);
    // A full last page has no more.
    expect((await source.loadPage(3, {})).hasMore).toBe(false);
  });

  it('is false for an empty page whatever totalPages says', async () => {
    const { fetch } = fakeFetch(ok([], { currentPage: 1, totalPages: 5 }));
    expect((await createAlgonomySource(context(fetch), direct).loadPage(1, {})).hasMore).toBe(false);
  });

  it('does not trust a currentPage behind the page asked for', async () => {
    const { fetch } = fakeFetch(ok(full('a'), { currentPage: 1, totalPages: 2 }));
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(2, {})).hasMore).toBe(false);
  });

  it('without totalPages, is true only when the page came back full', async () => {
    const { fetch } = fakeFetch(
      ok(full('a'), { totalPages: undefined }),
      ok(full('b', 7), { totalPages: null, currentPage: 2 }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(1, {})).hasMore).toBe(true);
    expect((await source.loadPage(2, {})).hasMore).toBe(false);
  });

  it('stops when the vendor ignores page and sends the same full page again', async () => {
    // No totalPages and no lastKey: only the repeat shows that the vendor is not paging.
    const { fetch, calls } = fakeFetch(ok(full('a'), { totalPages: undefined }));
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(1, {})).hasMore).toBe(true);
    expect((await source.loadPage(2, {})).hasMore).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('keeps paging through pages of the same products when the pages move on (a standing order)', async () => {
    const { fetch } = fakeFetch(
      ok(full('a'), { currentPage: 1, totalPages: 3, lastKey: { RK: 1 } }),
      ok(full('a'), { currentPage: 2, totalPages: 3, lastKey: { RK: 2 } }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    expect((await source.loadPage(2, {})).hasMore).toBe(true);
    // Without page numbers, a lastKey that moves on is enough.
    const bare = fakeFetch(
      ok(full('a'), { currentPage: null, totalPages: undefined, lastKey: { RK: 1 } }),
      ok(full('a'), { currentPage: null, totalPages: undefined, lastKey: { RK: 2 } }),
    );
    const keyed = createAlgonomySource(context(bare.fetch), direct);
    await keyed.loadPage(1, {});
    expect((await keyed.loadPage(2, {})).hasMore).toBe(true);
  });

  it('keeps paging past a page of products already seen in another order', async () => {
    // The same products bought again in later orders: a real next page, not a repeat.
    const { fetch } = fakeFetch(
      ok(full('a'), { totalPages: undefined }),
      ok(full('a').reverse(), { totalPages: undefined }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    expect((await source.loadPage(2, {})).hasMore).toBe(true);
  });

  it(`stops at page ${ALGONOMY_MAX_PAGES} however many pages the vendor claims`, async () => {
    const { fetch } = fakeFetch((call: Call) =>
      ok(full(`p${(call.body as { page: number }).page}-`), { totalPages: 10_000 }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(ALGONOMY_MAX_PAGES - 1, {})).hasMore).toBe(true);
    expect((await source.loadPage(ALGONOMY_MAX_PAGES, {})).hasMore).toBe(false);
  });

  it('counts the rows the API sent, before repeats and rows without a code are removed', async () => {
    const rows = [...full('a', 6), row('a0'), row('')];
    const { fetch } = fakeFetch(ok(rows, { totalPages: undefined }));
    const page = await createAlgonomySource(context(fetch), direct).loadPage(1, {});
    expect(page.items).toHaveLength(6);
    expect(page.hasMore).toBe(true);
  });
});

describe('createAlgonomySource: page cache', () => {
  it('shares one request between two sources loading the same page at once', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A'), row('B')]));
    const ctx = context(fetch);
    const [first, second] = await Promise.all([
      createAlgonomySource(ctx, direct).loadPage(1, {}),
      createAlgonomySource(ctx, direct).loadPage(1, {}),
    ]);
    expect(calls).toHaveLength(1);
    expect(codes(first.items)).toEqual(['A', 'B']);
    expect(second).toEqual(first);
  });

  it('serves a page from the cache within the TTL, and anew with force', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]), ok([row('B')]));
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    expect(codes((await source.loadPage(1, {})).items)).toEqual(['A']);
    expect(calls).toHaveLength(1);
    expect(codes((await source.loadPage(1, { force: true })).items)).toEqual(['B']);
    expect(calls).toHaveLength(2);
  });

  it('keeps pages, page sizes, customers, tenants and tokens apart', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    const ctx = context(fetch);
    const variants: AlgonomyOptions[] = [
      direct,
      { ...direct, pageSize: 20 },
      { ...direct, gcrId: 'gcr-2' },
      { ...direct, email: 'buyer@example.com' },
      { ...direct, tenantHash: 'tenant-2' },
      { ...direct, accessToken: 'token-2' },
    ];
    for (const options of variants) await createAlgonomySource(ctx, options).loadPage(1, {});
    await createAlgonomySource(ctx, direct).loadPage(2, {});
    expect(calls).toHaveLength(variants.length + 1);
  });

  it('keeps customer sessions apart in proxy mode', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    const ctx = context(fetch);
    const proxy = (customerSession: string): SourceContext => ({
      ...ctx,
      connection: { mode: 'proxy', proxyUrl: 'https://shop.example.com/widgets', customerSession },
    });
    await createAlgonomySource(proxy('session-1'), { pageSize: 8 }).loadPage(1, {});
    await createAlgonomySource(proxy('session-2'), { pageSize: 8 }).loadPage(1, {});
    await createAlgonomySource(proxy('session-1'), { pageSize: 8 }).loadPage(1, {});
    expect(calls).toHaveLength(2);
  });

  it('loads every time with a cache TTL of 0', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    const source = createAlgonomySource(context(fetch, { cacheTtl: 0 }), direct);
    await source.loadPage(1, {});
    await source.loadPage(1, {});
    expect(calls).toHaveLength(2);
  });

  it('lets one reader abort without cancelling the other', async () => {
    const { fetch, calls } = fakeFetch(ok([row('A')]));
    const ctx = context(fetch);
    const controller = new AbortController();
    const aborted = createAlgonomySource(ctx, direct).loadPage(1, { signal: controller.signal });
    const kept = createAlgonomySource(ctx, direct).loadPage(1, {});
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(codes((await kept).items)).toEqual(['A']);
    expect(calls).toHaveLength(1);
  });
});
