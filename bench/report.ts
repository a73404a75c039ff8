/**
 * The bench's report: its results as Markdown, and where they are kept. `docs/benchmarks.md`
 * holds the tables of the last full run between two marker comments, which `writeResults()`
 * replaces (the rest of the page, the method, is written by hand); `bench/results/latest.json`
 * holds every figure with the machine. Nothing here measures: `bench/run.ts` does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BlockingResult } from './blocking.ts';
import type { SizeFigures, SizeResult } from './size.ts';

export const BENCHMARKS_PAGE = 'docs/benchmarks.md';
export const RESULTS_JSON = 'bench/results/latest.json';
export const RESULTS_START = '<!-- bench:results:start (written by npm run bench; do not edit by hand) -->';
export const RESULTS_END = '<!-- bench:results:end -->';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
}

export type Kind = 'csomni' | 'algonomy' | 'giosg';

export interface RenderRow {
  widget: string;
  kind: Kind;
  items: number;
  /** Rows (cards, lines) painted by then: the widgets render long lists progressively. */
  painted: { widget: number; baseline: number };
  ms: { widget: number; baseline: number; ratio: number };
  /**
   * The main thread's own work, whenever the next frame comes: from insertion until the items are
   * in the DOM and their style and layout are done (forced then, as the frame would do it). Not
   * in results recorded before it was measured.
   */
  workMs?: { widget: number; baseline: number; ratio: number };
  /** The JS heap it adds. */
  heapKiB: { widget: number; baseline: number; ratio: number };
  /** The JS heap plus Blink's DOM heap (V8's embedder heap) it adds: what the tab really holds. */
  heapWithDomKiB: { widget: number; baseline: number; ratio: number };
}

export interface Growth {
  widget: string;
  /** Extra ms per 100 more items between the middle and the largest size. */
  msPer100: { widget: number; baseline: number };
  /** Time at the largest size over time at the smallest. */
  largestOverSmallest: { widget: number; baseline: number };
  /** Extra heap per 100 more items, KiB. */
  heapKiBPer100: { widget: number; baseline: number };
}

