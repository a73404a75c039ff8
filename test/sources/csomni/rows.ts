import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import fc from 'fast-check';
import type { PurchasedItem } from '../../../src/model.ts';
import { normalizeFrequentlyPurchased } from '../../../src/sources/csomni.ts';

/** Rows, products and checks the CS Omni normalizer tests share. */

export const fixture = (name: string): unknown[] =>
  JSON.parse(readFileSync(new URL(`../../fixtures/csomni/${name}`, import.meta.url), 'utf8'));

export const CDN = 'https://cdn.example/img';
export const options = {
  currency: 'USD',
  imageBaseUrl: `${CDN}/`,
  productUrl: 'https://shop.example/p/{productId}?v={variantId}',
};
export const usd = (amount: number) => ({ amount, currency: 'USD' });

/** One row, shaped like the vendor's, with `overrides` on top. */
export const row = (overrides: Record<string, unknown> = {}) => ({
  variantToken: 'vrnt_1',
  quantity: 3,
  price: 3.5,
  variantImage: { file: '9-14-2021/a.jpg', id: 'ast20tjq', status: 'poolImages' },
  productToken: 'prod_1',
  ...overrides,
});

export const one = (
  overrides: Record<string, unknown>,
  opts: Parameters<typeof normalizeFrequentlyPurchased>[1] = options,
) => normalizeFrequentlyPurchased([row(overrides)], opts)[0];

/** A URL a browser would only ever resolve to http(s). */
export function expectSafeUrl(url: unknown): void {
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

export function expectMoney(money: unknown, currency: string): void {
  if (money === null) return;
  expect(money).toEqual({ amount: expect.any(Number), currency });
  expect(Number.isSafeInteger((money as { amount: number }).amount)).toBe(true);
}

export function expectWellFormed(items: unknown, currency = 'USD'): void {
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
export const junk = fc.anything({
  withBoxedValues: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withSparseArray: true,
});
export const tokenArb = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    'vrnt_1',
    'vrnt_2',
    ' vrnt_1 ',
    'prod_1',
    'prod_2',
    'prod_',
    '123456',
    'a/b?c#d',
    'javascript:alert(1)',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  junk,
);
export const priceArb = fc.oneof(
  fc.constantFrom('', ' ', '.00', '0.29', '$1,000.0', '$ 55.9', '1e5', 'abc', '-3', '99999999999999999999'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  junk,
);
export const fileArb = fc.oneof(
  fc.constantFrom(
    '',
    '[]',
    '{}',
    'null',
    ' ',
    'a\\/b.jpg',
    '9-14-2021/1631634128386__40977__x.jpg',
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'https://img.example/x.png',
    '//evil.example/x.png',
    'data:image/png;base64,AAAA',
  ),
  fc.string({ maxLength: 12 }),
  junk,
);
export const imageArb = fc.oneof(
  fc.constantFrom('', [], {}, { file: '[]' }, { type: '' }, { file: '' }),
  fc.record(
    { file: fileArb, type: fc.constantFrom('', 'image'), id: fc.string(), status: fc.string() },
    { requiredKeys: [] },
  ),
  junk,
);
export const quantityArb = fc.oneof(
  fc.constantFrom('1', ' 17 ', '-1', '1.5', 'x', '', '1e3'),
  fc.integer(),
  fc.double(),
  junk,
);
export const rowArb = fc.record(
  { variantToken: tokenArb, productToken: tokenArb, quantity: quantityArb, price: priceArb, variantImage: imageArb },
  { requiredKeys: [] },
);
export const optionsArb = fc.record({
  currency: fc.constantFrom('USD', 'JPY', 'KWD'),
  imageBaseUrl: fc.constantFrom(
    undefined,
    '',
    'https://cdn.example/img/',
    '/mock/assets',
    'javascript:alert(1)//',
    ' data:text/html,',
    '//cdn.example',
  ),
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

/** A product as `/products/{token}/full` answers it. */
export const product = (overrides: Record<string, unknown> = {}) => ({
  prodToken: 'prod_oatmilk',
  prodName: 'Organic Oat Milk 1 L\t',
  prodSlug: 'organic-oat-milk-1-l',
  prodImage: { file: '9-14-2021/oat.jpg', type: 'image' },
  prodPrice: '.00',
  prodVisible: 1,
  variantInfo: { priceFrom: 3.5, priceTo: null, variantCount: 2 },
  variants: [
    {
      prodToken: 'prod_oatmilk',
      variantToken: 'vrnt_oat1',
      variantName: '',
      variantImage: { type: '' },
      variantPrice: 3.5,
      variantVisible: 1,
      variantInStock: true,
      deleted: 0,
    },
    {
      prodToken: 'prod_oatmilk',
      variantToken: 'vrnt_oat6',
      variantName: '6-pack  ',
      variantImage: { file: '9-14-2021/six.jpg', type: 'image', id: 'a', status: 'poolImages' },
      variantPrice: 19.9,
      variantVisible: 1,
      deleted: 0,
    },
  ],
  ...overrides,
});
