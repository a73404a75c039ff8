import fc from 'fast-check';
import { minorDigits } from '../../src/core/money.ts';

/**
 * Generators shaped like the vendors' records, every field also drawn from wrong types: what a
 * vendor sends on a bad day. JSON can only carry null, booleans, numbers, strings, arrays and
 * objects, but the normalizers promise to accept anything, so `undefined`, `NaN`, infinities and
 * lone UTF-16 surrogates (which JSON.parse does produce from `"\ud800"`) are in the mix too.
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Strings a vendor has sent, or could. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '[]',
    '{}',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-0',
    '1e308',
    '0x10',
    'true',
    'javascript:alert(1)',
    ' JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<b>x',
    'vbscript:x',
    '//evil.example/x',
    '\u0000',
    '\u202Eevil',
    '١٢٣٫٤٥',
    '$1,000.50',
    '$ 55.9',
    '$1000.0',
    '.00',
    '(12.50)',
    '\u22125.00',
    '1 000,50 €',
    '0,500',
    '1,234',
    '9'.repeat(400),
    '2024-02-31',
    '2024-03-05 10:00:00',
    '2019-06-13T07:01:54.340Z',
    'N/A',
    'vrnt_',
    'prod_',
    'prod_x',
    '<script>alert(1)</script>',
  ),
  fc
    .tuple(fc.string({ maxLength: 4 }), loneSurrogate, fc.string({ maxLength: 4 }))
    .map(([before, surrogate, after]) => `${before}${surrogate}${after}`),
);

/** Any value at all, nested a little. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e21, 5e-324, Number.NaN, Number.POSITIVE_INFINITY),
    nastyString,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A field: usually of the right kind, often not. */
export const field = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 2, arbitrary: junk });

/** A record with any subset of its fields, or junk instead of a record. */
export const recordOrJunk = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: junk });

export const token = (prefix: string) => fc.string({ minLength: 1, maxLength: 8 }).map((rest) => `${prefix}${rest}`);

/** Currencies with 0, 2 and 3 minor digits, as a widget's `currency` would be. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'SEK', 'JPY', 'KRW', 'KWD', 'BHD', 'INR', 'CHF'] as const;
export const currency = fc.constantFrom(...CURRENCIES);

/** A decimal amount with at most `currency`'s minor digits, as text in a vendor's style, and its exact minor units. */
export interface DecimalAmount {
  text: string;
  units: bigint;
}

export function decimalAmount(code: string, max = 10n ** 12n): fc.Arbitrary<DecimalAmount> {
  const digits = minorDigits(code);
  return fc
    .record({
      units: fc.bigInt({ min: 0n, max }),
      negative: fc.boolean(),
      // How many of the currency's digits the text shows (trailing zeros may be left out).
      shown: fc.integer({ min: 0, max: digits }),
      style: fc.constantFrom('plain', 'dollar', 'dollar-space', 'grouped', 'code', 'leading-dot', 'suffix'),
    })
    .map(({ units, negative, shown, style }) => {
      const scale = 10n ** BigInt(digits - shown);
      // Keep only what `shown` digits can say: drop the hidden digits.
      const kept = (units / scale) * scale;
      const padded = kept.toString().padStart(digits + 1, '0');
      let integer = padded.slice(0, padded.length - digits);
      const fraction = padded.slice(padded.length - digits, padded.length - digits + shown);
      if (style === 'grouped') integer = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      if (style === 'leading-dot' && integer === '0' && fraction) integer = '';
      const number = `${integer}${fraction ? `.${fraction}` : ''}`;
      const sign = negative && kept !== 0n ? '-' : '';
      const text =
        style === 'dollar'
          ? `${sign}$${number}`
          : style === 'dollar-space'
            ? `${sign}$ ${number}`
            : style === 'code'
              ? `${code} ${sign}${number}`
              : style === 'suffix'
                ? `${sign}${number} ${code}`
                : `${sign}${number}`;
      return { text, units: negative ? -kept : kept };
    });
}
