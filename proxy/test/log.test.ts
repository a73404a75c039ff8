/**
 * The JSON-lines log on Node: lines built as `{ time, ...entry }` would stringify, secrets
 * blanked, and lines gathered as bytes and written together, in order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOG_BUFFER_BYTES, LOG_FLUSH_MS, flushLog, jsonLineSink, scrubbingLogger } from '../src/log.ts';

describe('the JSON-lines log', () => {
  let writes: string[] = [];
  const capture = () => {
    writes = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk: string | Uint8Array) => (
        writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
        true
      ),
    );
  };
  afterEach(() => {
    flushLog();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('writes the lines waiting in one write, in order: LOG_FLUSH_MS after the first, or at once with flushLog', () => {
    vi.useFakeTimers();
    capture();
    jsonLineSink({ time: 't1', level: 'info', n: 1 });
    jsonLineSink({ time: 't2', level: 'warn', n: 2 });
    vi.advanceTimersByTime(LOG_FLUSH_MS - 1);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['{"time":"t1","level":"info","n":1}\n{"time":"t2","level":"warn","n":2}\n']);
    jsonLineSink({ time: 't3', level: 'info', n: 3 });
    flushLog();
    expect(writes[1]).toBe('{"time":"t3","level":"info","n":3}\n');
    vi.advanceTimersByTime(LOG_FLUSH_MS);
    expect(writes).toHaveLength(2);
  });

  it('writes an event’s line at once, with the request lines waiting before it', () => {
    vi.useFakeTimers();
    capture();
    const log = scrubbingLogger(jsonLineSink, () => []);
    log({ level: 'info', method: 'GET', route: '/healthz', status: 200, ms: 0.1 });
    expect(writes).toEqual([]);
    log({ level: 'info', event: 'redis-recovered' });
    jsonLineSink({ time: 't', level: 'warn', event: 'direct' });
    expect(
      writes
        .join('')
        .trimEnd()
        .split('\n')
        .map(
          (line) =>
            (JSON.parse(line) as { route?: string; event?: string }).route ??
            (JSON.parse(line) as { event?: string }).event,
        ),
    ).toEqual(['/healthz', 'redis-recovered', 'direct']);
  });

  it(
    'writes once LOG_BUFFER_BYTES are waiting, keeps UTF-8 whole, and writes ' + 'a longer line on its own, in order',
    () => {
      vi.useFakeTimers();
      capture();
      const sent: string[] = [];
      const send = (entry: Record<string, unknown>) => {
        jsonLineSink(entry as never);
        sent.push(`${JSON.stringify(entry)}\n`);
      };
      // About 1 KiB a line, with characters of two, three and four UTF-8 bytes.
      for (let n = 0; (n + 1) * 1024 <= LOG_BUFFER_BYTES * 1.5; n++) send({ n, text: `é€😀${'x'.repeat(1000)}` });
      expect(writes.length).toBeGreaterThan(0); // The buffer filled: no timer needed.
      expect(writes.every((text) => Buffer.byteLength(text) <= LOG_BUFFER_BYTES)).toBe(true);
      send({ n: 'long', text: 'y'.repeat(LOG_BUFFER_BYTES) });
      send({ n: 'last' });
      flushLog();
      expect(writes.join('')).toBe(sent.join(''));
      expect(writes.at(-2)).toBe(sent.at(-2));
    },
  );

  it('builds the same line as stringifying { time, ...entry }, with secrets blanked', () => {
    capture();
    const secret = 'site_SECRET_token_123';
    const log = scrubbingLogger(jsonLineSink, () => [secret]);
    log({ level: 'info', method: 'GET', route: '/csomni/frequentlyPurchased', status: 200, ms: 0.25, cache: 'hit' });
    log({ level: 'error', event: 'oops', note: `leaked ${secret}` });
    log({});
    flushLog();
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

  it(
    'logs serialized fields as the same line as the entry, with secrets ' + 'blanked (the node fast path’s template)',
    () => {
      capture();
      const secret = 'site_SECRET_token_123';
      const log = scrubbingLogger(jsonLineSink, () => [secret]);
      const entry = {
        level: 'info',
        method: 'GET',
        route: '/csomni/frequentlyPurchased',
        status: 200,
        ms: 0.25,
        cache: 'hit',
      } as const;
      log(entry);
      log.fields!(JSON.stringify(entry).slice(1));
      log.fields!(JSON.stringify({ ...entry, route: `/csomni/${secret}` }).slice(1));
      flushLog();
      const lines = writes.join('').trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      const time = (JSON.parse(lines[1]) as { time: string }).time;
      expect(lines[1]).toBe(JSON.stringify({ time, ...entry }));
      expect(lines[0].replace(/"time":"[^"]+"/, `"time":"${time}"`)).toBe(lines[1]);
      expect(lines[2]).not.toContain(secret);
      expect(JSON.parse(lines[2])).toMatchObject({ route: '/csomni/[redacted]' });
      // Other sinks take entries: no serialized fields are offered to them.
      expect(
        scrubbingLogger(
          () => {},
          () => [],
        ).fields,
      ).toBeUndefined();
    },
  );
});
