/**
 * `sharedStores()`: the stores `createProxy` uses when `redisUrl` is set. Each one asks Redis
 * (redis-stores.ts) while Redis is usable and falls back to this process's memory store when it
 * is not: Redis down, slow (a command past its 50 ms bound), or still connecting at start-up.
 * So the proxy keeps answering through any Redis outage, each instance on its own state for
 * the duration, and shares again once Redis is back. The memory caches hold only what was cached
 * during the current outage: they are emptied whenever Redis comes into service or goes out of
 * it, so an entry from an earlier outage, which Redis may since have replaced (a
 * `forceRefresh`), never answers in a later one.
 *
 * The Redis modules (ioredis, rate-limiter-flexible, node:crypto) are loaded with a dynamic
 * import, only when a Redis URL is set: the handler without one imports nothing from Node, so it
 * runs unchanged on edge runtimes (workerd).
 */
import type { AlgonomyTokenHolder, AlgonomyTokenOptions } from './algonomy-token.ts';
import type { RedisLink, RedisState } from './redis-link.ts';
import type { RedisStores } from './redis-stores.ts';
import { MemorySingleFlight, type MemoryResponseCache, type MemoryStores } from './memory-stores.ts';
import type {
  CacheLimits,
  InFlight,
  MaybePromise,
  ProxyStores,
  RateDecision,
  RateLimiter,
  ResponseCache,
} from './stores.ts';

export interface SharedStoresOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** Namespace of every key. */
  prefix: string;
  /** The shop's vendor accounts, as text: their digest follows the prefix in every key. */
  shop: string;
  /** Keys the digests that stand for identifiers in Redis keys (the session secret). */
  digestSecret?: string;
  upstreamTimeoutMs: number;
  /** Longest a request waits on one Redis command (default 50 ms). */
  commandTimeoutMs?: number;
  log: (entry: { level: 'info' | 'warn' | 'error'; event: string; [field: string]: unknown }) => void;
  /** Told how long each degraded period lasted, in seconds (metrics). */
  onDegradedEnd?: (seconds: number) => void;
}

export interface SharedStores {
  /** The stores the routes use: Redis when usable, else memory. */
  stores: ProxyStores;
  /** An Algonomy token holder shared through Redis, falling back to `local`. */
  algonomyTokens(local: AlgonomyTokenHolder, options: AlgonomyTokenOptions): AlgonomyTokenHolder;
  /** `starting` (connecting), `ok`, or `degraded`: for /healthz. */
  state: () => RedisState;
  /** Seconds spent degraded in the current period (0 when not degraded). */
  degradedSeconds: () => number;
  /** Resolves true once Redis is in use (false after `ms`). */
  ready(ms?: number): Promise<boolean>;
  close(): Promise<void>;
}

interface Backend {
  link: RedisLink;
  stores: RedisStores;
  RedisAlgonomyTokens: typeof import('./redis-algonomy-token.ts').RedisAlgonomyTokens;
  RedisUnavailable: typeof import('./redis-link.ts').RedisUnavailable;
}

