import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from './scripts/chromium.ts';
import { mockApiPlugin } from './demo/mock-api-plugin.ts';
import { demoProxyPlugin } from './demo/proxy-plugin.ts';
import { hostileApiPlugin } from './test/hostile/hostile-plugin.ts';

/**
 * `@open-wc/testing` imports Web Test Runner's socket module, which Vitest does not serve.
 * Resolving it to a stub lets `fixture`, `oneEvent` and the axe `accessible()` check work.
 */
function webTestRunnerSocketStub(): Plugin {
  const id = '\0wtr-socket-stub';
  return {
    name: 'wtr-socket-stub',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('__web-dev-server__web-socket.js') ? id : undefined),
    load: (loaded) => (loaded === id ? 'export const sendMessageWaitForResponse = undefined;' : undefined),
  };
}

/**
 * The built files under `/dist/` exactly as built: Vite would otherwise treat a script with an
 * `import()` (the language loader) as source and inject its client into a classic script.
 */
function distAsBuilt(): Plugin {
  const types: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
    '.map': 'application/json',
  };
  return {
    name: 'dist-as-built',
    configureServer(server) {
      server.middlewares.use('/dist', (req, res, next) => {
        const file = resolve('dist', `.${decodeURIComponent((req.url ?? '/').split('?')[0])}`);
        if (!file.startsWith(resolve('dist')) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
        res.setHeader('cache-control', 'no-store');
        res.end(readFileSync(file));
      });
    },
  };
}

export default defineConfig({
  plugins: [
    distAsBuilt(),
    mockApiPlugin(),
    demoProxyPlugin(),
    // The hostile-world test API (`/hostile/`) exists only for the tests, never on the demo.
    process.env.VITEST ? hostileApiPlugin() : undefined,
    webTestRunnerSocketStub(),
  ],
  server: { port: 5173 },
  optimizeDeps: {
    include: [
      'lit',
      'lit/decorators.js',
      'lit/directives/class-map.js',
      '@lit/task',
      '@open-wc/testing',
      'axe-core',
      'react',
      'react-dom',
      'react-dom/client',
      '@lit/react',
    ],
  },
  test: {
    projects: [
      // The proxy package's own tests, with its own config.
      'proxy/vitest.config.ts',
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotDirectory: 'test/__screenshots__',
            provider: playwright({
              launchOptions: { executablePath: findChromium(), args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
