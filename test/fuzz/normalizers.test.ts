import fc from 'fast-check';
import { describe, it } from 'vitest';
import { normalizeProductPurchased } from '../../src/sources/algonomy.ts';
import { normalizeFrequentlyPurchased, normalizeProductDetails } from '../../src/sources/csomni.ts';
import { normalizeCartLines, normalizeCartList } from '../../src/sources/giosg.ts';
import { currency, field, junk, nastyString, recordOrJunk, token } from './arbitraries.ts';
import {
  RUNS,
  fail,
  checkUrl,
  checkMoney,
  checkStringOrNull,
  checkItems,
  checkCarts,
  checkLines,
} from './well-formed.ts';

/**
 * Fuzzing the vendors' normalizers with fast-check: 10,000 generated inputs per property, shaped
 * like each vendor's records with every field also drawn from wrong types. They must never
 * throw and always return well-formed items (`well-formed.ts`); `money.test.ts` keeps money
 * exact. A failure prints the smallest input fast-check could shrink it to, and its seed to
 * replay it.
 */

// ------------------------------------------------------------------ vendor-shaped generators

const imageFile = fc.oneof(
  fc.constantFrom(
    '9-14-2021/1631634128386__40977__oat-milk.jpg',
    '9-14-2021\\/escaped.jpg',
    'https://cdn.example/x.png',
    '[]',
    '{}',
    'null',
    '',
  ),
  nastyString,
);

const csomniRow = recordOrJunk({
  variantToken: field(fc.oneof(token('vrnt_'), token('prod_'))),
  quantity: field(fc.oneof(fc.nat(), fc.nat().map(String))),
  price: field(
    fc.oneof(fc.constant(''), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom('.00', '0.29', '4.20')),
  ),
  variantImage: fc.oneof(
    fc.constantFrom('', [], { type: '' }, { file: '[]' }, { file: '' }),
    recordOrJunk({ file: field(imageFile), id: field(fc.string()), status: field(fc.string()) }),
    junk,
  ),
  productToken: field(fc.oneof(token('prod_'), fc.constant(''))),
});

const csomniOptions = fc.record({
  currency,
  imageBaseUrl: fc.option(fc.constantFrom('/mock/assets', 'https://cdn.example/images/', 'javascript:alert(1)//', ''), {
    nil: undefined,
  }),
  productUrl: fc.option(
    fc.constantFrom(
      '/p/{productId}?v={variantId}',
      'https://shop.example/{productId}',
      'javascript:{productId}',
      '/p/{productId}',
    ),
    { nil: undefined },
  ),
});

const csomniProduct = recordOrJunk({
  prodToken: field(token('prod_')),
  prodName: field(fc.string()),
  prodPrice: field(fc.constantFrom('.00', '10.00', '0.29', '')),
  prodImage: fc.oneof(recordOrJunk({ file: field(imageFile), type: field(fc.string()) }), junk),
  variants: field(
    fc.array(
      recordOrJunk({
        variantToken: field(token('vrnt_')),
        variantName: field(fc.string()),
        variantPrice: field(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom('3.50', ''))),
        variantImage: fc.oneof(recordOrJunk({ file: field(imageFile) }), junk),
        variantVisible: field(fc.constantFrom(0, 1, '0', '1')),
        deleted: field(fc.constantFrom(0, 1, '0', '1')),
      }),
      { maxLength: 4 },
    ),
  ),
});

const algonomyRow = recordOrJunk({
  productKey: field(fc.nat()),
  productCode: field(fc.oneof(fc.stringMatching(/^\d{13}$/), fc.nat(), fc.constant(' '))),
  productName: field(fc.string()),
  productDescription: field(fc.string()),
  productImgUrl: field(
    fc.oneof(
      fc.constantFrom(' ', '/mock/assets/x.jpg', 'https://cdn.example/x.jpg', 'javascript:alert(1)'),
      nastyString,
    ),
  ),
  productQty: field(fc.oneof(fc.nat(), fc.nat().map(String), fc.double({ min: 0, max: 1e4, noNaN: true }).map(String))),
  orderValue: field(fc.constantFrom('$100.30', '$ 55.9', '$1000.0', '$1,000.50', '')),
  productValue: field(fc.constantFrom('$100.30', '$ 55.9', '$1000.0', '$1,000.50', '')),
  orderDate: field(
    fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        'N/A',
        '2024-02-31',
        '2024-03-05 10:00:00',
        '2024-02-14T09:30:00Z',
        '2023-11-02T11:00:00+01:00',
      ),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    ),
  ),
  customerId: field(fc.oneof(fc.nat(), fc.nat().map(String))),
});

