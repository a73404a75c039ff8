import { describe, expect, it } from 'vitest';
import { limit } from '../../src/core/limit.ts';

describe('limit', () => {
  it('runs at most N tasks at once, in order, and passes results and failures through', async () => {
    const run = limit(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      if (n === 3) throw new Error('three');
      return n * 10;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => run(task(n))));
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      10,
      20,
      'three',
      40,
      50,
    ]);
  });

  it('keeps going after a task throws synchronously inside its promise', async () => {
    const run = limit(1);
    await expect(run(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(run(async () => 'yes')).resolves.toBe('yes');
  });
});

describe('limit, with a task that throws before returning a promise', () => {
  it('frees its place for the next task', async () => {
    const run = limit(1);
    const thrower = (() => {
      throw new Error('sync');
    }) as unknown as () => Promise<string>;
    await expect(run(thrower)).rejects.toThrow('sync');
    await expect(run(async () => 'after')).resolves.toBe('after');
  });
});
