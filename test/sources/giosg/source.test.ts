import { describe, expect, it } from 'vitest';
import { WidgetError } from '../../../src/core/errors.ts';
import {
  GIOSG_MAX_PAGES,
  createGiosgSource,
  nextPath,
  normalizeCart,
  type GiosgOptions,
} from '../../../src/sources/giosg.ts';
import type { SourceContext } from '../../../src/sources/source.ts';
import { configFailure, rejection } from '../../support/errors.ts';
import { json, recordingFetch, type RecordedRequest } from '../../support/fake-fetch.ts';
import { VENDOR, CHAT, byUrl, context, list, cartRecord, lineRecord } from './vendor.ts';

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
        const { fetch, calls } = recordingFetch(
          byUrl({
            '/shopping_carts': list([cartRecord('k#1')]),
            '/products': list([lineRecord('l1')]),
          }),
        );
        const source = createGiosgSource(context(fetch, connection), {
          ...scope,
          apiToken: connection.mode === 'direct' ? 'secret-token' : undefined,
        });
        const [cart] = await source.loadCarts();
        const withLines = await source.loadLines(cart);
        expect(calls[0].url.href).toBe(`${base}${listPath}`);
        expect(Object.fromEntries(calls[0].headers)).toEqual(headers);
        if (linesPath) {
          expect(calls[1].url.href).toBe(`${base}${linesPath}`);
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
    const { fetch, calls } = recordingFetch(byUrl({ '/shopping_carts': list([]) }));
    await createGiosgSource(context(fetch, { mode: 'proxy', proxyUrl: '/proxy' }), CHAT).loadCarts();
    // A path on the page's own origin.
    expect(`${calls[0].url.pathname}${calls[0].url.search}`).toBe(
      '/proxy/giosg/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts',
    );
    expect(Object.fromEntries(calls[0].headers)).toEqual({ accept: 'application/json' });
  });

  it('follows next over several pages, re-based on the configured base, never its host', async () => {
    const base = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';
    const { fetch, calls } = recordingFetch(
      byUrl({
        [`${base}?cursor=3`]: list([cartRecord('e')], null),
        [`${base}?cursor=2`]: list(
          [cartRecord('c'), cartRecord('d')],
          `https://elsewhere.example:8443/proxy/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts?cursor=3`,
        ),
        [`${base}?cursor=1`]: list([cartRecord('b')], `http://attacker.example${base}?cursor=2`),
        [base]: list([cartRecord('a')], `${VENDOR}${base}?cursor=1`),
      }),
    );
    const carts = await createGiosgSource(context(fetch), CHAT).loadCarts();
    expect(carts.map((cart) => cart.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((call) => call.url.href)).toEqual([
      `${VENDOR}${base}`,
      `${VENDOR}${base}?cursor=1`,
      `${VENDOR}${base}?cursor=2`,
      `${VENDOR}${base}?cursor=3`,
    ]);
    expect(calls.every((call) => call.headers.get('authorization') === 'Token secret-token')).toBe(true);
  });

  it('re-bases next on the proxy too', async () => {
    const base = '/api/v5/orgs/o1/owned_chats/c1/shopping_carts/k1/products';
    const { fetch, calls } = recordingFetch(
      byUrl({
        [`${base}?cursor=abc%3D`]: list([lineRecord('2')]),
        [base]: list([lineRecord('1')], `${VENDOR}${base}?cursor=abc%3D`),
      }),
    );
    const source = createGiosgSource(context(fetch, { mode: 'proxy', proxyUrl: 'https://shop.example/w' }), {
      orgId: 'o1',
      chatId: 'c1',
      chatType: 'owned',
    });
    const cart = { ...normalizeCart(cartRecord('k1'), 'EUR')! };
    const { lines } = await source.loadLines(cart);
    expect(lines!.map((line) => line.id)).toEqual(['1', '2']);
    expect(calls[1].url.href).toBe(`https://shop.example/w/giosg${base}?cursor=abc%3D`);
  });

  it('ends a next link that repeats in an invalid-response error', async () => {
    const base = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';
    const { fetch, calls } = recordingFetch(
      byUrl({
        [`${base}?cursor=1`]: list([cartRecord('b')], `${VENDOR}${base}`),
        [base]: list([cartRecord('a')], `${VENDOR}${base}?cursor=1`),
      }),
    );
    const error = await rejection(createGiosgSource(context(fetch), CHAT).loadCarts());
    expect(error.kind).toBe('invalid-response');
    expect(calls).toHaveLength(2);
  });

  it('stops a runaway next chain after the page limit', async () => {
    const base = '/api/v5/users/u1/chats/c1/visitors/v1/shopping_carts';
    const { fetch, calls } = recordingFetch(
      byUrl({
        [base]: (request: RecordedRequest) => {
          const cursor = Number(request.url.searchParams.get('cursor') ?? 0);
          return list([cartRecord(`cart-${cursor}`)], `${VENDOR}${base}?cursor=${cursor + 1}`);
        },
      }),
    );
    const error = await rejection(createGiosgSource(context(fetch), CHAT).loadCarts());
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
    const { fetch } = recordingFetch(byUrl({ '/shopping_carts': { detail: 'ok', carts: [] } }));
    expect((await rejection(createGiosgSource(context(fetch), CHAT).loadCarts())).kind).toBe('invalid-response');
  });

  it('maps vendor statuses to error kinds', async () => {
    const { fetch } = recordingFetch(() => json({ detail: 'You do not have active subscription.' }, 403));
    const error = await rejection(createGiosgSource(context(fetch), CHAT).loadCarts());
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(403);
  });

  it('reads through the page cache: one request for the same inputs, a new one when forced', async () => {
    const { fetch, calls } = recordingFetch(byUrl({ '/shopping_carts': list([cartRecord('a')]) }));
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
      createGiosgSource(context(recordingFetch(byUrl({})).fetch, connection), { apiToken: 't', ...options });
    // Each message is its code (the README's error codes) and the attributes it is about.
    const message = (options: GiosgOptions) => configFailure(create(options)).message;
    expect(message({})).toBe('SW11 `user-id` `chat-id` `visitor-id`');
    expect(message({ userId: 'u', chatId: 'c' })).toBe('SW11 `visitor-id`');
    expect(message({ chatId: 'c' })).toBe('SW11 `user-id` `visitor-id`');
    expect(message({ userId: 'u', roomId: 'r' })).toBe('SW11 `visitor-id`');
    expect(message({ userId: 'u', chatId: 'c', roomId: 'r', visitorId: 'v' })).toBe('SW13 `room-id`');
    expect(message({ orgId: 'o', chatId: 'c' })).toBe('SW11 `chat-type`');
    expect(message({ orgId: 'o', chatId: 'c', chatType: 'mine' })).toBe('SW14 `chat-type` "mine"');
    expect(message({ chatType: 'owned', chatId: 'c' })).toBe('SW11 `org-id`');
    expect(message({ orgId: 'o', chatId: 'c', chatType: 'owned', userId: 'u' })).toBe('SW12 `user-id`');
    expect(message({ ...CHAT, apiToken: '' })).toBe('SW1 `api-token`');
    expect(message({ ...CHAT, apiToken: '  ' })).toBe('SW1 `api-token`');
    // Through the proxy the token is the proxy's business.
    expect(() => create({ ...CHAT, apiToken: undefined }, { mode: 'proxy', proxyUrl: '/p' })()).not.toThrow();
  });
});
