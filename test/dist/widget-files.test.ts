import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordPageProblems } from './chromium-page.ts';
import { CART, LIST, VIOLATION_LISTENER, violations } from './shop-page.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * The one-widget files (`dist/buy-again-list.js`/`.iife.js`, `dist/cart-summary.js`/`.iife.js`)
 * as merchants host them: in a folder of their own shop under the strict CSP of csp.test.ts, or
 * from a CDN path on another origin (CORS as the npm CDNs send it). Each registers its own tag
 * only; mixed with each other or with the all-in-one file they share one configure() and one
 * page cache; a language other than English comes from `translations/` beside the script, only
 * on a page that needs it.
 */
const CDN_PATH = '/npm/storefront-widgets@0.1.0/dist';
const SHOP_FOLDER = '/static/vendor/storefront';
let shop: TestServer;
let cdn: TestServer;
let browser: Browser;
const pages: Record<string, string> = { '/listener.js': VIOLATION_LISTENER };

/** Every built file under `prefix`, as a folder of the server. */
function distFiles(prefix: string): Record<string, string> {
  const dist = resolve('dist');
  const files: Record<string, string> = {};
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js')))
    files[`${prefix}/${file}`] = `${dist}/${file}`;
  for (const file of readdirSync(`${dist}/translations`))
    files[`${prefix}/translations/${file}`] = `${dist}/translations/${file}`;
  return files;
}

const page = (lang: string, scripts: string, body: string) => `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <title>Shop</title>
    <link rel="icon" href="data:,">
    <script src="/listener.js"></script>
    ${scripts}
  </head>
  <body>${body}</body>
</html>`;

