import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorTexts } from '../../src/core/error-texts.ts';

/**
 * The npm package as `npm publish` would ship it: what `npm pack` puts in the tarball, and
 * publint's and Are the Types Wrong's verdicts on that tarball. `npm test` builds dist/ first;
 * packing here skips `prepack` (the build) for that reason.
 */
const run = promisify(execFile);
const npm = (args: string[], cwd = resolve('.')) =>
  run('npm', [...args, '--ignore-scripts', '--json'], { cwd, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });

interface PackResult {
  filename: string;
  files: { path: string; mode: number }[];
}

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  dependencies: Record<string, string>;
  sideEffects: string[];
  files: string[];
  license: string;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  scripts: Record<string, string>;
  customElements: string;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
let dir: string;
let tarball: string;

beforeAll(async () => {
  expect(
    existsSync('dist/npm/index.js') && existsSync('custom-elements.json'),
    'dist/ is missing: run `npm run build`',
  ).toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'storefront-widgets-pack-'));
  const { stdout } = await npm(['pack', '--pack-destination', dir]);
  tarball = join(dir, (JSON.parse(stdout) as PackResult[])[0].filename);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const relative = (path: string) => path.replace(/^\.\//, '');

describe('the npm package', () => {
  // It runs npm, as the tarball above does: seconds on a busy machine.
  it('npm pack --dry-run holds only what a user needs', { timeout: 60_000 }, async () => {
    const { stdout } = await npm(['pack', '--dry-run']);
    const files = (JSON.parse(stdout) as PackResult[])[0].files;
    const paths = files.map((file) => file.path);
    const unexpected = paths.filter(
      (path) => !/^(dist\/|custom-elements\.json$|README\.md$|package\.json$|LICENSE$)/.test(path),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((path) => /(^|\/)(src|test|demo|bench|scripts|node_modules)\//.test(path))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'custom-elements.json',
        'dist/storefront-widgets.js',
        'dist/storefront-widgets.iife.js',
        'dist/buy-again-list.js',
        'dist/buy-again-list.iife.js',
        'dist/cart-summary.js',
        'dist/cart-summary.iife.js',
        'dist/translations/de.js',
        'dist/npm/translations/de.js',
        'dist/npm/index.js',
        'dist/npm/define.js',
        'dist/npm/react.js',
        'dist/types/index.d.ts',
      ]),
    );
    // Everything package.json points at is in the tarball.
    const targets = [
      ...Object.values(pkg.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
      ...Object.values(pkg.bin ?? {}),
      // Source files in sideEffects are for builds from this repository (the demo's): not shipped.
      ...pkg.sideEffects.filter((path) => !path.startsWith('./src/')),
      pkg.customElements,
    ].map(relative);
    expect(targets.filter((target) => !paths.includes(target))).toEqual([]);
    // The proxy is its own package: none of it ships with the widgets.
    expect(paths.filter((path) => /proxy/.test(path))).toEqual([]);
  });

  it('declares what a user of each entry needs', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual([
      '.',
      './custom-elements.json',
      './define',
      './define/buy-again-list',
      './define/cart-summary',
      './package.json',
      './react',
    ]);
    expect(pkg.bin).toBeUndefined();
    // Installing the widgets pulls no server library: those are the proxy package's.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@lit/react', '@lit/task', 'lit']);
    // Only registration and the browser bundles have side effects.
    expect(pkg.sideEffects).not.toContain('./dist/npm/index.js');
    expect(pkg.sideEffects).toContain('./dist/npm/define.js');
    // A build from source (the demo's, `vite build`) keeps the import that registers the tags.
    expect(pkg.sideEffects).toContain('./src/define.ts');
    expect(pkg.sideEffects).toEqual(
      expect.arrayContaining([
        './dist/npm/define-buy-again-list.js',
        './dist/npm/define-cart-summary.js',
        './dist/buy-again-list.iife.js',
        './dist/cart-summary.js',
      ]),
    );
    expect(pkg.peerDependencies.react).toBeDefined();
    expect(pkg.peerDependenciesMeta.react.optional).toBe(true);
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.license).toBe('MIT');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/MIT License[\s\S]*the storefront-widgets authors/);
  });

  it('publint finds nothing to fix in the tarball', { timeout: 60_000 }, async () => {
    const file = readFileSync(tarball);
    const { messages, pkg: packed } = await publint({
      pack: { tarball: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) },
      level: 'suggestion',
    });
    const report = messages.map((message) => `${message.type}: ${formatMessage(message, packed) ?? message.code}`);
    if (report.length) console.log(`publint:\n${report.join('\n')}`);
    expect(report.filter((line) => !line.startsWith('suggestion'))).toEqual([]);
  });

  // A separate Node process that reads every declaration: seconds on a busy machine.
  it('Are the Types Wrong finds no problem in the tarball (ESM-only profile)', { timeout: 60_000 }, async () => {
    // The package is ESM only, like Lit: `require()` from CommonJS is out of scope, so the
    // esm-only profile leaves out the node10 and node16-from-CJS resolutions.
    const attw = resolve('node_modules/@arethetypeswrong/cli/dist/index.js');
    const result = await run(
      process.execPath,
      [attw, tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'],
      { timeout: 60_000 },
    ).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? String(error) }),
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/💀|❌|🥴|🐛|❗️|🚭|🎭/u);
  });
});

