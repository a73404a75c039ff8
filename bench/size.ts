/**
 * Bundle size: gzip and brotli (node:zlib, maximum compression) of the shipped ES module, against
 * the floor (Lit alone in a one-element bundle, built by Vite exactly as `scripts/build.ts` builds
 * ours) and against Shopify's Buy Button (`@shopify/buy-button-js`, `dist/buybutton.min.js`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

export interface SizeFigures {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeResult {
  /** Every script-tag file and language file, with its size-limit budget where it has one. */
  files: { name: string; sizes: SizeFigures; budget?: number }[];
  ours: SizeFigures;
  oursIife: SizeFigures;
  litFloor: SizeFigures;
  buyButton: SizeFigures | null;
  /** ours / other, per compression. */
  ratio: { litFloor: SizeFigures; buyButton: SizeFigures | null };
}

export function sizes(bytes: Buffer): SizeFigures {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const ratio = (a: SizeFigures, b: SizeFigures): SizeFigures => ({
  raw: round(a.raw / b.raw),
  gzip: round(a.gzip / b.gzip),
  brotli: round(a.brotli / b.brotli),
});

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The smallest useful Lit bundle: one element with one reactive property, registered. */
const LIT_FLOOR = `
import { LitElement, html } from 'lit';
class FloorElement extends LitElement {
  static properties = { name: {} };
  constructor() {
    super();
    this.name = 'World';
  }
  render() {
    return html\`<p>Hello, \${this.name}</p>\`;
  }
}
customElements.define('floor-element', FloorElement);
`;

/** Builds the floor with the same Vite settings as `dist/storefront-widgets.js`, into a temp dir. */
export async function buildLitFloor(): Promise<Buffer> {
  const outDir = mkdtempSync(join(tmpdir(), 'storefront-bench-lit-floor-'));
  const id = 'virtual:lit-floor';
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      publicDir: false,
      root: process.cwd(),
      plugins: [
        {
          name: 'lit-floor',
          enforce: 'pre',
          resolveId: (source) => (source.endsWith(id) ? `\0${id}.js` : undefined),
          load: (loaded) => (loaded === `\0${id}.js` ? LIT_FLOOR : undefined),
        },
      ],
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        lib: { entry: id, formats: ['es'], fileName: () => 'lit-floor.js' },
        rollupOptions: { output: { minify: true } },
      },
    });
    return readFileSync(join(outDir, 'lit-floor.js'));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function buyButtonBundle(): Buffer | null {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@shopify/buy-button-js/package.json');
    const file = join(dirname(main), 'dist', 'buybutton.min.js');
    return existsSync(file) ? readFileSync(file) : null;
  } catch {
    return null;
  }
}

export async function measureSizes(): Promise<SizeResult> {
  const ours = sizes(readFileSync('dist/storefront-widgets.js'));
  const oursIife = sizes(readFileSync('dist/storefront-widgets.iife.js'));
  const litFloor = sizes(await buildLitFloor());
  const buyButtonBytes = buyButtonBundle();
  const buyButton = buyButtonBytes ? sizes(buyButtonBytes) : null;
  return {
    files: measureFiles(),
    ours,
    oursIife,
    litFloor,
    buyButton,
    ratio: { litFloor: ratio(ours, litFloor), buyButton: buyButton && ratio(ours, buyButton) },
  };
}

/** The budgets (bytes, gzip) the issue set; `.size-limit.json` holds the ceilings enforced now. */
const BUDGETS: Record<string, number> = {
  'dist/buy-again-list.iife.js': 21_500,
  'dist/cart-summary.iife.js': 20_000,
  'dist/storefront-widgets.iife.js': 27_500,
};

function measureFiles(): SizeResult['files'] {
  const scripts = readdirSync('dist')
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => `dist/${file}`);
  const languages = readdirSync('dist/translations')
    .sort()
    .map((file) => `dist/translations/${file}`);
  return [...scripts, ...languages].map((name) => ({
    name,
    sizes: sizes(readFileSync(name)),
    budget: BUDGETS[name] ?? (name.includes('/translations/') ? 1000 : undefined),
  }));
}
