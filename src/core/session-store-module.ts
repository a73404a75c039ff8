/**
 * Where the session store comes from: `session-store.ts`, imported when a page turns
 * `sessionCache` on, so every bundler makes it a chunk of its own and a page without it never
 * loads it. The script-tag builds replace this module with one that imports `session-store.js`
 * from beside the script (scripts/build.ts), as they do the languages and the dataLayer bridge.
 */
export const loadSessionStore = (): Promise<typeof import('./session-store.ts')> => import('./session-store.ts');
