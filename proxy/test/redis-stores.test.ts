/**
 * The proxy's state in a real Redis (see redis-server.ts), from inside one test process: two
 * proxies on one Redis share cache, collapse, rate limit and the Algonomy token; the Redis cache
 * keeps the in-memory bounds and TTLs; a lock left by a dead instance lapses; Redis holds no
 * secret; the key prefix keeps shops apart; a password works; an unreachable Redis degrades to
 * memory, which keeps nothing from one outage to the next. The three-process fleet and a Redis
 * killed mid-run are in redis-fleet.test.ts.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisAlgonomyTokens } from '../src/redis-algonomy-token.ts';
import { RedisLink } from '../src/redis-link.ts';
import { RedisStores } from '../src/redis-stores.ts';
import { beforeDeadline, timeLeft } from '../src/deadline.ts';
import { ANA, BEN, SECRETS, gate, harness, until, type Harness, type UpstreamHandler } from './helpers.ts';
import { freePort, startRedis, type RedisServer } from './redis-server.ts';

let redis: RedisServer;
let inspect: Redis;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  redis = await startRedis({ password: 'redis-PASSWORD-42' });
  inspect = new Redis(redis.url);
});
afterAll(async () => {
  inspect?.disconnect();
  await redis?.stop();
});
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
  await inspect.flushall();
});

/** A proxy on the test Redis (wired to the fake vendors of helpers.ts), once Redis is in use. */
async function sharedProxy(
  overrides: Parameters<typeof harness>[0] = {},
  upstream?: UpstreamHandler,
): Promise<Harness> {
  // A generous bound: on a busy test machine a 50 ms pause would switch a proxy to memory and
  // turn a sharing assertion into a coin toss. The bound itself is tested below.
  const h = harness({ redisUrl: redis.url, redisCommandTimeoutMs: 1000, ...overrides }, upstream);
  open.push(h.proxy as unknown as { close(): Promise<void> });
  expect(await (h.proxy as unknown as { ready(): Promise<boolean> }).ready()).toBe(true);
  return h;
}

/** Every key and what it holds, as text. */
/** Algonomy's first page through `h`, for a customer. */
const page = (h: Harness, claims = ANA) =>
  h.request('/algonomy/api/v1/profile/b2b/productPurchased', {
    session: claims,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"page":1}',
  });

/** A caller's own time limit of `ms` for a shared call: `expired` stands for its 504. */
const limit = (ms: number) => ({ left: timeLeft(ms), expired: () => 'expired' });

/** A vendor call that answers `value`, counting how often it is made. */
function counting(value: string): { call: () => Promise<string>; calls: number } {
  const vendor = {
    calls: 0,
    call: async () => {
      vendor.calls += 1;
      return value;
    },
  };
  return vendor;
}

async function dump(): Promise<string[]> {
  const out: string[] = [];
  for (const key of await inspect.keys('*')) {
    const type = await inspect.type(key);
    let value: unknown;
    if (type === 'string') value = await inspect.get(key);
    else if (type === 'hash') value = await inspect.hgetall(key);
    else if (type === 'zset') value = await inspect.zrange(key, 0, -1);
    out.push(`${key} ${JSON.stringify(value)}`);
  }
  return out;
}

