/**
 * `npm run bench`: are the widgets smaller, faster and sturdier than what merchants embed today?
 * Prints a table and writes `bench/results/latest.json` and `bench/results/latest.md`.
 *
 * - Size: gzip and brotli of `dist/storefront-widgets.js` against Lit alone in a one-element
 *   bundle built the same way (the floor) and against Shopify's Buy Button.
 * - Render: in headless Chromium, from inserting a widget whose data is already in the page cache
 *   to the items painted (`widget-load`, then a frame), and the JS heap it adds after GC, for 12,
 *   100 and 1,000 items (10, 100, 1,000 cart lines), each against a plain-DOM baseline building
 *   the same markup by hand in the same page.
 * - Network: requests made by five widgets sharing one source, and by a reload within `cache-ttl`.
 * - Main thread while loading: Total Blocking Time of a page whose vendor answers after 1.5 s,
 *   with the CPU slowed 4x, against the same page without widgets (bench/blocking.ts).
 * - Proxy: `runProxyBench()` from the proxy package's `proxy/bench/proxy.bench.ts`, and
 *   `runRedisBench()` from `proxy/bench/redis.bench.ts` (a cached answer with Redis on and off).
 *
 * Every figure is a median of several runs; every ratio is taken within one run of this script.
 * Environment: BENCH_RUNS (render runs per figure, default 5), BENCH_DURATION (proxy seconds,
 * default 3), BENCH_SKIP (comma-separated: size, render, network, blocking, proxy).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { mockApi } from '../demo/mocks/mock-api.ts';
import { nodeToWebHandler } from '../demo/mocks/node-adapter.ts';
import { chromiumArgs, chromiumHelp, findChromium } from '../scripts/chromium.ts';
import { blockingHtml, measureBlocking, VENDOR_DELAY_MS, type BlockingResult } from './blocking.ts';
import { networkHtml, PAGE_HTML, PAGE_SCRIPT } from './page.ts';
import { measureSizes, type SizeFigures, type SizeResult } from './size.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 5);
const NETWORK_RUNS = 3;
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').map((each) => each.trim()).filter(Boolean));
const HOST = '127.0.0.1';
const started = performance.now();

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 2) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);
const log = (message: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`);

// ---------------------------------------------------------------- machine

interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
}

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

type Kind = 'csomni' | 'algonomy' | 'giosg';

interface RenderRow {
  widget: string;
  kind: Kind;
  items: number;
  /** Rows (cards, lines) painted by then: the widgets render long lists progressively. */
  painted: { widget: number; baseline: number };
  ms: { widget: number; baseline: number; ratio: number };
  /** The JS heap it adds. */
  heapKiB: { widget: number; baseline: number; ratio: number };
  /** The JS heap plus Blink's DOM heap (V8's embedder heap) it adds: what the tab really holds. */
  heapWithDomKiB: { widget: number; baseline: number; ratio: number };
}

interface Growth {
  widget: string;
  /** Extra ms per 100 more items between the middle and the largest size. */
  msPer100: { widget: number; baseline: number };
  /** Time at the largest size over time at the smallest. */
  largestOverSmallest: { widget: number; baseline: number };
  /** Extra heap per 100 more items, KiB. */
  heapKiBPer100: { widget: number; baseline: number };
}

const RENDER_CASES: { widget: string; kind: Kind; sizes: number[] }[] = [
  { widget: '<buy-again-list> (CS Omni, names from cached look-ups)', kind: 'csomni', sizes: [12, 100, 1000, 10000] },
  { widget: '<buy-again-list source="algonomy"> (names inline)', kind: 'algonomy', sizes: [12, 100, 1000, 10000] },
  { widget: '<cart-summary> (giosg)', kind: 'giosg', sizes: [10, 100, 1000, 10000] },
];

/** The JS heap, and the JS heap plus Blink's DOM (Oilpan, V8's embedder heap), after GC. */
async function heapUsed(cdp: CDPSession): Promise<{ js: number; withDom: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };
  return { js: usage.usedSize, withDom: usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0) };
}

type BenchWindow = { benchRender(k: string, n: number, m: string): Promise<{ ms: number; shown: number }>; benchClear(): void };

