import type { Plugin } from 'vite';
import { nodeToWebHandler } from '../support/mocks/node-adapter.ts';
import { hostileApi } from './hostile-api.ts';

/**
 * Mounts the hostile vendor APIs (`test/hostile/hostile-api.ts`) on the test browser's Vite
 * server under `/hostile/`, beside the demo's `/mock/`. Test-only: nothing here is shipped.
 */
export function hostileApiPlugin(): Plugin {
  const middleware = nodeToWebHandler(hostileApi, '/hostile');
  return {
    name: 'storefront-hostile-apis',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
