import { defineConfig } from 'vitest/config';

/** The proxy's tests: all in Node (`npm test` here, or the root's `npm test` with every project). */
export default defineConfig({
  test: {
    name: 'proxy',
    root: import.meta.dirname,
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