async function measureOne(page: Page, cdp: CDPSession, kind: Kind, items: number, mode: 'widget' | 'baseline'): Promise<{ ms: number; shown: number; heap: number; heapWithDom: number }> {
  await page.evaluate(() => (window as unknown as BenchWindow).benchClear());
  const before = await heapUsed(cdp);
  const { ms, shown } = await page.evaluate(([k, n, m]) => (window as unknown as BenchWindow).benchRender(k, n, m), [kind, items, mode] as const);
  const after = await heapUsed(cdp);
  return { ms, shown, heap: after.js - before.js, heapWithDom: after.withDom - before.withDom };
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
      await page.evaluate(([k, n]) => (window as unknown as BenchWindow).benchRender(k, n, 'widget'), [kind, items] as const);
      await page.waitForFunction(() => !document.querySelector('#stage > *')?.shadowRoot?.querySelector('.shimmer'), undefined, { timeout: 120_000 });
      await page.evaluate(() => (window as unknown as BenchWindow).benchRender('giosg', 1, 'baseline'));
      const sample = () => ({ ms: [] as number[], heap: [] as number[], heapWithDom: [] as number[], shown: 0 });
      const samples = { widget: sample(), baseline: sample() };
      for (let run = 0; run < RUNS; run++) {
        // Alternate the order, so neither side always runs on a warmer page.
        for (const mode of run % 2 ? (['baseline', 'widget'] as const) : (['widget', 'baseline'] as const)) {
          const { ms, heap, heapWithDom, shown } = await measureOne(page, cdp, kind, items, mode);
          samples[mode].ms.push(ms);
          samples[mode].heap.push(heap);
          samples[mode].heapWithDom.push(heapWithDom);
          samples[mode].shown = shown;
        }
      }
      const ms = { widget: median(samples.widget.ms), baseline: median(samples.baseline.ms) };
      const heap = { widget: median(samples.widget.heap) / 1024, baseline: median(samples.baseline.heap) / 1024 };
      const withDom = { widget: median(samples.widget.heapWithDom) / 1024, baseline: median(samples.baseline.heapWithDom) / 1024 };
      rows.push({
        widget,
        kind,
        items,
        painted: { widget: samples.widget.shown, baseline: samples.baseline.shown },
        ms: { widget: round(ms.widget, 1), baseline: round(ms.baseline, 1), ratio: round(ms.widget / ms.baseline) },
        heapKiB: { widget: round(heap.widget, 0), baseline: round(heap.baseline, 0), ratio: round(heap.widget / heap.baseline) },
        heapWithDomKiB: { widget: round(withDom.widget, 0), baseline: round(withDom.baseline, 0), ratio: round(withDom.widget / withDom.baseline) },
      });
      log(`render ${kind} ${items}: widget ${round(ms.widget, 1)} ms, plain ${round(ms.baseline, 1)} ms`);
    }
  }
  await page.evaluate(() => (window as unknown as BenchWindow).benchClear());
  await page.close();

  const growth = RENDER_CASES.map(({ widget, kind, sizes }) => {
    // Growth between 100 and 1,000 items (the largest size renders progressively).
    const [small, middle, large] = sizes.slice(0, 3).map((size) => rows.find((row) => row.kind === kind && row.items === size)!);
    const per100 = (a: number, b: number) => round(((b - a) / (large.items - middle.items)) * 100, 2);
    return {
      widget,
      msPer100: { widget: per100(middle.ms.widget, large.ms.widget), baseline: per100(middle.ms.baseline, large.ms.baseline) },
      largestOverSmallest: { widget: round(large.ms.widget / small.ms.widget, 1), baseline: round(large.ms.baseline / small.ms.baseline, 1) },
      heapKiBPer100: { widget: per100(middle.heapKiB.widget, large.heapKiB.widget), baseline: per100(middle.heapKiB.baseline, large.heapKiB.baseline) },
    };
  });
  return { rows, growth };
}

// ---------------------------------------------------------------- network

interface NetworkCounts {
  /** `GET /frequentlyPurchased` for five `<buy-again-list>` on one source. */
  list: number;
  /** CS Omni product look-ups (names), for the same five. */
  productLookups: number;
  /** Distinct products looked up. */
  distinctProducts: number;
  /** giosg cart-list pages for five `<cart-summary>` on one scope. */
  cartLists: number;
  /** giosg cart-line requests for the same five. */
  cartLines: number;
}

