import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { RequestCache } from '../../src/core/cache.ts';
import { WidgetError } from '../../src/core/errors.ts';
import type { PurchasedItem } from '../../src/model.ts';
import {
  createCsomniSource,
  imageFile,
  normalizeFrequentlyPurchased,
  normalizeProductDetails,
  quantity,
  type CsomniOptions,
} from '../../src/sources/csomni.ts';
import type { SourceContext } from '../../src/sources/source.ts';
import { mockApi } from '../support/mocks/mock-api.ts';

const fixture = (name: string): unknown[] => JSON.parse(readFileSync(new URL(`../fixtures/csomni/${name}`, import.meta.url), 'utf8'));

const CDN = 'https://cdn.example/img';
const options = { currency: 'USD', imageBaseUrl: `${CDN}/`, productUrl: 'https://shop.example/p/{productId}?v={variantId}' };
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** One row, shaped like the vendor's, with `overrides` on top. */
const row = (overrides: Record<string, unknown> = {}) => ({
  variantToken: 'vrnt_1',
  quantity: 3,
  price: 3.5,
  variantImage: { file: '9-14-2021/a.jpg', id: 'ast20tjq', status: 'poolImages' },
  productToken: 'prod_1',
  ...overrides,
});

const one = (overrides: Record<string, unknown>, opts: Parameters<typeof normalizeFrequentlyPurchased>[1] = options) =>
  normalizeFrequentlyPurchased([row(overrides)], opts)[0];

/** A URL a browser would only ever resolve to http(s). */
function expectSafeUrl(url: unknown): void {
  if (url === null) return;
  expect(typeof url).toBe('string');
  const text = url as string;
  expect(text).toBe(text.trim());
  expect(text).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(text).not.toMatch(/^(javascript|data|vbscript|file):/i);
  if (URL.canParse(text, 'https://shop.example/page/')) {
    expect(['http:', 'https:']).toContain(new URL(text, 'https://shop.example/page/').protocol);
  }
}

function expectMoney(money: unknown, currency: string): void {
  if (money === null) return;
  expect(money).toEqual({ amount: expect.any(Number), currency });
  expect(Number.isSafeInteger((money as { amount: number }).amount)).toBe(true);
}

function expectWellFormed(items: unknown, currency = 'USD'): void {
  expect(Array.isArray(items)).toBe(true);
  const list = items as PurchasedItem[];
  const ids = new Set<string>();
  for (const item of list) {
    expect(typeof item.id).toBe('string');
    expect(item.id.trim()).not.toBe('');
    expect(ids.has(item.id)).toBe(false);
    ids.add(item.id);
    for (const id of [item.productId, item.variantId]) {
      if (id !== null) {
        expect(typeof id).toBe('string');
        expect(id.trim()).not.toBe('');
      }
    }
    expect([item.variantId, item.productId]).toContain(item.id);
    expect(item.name).toBeNull();
    expectMoney(item.price, currency);
    expect(item.orderValue).toBeNull();
    expect(item.lastOrderedAt).toBeNull();
    if (item.quantity !== null) {
      expect(Number.isInteger(item.quantity)).toBe(true);
      expect(item.quantity).toBeGreaterThanOrEqual(0);
    }
    expect(typeof item.available).toBe('boolean');
    expect(item.available).toBe(item.productId !== null);
    expectSafeUrl(item.imageUrl);
    expectSafeUrl(item.url);
    if (item.productId === null) expect(item.url).toBeNull();
  }
}