const algonomyAnswer = fc.oneof(
  {
    weight: 4,
    arbitrary: recordOrJunk({
      status: field(fc.constantFrom('OK', 'ERROR')),
      message: field(fc.string()),
      data: fc.oneof(
        recordOrJunk({
          customerId: field(fc.nat()),
          totalCount: field(fc.nat()),
          currentPage: field(fc.nat()),
          pageSize: field(fc.nat()),
          totalPages: field(fc.nat()),
          lastKey: field(fc.record({ HK_CUSTOMER_CODE: fc.string(), RK_DATE_KEY: fc.nat() })),
          dataList: field(fc.array(algonomyRow, { maxLength: 6 })),
          data: junk,
        }),
        junk,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: recordOrJunk({
      dataList: field(fc.array(algonomyRow, { maxLength: 6 })),
      totalPages: field(fc.nat()),
      lastKey: junk,
    }),
  },
);

const timestamp = field(
  fc.oneof(
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.constantFrom('2024-02-31T00:00:00Z', '2019-06-13 07:01:54', ''),
  ),
);

const giosgCart = recordOrJunk({
  id: field(fc.oneof(fc.uuid(), fc.nat())),
  currency: field(fc.oneof(currency, fc.constantFrom(null, 'eur', '€', 'EURO', ''))),
  created_at: timestamp,
  updated_at: timestamp,
  is_locked: field(fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 1, 0, '1'))),
  locked_at: timestamp,
  total_value: field(fc.constantFrom('365.82', '0.10', '5900.00', '3500', null)),
  total_subscription_value: field(fc.constantFrom('29.80', null, '')),
  visitor_id: field(fc.string()),
});

const giosgLine = recordOrJunk({
  id: field(fc.oneof(fc.uuid(), fc.nat())),
  name: field(fc.string()),
  description: field(fc.string()),
  category_name: field(fc.string()),
  product_number: field(fc.string()),
  value: field(fc.constantFrom('35.81', '0.10', '12.09', '299.00', '3500', null)),
  quantity: field(
    fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: 1000 }).map(String), fc.constantFrom(null, '1.5', 0.25)),
  ),
  subscription_value: field(fc.constantFrom('9.90', '19.90', null)),
  monthly_quantity: field(fc.oneof(fc.nat({ max: 12 }), fc.constantFrom('1', null))),
  is_deleted: field(fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1))),
  deleted_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});

/** A list answer: `{ next, previous, results }`, a bare array, or junk. */
const listOf = (record: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: recordOrJunk({
        next: field(fc.constantFrom(null, 'https://service.giosg.com/api/v5/x?cursor=bzoy')),
        previous: junk,
        results: field(fc.array(record, { maxLength: 6 })),
      }),
    },
    { weight: 1, arbitrary: fc.array(record, { maxLength: 6 }) },
  );

// ------------------------------------------------------------------ the properties

describe('fuzz: CS Omni normalizers', () => {
  it('normalizeFrequentlyPurchased never throws, whatever the rows', () => {
    fc.assert(
      fc.property(
        fc.oneof({ weight: 5, arbitrary: fc.array(csomniRow, { maxLength: 8 }) }, { weight: 1, arbitrary: junk }),
        csomniOptions,
        (data, options) => {
          normalizeFrequentlyPurchased(data, options);
        },
      ),
      RUNS,
    );
  });

  it('normalizeFrequentlyPurchased returns well-formed items (unique ids, safe URLs, exact money)', () => {
    fc.assert(
      fc.property(fc.array(csomniRow, { maxLength: 8 }), csomniOptions, (data, options) => {
        checkItems(normalizeFrequentlyPurchased(data, options), options.currency);
      }),
      RUNS,
    );
  });

  it('normalizeProductDetails never throws, whatever the product', () => {
    fc.assert(
      fc.property(
        fc.oneof({ weight: 5, arbitrary: csomniProduct }, { weight: 1, arbitrary: junk }),
        fc.option(token('vrnt_'), { nil: null }),
        csomniOptions,
        (data, variantId, options) => {
          normalizeProductDetails(data, variantId, options);
        },
      ),
      RUNS,
    );
  });

  it('normalizeProductDetails returns a well-formed answer (trimmed name, safe image, exact price)', () => {
    fc.assert(
      fc.property(
        csomniProduct,
        fc.option(token('vrnt_'), { nil: null }),
        csomniOptions,
        (data, variantId, options) => {
          const details = normalizeProductDetails(data, variantId, options);
          checkStringOrNull(details.name, 'name');
          checkMoney(details.price, 'price', options.currency);
          checkUrl(details.imageUrl, 'imageUrl');
          checkStringOrNull(details.cartVariantId, 'cartVariantId');
          if (details.name !== null && details.name !== details.name.trim()) fail('name is not trimmed', details.name);
        },
      ),
      RUNS,
    );
  });
});

describe('fuzz: Algonomy normalizer', () => {
  it('normalizeProductPurchased never throws and returns well-formed items and paging', () => {
    fc.assert(
      fc.property(algonomyAnswer, currency, (data, code) => {
        const page = normalizeProductPurchased(data, code);
        checkItems(page.items, code);
        for (const name of ['totalPages', 'currentPage'] as const) {
          const value = page[name];
          if (value !== null && !(Number.isSafeInteger(value) && value >= 0)) fail(name, value);
        }
      }),
      RUNS,
    );
  });
});

describe('fuzz: giosg normalizers', () => {
  it('normalizeCartList never throws and returns well-formed carts', () => {
    fc.assert(
      fc.property(listOf(giosgCart), fc.oneof(currency, nastyString), (data, code) => {
        checkCarts(normalizeCartList(data, code));
      }),
      RUNS,
    );
  });

  it('normalizeCartLines never throws and returns well-formed lines', () => {
    fc.assert(
      fc.property(listOf(giosgLine), currency, (data, code) => {
        checkLines(normalizeCartLines(data, code), code);
      }),
      RUNS,
    );
  });
});
