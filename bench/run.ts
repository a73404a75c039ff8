/**
 * `npm run bench`: are the widgets smaller, faster and sturdier than what merchants embed today?
 * Prints a table, writes every figure to `bench/results/latest.json` and the tables into
 * `docs/benchmarks.md` ("Latest results", between its marker comments; bench/report.ts). A run
 * that skips a part prints its tables and writes nothing, so the page always shows one full run.
 * `npm run bench -- --report-only` writes the page again from latest.json, measuring nothing.
 *
 * - Size: gzip and brotli of `dist/storefront-widgets.js` against Lit alone in a one-element
 *   bundle built the same way (the floor) and against Shopify's Buy Button.
 * - Render: in headless Chromium, from inserting a widget whose data is already in the page cache
 *   to the items painted (`widget-load`, then a frame), the work up to the items laid out (the
 *   same clock stopped once their style and layout are done, without the wait for the frame), and
 *   the JS heap it adds after GC, for 12, 100, 1,000 and 10,000 items (10 to 10,000 cart lines),
 *   each against a plain-DOM baseline building the same markup by hand in the same page.
 * - Network: requests made by five widgets sharing one source, and by a reload within `cache-ttl`.
 * - Main thread while loading: Total Blocking Time of a page whose vendor answers after 1.5 s,
 *   with the CPU slowed 4x, against the same page without widgets (bench/blocking.ts).
 * - Proxy: `runProxyBench()` from the proxy package's `proxy/bench/proxy.bench.ts`, and
 *   `runRedisBench()` from `proxy/bench/redis.bench.ts` (a cached answer with Redis on and off).
 *
 * Every figure is a median of several runs; every ratio is taken within one run of this script.
 * Environment: BENCH_RUNS (render runs per figure, default 9), BENCH_DURATION (proxy seconds,
 * default 3), BENCH_ROUNDS (proxy rounds per server, default 3), BENCH_BLOCKING_RUNS (blocking-time
 * runs per page, default 15), BENCH_SKIP (comma-separated: size, render, network, blocking, proxy).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { mockApi } from '../test/support/mocks/mock-api.ts';
import { nodeToWebHandler } from '../test/support/mocks/node-adapter.ts';
import { chromiumArgs, chromiumHelp, findChromium } from '../scripts/chromium.ts';
import { blockingHtml, measureBlocking, VENDOR_DELAY_MS } from './blocking.ts';
import { networkHtml, PAGE_HTML, PAGE_SCRIPT } from './page.ts';
import {
  BENCHMARKS_PAGE,
  RESULTS_JSON,
  resultsMarkdown,
  writeResults,
  type Growth,
  type Kind,
  type Machine,
  type NetworkCounts,
  type NetworkResult,
  type RenderRow,
  type Results,
} from './report.ts';
import { measureSizes } from './size.ts';

/**
 * Render runs per figure (BENCH_RUNS, default 9): with 5, a 100-line cart's ratio moved by 0.2-0.3
 * from one run of the bench to the next on the same build.
 */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 9);
const NETWORK_RUNS = 3;
/**
 * Blocking-time runs per page (BENCH_BLOCKING_RUNS, default 15): the median of 9 moved by some
 * 30 ms from one run of the bench to the next, as most long tasks are only a little over 50 ms.
 */
const BLOCKING_RUNS = Math.max(1, Number(process.env.BENCH_BLOCKING_RUNS) || 15);
const SKIP = new Set(
  (process.env.BENCH_SKIP ?? '')
    .split(',')
    .map((each) => each.trim())
    .filter(Boolean),
);
const HOST = '127.0.0.1';
const started = performance.now();

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 2) =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value;
const log = (message: string) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`);

// ---------------------------------------------------------------- machine

function machine(chromiumVersion: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion,
    date: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------- a loopback server

interface BenchServer {
  origin: string;
  /** Paths of `/mock/…` requests since the last reset. */
  requests: string[];
  close(): Promise<void>;
}

async function startServer(): Promise<BenchServer> {
  const script = readFileSync('dist/storefront-widgets.iife.js');
  const requests: string[] = [];
  const mock = nodeToWebHandler(mockApi, '/mock');
  const pages: Record<string, [string, string | Buffer]> = {
    '/': ['text/html; charset=utf-8', PAGE_HTML],
    '/network.html': ['text/html; charset=utf-8', networkHtml(false)],
    '/network-session.html': ['text/html; charset=utf-8', networkHtml(true)],
    '/blocking-widgets.html': ['text/html; charset=utf-8', blockingHtml(true)],
    '/blocking-plain.html': ['text/html; charset=utf-8', blockingHtml(false)],
    '/bench-page.js': ['text/javascript; charset=utf-8', PAGE_SCRIPT],
    '/storefront-widgets.iife.js': ['text/javascript; charset=utf-8', script],
    // What the script loads from beside itself on a page with sessionCache on.
    '/session-store.js': ['text/javascript; charset=utf-8', readFileSync('dist/session-store.js')],
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/slow/')) {
      // The vendor of the blocking-time page: the mock, whose first answer to each widget (the
      // list, the first page of carts) comes after a delay; later pages and look-ups at once.
      req.url = `/mock/${(req.url ?? '').slice('/slow/'.length)}`;
      req.on('error', () => undefined);
      const first = /\/frequentlyPurchased$|\/shopping_carts$/.test(req.url.split('?')[0]) && !/cursor=/.test(req.url);
      setTimeout(() => void mock(req, res, () => res.writeHead(404).end()), first ? VENDOR_DELAY_MS : 0);
      return;
    }
    if (path.startsWith('/mock/')) {
      requests.push(path);
      void mock(req, res, () => res.writeHead(404).end());
      return;
    }
    const page = pages[path];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page[0], 'cache-control': 'no-store' });
    res.end(page[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return {
    origin: `http://${HOST}:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- render and heap

