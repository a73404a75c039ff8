/**
 * `npm run build`: every artifact the package ships.
 * - `dist/storefront-widgets.js`: one ES module, Lit inlined, registers both tags.
 * - `dist/storefront-widgets.iife.js`: the same as a classic script (`window.StorefrontWidgets`).
 * - `dist/buy-again-list.js`/`.iife.js`, `dist/cart-summary.js`/`.iife.js`: one widget each.
 * - `dist/translations/<language>.js`: the languages besides English, which the files above load
 *   from beside themselves only where a widget's locale needs one.
 * - `dist/data-layer.js`: the dataLayer and Consent Mode bridge, which they load from beside
 *   themselves only on a page that configures a dataLayer; `dist/session-store.js`, the page
 *   cache's `sessionStorage` code, only on a page that turns `sessionCache` on.
 * - `dist/npm/`: the npm entries (`index`, `define`, `react`), dependencies left as imports;
 *   `dist/npm-dev/` the same for development, with each error code's full text in the console.
 * - `dist/types/`: declarations for every entry.
 * - `custom-elements.json`: the elements' API, from their JSDoc.
 * The proxy is its own package (`proxy/`), built by its own `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { build, type InlineConfig, type Plugin } from 'vite';
import minifyTemplateLiterals from 'rollup-plugin-minify-template-literals';
import { BUILD_TARGET } from './browser-floor.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id: string) =>
  id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

// Lit's `css` and `html` templates are strings the JS minifier leaves alone: minify them too.
// Attribute values that need no quotes lose them (`part=base`, `class=${…}`): Lit binds an
// unquoted attribute expression as it does a quoted one. The plugin's types name Rollup's Plugin,
// which is not installed (Vite runs on Rolldown): it is typed as the Vite plugin it is used as.
const minifyTemplates = minifyTemplateLiterals({
  include: ['src/**/*.ts'],
  failOnError: true,
  options: { minifyOptions: { removeAttributeQuotes: true } },
}) as Plugin;
/** A file for browsers keeps no comment, nor the `@__PURE__` marks that only bundlers read. */
const forBrowsers = false;

const common: InlineConfig = { configFile: false, logLevel: 'warn', publicDir: false, plugins: [minifyTemplates] };

rmSync('dist', { recursive: true, force: true });

/** The built-in languages besides English: one module each in src/translations/. */
const languages = readdirSync('src/translations')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

/** The modules the script-tag files load from beside themselves (`src/core/<name>.ts`), by their loader. */
const besideTheScript = { 'data-layer': 'loadDataLayer', 'session-store': 'loadSessionStore' };

/**
 * The script-tag files load a language from `translations/<language>.js` beside themselves, and
 * the dataLayer bridge from `data-layer.js`, wherever the merchant hosts them (any folder, a CDN
 * path): resolved against the script's own URL, never against the page, and with its query, so a
 * version in it (`?ver=0.2.0`, as WordPress and Shopify write them) reaches those files too and an
 * update never meets an older file the browser kept. Same origin passes `script-src 'self'`; from
 * a CDN the module import needs the CDN's CORS header, which the npm CDNs send.
 */
function scriptTagModules(format: 'es' | 'iife'): Plugin {
  // A classic script has no import.meta (Rolldown does not fill it in for IIFE output): its own
  // URL is document.currentScript's while it runs, read once then.
  const base =
    format === 'es' ? 'import.meta.url' : '(document.currentScript && document.currentScript.src) || document.baseURI';
  const beside = '\0beside-the-script';
  return {
    name: 'script-tag-modules',
    resolveId: (id) => (id === beside ? id : undefined),
    load(id) {
      if (id === beside)
        return `const base = new URL(${base});
export const beside = (file) => import(/* @vite-ignore */ new URL(file + base.search, base).href);`;
      const path = id.replaceAll('\\', '/');
      if (path.endsWith('/src/core/translation-modules.ts'))
        return `import { beside } from '${beside}';
const from = (language) => () => beside(\`translations/\${language}.js\`);
export const translationModules = { ${languages.map((language) => `${language}: from('${language}')`).join(', ')} };`;
      // The dataLayer bridge and the session store likewise: `data-layer.js` and
      // `session-store.js` beside the script, one file each for all of them.
      for (const [module, loader] of Object.entries(besideTheScript))
        if (path.endsWith(`/src/core/${module}-module.ts`))
          return `import { beside } from '${beside}';
export const ${loader} = () => beside('${module}.js');`;
      return undefined;
    },
  };
}

