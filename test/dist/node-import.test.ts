import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Server-side rendering frameworks (Next.js, Nuxt, Astro, SvelteKit, Angular SSR) import the
 * package in Node, where there is no DOM. Each entry must import there without throwing. The
 * imports run in a plain `node` child process, outside Vitest, so nothing provides a DOM: Lit
 * loads its Node build (`node` export condition, with `@lit-labs/ssr-dom-shim`).
 */
const run = promisify(execFile);

interface NodeImport {
  exports: string[];
  globals: Record<string, string>;
  /** Tags in the registry Lit's Node build provides (the one Lit SSR renders from). */
  registered: string[];
}

async function importInNode(file: string): Promise<NodeImport> {
  const url = pathToFileURL(resolve(file)).href;
  expect(existsSync(file), `${file} is missing: run \`npm run build\``).toBe(true);
  const script = `
    const before = { window: typeof window, document: typeof document };
    const module = await import(${JSON.stringify(url)});
    const registered = ['buy-again-list', 'cart-summary'].filter((tag) => globalThis.customElements?.get(tag));
    const globals = { ...before, documentAfter: typeof document };
    console.log(JSON.stringify({ exports: Object.keys(module).sort(), globals, registered }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: resolve('.'),
    timeout: 20_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('importing the npm entries in Node without a DOM', () => {
  it('storefront-widgets: classes, sources, normalizers, configure; registers nothing', async () => {
    const { exports, globals, registered } = await importInNode('dist/npm/index.js');
    expect(globals).toEqual({ window: 'undefined', document: 'undefined', documentAfter: 'undefined' });
    expect(registered).toEqual([]);
    expect(exports).toEqual(
      expect.arrayContaining([
        'BuyAgainList',
        'CartSummary',
        'configure',
        'createCsomniSource',
        'createGiosgSource',
        'normalizeCartList',
      ]),
    );
  });

  it("storefront-widgets/define: registers into Lit's server-side registry and does not throw", async () => {
    const { exports, registered } = await importInNode('dist/npm/define.js');
    expect(exports).toEqual(['BuyAgainList', 'CartSummary', 'defineWidgets']);
    expect(registered).toEqual(['buy-again-list', 'cart-summary']);
  });

  it.each([
    ['buy-again-list', 'BuyAgainList'],
    ['cart-summary', 'CartSummary'],
  ])('storefront-widgets/define/%s: registers that tag only', async (tag, name) => {
    const { exports, registered } = await importInNode(`dist/npm/define-${tag}.js`);
    expect(exports).toEqual([name]);
    expect(registered).toEqual([tag]);
  });

  it('storefront-widgets/react: the wrappers, for React server rendering; registers the tags', async () => {
    const { exports, registered } = await importInNode('dist/npm/react.js');
    expect(exports).toEqual(['BuyAgainList', 'CartSummary']);
    expect(registered).toEqual(['buy-again-list', 'cart-summary']);
  });

  // A framework's dev server resolves the `development` condition on the server too.
  it('the development build of storefront-widgets/define: the same exports and tags', async () => {
    const { exports, globals, registered } = await importInNode('dist/npm-dev/define.js');
    expect(globals).toEqual({ window: 'undefined', document: 'undefined', documentAfter: 'undefined' });
    expect(exports).toEqual(['BuyAgainList', 'CartSummary', 'defineWidgets']);
    expect(registered).toEqual(['buy-again-list', 'cart-summary']);
  });

  it('storefront-widgets-proxy (the separate server package)', async () => {
    const { exports, registered } = await importInNode('proxy/dist/index.js');
    expect(exports).toEqual(expect.arrayContaining(['createProxy', 'signSession', 'verifySession']));
    expect(registered).toEqual([]);
  });
});
