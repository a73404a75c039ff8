/**
 * The browsers the widgets support, and what their styles use from MDN's compatibility data.
 * `npx tsx scripts/browser-support.ts` prints the CSS features with the first version of each
 * browser that has them (the table in docs/browser-support.md); test/dist/browser-support.test.ts
 * fails on any of them newer than the floor that is not listed in ABOVE_THE_FLOOR.
 */
import { createRequire } from 'node:module';
import type { CompatData, CompatStatement, Identifier, SimpleSupportStatement } from '@mdn/browser-compat-data';
import * as csstree from 'css-tree';
import { BROWSER_NAMES, BROWSERS, FLOOR, type Browser } from './browser-floor.ts';

// Node's own JSON loading: a bundler's (Vitest's) takes a minute over these 20 MB.
const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data') as CompatData;

export { BROWSER_NAMES, BROWSERS, BUILD_TARGET, FLOOR, type Browser } from './browser-floor.ts';

/**
 * Features the styles use although a browser of the floor lacks them, each with what such a
 * browser shows instead. Nothing else above the floor may be used.
 */
export const ABOVE_THE_FLOOR: Record<string, string> = {
  'css.selectors.dir':
    'Chrome and Edge 111-119: on a right-to-left page the carousel arrows and the cart chevron are not mirrored',
  'css.properties.scrollbar-width':
    'Chrome and Edge 111-120, Safari before 18.2: the carousel has the default (wider) scrollbar',
  'css.properties.line-clamp': 'no browser yet: `-webkit-line-clamp` beside it clamps names to two lines everywhere',
  'css.properties.user-select':
    'Safari and iOS Safari: nothing different, `-webkit-user-select` beside it keeps words for the ear out of a copy',
  'css.properties.cursor.*': 'iOS Safari: no mouse pointer to change (MDN counts iPad pointers as none)',
};

/** The reason a feature above the floor may be used (its own, or its property's), or undefined. */
export function allowedAbove(key: string): string | undefined {
  const parts = key.split('.');
  for (let end = parts.length; end > 2; end--) {
    const reason =
      ABOVE_THE_FLOOR[parts.slice(0, end).join('.')] ?? ABOVE_THE_FLOOR[`${parts.slice(0, end - 1).join('.')}.*`];
    if (reason) return reason;
  }
  return undefined;
}

/** A feature: its MDN key, how the styles write it, and the first version of each browser. */
export interface Feature {
  key: string;
  name: string;
  since: Record<Browser, string | null>;
}

type Data = { __compat?: CompatStatement; [key: string]: unknown };

