/**
 * The proxy's cost on a cached answer, measured as it runs in production: the proxy in its own
 * process with sessions, JSON logs and the rate limiter on (`server.ts`), against a plain Node
 * `http` server sending the same bytes in another process, both loaded by autocannon from this
 * process, one after the other in the same run. Reports requests per second, p50 and p99
 * latency, and the server's CPU time per request, as they are and as proxy/plain ratios.
 *
 *   npx tsx bench/proxy.bench.ts            (5 s each, 4 connections)
 *   BENCH_DURATION=2 npx tsx bench/proxy.bench.ts
 *   BENCH_ROWS=100 BENCH_ENCODING=br npx tsx bench/proxy.bench.ts
 *
 * With BENCH_ENCODING (`br` or `gzip`) both are asked for that encoding, and the plain server
 * sends the answer compressed once at its start, as the proxy keeps a cached answer's
 * compressed bytes: the ratio stays the proxy's own cost. BENCH_ROWS sets the list's rows (16).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signSession } from '../src/index.ts';
import { BENCH_ORIGIN, BENCH_SECRET, listBody } from './fixture.ts';

export interface BenchFigures {
  /** Requests per second (mean of autocannon's per-second samples). */
  rps: number;
  /** Median latency in milliseconds. */
  p50: number;
  /** 99th percentile latency in milliseconds. */
  p99: number;
  /** The server process's CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
}

export interface ProxyBenchResult {
  proxy: BenchFigures;
  baseline: BenchFigures;
  /** proxy / baseline for each figure: rps below 1, latencies and CPU above 1 are the proxy's cost. */
  ratio: BenchFigures;
  settings: {
    duration: number;
    connections: number;
    rounds: number;
    bodyBytes: number;
    /** The encoding asked for and sent (`br`, `gzip`), or '' for none. */
    encoding: string;
    /** The bytes sent per answer: bodyBytes, or fewer with an encoding. */
    sentBytes: number;
    configuration: string;
  };
}

