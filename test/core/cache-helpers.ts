import { expect, vi } from 'vitest';
import { RequestCache } from '../../src/core/cache.ts';

/** The controlled loads, clock and flush the RequestCache tests share. */

export function controlledLoad<T>() {
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
export function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A cache whose 'k' holds a stale 'v1' that a held load (`calls[0]`) is revalidating. */
export async function revalidating() {
  const time = clock();
  const cache = new RequestCache(time.now);
  await cache.read('k', async () => 'v1', { ttl: 1000 });
  time.advance(1000);
  const { load, calls } = controlledLoad<string>();
  expect(await cache.read('k', load, { ttl: 1000 })).toBe('v1');
  expect(calls).toHaveLength(1);
  return { cache, load, calls };
}
