import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The proxy package as `npm publish` would ship it: only its own built files, and only server
 * dependencies. `npm test` builds `dist/` first; packing here skips `prepack` for that reason.
 */
const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

interface PackageJson {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  sideEffects: string[];
}
const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as PackageJson;

describe('the storefront-widgets-proxy package', () => {
  it('npm pack holds only its own built files, README, LICENSE and package.json', { timeout: 60_000 }, async () => {
    expect(existsSync(join(PACKAGE, 'dist/index.js')), 'proxy/dist is missing: run `npm run build` in proxy/').toBe(
      true,
    );
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: PACKAGE,
      timeout: 60_000,
    });
    const files = (JSON.parse(stdout) as { files: { path: string; mode: number }[] }[])[0].files;
    const paths = files.map((file) => file.path);
    expect(paths.filter((path) => !/^(dist\/|README\.md$|package\.json$|LICENSE$)/.test(path))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.md',
        'LICENSE',
        'package.json',
        'dist/index.js',
        'dist/cli.js',
        'dist/types/proxy/src/index.d.ts',
      ]),
    );
    const targets = [
      ...Object.values(pkg.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
      ...Object.values(pkg.bin),
      ...pkg.sideEffects,
    ].map((path) => path.replace(/^\.\//, ''));
    expect(targets.filter((target) => !paths.includes(target))).toEqual([]);
    const cli = files.find((file) => file.path === 'dist/cli.js')!;
    expect(cli.mode & 0o111, 'dist/cli.js is not executable').not.toBe(0);
    expect(readFileSync(join(PACKAGE, 'dist/cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('depends on server libraries only, and its code imports nothing else', () => {
    expect(pkg.name).toBe('storefront-widgets-proxy');
    expect(pkg.bin).toEqual({ 'storefront-widgets-proxy': './dist/cli.js' });
    // Redis (ioredis, rate-limiter-flexible) and metrics (prom-client) are loaded only when set up.
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@hono/node-server',
      'hono',
      'ioredis',
      'jose',
      'prom-client',
      'rate-limiter-flexible',
    ]);
    expect(pkg.peerDependencies).toBeUndefined();
    // Every bare import in the shipped code is a dependency or Node's own: no lit, no widgets.
    const imported = new Set<string>();
    for (const file of readdirSync(join(PACKAGE, 'dist'), { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.js'),
    )) {
      const code = readFileSync(join(PACKAGE, 'dist', file), 'utf8');
      for (const match of code.matchAll(/\bfrom\s*["']([^"'.][^"']*)["']|\bimport\s*\(\s*["']([^"'.][^"']*)["']/g))
        imported.add(match[1] ?? match[2]);
    }
    const outside = [...imported].filter(
      (id) =>
        !id.startsWith('node:') && !Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`)),
    );
    expect(outside).toEqual([]);
  });
});
