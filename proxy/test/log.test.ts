/**
 * The JSON-lines log on Node: lines built as `{ time, ...entry }` would stringify, secrets
 * blanked, and the lines of one turn of the event loop written together, in order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushLog, jsonLineSink, scrubbingLogger } from '../src/log.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the JSON-lines log', () => {
  let writes: string[] = [];
  const capture = () => {
    writes = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array) => (writes.push(String(chunk)), true),
    );
  };
  afterEach(() => {
    flushLog();
    vi.restoreAllMocks();
  });

  it(
    'writes the lines of one turn in one write when the turn ends, in order; ' + 'flushLog writes them at once',
    async () => {
      capture();
      jsonLineSink({ time: 't1', level: 'info', n: 1 });
      jsonLineSink({ time: 't2', level: 'warn', n: 2 });
      expect(writes).toEqual([]);
      await nextTurn();
      expect(writes).toEqual(['{"time":"t1","level":"info","n":1}\n{"time":"t2","level":"warn","n":2}\n']);
      jsonLineSink({ time: 't3', level: 'info', n: 3 });
      flushLog();
      expect(writes[1]).toBe('{"time":"t3","level":"info","n":3}\n');
      await nextTurn();
      expect(writes).toHaveLength(2);
    },
  );

  it('builds the same line as stringifying { time, ...entry }, with secrets blanked', async () => {
    capture();
    const secret = 'site_SECRET_token_123';
    const log = scrubbingLogger(jsonLineSink, () => [secret]);
    log({ level: 'info', method: 'GET', route: '/csomni/frequentlyPurchased', status: 200, ms: 0.25, cache: 'hit' });
    log({ level: 'error', event: 'oops', note: `leaked ${secret}` });
    log({});
    await nextTurn();
    const lines = writes.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['time', 'level', 'method', 'route', 'status', 'ms', 'cache']);
    expect(lines[0]).toBe(
      JSON.stringify({
        time: first.time,
        level: 'info',
        method: 'GET',
        route: '/csomni/frequentlyPurchased',
        status: 200,
        ms: 0.25,
        cache: 'hit',
      }),
    );
    expect(new Date(first.time as string).toISOString()).toBe(first.time);
    expect(lines[1]).not.toContain(secret);
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'error', event: 'oops', note: 'leaked [redacted]' });
    expect(Object.keys(JSON.parse(lines[2]))).toEqual(['time']);
  });
});