beforeAll(async () => {
  expect(
    existsSync('dist/buy-again-list.iife.js') && existsSync('dist/translations/de.js'),
    'dist/ is missing: run `npm run build`',
  ).toBe(true);
  cdn = await startTestServer({ files: distFiles(CDN_PATH), headers: { 'access-control-allow-origin': '*' } });
  shop = await startTestServer({
    pages,
    files: distFiles(SHOP_FOLDER),
    // As csp.test.ts, with the CDN's origin allowed for scripts (as a shop that uses one must).
    headers: {
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'self' ${cdn.origin}`,
        "style-src 'self'",
        "img-src 'self' data:",
      ].join('; '),
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await shop?.close();
  await cdn?.close();
});

/** Opens `path` on the shop; records requests for language files and problems. */
async function open(
  path: string,
  html: string,
): Promise<{ tab: Page; languages: string[]; problems: ReturnType<typeof recordPageProblems> }> {
  pages[path] = html;
  const tab = await browser.newPage();
  tab.setDefaultTimeout(10_000);
  const problems = recordPageProblems(tab);
  const languages: string[] = [];
  tab.on('request', (request) => {
    const match = request.url().match(/\/translations\/(\w+)\.js$/);
    if (match) languages.push(`${new URL(request.url()).origin === cdn.origin ? 'cdn' : 'shop'}:${match[1]}`);
  });
  await tab.goto(`${shop.origin}${path}`);
  return { tab, languages, problems };
}

const ready = async (tab: Page, tag: string) =>
  expect.poll(() => tab.locator(tag).getAttribute('state'), { timeout: 10_000 }).toBe('ready');
const noViolations = async (tab: Page) => expect(await violations(tab)).toEqual([]);
/** Errors but the mock's one discontinued product, a 404 any page logs. */
const errors = (problems: { errors: string[] }) =>
  problems.errors.filter((error) => !error.includes('prod_discontinued'));

describe('one file per widget', () => {
  it.each([
    ['buy-again-list', 'classic', `<script src="${SHOP_FOLDER}/buy-again-list.iife.js"></script>`],
    ['buy-again-list', 'module', `<script type="module" src="${SHOP_FOLDER}/buy-again-list.js"></script>`],
    ['cart-summary', 'classic', `<script src="${SHOP_FOLDER}/cart-summary.iife.js"></script>`],
    ['cart-summary', 'module', `<script type="module" src="${SHOP_FOLDER}/cart-summary.js"></script>`],
  ])(
    '%s (%s script) registers its tag only and renders in English with no language file',
    { timeout: 30_000 },
    async (tag, kind, script) => {
      const { tab, languages, problems } = await open(`/${tag}-${kind}-en.html`, page('en', script, LIST + CART));
      await ready(tab, tag);
      const other = tag === 'buy-again-list' ? 'cart-summary' : 'buy-again-list';
      expect(await tab.evaluate((name) => customElements.get(name) === undefined, other)).toBe(true);
      expect(await tab.locator(tag).locator('[part~="heading"], [part~="header"] h2').first().textContent()).toMatch(
        tag === 'buy-again-list' ? /Buy it again/ : /Your cart/,
      );
      expect(
        await tab.evaluate(
          () =>
            typeof (window as unknown as { StorefrontWidgets?: { configure?: unknown } }).StorefrontWidgets?.configure,
        ),
      ).toBe(kind === 'classic' ? 'function' : 'undefined');
      expect(languages).toEqual([]);
      await noViolations(tab);
      expect(errors(problems)).toEqual([]);
      await tab.close();
    },
  );

  it.each([
    [
      'buy-again-list',
      'classic',
      `<script src="${SHOP_FOLDER}/buy-again-list.iife.js"></script>`,
      'de',
      /Erneut kaufen/,
      /In den Warenkorb/,
    ],
    [
      'buy-again-list',
      'module',
      `<script type="module" src="${SHOP_FOLDER}/buy-again-list.js"></script>`,
      'sv',
      /Köp igen/,
      /Lägg i varukorgen/,
    ],
    [
      'cart-summary',
      'classic',
      `<script src="${SHOP_FOLDER}/cart-summary.iife.js"></script>`,
      'fr',
      /Votre panier/,
      /Total/,
    ],
    [
      'cart-summary',
      'module',
      `<script type="module" src="${SHOP_FOLDER}/cart-summary.js"></script>`,
      'nl',
      /Je winkelwagen/,
      /Totaal/,
    ],
  ])(
    '%s (%s script) from a folder of the shop loads its language from beside itself under the strict CSP, ' +
      'and shows no English first',
    { timeout: 30_000 },
    async (tag, kind, script, lang, heading, text) => {
      // Records every text the widget shows from its first render on: English must never be one.
      const watch = `<script src="/watch.js"></script>`;
      pages['/watch.js'] = `window.seen = new Set();
      const look = () => {
        const el = document.querySelector('${tag}');
        const text = el && el.shadowRoot && el.shadowRoot.textContent;
        if (text) seen.add(text.replace(/\\s+/g, ' '));
        if (!el || el.getAttribute('state') !== 'ready') requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
      new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });`;
      const { tab, languages, problems } = await open(
        `/${tag}-${kind}-${lang}.html`,
        page(lang, watch + script, tag === 'buy-again-list' ? LIST : CART),
      );
      await ready(tab, tag);
      const shadowText = () => tab.locator(tag).evaluate((el) => el.shadowRoot!.textContent.replace(/\s+/g, ' '));
      expect(await shadowText()).toMatch(heading);
      expect(await shadowText()).toMatch(text);
      expect(languages).toEqual([`shop:${lang}`]);
      const seen = await tab.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen]);
      expect(seen.length, 'the watch saw the widget render').toBeGreaterThan(0);
      expect(seen.some((shown) => heading.test(shown))).toBe(true);
      expect(seen.filter((shown) => /Buy it again|Your cart|Loading|Add to cart/.test(shown))).toEqual([]);
      await noViolations(tab);
      expect(errors(problems)).toEqual([]);
      await tab.close();
    },
  );

  it.each([
    ['classic', (file: string) => `<script src="${file}.iife.js"></script>`],
    ['module', (file: string) => `<script type="module" src="${file}.js"></script>`],
  ])(
    'from a CDN path (%s scripts), each widget loads its language from the CDN beside it',
    { timeout: 30_000 },
    async (kind, script) => {
      const base = `${cdn.origin}${CDN_PATH}`;
      const { tab, languages, problems } = await open(
        `/cdn-${kind}.html`,
        page('fi', script(`${base}/buy-again-list`) + script(`${base}/cart-summary`), LIST + CART),
      );
      await ready(tab, 'buy-again-list');
      await ready(tab, 'cart-summary');
      expect(await tab.locator('buy-again-list').evaluate((el) => el.shadowRoot!.textContent)).toMatch(
        /Osta uudelleen/,
      );
      expect(await tab.locator('cart-summary').evaluate((el) => el.shadowRoot!.textContent)).toMatch(/Ostoskorisi/);
      // Both files ask for the same URL: the browser loads it once.
      expect(languages).toEqual(['cdn:fi']);
      await noViolations(tab);
      expect(errors(problems)).toEqual([]);
      await tab.close();
    },
  );

  it.each([
    ['classic', `<script src="${SHOP_FOLDER}/buy-again-list.iife.js?ver=0.2.0"></script>`],
    ['module', `<script type="module" src="${SHOP_FOLDER}/buy-again-list.js?ver=0.2.0"></script>`],
  ])(
    'a versioned URL (%s script, ?ver= as WordPress writes it) loads the files beside it at that version, ' +
      'so an update never meets an older language file the browser kept',
    { timeout: 30_000 },
    async (kind, script) => {
      pages['/versioned-setup.js'] = `addEventListener('load', () => {
        const { configure } = window.StorefrontWidgets || {};
        if (configure) configure({ dataLayer: true, analyticsConsent: 'granted' });
      });`;
      const beside: string[] = [];
      const { tab, problems } = await open(
        `/versioned-${kind}.html`,
        page('de', `${script}<script src="/versioned-setup.js"></script>`, LIST),
      );
      tab.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith(SHOP_FOLDER)) beside.push(url.pathname.slice(SHOP_FOLDER.length) + url.search);
      });
      await ready(tab, 'buy-again-list');
      expect(await tab.locator('buy-again-list').evaluate((el) => el.shadowRoot!.textContent)).toMatch(/Erneut kaufen/);
      if (kind === 'classic')
        await expect.poll(() => beside, { timeout: 10_000 }).toContain('/data-layer.js?ver=0.2.0');
      expect(await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).toEqual(
        expect.arrayContaining([expect.stringMatching(/\/translations\/de\.js\?ver=0\.2\.0$/)]),
      );
      expect(errors(problems)).toEqual([]);
      await tab.close();
    },
  );

  it(
    'the two one-widget files and the all-in-one file mix on one page: ' +
      'one configure(), one page cache, one warning for the tag loaded twice',
    { timeout: 30_000 },
    async () => {
      const scripts = ['buy-again-list', 'cart-summary', 'storefront-widgets']
        .map((file) => `<script src="${SHOP_FOLDER}/${file}.iife.js"></script>`)
        .join('');
      const { tab, problems } = await open('/mixed.html', page('en', scripts, LIST + CART));
      await ready(tab, 'buy-again-list');
      await ready(tab, 'cart-summary');
      // The all-in-one file found both tags taken by the one-widget files: it says so, once.
      expect(problems.warnings.filter((warning) => warning.includes('storefront-widgets'))).toEqual([
        'storefront-widgets: SW50 <buy-again-list>, SW50 <cart-summary>',
      ]);
      const shared = await tab.evaluate(() => {
        const api = (
          window as unknown as { StorefrontWidgets: { configure(defaults: object): void; pageCache: unknown } }
        ).StorefrontWidgets;
        api.configure({ heading: 'Again, please', messages: { cartHeading: 'Basket' } });
        return (
          api.pageCache === (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('storefront-widgets.cache')]
        );
      });
      expect(shared).toBe(true);
      await expect
        .poll(() => tab.locator('buy-again-list').locator('[part~="heading"]').textContent())
        .toContain('Again, please');
      await expect
        .poll(() => tab.locator('cart-summary').evaluate((el) => el.shadowRoot!.textContent))
        .toContain('Basket');
      await noViolations(tab);
      expect(errors(problems)).toEqual([]);
      await tab.close();
    },
  );

  it(
    'one-widget files of both kinds on one page register each tag once, without a warning',
    { timeout: 30_000 },
    async () => {
      const scripts =
        `<script src="${SHOP_FOLDER}/buy-again-list.iife.js"></script>` +
        `<script type="module" src="${SHOP_FOLDER}/cart-summary.js"></script>`;
      const { tab, problems } = await open('/both-kinds.html', page('en', scripts, LIST + CART));
      await ready(tab, 'buy-again-list');
      await ready(tab, 'cart-summary');
      expect(problems.warnings.filter((warning) => warning.includes('storefront-widgets'))).toEqual([]);
      expect(errors(problems)).toEqual([]);
      await tab.close();
    },
  );
});
