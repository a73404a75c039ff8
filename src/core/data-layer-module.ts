/**
 * Where the dataLayer bridge comes from: `data-layer.ts`, imported the first time an event finds
 * a dataLayer configured, so every bundler makes it a chunk of its own and a page without one
 * never loads it. The script-tag builds replace this module with one that imports
 * `data-layer.js` from beside the script (scripts/build.ts), as they do the languages.
 */
export const loadDataLayer = (): Promise<typeof import('./data-layer.ts')> => import('./data-layer.ts');
