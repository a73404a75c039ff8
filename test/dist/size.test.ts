import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Size budgets, all in `.size-limit.json` and measured by size-limit (gzip):
 * - `dist/storefront-widgets.js`, the script-tag build with both widgets and Lit: 32.8 kB for now
 *   (the target is 20 kB; see the ceiling's comment below).
 * - Each widget alone, as an app bundles it from the npm entry
 *   (`import { BuyAgainList } from 'storefront-widgets'; customElements.define(...)`):
 *   tree-shaken and minified by Vite (rolldown), with Lit, in production mode. These bundles
 *   are built here into node_modules/.cache/storefront-widgets-size/, where
 *   `.size-limit.json` reads them. `npm run size` runs this file.
 */
const run = promisify(execFile);
const root = resolve('.');
const OUT = join(root, 'node_modules/.cache/storefront-widgets-size');

const WIDGETS = { 'buy-again-list': 'BuyAgainList', 'cart-summary': 'CartSummary' } as const;

interface Check {
  name: string;
  path: string;
  limit: string;
}

interface Result {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

const checks = JSON.parse(readFileSync('.size-limit.json', 'utf8')) as Check[];
let results: Result[] = [];

/** One widget, imported by package name from a throwaway app, bundled as the app would ship it. */
async function buildWidgetAlone(tag: keyof typeof WIDGETS): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `storefront-widgets-size-${tag}-`));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/storefront-widgets'), 'dir');
    writeFileSync(join(dir, 'entry.js'), `import { ${WIDGETS[tag]} } from 'storefront-widgets';\ncustomElements.define('${tag}', ${WIDGETS[tag]});\n`);
    await build({
      root: dir,
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      build: {
        outDir: OUT,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        modulePreload: false,
        // What the app loads up front: a module the widget imports only on demand (the dataLayer
        // bridge, for pages that configure one) stays a chunk of its own, as in any app build.
        rollupOptions: { input: join(dir, 'entry.js'), output: { entryFileNames: `${tag}.js`, chunkFileNames: `${tag}-[name].js` } },
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  expect(existsSync('dist/storefront-widgets.js') && existsSync('dist/npm/index.js'), 'dist/ is missing: run `npm run build`').toBe(true);
  rmSync(OUT, { recursive: true, force: true });
  // Vitest sets NODE_ENV=test, which would select Lit's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const tag of Object.keys(WIDGETS) as (keyof typeof WIDGETS)[]) await buildWidgetAlone(tag);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const sizeLimit = join(root, 'node_modules/size-limit/bin.js');
  const { stdout } = await run(process.execPath, [sizeLimit, '--json'], { cwd: root, timeout: 60_000 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
  results = JSON.parse(stdout) as Result[];
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
  console.log(
    `Sizes (gzip; size-limit's kB is 1000 bytes):\n${results
      .map((result) => `  ${result.passed ? 'ok  ' : 'OVER'} ${kB(result.size).padStart(9)} of ${kB(result.sizeLimit).padStart(9)}  ${result.name}`)
      .join('\n')}`,
  );
}, 120_000);

describe('size budgets (.size-limit.json)', () => {
  it('every widget alone and the script-tag build are measured', () => {
    expect(results.map((result) => result.name)).toEqual(checks.map((check) => check.name));
    expect(checks.map((check) => check.path)).toEqual(
      expect.arrayContaining(['dist/storefront-widgets.js', ...Object.keys(WIDGETS).map((tag) => `node_modules/.cache/storefront-widgets-size/${tag}.js`)]),
    );
    for (const result of results) expect(result.size, result.name).toBeGreaterThan(1000);
  });

  it('a widget alone leaves the other widget and its source out (tree-shaking works)', () => {
    const alone = (tag: string) => readFileSync(join(OUT, `${tag}.js`), 'utf8');
    expect(alone('buy-again-list')).not.toContain('shopping_carts');
    expect(alone('buy-again-list')).toContain('frequentlyPurchased');
    expect(alone('cart-summary')).not.toContain('frequentlyPurchased');
    expect(alone('cart-summary')).toContain('shopping_carts');
  });

  // The script-tag build's ceiling is 32.8 kB, a no-regression guard: the target for both
  // widgets, three vendors and seven languages is 20 kB, which the build (about 32.8 kB gzip)
  // does not meet (README, "Size budget"). Lower the ceiling as the bundle shrinks; never raise
  // it without saying why. History: 32 -> 32.5 kB for fixes that cost 0.3 kB (a customer change
  // clears the list, focus survives keyed reorders, redirects and foreign aborts are reported);
  // back to 32 kB when shared attribute handling and CSS took 0.6 kB off; 32.3 kB (and 26.8 kB
  // for the carousel alone) for accessibility fixes that cost 0.4 kB: a failed add shown on its
  // button, focus kept in view when paging by keyboard, the accent following a dark page, the
  // singular "1 item loaded" in seven languages, and configure() defaults for every attribute;
  // 31.7 kB (26.6 and 24.7 kB alone) when ES #private members, unquoted template attributes and
  // terser before the final minifier took 0.6 kB off (the theme-switch watcher added 0.2).
  // 32.8 kB (28.3 and 26.4 kB alone) for analytics, 1.2 kB: GA4 events, the in-view controller
  // (IntersectionObserver) and the exact-money item mapping. The dataLayer and consent bridge
  // (0.55 kB) is a file of its own loaded only by pages that configure a dataLayer; an app's
  // bundle measured here keeps it as its own chunk, and so includes Vite's small dynamic-import
  // helper (0.45 kB), which an app with any lazy route already has.
  it.each(checks.map((check) => [check.name, check.limit] as const))('%s: within %s', (name) => {
    const result = results.find((entry) => entry.name === name)!;
    expect(result.size, `${name}: ${result.size} bytes, budget ${result.sizeLimit}`).toBeLessThanOrEqual(result.sizeLimit);
  });
});
