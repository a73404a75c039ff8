import { describe, expect, it, vi } from 'vitest';
import { CacheUpdateEvent, RequestCache, pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';

/** A load the test settles by hand, recording the signal each call got. */
function controlledLoad<T>() {
  const calls: { signal: AbortSignal; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = vi.fn(
    (signal: AbortSignal) =>
      new Promise<T>((resolve, reject) => {
        calls.push({ signal, resolve, reject });
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  );
  return { load, calls };
}

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A cache whose 'k' holds a stale 'v1' that a held load (`calls[0]`) is revalidating. */
async function revalidating() {
  const time = clock();
  const cache = new RequestCache(time.now);
  await cache.read('k', async () => 'v1', { ttl: 1000 });
  time.advance(1000);
  const { load, calls } = controlledLoad<string>();
  expect(await cache.read('k', load, { ttl: 1000 })).toBe('v1');
  expect(calls).toHaveLength(1);
  return { cache, load, calls };
}

describe('RequestCache', () => {
  it('shares one load between concurrent readers of a key', async () => {
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const reads = [
      cache.read('k', load, { ttl: 1000 }),
      cache.read('k', load, { ttl: 1000 }),
      cache.read('k', load, { ttl: 0 }),
    ];
    expect(load).toHaveBeenCalledTimes(1);
    calls[0].resolve('value');
    await expect(Promise.all(reads)).resolves.toEqual(['value', 'value', 'value']);
  });

  it('keeps keys apart', async () => {
    const cache = new RequestCache();
    const a = cache.read('a', async () => 'A', { ttl: 1000 });
    const b = cache.read('b', async () => 'B', { ttl: 1000 });
    await expect(Promise.all([a, b])).resolves.toEqual(['A', 'B']);
    expect(cache.peek('a')).toBe('A');
    expect(cache.peek('b')).toBe('B');
  });

  it('peek with a maximum age gives only a value stored within it', async () => {
    const time = clock();
    const cache = new RequestCache(time.now);
    await cache.read('k', async () => 'v', { ttl: 1000 });
    expect(cache.peek('k', 1000)).toBe('v');
    time.advance(1000);
    expect(cache.peek('k', 1000)).toBeUndefined();
    expect(cache.peek('k')).toBe('v');
    expect(cache.peek('missing', 1000)).toBeUndefined();
  });

  it('serves a stored value without loading while it is fresh', async () => {
    const time = clock();
    const cache = new RequestCache(time.now);
    const load = vi.fn(async () => 'v1');
    await cache.read('k', load, { ttl: 1000 });
    time.advance(999);
    await expect(cache.read('k', load, { ttl: 1000 })).resolves.toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it(
    'serves a stale value at once, reloads it once behind, ' + 'tells `update` listeners and serves the new value next',
    async () => {
      const time = clock();
      const cache = new RequestCache(time.now);
      let version = 0;
      const load = vi.fn(async () => `v${++version}`);
      await cache.read('k', load, { ttl: 1000 });
      const updates: string[] = [];
      cache.addEventListener('update', (event) => {
        expect(event).toBeInstanceOf(CacheUpdateEvent);
        updates.push((event as CacheUpdateEvent).key);
      });

      time.advance(1000);
      const stale = await Promise.all([cache.read('k', load, { ttl: 1000 }), cache.read('k', load, { ttl: 1000 })]);
      expect(stale).toEqual(['v1', 'v1']);
      await vi.waitFor(() => expect(updates).toEqual(['k']));
      expect(load).toHaveBeenCalledTimes(2);
      await expect(cache.read('k', load, { ttl: 1000 })).resolves.toBe('v2');
      expect(load).toHaveBeenCalledTimes(2);
    },
  );

  it('starts one revalidation while one is in flight', async () => {
    const time = clock();
    const cache = new RequestCache(time.now);
    await cache.read('k', async () => 'v1', { ttl: 1000 });
    time.advance(5000);
    const { load, calls } = controlledLoad<string>();
    await cache.read('k', load, { ttl: 1000 });
    await cache.read('k', load, { ttl: 1000 });
    expect(load).toHaveBeenCalledTimes(1);
    calls[0].resolve('v2');
    await flush();
    expect(cache.peek('k')).toBe('v2');
  });

  it('keeps the stale value when the revalidation fails, and tries again on the next read', async () => {
    const time = clock();
    const cache = new RequestCache(time.now);
    await cache.read('k', async () => 'v1', { ttl: 1000 });
    time.advance(1000);
    const updates = vi.fn();
    cache.addEventListener('update', updates);
    const failing = vi.fn(async () => {
      throw new Error('down');
    });
    // Nobody waits on a background reload: its failure must not reach the page unhandled.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(cache.read('k', failing, { ttl: 1000 })).resolves.toBe('v1');
      await flush();
      await flush();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(updates).not.toHaveBeenCalled();
    expect(cache.peek('k')).toBe('v1');

    const working = vi.fn(async () => 'v2');
    await expect(cache.read('k', working, { ttl: 1000 })).resolves.toBe('v1');
    await vi.waitFor(() => expect(updates).toHaveBeenCalledTimes(1));
    await expect(cache.read('k', working, { ttl: 1000 })).resolves.toBe('v2');
  });

  it('`force` bypasses a fresh value and stores the new one', async () => {
    const cache = new RequestCache();
    let version = 0;
    const load = vi.fn(async () => `v${++version}`);
    await cache.read('k', load, { ttl: 60_000 });
    await expect(cache.read('k', load, { ttl: 60_000, force: true })).resolves.toBe('v2');
    await expect(cache.read('k', load, { ttl: 60_000 })).resolves.toBe('v2');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('ttl 0 stores nothing: every read loads', async () => {
    const cache = new RequestCache();
    let version = 0;
    const load = vi.fn(async () => `v${++version}`);
    await expect(cache.read('k', load, { ttl: 0 })).resolves.toBe('v1');
    await expect(cache.read('k', load, { ttl: 0 })).resolves.toBe('v2');
    expect(cache.peek('k')).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not store a failed load: the next read loads again', async () => {
    const cache = new RequestCache();
    const error = new Error('boom');
    const load = vi.fn().mockRejectedValueOnce(error).mockResolvedValueOnce('ok');
    const readers = [cache.read('k', load, { ttl: 1000 }), cache.read('k', load, { ttl: 1000 })];
    for (const reader of readers) await expect(reader).rejects.toBe(error);
    expect(cache.peek('k')).toBeUndefined();
    await expect(cache.read('k', load, { ttl: 1000 })).resolves.toBe('ok');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a reader that aborts leaves, but the load goes on for the reader still waiting', async () => {
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = cache.read('k', load, { ttl: 1000, signal: leaving.signal });
    const second = cache.read('k', load, { ttl: 1000, signal: staying.signal });
    const reason = new DOMException('gone', 'AbortError');
    leaving.abort(reason);
    await expect(first).rejects.toBe(reason);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].resolve('value');
    await expect(second).resolves.toBe('value');
    expect(cache.peek('k')).toBe('value');
  });

  it('a reader without a signal keeps the load alive', async () => {
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const leaving = new AbortController();
    const first = cache.read('k', load, { ttl: 1000, signal: leaving.signal });
    const second = cache.read('k', load, { ttl: 1000 });
    leaving.abort();
    await expect(first).rejects.toBe(leaving.signal.reason);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].resolve('value');
    await expect(second).resolves.toBe('value');
  });

  it('the last reader leaving aborts the load by the end of the task, and the next read starts a new one', async () => {
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const a = new AbortController();
    const b = new AbortController();
    const first = cache.read('k', load, { ttl: 1000, signal: a.signal });
    const second = cache.read('k', load, { ttl: 1000, signal: b.signal });
    a.abort();
    await expect(first).rejects.toBe(a.signal.reason);
    await flush();
    expect(calls[0].signal.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toBe(b.signal.reason);
    await flush();
    expect(calls[0].signal.aborted).toBe(true);

    const third = cache.read('k', load, { ttl: 1000 });
    expect(load).toHaveBeenCalledTimes(2);
    calls[1].resolve('fresh');
    await expect(third).resolves.toBe('fresh');
  });

  it('a read in the same task as every reader leaving takes the load over instead of sending it again', async () => {
    // What a widget does when a setting changes right after it started loading (a configure()
    // call after the script ran): abort its load, then read the same key again at once.
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const controller = new AbortController();
    const leaving = cache.read('k', load, { ttl: 1000, signal: controller.signal });
    controller.abort();
    await expect(leaving).rejects.toBe(controller.signal.reason);
    const again = new AbortController();
    const next = cache.read('k', load, { ttl: 1000, signal: again.signal });
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].resolve('value');
    await expect(next).resolves.toBe('value');
    expect(cache.peek('k')).toBe('value');
  });

  it('a reader whose signal is already aborted is refused at once and leaves no load running', async () => {
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const controller = new AbortController();
    controller.abort();
    await expect(cache.read('k', load, { ttl: 1000, signal: controller.signal })).rejects.toBe(
      controller.signal.reason,
    );
    // No reader waits for it, so no load starts.
    expect(load).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });

  it('a reader leaving a background revalidation does not abort it', async () => {
    const { cache, load, calls } = await revalidating();
    const controller = new AbortController();
    // A reader with nothing to fall back on (ttl 0) joins the revalidation, then leaves.
    const joined = cache.read('k', load, { ttl: 0, signal: controller.signal });
    controller.abort();
    await expect(joined).rejects.toBe(controller.signal.reason);
    expect(calls).toHaveLength(1);
    expect(calls[0].signal.aborted).toBe(false);
    calls[0].resolve('v2');
    await flush();
    expect(cache.peek('k')).toBe('v2');
  });

  it(
    'a forced read does not take the answer of a plain load sent before it, ' + 'which then never overwrites it',
    async () => {
      const { cache, load, calls } = await revalidating();
      const forced = cache.read('k', load, { ttl: 1000, force: true });
      expect(calls).toHaveLength(2);
      calls[1].resolve('forced');
      expect(await forced).toBe('forced');
      const updates = vi.fn();
      cache.addEventListener('update', updates);
      calls[0].resolve('older');
      await flush();
      expect(cache.peek('k')).toBe('forced');
      // Whoever showed the stale value still hears that the cache holds a newer one.
      expect(updates).toHaveBeenCalledTimes(1);
    },
  );

  it('a plain load still stores when the forced read that overtook it was abandoned', async () => {
    const { cache, load, calls } = await revalidating();
    const controller = new AbortController();
    const forced = cache.read('k', load, { ttl: 1000, force: true, signal: controller.signal });
    controller.abort();
    await expect(forced).rejects.toBe(controller.signal.reason);
    await flush();
    expect(calls[1].signal.aborted).toBe(true);
    calls[0].resolve('v2');
    await flush();
    expect(cache.peek('k')).toBe('v2');
  });

  it('clear() also drops what loads in flight bring back, and the next read loads anew', async () => {
    const cache = new RequestCache();
    const { load, calls } = controlledLoad<string>();
    const before = cache.read('csomni:a', load, { ttl: 1000 });
    cache.clear('csomni:');
    const after = cache.read('csomni:a', load, { ttl: 1000 });
    expect(calls).toHaveLength(2);
    calls[0].resolve('before clear');
    expect(await before).toBe('before clear');
    expect(cache.peek('csomni:a')).toBeUndefined();
    calls[1].resolve('after clear');
    expect(await after).toBe('after clear');
    expect(cache.peek('csomni:a')).toBe('after clear');
  });

  it('clear() forgets values by key prefix', async () => {
    const cache = new RequestCache();
    await cache.read('csomni:a', async () => 1, { ttl: 1000 });
    await cache.read('giosg:b', async () => 2, { ttl: 1000 });
    cache.clear('csomni:');
    expect(cache.peek('csomni:a')).toBeUndefined();
    expect(cache.peek('giosg:b')).toBe(2);
    cache.clear();
    expect(cache.peek('giosg:b')).toBeUndefined();
  });
});

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

  it('the page cache uses sessionStorage from configure({ sessionCache: true }) on, until configured off', async () => {
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
  });

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
