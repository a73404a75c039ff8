/**
 * `npm run build`: every artifact the package ships.
 * - `dist/storefront-widgets.js`: one ES module, Lit inlined, registers both tags.
 * - `dist/storefront-widgets.iife.js`: the same as a classic script (`window.StorefrontWidgets`).
 * - `dist/npm/`: the npm entries (`index`, `define`, `react`), dependencies left as imports.
 * - `dist/proxy/`: the Node proxy and its CLI (`bin`: made executable, with a shebang).
 * - `dist/types/`: declarations for every entry.
 * - `custom-elements.json`: the elements' API, from their JSDoc.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build, type InlineConfig } from 'vite';
import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id: string) => id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

// Lit's `css` and `html` templates are strings the JS minifier leaves alone: minify them too.
// Attribute values that need no quotes lose them (`part=base`, `class=${…}`): Lit binds an
// unquoted attribute expression as it does a quoted one.
const minifyTemplates = minifyTemplateLiterals({ include: ['src/**/*.ts'], failOnError: true, options: { minifyOptions: { removeAttributeQuotes: true } } });
const common: InlineConfig = { configFile: false, logLevel: 'warn', publicDir: false, plugins: [minifyTemplates] };

rmSync('dist', { recursive: true, force: true });

for (const format of ['es', 'iife'] as const) {
  await build({
    ...common,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      // Terser, then Rolldown's own minifier (`output.minify` below) over its output: about
      // 0.25 kB gzip less than either alone for the script-tag files.
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      lib: {
        entry: 'src/browser.ts',
        name: 'StorefrontWidgets',
        formats: [format],
        fileName: () => (format === 'es' ? 'storefront-widgets.js' : 'storefront-widgets.iife.js'),
      },
      // Lib mode keeps whitespace in ES output for other bundlers; this file is for browsers.
      // The dataLayer bridge, loaded only by pages that configure a dataLayer, is a file beside
      // the ES build (storefront-widgets-data-layer.js); the classic script inlines it.
      rollupOptions: { output: { minify: true, chunkFileNames: 'storefront-widgets-[name].js' } },
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
    lib: { entry: { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' }, formats: ['es'] },
    // One file per source module: with `sideEffects` in package.json, an app's bundler then
    // drops whole modules it does not use (a widget it never imports), which it cannot do
    // inside one shared chunk, where the class definitions look like side effects.
    rollupOptions: { external, output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' } },
  },
});

await build({
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

// `bin` points at the CLI: npm links it as an executable, which needs the shebang line.
const cli = 'dist/proxy/cli.js';
if (existsSync(cli)) {
  const code = readFileSync(cli, 'utf8');
  if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`);
  chmodSync(cli, 0o755);
}

for (const [command, ...args] of [
  ['npx', 'tsc', '-p', 'tsconfig.build.json'],
  ['npx', 'cem', 'analyze', '--quiet'],
]) {
  const step = spawnSync(command, args, { stdio: 'inherit' });
  if (step.status !== 0) process.exit(step.status ?? 1);
}
console.log('built dist/');
