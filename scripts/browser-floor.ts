/**
 * The support floor (docs/browser-support.md): browsers from early 2023 on, what the code needs.
 * `color-mix()` sets Chrome and Edge 111 and Firefox 113; class static blocks (in Lit, and in every
 * built file) Safari 16.4. The same list is `browserslist` in package.json, and each build's target;
 * scripts/browser-support.ts checks the styles against it.
 */
export const FLOOR = { chrome: '111', edge: '111', firefox: '113', safari: '16.4', safari_ios: '16.4' } as const;
export type Browser = keyof typeof FLOOR;
export const BROWSERS = Object.keys(FLOOR) as Browser[];
export const BROWSER_NAMES: Record<Browser, string> = {
  chrome: 'Chrome',
  edge: 'Edge',
  firefox: 'Firefox',
  safari: 'Safari',
  safari_ios: 'iOS Safari',
};
/** The floor as a build target (esbuild's names, which Vite and Rolldown take). */
export const BUILD_TARGET = ['chrome111', 'edge111', 'firefox113', 'safari16.4', 'ios16.4'];