describe('proxy state in Redis (one process, two proxies)', () => {
  it('an answer cached by one proxy is served by the other without asking the vendor, per customer', async () => {
    const a = await sharedProxy();
    const b = await sharedProxy();
    const first = await a.request('/csomni/frequentlyPurchased', { session: ANA });
    expect(first.headers.get('x-cache')).toBe('miss');
    const second = await b.request('/csomni/frequentlyPurchased', { session: ANA });
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(await second.json()).toEqual(await first.json());
    expect(b.calls).toHaveLength(0);

    // Ben never gets Ana's entry, on either proxy.
    const ben = await b.request('/csomni/frequentlyPurchased', { session: BEN });
    expect(ben.headers.get('x-cache')).toBe('miss');
    expect(JSON.stringify(await ben.json())).toContain('vrnt_cs_ben');
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0].headers.customertoken).toBe('cs_ben');
  });

  it('collapses identical concurrent calls on two proxies into one vendor call, errors included', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let vendorCalls = 0;
    const slow: UpstreamHandler = async () => {
      vendorCalls += 1;
      await held;
      return new Response(JSON.stringify({ message: 'vendor down' }), { status: 503 });
    };
    const a = await sharedProxy({}, slow);
    const b = await sharedProxy({}, slow);
    const answers = Array.from({ length: 10 }, (_, index) =>
      (index % 2 ? a : b).request('/csomni/products/prod_1/full'),
    );
    await until(() => vendorCalls === 1);
    // Give the other proxy's requests time to find the lock; the vendor still holds its answer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const responses = await Promise.all(answers);
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(503));
    expect(vendorCalls).toBe(1);
    expect(responses.filter((response) => response.headers.get('x-cache') === 'collapsed')).toHaveLength(9);
  });

  it('counts the rate limit once for both proxies', async () => {
    const a = await sharedProxy({ rateLimitMax: 5 });
    const b = await sharedProxy({ rateLimitMax: 5 });
    const statuses: number[] = [];
    for (let index = 0; index < 8; index++)
      statuses.push((await (index % 2 ? a : b).request('/csomni/products/prod_1/full', { session: ANA })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });

  it('shares the Algonomy token: one creation for both proxies, one renewal when the vendor refuses it', async () => {
    const state = { listCalls: 0, createCalls: 0, validTokens: new Set<string>() };
    const { defaultUpstream } = await import('./helpers.ts');
    const vendor = defaultUpstream(state);
    const a = await sharedProxy({ algonomyAccessToken: undefined }, vendor);
    const b = await sharedProxy({ algonomyAccessToken: undefined }, vendor);
    const first = await Promise.all([page(a), page(b), page(a, BEN), page(b, BEN)]);
    expect(first.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(state.createCalls).toBe(1);

    // The vendor forgets the token: both proxies get 401, one creates a new token, both use it.
    state.validTokens.clear();
    const second = await Promise.all([page(a), page(b, BEN)]);
    expect(second.map((response) => response.status)).toEqual([200, 200]);
    expect(state.createCalls).toBe(2);
    // And the token sits in Redis only encrypted.
    const text = (await dump()).join('\n');
    expect(text).toContain('algonomy-token');
    expect(text).not.toContain('algSECRETtoken');
  });

  it('sends a fixed ALGONOMY_ACCESS_TOKEN first, as in memory, and renews it once for both when refused', async () => {
    const state = { listCalls: 0, createCalls: 0, validTokens: new Set<string>(['fixedSECRETaccess']) };
    const { defaultUpstream } = await import('./helpers.ts');
    const vendor = defaultUpstream(state);
    // The OAuth key secret is set too (SECRETS): it renews the fixed token once the vendor refuses it.
    const a = await sharedProxy({ algonomyAccessToken: 'fixedSECRETaccess' }, vendor);
    const b = await sharedProxy({ algonomyAccessToken: 'fixedSECRETaccess' }, vendor);
    const sent = (h: Harness) =>
      h.calls
        .filter((call) => call.url.pathname.endsWith('/productPurchased'))
        .map((call) => call.headers.access_token);
    expect((await Promise.all([page(a), page(b, BEN)])).map((response) => response.status)).toEqual([200, 200]);
    expect(state.createCalls).toBe(0);
    expect([sent(a), sent(b)]).toEqual([['fixedSECRETaccess'], ['fixedSECRETaccess']]);

    // The vendor refuses the fixed token: A renews it; B takes A's new token without a refusal.
    state.validTokens.clear();
    expect((await page(a)).status).toBe(200);
    expect((await page(b, BEN)).status).toBe(200);
    expect(state.createCalls).toBe(1);
    expect(sent(a)).toEqual(['fixedSECRETaccess', 'fixedSECRETaccess', 'algSECRETtoken_1']);
    expect(sent(b)).toEqual(['fixedSECRETaccess', 'algSECRETtoken_1']);
  });

  it('creates one new token when a second instance takes the lock just after the first let go of it', async () => {
    let created = 0;
    const vendor = (() => {
      created += 1;
      return Promise.resolve(Response.json({ access_token: `algSECRETtoken_${created}`, expires_in: 3600 }));
    }) as typeof fetch;
    const options = {
      baseUrl: 'https://algonomy.test/rcdpapi',
      tenantHash: 'tenant-1',
      oauthKeySecret: 'oauth-secret',
      fetch: vendor,
      now: () => Date.now(),
      timeoutMs: 2000,
    };
    const link = () => {
      const each = new RedisLink({ url: redis.url, commandTimeoutMs: 2000, log: () => {} });
      open.push(each);
      return each;
    };
    const [linkA, linkB] = [link(), link()];
    expect(await linkA.ready()).toBe(true);
    expect(await linkB.ready()).toBe(true);
    // Instance B's attempt to take the creation lock waits for the test's word.
    let lockAsked!: () => void;
    const asked = new Promise<void>((resolve) => (lockAsked = resolve));
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const gated = {
      command: <T>(run: (client: Redis) => Promise<T>) =>
        linkB.command((client) =>
          run(
            new Proxy(client, {
              get(target, name) {
                const value: unknown = Reflect.get(target, name, target);
                if (name !== 'set') return typeof value === 'function' ? value.bind(target) : value;
                return async (...args: unknown[]) => {
                  if (args.includes('NX')) {
                    lockAsked();
                    await gate;
                  }
                  return (target.set as (...all: unknown[]) => Promise<unknown>)(...args);
                };
              },
            }),
          ),
        ),
    } as unknown as RedisLink;
    const key = 'test:algonomy-token:tenant-1';
    const a = new RedisAlgonomyTokens(linkA, key, options);
    const b = new RedisAlgonomyTokens(gated, key, options);
    const first = await a.get();
    expect(await b.get(), 'B reads the token A created').toBe(first);

    // The vendor refuses `first` on both. B reads it, still `first`, and goes for the lock; A
    // renews it in full meanwhile (creates, shares, lets go of the lock); then B takes the lock.
    const fromB = b.renew(first);
    await asked;
    const fromA = await a.renew(first);
    letGo();
    expect(await fromB, "B takes A's new token").toBe(fromA);
    expect(created, 'one creation at first, one renewal').toBe(2);
  });

  it('an instance that dies while it creates the token holds the creation lock only for its lease', async () => {
    let created = 0;
    const hung = gate();
    // A's creation never answers; B's does.
    const vendor = (instance: 'A' | 'B') =>
      (() => {
        if (instance === 'A') return hung.opened.then(() => Response.json({ access_token: 'algSECRETtoken_A' }));
        created += 1;
        return Promise.resolve(Response.json({ access_token: `algSECRETtoken_B${created}`, expires_in: 3600 }));
      }) as typeof fetch;
    const options = (instance: 'A' | 'B') => ({
      baseUrl: 'https://algonomy.test/rcdpapi',
      tenantHash: 'tenant-1',
      oauthKeySecret: 'oauth-secret',
      fetch: vendor(instance),
      now: () => Date.now(),
      timeoutMs: 5000,
    });
    const link = async () => {
      const each = new RedisLink({ url: redis.url, commandTimeoutMs: 1000, log: () => {} });
      open.push(each);
      expect(await each.ready()).toBe(true);
      return each;
    };
    const [linkA, linkB] = [await link(), await link()];
    const key = 'test:algonomy-token:lease';
    const a = new RedisAlgonomyTokens(linkA, key, options('A'), 300);
    const b = new RedisAlgonomyTokens(linkB, key, options('B'), 300);
    // A takes the creation lock, its vendor call hangs, and A dies: nothing renews its lock,
    // which would otherwise last the vendor's time limit (5 s + 250 ms).
    const fromA = a.get().catch(() => undefined);
    for (let tries = 0; (await inspect.exists(`${key}:lock`)) === 0; tries++) {
      if (tries > 1000) throw new Error('A never took the lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await linkA.close();
    // B, with 3 s to spare (a request's own limit), creates the token once A's lease lapses.
    expect(await beforeDeadline(b.get(), 3000)).toBe('algSECRETtoken_B1');
    expect(created).toBe(1);
    hung.release();
    await fromA;
  });

  it('keeps no vendor credential, session token, Redis password or customer identifier in clear in Redis', async () => {
    const a = await sharedProxy({ algonomyAccessToken: undefined });
    const token = await a.session(ANA);
    await a.request('/csomni/frequentlyPurchased', { session: token });
    await a.request('/csomni/cart', { session: token, method: 'POST' });
    await a.request('/csomni/products/prod_1/full', { session: token });
    await a.request('/algonomy/api/v1/profile/b2b/productPurchased', {
      session: token,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"page":1}',
    });
    await a.request('/giosg/api/v5/public/visitors/visitorAna01/shopping_carts', { session: token });
    const entries = await dump();
    expect(entries.length).toBeGreaterThan(3);
    const text = entries.join('\n');
    for (const secret of [...Object.values(SECRETS), token, token.split('.')[2], 'algSECRETtoken', 'redis-PASSWORD-42'])
      expect(text).not.toContain(secret);
    // Keys name no customer: no customer token, e-mail address, visitor or subject.
    const keys = entries.map((entry) => entry.split(' ')[0]).join('\n');
    for (const identifier of ['cs_ana', 'ana@example.com', 'gcr-1001', 'visitorAna01', 'customer-ana'])
      expect(keys).not.toContain(identifier);
    expect(keys.split('\n').every((key) => key.startsWith('storefront-widgets:'))).toBe(true);
  });

  it('keeps shops with different key prefixes apart on one Redis', async () => {
    const shopA = await sharedProxy({ redisKeyPrefix: 'shop-a:' });
    const shopB = await sharedProxy({ redisKeyPrefix: 'shop-b:' });
    await shopA.request('/csomni/frequentlyPurchased', { session: ANA });
    const other = await shopB.request('/csomni/frequentlyPurchased', { session: ANA });
    expect(other.headers.get('x-cache')).toBe('miss');
    const keys = await inspect.keys('*');
    // `{prefix}{digest of the shop's vendor accounts}:{kind}:…`
    expect(keys.some((key) => /^shop-a:[\w-]{16}:cache:/.test(key))).toBe(true);
    expect(keys.some((key) => /^shop-b:[\w-]{16}:cache:/.test(key))).toBe(true);
    expect(keys.every((key) => key.startsWith('shop-a:') || key.startsWith('shop-b:'))).toBe(true);
  });

  it('keeps two shops apart on one Redis with the default prefix: neither answers from the other’s cache', async () => {
    // Two shops' proxies (different CS Omni sites), one Redis, no prefix of their own: with no
    // session secret (the site-wide list and products need none) and with the same one.
    const vendor =
      (shop: string): UpstreamHandler =>
      (call) =>
        call.url.host === 'csomni.test' && call.method === 'GET'
          ? Response.json({ shop, path: call.url.pathname })
          : (undefined as unknown as Response);
    for (const sessionSecret of [undefined, SECRETS.sessionSecret]) {
      const shopA = await sharedProxy({ sessionSecret, csomniSiteToken: 'site_SHOPaToken1' }, vendor('a'));
      const shopB = await sharedProxy({ sessionSecret, csomniSiteToken: 'site_SHOPbToken2' }, vendor('b'));
      for (const path of ['/csomni/frequentlyPurchased', '/csomni/products/prod_1/full']) {
        const context = `${path}, session secret ${sessionSecret ? 'shared' : 'unset'}`;
        expect(await (await shopA.request(path)).json(), context).toMatchObject({ shop: 'a' });
        const other = await shopB.request(path);
        expect(await other.json(), context).toMatchObject({ shop: 'b' });
        expect(other.headers.get('x-cache'), context).toBe('miss');
      }
      // Another instance of shop A still shares shop A's entries.
      const againA = await sharedProxy({ sessionSecret, csomniSiteToken: 'site_SHOPaToken1' }, vendor('a, again'));
      const shared = await againA.request('/csomni/frequentlyPurchased');
      expect(shared.headers.get('x-cache')).toBe('hit');
      expect(await shared.json()).toMatchObject({ shop: 'a' });
      await inspect.flushall();
    }
  });

  it('reports Redis in /healthz', async () => {
    const a = await sharedProxy();
    expect(await (await a.request('/healthz')).json()).toMatchObject({ ok: true, redis: 'ok' });
  });
});

describe('the Redis stores', () => {
  let link: RedisLink;
  let stores: RedisStores;
  beforeAll(async () => {
    link = new RedisLink({ url: redis.url, log: () => {} });
    expect(await link.ready()).toBe(true);
    stores = new RedisStores({ link, prefix: 'unit:', upstreamTimeoutMs: 300 });
  });
  afterAll(() => link.close());

  it(
    'keeps the in-memory bounds: entries and bytes, least recently used out first, ' + 'no value over a quarter',
    async () => {
      const cache = stores.cache<string>('bounded', { maxEntries: 3, maxBytes: 1000 });
      for (const key of ['a', 'b', 'c']) await cache.set(key, key.repeat(200), 60_000, 1, 200);
      expect(await cache.get('a')).toBe('a'.repeat(200)); // a is now the most recently used
      await cache.set('d', 'd'.repeat(200), 60_000, 1, 200); // four entries: b goes
      expect(await cache.get('b')).toBeUndefined();
      expect(await cache.get('a')).toBeDefined();
      await cache.set('e', 'e'.repeat(240), 60_000, 1, 240);
      await cache.set('f', 'f'.repeat(240), 60_000, 1, 240);
      await cache.set('g', 'g'.repeat(240), 60_000, 1, 240); // 3 x 240 + ... over 1000 bytes or 3 entries
      const kept = (await Promise.all(['a', 'c', 'd', 'e', 'f', 'g'].map((key) => cache.get(key)))).filter(Boolean);
      expect(kept).toHaveLength(3);
      expect(await cache.get('g')).toBeDefined();
      await cache.set('big', 'x'.repeat(300), 60_000, 1, 300); // over 1000 / 4
      expect(await cache.get('big')).toBeUndefined();
      const bytes = Number(await inspect.get('unit:cache:bounded:~bytes'));
      expect(bytes).toBeLessThanOrEqual(1000);
      expect(bytes).toBe(720);
    },
  );

  it('expires entries after their TTL, and never lets an older call overwrite a newer one', async () => {
    const cache = stores.cache<string>('ttl', { maxEntries: 10 });
    await cache.set('k', 'short', 100, 5, 5);
    expect(await cache.get('k')).toBe('short');
    let gone = false;
    for (let tries = 0; tries < 200 && !gone; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gone = (await cache.get('k')) === undefined;
    }
    expect(gone).toBe(true);
    await cache.set('k', 'newer', 60_000, 10, 5);
    await cache.set('k', 'older', 60_000, 9, 5);
    expect(await cache.get('k')).toBe('newer');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('a lock left by an instance that died blocks the key only until the upstream deadline', async () => {
    const flight = stores.inFlight<string>('dead');
    // An instance took the lock, then died: its lock lapses with the upstream deadline (300 ms + margin).
    await inspect.set(`unit:flight:dead:${stores.digest('key')}`, 'dead-instance', 'PX', 550);
    const vendor = counting('fresh');
    // A caller with time left after the lock lapses takes it and makes the call.
    const result = await flight.run('key', vendor.call, limit(5000));
    expect(result).toEqual({ value: 'fresh', shared: false });
    expect(vendor.calls).toBe(1);
    expect(await inspect.pttl(`unit:flight:dead:${stores.digest('key')}`)).toBe(-2);
  });

  it('a caller waiting on another instance’s call waits no longer than its own time limit', async () => {
    const flight = stores.inFlight<string>('own-limit');
    // An instance took the lock a moment ago (it lasts the upstream deadline, 300 ms, + 250 ms)
    // and died. A caller that joins now has 300 ms of its own: at their end it answers
    // `expired` (a 504), never waiting for the lock to lapse and calling the vendor after.
    await inspect.set(`unit:flight:own-limit:${stores.digest('key')}`, 'dead-instance', 'PX', 550);
    const vendor = counting('fresh');
    const result = await flight.run('key', vendor.call, limit(300));
    expect(result).toEqual({ value: 'expired', shared: true });
    expect(vendor.calls).toBe(0);
  });
});

describe('the lock of a call in flight, between two instances', () => {
  /** An instance's stores on the test Redis: its own connection, a 300 ms lease on its locks. */
  async function instance(): Promise<{ link: RedisLink; stores: RedisStores }> {
    const link = new RedisLink({ url: redis.url, commandTimeoutMs: 1000, log: () => {} });
    open.push(link);
    expect(await link.ready()).toBe(true);
    return { link, stores: new RedisStores({ link, prefix: 'lease:', upstreamTimeoutMs: 5000, leaseMs: 300 }) };
  }
  /** Resolves once `lock` is in Redis (fails after 10 s: a hang, not a speed check). */
  async function locked(lock: string): Promise<void> {
    for (let tries = 0; (await inspect.exists(lock)) === 0; tries++) {
      if (tries > 1000) throw new Error('the lock was never taken');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Instance A holding the key's lock, its call (answering "from A") waiting for `held.release()`. */
  async function aHolds(a: Awaited<ReturnType<typeof instance>>) {
    const held = gate();
    const fromA = a.stores.inFlight<string>('calls').run('key', () => held.opened.then(() => 'from A'), limit(5000));
    await locked(`lease:flight:calls:${a.stores.digest('key')}`);
    return { held, fromA };
  }

  it('an instance that dies mid-call holds the key only for its lease: a waiter takes over', async () => {
    const [a, b] = [await instance(), await instance()];
    // A takes the lock, its call hangs, and A dies: its connection is gone, nothing renews the
    // lease. Its lock would otherwise last the upstream deadline (5 s + 250 ms).
    const { held, fromA } = await aHolds(a);
    await a.link.close();
    // B joins with 3 s of its own: once the lease lapses it makes the call itself.
    const vendor = counting('from B');
    const fromB = await b.stores.inFlight<string>('calls').run('key', vendor.call, limit(3000));
    expect(fromB).toEqual({ value: 'from B', shared: false });
    expect(vendor.calls).toBe(1);
    held.release();
    await fromA;
  });

  it('a live instance keeps its lease for as long as its call takes: waiters share its answer', async () => {
    const [a, b] = [await instance(), await instance()];
    const { held, fromA } = await aHolds(a);
    const vendor = counting('from B');
    const fromB = b.stores.inFlight<string>('calls').run('key', vendor.call, limit(5000));
    // Several leases' time: A renews its lock meanwhile, so B keeps waiting on A's call.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    held.release();
    expect(await fromA).toEqual({ value: 'from A', shared: false });
    expect(await fromB).toEqual({ value: 'from A', shared: true });
    expect(vendor.calls).toBe(0);
  });

  it('an instance whose call fails lets go of the lock at once', async () => {
    const { stores } = await instance();
    const failing = stores.inFlight<string>('calls').run('key', () => Promise.reject(new Error('boom')), limit(5000));
    await expect(failing).rejects.toThrow('boom');
    expect(await inspect.exists(`lease:flight:calls:${stores.digest('key')}`)).toBe(0);
  });
});

describe('without a usable Redis', () => {
  it('a slow Redis: requests are answered from memory while it stalls, one line each way', async () => {
    const h = harness({ redisUrl: redis.url });
    open.push(h.proxy as unknown as { close(): Promise<void> });
    expect(await (h.proxy as unknown as { ready(): Promise<boolean> }).ready()).toBe(true);
    const stalled = new Redis(redis.url);
    let asleep = true;
    const sleeping = stalled.call('DEBUG', 'SLEEP', '1.5').finally(() => (asleep = false));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the DEBUG command reaches the server first
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++)
      statuses.push((await h.request('/csomni/frequentlyPurchased', { session: ANA })).status);
    // Every answer came while Redis was still asleep: none waited for it.
    expect(asleep).toBe(true);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await (await h.request('/healthz')).json()).toMatchObject({ redis: 'degraded' });
    await sleeping;
    stalled.disconnect();
    await until(() => h.logs.some((entry) => entry.event === 'redis-recovered'), 'Redis never came back into use');
    expect(h.logs.filter((entry) => entry.event === 'redis-degraded')).toHaveLength(1);
    expect(h.logs.find((entry) => entry.event === 'redis-degraded')).toMatchObject({ reason: 'timeout' });
    expect(await (await h.request('/healthz')).json()).toMatchObject({ redis: 'ok' });
  });

  it('answers from memory, reports degraded in /healthz, and logs it once', async () => {
    const port = await freePort(); // nothing listens there
    const h = harness({ redisUrl: `redis://127.0.0.1:${port}` });
    open.push(h.proxy as unknown as { close(): Promise<void> });
    for (let index = 0; index < 3; index++)
      expect((await h.request('/csomni/frequentlyPurchased', { session: ANA })).status).toBe(200);
    expect(h.calls).toHaveLength(1); // the memory cache still works
    await until(() => h.logs.some((entry) => entry.event === 'redis-degraded'));
    for (let index = 0; index < 3; index++)
      expect((await h.request('/csomni/frequentlyPurchased', { session: BEN })).status).toBe(200);
    const health = await h.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, redis: 'degraded' });
    expect(h.logs.filter((entry) => entry.event === 'redis-degraded')).toHaveLength(1);
    expect(JSON.stringify(h.logs)).not.toContain('redis-PASSWORD');
  });

  it('a later outage never answers with what an earlier one cached in memory', async () => {
    // A Redis of its own, to kill and start again.
    const own = await startRedis();
    const h = harness({ redisUrl: own.url, redisCommandTimeoutMs: 1000 });
    open.push(h.proxy as unknown as { close(): Promise<void> });
    const events = (event: string) => h.logs.filter((entry) => entry.event === event).length;
    const list = async (path = '/csomni/frequentlyPurchased') => {
      const response = await h.request(path, { session: ANA });
      expect(response.status).toBe(200);
      return { cache: response.headers.get('x-cache'), body: await response.text() };
    };
    try {
      expect(await (h.proxy as unknown as { ready(): Promise<boolean> }).ready()).toBe(true);
      await own.kill();
      await until(() => events('redis-degraded') === 1, 'the first outage was never noticed');
      const first = await list(); // cached in memory only
      expect(first.cache).toBe('miss');
      expect((await list()).cache).toBe('hit');
      await own.start();
      await until(() => events('redis-recovered') === 1, 'Redis never came back into use');
      // The shopper's list, refreshed while Redis is in use: the new one is in Redis.
      const refreshed = await list('/csomni/frequentlyPurchased/forceRefresh');
      expect(refreshed.cache).toBe('refresh');
      await own.kill();
      await until(() => events('redis-degraded') === 2, 'the second outage was never noticed');
      const second = await list();
      expect(second.body).not.toBe(first.body);
      expect(second.cache).toBe('miss');
    } finally {
      await own.stop();
    }
  });

  it('a lone slow Redis command never leaves an entry in memory that outlives a forceRefresh', async () => {
    // A's bound on Redis commands is short; a DEBUG SLEEP from another connection makes one or
    // two of A's commands late, not three in a row: A stays in service (no outage begins).
    const sleeper = new Redis(redis.url);
    /** Redis sleeps for 0.4 s from about now: resolves once it has begun, with its end. */
    const nap = async () => {
      const sleeping = sleeper.call('DEBUG', 'SLEEP', '0.4');
      await new Promise((resolve) => setTimeout(resolve, 20)); // the DEBUG command reaches the server first
      return { done: sleeping };
    };
    let napping: Promise<{ done: Promise<unknown> }> | undefined;
    const a = await sharedProxy({ redisCommandTimeoutMs: 100 }, (call) => {
      // The first list answer reaches A just as Redis stalls: A's write of it to Redis is late.
      if (call.url.pathname === '/api/frequentlyPurchased' && !napping) {
        napping = nap();
        return napping.then(() => undefined as unknown as Response);
      }
      return undefined as unknown as Response;
    });
    const b = await sharedProxy();
    try {
      const list = async (h: Harness, path = '/csomni/frequentlyPurchased') => {
        const response = await h.request(path, { session: ANA });
        expect(response.status).toBe(200);
        return { cache: response.headers.get('x-cache'), body: await response.text() };
      };
      const first = await list(a);
      expect(first.cache).toBe('miss');
      await (
        await napping!
      ).done;
      // A's next command is on time (the count of late ones starts again), and A is in service.
      expect((await a.request('/csomni/products/prod_1/full')).status).toBe(200);
      expect(await (await a.request('/healthz')).json()).toMatchObject({ redis: 'ok' });
      // The shopper refreshes the list on B: Redis holds the new one.
      expect((await list(b, '/csomni/frequentlyPurchased/forceRefresh')).cache).toBe('refresh');
      // Another lone late command on A: its read of the list misses, it never answers from memory
      // with the list the refresh replaced.
      const again = await nap();
      const later = await list(a);
      await again.done;
      expect(later.body).not.toBe(first.body);
      expect(later.cache).not.toBe('hit');
    } finally {
      sleeper.disconnect();
    }
  });

  it('Redis gone while a request waits on another instance: its own call gets only its time left', async () => {
    // A Redis of its own, to kill mid-wait.
    const own = await startRedis();
    const settings = { redisUrl: own.url, redisCommandTimeoutMs: 1000, upstreamTimeoutMs: 2000 };
    // A answers the product after a long while; B's vendor would answer it after 1.2 s.
    const held = gate();
    const slow =
      (ms: number | null): UpstreamHandler =>
      (call) =>
        call.url.pathname.startsWith('/api/products/')
          ? new Promise<Response>((resolve, reject) => {
              const timer = ms === null ? undefined : setTimeout(() => resolve(Response.json({ from: 'B' })), ms);
              void held.opened.then(() => resolve(Response.json({ from: 'A' })));
              call.init?.signal?.addEventListener('abort', () => {
                clearTimeout(timer);
                reject(new DOMException('aborted', 'AbortError'));
              });
            })
          : (undefined as unknown as Response);
    const a = harness(settings, slow(null));
    const b = harness(settings, slow(1200));
    open.push(a.proxy as unknown as { close(): Promise<void> }, b.proxy as unknown as { close(): Promise<void> });
    try {
      for (const h of [a, b]) expect(await (h.proxy as unknown as { ready(): Promise<boolean> }).ready()).toBe(true);
      const fromA = a.request('/csomni/products/prod_1/full');
      await until(() => a.calls.length === 1, 'A never called the vendor');
      const fromB = b.request('/csomni/products/prod_1/full');
      // B waits on A's call for 1.5 s of its 2 s; then Redis goes away. B's own call gets the
      // 0.5 s it has left, not a fresh 2 s: its vendor (1.2 s) is too slow for that, so 504.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(b.calls).toHaveLength(0);
      await own.kill();
      const answered = await fromB;
      expect(answered.status).toBe(504);
      expect(b.logs.find((entry) => entry.route)).toMatchObject({ status: 504, error: 'timeout' });
      held.release();
      await fromA;
    } finally {
      held.release();
      await own.stop();
    }
  });

  it('refuses a URL that is not redis:// or rediss://, naming the setting', async () => {
    expect(() => harness({ redisUrl: 'http://127.0.0.1:6379' })).toThrow(/redisUrl/);
    expect(() => harness({ redisUrl: 'redis://127.0.0.1', redisKeyPrefix: 'bad prefix' })).toThrow(/redisKeyPrefix/);
  });
});