describe('the development build (the `development` export condition)', () => {
  const entries = ['', '/define', '/define/buy-again-list', '/define/cart-summary', '/react'];

  // A Vite server started in the test: seconds on a busy machine.
  it(
    "is what an app's Vite dev server resolves each entry to; the production build is what else does",
    { timeout: 60_000 },
    async () => {
      const app = mkdtempSync(join(tmpdir(), 'storefront-widgets-dev-app-'));
      mkdirSync(join(app, 'node_modules'));
      symlinkSync(resolve('.'), join(app, 'node_modules/storefront-widgets'), 'dir');
      writeFileSync(join(app, 'main.js'), '');
      const server = await createServer({
        root: app,
        configFile: false,
        logLevel: 'silent',
        optimizeDeps: { noDiscovery: true, include: [] },
      });
      try {
        const ids = await Promise.all(
          entries.map((entry) => server.pluginContainer.resolveId(`storefront-widgets${entry}`, join(app, 'main.js'))),
        );
        expect(ids.map((id) => relative(id!.id.replace(`${resolve('.')}/`, '')))).toEqual([
          'dist/npm-dev/index.js',
          'dist/npm-dev/define.js',
          'dist/npm-dev/define-buy-again-list.js',
          'dist/npm-dev/define-cart-summary.js',
          'dist/npm-dev/react.js',
        ]);
      } finally {
        await server.close();
        rmSync(app, { recursive: true, force: true });
      }
      // Without the condition (a production build, Node, a CDN's ES module), the production files.
      for (const entry of entries) {
        const target = pkg.exports[`.${entry}`] as Record<string, string>;
        expect(target.default).toBe(target.development.replace('/npm-dev/', '/npm/'));
        expect(Object.keys(target)).toEqual(['types', 'development', 'default']);
      }
    },
  );

  it('adds the full text of every error code; the production files carry none', async () => {
    const dev = (await import(resolve('dist/npm-dev/core/error-texts.js'))) as { errorTexts: Record<number, string> };
    expect(dev.errorTexts).toEqual(errorTexts);
    expect(readFileSync('dist/npm-dev/core/errors.js', 'utf8')).toContain('errorTexts');
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map((file) => join(dir, file));
    const production = [
      ...files('dist/npm'),
      ...readdirSync('dist')
        .filter((file) => file.endsWith('.js'))
        .map((file) => join('dist', file)),
    ];
    expect(production.filter((file) => file.endsWith('error-texts.js'))).toEqual([]);
    const shipped = production.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(Object.values(errorTexts).filter((text) => shipped.includes(text))).toEqual([]);
  });
});
