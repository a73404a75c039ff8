/**
 * Where the page cache keeps its values beyond the page (`configure({ sessionCache: true })`):
 * loaded only on a page that turns it on (see `session-store-module.ts`), so every other page
 * leaves this code out.
 */
import type { CacheStorage, EntryStore } from './cache.ts';

const STORAGE_PREFIX = 'storefront-widgets:';

/** The most entries kept in storage: past it, ours are dropped (they are only a head start). */
const MAX_STORED_ENTRIES = 100;

/**
 * A storage key for a cache key. Cache keys hold credentials and customer ids, so storage only
 * ever sees two 32-bit FNV-1a hashes of them.
 */
function storageKey(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    a = Math.imul(a ^ key.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ key.charCodeAt(i), 0x5bd1e995);
  }
  return `${STORAGE_PREFIX}${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}`;
}

/** Storage is a bonus: full, disabled or corrupt, the cache carries on from memory. */
function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

/**
 * The cache's values in `storage` as plain JSON under hashed keys. Storage errors (quota,
 * storage disabled, a corrupt value) are ignored.
 */
export function storeIn(storage: CacheStorage): EntryStore {
  const storedNames = (): string[] => {
    const names: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (name?.startsWith(STORAGE_PREFIX)) names.push(name);
    }
    return names;
  };
  /** Removes every value this cache put in storage. */
  const drop = () =>
    attempt(() => {
      for (const name of storedNames()) storage.removeItem(name);
    });
  return {
    get(key) {
      return attempt(() => {
        const saved = storage.getItem(storageKey(key));
        if (!saved) return undefined;
        const [storedAt, value] = JSON.parse(saved) as [unknown, unknown];
        return typeof storedAt === 'number' && Number.isFinite(storedAt) ? { value, storedAt } : undefined;
      });
    },
    set(key, entry) {
      const name = storageKey(key);
      const saved = JSON.stringify([entry.storedAt, entry.value]);
      const write = () => storage.setItem(name, saved);
      try {
        if (storage.getItem(name) === null && storedNames().length >= MAX_STORED_ENTRIES) drop();
        write();
      } catch {
        // Full: an older copy must not come back as fresh on the next page, and the page's own
        // writes need room. Start storage afresh and try once more.
        drop();
        attempt(write);
      }
    },
    clear: drop,
  };
}
