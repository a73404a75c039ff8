import { onConfigure, pageDefault } from './config.ts';
import { warn } from './errors.ts';
import { loadSessionStore } from './session-store-module.ts';

export interface CacheReadOptions {
  /** Milliseconds a stored value counts as fresh; 0 stores nothing (every read loads). */
  ttl: number;
  /** Skip a stored value and load anew (the load is still shared with concurrent readers). */
  force?: boolean;
  /**
   * Abandons this reader's wait; the shared load is aborted only when every reader has left and
   * none joined by the end of the task (a widget re-reading the same key takes the load over).
   */
  signal?: AbortSignal;
}

export interface Entry<T> {
  value: T;
  storedAt: number;
  /** The order of the load that stored it (0 when restored from storage). */
  seq?: number;
}

/** Where stored values can outlive the page: `sessionStorage`, or anything shaped like it. */
export type CacheStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
  readonly length: number;
  key(index: number): string | null;
};

/** The cache's values kept in a `CacheStorage` (`session-store.ts`). */
export interface EntryStore {
  get(key: string): Entry<unknown> | undefined;
  set(key: string, entry: Entry<unknown>): void;
  /** Removes every value the cache put there. */
  clear(): void;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  readers: number;
  /** Started by a forced read: a later forced read may join it, being no older. */
  forced: boolean;
  /** When it started, in the order of loads: a value never replaces one loaded after it. */
  seq: number;
  /** Set by clear(): it stores nothing. */
  cancelled?: boolean;
  /** Whether its value went into the cache. */
  stored?: boolean;
}

/** Dispatched on the cache when a background revalidation stored a new value for `key`. */
export class CacheUpdateEvent extends Event {
  constructor(readonly key: string) {
    super('update');
  }
}

/**
 * The page-wide request cache every widget shares: one load in flight per key, values kept for
 * their TTL, and stale-while-revalidate (a stale value is returned at once and reloaded behind
 * it; listeners of `update` hear when the new value is in).
 */
