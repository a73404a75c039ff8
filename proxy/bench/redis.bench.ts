/**
 * The cost of sharing state through Redis: a cached CS Omni list served by the proxy in its
 * production configuration (the CLI in its own process, a customer session verified on every
 * request, a JSON log line per request, the rate limit on), once with `REDIS_URL` (cache, rate
 * limit and collapse in a local Redis over loopback) and once without (memory), measured in
 * this run by autocannon in this process, alternating the two, two rounds each.
 *
 *   npx tsx bench/redis.bench.ts            (3 s per round, 4 connections)
 *   BENCH_DURATION=2 npx tsx bench/redis.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { ANA } from '../test/helpers.ts';
import { fakeCsomni, fleetEnv, redisState, session, startProxy, type ProxyProcess } from '../test/fleet.ts';
import { startRedis } from '../test/redis-server.ts';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

export interface RedisBenchResult {
  memory: Figures;
  redis: Figures;
  /** redis / memory for each figure. */
  ratio: Figures;
  /**
   * Whether the Redis instance fell back to memory at any time during the run (its figures would then not be
   * Redis's).
   */
  degradedDuringRun: boolean;
  settings: { duration: number; connections: number; rounds: number; bodyBytes: number };
}

type AutocannonRun = Promise<{ requests: { average: number }; errors: number; non2xx: number }> & {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
  ): void;
};
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => AutocannonRun;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(
  autocannon: Autocannon,
  url: string,
  headers: Record<string, string>,
  duration: number,
  connections: number,
): Promise<Figures> {
  const times: number[] = [];
  const run = autocannon({ url, connections, duration, headers });
  run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await run;
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`${url}: ${result.errors} errors and ${result.non2xx} non-2xx answers`);
  const sorted = Float64Array.from(times).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { rps: round(result.requests.average, 0), p50: round(at(0.5), 3), p99: round(at(0.99), 3) };
}

export async function runRedisBench(
  options: { duration?: number; connections?: number; rounds?: number } = {},
): Promise<RedisBenchResult> {
  const duration = options.duration ?? (Number(process.env.BENCH_DURATION) || 3);
  const connections = options.connections ?? 4;
  const rounds = options.rounds ?? 2;
  // autocannon ships no types: a `string` specifier stops tsc looking for them.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
  const { default: autocannon } = (await import('autocannon' as string)) as { default: Autocannon };
  const [redis, vendor] = await Promise.all([startRedis(), fakeCsomni()]);
  const env = fleetEnv(redis.url, vendor, { RATE_LIMIT_MAX: '1000000000', ALLOWED_ORIGINS: 'https://shop.example' });
  const { REDIS_URL: _redis, ...memoryEnv } = env;
  const proxies: ProxyProcess[] = [];
  try {
    const withRedis = await startProxy(env, { keepLines: false });
    proxies.push(withRedis);
    const inMemory = await startProxy(memoryEnv, { keepLines: false });
    proxies.push(inMemory);
    await redisState([withRedis], 'ok');
    const headers = { authorization: `Bearer ${await session(ANA)}`, origin: 'https://shop.example' };
    const url = (proxy: ProxyProcess) => `${proxy.url}/csomni/frequentlyPurchased`;
    let bodyBytes = 0;
    for (const proxy of proxies) {
      await fetch(url(proxy), { headers }); // fills the cache
      const check = await fetch(url(proxy), { headers });
      if (check.headers.get('x-cache') !== 'hit') throw new Error(`${proxy.url} did not serve the list from its cache`);
      bodyBytes = (await check.arrayBuffer()).byteLength;
      await autocannon({ url: url(proxy), connections, duration: 1, headers }); // warm-up, not counted
    }
    const runs: { memory: Figures[]; redis: Figures[] } = { memory: [], redis: [] };
    for (let index = 0; index < rounds; index++) {
      runs.memory.push(await measure(autocannon, url(inMemory), headers, duration, connections));
      runs.redis.push(await measure(autocannon, url(withRedis), headers, duration, connections));
    }
    const pick = (figures: Figures[]): Figures => ({
      rps: median(figures.map((f) => f.rps)),
      p50: median(figures.map((f) => f.p50)),
      p99: median(figures.map((f) => f.p99)),
    });
    const memory = pick(runs.memory);
    const shared = pick(runs.redis);
    return {
      memory,
      redis: shared,
      ratio: {
        rps: round(shared.rps / memory.rps, 3),
        p50: round(shared.p50 / memory.p50, 3),
        p99: round(shared.p99 / memory.p99, 3),
      },
      degradedDuringRun: withRedis.events('redis-degraded').length > 0,
      settings: { duration, connections, rounds, bodyBytes },
    };
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await Promise.all([redis.stop(), vendor.close()]);
  }
}

/** The result as Markdown lines for the bench's report (docs/benchmarks.md, "Latest results"). */
export function redisBenchMarkdown(result: RedisBenchResult): string[] {
  const { memory, redis, ratio, settings } = result;
  const times = (value: number) => `${value.toFixed(2)}×`;
  return [
    `Cached CS Omni list (${settings.bodyBytes} B) in the production configuration (the CLI in its own process, ` +
      'a session verified per request, a log line per request, the rate limit on), with REDIS_URL (a local Redis ' +
      `over loopback) and without; ${settings.rounds} alternating rounds of ${settings.duration} s × ` +
      `${settings.connections} connections each, medians (autocannon in the bench process).`,
    '',
    '| state | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    `| in memory (no REDIS_URL) | ${memory.rps} | ${memory.p50} | ${memory.p99} |`,
    `| shared in Redis | ${redis.rps} | ${redis.p50} | ${redis.p99} |`,
    `| Redis ÷ memory | ${times(ratio.rps)} | ${times(ratio.p50)} | ${times(ratio.p99)} |`,
    ...(result.degradedDuringRun ? ['', 'Redis degraded during the run: some Redis figures are memory figures.'] : []),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRedisBench().then(
    (result) => console.log(redisBenchMarkdown(result).join('\n')),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
