import { describe, expect, it, vi } from 'vitest';
import { RequestCache, pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';

describe('RequestCache.persistIn', () => {
  class MemoryStorage {
    readonly items = new Map<string, string>();
    get length() {
      return this.items.size;
    }
    key(index: number) {
      return [...this.items.keys()][index] ?? null;
    }
    getItem(name: string) {
      return this.items.get(name) ?? null;
    }
    setItem(name: string, value: string) {
      this.items.set(name, value);
    }
    removeItem(name: string) {
      this.items.delete(name);
    }
  }

  it(
    "the page cache uses the tab's sessionStorage from configure({ sessionCache: " +
      'true }) on, and stops when configured off',
    async () => {
      const storage = new MemoryStorage();
      vi.stubGlobal('sessionStorage', storage);
      try {
        await pageCache.read('before', async () => 0, { ttl: 60_000 });
        expect(storage.length, 'stored before sessionCache was on').toBe(0);
        configure({ sessionCache: true });
        await pageCache.read('on', async () => 1, { ttl: 60_000 });
        expect(storage.length, 'not stored with sessionCache on').toBe(1);
        configure({ sessionCache: false });
        await pageCache.read('off', async () => 2, { ttl: 60_000 });
        configure({ sessionCache: true });
        resetConfiguration();
        await pageCache.read('reset', async () => 3, { ttl: 60_000 });
        expect(storage.length, 'stored after sessionCache was turned off').toBe(1);
      } finally {
        resetConfiguration();
        pageCache.clear();
        vi.unstubAllGlobals();
      }
    },
  );

  it('serves a value stored by an earlier page without loading, and never stores the key itself', async () => {
    const storage = new MemoryStorage();
    const first = new RequestCache(() => 1000);
    first.persistIn(storage);
    const secretKey = 'https://api.test/frequentlyPurchased\nsite_secret\ncs_customer';
    await first.read(secretKey, async () => [{ id: 1 }], { ttl: 60_000 });
    expect([...storage.items.keys()].join()).not.toContain('secret');
    expect([...storage.items.values()].join()).not.toContain('site_secret');

    // The "reload": a new cache over the same storage.
    const second = new RequestCache(() => 2000);
    second.persistIn(storage);
    let loads = 0;
    const value = await second.read(secretKey, async () => (loads++, [{ id: 2 }]), { ttl: 60_000 });
    expect(value).toEqual([{ id: 1 }]);
    expect(loads).toBe(0);
  });

  it('revalidates a stored value past its TTL and ignores corrupt or failing storage', async () => {
    const storage = new MemoryStorage();
    let now = 0;
    const cache = new RequestCache(() => now);
    cache.persistIn(storage);
    await cache.read('k', async () => 'old', { ttl: 10 });
    now = 100;
    const reloaded = new RequestCache(() => now);
    reloaded.persistIn(storage);
    const updated = new Promise((resolve) => reloaded.addEventListener('update', resolve, { once: true }));
    expect(await reloaded.read('k', async () => 'new', { ttl: 10 })).toBe('old');
    await updated;
    expect(await reloaded.read('k', async () => 'newer', { ttl: 10 })).toBe('new');

    for (const name of storage.items.keys()) storage.items.set(name, '{not json');
    const corrupt = new RequestCache(() => now);
    corrupt.persistIn(storage);
    expect(await corrupt.read('k', async () => 'fresh', { ttl: 10 })).toBe('fresh');

    const broken = new RequestCache();
    broken.persistIn({
      ...storage,
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    expect(await broken.read('x', async () => 'works', { ttl: 10 })).toBe('works');
    expect(await broken.read('x', async () => 'again', { ttl: 10 })).toBe('works');
  });

  it('a write that does not fit never leaves an older copy to come back, and makes room', async () => {
    const storage = new MemoryStorage();
    const cache = new RequestCache(() => 0);
    cache.persistIn(storage);
    await cache.read('k', async () => 'v1', { ttl: 10 });
    await cache.read('other', async () => 'o', { ttl: 10 });
    const full = true;
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (name, value) => {
      if (full && value.includes('v2')) throw new DOMException('full', 'QuotaExceededError');
      setItem(name, value);
    };
    await cache.read('k', async () => 'v2', { ttl: 10, force: true });
    // Storage was started afresh, and this write could not go in: the next page loads anew.
    const reloaded = new RequestCache(() => 0);
    reloaded.persistIn(storage);
    expect(await reloaded.read('k', async () => 'loaded', { ttl: 10 })).toBe('loaded');
  });

  it('keeps at most 100 values in storage', async () => {
    const storage = new MemoryStorage();
    storage.setItem('someone-else', 'keep');
    const cache = new RequestCache();
    cache.persistIn(storage);
    for (let i = 0; i < 250; i++) await cache.read(`k${i}`, async () => i, { ttl: 1000 });
    const ours = [...storage.items.keys()].filter((name) => name !== 'someone-else');
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.length).toBeLessThanOrEqual(100);
    expect(storage.getItem('someone-else')).toBe('keep');
  });

  it('a clear() or a turn-off while the store is still loading holds when it comes', async () => {
    const storage = new MemoryStorage();
    const earlier = new RequestCache();
    earlier.persistIn(storage);
    await earlier.read('a', async () => 'stored', { ttl: 1000 });
    expect(storage.length).toBe(1);

    // A page that clears the cache (a sign-out) in the task it turns sessionCache on.
    const cleared = new RequestCache();
    cleared.persistIn(storage);
    cleared.clear();
    expect(await cleared.read('a', async () => 'loaded', { ttl: 1000 })).toBe('loaded');
    expect(JSON.stringify([...storage.items.values()])).not.toContain('stored');

    // Turned off again before its code came: nothing is stored or restored.
    const off = new RequestCache();
    off.persistIn(storage);
    off.persistIn(undefined);
    // Long enough for its code to have come.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await off.read('a', async () => 'memory', { ttl: 1000 })).toBe('memory');
    expect(await off.read('b', async () => 'memory', { ttl: 1000 })).toBe('memory');
    expect(JSON.stringify([...storage.items.values()])).not.toContain('memory');
  });

  it('clear() forgets stored values in storage too', async () => {
    const storage = new MemoryStorage();
    storage.setItem('someone-else', 'keep');
    const cache = new RequestCache();
    cache.persistIn(storage);
    await cache.read('a', async () => 1, { ttl: 1000 });
    cache.clear();
    expect([...storage.items.keys()]).toEqual(['someone-else']);
  });
});
