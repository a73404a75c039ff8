import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import {
  allowedAbove,
  BROWSERS,
  BUILD_TARGET,
  cssFeatures,
  FLOOR,
  meetsFloor,
  widgetCss,
} from '../../scripts/browser-support.ts';

/**
 * The support floor (docs/browser-support.md) holds for what ships to browsers: the script-tag
 * files parse as ES2022, which every browser of the floor reads in full (a newer syntax, such as
 * a RegExp `v` flag, is a syntax error there: no widget at all), and every CSS feature of the
 * widgets' styles is in every browser of the floor by MDN's data, or is listed with what a
 * browser without it shows. ESLint checks the scripts' APIs (compat/compat and es-x, on src/).
 */
const BROWSER_FILES = [
  ...readdirSync('dist')
    .filter((name) => name.endsWith('.js'))
    .map((name) => `dist/${name}`),
  ...readdirSync('dist/translations').map((name) => `dist/translations/${name}`),
];

describe('the support floor', () => {
  it('is the same in package.json (browserslist, for ESLint) and in the builds', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { browserslist: string[] };
    const names = { chrome: 'chrome', edge: 'edge', firefox: 'firefox', safari: 'safari', safari_ios: 'ios_saf' };
    expect(pkg.browserslist).toEqual(BROWSERS.map((b) => `${names[b]} >= ${FLOOR[b]}`));
    const ios = { safari_ios: 'ios' } as Record<string, string>;
    expect(BUILD_TARGET).toEqual(BROWSERS.map((b) => `${ios[b] ?? b}${FLOOR[b]}`));
    expect(readFileSync('scripts/build.ts', 'utf8')).not.toMatch(/target: '/);
  });

  it.each(BROWSER_FILES)('%s parses as ES2022', (file) => {
    const code = readFileSync(file, 'utf8');
    const sourceType = file.endsWith('.iife.js') ? 'script' : 'module';
    expect(() => parse(code, { ecmaVersion: 2022, sourceType })).not.toThrow();
  });

  it('catches syntax above ES2022', () => {
    expect(() => parse('/[\\p{L}--[a-z]]/v', { ecmaVersion: 2022 })).toThrow(/flag/);
  });

  it('holds for every CSS feature of the widgets, or what a browser without it shows is known', async () => {
    const { features, unknown } = cssFeatures(await widgetCss());
    expect(features.length).toBeGreaterThan(100);
    expect(unknown).toEqual([]);
    const above = features
      .filter((feature) => !meetsFloor(feature) && !allowedAbove(feature.key))
      .map((feature) => `${feature.name} (${feature.key}): ${JSON.stringify(feature.since)}`);
    expect(above).toEqual([]);
  });

  it('catches a CSS feature above the floor', () => {
    const { features } = cssFeatures(':host { text-wrap: balance; } .a:has(b) { color: red }');
    expect(features.filter((feature) => !meetsFloor(feature)).map((feature) => feature.key)).toEqual([
      'css.properties.text-wrap',
      'css.properties.text-wrap.balance',
      'css.selectors.has',
    ]);
  });
});
