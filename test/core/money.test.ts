import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMoney,
  formatMoney,
  isCurrencyCode,
  minorDigits,
  multiplyMoney,
  parseMoney,
  subtractMoney,
  sumMoney,
  type Money,
} from '../../src/core/money.ts';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });

/** Exact en-US rendering of integer minor units, built with BigInt so no float is involved. */
function exactEnUs(amount: number, symbol = '$', digits = 2): string {
  const units = BigInt(Math.abs(amount));
  const scale = 10n ** BigInt(digits);
  const whole = (units / scale).toLocaleString('en-US');
  const fraction = digits ? `.${(units % scale).toString().padStart(digits, '0')}` : '';
  return `${amount < 0 ? '\u2212' : ''}${symbol}${whole}${fraction}`;
}

describe('parseMoney', () => {
  it.each([
    ['0.29', 29],
    [3.5, 350],
    ['.00', 0],
    ['$1,000.0', 100_000],
    ['$1,000.50', 100_050],
    ['$100.30', 10_030],
    ['$ 55.9', 5_590],
    ['$1000.0', 100_000],
    ['145.50', 14_550],
    [0.29, 29],
    [0.1, 10],
    [1, 100],
    [43.54, 4_354],
    [1.1, 110],
    ['4.20', 420],
    ['  12.5  ', 1_250],
    ['1 000,50 €', 100_050],
    ['€ 1.234,56', 123_456],
    ['12,34', 1_234],
    ['1,000', 100_000],
    ['1,000,000', 100_000_000],
    ['USD 7', 700],
    ['7 USD', 700],
  ] as const)('reads %j as %i cents', (input, cents) => {
    expect(parseMoney(input, 'USD')).toEqual({ amount: cents, currency: 'USD' });
  });

  it.each([
    ['-5.25', -525],
    [-5.25, -525],
    ['-$5.25', -525],
    ['$-5.25', -525],
    ['- $ 5.25', -525],
    ['(5.00)', -500],
    ['$(5.00)', -500],
    ['USD (5.00)', -500],
    ['(5.00) USD', -500],
    ['(5.00 USD)', -500],
    ['-.5', -50],
    [-0.29, -29],
    ['-$1,000.50', -100_050],
  ] as const)('reads the negative amount %j as %i cents', (input, cents) => {
    expect(parseMoney(input, 'USD')).toEqual({ amount: cents, currency: 'USD' });
  });

  it('never turns a negative zero into -0', () => {
    expect(Object.is(parseMoney('-0.00', 'USD')!.amount, 0)).toBe(true);
    expect(Object.is(parseMoney(-0, 'USD')!.amount, 0)).toBe(true);
    expect(Object.is(parseMoney('-0.001', 'USD')!.amount, 0)).toBe(true);
  });

  it('reads a Unicode minus sign (U+2212, as Intl writes it in sv-SE) as negative, never as positive', () => {
    expect(parseMoney('\u22125,25', 'EUR')).toEqual({ amount: -525, currency: 'EUR' });
    expect(parseMoney('\u22121\u00a0234,56\u00a0kr', 'SEK')).toEqual({ amount: -123_456, currency: 'SEK' });
  });

  it.each(['--5', '+-3', '-+3', '- -5', '5--', '(-5)', '(+5)', '(- $5)'])(
    'does not guess a sign for %j: null',
    (input) => {
      expect(parseMoney(input, 'USD')).toBeNull();
    },
  );

  it('uses the minor unit of the currency: JPY has none, KWD three', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(parseMoney('1,500', 'JPY')).toEqual({ amount: 1_500, currency: 'JPY' });
    expect(parseMoney(1500, 'JPY')).toEqual({ amount: 1_500, currency: 'JPY' });
    expect(parseMoney('¥ 980', 'JPY')).toEqual({ amount: 980, currency: 'JPY' });
    expect(parseMoney('1.5', 'JPY')).toEqual({ amount: 2, currency: 'JPY' });
    expect(parseMoney('1.234', 'KWD')).toEqual({ amount: 1_234, currency: 'KWD' });
    expect(parseMoney(0.5, 'KWD')).toEqual({ amount: 500, currency: 'KWD' });
    expect(parseMoney('KWD 12.5', 'KWD')).toEqual({ amount: 12_500, currency: 'KWD' });
  });

  it('rounds half away from zero beyond the minor unit', () => {
    expect(parseMoney('0.125', 'USD')!.amount).toBe(13);
    expect(parseMoney('0.1249', 'USD')!.amount).toBe(12);
    expect(parseMoney('-0.125', 'USD')!.amount).toBe(-13);
    expect(parseMoney('9.995', 'USD')!.amount).toBe(1_000);
    expect(parseMoney('99.999', 'USD')!.amount).toBe(10_000);
    expect(parseMoney(1.005, 'USD')!.amount).toBe(101);
    expect(parseMoney('1.2345', 'KWD')!.amount).toBe(1_235);
    expect(parseMoney('1.2344', 'KWD')!.amount).toBe(1_234);
    expect(parseMoney('0.49', 'JPY')!.amount).toBe(0);
    expect(parseMoney('0.5', 'JPY')!.amount).toBe(1);
  });

  it('reads numbers written with an exponent by their exact decimal value', () => {
    expect(parseMoney(1e-7, 'USD')).toEqual(usd(0));
    expect(parseMoney(5e-3, 'USD')).toEqual(usd(1));
    expect(parseMoney(1e21, 'USD')).toBeNull();
  });

  it.each([
    ['""', ''],
    ['" "', ' '],
    ['null', null],
    ['undefined', undefined],
    ['{}', {}],
    ['[]', []],
    ['["1.00"]', ['1.00']],
    ['"abc"', 'abc'],
    ['"1e5"', '1e5'],
    ['"1.2.3"', '1.2.3'],
    ['"1,2,3"', '1,2,3'],
    ['"$"', '$'],
    ['"."', '.'],
    ['"-"', '-'],
    ['"12abc34"', '12abc34'],
    ['"0x10"', '0x10'],
    ['a percentage', '5%'],
    ['a percentage with a sign', '-12.5 %'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['true', true],
    ['a bigint', 10n],
    ['a boxed number', Object(5)],
  ] as const)('returns null for %s', (_, input) => {
    expect(parseMoney(input, 'USD')).toBeNull();
  });

  it('returns null beyond the safe integer range instead of losing cents', () => {
    expect(parseMoney('90071992547409.91', 'USD')).toEqual(usd(Number.MAX_SAFE_INTEGER));
    expect(parseMoney('90071992547409.92', 'USD')).toBeNull();
    expect(parseMoney('9'.repeat(400), 'USD')).toBeNull();
  });

  it('returns null for a currency Intl does not know', () => {
    expect(parseMoney('1.00', 'NOPE')).toBeNull();
    expect(parseMoney('1.00', '')).toBeNull();
    expect(isCurrencyCode('usd')).toBe(true);
    expect(isCurrencyCode('EURO')).toBe(false);
    expect(isCurrencyCode(null)).toBe(false);
  });

  it('round-trips every two-decimal string exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) / 100n - 1n }),
        fc.integer({ min: 0, max: 99 }),
        (negative, whole, cents) => {
          const text = `${negative ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`;
          const expected = (negative ? -1 : 1) * Number(whole * 100n + BigInt(cents));
          expect(parseMoney(text, 'USD')).toEqual(usd(expected === 0 ? 0 : expected));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads every number with at most two decimals as the same cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(parseMoney(cents / 100, 'USD')).toEqual(usd(cents === 0 ? 0 : cents));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever it is given (property)', () => {
    const currencies = fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'XXX', 'nope', '');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true, withBoxedValues: true, withNullPrototype: true }),
          fc.string(),
          fc.double(),
        ),
        currencies,
        (input, currency) => {
          const money = parseMoney(input, currency);
          if (money !== null) {
            expect(Number.isSafeInteger(money.amount)).toBe(true);
            expect(money.currency).toBe(currency);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on strings made of money characters (property)', () => {
    const moneyText = fc.string({
      unit: fc.constantFrom(...'0123456789.,-+ ()$€\u2212\u00a0e'.split('')),
      maxLength: 20,
    });
    fc.assert(
      fc.property(moneyText, (input) => {
        const money = parseMoney(input, 'USD');
        if (money !== null) expect(Number.isSafeInteger(money.amount)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('money arithmetic', () => {
  it('sums without float drift: ten times 0.1 is exactly 1.00', () => {
    const dime = parseMoney(0.1, 'USD');
    expect(
      sumMoney(
        Array.from({ length: 10 }, () => dime),
        'USD',
      ),
    ).toEqual(usd(100));
    // The float sum is not 1, which is why amounts are integers.
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });

  it('multiplies exactly: 3 x "0.10" is 0.30', () => {
    expect(multiplyMoney(parseMoney('0.10', 'USD'), 3)).toEqual(usd(30));
    expect(multiplyMoney(parseMoney('0.29', 'USD'), 3)).toEqual(usd(87));
    expect(multiplyMoney(usd(145), 0)).toEqual(usd(0));
    expect(multiplyMoney(usd(145), -2)).toEqual(usd(-290));
  });

  it('refuses fractional quantities, unsafe results and null', () => {
    expect(multiplyMoney(usd(100), 1.5)).toBeNull();
    expect(multiplyMoney(usd(100), Number.NaN)).toBeNull();
    expect(multiplyMoney(usd(Number.MAX_SAFE_INTEGER), 2)).toBeNull();
    expect(multiplyMoney(null, 2)).toBeNull();
  });

  it('adds and subtracts in one currency, null otherwise', () => {
    expect(addMoney(usd(10), usd(20))).toEqual(usd(30));
    expect(subtractMoney(usd(10), usd(25))).toEqual(usd(-15));
    expect(subtractMoney(parseMoney('145.50', 'USD'), parseMoney('$100.30', 'USD'))).toEqual(usd(4_520));
    expect(addMoney(usd(10), { amount: 10, currency: 'EUR' })).toBeNull();
    expect(subtractMoney(usd(10), { amount: 10, currency: 'EUR' })).toBeNull();
    expect(addMoney(null, usd(1))).toBeNull();
    expect(addMoney(usd(1), null)).toBeNull();
    expect(subtractMoney(usd(1), null)).toBeNull();
    expect(subtractMoney(null, usd(1))).toBeNull();
  });

  it('sums skip null and other currencies', () => {
    expect(sumMoney([usd(1), null, { amount: 99, currency: 'EUR' }, usd(2)], 'USD')).toEqual(usd(3));
    expect(sumMoney([], 'JPY')).toEqual({ amount: 0, currency: 'JPY' });
  });

  it('a sum equals the integer sum of its parts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 999_999 }), { maxLength: 50 }), (cents) => {
        const parsed = cents.map((c) =>
          parseMoney(`${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`, 'USD'),
        );
        expect(sumMoney(parsed, 'USD')).toEqual(usd(cents.reduce((a, b) => a + b, 0)));
      }),
    );
  });
});

describe('formatMoney', () => {
  it('formats with Intl in en-US, de-DE and ja-JP', () => {
    expect(formatMoney(usd(123_456), 'en-US')).toBe('$1,234.56');
    expect(formatMoney(usd(-5), 'en-US')).toBe('\u2212$0.05');
    expect(formatMoney(usd(0), 'en-US')).toBe('$0.00');
    expect(formatMoney({ amount: 123_456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney({ amount: 1_235, currency: 'JPY' }, 'ja-JP')).toBe('￥1,235');
    expect(formatMoney({ amount: 1_235, currency: 'JPY' }, 'en-US')).toBe('¥1,235');
    expect(formatMoney({ amount: 1_234, currency: 'KWD' }, 'en-US')).toBe('KWD\u00a01.234');
  });

  it('formats what parseMoney read', () => {
    expect(formatMoney(parseMoney('$1,000.0', 'USD')!, 'en-US')).toBe('$1,000.00');
    expect(formatMoney(parseMoney('.00', 'USD')!, 'de-DE')).toBe('0,00\u00a0$');
    expect(formatMoney(parseMoney(0.29, 'EUR')!, 'de-DE')).toBe('0,29\u00a0€');
  });

  it('falls back to a default locale for a broken locale tag instead of throwing', () => {
    expect(formatMoney(usd(150), 'not a locale!!')).toBe('$1.50');
  });

  it('formats every safe amount to the exact cent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        expect(formatMoney(usd(amount), 'en-US')).toBe(exactEnUs(amount));
      }),
      { numRuns: 500 },
    );
    expect(formatMoney(usd(Number.MAX_SAFE_INTEGER), 'en-US')).toBe('$90,071,992,547,409.91');
    expect(formatMoney({ amount: Number.MAX_SAFE_INTEGER, currency: 'KWD' }, 'en-US')).toBe(
      exactEnUs(Number.MAX_SAFE_INTEGER, 'KWD\u00a0', 3),
    );
  });

  it('parses back what it formats in en-US, de-DE and sv-SE (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom('en-US', 'de-DE', 'sv-SE', 'fr-FR'),
        fc.constantFrom('USD', 'EUR', 'SEK'),
        (amount, locale, currency) => {
          const money = { amount: amount === 0 ? 0 : amount, currency };
          expect(parseMoney(formatMoney(money, locale), currency)).toEqual(money);
        },
      ),
      { numRuns: 500 },
    );
  });
});
