import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RequestCache } from '../../src/core/cache.ts';
import { WidgetError } from '../../src/core/errors.ts';
import { isCurrencyCode } from '../../src/core/money.ts';
import { cartTotals, newestFirst, pickCart, type Cart } from '../../src/model.ts';
import type { SourceContext } from '../../src/sources/source.ts';
import {
  GIOSG_MAX_PAGES,
  createGiosgSource,
  nextPath,
  normalizeCart,
  normalizeCartLine,
  normalizeCartList,
  normalizeCartLines,
  type GiosgOptions,
} from '../../src/sources/giosg.ts';
import { parseDateTime } from '../../src/sources/read.ts';

const VENDOR = 'https://service.giosg.com';
const CHAT: GiosgOptions = { userId: 'u1', chatId: 'c1', visitorId: 'v1', apiToken: 'secret-token' };

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that answers by URL (path and query, any host) and records every request. */
function fakeFetch(routes: Record<string, unknown>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    const { pathname, search } = new URL(url, 'http://page.invalid');
    // A route with a query matches that page; one without matches the path, whatever the query.
    const key =
      Object.keys(routes).find((route) => route.includes('?') && `${pathname}${search}`.endsWith(route)) ??
      Object.keys(routes).find((route) => !route.includes('?') && pathname.endsWith(route));
    if (key === undefined) return Response.json({ detail: 'Not found.' }, { status: 404 });
    const body = routes[key];
    return Response.json(typeof body === 'function' ? body(url) : body);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function context(
  fetch: typeof globalThis.fetch,
  connection: SourceContext['connection'] = { mode: 'direct', apiBase: VENDOR },
): SourceContext {
  return { connection, cacheTtl: 60_000, currency: 'EUR', cache: new RequestCache(), fetch };
}

const list = (results: unknown[], next: string | null = null) => ({ next, previous: null, results });

const cartRecord = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  currency: 'EUR',
  created_at: '2024-05-01T10:00:00.000Z',
  updated_at: '2024-05-01T10:05:00.000Z',
  is_locked: false,
  locked_at: null,
  total_value: '10.00',
  total_subscription_value: null,
  visitor_id: 'v1',
  ...extra,
});

const lineRecord = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  category_name: 'Things',
  value: '1.00',
  quantity: 1,
  is_deleted: false,
  deleted_at: null,
  subscription_value: null,
  monthly_quantity: null,
  ...extra,
});

function cartWith(lines: unknown[], extra: Record<string, unknown> = {}): Cart {
  const cart = normalizeCart(cartRecord('cart-1', extra), 'EUR')!;
  return { ...cart, lines: normalizeCartLines(lines, cart.currency) };
}

async function failure(promise: Promise<unknown>): Promise<WidgetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WidgetError);
    return error as WidgetError;
  }
  throw new Error('expected a failure');
}

function configFailure(run: () => unknown): WidgetError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).kind).toBe('config');
    return error as WidgetError;
  }
  throw new Error('expected a config error');
}

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