/**
 * A classic script is decoded in its page's encoding unless the server names a charset: on a shop
 * page in windows-1252 or Shift_JIS, "…" or "×" would come out garbled. The classic files are
 * ASCII, every other character written as an escape (a few bytes; ES modules are always UTF-8).
 */
const asciiOnly: Plugin = {
  name: 'ascii-only',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle))
      if (file.type === 'chunk')
        file.code = file.code.replace(
          /[^\0-\x7f]/g,
          (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
  },
};

/**
 * The script-tag files: both widgets (`storefront-widgets`), and each alone. ES module and classic
 * script; the classic one merges its API into `window.StorefrontWidgets`, so files mixed on one
 * page each add theirs.
 */
const scriptTagEntries = {
  'storefront-widgets': 'src/browser.ts',
  'buy-again-list': 'src/browser-buy-again-list.ts',
  'cart-summary': 'src/browser-cart-summary.ts',
};
for (const [name, entry] of Object.entries(scriptTagEntries)) {
  for (const format of ['es', 'iife'] as const) {
    await build({
      ...common,
      plugins: [...common.plugins!, scriptTagModules(format), ...(format === 'iife' ? [asciiOnly] : [])],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: BUILD_TARGET,
        // Terser, then Rolldown's own minifier (`output.minify` below) over its output: about
        // 0.25 kB gzip less than either alone for the script-tag files.
        minify: 'terser',
        terserOptions: { compress: { passes: 2 } },
        lib: {
          entry,
          name: 'StorefrontWidgets',
          formats: [format],
          fileName: () => (format === 'es' ? `${name}.js` : `${name}.iife.js`),
        },
        // Lib mode keeps whitespace and `@__PURE__` marks in ES output for other bundlers; this file
        // is for browsers (the marks were about 60 B gzip of each ES file).
        rollupOptions: { output: { minify: true, comments: forBrowsers, extend: true } },
      },
    });
  }
}

// The languages the script-tag files load: `dist/translations/<language>.js`, an ES module whose
// default export is the language's table (src/core/translations.ts).
await build({
  ...common,
  build: {
    outDir: 'dist/translations',
    emptyOutDir: false,
    target: BUILD_TARGET,
    minify: true,
    lib: {
      entry: Object.fromEntries(languages.map((language) => [language, `src/translations/${language}.ts`])),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { output: { minify: true, comments: forBrowsers } },
  },
});

// The dataLayer bridge and the session store the script-tag files load: `dist/data-layer.js` and
// `dist/session-store.js`, ES modules (their imports from the rest of the library are types
// only: what they work on, the caller hands them).
await build({
  ...common,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: BUILD_TARGET,
    minify: true,
    lib: {
      entry: Object.fromEntries(Object.keys(besideTheScript).map((name) => [name, `src/core/${name}.ts`])),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { output: { minify: true, comments: forBrowsers } },
  },
});

/**
 * The npm entries: `dist/npm/` for production, and `dist/npm-dev/` for the `development` export
 * condition, which Vite and webpack resolve while an app is developed. The development files are
 * the same code with `import.meta.env.DEV` true: each console warning adds the full text of its
 * error code (`core/error-texts.ts`), which production leaves out.
 */
for (const dev of [false, true]) {
  await build({
    ...common,
    define: { 'import.meta.env.DEV': String(dev) },
    build: {
      outDir: dev ? 'dist/npm-dev' : 'dist/npm',
      emptyOutDir: false,
      target: BUILD_TARGET,
      minify: false,
      lib: {
        entry: {
          index: 'src/index.ts',
          define: 'src/define.ts',
          'define-buy-again-list': 'src/define-buy-again-list.ts',
          'define-cart-summary': 'src/define-cart-summary.ts',
          react: 'src/react.ts',
        },
        formats: ['es'],
      },
      // One file per source module: with `sideEffects` in package.json, an app's bundler then
      // drops whole modules it does not use (a widget it never imports), which it cannot do
      // inside one shared chunk, where the class definitions look like side effects.
      rollupOptions: {
        external,
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  });
}

for (const [command, ...args] of [
  ['npx', 'tsc', '-p', 'tsconfig.build.json'],
  ['npx', 'cem', 'analyze', '--quiet'],
]) {
  const step = spawnSync(command, args, { stdio: 'inherit' });
  if (step.status !== 0) process.exit(step.status ?? 1);
}
console.log('built dist/');