interface NetworkResult {
  firstLoad: NetworkCounts;
  reloadWithinTtl: NetworkCounts;
  /** The same reload with `configure({ sessionCache: true })` (opt-in). */
  reloadWithSessionCache: NetworkCounts;
  runs: number;
}

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
      return widgets.length === 10 && widgets.every((el) => el.state !== 'loading' && !el.shadowRoot?.querySelector('.shimmer'));
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
async function loadAndReload(browser: Browser, server: BenchServer, path: string): Promise<[NetworkCounts, NetworkCounts]> {
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
  return { firstLoad: medianCounts(first), reloadWithinTtl: medianCounts(reload), reloadWithSessionCache: medianCounts(sessionReload), runs: NETWORK_RUNS };
}

// ---------------------------------------------------------------- proxy

async function measureProxy(): Promise<{ result: unknown } | { gap: string }> {
  if (!existsSync('proxy/bench/proxy.bench.ts')) return { gap: 'proxy/bench/proxy.bench.ts does not exist yet' };
  try {
    // A `string` specifier keeps tsc out of the proxy's bench (and autocannon, which has no types).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
    const module = (await import('../proxy/bench/proxy.bench.ts' as string)) as { runProxyBench?: (options?: { duration?: number }) => Promise<unknown> };
    if (typeof module.runProxyBench !== 'function') return { gap: 'proxy/bench/proxy.bench.ts exports no runProxyBench()' };
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

// ---------------------------------------------------------------- report

interface Results {
  machine: Machine;
  settings: { renderRuns: number; networkRuns: number; seconds?: number };
  size?: SizeResult;
  render?: { rows: RenderRow[]; growth: Growth[] };
  network?: NetworkResult;
  blocking?: BlockingResult;
  proxy?: { result: unknown } | { gap: string };
  proxyRedis?: { result: unknown; markdown: string[] } | { gap: string };
}

/** `@nosto/web-components`, ten elements, gzip (the figure the size work is judged against). */
const NOSTO_GZIP = 16_100;

// kB as size-limit counts it (1000 bytes), so the bench and the budgets speak of one number.
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const times = (value: number) => `${value.toFixed(2)}×`;

function markdown(results: Results): string {
  const out: string[] = [];
  const { machine: m } = results;
  out.push(
    `Measured ${m.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ` +
      `Chromium ${m.chromium}. Medians of ${results.settings.renderRuns} runs ` +
      `(network: ${results.settings.networkRuns}); ratios are taken within one run.`,
  );
  if (results.size) {
    const s = results.size;
    const row = (name: string, f: SizeFigures, ratio?: SizeFigures | null) => {
      const against = ratio ? `${times(ratio.gzip)} / ${times(ratio.brotli)}` : '';
      return `| ${name} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} | ${against} |`;
    };
    out.push(
      '',
      '### Size',
      '',
      '| bundle | minified | gzip | brotli | storefront-widgets.js ÷ it (gzip / brotli) |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    out.push(row('`dist/storefront-widgets.js` (both widgets, Lit inlined)', s.ours));
    out.push(row('`dist/storefront-widgets.iife.js`', s.oursIife));
    out.push(row('Lit alone, one-element bundle (the floor)', s.litFloor, s.ratio.litFloor));
    if (s.buyButton) out.push(row('`@shopify/buy-button-js` `dist/buybutton.min.js`', s.buyButton, s.ratio.buyButton));
    out.push(
      '',
      'Per file (gzip level 9; the budgets in `.size-limit.json`), and how far each is from the 16.1 kB gzip in ' +
        'which `@nosto/web-components` ships ten elements:',
      '',
    );
    out.push(
      "| file | minified | gzip | brotli | budget (gzip) | gzip over Nosto's 16.1 kB |",
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const file of s.files) {
      const beyond = file.sizes.gzip - NOSTO_GZIP;
      const over = file.name.includes('/translations/')
        ? ''
        : `${beyond >= 0 ? '+' : ''}${kb(beyond)} (${times(file.sizes.gzip / NOSTO_GZIP)})`;
      const budget = file.budget ? `${file.budget.toLocaleString('en')} B` : '';
      const sizes = `${kb(file.sizes.raw)} | ${kb(file.sizes.gzip)} | ${kb(file.sizes.brotli)}`;
      out.push(`| \`${file.name}\` | ${sizes} | ${budget} | ${over} |`);
    }
  }
  if (results.render) {
    out.push(
      '',
      '### Render from the page cache',
      '',
      'Time from inserting the element to its first items painted (`widget-load`, then a frame), against a ' +
        'plain-DOM baseline building the same markup for every item by hand in the same page. The widgets render ' +
        'long lists progressively: "painted" says how many rows (cards, cart lines) were on the page by then; the ' +
        'rest render as the shopper scrolls. Heap: what the element adds after GC, the JS heap alone and with ' +
        "Blink's DOM heap (V8's embedder heap, `Runtime.getHeapUsage`), which is what the tab really holds.",
      '',
    );
    out.push(
      '| widget | items | painted (widget / plain) | widget ms | plain DOM ms | ratio | JS heap (widget / plain) | ' +
        'ratio | JS + DOM heap (widget / plain) | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const row of results.render.rows) {
      const { painted, ms, heapKiB, heapWithDomKiB } = row;
      out.push(
        `| ${row.widget} | ${row.items.toLocaleString('en')} | ` +
          `${painted.widget.toLocaleString('en')} / ${painted.baseline.toLocaleString('en')} | ` +
          `${ms.widget} | ${ms.baseline} | ${times(ms.ratio)} | ` +
          `${heapKiB.widget} / ${heapKiB.baseline} KiB | ${times(heapKiB.ratio)} | ` +
          `${heapWithDomKiB.widget} / ${heapWithDomKiB.baseline} KiB | ${times(heapWithDomKiB.ratio)} |`,
      );
    }
    out.push(
      '',
      '| widget | ms per 100 more items (widget / plain) | largest ÷ smallest time (widget / plain) | ' +
        'heap per 100 more items (widget / plain) |',
      '| --- | ---: | ---: | ---: |',
    );
    for (const growth of results.render.growth) {
      const { msPer100, largestOverSmallest, heapKiBPer100 } = growth;
      out.push(
        `| ${growth.widget} | ${msPer100.widget} / ${msPer100.baseline} | ` +
          `${largestOverSmallest.widget} / ${largestOverSmallest.baseline} | ` +
          `${heapKiBPer100.widget} / ${heapKiBPer100.baseline} KiB |`,
      );
    }
  }
  if (results.network) {
    const { firstLoad: a, reloadWithinTtl: b, reloadWithSessionCache: c } = results.network;
    out.push(
      '',
      '### Network',
      '',
      'Requests reaching the (mock) vendor from one page with five `<buy-again-list>` on one CS Omni source and ' +
        'five `<cart-summary>` on one giosg scope.',
      '',
    );
    out.push(
      '| requests | first load | reload within `cache-ttl` (default, memory cache) | ' +
        'the same reload with `configure({ sessionCache: true })` | ideal first load |',
      '| --- | ---: | ---: | ---: | --- |',
    );
    out.push(`| CS Omni \`/frequentlyPurchased\` (5 carousels) | ${a.list} | ${b.list} | ${c.list} | 1 |`);
    out.push(
      `| CS Omni product look-ups (${a.distinctProducts} distinct products) | ` +
        `${a.productLookups} | ${b.productLookups} | ${c.productLookups} | one per product: ${a.distinctProducts} |`,
    );
    out.push(
      '| giosg cart list, all pages (5 carts; the mock pages 2 at a time) | ' +
        `${a.cartLists} | ${b.cartLists} | ${c.cartLists} | one per page: 3 |`,
    );
    out.push(
      `| giosg lines of the shown cart, all pages (5 lines) | ${a.cartLines} | ${b.cartLines} | ${c.cartLines} | ` +
        'one per page: 3 |',
    );
    out.push(
      '',
      'By default the page cache is in memory only: a reload starts empty and asks the vendor again. The opt-in ' +
        'session cache (`configure({ sessionCache: true })`) keeps results in `sessionStorage` for the tab.',
    );
  }
  if (results.blocking) {
    const { widgets: w, widgetsReducedMotion: r, noWidgets: n, addedMs, settings: b } = results.blocking;
    out.push(
      '',
      '### Main thread while loading',
      '',
      `Total Blocking Time (each long task's time over 50 ms, summed) from navigation to ${b.windowMs / 1000} s, ` +
        `Chromium with the CPU slowed ${b.cpuSlowdown}×, the vendor sending its first answer to each widget after ` +
        `${b.vendorDelayMs / 1000} s (skeletons shimmer meanwhile); median of ${b.runs} runs. ` +
        'Budget: the widgets add at most 50 ms.',
      '',
    );
    out.push('| page | Total Blocking Time | long tasks |', '| --- | ---: | ---: |');
    out.push(`| without widgets | ${n.tbtMs} ms | ${n.longTasks} |`);
    out.push(`| with \`<buy-again-list>\` and \`<cart-summary>\` (script tag) | ${w.tbtMs} ms | ${w.longTasks} |`);
    out.push(`| the same, \`prefers-reduced-motion: reduce\` (no shimmer) | ${r.tbtMs} ms | ${r.longTasks} |`);
    out.push(`| added by the widgets | ${addedMs} ms${addedMs > 50 ? ' (over the 50 ms budget)' : ''} | |`);
  }
  if (results.proxy) {
    out.push('', '### Proxy');
    if ('gap' in results.proxy) out.push('', `Not measured: ${results.proxy.gap}.`);
    else {
      type Figures = { rps: number; p50: number; p99: number; cpuUs: number };
      const p = results.proxy.result as { proxy: Figures; baseline: Figures; ratio: Figures; settings: { duration: number; connections: number; rounds: number; bodyBytes: number; configuration: string } };
      out.push(
        '',
        `Cached CS Omni list (${p.settings.bodyBytes} B) through the proxy in its production configuration ` +
          `(${p.settings.configuration}) against a plain Node \`http\` server sending the same bytes, measured in ` +
          `the same run: ${p.settings.rounds} rounds each, taken in turn, of ${p.settings.duration} s × ` +
          `${p.settings.connections} connections (autocannon), medians.`,
        '',
      );
      out.push('| server | req/s | p50 ms | p99 ms | CPU µs per request |', '| --- | ---: | ---: | ---: | ---: |');
      out.push(`| proxy (cached) | ${p.proxy.rps} | ${p.proxy.p50} | ${p.proxy.p99} | ${p.proxy.cpuUs} |`);
      out.push(`| plain Node http | ${p.baseline.rps} | ${p.baseline.p50} | ${p.baseline.p99} | ${p.baseline.cpuUs} |`);
      const { ratio } = p;
      out.push(`| proxy ÷ plain | ${times(ratio.rps)} | ${times(ratio.p50)} | ${times(ratio.p99)} | ${times(ratio.cpuUs)} |`);
    }
  }
  if (results.proxyRedis) {
    out.push('', '### Proxy with shared state in Redis', '');
    out.push(...('gap' in results.proxyRedis ? [`Not measured: ${results.proxyRedis.gap}.`] : results.proxyRedis.markdown));
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumHelp);
  if (!existsSync('dist/storefront-widgets.js') || !existsSync('dist/storefront-widgets.iife.js')) {
    log('dist/ is missing: npm run build');
    const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  const browser = await chromium.launch({ executablePath, headless: true, args: [...chromiumArgs, '--enable-precise-memory-info'] });
  const server = await startServer();
  const results: Results = { machine: machine(browser.version()), settings: { renderRuns: RUNS, networkRuns: NETWORK_RUNS } };
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
    if (!SKIP.has('blocking')) {
      log('blocking time');
      results.blocking = await measureBlocking(browser, server.origin, RUNS, median);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (!SKIP.has('proxy')) {
    log('proxy');
    results.proxy = await measureProxy();
    log('proxy with Redis');
    results.proxyRedis = await measureProxyRedis();
  }
  results.settings.seconds = round((performance.now() - started) / 1000, 0);

  const table = markdown(results);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync('bench/results/latest.md', table);
  console.log(table);
  console.log(`Wrote bench/results/latest.json and bench/results/latest.md in ${results.settings.seconds} s.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