export interface ProxyBenchOptions {
  /** Seconds each server is measured (default 5, or BENCH_DURATION). */
  duration?: number;
  /** Concurrent connections (default 4). */
  connections?: number;
  /** Rounds per server, taken in turn (default 3, or BENCH_ROUNDS). */
  rounds?: number;
  /** Rows of the cached list (default 16, or BENCH_ROWS). */
  rows?: number;
  /** `br` or `gzip`: both servers asked for it and answering with it (default none, or BENCH_ENCODING). */
  encoding?: '' | 'br' | 'gzip';
}

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  non2xx: number;
}
/** An autocannon run: a promise of its results that also reports each response. */
type AutocannonRun = Promise<AutocannonResult> & {
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

const HOST = '127.0.0.1';
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

interface BenchServer {
  port: number;
  /** CPU microseconds (user + system) the server process has used so far. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

function startServer(kind: 'proxy' | 'plain', rows: number, encoding: string): Promise<BenchServer> {
  // Its log lines go where production's go: out of the process (here, nowhere).
  const child: ChildProcess = fork(SERVER, [kind, String(rows), encoding], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        resolve(message[key] as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${code})`)));
    });
  return next<number>('port').then((port) => ({
    port,
    async cpu() {
      const reply = next<{ user: number; system: number }>('cpu');
      child.send('cpu');
      const { user, system } = await reply;
      return user + system;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
        setTimeout(() => child.kill(), 2000).unref();
      }),
  }));
}

/** One answer's status, raw bytes and encoding. */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; bytes: Buffer; encoding: string }>((resolve, reject) => {
    httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          bytes: Buffer.concat(chunks),
          encoding: response.headers['content-encoding'] ?? '',
        }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

const decoded = (bytes: Buffer, encoding: string): string =>
  (encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString();

/** The q-quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function measure(
  autocannon: Autocannon,
  server: BenchServer,
  url: string,
  headers: Record<string, string>,
  duration: number,
  connections: number,
): Promise<BenchFigures> {
  // A short warm-up (JIT, sockets), not counted.
  await autocannon({ url, connections, duration: 1, headers });
  // autocannon's own latency histogram counts whole milliseconds, too coarse for answers that
  // take a fraction of one, so the per-response times (float ms) are collected here.
  const times: number[] = [];
  const cpuBefore = await server.cpu();
  const run = autocannon({ url, connections, duration, headers });
  run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await run;
  const cpuAfter = await server.cpu();
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors and ${result.non2xx} non-2xx answers`);
  }
  const sorted = Float64Array.from(times).sort();
  return {
    rps: round(result.requests.average, 0),
    p50: round(quantile(sorted, 0.5), 3),
    p99: round(quantile(sorted, 0.99), 3),
    cpuUs: round((cpuAfter - cpuBefore) / Math.max(1, result.requests.total), 1),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const medianFigures = (rounds: BenchFigures[]): BenchFigures => ({
  rps: round(median(rounds.map((each) => each.rps)), 0),
  p50: round(median(rounds.map((each) => each.p50)), 3),
  p99: round(median(rounds.map((each) => each.p99)), 3),
  cpuUs: round(median(rounds.map((each) => each.cpuUs)), 1),
});

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runProxyBench(options: ProxyBenchOptions = {}): Promise<ProxyBenchResult> {
  const duration = options.duration ?? (Number(process.env.BENCH_DURATION) || 5);
  const connections = options.connections ?? 4;
  const rounds = options.rounds ?? (Number(process.env.BENCH_ROUNDS) || 3);
  const rows = options.rows ?? (Number(process.env.BENCH_ROWS) || 16);
  const encoding =
    options.encoding ??
    (process.env.BENCH_ENCODING === 'br' || process.env.BENCH_ENCODING === 'gzip' ? process.env.BENCH_ENCODING : '');
  // autocannon ships no types: its shape is declared above, and a `string` specifier stops tsc looking for them.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
  const { default: autocannon } = (await import('autocannon' as string)) as { default: Autocannon };
  const body = listBody(rows);
  const session = await signSession(
    { sub: 'bench-customer', csomni: { customerToken: 'cs_bench_customer' } },
    BENCH_SECRET,
    { expiresIn: 3600 },
  );
  const asked: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
  const proxyHeaders = { authorization: `Bearer ${session}`, origin: BENCH_ORIGIN, ...asked };

  const [proxy, plain] = await Promise.all([
    startServer('proxy', rows, encoding),
    startServer('plain', rows, encoding),
  ]);
  let sentBytes = 0;
  try {
    const proxyUrl = `http://${HOST}:${proxy.port}/csomni/frequentlyPurchased`;
    const plainUrl = `http://${HOST}:${plain.port}/csomni/frequentlyPurchased`;
    // Fill the cache (and the proxy's compressed bytes), and check both serve the same bytes.
    await get(proxyUrl, proxyHeaders);
    const [fromProxy, fromPlain] = await Promise.all([get(proxyUrl, proxyHeaders), get(plainUrl, asked)]);
    if (
      fromProxy.status !== 200 ||
      !fromProxy.bytes.equals(fromPlain.bytes) ||
      fromProxy.encoding !== fromPlain.encoding ||
      decoded(fromProxy.bytes, fromProxy.encoding) !== body
    )
      throw new Error('The proxy and the plain server answer different bytes');
    sentBytes = fromProxy.bytes.length;

    // Rounds taken in turn (plain, proxy, plain, proxy, …), each figure the median of its
    // rounds: a busy machine then slows both sides alike rather than one more than the other.
    const plainRounds: BenchFigures[] = [];
    const proxyRounds: BenchFigures[] = [];
    for (let round = 0; round < rounds; round++) {
      plainRounds.push(await measure(autocannon, plain, plainUrl, asked, duration, connections));
      proxyRounds.push(await measure(autocannon, proxy, proxyUrl, proxyHeaders, duration, connections));
    }
    const baseline = medianFigures(plainRounds);
    const proxied = medianFigures(proxyRounds);
    return {
      proxy: proxied,
      baseline,
      ratio: {
        rps: round(proxied.rps / baseline.rps, 3),
        p50: round(proxied.p50 / baseline.p50, 3),
        p99: round(proxied.p99 / baseline.p99, 3),
        cpuUs: round(proxied.cpuUs / baseline.cpuUs, 3),
      },
      settings: {
        duration,
        connections,
        rounds,
        bodyBytes: Buffer.byteLength(body),
        encoding,
        sentBytes,
        configuration:
          'production: a Bearer session verified on every request, JSON logs on, rate limiter on, origin allowlist; ' +
          'server and load generator in separate processes',
      },
    };
  } finally {
    await Promise.all([proxy.stop(), plain.stop()]);
  }
}

function printTable(result: ProxyBenchResult): void {
  const { proxy, baseline, ratio, settings } = result;
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req'],
    ['proxy (cached, production)', proxy.rps, proxy.p50, proxy.p99, proxy.cpuUs],
    ['plain node http', baseline.rps, baseline.p50, baseline.p99, baseline.cpuUs],
    ['proxy / plain', ratio.rps, ratio.p50, ratio.p99, ratio.cpuUs],
  ].map((row) => row.map(String));
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(
    `Proxy overhead, cached CS Omni list (${settings.bodyBytes} B` +
      (settings.encoding ? `, sent as ${settings.encoding}: ${settings.sentBytes} B` : '') +
      `), ${settings.rounds} rounds each of ` +
      `${settings.duration} s x ${settings.connections} connections, medians`,
  );
  console.log(`(${settings.configuration})`);
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('  '),
    );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runProxyBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
