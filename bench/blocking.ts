/**
 * What loading widgets cost the page's main thread: Total Blocking Time (the sum of every long
 * task's time over 50 ms, as Lighthouse counts it) in Chromium with the CPU slowed 4x (a mid-range
 * phone), for a page whose vendor answers after 1.5 s, against the same page without widgets.
 * The window is fixed (navigation to 6 s: the skeletons shimmer for 1.5 s, then the data and
 * the names arrive), so both pages are measured over the same time.
 */
import type { Browser } from 'playwright';

/** How long the vendor takes to answer each request (ms). */
export const VENDOR_DELAY_MS = 1500;
const WINDOW_MS = 6000;
const CPU_SLOWDOWN = 4;

/** The page: a shop's text, and (with `widgets`) the script-tag build with both widgets on a slow vendor. */
export function blockingHtml(widgets: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Total Blocking Time</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }</style>
${widgets ? '<script src="/storefront-widgets.iife.js"></script>' : ''}
</head>
<body>
<h1>A shop</h1>
<p>${'Products, offers and news of the shop. '.repeat(20)}</p>
${
  widgets
    ? `<buy-again-list api-base="/slow/csomni" site-token="site_demo" customer-token="cs_demo"></buy-again-list>
<cart-summary api-base="/slow/giosg" api-token="demo-giosg-token" user-id="u1" chat-id="c1" visitor-id="v1"
  currency="EUR"></cart-summary>`
    : ''
}
<p>${'More of the shop. '.repeat(20)}</p>
</body>
</html>`;
}

/** Long tasks are recorded from the first byte of the page on. */
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
  })
    .observe({ type: 'longtask', buffered: true });
`;

export interface BlockingFigures {
  /** Total Blocking Time, ms (median of the runs). */
  tbtMs: number;
  /** Long tasks (over 50 ms) in the window (median). */
  longTasks: number;
}

export interface BlockingResult {
  widgets: BlockingFigures;
  /** The same with `prefers-reduced-motion: reduce` (no shimmer): what the animation itself costs. */
  widgetsReducedMotion: BlockingFigures;
  noWidgets: BlockingFigures;
  /** What the widgets add: widgets' TBT minus the page's own (ms). */
  addedMs: number;
  settings: { cpuSlowdown: number; vendorDelayMs: number; windowMs: number; runs: number };
}

async function measureOnce(
  browser: Browser,
  origin: string,
  path: string,
  reducedMotion = false,
): Promise<{ tbt: number; count: number }> {
  const context = await browser.newContext({ reducedMotion: reducedMotion ? 'reduce' : 'no-preference' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(OBSERVE_LONG_TASKS);
  // The window is timed from here, without touching the page: waiting in the page (Playwright's
  // waitForFunction, any evaluate) injects its helper script, a long task of its own at 4x.
  const start = performance.now();
  await page.goto(`${origin}${path}`);
  await page.waitForTimeout(Math.max(0, start + WINDOW_MS + 500 - performance.now()));
  const tasks = await page.evaluate(
    (end) => (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([start]) => start < end),
    WINDOW_MS,
  );
  const states = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement & { state: string }>('buy-again-list, cart-summary')].map(
      (el) => el.state,
    ),
  );
  if (states.some((state) => state !== 'ready'))
    throw new Error(`${path}: widgets not ready within ${WINDOW_MS} ms: ${states.join(', ')}`);
  await context.close();
  return { tbt: tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0), count: tasks.length };
}

export async function measureBlocking(
  browser: Browser,
  origin: string,
  runs: number,
  median: (values: number[]) => number,
): Promise<BlockingResult> {
  const samples = {
    widgets: [] as { tbt: number; count: number }[],
    reduced: [] as { tbt: number; count: number }[],
    noWidgets: [] as { tbt: number; count: number }[],
  };
  // Interleaved, so a busy moment of the machine falls on both pages alike.
  for (let run = 0; run < runs; run++) {
    samples.noWidgets.push(await measureOnce(browser, origin, '/blocking-plain.html'));
    samples.widgets.push(await measureOnce(browser, origin, '/blocking-widgets.html'));
    samples.reduced.push(await measureOnce(browser, origin, '/blocking-widgets.html', true));
  }
  const figures = (all: { tbt: number; count: number }[]): BlockingFigures => ({
    tbtMs: Math.round(median(all.map((each) => each.tbt))),
    longTasks: median(all.map((each) => each.count)),
  });
  const widgets = figures(samples.widgets);
  const noWidgets = figures(samples.noWidgets);
  return {
    widgets,
    widgetsReducedMotion: figures(samples.reduced),
    noWidgets,
    addedMs: widgets.tbtMs - noWidgets.tbtMs,
    settings: { cpuSlowdown: CPU_SLOWDOWN, vendorDelayMs: VENDOR_DELAY_MS, windowMs: WINDOW_MS, runs },
  };
}
