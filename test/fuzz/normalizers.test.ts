import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrencyCode, minorDigits, parseMoney, type Money } from '../../src/core/money.ts';
import type { Cart, CartLine, PurchasedItem } from '../../src/model.ts';
import { normalizeProductPurchased } from '../../src/sources/algonomy.ts';
import { normalizeFrequentlyPurchased, normalizeProductDetails } from '../../src/sources/csomni.ts';
import { cartTotals } from '../../src/model.ts';
import { normalizeCartLines, normalizeCartList } from '../../src/sources/giosg.ts';
import {
  currency,
  CURRENCIES,
  decimalAmount,
  field,
  junk,
  nastyString,
  recordOrJunk,
  token,
  type DecimalAmount,
} from './arbitraries.ts';

/**
 * Fuzzing the vendors' normalizers with fast-check: 10,000 generated inputs per property, shaped
 * like each vendor's records with every field also drawn from wrong types. They must never
 * throw, always return well-formed items, and keep money exact. A failure prints the smallest
 * input fast-check could shrink it to, and its seed to replay it.
 */

const RUNS = { numRuns: 10_000 };

// ------------------------------------------------------------------ what well-formed means

const fail = (what: string, value: unknown): never => {
  const shown = (_key: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v);
  throw new Error(`${what}: ${JSON.stringify(value, shown)?.slice(0, 300)}`);
};

/** `http:`, `https:` or relative, and nothing a browser would run. */
function checkUrl(url: unknown, what: string): void {
  if (url === null) return;
  if (typeof url !== 'string' || !url.trim()) fail(`${what} is not a URL`, url);
  const text = url as string;
  if (/[\u0000-\u001f\u007f]/.test(text)) fail(`${what} has control characters`, text);
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme && !/^https?$/i.test(scheme[1])) fail(`${what} has a forbidden scheme`, text);
}

function checkMoney(money: unknown, what: string, code?: string): void {
  if (money === null) return;
  const value = money as Money;
  if (typeof value !== 'object' || !Number.isSafeInteger(value.amount))
    fail(`${what} is not a safe integer amount`, money);
  if (!isCurrencyCode(value.currency)) fail(`${what} has no currency`, money);
  if (code && value.currency !== code) fail(`${what} is not in ${code}`, money);
  // Money must always be formattable, as the widget will format it.
  formatMoney(value, 'en-US');
}

const checkDate = (date: unknown, what: string) => {
  if (date !== null && !(date instanceof Date && Number.isFinite(date.getTime())))
    fail(`${what} is not a valid date or null`, String(date));
};

const checkStringOrNull = (value: unknown, what: string) => {
  if (value !== null && typeof value !== 'string') fail(`${what} is not a string or null`, value);
};

function checkItems(items: unknown, code: string): void {
  if (!Array.isArray(items)) fail('items is not an array', items);
  const ids = new Set<string>();
  for (const item of items as PurchasedItem[]) {
    if (typeof item.id !== 'string' || !item.id) fail('an item has no id', item);
    if (ids.has(item.id)) fail('two items share an id', item.id);
    ids.add(item.id);
    if (item.productId !== null && (typeof item.productId !== 'string' || !item.productId)) fail('productId', item);
    checkStringOrNull(item.variantId, 'variantId');
    checkStringOrNull(item.name, 'name');
    checkUrl(item.imageUrl, 'imageUrl');
    checkUrl(item.url, 'url');
    checkMoney(item.price, 'price', code);
    checkMoney(item.orderValue, 'orderValue', code);
    if (item.quantity !== null && !(Number.isFinite(item.quantity) && item.quantity >= 0))
      fail('quantity', item.quantity);
    checkDate(item.lastOrderedAt, 'lastOrderedAt');
    if (typeof item.available !== 'boolean') fail('available is not a boolean', item);
  }
}

function checkCarts(carts: unknown): void {
  if (!Array.isArray(carts)) fail('carts is not an array', carts);
  const ids = new Set<string>();
  for (const cart of carts as Cart[]) {
    if (typeof cart.id !== 'string' || !cart.id) fail('a cart has no id', cart);
    if (ids.has(cart.id)) fail('two carts share an id', cart.id);
    ids.add(cart.id);
    if (!isCurrencyCode(cart.currency)) fail('a cart has no usable currency', cart.currency);
    checkStringOrNull(cart.visitorId, 'visitorId');
    for (const name of ['createdAt', 'updatedAt', 'lockedAt'] as const) checkDate(cart[name], name);
    if (typeof cart.isLocked !== 'boolean') fail('isLocked', cart.isLocked);
    checkMoney(cart.totalValue, 'totalValue', cart.currency);
    checkMoney(cart.totalSubscriptionValue, 'totalSubscriptionValue', cart.currency);
    if (cart.lines !== null) fail('a listed cart has lines', cart.lines);
  }
}

function checkLines(lines: unknown, code: string): void {
  if (!Array.isArray(lines)) fail('lines is not an array', lines);
  const ids = new Set<string>();
  for (const line of lines as CartLine[]) {
    if (typeof line.id !== 'string' || !line.id) fail('a line has no id', line);
    if (ids.has(line.id)) fail('two lines share an id', line.id);
    ids.add(line.id);
    if (typeof line.name !== 'string') fail('name', line.name);
    for (const name of ['description', 'category', 'productNumber'] as const) checkStringOrNull(line[name], name);
    for (const name of ['quantity', 'monthlyQuantity'] as const) {
      if (!(Number.isFinite(line[name]) && line[name] >= 0)) fail(name, line[name]);
    }
    for (const name of ['unitValue', 'lineTotal', 'subscriptionValue', 'subscriptionTotal'] as const)
      checkMoney(line[name], name, code);
    if (typeof line.isDeleted !== 'boolean') fail('isDeleted', line.isDeleted);
    for (const name of ['deletedAt', 'createdAt', 'updatedAt'] as const) checkDate(line[name], name);
  }
}

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