// Random vendor data: the documented quirks mixed with anything at all.
const junk = fc.anything({ withBoxedValues: true, withNullPrototype: true, withBigInt: true, withDate: true, withSparseArray: true });
const tokenArb = fc.oneof(
  fc.constantFrom('', ' ', '\t', 'vrnt_1', 'vrnt_2', ' vrnt_1 ', 'prod_1', 'prod_2', 'prod_', '123456', 'a/b?c#d', 'javascript:alert(1)'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  junk,
);
const priceArb = fc.oneof(fc.constantFrom('', ' ', '.00', '0.29', '$1,000.0', '$ 55.9', '1e5', 'abc', '-3', '99999999999999999999'), fc.double(), fc.integer(), fc.string({ maxLength: 8 }), junk);
const fileArb = fc.oneof(
  fc.constantFrom('', '[]', '{}', 'null', ' ', 'a\\/b.jpg', '9-14-2021/1631634128386__40977__x.jpg', 'javascript:alert(1)', ' javascript:alert(1)', 'https://img.example/x.png', '//evil.example/x.png', 'data:image/png;base64,AAAA'),
  fc.string({ maxLength: 12 }),
  junk,
);
const imageArb = fc.oneof(
  fc.constantFrom('', [], {}, { file: '[]' }, { type: '' }, { file: '' }),
  fc.record({ file: fileArb, type: fc.constantFrom('', 'image'), id: fc.string(), status: fc.string() }, { requiredKeys: [] }),
  junk,
);
const quantityArb = fc.oneof(fc.constantFrom('1', ' 17 ', '-1', '1.5', 'x', '', '1e3'), fc.integer(), fc.double(), junk);
const rowArb = fc.record(
  { variantToken: tokenArb, productToken: tokenArb, quantity: quantityArb, price: priceArb, variantImage: imageArb },
  { requiredKeys: [] },
);
const optionsArb = fc.record({
  currency: fc.constantFrom('USD', 'JPY', 'KWD'),
  imageBaseUrl: fc.constantFrom(undefined, '', 'https://cdn.example/img/', '/mock/assets', 'javascript:alert(1)//', ' data:text/html,', '//cdn.example'),
  productUrl: fc.constantFrom(
    undefined,
    '',
    '/p/{productId}',
    'https://shop.example/p/{productId}?v={variantId}',
    '{productId}',
    'javascript:go("{productId}")',
    ' JaVaScRiPt:go({variantId})',
  ),
});

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
    expect(normalizeFrequentlyPurchased([row({ price: 980 })], { ...options, currency: 'JPY' })[0].price).toEqual({ amount: 980, currency: 'JPY' });
    expect(normalizeFrequentlyPurchased([row({ price: '1.5' })], { ...options, currency: 'KWD' })[0].price).toEqual({ amount: 1500, currency: 'KWD' });
  });

  it.each([
    ['an object with a file', { file: '3-8-2021/b.png' }, `${CDN}/3-8-2021/b.png`],
    ['an object with file, id and status', { file: '6-10-2021/c.jpg', id: 'eotyi9x3', status: 'poolImages' }, `${CDN}/6-10-2021/c.jpg`],
    ['""', '', null],
    ['[]', [], null],
    ['{file:"[]"}', { file: '[]' }, null],
    ['{type:""}', { type: '' }, null],
    ['{file:""}', { file: '' }, null],
    ['{file:" "}', { file: ' ' }, null],
    ['{file:null}', { file: null }, null],
    ['a file with an escaped \\/ path', { file: '11-25-2022\\/1669391493868__30709__NS-35859.jpg' }, `${CDN}/11-25-2022/1669391493868__30709__NS-35859.jpg`],
    ['a file with spaces', { file: '1-1-2022/my photo.jpg' }, `${CDN}/1-1-2022/my%20photo.jpg`],
    ['an absolute https file', { file: 'https://img.example/x.png' }, 'https://img.example/x.png'],
    ['a javascript: file', { file: 'javascript:alert(1)' }, `${CDN}/javascript%3Aalert(1)`],
    ['null', null, null],
    ['a string path', '9-14-2021/a.jpg', null],
  ])('reads variantImage as %s', (_, variantImage, expected) => {
    expect(one({ variantImage }).imageUrl).toBe(expected);
  });

  it('reads the JSON-escaped path of the raw answer', () => {
    const [item] = normalizeFrequentlyPurchased(JSON.parse('[{"variantToken":"vrnt_1","productToken":"prod_1","variantImage":{"file":"9-14-2021\\/a.jpg"}}]'), options);
    expect(item.imageUrl).toBe(`${CDN}/9-14-2021/a.jpg`);
  });

  it('has no image URL without image-base-url for a relative file (no base is documented)', () => {
    expect(one({}, { currency: 'USD' }).imageUrl).toBeNull();
    expect(one({ variantImage: { file: 'https://img.example/x.png' } }, { currency: 'USD' }).imageUrl).toBe('https://img.example/x.png');
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
    const item = one({ variantToken: 'prod_granola', productToken: '', price: '', variantImage: '' }, { ...options, productUrl: '/p/{productId}' });
    expect(item).toMatchObject({ id: 'prod_granola', productId: 'prod_granola', variantId: null, available: true, price: null, url: '/p/prod_granola' });
  });

  it('does not link a product-level item through a template that needs its variant', () => {
    expect(one({ variantToken: 'prod_granola', productToken: '' }).url).toBeNull();
  });

  it('keeps a row that has only a productToken', () => {
    expect(one({ variantToken: '' })).toMatchObject({ id: 'prod_1', productId: 'prod_1', variantId: null, available: true });
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
      [row({ quantity: 145, price: 3.5 }), row({ variantToken: 'vrnt_2', quantity: 10 }), row({ quantity: 1, price: 9 }), row({ variantToken: ' vrnt_2 ', quantity: 1 })],
      options,
    );
    expect(items.map((item) => [item.id, item.quantity, item.price?.amount])).toEqual([
      ['vrnt_1', 145, 350],
      ['vrnt_2', 10, 350],
    ]);
  });

  it('shows a product-level row once even when another row names the same product', () => {
    const items = normalizeFrequentlyPurchased([row({ variantToken: 'prod_1', productToken: '' }), row({ variantToken: '', productToken: 'prod_1' })], options);
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

  it.each([null, undefined, '', '[]', {}, { data: [row()] }, 42, true])('returns no items for the non-list %j', (data) => {
    expect(normalizeFrequentlyPurchased(data, options)).toEqual([]);
  });

  it('fills the product URL template with URL-encoded values', () => {
    const item = one({ variantToken: 'vrnt_a b', productToken: 'prod_x/y?z=1&w#2' });
    expect(item.url).toBe('https://shop.example/p/prod_x%2Fy%3Fz%3D1%26w%232?v=vrnt_a%20b');
    expect(one({}, { ...options, productUrl: '/shop/{productId}' }).url).toBe('/shop/prod_1');
    expect(one({}, { currency: 'USD' }).url).toBeNull();
  });

  it('never produces a URL from a javascript: base or template', () => {
    const evil = { currency: 'USD', imageBaseUrl: 'javascript:alert(1)//', productUrl: 'javascript:alert("{productId}")' };
    expect(one({}, evil)).toMatchObject({ imageUrl: null, url: null });
    expect(one({}, { currency: 'USD', imageBaseUrl: ' JaVaScRiPt:alert(1)//', productUrl: '\u0001javascript:go({productId})' })).toMatchObject({ imageUrl: null, url: null });
    expect(one({ productToken: 'javascript:alert(1)' }, { currency: 'USD', productUrl: '{productId}' }).url).toBe('javascript%3Aalert(1)');
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
      expect(rowsOf('frequently-purchased.json').map((item) => [item.quantity, item.price?.amount ?? null, item.imageUrl, item.available])).toEqual(expected);
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
      expect(rows.map((item) => [item.id, item.quantity, item.price?.amount ?? null, item.imageUrl, item.available])).toEqual([
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
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: rowArb }, { weight: 1, arbitrary: junk }), { maxLength: 25 }), optionsArb, (rows, opts) => {
        const items = normalizeFrequentlyPurchased(rows, opts);
        expectWellFormed(items, opts.currency);
        expect(items.length).toBeLessThanOrEqual(rows.length);
      }),
      { numRuns: 500 },
    );
  });
});

