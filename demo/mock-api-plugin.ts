import type { Plugin } from 'vite';
import { mockApi } from '../test/support/mocks/mock-api.ts';
import { nodeToWebHandler } from '../test/support/mocks/node-adapter.ts';

/**
 * Mounts the mock vendor APIs on the dev server (and on Vitest's browser server) under
 * `/mock/`, so the demo and the element tests need no keys and no network.
 */
export function mockApiPlugin(): Plugin {
  const middleware = nodeToWebHandler(mockApi, '/mock');
  return {
    name: 'storefront-mock-apis',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
