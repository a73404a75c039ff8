/**
 * The proxy's state in Redis, shared by every instance that uses the same Redis and key prefix:
 * the answer caches (same keys, TTLs and bounds as in memory), the collapse of identical
 * upstream calls across instances (a short lock), and the rate limit (rate-limiter-flexible's
 * `RateLimiterRedis`, keyed as in memory). Each method throws {@link RedisUnavailable} when Redis
 * is down or slow; `fallbackStores` (fallback-stores.ts) then answers from memory.
 *
 * What Redis holds: upstream answers as the page gets them (credentials were withheld before they
 * are cached), cart and chat identifiers, counters. Keys are `{prefix}{shop}:{kind}:{name}:{digest}`,
 * where the digest is an HMAC of the in-memory key (which may carry a customer token or an
 * e-mail address) under a key derived from the session secret, and `{shop}` one, under the same
 * key, of the vendor accounts the proxy calls (its configuration, never anything a request says):
 * the in-memory keys do not name the shop, so shops sharing a Redis and prefix would otherwise
 * answer each other's requests. Redis never sees a vendor credential, a session token or a customer
 * identifier in clear.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { RedisLink, RedisUnavailable } from './redis-link.ts';
import { keepLease, LEASE_MS } from './redis-lease.ts';
import type { CacheLimits, FlightLimit, InFlight, RateDecision, RateLimiter, ResponseCache } from './stores.ts';

/** Default key prefix: one Redis can serve several shops when each has its own. */
export const DEFAULT_REDIS_KEY_PREFIX = 'storefront-widgets:';
/** The in-memory default byte bound of a cache, applied the same way here. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** How long a finished shared call's answer stays for the instances that waited on it. */
const RESULT_TTL_MS = 10_000;
/** How often a waiting instance looks for the answer of a call another instance is making. */
const POLL_MS = 10;

/**
 * Keeps an entry's value with the sequence of the call that produced it, bounds each cache
 * (entries and bytes, least recently used first, as in memory) and refuses to overwrite a
 * newer entry with an older one. KEYS: entry, LRU index (sorted set), sizes (hash), total bytes,
 * use counter (the LRU order: wall-clock milliseconds would tie).
 */
const SET_SCRIPT = `
local payload, ttl, seq, bytes, maxEntries, maxBytes, member, entryPrefix =
  ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]),
  tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7], ARGV[8]
local existing = redis.call('GET', KEYS[1])
if existing then
  local old = tonumber(string.match(existing, '^(%d+)\\n'))
  if old and old > seq then return 0 end
end
local oldBytes = tonumber(redis.call('HGET', KEYS[3], member) or '0')
redis.call('SET', KEYS[1], ARGV[3] .. '\\n' .. payload, 'PX', ttl)
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), member)
redis.call('HSET', KEYS[3], member, bytes)
local total = redis.call('INCRBY', KEYS[4], bytes - oldBytes)
local count = redis.call('ZCARD', KEYS[2])
local checked = 0
while (count > maxEntries or total > maxBytes) and checked < 1000 do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  if not oldest then break end
  local size = tonumber(redis.call('HGET', KEYS[3], oldest) or '0')
  redis.call('ZREM', KEYS[2], oldest)
  redis.call('HDEL', KEYS[3], oldest)
  redis.call('DEL', entryPrefix .. oldest)
  total = redis.call('DECRBY', KEYS[4], size)
  count = count - 1
  checked = checked + 1
end
-- Entries that expired on their own: a few leave the index on each write.
for _, gone in ipairs(redis.call('ZRANGE', KEYS[2], 0, 4)) do
  if redis.call('EXISTS', entryPrefix .. gone) == 0 then
    local size = tonumber(redis.call('HGET', KEYS[3], gone) or '0')
    redis.call('ZREM', KEYS[2], gone)
    redis.call('HDEL', KEYS[3], gone)
    redis.call('DECRBY', KEYS[4], size)
  end
end
return 1`;

/** Reads an entry and marks it recently used; a vanished (expired) entry leaves the index. */
const GET_SCRIPT = `
local value = redis.call('GET', KEYS[1])
if value then
  redis.call('ZADD', KEYS[2], 'XX', redis.call('INCR', KEYS[5]), ARGV[1])
  return value
end
local size = redis.call('HGET', KEYS[3], ARGV[1])
if size then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('DECRBY', KEYS[4], tonumber(size))
end
return false`;

const DELETE_SCRIPT = `
redis.call('DEL', KEYS[1])
local size = redis.call('HGET', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if size then redis.call('DECRBY', KEYS[4], tonumber(size)) end
return 1`;

