/**
 * The state the proxy keeps between requests, as small interfaces: the answer caches, the
 * collapse of identical upstream calls, and the rate limiter. `memoryStores()` keeps it all in
 * this process; a store shared by several instances (Redis, say) implements the same
 * interfaces. A method may answer synchronously (memory) or with a promise (a network store):
 * callers handle both, so the in-memory path stays free of promise hops.
 */

export type MaybePromise<T> = T | Promise<T>;

/** A bounded cache of values with a TTL each. */
export interface ResponseCache<V> {
  get(key: string): MaybePromise<V | undefined>;
  /**
   * Stores `value` for `ttlMs`, unless the entry already there came from an upstream call that
   * started later (`sequence`), so a slow plain fetch never overwrites a newer refresh.
   * `bytes` is the value's size, for the store's bound on memory.
   */
  set(key: string, value: V, ttlMs: number, sequence: number, bytes?: number): MaybePromise<void>;
  delete(key: string): MaybePromise<void>;
}

/** A caller's own time limit, which it never waits past, whoever's call it joined. */
export interface FlightLimit<T> {
  /** Milliseconds left of the caller's own time limit (its `UPSTREAM_TIMEOUT_MS`). */
  left: () => number;
  /** What the caller gets when its time runs out before the call it joined answers (a 504). */
  expired: () => T;
}

/**
 * One call in flight per key; callers that arrive meanwhile share its result (`shared`), each
 * for no longer than its own `limit`. `call` is given the time left to the caller that makes
 * it, which bounds the call.
 */
export interface InFlight<T> {
  run(
    key: string,
    call: (left: () => number) => Promise<T>,
    limit: FlightLimit<T>,
  ): Promise<{ value: T; shared: boolean }>;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/** Counts a client's requests (`key`: its session subject or address) and says whether one more may pass. */
export interface RateLimiter {
  hit(key: string): MaybePromise<RateDecision>;
}

export interface CacheLimits {
  maxEntries: number;
  /** Bound on the summed size of the cached values. */
  maxBytes?: number;
}

/**
 * Where the proxy's state lives. `name` keeps each cache's keys apart (a shared store would
 * prefix them with it).
 */
export interface ProxyStores {
  cache<V>(name: string, limits: CacheLimits): ResponseCache<V>;
  inFlight<T>(name: string): InFlight<T>;
  rateLimiter(max: number, windowMs: number): RateLimiter;
}

/** Whether a store answered with a promise (a network store) rather than the value (memory). */
export const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> =>
  typeof (value as Promise<T> | null)?.then === 'function';
