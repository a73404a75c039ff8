import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCurrencyCode } from '../../../src/core/money.ts';
import { cartTotals, newestFirst, pickCart } from '../../../src/model.ts';
import { normalizeCart, normalizeCartLine, normalizeCartList, normalizeCartLines } from '../../../src/sources/giosg.ts';
import { parseDateTime } from '../../../src/sources/read.ts';
import { list, cartRecord, lineRecord, cartWith } from './vendor.ts';

describe('giosg normalizers', () => {
  it('computes exact line totals: 3 x "0.10" is 0.30', () => {
    const line = normalizeCartLine(lineRecord('l1', { value: '0.10', quantity: 3 }), 'EUR')!;
    expect(line.unitValue).toEqual({ amount: 10, currency: 'EUR' });
    expect(line.lineTotal).toEqual({ amount: 30, currency: 'EUR' });
  });

  it('sums lines exactly where floating point would not', () => {
    const cart = cartWith(
      [lineRecord('a', { value: '0.10', quantity: 1 }), lineRecord('b', { value: '0.20', quantity: 1 })],
      { total_value: '0.30' },
    );
    const totals = cartTotals(cart);
    expect(totals.items).toEqual({ amount: 30, currency: 'EUR' });
    expect(totals.adjustments).toBeNull();
    expect(totals.total).toEqual({ amount: 30, currency: 'EUR' });
  });

  it('reads JPY without minor digits', () => {
    const cart = cartWith(
      [lineRecord('a', { value: '1200.00', quantity: 2 }), lineRecord('b', { value: '3,500', quantity: '1' })],
      { currency: 'JPY', total_value: '5900.00' },
    );
    expect(cart.currency).toBe('JPY');
    expect(cart.lines![0].lineTotal).toEqual({ amount: 2400, currency: 'JPY' });
    expect(cart.lines![1].lineTotal).toEqual({ amount: 3500, currency: 'JPY' });
    expect(cartTotals(cart)).toMatchObject({
      items: { amount: 5900, currency: 'JPY' },
      adjustments: null,
      total: { amount: 5900, currency: 'JPY' },
    });
  });

  it('leaves deleted lines out of the sum and keeps them for show-deleted', () => {
    const cart = cartWith(
      [
        lineRecord('a', { value: '35.81', quantity: 2 }),
        lineRecord('b', { value: '12.09', is_deleted: true, deleted_at: '2024-05-01T10:03:00Z' }),
      ],
      { total_value: '71.62' },
    );
    expect(cart.lines).toHaveLength(2);
    expect(cart.lines![1].isDeleted).toBe(true);
    expect(cart.lines![1].deletedAt).toEqual(new Date('2024-05-01T10:03:00Z'));
    expect(cartTotals(cart).items).toEqual({ amount: 7162, currency: 'EUR' });
    expect(cartTotals(cart).adjustments).toBeNull();
  });

  it('treats a line with a deletion date but no flag as deleted', () => {
    expect(
      normalizeCartLine(lineRecord('a', { is_deleted: null, deleted_at: '2024-05-01T10:03:00Z' }), 'EUR')!.isDeleted,
    ).toBe(true);
    expect(normalizeCartLine(lineRecord('a', { is_deleted: 'true' }), 'EUR')!.isDeleted).toBe(true);
  });

  it('reads a blank is_deleted or is_locked as no flag: the date alone marks it', () => {
    const cart = cartWith(
      [
        lineRecord('a', { value: '5.00', quantity: 1 }),
        lineRecord('b', { value: '5.00', quantity: 1, is_deleted: '', deleted_at: '2024-05-01T10:03:00Z' }),
        lineRecord('c', { is_deleted: ' ', deleted_at: null }),
      ],
      { total_value: '6.00' },
    );
    expect(cart.lines!.map((line) => line.isDeleted)).toEqual([false, true, false]);
    expect(cartTotals(cart)).toMatchObject({ items: { amount: 600 }, adjustments: null });
    const locked = (extra: Record<string, unknown>) => normalizeCart(cartRecord('a', extra), 'EUR')!.isLocked;
    expect(locked({ is_locked: '', locked_at: '2024-05-02T08:00:00Z' })).toBe(true);
    expect(locked({ is_locked: '  ', locked_at: '2024-05-02T08:00:00Z' })).toBe(true);
    expect(locked({ is_locked: '', locked_at: null })).toBe(false);
  });

  it('shows the difference to total_value as the adjustments row', () => {
    // Items 370.92; a 10.00 discount and 4.90 delivery make 365.82.
    const cart = cartWith(
      [
        lineRecord('a', { value: '35.81', quantity: 2 }),
        lineRecord('b', { value: '0.10', quantity: '3' }),
        lineRecord('c', { value: '299.00', quantity: 1, subscription_value: '19.90', monthly_quantity: '1' }),
        lineRecord('d', { value: null, quantity: null, subscription_value: '9.90', monthly_quantity: 1 }),
      ],
      { total_value: '365.82', total_subscription_value: '29.80' },
    );
    const totals = cartTotals(cart);
    expect(totals.items).toEqual({ amount: 37092, currency: 'EUR' });
    expect(totals.adjustments).toEqual({ amount: -510, currency: 'EUR' });
    expect(totals.total).toEqual({ amount: 36582, currency: 'EUR' });
    expect(totals.subscriptions).toEqual({ amount: 2980, currency: 'EUR' });
  });

  it('adds up subscriptions per month when the cart has no total for them', () => {
    const cart = cartWith(
      [
        lineRecord('a', { subscription_value: '15.50', monthly_quantity: 1 }),
        lineRecord('b', { subscription_value: '3.00', monthly_quantity: '2' }),
      ],
      { total_value: '2.00', total_subscription_value: null },
    );
    expect(cart.lines![1].subscriptionTotal).toEqual({ amount: 600, currency: 'EUR' });
    expect(cartTotals(cart).subscriptions).toEqual({ amount: 2150, currency: 'EUR' });
  });

  it('guesses no adjustments when a counted line has no price, or lines are unknown', () => {
    const unpriced = cartWith([lineRecord('a', { value: '', quantity: 2 })], { total_value: '5.00' });
    expect(cartTotals(unpriced)).toMatchObject({ items: null, adjustments: null, total: { amount: 500 } });
    const room = { ...normalizeCart(cartRecord('r', { total_value: '100.00' }), 'EUR')!, lines: null };
    expect(cartTotals(room)).toMatchObject({
      items: null,
      adjustments: null,
      total: { amount: 10000, currency: 'EUR' },
    });
  });

  it('falls back to the currency attribute when currency is null or junk', () => {
    expect(normalizeCart(cartRecord('a', { currency: null, total_value: '100.00' }), 'SEK')).toMatchObject({
      currency: 'SEK',
      totalValue: { amount: 10000, currency: 'SEK' },
    });
    expect(normalizeCart(cartRecord('a', { currency: 'EURO' }), 'USD')!.currency).toBe('USD');
    expect(normalizeCart(cartRecord('a', { currency: 'eur' }), 'USD')!.currency).toBe('EUR');
    expect(normalizeCart(cartRecord('a', { currency: null }), 'not a code')!.currency).toBe('USD');
  });

  it("keeps the cart's own currency when the vendor pads it with spaces", () => {
    // Text fields come padded ("  Wool Hat\n"); the currency is no different, and a padded GBP
    // cart shown in the widget's default currency would show every amount in the wrong money.
    for (const padded of [' GBP', 'GBP ', ' gbp\n', '\tGBP\u00a0']) {
      const cart = normalizeCart(cartRecord('a', { currency: padded, total_value: '1 234,50' }), 'USD')!;
      expect(cart, JSON.stringify(padded)).toMatchObject({
        currency: 'GBP',
        totalValue: { amount: 123450, currency: 'GBP' },
      });
      expect(normalizeCartLines([lineRecord('1', { value: '12.5' })], cart.currency)[0].lineTotal).toEqual({
        amount: 1250,
        currency: 'GBP',
      });
    }
  });

  it('reads quantities given as null, strings and junk', () => {
    const read = (quantity: unknown, monthly: unknown = null) =>
      normalizeCartLine(lineRecord('a', { quantity, monthly_quantity: monthly }), 'EUR')!;
    expect(read(null).quantity).toBe(0);
    expect(read('3').quantity).toBe(3);
    expect(read(' 4 ').quantity).toBe(4);
    expect(read('three').quantity).toBe(0);
    expect(read(-2).quantity).toBe(0);
    expect(read(1, '2').monthlyQuantity).toBe(2);
    expect(read(1.5).lineTotal).toEqual({ amount: 150, currency: 'EUR' });
    // As the shop's page wrote them: a decimal comma, grouping, a unit.
    expect(read('1,5').lineTotal).toEqual({ amount: 150, currency: 'EUR' });
    expect(read('1 000').quantity).toBe(1000);
    expect(read('3 pcs').quantity).toBe(3);
    expect(read('-1').quantity).toBe(0);
    expect(read('1e3').quantity).toBe(0);
  });

  it('turns timestamps into Dates and anything invalid into null', () => {
    expect(parseDateTime('2019-06-13T07:01:54.340Z')).toEqual(new Date('2019-06-13T07:01:54.340Z'));
    expect(parseDateTime('2019-06-13T09:01:54+02:00')).toEqual(new Date('2019-06-13T07:01:54Z'));
    for (const junk of ['2024-02-31T00:00:00Z', 'yesterday', '', null, 1560409314340, {}, '2019-13-01T00:00:00Z']) {
      expect(parseDateTime(junk)).toBeNull();
    }
    const cart = normalizeCart(
      cartRecord('a', { updated_at: 'soon', is_locked: true, locked_at: '2024-05-02T08:00:00Z' }),
      'EUR',
    )!;
    expect(cart.updatedAt).toBeNull();
    expect(cart.isLocked).toBe(true);
    expect(cart.lockedAt).toEqual(new Date('2024-05-02T08:00:00Z'));
  });

  it('drops records without an id and repeats of an id', () => {
    const carts = normalizeCartList(
      list([
        cartRecord('a'),
        { ...cartRecord('x'), id: '' },
        { total_value: '1.00' },
        null,
        'cart',
        cartRecord('a', { total_value: '99.00' }),
        cartRecord('b'),
      ]),
      'EUR',
    );
    expect(carts.map((cart) => cart.id)).toEqual(['a', 'b']);
    expect(carts[0].totalValue).toEqual({ amount: 1000, currency: 'EUR' });
    expect(normalizeCartLines([lineRecord('1'), { name: 'no id' }, lineRecord('1')], 'EUR')).toHaveLength(1);
  });

  it('keeps vendor text as it is, only trimmed', () => {
    const line = normalizeCartLine(
      lineRecord('a', { name: '  <img src=x onerror=alert(1)>\n', category_name: '<b>Hats</b>' }),
      'EUR',
    )!;
    expect(line.name).toBe('<img src=x onerror=alert(1)>');
    expect(line.category).toBe('<b>Hats</b>');
  });

  it('never throws on any JSON value and returns well-formed carts', () => {
    const money = (value: unknown, currency: string) =>
      value === null ||
      (typeof value === 'object' &&
        Number.isSafeInteger((value as { amount: number }).amount) &&
        (value as { currency: string }).currency === currency);
    const date = (value: unknown) => value === null || (value instanceof Date && Number.isFinite(value.getTime()));
    const cartish = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        currency: fc.oneof(fc.constantFrom('EUR', 'JPY', 'KWD', null, '', 'xx'), fc.string()),
        total_value: fc.oneof(fc.string(), fc.double(), fc.constant(null)),
        total_subscription_value: fc.jsonValue(),
        is_locked: fc.jsonValue(),
        locked_at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.jsonValue(),
        ),
        updated_at: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.array(cartish),
          fc.record({ next: fc.jsonValue(), results: fc.array(fc.oneof(cartish, fc.jsonValue())) }),
        ),
        fc.constantFrom('EUR', 'JPY', 'bad'),
        (data, currency) => {
          const carts = normalizeCartList(data, currency);
          const ids = new Set<string>();
          for (const cart of carts) {
            expect(typeof cart.id === 'string' && cart.id.length > 0 && !ids.has(cart.id)).toBe(true);
            ids.add(cart.id);
            expect(isCurrencyCode(cart.currency)).toBe(true);
            expect(money(cart.totalValue, cart.currency) && money(cart.totalSubscriptionValue, cart.currency)).toBe(
              true,
            );
            expect(date(cart.createdAt) && date(cart.updatedAt) && date(cart.lockedAt)).toBe(true);
            expect(typeof cart.isLocked).toBe('boolean');
            expect(cart.lines).toBeNull();
            cartTotals(cart);
          }
        },
      ),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        for (const line of normalizeCartLines(data, 'EUR')) {
          expect(line.id.length > 0 && typeof line.name === 'string').toBe(true);
          expect(Number.isFinite(line.quantity) && Number.isFinite(line.monthlyQuantity)).toBe(true);
        }
        normalizeCartLine(data, 'EUR');
        normalizeCart(data, 'EUR');
      }),
      { numRuns: 400 },
    );
  });
});

describe('cart order (model), on giosg carts', () => {
  const at = (id: string, updated: string | null, locked = false) =>
    normalizeCart(cartRecord(id, { updated_at: updated, created_at: null, is_locked: locked }), 'EUR')!;
  const carts = [
    at('old-open', '2024-01-01T00:00:00Z'),
    at('new-locked', '2024-03-01T00:00:00Z', true),
    at('undated', null),
    at('mid-open', '2024-02-01T00:00:00Z'),
  ];

  it('sorts newest first with undated carts last', () => {
    expect(newestFirst(carts).map((cart) => cart.id)).toEqual(['new-locked', 'mid-open', 'old-open', 'undated']);
  });

  it('picks the most recently updated unlocked cart, else the most recent, else cart-id', () => {
    expect(pickCart(carts)?.id).toBe('mid-open');
    expect(pickCart([carts[1], at('older-locked', '2023-01-01T00:00:00Z', true)])?.id).toBe('new-locked');
    expect(pickCart(carts, 'old-open')?.id).toBe('old-open');
    expect(pickCart(carts, 'nope')).toBeUndefined();
    expect(pickCart([])).toBeUndefined();
  });
});
