/**
 * The proxy's state in this process: a response cache (bounded LRU with a TTL per entry), the
 * single-flight map that collapses identical concurrent upstream calls into one, and the
 * fixed-window rate limiter. Keys always carry the identity sent upstream, so one customer's
 * entry can never answer another customer.
 */
import { FixedWindowLimiter } from './rate-limit.ts';
import { beforeDeadline } from './deadline.ts';
import type { CacheLimits, FlightLimit, InFlight, ProxyStores, ResponseCache } from './stores.ts';

interface Entry<V> {
  value: V;
  expiresAt: number;
  /** Order in which the upstream call that produced it started: a later call always wins. */
  sequence: number;
  bytes: number;
}

export class MemoryResponseCache<V> implements ResponseCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private totalBytes = 0;
  /** The key last moved to the end of `entries` (by `get` or `set`), while it is still there. */
  private lastUsed: string | undefined;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
    /** Bound on the summed size of the cached values. */
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      return undefined;
    }
    // Most recently used goes to the end (where it already is if it was the last one used).
    if (key !== this.lastUsed) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.lastUsed = key;
    }
    return entry.value;
  }

  /**
   * Stores `value` for `ttlMs`, unless the entry already there came from an upstream call that
   * started later (`sequence`), so a slow plain fetch never overwrites a newer refresh.
   */
  set(key: string, value: V, ttlMs: number, sequence: number, bytes = 0): void {
    if (this.maxEntries <= 0 || ttlMs <= 0 || bytes > this.maxBytes / 4) return;
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.sequence > sequence && existing.expiresAt > this.now()) return;
      this.remove(key, existing);
    }
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs, sequence, bytes });
    this.lastUsed = key;
    this.totalBytes += bytes;
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.remove(oldKey, oldEntry);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
    this.lastUsed = undefined;
  }

  private remove(key: string, entry: Entry<V>): void {
    if (key === this.lastUsed) this.lastUsed = undefined;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}

/**
 * One call in flight per key; callers that arrive meanwhile share its result, each until its own
 * time limit at most.
 */
export class MemorySingleFlight<T> implements InFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(
    key: string,
    call: (left: () => number) => Promise<T>,
    limit: FlightLimit<T>,
  ): Promise<{ value: T; shared: boolean }> {
    const running = this.inFlight.get(key);
    if (running) return joined(running, limit);
    const promise = (async () => {
      try {
        return await call(limit.left);
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise.then((value) => ({ value, shared: false }));
  }
}

/** A call another caller is making, shared until `limit` runs out (then `limit.expired()`). */
async function joined<T>(running: Promise<T>, limit: FlightLimit<T>): Promise<{ value: T; shared: boolean }> {
  const answered = await beforeDeadline(
    running.then((value) => ({ value })),
    limit.left(),
  );
  return { value: answered ? answered.value : limit.expired(), shared: true };
}

/** The stores in this process's memory, whose caches can also be emptied. */
export interface MemoryStores extends ProxyStores {
  cache<V>(name: string, limits: CacheLimits): MemoryResponseCache<V>;
}

/** Every store in this process's memory: the embedded default. */
export function memoryStores(now: () => number): MemoryStores {
  return {
    cache: <V>(_name: string, limits: CacheLimits) =>
      new MemoryResponseCache<V>(limits.maxEntries, now, limits.maxBytes),
    inFlight: <T>() => new MemorySingleFlight<T>(),
    rateLimiter: (max, windowMs) => new FixedWindowLimiter(max, windowMs, now),
  };
}
