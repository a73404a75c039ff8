/**
 * `npm run build:demo`: the demo as a static preview site in `demo-dist/`, which any static host
 * serves (from its root or a sub-path). The mock vendor APIs and the widget proxy run in the page
 * through Mock Service Worker (demo/mock-worker.ts), whose worker script is copied beside
 * `index.html`.
 */
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'vite';

const outDir = 'demo-dist';

await build({
  configFile: false,
  logLevel: 'warn',
  // Relative asset URLs: the same files work at https://host/ and at https://host/some/path/.
  base: './',
  mode: 'static-preview',
  publicDir: false,
  // The in-page server (MSW, the proxy, the mocks) is one lazy chunk of about 0.5 MB: a demo's, not a shopper's.
  build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1024 },
});

copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), `${outDir}/mockServiceWorker.js`);
console.log(`built ${outDir}/: serve it with any static file server`);