export function sharedStores(options: SharedStoresOptions, memory: MemoryStores): SharedStores {
  let backend: Backend | undefined;
  let closed = false;
  /** Every memory cache behind a shared one. */
  const localCaches: MemoryResponseCache<unknown>[] = [];
  const loading = (async () => {
    const [{ RedisLink, RedisUnavailable }, { RedisStores }, { RedisAlgonomyTokens }] = await Promise.all([
      import('./redis-link.ts'),
      import('./redis-stores.ts'),
      import('./redis-algonomy-token.ts'),
    ]);
    const link = new RedisLink({
      url: options.url,
      commandTimeoutMs: options.commandTimeoutMs,
      log: options.log,
      onDegradedEnd: options.onDegradedEnd,
      onServiceChange: () => {
        for (const local of localCaches) local.clear();
      },
    });
    const stores = new RedisStores({
      link,
      prefix: options.prefix,
      shop: options.shop,
      digestSecret: options.digestSecret,
      upstreamTimeoutMs: options.upstreamTimeoutMs,
    });
    backend = { link, stores, RedisAlgonomyTokens, RedisUnavailable };
    if (closed) await link.close();
    return backend;
  })();
  let failed = false;
  loading.catch((error: unknown) => {
    failed = true;
    options.log({
      level: 'error',
      event: 'redis-unavailable',
      reason: error instanceof Error ? error.message : 'load-failed',
      note: 'The Redis client could not be loaded: every instance keeps its state in memory',
    });
  });

  /** The Redis backend when commands are worth sending now. */
  const usable = (): Backend | undefined => (backend?.link.usable ? backend : undefined);
  /** Whether `error` means "Redis is not there" (fall back) rather than a fault of the call. */
  const unavailable = (error: unknown): boolean => Boolean(backend && error instanceof backend.RedisUnavailable);

  function cache<V>(name: string, limits: CacheLimits): ResponseCache<V> {
    const local = memory.cache<V>(name, limits);
    localCaches.push(local);
    let remote: ResponseCache<V> | undefined;
    const shared = () => {
      const found = usable();
      if (!found) return undefined;
      return (remote ??= found.stores.cache<V>(name, limits));
    };
    // Memory stands in only during an outage (it is emptied as one begins and ends). A command
    // that fails while Redis stays in service (one late answer) is a miss or a lost write: an
    // entry kept in memory then would outlive any outage and answer later for an entry Redis
    // has since replaced (a forceRefresh).
    return {
      get(key): MaybePromise<V | undefined> {
        const store = shared();
        if (!store) return local.get(key);
        return Promise.resolve(store.get(key)).catch(() => (shared() ? undefined : local.get(key)));
      },
      set(key, value, ttlMs, sequence, bytes): MaybePromise<void> {
        const store = shared();
        if (!store) return local.set(key, value, ttlMs, sequence, bytes);
        return Promise.resolve(store.set(key, value, ttlMs, sequence, bytes)).catch(() =>
          shared() ? undefined : local.set(key, value, ttlMs, sequence, bytes),
        );
      },
      // Both: an entry written while Redis was away must not outlive its deletion.
      delete(key): MaybePromise<void> {
        const store = shared();
        const done = local.delete(key);
        if (!store) return done;
        return Promise.resolve(store.delete(key)).catch(() => undefined);
      },
    };
  }

  function inFlight<T>(name: string): InFlight<T> {
    // Identical calls in this process collapse first, so one per instance goes to Redis.
    const local = new MemorySingleFlight<{ value: T; shared: boolean }>();
    let remote: InFlight<T> | undefined;
    return {
      async run(key, call, limit) {
        const { value, shared } = await local.run(
          key,
          async (left) => {
            const found = usable();
            if (!found) return { value: await call(left), shared: false };
            remote ??= found.stores.inFlight<T>(name);
            try {
              return await remote.run(key, call, limit);
            } catch (error) {
              if (!unavailable(error)) throw error;
              // Redis went away, perhaps while this caller waited on another instance's call:
              // its own call gets what is left of its time, not a fresh limit.
              if (left() <= 0) return { value: limit.expired(), shared: true };
              return { value: await call(left), shared: false };
            }
          },
          { left: limit.left, expired: () => ({ value: limit.expired(), shared: true }) },
        );
        return { value: value.value, shared: shared || value.shared };
      },
    };
  }

  function rateLimiter(max: number, windowMs: number): RateLimiter {
    const local = memory.rateLimiter(max, windowMs);
    let remote: RateLimiter | undefined;
    return {
      hit(key): MaybePromise<RateDecision> {
        const found = usable();
        if (!found) return local.hit(key);
        remote ??= found.stores.rateLimiter(max, windowMs);
        return Promise.resolve(remote.hit(key)).catch(() => local.hit(key));
      },
    };
  }

  function algonomyTokens(local: AlgonomyTokenHolder, tokenOptions: AlgonomyTokenOptions): AlgonomyTokenHolder {
    if (!local.canRenew) return local; // A fixed token: nothing to create, nothing to share.
    let remote: AlgonomyTokenHolder | undefined;
    const shared = () => {
      const found = usable();
      if (!found) return undefined;
      return (remote ??= new found.RedisAlgonomyTokens(
        found.link,
        `${found.stores.prefix}algonomy-token:${found.stores.digest(tokenOptions.tenantHash)}`,
        tokenOptions,
      ));
    };
    const withFallback = (
      remoteCall: (holder: AlgonomyTokenHolder) => Promise<string>,
      localCall: () => Promise<string>,
    ) => {
      const holder = shared();
      if (!holder) return localCall();
      return remoteCall(holder).catch((error: unknown) => (unavailable(error) ? localCall() : Promise.reject(error)));
    };
    return {
      canRenew: true,
      get: () =>
        withFallback(
          (holder) => holder.get(),
          () => local.get(),
        ),
      renew: (stale) =>
        withFallback(
          (holder) => holder.renew(stale),
          () => local.renew(stale),
        ),
    };
  }

  return {
    stores: { cache, inFlight, rateLimiter },
    algonomyTokens,
    // A client that could not load (an edge build) is as good as a Redis that is down.
    state: () => backend?.link.state ?? (failed ? 'degraded' : 'starting'),
    degradedSeconds: () => backend?.link.degradedSeconds() ?? 0,
    async ready(ms = 5000) {
      const found = await loading.catch(() => undefined);
      return found ? found.link.ready(ms) : false;
    },
    async close() {
      closed = true;
      await backend?.link.close();
    },
  };
}