export class RequestCache extends EventTarget {
  readonly #entries = new Map<string, Entry<unknown>>();
  readonly #flights = new Map<string, Flight<unknown>>();
  /** Where `persistIn` keeps values, once its code has loaded. */
  #store?: EntryStore;
  /** The storage `persistIn` was given. */
  #storage?: CacheStorage;
  /** Settles once the store for `#storage` has loaded (or failed to: memory only). */
  #storeReady?: Promise<void>;
  #loads = 0;

  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    super();
    this.#now = now;
  }

  /**
   * The value for `key`: fresh from the cache, stale from the cache while `load` refreshes it,
   * or from `load` (shared with every concurrent reader of the same key).
   */
  async read<T>(key: string, load: (signal: AbortSignal) => Promise<T>, options: CacheReadOptions): Promise<T> {
    // A reader that has already left must not start a load nobody waits for (or could abort).
    if (options.signal?.aborted) throw options.signal.reason;
    // Values an earlier page stored count once the store's code has come.
    if (this.#storeReady) {
      await this.#storeReady;
      if (options.signal?.aborted) throw options.signal.reason;
    }
    const entry = (this.#entries.get(key) ?? this.#restore(key)) as Entry<T> | undefined;
    if (entry && !options.force && options.ttl > 0) {
      if (this.#now() - entry.storedAt >= options.ttl) {
        this.#revalidate(key, load, options.ttl);
      }
      return entry.value;
    }
    return this.#join(key, load, options);
  }

  /**
   * The stored value for `key` without loading: fresh or stale, or with `maxAge` (ms) only one
   * stored within it.
   */
  peek<T>(key: string, maxAge = Infinity): T | undefined {
    const entry = (this.#entries.get(key) ?? (maxAge < Infinity ? this.#restore(key) : undefined)) as
      Entry<T> | undefined;
    return entry && this.#now() - entry.storedAt < maxAge ? entry.value : undefined;
  }

  /**
   * Also keeps values in `storage` (for example `sessionStorage`), so a reload of the page
   * within their TTL makes no request. Only for plain-JSON values; `undefined` turns it off.
   * Storage errors (quota, storage disabled) are ignored: the cache then works from memory. The
   * code that stores loads first (`session-store.ts`): reads wait for it; where it cannot load,
   * the cache works from memory, with a warning (SW54).
   */
  persistIn(storage: CacheStorage | undefined): void {
    if (storage === this.#storage) return;
    this.#storage = storage;
    this.#store = undefined;
    this.#storeReady = storage
      ? loadSessionStore().then(
          ({ storeIn }) => {
            if (this.#storage === storage) this.#store = storeIn(storage);
          },
          // Not there (a self-hosted copy without it), or refused: memory only, and the developer hears why.
          (error: unknown) => warn('storefront-widgets: SW54', error),
        )
      : undefined;
  }

  /**
   * Forgets stored values whose key starts with `prefix` (all when omitted). Loads in flight for
   * those keys store nothing when they finish, and later reads start anew. Storage holds only
   * hashed keys, so every value this cache put there goes (it is only a head start).
   */
  clear(prefix = ''): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
    for (const [key, flight] of this.#flights) {
      if (!key.startsWith(prefix)) continue;
      flight.cancelled = true;
      this.#flights.delete(key);
    }
    // A store still loading holds the earlier pages' values: they go when it comes.
    if (this.#store) this.#store.clear();
    else this.#storeReady = this.#storeReady?.then(() => this.#store?.clear());
  }

  #keep(key: string, entry: Entry<unknown>): void {
    this.#entries.set(key, entry);
    this.#store?.set(key, entry);
  }

  #restore(key: string): Entry<unknown> | undefined {
    const entry = this.#store?.get(key);
    if (entry) this.#entries.set(key, entry);
    return entry;
  }

  #revalidate<T>(key: string, load: (signal: AbortSignal) => Promise<T>, ttl: number): void {
    if (this.#flights.has(key)) return;
    // The stale value stays when the reload fails: nobody waits on it, so its failure is caught
    // here, never left to reach the page as an unhandled rejection.
    this.#join(key, load, { ttl }).catch(() => undefined);
    const flight = this.#flights.get(key)!;
    flight.promise.then(
      () => {
        // Stored, or beaten by a newer load (a forced one): either way the cache now holds a
        // value newer than the stale one its readers show.
        if (flight.stored || (this.#entries.get(key)?.seq ?? 0) > flight.seq)
          this.dispatchEvent(new CacheUpdateEvent(key));
      },
      // The stale value stays; the next read tries again.
      () => undefined,
    );
  }

  #join<T>(key: string, load: (signal: AbortSignal) => Promise<T>, options: CacheReadOptions): Promise<T> {
    let flight = this.#flights.get(key) as Flight<T> | undefined;
    // A load every reader walked away from is aborting, and a forced read must not take the
    // answer of a plain load sent before it: start a new one. Only the key's latest load stores.
    if (!flight || flight.controller.signal.aborted || (options.force && !flight.forced)) {
      const controller = new AbortController();
      const seq = ++this.#loads;
      const current: Flight<T> = {
        promise: undefined as unknown as Promise<T>,
        controller,
        readers: 0,
        forced: Boolean(options.force),
        seq,
      };
      current.promise = load(controller.signal).then((value) => {
        // Not after clear(), not when abandoned, and never over a value loaded after this began.
        const newer = (this.#entries.get(key)?.seq ?? 0) > seq;
        if (options.ttl > 0 && !current.cancelled && !controller.signal.aborted && !newer) {
          // Fresh for its TTL from when it came: one timed from the request's start would come
          // stale from a vendor slower than the TTL, and its readers, told of it, would reload it
          // at once, and again, for as long as the vendor stays that slow.
          this.#keep(key, { value, storedAt: this.#now(), seq });
          current.stored = true;
        }
        return value;
      });
      this.#flights.set(key, current);
      const settled = () => {
        if (this.#flights.get(key) === current) this.#flights.delete(key);
      };
      current.promise.then(settled, settled);
      flight = current;
    }
    return this.#wait(flight, options.signal);
  }

  #wait<T>(flight: Flight<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) {
      flight.readers += 1;
      return flight.promise.finally(() => (flight.readers -= 1));
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    flight.readers += 1;
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener('abort', onAbort);
        flight.readers -= 1;
      };
      const onAbort = () => {
        leave();
        // The last reader left: abort the load unless a reader joins within this task. A widget
        // whose setting changed (a configure() call right after the script ran, a new currency)
        // aborts its load and reads the same key again at once: it takes the request in flight
        // instead of cancelling it and sending it again.
        if (flight.readers === 0) {
          setTimeout(() => {
            if (flight.readers === 0) flight.controller.abort(signal.reason);
          });
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error) => {
          leave();
          reject(error);
        },
      );
    });
  }
}

/**
 * The cache shared by every widget on the page, and by every copy of the library on it (kept
 * on the window under a registered symbol, like the configuration).
 */
export const pageCache: RequestCache = ((globalThis as Record<symbol, RequestCache | undefined>)[
  Symbol.for('storefront-widgets.cache')
] ??= new RequestCache());

/** The tab's sessionStorage, or undefined where it is missing or blocked (sandboxed frames). */
function sessionStorageIfAny(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The page cache keeps values in the tab's sessionStorage while `configure({ sessionCache: true })`
 * says so: from that call on, for every widget on the page (and off again when a later call or
 * `resetConfiguration()` turns it off). Checked once now, for a page configured before this copy
 * of the library loaded.
 */
const followSessionCache = () => pageCache.persistIn(pageDefault('sessionCache') ? sessionStorageIfAny() : undefined);
onConfigure(followSessionCache);
followSessionCache();