function node(key: string): Data | undefined {
  let at: unknown = bcd;
  for (const part of key.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
  return (at as Data | undefined)?.__compat ? (at as Data) : undefined;
}

/**
 * The first version with the feature as written (unprefixed, or with `prefix`), unflagged, in a
 * run of support that lasts to now: a partial implementation that a full one replaced counts from
 * its start, one that was removed for good (an accidental exposure) does not count.
 */
function firstVersion(compat: CompatStatement, browser: Browser, prefix: string): string | null {
  const raw = compat.support[browser];
  const statements = ((Array.isArray(raw) ? raw : [raw]).filter(Boolean) as SimpleSupportStatement[]).filter(
    (s) =>
      !s.flags &&
      !s.alternative_name &&
      (s.prefix ?? '') === prefix &&
      typeof s.version_added === 'string' &&
      s.version_added !== 'preview',
  );
  const added = (s: SimpleSupportStatement) => (s.version_added as string).replace('≤', '');
  let since = statements
    .filter((s) => !s.version_removed)
    .map(added)
    .sort(compareVersions)[0];
  if (!since) return null;
  for (let earlier = true; earlier;) {
    earlier = false;
    for (const s of statements)
      if (
        s.version_removed &&
        compareVersions(String(s.version_removed), since) >= 0 &&
        compareVersions(added(s), since) < 0
      ) {
        since = added(s);
        earlier = true;
      }
  }
  return since;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Whether every browser of the floor has it. */
export function meetsFloor(feature: Feature): boolean {
  return BROWSERS.every((b) => feature.since[b] !== null && compareVersions(feature.since[b], FLOOR[b]) <= 0);
}

const UNIT_KEYS: [RegExp, string][] = [
  [/^cq(w|h|i|b|min|max)$/, 'container_query_length_units'],
  [/^dv(w|h|i|b|min|max)$/, 'viewport_percentage_units_dynamic'],
  [/^lv(w|h|i|b|min|max)$/, 'viewport_percentage_units_large'],
  [/^sv(w|h|i|b|min|max)$/, 'viewport_percentage_units_small'],
];

/** The CSS features a stylesheet uses, by MDN key; `unknown` lists what has no key. */
export function cssFeatures(cssText: string): { features: Feature[]; unknown: string[] } {
  const found = new Map<string, Feature>();
  const unknown = new Set<string>();
  const add = (key: string | undefined, name: string, prefix = '') => {
    const data = key ? node(key) : undefined;
    if (!key || !data) return void unknown.add(name);
    const id = prefix ? `${key} (${prefix})` : key;
    if (found.has(id)) return;
    const since = Object.fromEntries(BROWSERS.map((b) => [b, firstVersion(data.__compat!, b, prefix)]));
    found.set(id, { key, name: `\`${name}\``, since: since as Feature['since'] });
  };
  /** A sub-feature (a keyword value) where MDN has one; nothing otherwise. */
  const addValue = (parent: string, value: string, name: string) => {
    if (node(`${parent}.${value}`)) add(`${parent}.${value}`, name);
  };
  let property = '';
  const functionKey = (name: string): string | undefined => {
    if (node(`css.types.${name}`)) return `css.types.${name}`;
    if (node(`css.properties.${property}.${name}`)) return `css.properties.${property}.${name}`;
    for (const [type, data] of Object.entries(bcd.css.types as Record<string, Identifier>))
      if (data[name]?.__compat) return `css.types.${type}.${name}`;
    return undefined;
  };

  const ast = csstree.parse(cssText, { parseCustomProperty: true });
  csstree.walk(ast, {
    enter(item: csstree.CssNode) {
      switch (item.type) {
        case 'Atrule':
          add(`css.at-rules.${item.name}`, `@${item.name}`);
          break;
        case 'Feature':
          if (item.kind === 'media') add(`css.at-rules.media.${item.name}`, `@media (${item.name})`);
          break;
        case 'PseudoClassSelector':
          if (item.name === 'host' && item.children) add('css.selectors.hostfunction', ':host()');
          else add(`css.selectors.${item.name}`, `:${item.name}`);
          break;
        case 'PseudoElementSelector':
          add(`css.selectors.${item.name}`, `::${item.name}`);
          break;
        case 'Declaration': {
          if (item.property.startsWith('--')) {
            add('css.properties.custom-property', '--*');
            break;
          }
          const prefix = /^-(webkit|moz)-/.exec(item.property)?.[0] ?? '';
          property = item.property.slice(prefix.length);
          add(`css.properties.${property}`, item.property, prefix);
          // Keywords of the property itself; a function's own are looked up under the function.
          const parent = `css.properties.${property}`;
          csstree.walk(item.value, function (this: csstree.WalkContext, value) {
            if (value.type === 'Identifier' && !this.function)
              addValue(parent, value.name, `${item.property}: ${value.name}`);
          });
          break;
        }
        case 'Function': {
          const key = functionKey(item.name);
          add(key, `${item.name}()`);
          if (key)
            csstree.walk(item, (value) => {
              if (value.type === 'Identifier') addValue(key, value.name, `${item.name}(${value.name})`);
            });
          break;
        }
        case 'Dimension': {
          const unit = item.unit.toLowerCase();
          const length = UNIT_KEYS.find(([pattern]) => pattern.test(unit))?.[1] ?? unit;
          const key = [`css.types.length.${length}`, `css.types.angle.${unit}`, `css.types.time.${unit}`].find(node);
          // `px` and `fr` have no key of their own: the length type's and the flex type's.
          add(key ?? { px: 'css.types.length', fr: 'css.types.flex', s: 'css.types.time' }[unit], unit);
          break;
        }
      }
    },
  });
  return { features: [...found.values()].sort((a, b) => a.key.localeCompare(b.key)), unknown: [...unknown].sort() };
}

/**
 * What the scripts use that is younger than about 2019, by MDN key (ESLint's compat and es-x rules
 * check the scripts themselves; this is for the table). Those marked guarded are used only where
 * the browser has them.
 */
export const SCRIPT_FEATURES: [name: string, key: string, guarded?: string][] = [
  ['class static blocks (`static {…}`, in Lit and the built files)', 'javascript.classes.static.initialization_blocks'],
  ['private class members (`#x`)', 'javascript.classes.private_class_methods'],
  ['`Array.prototype.at`', 'javascript.builtins.Array.at'],
  ['`Object.hasOwn`', 'javascript.builtins.Object.hasOwn'],
  ['`AbortSignal.timeout`', 'api.AbortSignal.timeout_static'],
  ['`AbortSignal.any`', 'api.AbortSignal.any_static', 'else an AbortController of its own'],
  ['`scheduler.yield`', 'api.Scheduler.yield', 'else a MessageChannel message'],
  ['`requestIdleCallback`', 'api.Window.requestIdleCallback', 'else a timer'],
  ['`Element.checkVisibility`', 'api.Element.checkVisibility', 'else drawn'],
  ['`Intl.supportedValuesOf`', 'javascript.builtins.Intl.supportedValuesOf'],
  ['`Intl.Locale`', 'javascript.builtins.Intl.Locale'],
  ['`Intl.ListFormat`', 'javascript.builtins.Intl.ListFormat'],
  ['`Intl.RelativeTimeFormat`', 'javascript.builtins.Intl.RelativeTimeFormat'],
  [
    '`Intl.DateTimeFormat` `dateStyle`',
    'javascript.builtins.Intl.DateTimeFormat.DateTimeFormat.options_parameter.options_dateStyle_parameter',
  ],
  ['`BigInt`', 'javascript.builtins.BigInt'],
  ['RegExp lookbehind', 'javascript.regular_expressions.lookbehind_assertion'],
  ['`adoptedStyleSheets` (Lit falls back to `<style>`)', 'api.ShadowRoot.adoptedStyleSheets'],
  ['`ResizeObserver`', 'api.ResizeObserver'],
  ['`IntersectionObserver`', 'api.IntersectionObserver'],
  ['`import.meta` (ES module files)', 'javascript.operators.import_meta'],
  ['`import()` (languages, dataLayer bridge)', 'javascript.operators.import'],
];

/** A script feature's versions, as a Feature. */
export function scriptFeature(name: string, key: string): Feature | undefined {
  const data = node(key);
  if (!data) return undefined;
  const since = Object.fromEntries(BROWSERS.map((b) => [b, firstVersion(data.__compat!, b, '')]));
  return { key, name, since: since as Feature['since'] };
}

/** A markdown table of the features, with the versions newer than the floor in bold. */
export function featureTable(features: Feature[]): string {
  const rows = [
    `| feature | MDN key | ${BROWSERS.map((b) => BROWSER_NAMES[b]).join(' | ')} |`,
    `| --- | --- | ${BROWSERS.map(() => '---:').join(' | ')} |`,
  ];
  for (const feature of features)
    rows.push(
      `| ${feature.name} | ${feature.key} | ${BROWSERS.map((b) => {
        const version = feature.since[b] ?? 'no';
        return feature.since[b] && compareVersions(feature.since[b], FLOOR[b]) <= 0 ? version : `**${version}**`;
      }).join(' | ')} |`,
    );
  return rows.join('\n');
}

/** The widgets' stylesheets, as the elements adopt them. */
export async function widgetCss(): Promise<string> {
  const sheets = await Promise.all([
    import('../src/components/buy-again-list/buy-again-list.styles.ts'),
    import('../src/components/cart-summary/cart-summary.styles.ts'),
  ]);
  return [...new Set(sheets.flatMap((module) => module.styles).map((sheet) => sheet.cssText))].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { features, unknown } = cssFeatures(await widgetCss());
  // The features of about 2019 on (newer than Chrome 80 or Safari 13 somewhere), as in the docs;
  // `--all` for every one.
  const recent = (f: Feature) =>
    process.argv.includes('--all') ||
    BROWSERS.some((b) => f.since[b] === null || compareVersions(f.since[b], b.startsWith('safari') ? '13' : '80') > 0);
  console.log(featureTable(features.filter(recent)));
  console.log();
  const scripts = SCRIPT_FEATURES.map(([name, key, guarded]) => {
    const feature = scriptFeature(name, key);
    if (!feature) throw new Error(`no MDN data for ${key}`);
    return { ...feature, name: guarded ? `${name}, guarded: ${guarded}` : name };
  });
  console.log(featureTable(scripts));
  if (unknown.length) console.log(`\nNot in MDN's data: ${unknown.join(', ')}`);
}