// ------------------------------------------------------------------ money stays exact

/** `{ currency, amount }` pairs whose text has at most the currency's digits. */
const amountIn = currency.chain((code) => decimalAmount(code).map((amount) => ({ code, ...amount })));

const exact = (money: Money | null, expected: DecimalAmount, what: string) => {
  if (!money) fail(`${what}: "${expected.text}" did not parse`, expected.text);
  if (BigInt(money!.amount) !== expected.units)
    fail(`${what}: "${expected.text}" became ${money!.amount}, not ${expected.units}`, money);
};

describe('fuzz: money through the normalizers is exact', () => {
  it('CS Omni prices, Algonomy values and giosg values keep every minor unit', () => {
    fc.assert(
      fc.property(amountIn, ({ code, text, units }) => {
        const [item] = normalizeFrequentlyPurchased([{ variantToken: 'vrnt_1', productToken: 'prod_1', price: text }], {
          currency: code,
        });
        exact(item.price, { text, units }, 'CS Omni price');
        const [row] = normalizeProductPurchased(
          { status: 'OK', data: { dataList: [{ productCode: '1', productValue: text, orderValue: text }] } },
          code,
        ).items;
        exact(row.price, { text, units }, 'Algonomy productValue');
        exact(row.orderValue, { text, units }, 'Algonomy orderValue');
        const [line] = normalizeCartLines({ results: [{ id: 'l1', value: text, quantity: 1 }] }, code);
        exact(line.unitValue, { text, units }, 'giosg value');
      }),
      RUNS,
    );
  });

  it('parse -> format -> parse round-trips in locales whose format cannot be misread', () => {
    // en-US/en-GB/ja-JP/de-CH write "1,234.50" or "1’234.50"; comma-decimal locales write
    // "1.234,50", which reads back unambiguously for currencies with at most two digits.
    const unambiguous = ['en-US', 'en-GB', 'ja-JP', 'de-CH'];
    const commaDecimal = ['de-DE', 'fr-FR', 'sv-SE', 'es-ES', 'pt-BR', 'pl-PL'];
    fc.assert(
      fc.property(amountIn, fc.constantFrom(...unambiguous, ...commaDecimal), ({ code, text, units }, locale) => {
        fc.pre(unambiguous.includes(locale) || minorDigits(code) <= 2);
        const parsed = parseMoney(text, code);
        exact(parsed, { text, units }, 'parse');
        const formatted = formatMoney(parsed!, locale);
        const again = parseMoney(formatted, code);
        if (!again || again.amount !== parsed!.amount)
          fail(`${code} ${text} formatted in ${locale} as "${formatted}" reads back as ${again?.amount}`, formatted);
      }),
      RUNS,
    );
  });

  it('a line total is unit x quantity, and the items sum is the integer sum of the counted lines', () => {
    const lines = currency.chain((code) =>
      fc.tuple(
        fc.constant(code),
        fc.array(
          fc.record({
            value: decimalAmount(code, 10n ** 9n),
            quantity: fc.oneof(fc.nat({ max: 500 }), fc.nat({ max: 500 }).map(String)),
            deleted: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
      ),
    );
    fc.assert(
      fc.property(lines, ([code, generated]) => {
        const normalized = normalizeCartLines(
          {
            results: generated.map((line, i) => ({
              id: `l${i}`,
              value: line.value.text,
              quantity: line.quantity,
              is_deleted: line.deleted,
            })),
          },
          code,
        );
        let sum = 0n;
        normalized.forEach((line, i) => {
          const expected = generated[i].value.units * BigInt(generated[i].quantity);
          if (!line.lineTotal || BigInt(line.lineTotal.amount) !== expected)
            fail(`line ${i}: ${generated[i].value.text} x ${generated[i].quantity}`, line.lineTotal);
          if (!generated[i].deleted) sum += expected;
        });
        const totals = cartTotals({
          id: 'c',
          visitorId: null,
          currency: code,
          createdAt: null,
          updatedAt: null,
          isLocked: false,
          lockedAt: null,
          totalValue: null,
          totalSubscriptionValue: null,
          lines: normalized,
        });
        if (!totals.items || BigInt(totals.items.amount) !== sum)
          fail(`items sum in ${code}: expected ${sum}`, totals.items);
        if (!Number.isSafeInteger(totals.items!.amount)) fail('the sum is not a safe integer', totals.items);
      }),
      RUNS,
    );
  });

  it('a comma before three digits after a lone 0 is a decimal comma, never a thousands separator', () => {
    // "0,500" cannot be five hundred: a thousands group never follows a lone 0. The vendor's
    // 0.50 must read as 0.50 (or be rejected), never as 500.00.
    for (const code of CURRENCIES.filter((each) => minorDigits(each) >= 2)) {
      for (const text of ['0,500', '0,250', '-0,125']) {
        const money = parseMoney(text, code);
        const whole = Math.abs(money?.amount ?? 0) / 10 ** minorDigits(code);
        expect(whole, `parseMoney("${text}", "${code}") = ${JSON.stringify(money)}`).to.be.lessThan(1);
      }
    }
  });
});
