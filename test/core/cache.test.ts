import { describe, expect, it, vi } from 'vitest';
import { CacheUpdateEvent, RequestCache } from '../../src/core/cache.ts';
import { controlledLoad, clock, flush, revalidating } from './cache-helpers.ts';

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

  it('a value from a load slower than the TTL is fresh when it comes: no reload after reload', async () => {
    const time = clock();
    const cache = new RequestCache(time.now);
    // A vendor that takes 1.5 s, behind a TTL of 1 s.
    const slow = vi.fn(async () => {
      time.advance(1500);
      return `v${slow.mock.calls.length}`;
    });
    await cache.read('k', slow, { ttl: 1000 });
    time.advance(1000);
    // A widget reads again whenever it hears of a new value, as the elements do (here at most 10
    // times, so that a cache that reloads again and again fails this test rather than hangs it).
    const heard = vi.fn(() => {
      if (heard.mock.calls.length <= 10) void cache.read('k', slow, { ttl: 1000 });
    });
    cache.addEventListener('update', heard);
    await expect(cache.read('k', slow, { ttl: 1000 })).resolves.toBe('v1');
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(1));
    await flush();
    await flush();
    expect(slow).toHaveBeenCalledTimes(2);
    expect(cache.peek('k', 1000)).toBe('v2');
    time.advance(999);
    await expect(cache.read('k', slow, { ttl: 1000 })).resolves.toBe('v2');
    expect(slow).toHaveBeenCalledTimes(2);
  });

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
