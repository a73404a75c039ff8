/**
 * `npm run build`: every artifact the package ships.
 * - `dist/storefront-widgets.js`: one ES module, Lit inlined, registers both tags.
 * - `dist/storefront-widgets.iife.js`: the same as a classic script (`window.StorefrontWidgets`).
 * - `dist/npm/`: the npm entries (`index`, `define`, ...), dependencies left as imports.
 * - `dist/proxy/`: the Node proxy and its CLI.
 * - `dist/types/`: declarations for every entry.
 * - `custom-elements.json`: the elements' API, from their JSDoc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { build, type InlineConfig } from 'vite';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id: string) => id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

const common: InlineConfig = { configFile: false, logLevel: 'warn', publicDir: false };

rmSync('dist', { recursive: true, force: true });

for (const format of ['es', 'iife'] as const) {
  await build({
    ...common,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: {
        entry: 'src/browser.ts',
        name: 'StorefrontWidgets',
        formats: [format],
        fileName: () => (format === 'es' ? 'storefront-widgets.js' : 'storefront-widgets.iife.js'),
      },
      // Lib mode keeps whitespace in ES output for other bundlers; this file is for browsers.
      rollupOptions: { output: { minify: true } },
    },
  });
}

await build({
  ...common,
  build: {
    outDir: 'dist/npm',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
    rollupOptions: { external },
  },
});

if (existsSync('src/proxy/index.ts')) await build({
  ...common,
  build: {
    outDir: 'dist/proxy',
    emptyOutDir: false,
    ssr: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { index: 'src/proxy/index.ts', cli: 'src/proxy/cli.ts' },
      external,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});

for (const [command, ...args] of [
  ['npx', 'tsc', '-p', 'tsconfig.build.json'],
  ['npx', 'cem', 'analyze', '--quiet'],
]) {
  const step = spawnSync(command, args, { stdio: 'inherit' });
  if (step.status !== 0) process.exit(step.status ?? 1);
}
console.log('built dist/');