/** Takes the lock (`OK`) or names its holder. */
const ACQUIRE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'OK' end
return redis.call('GET', KEYS[1]) or ''`;

/** Publishes the holder's answer for its waiters and frees the lock if it still holds it. */
const FINISH_SCRIPT = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/** A waiter's look: the answer (1), still running (0), or the holder gone without one (2). */
const WAIT_SCRIPT = `
local result = redis.call('GET', KEYS[2])
if result then return {1, result} end
if redis.call('GET', KEYS[1]) == ARGV[1] then return {0} end
return {2}`;

type ScriptClient = Redis & {
  sfwCacheSet(...args: (string | number)[]): Promise<number>;
  sfwCacheGet(...args: (string | number)[]): Promise<string | null>;
  sfwCacheDelete(...args: (string | number)[]): Promise<number>;
  sfwAcquire(...args: (string | number)[]): Promise<string>;
  sfwFinish(...args: (string | number)[]): Promise<number>;
  sfwWait(...args: (string | number)[]): Promise<[number, string?]>;
};

function scripts(client: Redis): ScriptClient {
  const scripted = client as ScriptClient;
  if (typeof scripted.sfwCacheSet !== 'function') {
    client.defineCommand('sfwCacheSet', { numberOfKeys: 5, lua: SET_SCRIPT });
    client.defineCommand('sfwCacheGet', { numberOfKeys: 5, lua: GET_SCRIPT });
    client.defineCommand('sfwCacheDelete', { numberOfKeys: 4, lua: DELETE_SCRIPT });
    client.defineCommand('sfwAcquire', { numberOfKeys: 1, lua: ACQUIRE_SCRIPT });
    client.defineCommand('sfwFinish', { numberOfKeys: 2, lua: FINISH_SCRIPT });
    client.defineCommand('sfwWait', { numberOfKeys: 2, lua: WAIT_SCRIPT });
  }
  return scripted;
}

export interface RedisStoreOptions {
  link: RedisLink;
  /** Namespace of every key (default `storefront-widgets:`). */
  prefix?: string;
  /**
   * The shop's vendor accounts, as text (create-proxy's `shopIdentity`): every key then starts
   * with `{prefix}{its digest}:`, so shops that share a Redis and prefix share no key.
   */
  shop?: string;
  /**
   * Text the key digests are keyed with (the session secret): Redis keys then reveal nothing
   * about the customer they belong to, even to someone who can guess an e-mail address.
   */
  digestSecret?: string;
  /** Longest an upstream call may take: a lock lives no longer than this. */
  upstreamTimeoutMs: number;
  /** How long a call's lock lasts unless renewed (default 2 s; tests make it shorter). */
  leaseMs?: number;
}

/** The Redis side of every store: each method may throw {@link RedisUnavailable}. */
export class RedisStores {
  /** How every key starts: the configured prefix, then the shop's digest (when given). */
  readonly prefix: string;
  private readonly digestKey: Buffer;

  constructor(private readonly options: RedisStoreOptions) {
    this.digestKey = createHash('sha256')
      .update(`storefront-widgets-proxy redis keys\n${options.digestSecret ?? ''}`)
      .digest();
    const shop = options.shop === undefined ? '' : `${this.digest(`shop\n${options.shop}`).slice(0, 16)}:`;
    this.prefix = `${options.prefix ?? DEFAULT_REDIS_KEY_PREFIX}${shop}`;
    scripts(options.link.client);
  }

  /** A key's digest: what Redis stores in place of the identifiers it is made of. */
  digest(key: string): string {
    return createHmac('sha256', this.digestKey).update(key).digest('base64url');
  }

  cache<V>(name: string, limits: CacheLimits): RedisResponseCache<V> {
    return new RedisResponseCache<V>(this.options.link, `${this.prefix}cache:${name}:`, limits, (key) =>
      this.digest(key),
    );
  }

  inFlight<T>(name: string): RedisSingleFlight<T> {
    return new RedisSingleFlight<T>(
      this.options.link,
      `${this.prefix}flight:${name}:`,
      Math.min(this.options.leaseMs ?? LEASE_MS, this.options.upstreamTimeoutMs + 250),
      (key) => this.digest(key),
    );
  }

  rateLimiter(max: number, windowMs: number): RedisRateLimiter {
    return new RedisRateLimiter(this.options.link, `${this.prefix}rate`, max, windowMs, (key) => this.digest(key));
  }
}

export class RedisResponseCache<V> implements ResponseCache<V> {
  private readonly index: string;
  private readonly sizes: string;
  private readonly total: string;
  private readonly tick: string;
  private readonly maxBytes: number;

  constructor(
    private readonly link: RedisLink,
    /** `{prefix}cache:{name}:`: entries are this plus the key's digest. */
    private readonly base: string,
    private readonly limits: CacheLimits,
    private readonly digest: (key: string) => string,
  ) {
    this.index = `${base}~lru`;
    this.sizes = `${base}~sizes`;
    this.total = `${base}~bytes`;
    this.tick = `${base}~tick`;
    this.maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  async get(key: string): Promise<V | undefined> {
    const member = this.digest(key);
    const text = await this.link.command((client) =>
      scripts(client).sfwCacheGet(this.base + member, this.index, this.sizes, this.total, this.tick, member),
    );
    if (text === null) return undefined;
    const newline = text.indexOf('\n');
    return JSON.parse(text.slice(newline + 1)) as V;
  }

  async set(key: string, value: V, ttlMs: number, sequence: number, bytes = 0): Promise<void> {
    // The same refusals as in memory: caching off, no TTL, or one value over a quarter of the bound.
    if (this.limits.maxEntries <= 0 || ttlMs <= 0 || bytes > this.maxBytes / 4) return;
    const member = this.digest(key);
    const payload = JSON.stringify(value);
    await this.link.command((client) =>
      scripts(client).sfwCacheSet(
        this.base + member,
        this.index,
        this.sizes,
        this.total,
        this.tick,
        payload,
        Math.ceil(ttlMs),
        Math.floor(sequence),
        bytes,
        this.limits.maxEntries,
        this.maxBytes,
        member,
        this.base,
      ),
    );
  }

  async delete(key: string): Promise<void> {
    const member = this.digest(key);
    await this.link.command((client) =>
      scripts(client).sfwCacheDelete(this.base + member, this.index, this.sizes, this.total, member),
    );
  }
}

/**
 * One upstream call per key across every instance. The first takes a lock in Redis (`SET NX
 * PX`), makes the call and publishes its answer for the others, which look for it every few
 * milliseconds, each until its own time limit: a caller never waits longer than its own
 * `UPSTREAM_TIMEOUT_MS`, whatever happens to the instance it waits on. The lock is a short lease
 * (2 s) that its holder renews while its call runs: an instance that dies or stalls mid-call
 * holds the key no longer than that, and a waiter with time left then takes the lock and makes
 * the call itself. A call that fails lets go of the lock at once. Answers that are not cached
 * (errors, Algonomy pages) are shared too, so a failing vendor is not asked once per instance.
 */
export class RedisSingleFlight<T> implements InFlight<T> {
  constructor(
    private readonly link: RedisLink,
    private readonly base: string,
    /** How long a lock lasts unless its holder renews it. */
    private readonly leaseMs: number,
    private readonly digest: (key: string) => string,
  ) {}

  async run(
    key: string,
    call: (left: () => number) => Promise<T>,
    limit: FlightLimit<T>,
  ): Promise<{ value: T; shared: boolean }> {
    const lock = `${this.base}${this.digest(key)}`;
    const id = randomBytes(12).toString('base64url');
    for (;;) {
      // Out of time before the call could be joined or made: this caller's answer is a 504.
      if (limit.left() <= 0) return { value: limit.expired(), shared: true };
      const holder = await this.link.command((client) => scripts(client).sfwAcquire(lock, id, this.leaseMs));
      if (holder === 'OK') return { value: await this.hold(lock, id, () => call(limit.left)), shared: false };
      for (;;) {
        // A lock with no readable holder (it just expired): try again at once.
        if (!holder) break;
        const wait = Math.min(POLL_MS, limit.left());
        if (wait <= 0) return { value: limit.expired(), shared: true };
        await new Promise((resolve) => setTimeout(resolve, wait));
        const [state, text] = await this.link.command((client) =>
          scripts(client).sfwWait(lock, `${lock}:result:${holder}`, holder),
        );
        if (state === 1) return { value: JSON.parse(text!) as T, shared: true };
        if (state === 2) break;
      }
    }
  }

  private async hold(lock: string, id: string, call: () => Promise<T>): Promise<T> {
    // The lease lasts while the call runs; a call that fails frees it (a waiter makes the call).
    const lease = keepLease(this.link, lock, id, this.leaseMs);
    let value: T;
    try {
      value = await call();
    } catch (error) {
      await lease.release();
      throw error;
    }
    lease.stop();
    try {
      await this.link.command((client) =>
        scripts(client).sfwFinish(lock, `${lock}:result:${id}`, id, JSON.stringify(value), RESULT_TTL_MS),
      );
    } catch {
      // Redis went away meanwhile: the waiters fall back to their own calls.
    }
    return value;
  }
}

/** The fleet-wide rate limit: rate-limiter-flexible's fixed window in Redis, keyed as in memory. */
export class RedisRateLimiter implements RateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly link: RedisLink,
    keyPrefix: string,
    max: number,
    windowMs: number,
    private readonly digest: (key: string) => string,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: link.client,
      keyPrefix,
      points: max,
      duration: Math.max(1, Math.round(windowMs / 1000)),
      // Fail at once while disconnected (the memory limiter takes over), never queue.
      rejectIfRedisNotReady: true,
    });
  }

  async hit(key: string): Promise<RateDecision> {
    return this.link.command(() =>
      this.limiter.consume(this.digest(key)).then(
        (result): RateDecision => ({ ok: true, remaining: result.remainingPoints }),
        (refusal: unknown): RateDecision => {
          if (refusal instanceof RateLimiterRes)
            return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
          throw refusal;
        },
      ),
    );
  }
}