/**
 * A list of one item shows what a widget costs before its items: what it adds over the baseline
 * there, against what it adds at 10-12, says how much of that is per widget and how much per row.
 * The growth figures start at the second size.
 */
const RENDER_CASES: { widget: string; kind: Kind; sizes: number[] }[] = [
  {
    widget: '<buy-again-list> (CS Omni, names from cached look-ups)',
    kind: 'csomni',
    sizes: [1, 12, 100, 1000, 10000],
  },
  { widget: '<buy-again-list source="algonomy"> (names inline)', kind: 'algonomy', sizes: [1, 12, 100, 1000, 10000] },
  { widget: '<cart-summary> (giosg)', kind: 'giosg', sizes: [1, 10, 100, 1000, 10000] },
];

/** The JS heap, and the JS heap plus Blink's DOM (Oilpan, V8's embedder heap), after GC. */
async function heapUsed(cdp: CDPSession): Promise<{ js: number; withDom: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    embedderHeapUsedSize?: number;
    backingStorageSize?: number;
  };
  return {
    js: usage.usedSize,
    withDom: usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0),
  };
}

type BenchWindow = {
  benchRender(k: string, n: number, m: string): Promise<{ ms: number; workMs: number; shown: number }>;
  benchClear(): void;
};

async function measureOne(
  page: Page,
  cdp: CDPSession,
  kind: Kind,
  items: number,
  mode: 'widget' | 'baseline',
): Promise<{ ms: number; workMs: number; shown: number; heap: number; heapWithDom: number }> {
  await page.evaluate(() => (window as unknown as BenchWindow).benchClear());
  const before = await heapUsed(cdp);
  const { ms, workMs, shown } = await page.evaluate(
    ([k, n, m]) => (window as unknown as BenchWindow).benchRender(k, n, m),
    [kind, items, mode] as const,
  );
  const after = await heapUsed(cdp);
  return { ms, workMs, shown, heap: after.js - before.js, heapWithDom: after.withDom - before.withDom };
}

