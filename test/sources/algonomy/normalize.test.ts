import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeProductPurchased } from '../../../src/sources/algonomy.ts';
import { parseDateTime } from '../../../src/sources/read.ts';
import { ALGONOMY_SAMPLE_ROWS } from '../../support/mocks/algonomy.ts';
import { row, ok, codes } from './vendor.ts';

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
        dataList: ALGONOMY_SAMPLE_ROWS,
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

  it('passes only http, https and relative image URLs, never an empty value written out', () => {
    const images = [
      ' ',
      '',
      '[]',
      'null',
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
