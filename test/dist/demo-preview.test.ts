import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordPageProblems } from './chromium-page.ts';

/**
 * The static preview from `npm run build:demo` (demo-dist/), as any static host serves it: a
 * plain file server under a sub-path, with no mock API, no proxy and no dev server behind it. The
 * page must bring both widgets to life on its own (Mock Service Worker answers in the page).
 */
const ROOT = 'demo-dist';
const BASE = '/preview/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

let server: Server;
let origin: string;
let browser: Browser;
/** Every path the static server was asked for, and whether it had the file. */
const asked: { path: string; found: boolean }[] = [];

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'index.html')), `${ROOT}/index.html is missing: run \`npm run build:demo\``).toBe(true);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.startsWith(BASE) ? normalize(join(ROOT, path.slice(BASE.length) || 'index.html')) : '';
    const inside = file.startsWith(`${ROOT}/`) || file === ROOT;
    void (inside ? readFile(file) : Promise.reject(new Error('outside'))).then(
      (body) => {
        asked.push({ path, found: true });
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        asked.push({ path, found: false });
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('the static demo preview (npm run build:demo)', () => {
  it('shows both widgets ready from a plain static server, the mock vendors answering in the page', async () => {
    const page = await browser.newPage();
    const problems = recordPageProblems(page);
    try {
      await page.goto(`${origin}${BASE}`);
      // Both widgets registered (the demo's import of src/define.ts survived the build) and loaded.
      await page.waitForFunction(
        () =>
          document.querySelector('buy-again-list')?.getAttribute('state') === 'ready' &&
          document.querySelector('cart-summary')?.getAttribute('state') === 'ready',
        undefined,
        { timeout: 20_000 },
      );
      const shown = await page.evaluate(() => ({
        cards: document.querySelector('buy-again-list')!.shadowRoot!.querySelectorAll('[part~="item"]').length,
        lines: document.querySelector('cart-summary')!.shadowRoot!.querySelectorAll('[part~="line"]').length,
        // The demo starts as production runs: through the proxy (here in the page), with a session.
        asked: performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
      }));
      expect(shown.asked.some((path) => path.startsWith('/proxy/csomni/'))).toBe(true);
      expect(shown.asked.some((path) => path.startsWith('/proxy/giosg/'))).toBe(true);
      expect(shown.cards).toBeGreaterThan(3);
      expect(shown.lines).toBeGreaterThan(0);
      // Nothing but the site's own files reached the server: the APIs were answered in the page.
      expect(asked.filter(({ found }) => !found).map(({ path }) => path)).toEqual([]);
      expect(asked.some(({ path }) => /\/(mock|proxy)\/|demo-session/.test(path))).toBe(false);
      // The mock's discontinued product answers its name look-up with 404, which Chromium logs
      // whenever the look-up lands before the page closes (as csp.test.ts and react.test.ts allow).
      expect(problems.errors.filter((error) => !error.includes('/csomni/products/prod_discontinued/full'))).toEqual([]);
    } finally {
      await page.close();
    }
  }, 40_000);
});
