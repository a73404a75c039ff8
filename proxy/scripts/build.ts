/**
 * `npm run build` in `proxy/`: what the package ships.
 * - `dist/index.js`: `createProxy`, `signSession`, `verifySession` (imports nothing from Node up
 *   front: `node:zlib`, which compresses answers, is loaded when a handler is made, if there).
 * - `dist/edge.js`: the same for edge runtimes (the `workerd` and `worker` export conditions),
 *   with src/node-only.ts in place of the modules that need Node (Redis client, prom-client,
 *   `node:zlib`: answers are gzipped with CompressionStream there).
 * - `dist/cli.js`: the `storefront-widgets-proxy` command (made executable, with a shebang).
 * - `dist/types/`: declarations.
 * Dependencies stay imports; anything else the sources import is bundled in.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
const dependencies = Object.keys(pkg.dependencies ?? {});
const external = (id: string) =>
  id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

rmSync('dist', { recursive: true, force: true });
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    ssr: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { index: 'src/index.ts', cli: 'src/cli.ts' },
      external,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

// The edge build: one file, nothing from Node.
const NODE_ONLY = /\/(redis-link|redis-stores|redis-algonomy-token|metrics|zlib-encoder)\.ts$/;
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  plugins: [
    {
      name: 'node-only',
      enforce: 'pre',
      resolveId(source) {
        if (!NODE_ONLY.test(source)) return null;
        return `${root}src/node-only.ts`;
      },
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    ssr: true,
    target: 'es2022',
    minify: false,
    rollupOptions: {
      input: { edge: 'src/index.ts' },
      external,
      output: { format: 'es', entryFileNames: '[name].js', codeSplitting: false },
    },
  },
});

// `bin` points at the CLI: npm links it as an executable, which needs the shebang line.
const cli = 'dist/cli.js';
const code = readFileSync(cli, 'utf8');
if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`);
chmodSync(cli, 0o755);

const types = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (types.status !== 0) process.exit(types.status ?? 1);
console.log('built proxy/dist/');