/** A product as `/products/{token}/full` answers it. */
const product = (overrides: Record<string, unknown> = {}) => ({
  prodToken: 'prod_oatmilk',
  prodName: 'Organic Oat Milk 1 L\t',
  prodSlug: 'organic-oat-milk-1-l',
  prodImage: { file: '9-14-2021/oat.jpg', type: 'image' },
  prodPrice: '.00',
  prodVisible: 1,
  variantInfo: { priceFrom: 3.5, priceTo: null, variantCount: 2 },
  variants: [
    { prodToken: 'prod_oatmilk', variantToken: 'vrnt_oat1', variantName: '', variantImage: { type: '' }, variantPrice: 3.5, variantVisible: 1, variantInStock: true, deleted: 0 },
    { prodToken: 'prod_oatmilk', variantToken: 'vrnt_oat6', variantName: '6-pack  ', variantImage: { file: '9-14-2021/six.jpg', type: 'image', id: 'a', status: 'poolImages' }, variantPrice: 19.9, variantVisible: 1, deleted: 0 },
  ],
  ...overrides,
});

describe('normalizeProductDetails', () => {
  it('names a variant by its product, trimmed of tabs and spaces, and its own name', () => {
    expect(normalizeProductDetails(product(), 'vrnt_oat6', options)).toEqual({
      name: 'Organic Oat Milk 1 L – 6-pack',
      price: usd(1990),
      imageUrl: `${CDN}/9-14-2021/six.jpg`,
      cartVariantId: 'vrnt_oat6',
    });
  });

  it('names a variant without a name by its product alone, with the product image', () => {
    expect(normalizeProductDetails(product(), 'vrnt_oat1', options)).toEqual({
      name: 'Organic Oat Milk 1 L',
      price: usd(350),
      imageUrl: `${CDN}/9-14-2021/oat.jpg`,
      cartVariantId: 'vrnt_oat1',
    });
  });

  it('collapses inner whitespace and does not repeat a variant named like its product', () => {
    const details = normalizeProductDetails(product({ prodName: ' Unwaxed\tLemons  ', variants: [{ variantToken: 'vrnt_l', variantName: 'Unwaxed Lemons', variantPrice: 0.49 }] }), 'vrnt_l', options);
    expect(details.name).toBe('Unwaxed Lemons');
    expect(details.price).toEqual(usd(49));
  });

  it('puts a product-level item in the cart as the first usable variant', () => {
    expect(normalizeProductDetails(product(), null, options).cartVariantId).toBe('vrnt_oat1');
    const details = normalizeProductDetails(
      product({
        variants: [
          { variantToken: 'vrnt_deleted', deleted: 1, variantPrice: 1 },
          { variantToken: 'vrnt_deleted2', deleted: '1', variantPrice: 1 },
          { variantToken: 'vrnt_hidden', variantVisible: 0, variantPrice: 1 },
          { variantToken: 'vrnt_hidden2', variantVisible: '0', variantPrice: 1 },
          { variantToken: '', variantPrice: 1 },
          'vrnt_string',
          null,
          { variantToken: 'vrnt_granola', variantName: '500 g', variantPrice: 6.8, deleted: 0, variantVisible: 1 },
        ],
      }),
      null,
      options,
    );
    expect(details.cartVariantId).toBe('vrnt_granola');
    expect(details.price).toEqual(usd(680));
    expect(details.name).toBe('Organic Oat Milk 1 L');
  });

  it("shows no price for a product-level item whose variants differ, unless the product's own is real", () => {
    expect(normalizeProductDetails(product(), null, options).price).toBeNull();
    expect(normalizeProductDetails(product({ prodPrice: '10.00' }), null, options).price).toEqual(usd(1000));
  });

  it('keeps the item variant for the cart even when the product does not list it', () => {
    const details = normalizeProductDetails(product(), 'vrnt_unknown', options);
    expect(details.cartVariantId).toBe('vrnt_unknown');
    expect(details.name).toBe('Organic Oat Milk 1 L');
  });

  it('has no cart variant for a product-level item without usable variants', () => {
    expect(normalizeProductDetails(product({ variants: [] }), null, options).cartVariantId).toBeNull();
    expect(normalizeProductDetails(product({ variants: '[]' }), null, options).cartVariantId).toBeNull();
  });

  it('uses a variant name when the product has none', () => {
    expect(normalizeProductDetails(product({ prodName: '\t' }), 'vrnt_oat6', options).name).toBe('6-pack');
    expect(normalizeProductDetails(product({ prodName: null }), 'vrnt_oat1', options).name).toBeNull();
  });

  it.each([null, undefined, '', [], 'not found', 404, { message: 'Product not found' }])('reads %j as nothing known', (data) => {
    expect(normalizeProductDetails(data, 'vrnt_1', options)).toEqual({ name: null, price: null, imageUrl: null, cartVariantId: 'vrnt_1' });
  });

  it('never throws and returns well-formed details (property)', () => {
    const variantArb = fc.record(
      {
        variantToken: tokenArb,
        variantName: fc.oneof(fc.constantFrom('', ' ', '\t6-pack\n', 'Single'), fc.string(), junk),
        variantPrice: priceArb,
        variantImage: imageArb,
        variantVisible: fc.oneof(fc.constantFrom(0, 1, '0', '1'), junk),
        deleted: fc.oneof(fc.constantFrom(0, 1, '0', '1'), junk),
      },
      { requiredKeys: [] },
    );
    const productArb = fc.oneof(
      junk,
      fc.record(
        {
          prodName: fc.oneof(fc.constantFrom('', '\t', 'Oat Milk\t', '  Lemons  '), fc.string(), junk),
          prodPrice: priceArb,
          prodImage: imageArb,
          variants: fc.oneof(fc.array(fc.oneof(variantArb, junk), { maxLength: 6 }), junk),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(productArb, fc.option(fc.constantFrom('vrnt_1', 'vrnt_2', '123456')), optionsArb, (data, variantId, opts) => {
        const details = normalizeProductDetails(data, variantId, opts);
        expect(Object.keys(details).sort()).toEqual(['cartVariantId', 'imageUrl', 'name', 'price']);
        if (details.name !== null) {
          expect(typeof details.name).toBe('string');
          expect(details.name).not.toBe('');
          expect(details.name).toBe(details.name.trim());
          expect(details.name).not.toMatch(/[\t\n\r]|\s{2}/);
        }
        expectMoney(details.price, opts.currency);
        expectSafeUrl(details.imageUrl);
        if (variantId) expect(details.cartVariantId).toBe(variantId);
        else if (details.cartVariantId !== null) {
          expect(typeof details.cartVariantId).toBe('string');
          expect(details.cartVariantId.trim()).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The source, with a fake fetch.

interface Seen {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Route = (request: Seen) => Response | Promise<Response>;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake vendor: records each request and answers through `route`. */
function vendor(route: Route) {
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
  return { fetch, requests, of: (method: string, path: string | RegExp) => requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path))) };
}

const direct = (fetch: typeof globalThis.fetch, overrides: Partial<SourceContext> = {}): SourceContext => ({
  connection: { mode: 'direct', apiBase: 'https://apistore.csomni.example' },
  cacheTtl: 300_000,
  currency: 'USD',
  cache: new RequestCache(),
  fetch,
  ...overrides,
});

const site: CsomniOptions = { siteToken: 'site_dg30sdfsgdsgsvv', customerToken: 'cs_123456' };

const item = (overrides: Partial<PurchasedItem> = {}): PurchasedItem => ({
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

const productRoute = (path: string) => /^\/products\/([^/]+)\/full$/.exec(path)?.[1];

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('createCsomniSource: the list', () => {
  it('sends the token and customerToken headers to the vendor in direct mode', async () => {
    const api = vendor(() => json([row()]));
    const source = createCsomniSource(direct(api.fetch), { ...site, imageBaseUrl: CDN });
    const page = await source.loadPage(1, {});
    expect(page.hasMore).toBe(false);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: 'vrnt_1', price: usd(350), imageUrl: `${CDN}/9-14-2021/a.jpg` });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].method).toBe('GET');
    expect(api.requests[0].url).toBe('https://apistore.csomni.example/frequentlyPurchased');
    expect(api.requests[0].headers).toMatchObject({ token: 'site_dg30sdfsgdsgsvv', customertoken: 'cs_123456' });
    expect(api.requests[0].headers.authorization).toBeUndefined();
  });

  it("asks for the site's list without a customerToken header when there is no customer", async () => {
    const api = vendor(() => json([]));
    await createCsomniSource(direct(api.fetch), { siteToken: 'site_1' }).loadPage(1, {});
    expect(api.requests[0].headers.token).toBe('site_1');
    expect('customertoken' in api.requests[0].headers).toBe(false);
  });

  it('sends only the session as a bearer token to {proxyUrl}/csomni in proxy mode', async () => {
    const api = vendor(() => json([row()]));
    const context = direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example/widgets/', customerSession: 'eyJ.session.sig' } });
    // Vendor secrets given by mistake must still stay off the page's requests.
    const source = createCsomniSource(context, site);
    await source.loadPage(1, {});
    expect(api.requests[0].url).toBe('https://proxy.example/widgets/csomni/frequentlyPurchased');
    expect(api.requests[0].headers).toEqual({ accept: 'application/json', authorization: 'Bearer eyJ.session.sig' });
  });

  it('needs no site token in proxy mode, and sends no authorization without a session', async () => {
    const api = vendor(() => json([]));
    const source = createCsomniSource(direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example' } }), {});
    await expect(source.loadPage(1, {})).resolves.toEqual({ items: [], hasMore: false });
    expect(api.requests[0].url).toBe('https://proxy.example/csomni/frequentlyPurchased');
    expect(api.requests[0].headers).toEqual({ accept: 'application/json' });
  });

  it('uses /frequentlyPurchased/forceRefresh with force-refresh', async () => {
    const api = vendor(() => json([]));
    await createCsomniSource(direct(api.fetch), { ...site, forceRefresh: true }).loadPage(1, {});
    expect(api.requests[0].path).toBe('/frequentlyPurchased/forceRefresh');
    const proxied = vendor(() => json([]));
    await createCsomniSource(direct(proxied.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example' } }), { forceRefresh: true }).loadPage(1, {});
    expect(proxied.requests[0].url).toBe('https://proxy.example/csomni/frequentlyPurchased/forceRefresh');
  });

  it.each([undefined, ''])('is a config error naming site-token in direct mode without one (%j)', (siteToken) => {
    const api = vendor(() => json([]));
    let error: unknown;
    try {
      createCsomniSource(direct(api.fetch), { siteToken, customerToken: 'cs_1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).kind).toBe('config');
    expect((error as WidgetError).message).toContain('site-token');
    expect(api.requests).toHaveLength(0);
  });

  it.each([{}, { items: [] }, null, 'ok', 42])('fails with invalid-response when the answer %j is not a list', async (body) => {
    const api = vendor(() => json(body));
    const error = await createCsomniSource(direct(api.fetch), site)
      .loadPage(1, {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).kind).toBe('invalid-response');
  });

  it('does not keep an answer that is not a list: the next load asks again', async () => {
    let call = 0;
    const api = vendor(() => json(++call === 1 ? { message: 'busy' } : [row()]));
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.loadPage(1, {})).rejects.toMatchObject({ kind: 'invalid-response' });
    await expect(source.loadPage(1, {})).resolves.toMatchObject({ items: [{ id: 'vrnt_1' }] });
    expect(api.requests).toHaveLength(2);
  });

  it('passes HTTP failures on as WidgetErrors', async () => {
    const api = vendor(() => json({ message: 'token header is required' }, 401));
    await expect(createCsomniSource(direct(api.fetch), site).loadPage(1, {})).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });

  it('reads the list through the cache: a second load within the TTL asks nothing, force asks again', async () => {
    const api = vendor(() => json([row()]));
    const source = createCsomniSource(direct(api.fetch), site);
    await source.loadPage(1, {});
    await source.loadPage(1, {});
    expect(api.requests).toHaveLength(1);
    await source.loadPage(1, { force: true });
    expect(api.requests).toHaveLength(2);
  });

  it("never serves one customer's list to another", async () => {
    const api = vendor((request) => json([row({ variantToken: `vrnt_for_${request.headers.customertoken}` })]));
    const context = direct(api.fetch);
    const first = await createCsomniSource(context, { siteToken: 'site_1', customerToken: 'cs_a' }).loadPage(1, {});
    const second = await createCsomniSource(context, { siteToken: 'site_1', customerToken: 'cs_b' }).loadPage(1, {});
    expect(first.items[0].id).toBe('vrnt_for_cs_a');
    expect(second.items[0].id).toBe('vrnt_for_cs_b');
    const proxied = vendor((request) => json([row({ variantToken: `vrnt_for_${request.headers.authorization}` })]));
    const proxyContext = (customerSession: string) => direct(proxied.fetch, { cache: context.cache, connection: { mode: 'proxy', proxyUrl: 'https://p.example', customerSession } });
    expect((await createCsomniSource(proxyContext('s1'), {}).loadPage(1, {})).items[0].id).toBe('vrnt_for_Bearer s1');
    expect((await createCsomniSource(proxyContext('s2'), {}).loadPage(1, {})).items[0].id).toBe('vrnt_for_Bearer s2');
  });

  it("aborts with the caller's signal", async () => {
    const api = vendor(() => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const loading = createCsomniSource(direct(api.fetch), site).loadPage(1, { signal: controller.signal });
    controller.abort();
    await expect(loading).rejects.toBe(controller.signal.reason);
  });

  it('normalizes the mock API, quirks and all', async () => {
    const mockFetch = ((input: RequestInfo | URL, init?: RequestInit) => mockApi(new Request(input, init))) as typeof globalThis.fetch;
    const source = createCsomniSource(
      { connection: { mode: 'direct', apiBase: 'http://x/mock/csomni' }, cacheTtl: 0, currency: 'USD', cache: new RequestCache(), fetch: mockFetch },
      { siteToken: 'site_demo', customerToken: 'cs_demo', imageBaseUrl: '/mock/csomni/assets', productUrl: '/p/{productId}' },
    );
    const { items } = await source.loadPage(1, {});
    expectWellFormed(items);
    expect(items).toHaveLength(15);
    expect(items.filter((i) => i.id === 'vrnt_oatmilk1')).toHaveLength(1);
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.vrnt_oatmilk1).toMatchObject({ quantity: 145, price: usd(350), imageUrl: '/mock/csomni/assets/9-14-2021/1631634128386__40977__oat-milk.jpg', url: '/p/prod_oatmilk' });
    expect(byId.vrnt_9d1kq0).toMatchObject({ available: false, productId: null, price: null, url: null });
    expect(byId.vrnt_banana1).toMatchObject({ quantity: 17, price: usd(29), imageUrl: null });
    expect(byId.prod_granola).toMatchObject({ productId: 'prod_granola', variantId: null, available: true, price: null });
    expect(byId.vrnt_eggs12).toMatchObject({ price: usd(420), imageUrl: null });
    expect(byId.vrnt_coffee250).toMatchObject({ price: null, imageUrl: null });
  });
});

describe('createCsomniSource: names (enrich)', () => {
  it('looks names up by product and reports each improved item', async () => {
    const api = vendor((request) => (productRoute(request.path) === 'prod_oatmilk' ? json(product()) : json({ message: 'Product not found' }, 404)));
    const source = createCsomniSource(direct(api.fetch), { ...site, imageBaseUrl: CDN });
    const improved: PurchasedItem[] = [];
    await source.enrich!([item({ variantId: 'vrnt_oat6', id: 'vrnt_oat6', price: usd(1), imageUrl: 'https://img.example/own.jpg' }), item()], {
      onItem: (next) => improved.push(next),
    });
    expect(improved).toHaveLength(2);
    const byId = Object.fromEntries(improved.map((i) => [i.id, i]));
    // What the list already knew stays; what it lacked is filled in.
    expect(byId.vrnt_oat6).toMatchObject({ name: 'Organic Oat Milk 1 L – 6-pack', price: usd(1), imageUrl: 'https://img.example/own.jpg' });
    expect(byId.vrnt_oat1).toMatchObject({ name: 'Organic Oat Milk 1 L', price: usd(350), imageUrl: `${CDN}/9-14-2021/oat.jpg` });
    // Two items of one product: one look-up, with the site's credentials.
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].path).toBe('/products/prod_oatmilk/full');
    expect(api.requests[0].headers.token).toBe('site_dg30sdfsgdsgsvv');
  });

  it('URL-encodes the product token in the look-up path', async () => {
    const api = vendor(() => json(product()));
    await createCsomniSource(direct(api.fetch), site).enrich!([item({ productId: 'prod a/b' })], { onItem: () => undefined });
    expect(api.requests[0].url).toBe('https://apistore.csomni.example/products/prod%20a%2Fb/full');
  });

  it('has at most 4 look-ups in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const api = vendor(async (request) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return json(product({ prodName: `Name of ${productRoute(request.path)}` }));
    });
    const items = Array.from({ length: 11 }, (_, i) => item({ id: `vrnt_${i}`, variantId: `vrnt_${i}`, productId: `prod_${i}` }));
    const names: (string | null)[] = [];
    await createCsomniSource(direct(api.fetch), site).enrich!(items, { onItem: (next) => names.push(next.name) });
    expect(api.requests).toHaveLength(11);
    expect(most).toBe(4);
    expect(names.sort()).toEqual(items.map((i) => `Name of ${i.productId}`).sort());
  });

  it('caches look-ups: two enrich calls for one product make one request', async () => {
    const api = vendor(() => json(product()));
    // Even with a list TTL under a minute: catalogue data is kept at least that long.
    const source = createCsomniSource(direct(api.fetch, { cacheTtl: 1_000 }), site);
    const onItem = vi.fn();
    await source.enrich!([item()], { onItem });
    await source.enrich!([item({ id: 'vrnt_oat6', variantId: 'vrnt_oat6' })], { onItem });
    expect(onItem).toHaveBeenCalledTimes(2);
    expect(api.of('GET', '/products/prod_oatmilk/full')).toHaveLength(1);
  });

  it('withCachedDetails fills in names the cache holds fresh, at once and without a request; others stay for enrich', async () => {
    const api = vendor((request) => (productRoute(request.path) === 'prod_oatmilk' ? json(product()) : json(product({ prodName: 'Tea' }))));
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = new RequestCache();
    const source = createCsomniSource(direct(api.fetch, { cache, cacheTtl: 1_000 }), { ...site, imageBaseUrl: CDN });
    expect(source.withCachedDetails!([item()])).toEqual([item()]);
    await source.enrich!([item()], { onItem: () => undefined });
    const requests = api.requests.length;
    const [oat, tea, named] = source.withCachedDetails!([item(), item({ id: 'vrnt_tea', variantId: 'vrnt_tea', productId: 'prod_tea' }), item({ name: 'Kept' })]);
    expect(oat).toMatchObject({ name: 'Organic Oat Milk 1 L', price: usd(350), imageUrl: `${CDN}/9-14-2021/oat.jpg` });
    expect(tea.name).toBe(null);
    expect(named.name).toBe('Kept');
    expect(api.requests).toHaveLength(requests);
    // A look-up older than its time to live (a minute at least) is not taken: enrich asks again.
    vi.setSystemTime(Date.now() + 61_000);
    expect(source.withCachedDetails!([item()])[0].name).toBe(null);
  });

  it('does not keep look-ups when cache-ttl is 0 (caching off)', async () => {
    const api = vendor(() => json(product()));
    const source = createCsomniSource(direct(api.fetch, { cacheTtl: 0 }), site);
    await source.enrich!([item()], { onItem: () => undefined });
    await source.enrich!([item()], { onItem: () => undefined });
    expect(api.of('GET', '/products/prod_oatmilk/full')).toHaveLength(2);
  });

  it('shares look-ups between widgets on one cache', async () => {
    const api = vendor(() => json(product()));
    const cache = new RequestCache();
    await createCsomniSource(direct(api.fetch, { cache }), site).enrich!([item()], { onItem: () => undefined });
    await createCsomniSource(direct(api.fetch, { cache }), { ...site, customerToken: 'cs_other' }).enrich!([item()], { onItem: () => undefined });
    expect(api.requests).toHaveLength(1);
  });

  it('leaves an item untouched when its look-up fails, and does not throw', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no backoff between retries
    const api = vendor((request) => {
      const token = productRoute(request.path);
      if (token === 'prod_gone') return json({ message: 'Product not found' }, 404);
      if (token === 'prod_down') return new Response('<h1>502</h1>', { status: 502 });
      if (token === 'prod_broken') return new Response('{"prodName": ', { status: 200 });
      if (token === 'prod_offline') return Promise.reject(new TypeError('fetch failed'));
      return json(product());
    });
    const onItem = vi.fn();
    const items = ['prod_gone', 'prod_down', 'prod_broken', 'prod_offline', 'prod_oatmilk'].map((productId) => item({ id: productId, productId, variantId: null }));
    await expect(createCsomniSource(direct(api.fetch), site).enrich!(items, { onItem })).resolves.toBeUndefined();
    expect(onItem).toHaveBeenCalledTimes(1);
    expect(onItem.mock.calls[0][0]).toMatchObject({ id: 'prod_oatmilk', name: 'Organic Oat Milk 1 L' });
  });

  it('skips items without a product or with a name, and does nothing once aborted', async () => {
    const api = vendor(() => json(product()));
    const source = createCsomniSource(direct(api.fetch), site);
    const onItem = vi.fn();
    await source.enrich!([item({ productId: null, available: false }), item({ name: 'Known' })], { onItem });
    expect(api.requests).toHaveLength(0);
    const controller = new AbortController();
    controller.abort();
    await expect(source.enrich!([item()], { onItem, signal: controller.signal })).resolves.toBeUndefined();
    expect(api.requests).toHaveLength(0);
    expect(onItem).not.toHaveBeenCalled();
  });

  it('names the mock API items', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const mockFetch = ((input: RequestInfo | URL, init?: RequestInit) => mockApi(new Request(input, init))) as typeof globalThis.fetch;
    const source = createCsomniSource(
      { connection: { mode: 'direct', apiBase: 'http://x/mock/csomni' }, cacheTtl: 0, currency: 'USD', cache: new RequestCache(), fetch: mockFetch },
      { siteToken: 'site_demo', customerToken: 'cs_demo' },
    );
    const { items } = await source.loadPage(1, {});
    const named = new Map<string, string | null>();
    const done = source.enrich!(items, { onItem: (next) => named.set(next.id, next.name) });
    await vi.runAllTimersAsync();
    await done;
    expect(named.get('vrnt_oatmilk1')).toBe('Organic Oat Milk 1 L');
    expect(named.get('vrnt_lemon1')).toBe('Unwaxed Lemons');
    expect(named.get('vrnt_coffee250')).toBe('Single-Origin Coffee Beans – 250 g, ground');
    expect(named.get('prod_granola')).toBe('Maple Pecan Granola');
    expect(named.has('vrnt_gone')).toBe(false); // 404: stays as it was
    expect(named.has('vrnt_9d1kq0')).toBe(false); // no product to look up
  });
});

describe('createCsomniSource: add to cart', () => {
  const cartVendor = (cartToken = 'cart_abc') =>
    vendor((request) => {
      const path = request.path.replace(/^\/csomni(?=\/)/, ''); // the same routes behind the proxy
      if (request.method === 'POST' && path === '/cart') return json({ cartToken, siteToken: 'site_1', customerToken: 'cs_123456', status: 'cart retrieved' });
      if (request.method === 'POST' && path.startsWith('/cartprods/')) return json({ cartToken, prodToken: (request.body as { prodToken: string }).prodToken, status: 'Prod Added' });
      if (productRoute(request.path)) return json(product());
      return json({ message: 'No route' }, 404);
    });

  it('offers no addToCart without a customer: POST /cart would make a guest cart the shop never shows', async () => {
    const api = cartVendor();
    expect(createCsomniSource(direct(api.fetch), { siteToken: 'site_1' }).addToCart).toBeUndefined();
    const proxy = (customerSession?: string) => direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example', customerSession } });
    expect(createCsomniSource(proxy(), {}).addToCart).toBeUndefined();
    expect(createCsomniSource(proxy('eyJ.session.sig'), {}).addToCart).toBeTypeOf('function');
    expect(createCsomniSource(direct(api.fetch), site).addToCart).toBeTypeOf('function');
    expect(api.requests).toHaveLength(0);
  });

  it('creates or fetches the cart, then adds the variant with its quantity', async () => {
    const api = cartVendor();
    await createCsomniSource(direct(api.fetch), site).addToCart!(item(), 2, {});
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /cart', 'POST /cartprods/cart_abc']);
    expect(api.requests[1].body).toEqual({ prodToken: 'vrnt_oat1', cartProdQuantity: 2 });
    for (const request of api.requests) expect(request.headers).toMatchObject({ token: 'site_dg30sdfsgdsgsvv', customertoken: 'cs_123456' });
  });

  it('reuses the cart token for later adds, also when two adds start together', async () => {
    const api = cartVendor();
    const source = createCsomniSource(direct(api.fetch), site);
    await Promise.all([source.addToCart!(item(), 1, {}), source.addToCart!(item({ id: 'vrnt_oat6', variantId: 'vrnt_oat6' }), 1, {})]);
    await source.addToCart!(item(), 1, {});
    expect(api.of('POST', '/cart')).toHaveLength(1);
    expect(api.of('POST', /^\/cartprods\//).map((r) => [r.path, (r.body as { prodToken: string }).prodToken])).toEqual([
      ['/cartprods/cart_abc', 'vrnt_oat1'],
      ['/cartprods/cart_abc', 'vrnt_oat6'],
      ['/cartprods/cart_abc', 'vrnt_oat1'],
    ]);
  });

  it('URL-encodes the cart token', async () => {
    const api = cartVendor('cart/1 ?x');
    await createCsomniSource(direct(api.fetch), site).addToCart!(item(), 1, {});
    expect(api.requests[1].url).toBe('https://apistore.csomni.example/cartprods/cart%2F1%20%3Fx');
  });

  it('puts a product-level item in the cart as the variant its product look-up names', async () => {
    const api = cartVendor();
    const source = createCsomniSource(direct(api.fetch), site);
    const productLevel = item({ id: 'prod_oatmilk', variantId: null });
    await source.addToCart!(productLevel, 1, {});
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /products/prod_oatmilk/full', 'POST /cart', 'POST /cartprods/cart_abc']);
    expect(api.requests[2].body).toEqual({ prodToken: 'vrnt_oat1', cartProdQuantity: 1 });
    // The look-up is cached with the names: a second add asks only for the cart line.
    await source.addToCart!(productLevel, 1, {});
    expect(api.of('GET', '/products/prod_oatmilk/full')).toHaveLength(1);
  });

  it('never retries adding to the cart on a 5xx: a cart add must not run twice', async () => {
    const api = vendor((request) => (request.path === '/cart' ? json({ cartToken: 'cart_abc' }) : new Response('<h1>Bad gateway</h1>', { status: 502 })));
    const error = await createCsomniSource(direct(api.fetch), site)
      .addToCart!(item(), 1, {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WidgetError);
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(api.of('POST', '/cartprods/cart_abc')).toHaveLength(1);
  });

  it('never retries creating the cart, and asks again on the next add after it failed', async () => {
    let cartCalls = 0;
    const api = vendor((request) => {
      if (request.path === '/cart') return ++cartCalls === 1 ? new Response('', { status: 503 }) : json({ cartToken: 'cart_abc' });
      return json({ status: 'Prod Added' });
    });
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.addToCart!(item(), 1, {})).rejects.toMatchObject({ kind: 'http', status: 503 });
    expect(api.requests).toHaveLength(1);
    await source.addToCart!(item(), 1, {});
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /cart', 'POST /cart', 'POST /cartprods/cart_abc']);
  });

  it('fails with invalid-response when the store returns no cart token', async () => {
    const api = vendor((request) => (request.path === '/cart' ? json({ status: 'cart created', cartToken: '' }) : json({})));
    await expect(createCsomniSource(direct(api.fetch), site).addToCart!(item(), 1, {})).rejects.toMatchObject({ kind: 'invalid-response' });
    expect(api.of('POST', /^\/cartprods/)).toHaveLength(0);
  });

  it('refuses an item it cannot resolve to a variant, without touching the cart', async () => {
    const api = vendor((request) => (productRoute(request.path) ? json(product({ variants: [] })) : json({ cartToken: 'cart_abc' })));
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.addToCart!(item({ productId: null, variantId: null }), 1, {})).rejects.toMatchObject({ kind: 'invalid-response' });
    await expect(source.addToCart!(item({ variantId: null }), 1, {})).rejects.toMatchObject({ kind: 'invalid-response' });
    expect(api.of('POST', '/cart')).toHaveLength(0);
  });

  it('adds through the proxy with only the session', async () => {
    const api = cartVendor();
    const source = createCsomniSource(direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example', customerSession: 'sess' } }), {});
    await source.addToCart!(item(), 1, {});
    expect(api.requests.map((r) => r.url)).toEqual(['https://proxy.example/csomni/cart', 'https://proxy.example/csomni/cartprods/cart_abc']);
    for (const request of api.requests) expect(request.headers).toEqual({ accept: 'application/json', authorization: 'Bearer sess', 'content-type': 'application/json' });
  });

  it('adds to the mock API cart, product-level items included', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const seen: string[] = [];
    const mockFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${request.method} ${new URL(request.url).pathname} ${request.method === 'POST' ? await request.clone().text() : ''}`.trim());
      return mockApi(request);
    }) as typeof globalThis.fetch;
    const source = createCsomniSource(
      { connection: { mode: 'direct', apiBase: 'http://x/mock/csomni' }, cacheTtl: 0, currency: 'USD', cache: new RequestCache(), fetch: mockFetch },
      { siteToken: 'site_demo', customerToken: 'cs_demo' },
    );
    const adding = Promise.all([source.addToCart!(item({ id: 'vrnt_honey', productId: 'prod_honey', variantId: 'vrnt_honey' }), 1, {}), source.addToCart!(item({ id: 'prod_granola', productId: 'prod_granola', variantId: null }), 1, {})]);
    await vi.runAllTimersAsync();
    await adding;
    expect(seen).toContain('POST /mock/csomni/cartprods/cart_cs_demo {"prodToken":"vrnt_honey","cartProdQuantity":1}');
    expect(seen).toContain('POST /mock/csomni/cartprods/cart_cs_demo {"prodToken":"vrnt_granola","cartProdQuantity":1}');
    expect(seen.filter((line) => line.startsWith('POST /mock/csomni/cart '))).toHaveLength(1);
  });
});

describe('repeated tokens', () => {
  it('keep the first row and fill in only what it lacked from later rows', () => {
    const items = normalizeFrequentlyPurchased(
      [
        { variantToken: 'vrnt_1', quantity: 9, price: '', variantImage: '', productToken: '' },
        { variantToken: 'vrnt_1', quantity: 2, price: 4, variantImage: { file: 'a.jpg' }, productToken: 'prod_1' },
        { variantToken: 'vrnt_1', quantity: 1, price: 7, variantImage: { file: 'b.jpg' }, productToken: 'prod_2' },
      ],
      { currency: 'USD', imageBaseUrl: '/img' },
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'vrnt_1', quantity: 9, productId: 'prod_1', price: { amount: 400, currency: 'USD' }, imageUrl: '/img/a.jpg', available: true });
  });
});

describe('createCsomniSource: look-ups per product', () => {
  it('asks once per product, however many cards show it, even when the look-up fails', async () => {
    const api = vendor((request) => (productRoute(request.path) === 'prod_gone' ? json({ message: 'gone' }, 404) : json({ prodName: 'Oat Milk', variants: [] })));
    const source = createCsomniSource(direct(api.fetch), site);
    const improved: PurchasedItem[] = [];
    const cards = [
      item({ id: 'vrnt_a', variantId: 'vrnt_a', productId: 'prod_gone' }),
      item({ id: 'vrnt_b', variantId: 'vrnt_b', productId: 'prod_gone' }),
      item({ id: 'vrnt_c', variantId: 'vrnt_c', productId: 'prod_oatmilk' }),
      item({ id: 'vrnt_d', variantId: 'vrnt_d', productId: 'prod_oatmilk' }),
    ];
    await source.enrich!(cards, { onItem: (next) => improved.push(next) });
    expect(api.of('GET', '/products/prod_gone/full')).toHaveLength(1);
    expect(api.of('GET', '/products/prod_oatmilk/full')).toHaveLength(1);
    expect(improved.map((next) => [next.id, next.name])).toEqual([
      ['vrnt_c', 'Oat Milk'],
      ['vrnt_d', 'Oat Milk'],
    ]);
  });

  it('never throws on tokens and files with half an emoji (lone surrogates)', async () => {
    const broken = 'prod_\uD83D';
    const items = normalizeFrequentlyPurchased(
      [{ variantToken: 'vrnt_\uDE00', productToken: broken, price: 1, quantity: 1, variantImage: { file: 'a/\uD83D.jpg' } }],
      { currency: 'USD', imageBaseUrl: '/img', productUrl: '/p/{productId}' },
    );
    expect(items[0].imageUrl).toBe('/img/a/%EF%BF%BD.jpg');
    expect(items[0].url).toBe('/p/prod_%EF%BF%BD');
    const api = vendor(() => json({ prodName: 'Fine' }));
    await createCsomniSource(direct(api.fetch), site).enrich!(items, { onItem: () => undefined });
    expect(api.requests[0].path).toBe('/products/prod_%EF%BF%BD/full');
  });
});
