import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordPageProblems } from './chromium-page.ts';
import { CART, LIST, VIOLATION_LISTENER, violations } from './shop-page.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * A shop with a strict Content-Security-Policy: no `unsafe-inline`, no `unsafe-eval`, scripts,
 * styles and images only from its own origin (plus `data:` images). Both builds must render both
 * widgets there without one violation. Lit styles shadow roots through adoptedStyleSheets, which
 * `style-src 'self'` allows; an inline `style` attribute or `<style>` element would be refused.
 */
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

const page = (script: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>A shop with a strict CSP</title>
    <link rel="icon" href="data:,">
    <script src="/csp-listener.js"></script>
    ${script}
  </head>
  <body>
    ${LIST}
    ${CART}
  </body>
</html>`;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const dist = resolve('dist');
  expect(existsSync(`${dist}/storefront-widgets.iife.js`), 'dist/ is missing: run `npm run build`').toBe(true);
  server = await startTestServer({
    headers: { 'content-security-policy': POLICY },
    pages: {
      '/classic.html': page('<script src="/dist/storefront-widgets.iife.js"></script>'),
      '/module.html': page('<script type="module" src="/dist/storefront-widgets.js"></script>'),
      '/csp-listener.js': VIOLATION_LISTENER,
      '/data-layer.html': page('<script type="module" src="/data-layer-setup.js"></script>'),
      // The page's own module: the ES build, with a dataLayer and consent granted.
      '/data-layer-setup.js': [
        "import { configure } from '/dist/storefront-widgets.js';",
        "configure({ dataLayer: 'shopLayer', analyticsConsent: 'granted' });",
      ].join('\n'),
      // The same with the classic script, configured by a script file of the page's.
      '/classic-data-layer.html': page(
        '<script src="/dist/storefront-widgets.iife.js"></script><script src="/classic-setup.js"></script>',
      ),
      '/classic-setup.js': "StorefrontWidgets.configure({ dataLayer: 'shopLayer', analyticsConsent: 'granted' });",
      // The session cache on, in each build.
      '/session.html': page('<script type="module" src="/session-setup.js"></script>'),
      '/session-setup.js': [
        "import { configure } from '/dist/storefront-widgets.js';",
        'configure({ sessionCache: true });',
      ].join('\n'),
      '/classic-session.html': page(
        '<script src="/dist/storefront-widgets.iife.js"></script><script src="/classic-session-setup.js"></script>',
      ),
      '/classic-session-setup.js': 'StorefrontWidgets.configure({ sessionCache: true });',
      // A self-hosted copy of the script alone, without the files it loads from beside itself.
      '/alone/session.html': page(
        '<script src="/alone/storefront-widgets.iife.js"></script><script src="/classic-session-setup.js"></script>',
      ),
      '/alone/data-layer.html': page(
        '<script src="/alone/storefront-widgets.iife.js"></script><script src="/classic-setup.js"></script>',
      ),
    },
    files: {
      '/dist/storefront-widgets.iife.js': `${dist}/storefront-widgets.iife.js`,
      '/dist/storefront-widgets.js': `${dist}/storefront-widgets.js`,
      '/dist/data-layer.js': `${dist}/data-layer.js`,
      '/dist/session-store.js': `${dist}/session-store.js`,
      '/alone/storefront-widgets.iife.js': `${dist}/storefront-widgets.iife.js`,
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A new tab that records its problems and the path of every request it makes. */
async function openTab() {
  const tab = await browser.newPage();
  tab.setDefaultTimeout(10_000);
  const problems = recordPageProblems(tab);
  const loaded: string[] = [];
  tab.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  return { tab, problems, loaded };
}

/** No violation, and no error but the mock's discontinued product (a 404 the browser logs for any page). */
async function expectNoProblems(tab: Page, problems: ReturnType<typeof recordPageProblems>) {
  expect(await violations(tab)).toEqual([]);
  expect(problems.errors.filter((error) => !error.includes('/mock/csomni/products/prod_discontinued/full'))).toEqual(
    [],
  );
}

/** Counts the page's `widget-analytics` events from its start: reads how many so far. */
async function countAnalytics(tab: Page): Promise<() => Promise<number>> {
  await tab.addInitScript(() => {
    (window as unknown as { heard: number }).heard = 0;
    document.addEventListener('widget-analytics', () => (window as unknown as { heard: number }).heard++);
  });
  return () => tab.evaluate(() => (window as unknown as { heard: number }).heard);
}

/** Both widgets of the page in the `ready` state. */
async function bothReady(tab: Page): Promise<void> {
  for (const tag of ['buy-again-list', 'cart-summary'])
    await expect.poll(() => tab.locator(tag).getAttribute('state'), { timeout: 10_000 }).toBe('ready');
}

describe('strict Content-Security-Policy', () => {
  it.each([
    ['the classic script build', '/classic.html'],
    ['the ES module build', '/module.html'],
  ])('%s renders both widgets without a violation', { timeout: 30_000 }, async (_name, path) => {
    const tab = await browser.newPage();
    tab.setDefaultTimeout(10_000);
    const problems = recordPageProblems(tab);
    const response = await tab.goto(`${server.origin}${path}`);
    expect(response?.headers()['content-security-policy']).toBe(POLICY);

    const list = tab.locator('buy-again-list');
    const cart = tab.locator('cart-summary');
    // Playwright's CSS locators pierce shadow roots.
    await expect.poll(() => list.getAttribute('state'), { timeout: 10_000 }).toBe('ready');
    await expect.poll(() => cart.getAttribute('state'), { timeout: 10_000 }).toBe('ready');
    await expect
      .poll(() => list.locator('[part~="name"]').first().textContent(), { timeout: 10_000 })
      .toContain('Organic Oat Milk 1 L');
    expect(await list.locator('[part~="item"]').count()).toBeGreaterThan(5);
    expect(
      await list
        .locator('img[part~="image"]')
        .first()
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    await expect
      .poll(() => cart.locator('[part~="line-name"]').allTextContents(), { timeout: 10_000 })
      .toContain('Cartproduct Sombrero');
    expect(await cart.locator('[part~="total"]').textContent()).toMatch(/365\.82/);

    // The styles really apply (a refused stylesheet would leave the cards unstyled).
    const adopted = await list.evaluate((el) => el.shadowRoot!.adoptedStyleSheets.length);
    expect(adopted).toBeGreaterThan(0);
    expect(
      await list
        .locator('[part~="add-button"]')
        .first()
        .evaluate((button) => getComputedStyle(button).cursor),
    ).toBe('pointer');

    // Add to cart: the widget's own action (two POSTs) and its "Added" state.
    await list.locator('[part~="add-button"]').first().click();
    await expect
      .poll(() => list.locator('[part~="add-button"]').first().textContent(), { timeout: 10_000 })
      .toMatch(/Added/);

    // Every name look-up has answered (no name still shimmers). The mock's discontinued product
    // is a 404 the browser logs for any page; nothing else may be.
    await expect.poll(() => list.locator('[part~="name"] .shimmer').count(), { timeout: 10_000 }).toBe(0);
    expect(await violations(tab)).toEqual([]);
    expect(problems.errors.filter((error) => !error.includes('/mock/csomni/products/prod_discontinued/full'))).toEqual(
      [],
    );
    expect(problems.errors.length).toBeLessThanOrEqual(1);

    // The policy is enforced and the listener hears it: an inline script is refused and reported.
    await tab.evaluate(() => {
      const inline = document.createElement('script');
      inline.textContent = 'window.inlineRan = true;';
      document.head.append(inline);
    });
    await expect.poll(() => violations(tab)).toHaveLength(1);
    expect((await violations(tab))[0]).toMatch(/^script-src-elem blocked inline/);
    expect(await tab.evaluate(() => 'inlineRan' in window)).toBe(false);
    await tab.close();
  });

  it.each([
    ['ES module', '/data-layer.html'],
    ['classic script', '/classic-data-layer.html'],
  ])(
    "the %s build loads the dataLayer bridge from the file beside it, and pushes the widgets' events",
    { timeout: 30_000 },
    async (_build, path) => {
      const { tab, problems, loaded } = await openTab();
      await tab.goto(`${server.origin}${path}`);
      const pushed = () =>
        tab.evaluate(() =>
          ((window as unknown as { shopLayer?: { event?: string }[] }).shopLayer ?? [])
            .map((entry) => entry.event)
            .filter(Boolean),
        );
      await expect.poll(pushed, { timeout: 10_000 }).toEqual(expect.arrayContaining(['view_item_list', 'view_cart']));
      expect(loaded).toContain('/dist/data-layer.js');
      await expectNoProblems(tab, problems);
      await tab.close();
    },
  );

  it.each([
    ['ES module', '/session.html'],
    ['classic script', '/classic-session.html'],
  ])(
    'the %s build with sessionCache on loads the session store from beside it; a reload asks the vendors nothing',
    { timeout: 30_000 },
    async (_build, path) => {
      const { tab, problems, loaded } = await openTab();
      const ready = async () => {
        await bothReady(tab);
        await expect
          .poll(() => tab.locator('buy-again-list [part~="name"]').first().textContent(), { timeout: 10_000 })
          .toContain('Organic Oat Milk 1 L');
        await expect
          .poll(() => tab.locator('cart-summary [part~="line-name"]').allTextContents(), { timeout: 10_000 })
          .toContain('Cartproduct Sombrero');
      };
      const vendorCalls = () => loaded.filter((file) => /^\/mock\/(csomni\/frequentlyPurchased|giosg\/)/.test(file));
      await tab.goto(`${server.origin}${path}`);
      await ready();
      expect(loaded).toContain('/dist/session-store.js');
      expect(vendorCalls().length, 'the first visit asked the vendors nothing').toBeGreaterThan(0);
      const stored = () =>
        tab.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('storefront-widgets:')).length);
      await expect.poll(stored, { timeout: 10_000 }).toBeGreaterThan(0);

      // The next page of the tab: the same lists, from sessionStorage.
      loaded.length = 0;
      await tab.reload();
      await ready();
      expect(loaded).toContain('/dist/session-store.js');
      expect(vendorCalls(), 'the reload asked the vendors again').toEqual([]);
      await expectNoProblems(tab, problems);
      await tab.close();
    },
  );

  it.each([
    ['session-store.js', '/alone/session.html', 'SW54'],
    ['data-layer.js', '/alone/data-layer.html', 'SW55'],
  ])(
    'a copy of the script without %s beside it still shows both widgets, and warns once',
    { timeout: 30_000 },
    async (file, path, code) => {
      const { tab, problems, loaded } = await openTab();
      const heard = await countAnalytics(tab);
      await tab.goto(`${server.origin}${path}`);
      await bothReady(tab);
      // Both widgets' views reported (the bridge loads at the first), and the names looked up.
      await expect.poll(heard, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      await expect
        .poll(() => tab.locator('buy-again-list [part~="name"] .shimmer').count(), { timeout: 10_000 })
        .toBe(0);
      expect(loaded).toContain(`/alone/${file}`);
      const warned = () => problems.warnings.filter((warning) => warning.includes(code));
      await expect.poll(() => warned().length, { timeout: 10_000 }).toBe(1);
      expect(warned()[0]).toContain(`storefront-widgets: ${code}`);
      // The only errors: the file that is not there, and the mock's discontinued product.
      expect(problems.errors.filter((error) => !error.includes('404') && !error.includes('prod_discontinued'))).toEqual(
        [],
      );
      await tab.close();
    },
  );

  it.each([
    ['ES module', '/module.html', '/dist/storefront-widgets.js'],
    ['classic script', '/classic.html', '/dist/storefront-widgets.iife.js'],
  ])(
    'a page of the %s build without a dataLayer or sessionCache loads neither the bridge nor the session store',
    { timeout: 30_000 },
    async (_build, path, file) => {
      const { tab, loaded } = await openTab();
      const heard = await countAnalytics(tab);
      await tab.goto(`${server.origin}${path}`);
      // The widgets reported their views as DOM events, with no dataLayer to push them to.
      await expect.poll(heard, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(loaded).toContain(file);
      expect(loaded).not.toContain('/dist/data-layer.js');
      expect(loaded).not.toContain('/dist/session-store.js');
      expect(await tab.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
      await tab.close();
    },
  );
});

/**
 * A shop that also enforces Trusted Types: scripts may hand the DOM HTML strings only through a
 * policy the page allows by name. Lit makes its templates through one named `lit-html`, so the
 * page must allow that name; a page whose own Lit made one first must allow duplicates.
 */
describe('Trusted Types', () => {
  const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'";
  let ttServer: TestServer;

  beforeAll(async () => {
    const dist = resolve('dist');
    const shop = (lang: string, scripts: string) => page(scripts).replace('<html lang="en">', `<html lang="${lang}">`);
    ttServer = await startTestServer({
      headers: { 'content-security-policy': `${POLICY}; ${TRUSTED_TYPES}` },
      pages: {
        '/classic.html': shop('en', '<script src="/dist/storefront-widgets.iife.js"></script>'),
        '/module.html': shop('en', '<script type="module" src="/dist/storefront-widgets.js"></script>'),
        // A German page: the language file comes from beside the script.
        '/de.html': shop('de', '<script src="/dist/storefront-widgets.iife.js"></script>'),
        // The shop's own Lit (or any script) made a policy named lit-html before ours.
        '/own-lit.html': shop(
          'en',
          '<script src="/own-policy.js"></script><script src="/dist/storefront-widgets.iife.js"></script>',
        ),
        '/own-policy.js': "window.shopPolicy = trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });",
        '/csp-listener.js': VIOLATION_LISTENER,
      },
      files: {
        '/dist/storefront-widgets.iife.js': `${dist}/storefront-widgets.iife.js`,
        '/dist/storefront-widgets.js': `${dist}/storefront-widgets.js`,
        '/dist/translations/de.js': `${dist}/translations/de.js`,
      },
    });
  });

  afterAll(() => ttServer?.close());

  it.each([
    ['the classic script build', '/classic.html', 'Add to cart'],
    ['the ES module build', '/module.html', 'Add to cart'],
    ['a German page (its language file loaded)', '/de.html', 'In den Warenkorb'],
    ['a page whose own Lit made a lit-html policy first', '/own-lit.html', 'Add to cart'],
  ])(
    '%s renders both widgets and adds to the cart without a violation',
    { timeout: 30_000 },
    async (_name, path, add) => {
      const { tab, problems } = await openTab();
      const response = await tab.goto(`${ttServer.origin}${path}`);
      expect(response?.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
      await bothReady(tab);
      const list = tab.locator('buy-again-list');
      await expect.poll(() => list.locator('[part~="add-button"]').first().textContent()).toContain(add);
      await expect
        .poll(() => tab.locator('cart-summary [part~="line-name"]').allTextContents(), { timeout: 10_000 })
        .toContain('Cartproduct Sombrero');
      await list.locator('[part~="add-button"]').first().click();
      await expect
        .poll(() => list.locator('[part~="add-button"]').first().getAttribute('class'), { timeout: 10_000 })
        .toContain('added');
      await expect.poll(() => list.locator('[part~="name"] .shimmer').count(), { timeout: 10_000 }).toBe(0);
      await expectNoProblems(tab, problems);

      // Trusted Types are enforced: a string handed to innerHTML is refused and reported.
      const refused = await tab.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
          return false;
        } catch {
          return true;
        }
      });
      expect(refused).toBe(true);
      await expect.poll(() => violations(tab)).toEqual([expect.stringMatching(/^require-trusted-types-for/)]);
      await tab.close();
    },
  );
});