async function measureRender(browser: Browser, server: BenchServer): Promise<{ rows: RenderRow[]; growth: Growth[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => !!customElements.get('buy-again-list') && 'benchRender' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const rows: RenderRow[] = [];
  for (const { widget, kind, sizes } of RENDER_CASES) {
    for (const items of sizes) {
      // Prime the page cache (and CS Omni's name look-ups) with one render that is not counted.
      await page.evaluate(([k, n]) => (window as unknown as BenchWindow).benchRender(k, n, 'widget'), [
        kind,
        items,
      ] as const);
      await page.waitForFunction(
        () => !document.querySelector('#stage > *')?.shadowRoot?.querySelector('.shimmer'),
        undefined,
        { timeout: 120_000 },
      );
      await page.evaluate(() => (window as unknown as BenchWindow).benchRender('giosg', 1, 'baseline'));
      const sample = () => ({
        ms: [] as number[],
        workMs: [] as number[],
        heap: [] as number[],
        heapWithDom: [] as number[],
        shown: 0,
      });
      const samples = { widget: sample(), baseline: sample() };
      for (let run = 0; run < RUNS; run++) {
        // Alternate the order, so neither side always runs on a warmer page.
        for (const mode of run % 2 ? (['baseline', 'widget'] as const) : (['widget', 'baseline'] as const)) {
          const { ms, workMs, heap, heapWithDom, shown } = await measureOne(page, cdp, kind, items, mode);
          samples[mode].ms.push(ms);
          samples[mode].workMs.push(workMs);
          samples[mode].heap.push(heap);
          samples[mode].heapWithDom.push(heapWithDom);
          samples[mode].shown = shown;
        }
      }
      const ms = { widget: median(samples.widget.ms), baseline: median(samples.baseline.ms) };
      const work = { widget: median(samples.widget.workMs), baseline: median(samples.baseline.workMs) };
      const heap = { widget: median(samples.widget.heap) / 1024, baseline: median(samples.baseline.heap) / 1024 };
      const withDom = {
        widget: median(samples.widget.heapWithDom) / 1024,
        baseline: median(samples.baseline.heapWithDom) / 1024,
      };
      rows.push({
        widget,
        kind,
        items,
        painted: { widget: samples.widget.shown, baseline: samples.baseline.shown },
        ms: { widget: round(ms.widget, 1), baseline: round(ms.baseline, 1), ratio: round(ms.widget / ms.baseline) },
        workMs: {
          widget: round(work.widget, 1),
          baseline: round(work.baseline, 1),
          ratio: round(work.widget / work.baseline),
        },
        heapKiB: {
          widget: round(heap.widget, 0),
          baseline: round(heap.baseline, 0),
          ratio: round(heap.widget / heap.baseline),
        },
        heapWithDomKiB: {
          widget: round(withDom.widget, 0),
          baseline: round(withDom.baseline, 0),
          ratio: round(withDom.widget / withDom.baseline),
        },
      });
      log(
        `render ${kind} ${items}: widget ${round(ms.widget, 1)} ms, plain ${round(ms.baseline, 1)} ms; ` +
          `work ${round(work.widget, 1)} / ${round(work.baseline, 1)} ms`,
      );
    }
  }
  await page.evaluate(() => (window as unknown as BenchWindow).benchClear());
  await page.close();

  const growth = RENDER_CASES.map(({ widget, kind, sizes }) => {
    // Growth between 100 and 1,000 items (the largest size renders progressively); smallest: 10-12.
    const [small, middle, large] = sizes
      .slice(1, 4)
      .map((size) => rows.find((row) => row.kind === kind && row.items === size)!);
    const per100 = (a: number, b: number) => round(((b - a) / (large.items - middle.items)) * 100, 2);
    return {
      widget,
      msPer100: {
        widget: per100(middle.ms.widget, large.ms.widget),
        baseline: per100(middle.ms.baseline, large.ms.baseline),
      },
      largestOverSmallest: {
        widget: round(large.ms.widget / small.ms.widget, 1),
        baseline: round(large.ms.baseline / small.ms.baseline, 1),
      },
      heapKiBPer100: {
        widget: per100(middle.heapKiB.widget, large.heapKiB.widget),
        baseline: per100(middle.heapKiB.baseline, large.heapKiB.baseline),
      },
    };
  });
  return { rows, growth };
}

// ---------------------------------------------------------------- network

function count(requests: string[]): NetworkCounts {
  const products = requests.filter((path) => /^\/mock\/csomni\/products\//.test(path));
  return {
    list: requests.filter((path) => /^\/mock\/csomni\/frequentlyPurchased/.test(path)).length,
    productLookups: products.length,
    distinctProducts: new Set(products).size,
    cartLists: requests.filter((path) => /^\/mock\/giosg\/.*\/shopping_carts$/.test(path)).length,
    cartLines: requests.filter((path) => /^\/mock\/giosg\/.*\/products$/.test(path)).length,
  };
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const widgets = [...document.querySelectorAll<HTMLElement & { state: string }>('buy-again-list, cart-summary')];
      return (
        widgets.length === 10 &&
        widgets.every((el) => el.state !== 'loading' && !el.shadowRoot?.querySelector('.shimmer'))
      );
    },
    undefined,
    { timeout: 30_000 },
  );
  // Let any straggling look-up land before counting.
  await page.waitForTimeout(300);
}

const medianCounts = (all: NetworkCounts[]): NetworkCounts => {
  const keys = Object.keys(all[0]) as (keyof NetworkCounts)[];
  return Object.fromEntries(keys.map((key) => [key, median(all.map((each) => each[key]))])) as unknown as NetworkCounts;
};

/** Counts the requests of a first load and of a reload seconds later (well within the 300 s `cache-ttl`). */
async function loadAndReload(
  browser: Browser,
  server: BenchServer,
  path: string,
): Promise<[NetworkCounts, NetworkCounts]> {
  // A fresh context: no HTTP cache, no sessionStorage from an earlier run.
  const context = await browser.newContext();
  const page = await context.newPage();
  server.requests.length = 0;
  await page.goto(`${server.origin}${path}`);
  await settle(page);
  const first = count(server.requests);
  server.requests.length = 0;
  await page.reload();
  await settle(page);
  const reload = count(server.requests);
  await context.close();
  return [first, reload];
}

