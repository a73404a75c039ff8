import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Size budgets, all in `.size-limit.json` and measured by size-limit (gzip):
 * - `dist/storefront-widgets.js`, the script-tag build with both widgets and Lit: 34.3 kB for now
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
        rollupOptions: { input: join(dir, 'entry.js'), output: { entryFileNames: `${tag}.js`, codeSplitting: false } },
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

  // The script-tag build's ceiling is 32.2 kB, a no-regression guard: the target for both
  // widgets, three vendors and seven languages is 20 kB, which the build (about 32.1 kB gzip)
  // does not meet (README, "Size budget"). Lower the ceiling as the bundle shrinks; never raise
  // it without saying why. History: 32 -> 32.5 kB for fixes that cost 0.3 kB (a customer change
  // clears the list, focus survives keyed reorders, redirects and foreign aborts are reported);
  // back to 32 kB when shared attribute handling and CSS took 0.6 kB off; 32.3 kB (and 26.8 kB
  // for the carousel alone) for accessibility fixes that cost 0.4 kB: a failed add shown on its
  // button, focus kept in view when paging by keyboard, the accent following a dark page, the
  // singular "1 item loaded" in seven languages, and configure() defaults for every attribute;
  // 31.7 kB (26.6 and 24.7 kB alone) when ES #private members, unquoted template attributes and
  // terser before the final minifier took 0.6 kB off (the theme-switch watcher added 0.2);
  // 34.3 kB (29.2 and 27.1 kB alone) for looking native in real themes: Arabic and Hebrew
  // (1.3 kB, until the languages move into files loaded only where needed), secondary text
  // measured against the real background for WCAG AA, em-based sizes with 12px floors, bidi
  // isolation, focus rings kept in view and compositor-only placeholders (1.3 kB).
  // 32.2 kB (27.1 and 24.9 kB alone) for shopper-facing outcomes that cost 0.5 kB: every Add to
  // cart press ends in a shown and announced outcome (AddToCartEvent.waitUntil, "Cannot add here"
  // in seven languages), Retry only where it helps, one console warning per cause, and paging
  // by whole cards so paging back retraces paging forward.
  // 33.6 kB (27.7 and 26.4 kB alone) for an outcome on every add to cart (0.6 kB) and Buy again
  // on a past cart (1.3 kB: the shared action-outcome event, the button's states, five strings in
  // seven languages).
  it.each(checks.map((check) => [check.name, check.limit] as const))('%s: within %s', (name) => {
    const result = results.find((entry) => entry.name === name)!;
    expect(result.size, `${name}: ${result.size} bytes, budget ${result.sizeLimit}`).toBeLessThanOrEqual(result.sizeLimit);
  });
});