describe('giosg source', () => {
  it('builds every scope URL, direct and through the proxy, with ids encoded', async () => {
    const scopes: [GiosgOptions, string, string | null][] = [
      [
        { userId: 'u 1', chatId: 'c/1', visitorId: 'v?1' },
        '/api/v5/users/u%201/chats/c%2F1/visitors/v%3F1/shopping_carts',
        '/api/v5/users/u%201/chats/c%2F1/visitors/v%3F1/shopping_carts/k%231/products',
      ],
      [{ userId: 'u1', roomId: 'r1', visitorId: 'v1' }, '/api/v5/users/u1/rooms/r1/visitors/v1/shopping_carts', null],
      [
        { orgId: 'o1', chatId: 'c1', chatType: 'owned' },
        '/api/v5/orgs/o1/owned_chats/c1/shopping_carts',
        '/api/v5/orgs/o1/owned_chats/c1/shopping_carts/k%231/products',
      ],
      [
        { orgId: 'o1', chatId: 'c1', chatType: 'involved' },
        '/api/v5/orgs/o1/involved_chats/c1/shopping_carts',
        '/api/v5/orgs/o1/involved_chats/c1/shopping_carts/k%231/products',
      ],
      [
        { orgId: 'o1', chatId: 'c1', chatType: 'Routed' },
        '/api/v5/orgs/o1/routed_chats/c1/shopping_carts',
        '/api/v5/orgs/o1/routed_chats/c1/shopping_carts/k%231/products',
      ],
    ];
    const modes: [SourceContext['connection'], string, Record<string, string>][] = [
      [
        { mode: 'direct', apiBase: VENDOR },
        VENDOR,
        { authorization: 'Token secret-token', accept: 'application/json' },
      ],
      [
        { mode: 'proxy', proxyUrl: 'https://shop.example/widgets/', customerSession: 'sess.jwt' },
        'https://shop.example/widgets/giosg',
        { authorization: 'Bearer sess.jwt', accept: 'application/json' },
      ],
    ];
    for (const [connection, base, headers] of modes) {
      for (const [scope, listPath, linesPath] of scopes) {
        const { fetch, calls } = fakeFetch({
          '/shopping_carts': list([cartRecord('k#1')]),
          '/products': list([lineRecord('l1')]),
        });
        const source = createGiosgSource(context(fetch, connection), {
          ...scope,
          apiToken: connection.mode === 'direct' ? 'secret-token' : undefined,
        });
        const [cart] = await source.loadCarts();
        const withLines = await source.loadLines(cart);
        expect(calls[0].url).toBe(`${base}${listPath}`);
        expect(calls[0].headers).toEqual(headers);
        if (linesPath) {
          expect(calls[1].url).toBe(`${base}${linesPath}`);
          expect(withLines.lines).toHaveLength(1);
        } else {
          // Rooms have no products endpoint: totals only, no request.
          expect(calls).toHaveLength(1);
          expect(withLines.lines).toBeNull();
        }
      }
    }
  });

  it('sends no vendor credential through the proxy, even when api-token is set', async () => {
    const { fetch, calls } = fakeFetch({ '/shopping_carts': list([]) });
    await createGiosgSource(context(fetch, { mode: 'proxy', proxyUrl: '/proxy' }), CHAT).loadCarts();
    expect(calls[0].url).toBe('/proxy/giosg/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts');
    expect(calls[0].headers).toEqual({ accept: 'application/json' });
  });

  it('follows next over several pages, re-based on the configured base, never its host', async () => {
    const base = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';
    const { fetch, calls } = fakeFetch({
      [`${base}?cursor=3`]: list([cartRecord('e')], null),
      [`${base}?cursor=2`]: list(
        [cartRecord('c'), cartRecord('d')],
        `https://elsewhere.example:8443/proxy/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts?cursor=3`,
      ),
      [`${base}?cursor=1`]: list([cartRecord('b')], `http://attacker.example${base}?cursor=2`),
      [base]: list([cartRecord('a')], `${VENDOR}${base}?cursor=1`),
    });
    const carts = await createGiosgSource(context(fetch), CHAT).loadCarts();
    expect(carts.map((cart) => cart.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((call) => call.url)).toEqual([
      `${VENDOR}${base}`,
      `${VENDOR}${base}?cursor=1`,
      `${VENDOR}${base}?cursor=2`,
      `${VENDOR}${base}?cursor=3`,
    ]);
    expect(calls.every((call) => call.headers.authorization === 'Token secret-token')).toBe(true);
  });

  it('re-bases next on the proxy too', async () => {
    const base = '/api/v5/orgs/o1/owned_chats/c1/shopping_carts/k1/products';
    const { fetch, calls } = fakeFetch({
      [`${base}?cursor=abc%3D`]: list([lineRecord('2')]),
      [base]: list([lineRecord('1')], `${VENDOR}${base}?cursor=abc%3D`),
    });
    const source = createGiosgSource(context(fetch, { mode: 'proxy', proxyUrl: 'https://shop.example/w' }), {
      orgId: 'o1',
      chatId: 'c1',
      chatType: 'owned',
    });
    const cart = { ...normalizeCart(cartRecord('k1'), 'EUR')! };
    const { lines } = await source.loadLines(cart);
    expect(lines!.map((line) => line.id)).toEqual(['1', '2']);
    expect(calls[1].url).toBe(`https://shop.example/w/giosg${base}?cursor=abc%3D`);
  });

  it('ends a next link that repeats in an invalid-response error', async () => {
    const base = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';
    const { fetch, calls } = fakeFetch({
      [`${base}?cursor=1`]: list([cartRecord('b')], `${VENDOR}${base}`),
      [base]: list([cartRecord('a')], `${VENDOR}${base}?cursor=1`),
    });
    const error = await failure(createGiosgSource(context(fetch), CHAT).loadCarts());
    expect(error.kind).toBe('invalid-response');
    expect(calls).toHaveLength(2);
  });

  it('stops a runaway next chain after the page limit', async () => {
    const base = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';
    const { fetch, calls } = fakeFetch({
      [base]: (url: string) => {
        const cursor = Number(new URL(url).searchParams.get('cursor') ?? 0);
        return list([cartRecord(`cart-${cursor}`)], `${VENDOR}${base}?cursor=${cursor + 1}`);
      },
    });
    const error = await failure(createGiosgSource(context(fetch), CHAT).loadCarts());
    expect(error.kind).toBe('invalid-response');
    expect(calls).toHaveLength(GIOSG_MAX_PAGES);
  });

  it('refuses a next link outside the API and an answer without results', async () => {
    expect(() => nextPath('https://service.giosg.com/admin/')).toThrow(WidgetError);
    expect(() => nextPath('https://service.giosg.com/api/v5/../../admin')).toThrow(WidgetError);
    expect(() => nextPath(42)).toThrow(WidgetError);
    expect(nextPath(null)).toBeNull();
    expect(nextPath('')).toBeNull();
    expect(nextPath('/api/v5/x?cursor=1')).toBe('/api/v5/x?cursor=1');
    const { fetch } = fakeFetch({ '/shopping_carts': { detail: 'ok', carts: [] } });
    expect((await failure(createGiosgSource(context(fetch), CHAT).loadCarts())).kind).toBe('invalid-response');
  });

  it('maps vendor statuses to error kinds', async () => {
    const fetch = (async () =>
      Response.json({ detail: 'You do not have active subscription.' }, { status: 403 })) as typeof globalThis.fetch;
    const error = await failure(createGiosgSource(context(fetch), CHAT).loadCarts());
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(403);
  });

  it('reads through the page cache: one request for the same inputs, a new one when forced', async () => {
    const { fetch, calls } = fakeFetch({ '/shopping_carts': list([cartRecord('a')]) });
    const shared = context(fetch);
    const first = createGiosgSource(shared, CHAT);
    const second = createGiosgSource(shared, CHAT);
    const [a, b] = await Promise.all([first.loadCarts(), second.loadCarts()]);
    expect(a).toEqual(b);
    expect(calls).toHaveLength(1);
    await second.loadCarts();
    expect(calls).toHaveLength(1);
    await second.loadCarts({ force: true });
    expect(calls).toHaveLength(2);
    // Another token is another identity: never served from the first one's entry.
    await createGiosgSource(shared, { ...CHAT, apiToken: 'other' }).loadCarts();
    expect(calls).toHaveLength(3);
  });

  it('names what is missing or contradictory in a config error', () => {
    const create = (options: GiosgOptions, connection?: SourceContext['connection']) => () =>
      createGiosgSource(context(fakeFetch({}).fetch, connection), { apiToken: 't', ...options });
    expect(configFailure(create({})).message).toMatch(/`user-id`.*`chat-id`.*`visitor-id`/);
    expect(configFailure(create({ userId: 'u', chatId: 'c' })).message).toMatch(/^`visitor-id` is required/);
    expect(configFailure(create({ chatId: 'c' })).message).toMatch(/^`user-id` and `visitor-id` are required/);
    expect(configFailure(create({ userId: 'u', roomId: 'r' })).message).toMatch(/^`visitor-id`/);
    expect(configFailure(create({ userId: 'u', chatId: 'c', roomId: 'r', visitorId: 'v' })).message).toMatch(
      /^`room-id` cannot be combined with `chat-id`/,
    );
    expect(configFailure(create({ orgId: 'o', chatId: 'c' })).message).toMatch(/^`chat-type` is required/);
    expect(configFailure(create({ orgId: 'o', chatId: 'c', chatType: 'mine' })).message).toMatch(
      /^`chat-type` must be "owned", "involved" or "routed"/,
    );
    expect(configFailure(create({ chatType: 'owned', chatId: 'c' })).message).toMatch(/^`org-id` is required/);
    expect(configFailure(create({ orgId: 'o', chatId: 'c', chatType: 'owned', userId: 'u' })).message).toMatch(
      /^`user-id` cannot be combined/,
    );
    expect(configFailure(create({ ...CHAT, apiToken: '' })).message).toMatch(/^`api-token` is required/);
    expect(configFailure(create({ ...CHAT, apiToken: '  ' })).message).toMatch(/^`api-token`/);
    // Through the proxy the token is the proxy's business.
    expect(() => create({ ...CHAT, apiToken: undefined }, { mode: 'proxy', proxyUrl: '/p' })()).not.toThrow();
  });
});
