/**
 * Proxy overhead on cached answers: requests per second and p50/p99 latency of a cached CS Omni
 * frequently-purchased list served by the proxy (@hono/node-server on 127.0.0.1), against a
 * plain Node `http` server sending the same bytes, both measured in this run with autocannon.
 * Figures are reported as they are and as proxy/baseline ratios.
 *
 *   npx tsx bench/proxy.bench.ts            (5 s each, 4 connections)
 *   BENCH_DURATION=2 npx tsx bench/proxy.bench.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createProxy } from '../src/index.ts';

export interface BenchFigures {
  /** Requests per second (mean of autocannon's per-second samples). */
  rps: number;
  /** Median latency in milliseconds. */
  p50: number;
  /** 99th percentile latency in milliseconds. */
  p99: number;
}

export interface ProxyBenchResult {
  proxy: BenchFigures;
  baseline: BenchFigures;
  /** proxy / baseline for each figure: rps below 1 and latencies above 1 are the proxy's cost. */
  ratio: BenchFigures;
  settings: { duration: number; connections: number; bodyBytes: number };
}

export interface ProxyBenchOptions {
  /** Seconds each server is measured (default 5, or BENCH_DURATION). */
  duration?: number;
  /** Concurrent connections (default 4). */
  connections?: number;
}

interface AutocannonResult {
  requests: { average: number };
  errors: number;
  non2xx: number;
}
/** An autocannon run: a promise of its results that also reports each response. */
type AutocannonRun = Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
};
type Autocannon = (options: { url: string; connections: number; duration: number }) => AutocannonRun;

const HOST = '127.0.0.1';
const SITE_TOKEN = 'site_bench_token';

/** A realistic answer: the vendor's frequently-purchased rows, quirks included. */
function listBody(): string {
  const rows = Array.from({ length: 16 }, (_, i) => ({
    variantToken: `vrnt_${(i * 7919).toString(36)}`,
    quantity: 145 - i * 9,
    price: i % 3 === 0 ? '' : 3.5 + i,
    variantImage: i % 4 === 0 ? '' : { file: `9-14-2021/1631634128386__${40977 + i}__item-${i}.jpg`, id: 'ast20tjq', status: 'poolImages' },
    productToken: i % 3 === 0 ? '' : `prod_${(i * 104729).toString(36)}`,
  }));
  return JSON.stringify(rows);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The q-quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function measure(autocannon: Autocannon, url: string, duration: number, connections: number): Promise<BenchFigures> {
  // A short warm-up (JIT, sockets), not counted.
  await autocannon({ url, connections, duration: 1 });
  // autocannon's own latency histogram counts whole milliseconds, too coarse for answers that
  // take a fraction of one, so the per-response times (float ms) are collected here.
  const times: number[] = [];
  const run = autocannon({ url, connections, duration });
  run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await run;
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors and ${result.non2xx} non-2xx answers`);
  }
  const sorted = Float64Array.from(times).sort();
  return { rps: round(result.requests.average, 0), p50: round(quantile(sorted, 0.5), 3), p99: round(quantile(sorted, 0.99), 3) };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runProxyBench(options: ProxyBenchOptions = {}): Promise<ProxyBenchResult> {
  const duration = options.duration ?? (Number(process.env.BENCH_DURATION) || 5);
  const connections = options.connections ?? 4;
  // autocannon ships no types; its shape is declared above.
  const { default: autocannon } = (await import('autocannon' as string)) as { default: Autocannon };
  const body = listBody();

  const proxy = createProxy({
    csomniSiteToken: SITE_TOKEN,
    csomniBaseUrl: 'http://upstream.localhost',
    fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
    rateLimitMax: 0,
    logger: false,
  });
  const proxyServer = serve({ fetch: proxy, port: 0, hostname: HOST }) as Server;
  if (!proxyServer.listening) await new Promise((resolve) => proxyServer.once('listening', resolve));
  const proxyUrl = `http://${HOST}:${(proxyServer.address() as AddressInfo).port}/csomni/frequentlyPurchased`;

  const bytes = Buffer.from(body);
  const baselineServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length, 'cache-control': 'private, no-store' });
    res.end(bytes);
  });
  const baselineUrl = `http://${HOST}:${await listen(baselineServer)}/csomni/frequentlyPurchased`;

  try {
    // Fill the cache, and check both serve the same bytes.
    const [fromProxy, fromBaseline] = await Promise.all([fetch(proxyUrl), fetch(baselineUrl)]);
    const [proxyText, baselineText] = await Promise.all([fromProxy.text(), fromBaseline.text()]);
    if (proxyText !== baselineText) throw new Error('The proxy and the baseline answer different bytes');

    const baseline = await measure(autocannon, baselineUrl, duration, connections);
    const proxied = await measure(autocannon, proxyUrl, duration, connections);
    return {
      proxy: proxied,
      baseline,
      ratio: {
        rps: round(proxied.rps / baseline.rps, 3),
        p50: round(proxied.p50 / baseline.p50, 3),
        p99: round(proxied.p99 / baseline.p99, 3),
      },
      settings: { duration, connections, bodyBytes: bytes.length },
    };
  } finally {
    await Promise.all([close(proxyServer), close(baselineServer)]);
  }
}

function printTable(result: ProxyBenchResult): void {
  const { proxy, baseline, ratio, settings } = result;
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms'],
    ['proxy (cached)', proxy.rps, proxy.p50, proxy.p99],
    ['plain node http', baseline.rps, baseline.p50, baseline.p99],
    ['proxy / plain', ratio.rps, ratio.p50, ratio.p99],
  ].map((row) => row.map(String));
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(`Proxy overhead, cached CS Omni list (${settings.bodyBytes} B), ${settings.duration} s x ${settings.connections} connections each`);
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runProxyBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