export interface NetworkCounts {
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

export interface NetworkResult {
  firstLoad: NetworkCounts;
  reloadWithinTtl: NetworkCounts;
  /** The same reload with `configure({ sessionCache: true })` (opt-in). */
  reloadWithSessionCache: NetworkCounts;
  runs: number;
}

export interface Results {
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

/** The results as the Markdown of `docs/benchmarks.md`'s "Latest results" (headings from `###`). */
export function resultsMarkdown(results: Results): string {
  const out: string[] = [];
  const { machine: m } = results;
  out.push(
    `Measured ${m.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ` +
      `Chromium ${m.chromium}. Medians of ${results.settings.renderRuns} runs (network: ` +
      `${results.settings.networkRuns}); ratios are taken within one run.`,
  );
  if (results.size) {
    const s = results.size;
    const row = (name: string, f: SizeFigures, ratio?: SizeFigures | null) =>
      `| ${name} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} | ` +
      `${ratio ? `${times(ratio.gzip)} / ${times(ratio.brotli)}` : ''} |`;
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
      const over = file.name.includes('/translations/')
        ? ''
        : `${file.sizes.gzip - NOSTO_GZIP >= 0 ? '+' : ''}${kb(file.sizes.gzip - NOSTO_GZIP)} ` +
          `(${times(file.sizes.gzip / NOSTO_GZIP)})`;
      out.push(
        `| \`${file.name}\` | ${kb(file.sizes.raw)} | ${kb(file.sizes.gzip)} | ${kb(file.sizes.brotli)} | ` +
          `${file.budget ? `${file.budget.toLocaleString('en')} B` : ''} | ${over} |`,
      );
    }
  }
  if (results.render) {
    out.push(
      '',
      '### Render from the page cache',
      '',
      'Time from inserting the element to its first items painted (`widget-load`, then a frame), against a plain-DOM ' +
        'baseline building the same markup for every item by hand in the same page. The widgets render long lists ' +
        'progressively: "painted" says how many rows (cards, cart lines) were on the page by then; the rest render ' +
        'as the shopper scrolls. Work: the same insertion up to the items laid out (their style and layout forced ' +
        "at once), without the wait for the frame, which lands anywhere in a frame's period and so moves the " +
        "painted figure of a small list by more than either side's work. Heap: what the element adds after GC, the " +
        "JS heap alone and with Blink's DOM heap (V8's embedder heap, `Runtime.getHeapUsage`), which is what the " +
        'tab really holds.',
      '',
    );
    const withWork = results.render.rows.some((row) => row.workMs);
    out.push(
      '| widget | items | painted (widget / plain) | widget ms | plain DOM ms | ratio | ' +
        `${withWork ? 'work ms (widget / plain) | ratio | ' : ''}JS heap (widget / plain) | ` +
        'ratio | JS + DOM heap (widget / plain) | ratio |',
      `| --- | ---: | ---: | ---: | ---: | ---: | ${withWork ? '---: | ---: | ' : ''}---: | ---: | ---: | ---: |`,
    );
    for (const row of results.render.rows) {
      const work = row.workMs;
      out.push(
        `| ${row.widget} | ${row.items.toLocaleString('en')} | ${row.painted.widget.toLocaleString('en')} / ` +
          `${row.painted.baseline.toLocaleString('en')} | ${row.ms.widget} | ${row.ms.baseline} | ` +
          `${times(row.ms.ratio)} | ` +
          `${withWork ? (work ? `${work.widget} / ${work.baseline} | ${times(work.ratio)} | ` : '| | ') : ''}` +
          `${row.heapKiB.widget} / ${row.heapKiB.baseline} KiB | ` +
          `${times(row.heapKiB.ratio)} | ${row.heapWithDomKiB.widget} / ${row.heapWithDomKiB.baseline} KiB | ` +
          `${times(row.heapWithDomKiB.ratio)} |`,
      );
    }
    out.push(
      '',
      '| widget | ms per 100 more items (widget / plain) | largest ÷ smallest time (widget / plain) | heap per 100 ' +
        'more items (widget / plain) |',
      '| --- | ---: | ---: | ---: |',
    );
    for (const growth of results.render.growth) {
      out.push(
        `| ${growth.widget} | ${growth.msPer100.widget} / ${growth.msPer100.baseline} | ` +
          `${growth.largestOverSmallest.widget} / ${growth.largestOverSmallest.baseline} | ` +
          `${growth.heapKiBPer100.widget} / ${growth.heapKiBPer100.baseline} KiB |`,
      );
    }
  }
  if (results.network) {
    const { firstLoad: a, reloadWithinTtl: b, reloadWithSessionCache: c } = results.network;
    out.push(
      '',
      '### Network',
      '',
      'Requests reaching the (mock) vendor from one page with five `<buy-again-list>` on one CS Omni source and five ' +
        '`<cart-summary>` on one giosg scope.',
      '',
    );
    out.push(
      '| requests | first load | reload within `cache-ttl` (default, memory cache) | the same reload with ' +
        '`configure({ sessionCache: true })` | ideal first load |',
      '| --- | ---: | ---: | ---: | --- |',
    );
    out.push(`| CS Omni \`/frequentlyPurchased\` (5 carousels) | ${a.list} | ${b.list} | ${c.list} | 1 |`);
    out.push(
      `| CS Omni product look-ups (${a.distinctProducts} distinct products) | ${a.productLookups} | ` +
        `${b.productLookups} | ${c.productLookups} | one per product: ${a.distinctProducts} |`,
    );
    out.push(
      `| giosg cart list, all pages (5 carts; the mock pages 2 at a time) | ${a.cartLists} | ${b.cartLists} | ` +
        `${c.cartLists} | one per page: 3 |`,
    );
    out.push(
      `| giosg lines of the shown cart, all pages (5 lines) | ${a.cartLines} | ${b.cartLines} | ${c.cartLines} | one ` +
        `per page: 3 |`,
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
        `${b.vendorDelayMs / 1000} s (skeletons shimmer meanwhile); median of ${b.runs} runs. Budget: the widgets ` +
        `add at most 50 ms.`,
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
      const p = results.proxy.result as {
        proxy: Figures;
        baseline: Figures;
        ratio: Figures;
        settings: { duration: number; connections: number; rounds: number; bodyBytes: number; configuration: string };
      };
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
      out.push(
        `| proxy ÷ plain | ${times(p.ratio.rps)} | ${times(p.ratio.p50)} | ${times(p.ratio.p99)} | ` +
          `${times(p.ratio.cpuUs)} |`,
      );
    }
  }
  if (results.proxyRedis) {
    out.push('', '### Proxy with shared state in Redis', '');
    out.push(
      ...('gap' in results.proxyRedis ? [`Not measured: ${results.proxyRedis.gap}.`] : results.proxyRedis.markdown),
    );
  }
  return `${out.join('\n')}\n`;
}

/** `page` with the text between its result markers replaced by `results` (Markdown). */
export function withResults(page: string, results: string): string {
  const start = page.indexOf(RESULTS_START);
  const end = page.indexOf(RESULTS_END);
  if (
    start < 0 ||
    end < start ||
    page.indexOf(RESULTS_START, start + 1) >= 0 ||
    page.indexOf(RESULTS_END, end + 1) >= 0
  ) {
    throw new Error(`${BENCHMARKS_PAGE} needs exactly one "${RESULTS_START}" followed by one "${RESULTS_END}"`);
  }
  return `${page.slice(0, start + RESULTS_START.length)}\n\n${results.trim()}\n\n${page.slice(end)}`;
}

/** The Markdown between the page's result markers, as `resultsMarkdown()` wrote it. */
export function resultsIn(page: string): string {
  const start = page.indexOf(RESULTS_START);
  const end = page.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${BENCHMARKS_PAGE} has no result markers`);
  return `${page.slice(start + RESULTS_START.length, end).trim()}\n`;
}

/** Writes every figure to `bench/results/latest.json` and the tables into `docs/benchmarks.md`. */
export function writeResults(results: Results, paths = { json: RESULTS_JSON, page: BENCHMARKS_PAGE }): string {
  const markdown = resultsMarkdown(results);
  mkdirSync(dirname(paths.json), { recursive: true });
  writeFileSync(paths.json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(paths.page, withResults(readFileSync(paths.page, 'utf8'), markdown));
  return markdown;
}
