import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseMoney, type Money } from '../../src/core/money.ts';
import { cartTotals } from '../../src/model.ts';
import { normalizeProductPurchased } from '../../src/sources/algonomy.ts';
import { normalizeFrequentlyPurchased } from '../../src/sources/csomni.ts';
import { normalizeCartLines } from '../../src/sources/giosg.ts';
import { currency, CURRENCIES, decimalAmount, type DecimalAmount } from './arbitraries.ts';
import { RUNS, fail } from './well-formed.ts';

/**
 * Fuzzing money through the vendors' normalizers with fast-check (10,000 generated inputs per
 * property): every amount keeps every minor unit, formats and reads back the same, and sums
 * exactly.
 */

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
