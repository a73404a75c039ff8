import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { imageFile, normalizeFrequentlyPurchased, quantity } from '../../../src/sources/csomni.ts';
import { fixture, CDN, options, usd, row, one, expectWellFormed, junk, rowArb, optionsArb } from './rows.ts';

describe('normalizeFrequentlyPurchased', () => {
  it('normalizes a complete row', () => {
    expect(normalizeFrequentlyPurchased([row()], options)).toEqual([
      {
        id: 'vrnt_1',
        productId: 'prod_1',
        variantId: 'vrnt_1',
        name: null,
        imageUrl: `${CDN}/9-14-2021/a.jpg`,
        price: usd(350),
        quantity: 3,
        orderValue: null,
        lastOrderedAt: null,
        url: 'https://shop.example/p/prod_1?v=vrnt_1',
        available: true,
      },
    ]);
  });

  it.each([
    [3.5, usd(350)],
    [0.29, usd(29)],
    [1, usd(100)],
    ['', null],
    ['4.20', usd(420)],
    ['145.50', usd(14_550)],
    ['.00', usd(0)],
    ['$1,000.0', usd(100_000)],
    ['abc', null],
    [null, null],
    [undefined, null],
    [{}, null],
  ])('reads the price %j', (price, expected) => {
    expect(one({ price }).price).toEqual(expected);
  });

  it('reads prices in the widget currency, with its minor unit', () => {
    expect(normalizeFrequentlyPurchased([row({ price: 980 })], { ...options, currency: 'JPY' })[0].price).toEqual({
      amount: 980,
      currency: 'JPY',
    });
    expect(normalizeFrequentlyPurchased([row({ price: '1.5' })], { ...options, currency: 'KWD' })[0].price).toEqual({
      amount: 1500,
      currency: 'KWD',
    });
  });

  it.each([
    ['an object with a file', { file: '3-8-2021/b.png' }, `${CDN}/3-8-2021/b.png`],
    [
      'an object with file, id and status',
      { file: '6-10-2021/c.jpg', id: 'eotyi9x3', status: 'poolImages' },
      `${CDN}/6-10-2021/c.jpg`,
    ],
    ['""', '', null],
    ['[]', [], null],
    ['{file:"[]"}', { file: '[]' }, null],
    ['{type:""}', { type: '' }, null],
    ['{file:""}', { file: '' }, null],
    ['{file:" "}', { file: ' ' }, null],
    ['{file:null}', { file: null }, null],
    [
      'a file with an escaped \\/ path',
      { file: '11-25-2022\\/1669391493868__30709__NS-35859.jpg' },
      `${CDN}/11-25-2022/1669391493868__30709__NS-35859.jpg`,
    ],
    ['a file with spaces', { file: '1-1-2022/my photo.jpg' }, `${CDN}/1-1-2022/my%20photo.jpg`],
    ['an absolute https file', { file: 'https://img.example/x.png' }, 'https://img.example/x.png'],
    ['a javascript: file', { file: 'javascript:alert(1)' }, `${CDN}/javascript%3Aalert(1)`],
    ['null', null, null],
    ['a string path', '9-14-2021/a.jpg', null],
  ])('reads variantImage as %s', (_, variantImage, expected) => {
    expect(one({ variantImage }).imageUrl).toBe(expected);
  });

  it('reads the JSON-escaped path of the raw answer', () => {
    const [item] = normalizeFrequentlyPurchased(
      JSON.parse('[{"variantToken":"vrnt_1","productToken":"prod_1","variantImage":{"file":"9-14-2021\\/a.jpg"}}]'),
      options,
    );
    expect(item.imageUrl).toBe(`${CDN}/9-14-2021/a.jpg`);
  });

  it('has no image URL without image-base-url for a relative file (no base is documented)', () => {
    expect(one({}, { currency: 'USD' }).imageUrl).toBeNull();
    expect(one({ variantImage: { file: 'https://img.example/x.png' } }, { currency: 'USD' }).imageUrl).toBe(
      'https://img.example/x.png',
    );
    expect(imageFile({ file: '9-14-2021\\/a.jpg' })).toBe('9-14-2021/a.jpg');
    expect(imageFile('9-14-2021/a.jpg')).toBeNull();
  });

  it('marks a row with an empty productToken unavailable, without a product or a link', () => {
    expect(one({ productToken: '', price: '', variantImage: '' })).toEqual({
      id: 'vrnt_1',
      productId: null,
      variantId: 'vrnt_1',
      name: null,
      imageUrl: null,
      price: null,
      quantity: 3,
      orderValue: null,
      lastOrderedAt: null,
      url: null,
      available: false,
    });
  });

  it('reads a prod_… token in variantToken as a product-level item', () => {
    const item = one(
      { variantToken: 'prod_granola', productToken: '', price: '', variantImage: '' },
      { ...options, productUrl: '/p/{productId}' },
    );
    expect(item).toMatchObject({
      id: 'prod_granola',
      productId: 'prod_granola',
      variantId: null,
      available: true,
      price: null,
      url: '/p/prod_granola',
    });
  });

  it('does not link a product-level item through a template that needs its variant', () => {
    expect(one({ variantToken: 'prod_granola', productToken: '' }).url).toBeNull();
  });

  it('keeps a row that has only a productToken', () => {
    expect(one({ variantToken: '' })).toMatchObject({
      id: 'prod_1',
      productId: 'prod_1',
      variantId: null,
      available: true,
    });
  });

  it.each([
    [145, 145],
    ['1', 1],
    [' 17 ', 17],
    ['5', 5],
    [0, 0],
    [2.7, 2],
    ['', null],
    ['x', null],
    [-1, null],
    ['-1', null],
    [null, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('reads the quantity %j as %j', (value, expected) => {
    expect(one({ quantity: value }).quantity).toBe(expected);
    expect(quantity(value)).toBe(expected);
  });

  it('shows a repeated token once, the first (most bought) row winning', () => {
    const items = normalizeFrequentlyPurchased(
      [
        row({ quantity: 145, price: 3.5 }),
        row({ variantToken: 'vrnt_2', quantity: 10 }),
        row({ quantity: 1, price: 9 }),
        row({ variantToken: ' vrnt_2 ', quantity: 1 }),
      ],
      options,
    );
    expect(items.map((item) => [item.id, item.quantity, item.price?.amount])).toEqual([
      ['vrnt_1', 145, 350],
      ['vrnt_2', 10, 350],
    ]);
  });

  it('shows a product-level row once even when another row names the same product', () => {
    const items = normalizeFrequentlyPurchased(
      [row({ variantToken: 'prod_1', productToken: '' }), row({ variantToken: '', productToken: 'prod_1' })],
      options,
    );
    expect(items.map((item) => item.id)).toEqual(['prod_1']);
  });

  it('drops rows without a token and anything that is not a row', () => {
    const items = normalizeFrequentlyPurchased(
      [
        row({ variantToken: '', productToken: '' }),
        row({ variantToken: ' ', productToken: '\t' }),
        row({ variantToken: null, productToken: undefined }),
        row({ variantToken: {}, productToken: [] }),
        { quantity: 4, price: 10 },
        null,
        'vrnt_1',
        42,
        [row()],
        row({ variantToken: 'vrnt_ok' }),
      ],
      options,
    );
    expect(items.map((item) => item.id)).toEqual(['vrnt_ok']);
  });

  it.each([null, undefined, '', '[]', {}, { data: [row()] }, 42, true])(
    'returns no items for the non-list %j',
    (data) => {
      expect(normalizeFrequentlyPurchased(data, options)).toEqual([]);
    },
  );

  it('fills the product URL template with URL-encoded values', () => {
    const item = one({ variantToken: 'vrnt_a b', productToken: 'prod_x/y?z=1&w#2' });
    expect(item.url).toBe('https://shop.example/p/prod_x%2Fy%3Fz%3D1%26w%232?v=vrnt_a%20b');
    expect(one({}, { ...options, productUrl: '/shop/{productId}' }).url).toBe('/shop/prod_1');
    expect(one({}, { currency: 'USD' }).url).toBeNull();
  });

  it('never produces a URL from a javascript: base or template', () => {
    const evil = {
      currency: 'USD',
      imageBaseUrl: 'javascript:alert(1)//',
      productUrl: 'javascript:alert("{productId}")',
    };
    expect(one({}, evil)).toMatchObject({ imageUrl: null, url: null });
    expect(
      one(
        {},
        { currency: 'USD', imageBaseUrl: ' JaVaScRiPt:alert(1)//', productUrl: '\u0001javascript:go({productId})' },
      ),
    ).toMatchObject({ imageUrl: null, url: null });
    expect(one({ productToken: 'javascript:alert(1)' }, { currency: 'USD', productUrl: '{productId}' }).url).toBe(
      'javascript%3Aalert(1)',
    );
  });

  describe('the documented samples (test/fixtures/csomni)', () => {
    const file = (path: string) => `${CDN}/${path}`;
    const rowsOf = (name: string) => fixture(name).map((r) => normalizeFrequentlyPurchased([r], options)[0]);

    it('parses the /frequentlyPurchased sample: every row, as the vendor sent it', () => {
      const expected: [number, number | null, string | null, boolean][] = [
        [145, 350, file('9-14-2021/1631634128386__40977__gabe-rebra-j7b8-kN3Dgc-unsplash.jpg'), true],
        [134, null, null, false],
        [31, null, null, false],
        [17, 29, null, true],
        [6, 49, null, true],
        [5, 100, file('3-8-2021/1615263242853__786458__image_2020-04-27_18-51-09.png'), true],
        [5, 4354, file('1-19-2021/1611091609025__507613__2021_volkswagen_tiguan_hybrid_1.jpg'), true],
        [4, 1000, file('6-10-2021/1623352409463__31430__vbjr_.jpg'), true],
        [3, null, null, false],
        [2, null, null, false],
        [2, null, null, false],
        [2, 1500, file('4-18-2021/1618739190948__90034__binary-1695475__340.webp'), true],
        [1, null, null, true],
        [1, 500, null, true],
        [1, 110, null, true],
      ];
      expect(
        rowsOf('frequently-purchased.json').map((item) => [
          item.quantity,
          item.price?.amount ?? null,
          item.imageUrl,
          item.available,
        ]),
      ).toEqual(expected);
      expect(rowsOf('frequently-purchased.json').at(-1)!.productId).toBe('prod_123456123456');
    });

    it('lists the /frequentlyPurchased sample as one item: every row repeats one token', () => {
      const items = normalizeFrequentlyPurchased(fixture('frequently-purchased.json'), options);
      expect(items).toEqual([
        {
          id: 'vrnt_123456',
          productId: 'prod_123456',
          variantId: 'vrnt_123456',
          name: null,
          imageUrl: file('9-14-2021/1631634128386__40977__gabe-rebra-j7b8-kN3Dgc-unsplash.jpg'),
          price: usd(350),
          quantity: 145,
          orderValue: null,
          lastOrderedAt: null,
          url: 'https://shop.example/p/prod_123456?v=vrnt_123456',
          available: true,
        },
      ]);
    });

    it('parses the /forceRefresh sample, tokens without prefixes included', () => {
      const rows = rowsOf('frequently-purchased-force-refresh.json');
      expect(
        rows.map((item) => [item.id, item.quantity, item.price?.amount ?? null, item.imageUrl, item.available]),
      ).toEqual([
        ['vrnt_123456123456', 145, 350, null, true],
        ['vrnt_123456123456', 134, null, null, false],
        ['vrnt_123456', 31, null, null, false],
        ['vrnt_123456', 17, 29, null, true],
        ['vrnt_123456', 6, 49, null, true],
        ['vrnt_123456', 5, 100, file('3-8-2021/1615263242853__786458__image_2020-04-27_18-51-09.png'), true],
        ['vrnt_123456', 5, 4354, file('1-19-2021/1611091609025__507613__2021_volkswagen_tiguan_hybrid_1.jpg'), true],
        ['vrnt_123456', 4, 1000, null, true],
        ['vrnt_123456', 3, null, null, false],
        ['vrnt_123456', 2, null, null, false],
        ['vrnt_123456', 2, null, null, false],
        ['vrnt_123456', 2, 1500, file('4-18-2021/1618739190948__90034__binary-1695475__340.webp'), true],
        ['vrnt_123456', 1, null, null, true],
        ['vrnt_123456', 1, 500, null, true],
        ['123456', 1, 110, null, true],
      ]);
      const items = normalizeFrequentlyPurchased(fixture('frequently-purchased-force-refresh.json'), options);
      expect(items.map((item) => [item.id, item.productId, item.variantId, item.available])).toEqual([
        ['vrnt_123456123456', 'prod_123456123456', 'vrnt_123456123456', true],
        // The first vrnt_123456 row has no product token; a later one has: the item is usable.
        ['vrnt_123456', 'prod_123456', 'vrnt_123456', true],
        ['123456', '123456', '123456', true],
      ]);
      expectWellFormed(items);
    });
  });

  it('never throws on anything and returns well-formed items (property)', () => {
    fc.assert(
      fc.property(junk, optionsArb, (data, opts) => {
        expectWellFormed(normalizeFrequentlyPurchased(data, opts), opts.currency);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on lists of rows with random field types and returns well-formed items (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 4, arbitrary: rowArb }, { weight: 1, arbitrary: junk }), { maxLength: 25 }),
        optionsArb,
        (rows, opts) => {
          const items = normalizeFrequentlyPurchased(rows, opts);
          expectWellFormed(items, opts.currency);
          expect(items.length).toBeLessThanOrEqual(rows.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