async function measureNetwork(browser: Browser, server: BenchServer): Promise<NetworkResult> {
  const first: NetworkCounts[] = [];
  const reload: NetworkCounts[] = [];
  const sessionReload: NetworkCounts[] = [];
  for (let run = 0; run < NETWORK_RUNS; run++) {
    const [a, b] = await loadAndReload(browser, server, '/network.html');
    first.push(a);
    reload.push(b);
    sessionReload.push((await loadAndReload(browser, server, '/network-session.html'))[1]);
  }
  return {
    firstLoad: medianCounts(first),
    reloadWithinTtl: medianCounts(reload),
    reloadWithSessionCache: medianCounts(sessionReload),
    runs: NETWORK_RUNS,
  };
}

// ---------------------------------------------------------------- proxy

async function measureProxy(): Promise<{ result: unknown } | { gap: string }> {
  if (!existsSync('proxy/bench/proxy.bench.ts')) return { gap: 'proxy/bench/proxy.bench.ts does not exist yet' };
  try {
    // A `string` specifier keeps tsc out of the proxy's bench (and autocannon, which has no types).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
    const module = (await import('../proxy/bench/proxy.bench.ts' as string)) as {
      runProxyBench?: (options?: { duration?: number }) => Promise<unknown>;
    };
    if (typeof module.runProxyBench !== 'function')
      return { gap: 'proxy/bench/proxy.bench.ts exports no runProxyBench()' };
    return { result: await module.runProxyBench({ duration: Number(process.env.BENCH_DURATION) || 3 }) };
  } catch (error) {
    return { gap: `runProxyBench() failed: ${(error as Error).message}` };
  }
}

/** Redis on against off, in the proxy's production configuration (proxy/bench/redis.bench.ts). */
async function measureProxyRedis(): Promise<{ result: unknown; markdown: string[] } | { gap: string }> {
  try {
    const module = await import('../proxy/bench/redis.bench.ts');
    const result = await module.runRedisBench({ duration: Number(process.env.BENCH_DURATION) || 3 });
    return { result, markdown: module.redisBenchMarkdown(result) };
  } catch (error) {
    return { gap: `runRedisBench() failed: ${(error as Error).message}` };
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (process.argv.includes('--report-only')) {
    const results = JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results;
    console.log(writeResults(results));
    console.log(`Wrote ${BENCHMARKS_PAGE} from ${RESULTS_JSON} (measured ${results.machine.date}).`);
    return;
  }
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumHelp);
  if (!existsSync('dist/storefront-widgets.js') || !existsSync('dist/storefront-widgets.iife.js')) {
    log('dist/ is missing: npm run build');
    const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...chromiumArgs, '--enable-precise-memory-info'],
  });
  const server = await startServer();
  const results: Results = {
    machine: machine(browser.version()),
    settings: { renderRuns: RUNS, networkRuns: NETWORK_RUNS },
  };
  try {
    if (!SKIP.has('size')) {
      log('size');
      results.size = await measureSizes();
    }
    if (!SKIP.has('render')) {
      log('render');
      results.render = await measureRender(browser, server);
    }
    if (!SKIP.has('network')) {
      log('network');
      results.network = await measureNetwork(browser, server);
    }
  } finally {
    await browser.close();
  }
  try {
    if (!SKIP.has('blocking')) {
      log('blocking time');
      // A browser of its own, as a shopper's first visit has: not the one that has just built
      // 10,000 cards, nor with the precise memory counters the render part reads.
      const fresh = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
      try {
        results.blocking = await measureBlocking(fresh, server.origin, BLOCKING_RUNS, median);
      } finally {
        await fresh.close();
      }
    }
  } finally {
    await server.close();
  }
  if (!SKIP.has('proxy')) {
    log('proxy');
    results.proxy = await measureProxy();
    log('proxy with Redis');
    results.proxyRedis = await measureProxyRedis();
  }
  results.settings.seconds = round((performance.now() - started) / 1000, 0);

  if (SKIP.size > 0) {
    console.log(resultsMarkdown(results));
    console.log(
      `Measured in ${results.settings.seconds} s. BENCH_SKIP is set: ` +
        `${BENCHMARKS_PAGE} and ${RESULTS_JSON} keep the last full run.`,
    );
    return;
  }
  console.log(writeResults(results));
  console.log(`Wrote ${RESULTS_JSON} and the tables into ${BENCHMARKS_PAGE} in ${results.settings.seconds} s.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
