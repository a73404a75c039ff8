import { numberFormat } from './formatters.ts';

/** An exact amount: integer minor units (cents, öre; yen for JPY) of an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const digitsCache = new Map<string, number>();

/** How many minor digits a currency has, as `Intl` knows it (USD 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Whether `code` is a currency `Intl` can format: any three letters (ECMA-402's well-formed
 * currency code; `Intl` formats a code it has no data for with the code itself). Checked without
 * building a formatter: the page's first `Intl.NumberFormat` loads the number data, which is
 * better left to a moment the page is idle (see `minorDigits`).
 */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Za-z]{3}$/.test(code);
}

/**
 * Parses a vendor's money value exactly: numbers (`3.5`, `0.29`) and strings with optional
 * currency signs, spaces and thousands separators (`"145.50"`, `".00"`, `"$1,000.50"`,
 * `"$ 55.9"`, `"1 000,50 €"`). Rounds half away from zero to the currency's minor unit.
 * Returns null for anything else; never throws.
 */
export function parseMoney(input: unknown, currency: string): Money | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    // toString is the shortest exact decimal for the double (0.29 -> "0.29"); expand exponents.
    text = /e/i.test(String(input)) ? input.toFixed(20) : String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return null;
  }
  const decimal = normalizeDecimal(text);
  if (decimal === null) return null;
  let digits: number;
  try {
    digits = minorDigits(currency);
  } catch {
    return null;
  }
  const amount = toMinorUnits(decimal, digits);
  return amount === null ? null : { amount, currency };
}

/**
 * "$1,000.50" -> "1000.50"; "1 000" -> "1000."; "-.5" -> "-0.5"; null when it is not one plain
 * number. Also how the giosg source reads a quantity the shop wrote as text ("1,5").
 */
export function normalizeDecimal(raw: string): string | null {
  // U+2212 is the minus sign Intl writes in some locales (sv-SE, fi-FI): never drop it.
  let text = raw.trim().replace(/\u2212/g, '-');
  // A percentage is not an amount.
  if (text.includes('%')) return null;
  let negative = false;
  // Accounting brackets, also inside a currency sign or code: "$(5.00)", "USD (5.00)".
  text = text.replace(/^[^\d.,+\-(]+(?=\()/u, '').replace(/\)[^\d.,+\-)]+$/u, ')');
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
    // "(-5)": a sign inside accounting brackets says something we cannot read for sure.
    if (/[+-]/.test(text)) return null;
  }
  // Currency signs and codes before or after the number, and inner spaces used as grouping.
  // A sign is never stripped: a trailing or repeated one makes the text unparseable.
  text = text.replace(/^[^\d.,+-]+|[^\d.,+-]+$/gu, '').replace(/[\s\u00a0\u202f']/g, '');
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = negative !== (text[0] === '-');
    text = text.slice(1).replace(/^[^\d.,+-]+/u, '');
  }
  if (!/^[\d.,]+$/.test(text)) return null;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let integer: string;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    const grouping = decimalAt === lastDot ? ',' : '.';
    integer = text.slice(0, decimalAt);
    fraction = text.slice(decimalAt + 1);
    if (!isGrouped(integer, grouping) || /[.,]/.test(fraction)) return null;
    integer = integer.split(grouping).join('');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sign = lastDot >= 0 ? '.' : ',';
    const parts = text.split(sign);
    if (parts.length > 2 || (parts.length === 2 && sign === ',' && isGrouped(text, ',') && parts[1].length === 3)) {
      // "1,000" or "1.000.000": grouping only.
      if (!isGrouped(text, sign)) return null;
      integer = parts.join('');
    } else {
      [integer, fraction] = parts as [string, string];
    }
  } else {
    integer = text;
  }
  // Digits only by now (the text was digits and separators, and the separators are gone); "." is none.
  if (!integer && !fraction) return null;
  return `${negative ? '-' : ''}${integer || '0'}.${fraction}`;
}

function isGrouped(integer: string, separator: string): boolean {
  if (!integer.includes(separator)) return /^\d+$/.test(integer);
  const [head, ...groups] = integer.split(separator);
  // A grouped number never starts with a zero group: "0,500" is a decimal comma, not 500.
  return /^[1-9]\d{0,2}$/.test(head) && groups.every((group) => /^\d{3}$/.test(group));
}

function toMinorUnits(decimal: string, digits: number): number | null {
  const negative = decimal.startsWith('-');
  const [integer, fraction = ''] = decimal.replace('-', '').split('.');
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const roundUp = fraction.length > digits && Number(fraction[digits]) >= 5;
  // Leading zeros are fine: BigInt reads decimal digits only.
  let units = BigInt(`${integer}${kept}`);
  if (roundUp) units += 1n;
  if (units > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const amount = Number(units);
  return negative && amount !== 0 ? -amount : amount;
}

/** a + b; null when either is null or the currencies differ. */
export function addMoney(a: Money | null, b: Money | null): Money | null {
  if (!a || !b || a.currency !== b.currency) return null;
  return { amount: a.amount + b.amount, currency: a.currency };
}

/** a - b; null when either is null or the currencies differ. */
export function subtractMoney(a: Money | null, b: Money | null): Money | null {
  return addMoney(a, b && { amount: -b.amount, currency: b.currency });
}

/** The amount times a whole quantity, exactly; null for a fractional or unsafe result. */
export function multiplyMoney(money: Money | null, quantity: number): Money | null {
  if (!money || !Number.isInteger(quantity)) return null;
  const amount = money.amount * quantity;
  return Number.isSafeInteger(amount) ? { amount, currency: money.currency } : null;
}

/** The integer sum of amounts in one currency; null items are skipped. */
export function sumMoney(items: Iterable<Money | null>, currency: string): Money {
  let amount = 0;
  for (const item of items) if (item && item.currency === currency) amount += item.amount;
  return { amount, currency };
}

/**
 * Formats money with `Intl.NumberFormat` in `locale`; falls back to `en` for a bad locale. The
 * sign is where and what `Intl` puts for the locale, except that a hyphen-minus becomes the true
 * minus sign (U+2212, as `Intl` itself writes for sv or fi): a discount reads "−€5.10", and screen
 * readers say "minus".
 */
export function formatMoney(money: Money, locale?: string): string {
  const formatter = numberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = minorDigits(money.currency);
  let value: number | string = money.amount / 10 ** digits;
  if (Number.isSafeInteger(money.amount)) {
    // A decimal string, not amount / 10 ** digits: that float is off by a cent for large amounts.
    const units = String(Math.abs(money.amount)).padStart(digits + 1, '0');
    value = `${money.amount < 0 ? '-' : ''}${units.slice(0, units.length - digits)}${
      digits ? `.${units.slice(-digits)}` : ''
    }`;
  }
  const text = formatter.format(value as number);
  if (!(money.amount < 0)) return text;
  return formatter
    .formatToParts(value as number)
    .map((part) => (part.type === 'minusSign' ? part.value.replace('-', '\u2212') : part.value))
    .join('');
}
