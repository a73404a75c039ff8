import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../proxy/src/settings.ts';
import { errorTexts } from '../src/core/error-texts.ts';

/**
 * The docs as a reader follows them: the README is a short guide whose details live in docs/, so
 * every relative link must reach a file (and a heading) that exists, and the README must still
 * name every attribute, event, part, slot and CSS custom property of both elements (DESIGN.md's
 * public contract, as custom-elements.json lists it).
 */
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  'proxy/README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside fenced code blocks and inline code, where links and headings are. */
function prose(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line.replace(/``.+?``/g, '').replace(/`[^`\n]*`/g, (code) => code.replace(/[[\]()]/g, ' '));
    })
    .join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`]/g, (mark) => (mark === '_' ? '_' : ''));
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count ? `${base}-${count}` : base);
  }
  return found;
}

function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]);
}

describe('the docs', () => {
  it('finds links and anchors as GitHub does', () => {
    expect(
      anchors(
        '# `<buy-again-list>`\n## Ways in\n## Ways in\n```sh\n# not a heading\n```\n## Add to cart: `waitUntil()`',
      ),
    ).toEqual(new Set(['buy-again-list', 'ways-in', 'ways-in-1', 'add-to-cart-waituntil']));
    expect(links('[a](docs/a.md#x) `[b](c.md)` [d](https://example.com) ![e](img.png)\n```\n[f](g.md)\n```')).toEqual([
      'docs/a.md#x',
      'https://example.com',
      'img.png',
    ]);
  });

  it.each(PAGES)('%s: every relative link reaches a file, and a heading where it names one', (page) => {
    const broken: string[] = [];
    for (const target of links(readFileSync(page, 'utf8'))) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
      const [path, anchor] = target.split('#');
      const file = path ? normalize(join(dirname(page), decodeURIComponent(path))) : page;
      if (!existsSync(file)) {
        broken.push(`${target}: no file ${file}`);
        continue;
      }
      if (anchor === undefined || statSync(file).isDirectory() || !file.endsWith('.md')) continue;
      if (!anchors(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor)))
        broken.push(`${target}: no heading #${anchor} in ${file}`);
    }
    expect(broken).toEqual([]);
  });

  it('the README links every page in docs/', () => {
    const linked = new Set(links(readFileSync('README.md', 'utf8')).map((target) => target.split('#')[0]));
    expect(PAGES.filter((page) => page.startsWith('docs/') && !linked.has(page))).toEqual([]);
  });

  it('the README stays a short guide', () => {
    expect(readFileSync('README.md', 'utf8').length).toBeLessThan(26_000);
  });

  it(
    'the proxy readme (which ships with the package, and which the CLI points at) has the same Settings as ' +
      'docs/proxy.md, and every setting the CLI reads',
    () => {
      const settings = (page: string) => {
        const text = readFileSync(page, 'utf8');
        const start = text.indexOf('\n## Settings\n');
        expect(start, `${page} has no "## Settings"`).toBeGreaterThan(-1);
        const end = text.indexOf('\n## ', start + 1);
        // Links differ only in where they point: the guide's own anchors, or the guide from the package.
        return text.slice(start, end < 0 ? undefined : end).replace(/\]\([^)]*\)/g, ']');
      };
      const table = settings('proxy/README.md');
      expect(table).toBe(settings('docs/proxy.md'));
      expect(SETTINGS.filter(({ env }) => !table.includes(`| \`${env}\` |`))).toEqual([]);
    },
  );
});

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  slots?: { name: string }[];
}

/** The README's text under a `###` heading, up to the next heading of that level or above. */
function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n### ${heading}\n`);
  expect(start, `the README has no "### ${heading}"`).toBeGreaterThan(-1);
  const end = readme.slice(start + 1).search(/\n#{1,3} /);
  return readme.slice(start, end < 0 ? undefined : start + 1 + end);
}

describe('the README documents the public contract', () => {
  it.each(['buy-again-list', 'cart-summary'])(
    '<%s>: every attribute, event, part, slot and CSS custom property',
    (tag) => {
      expect(
        existsSync('custom-elements.json'),
        'custom-elements.json is missing: run `npm run build` (or `npm run analyze`)',
      ).toBe(true);
      const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
        modules: { declarations?: Declaration[] }[];
      };
      const element = manifest.modules
        .flatMap((mod) => mod.declarations ?? [])
        .find((declaration) => declaration.tagName === tag);
      expect(element, `<${tag}> is not in custom-elements.json`).toBeDefined();
      const readme = readFileSync('README.md', 'utf8');
      // The element's own section, and what both elements share.
      const text = section(readme, `\`<${tag}>\``) + section(readme, 'Both elements');
      const missing = (kind: string, list: { name: string }[] = []) =>
        list
          .map(({ name }) => name)
          .filter((name) => !text.includes(`\`${name}\``))
          .map((name) => `${kind} ${name}`);
      expect([
        ...missing('attribute', element!.attributes),
        ...missing('event', element!.events),
        ...missing('part', element!.cssParts),
        ...missing('slot', element!.slots),
        ...missing('CSS property', element!.cssProperties),
      ]).toEqual([]);
      expect(text).toContain('`refresh(): Promise<void>`');
      for (const list of [
        element!.attributes,
        element!.events,
        element!.cssParts,
        element!.slots,
        element!.cssProperties,
      ])
        expect(list?.length).toBeGreaterThan(0);
    },
  );
});

describe('the analytics events', () => {
  it.each(['buy-again-list', 'cart-summary'])(
    "<%s>: every event it reports is in docs/analytics.md's table and the README's widget-analytics row",
    (tag) => {
      const source = readFileSync(`src/components/${tag}/${tag}.ts`, 'utf8');
      const reported = [
        ...new Set(
          [...source.matchAll(/(?:reportAnalytics|#report)\(\s*(?:this,\s*)?'(\w+)'/g)].map((match) => match[1]),
        ),
      ];
      expect(reported.length).toBeGreaterThan(0);
      const table = readFileSync('docs/analytics.md', 'utf8')
        .split('\n')
        .filter((line) => line.includes(`\`<${tag}>\``));
      const row = section(readFileSync('README.md', 'utf8'), `\`<${tag}>\``)
        .split('\n')
        .find((line) => line.startsWith('| `widget-analytics` |'));
      expect([
        ...reported
          .filter((event) => !table.some((line) => line.startsWith(`| \`${event}\` |`)))
          .map((event) => `docs ${event}`),
        ...reported.filter((event) => !row?.includes(`\`${event}\``)).map((event) => `README ${event}`),
      ]).toEqual([]);
    },
  );
});

describe('the error codes', () => {
  /** Every source file of the scripts, by its path under src/. */
  const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [file, readFileSync(join('src', file), 'utf8')] as const);

  /**
   * Every code the scripts can report: `coded(kind, n)`, `withMessage(kind, message, n)`,
   * `configError(attribute, n)`, or an `SWn` a warning says.
   */
  function thrown(): Map<number, Set<string>> {
    const found = new Map<number, Set<string>>();
    const add = (code: number, kind: string) => (found.get(code) ?? found.set(code, new Set()).get(code)!).add(kind);
    for (const [, source] of sources) {
      for (const [, kind, code] of source.matchAll(/\bcoded\(\s*('[a-z-]+'|\w+)\s*,\s*(\d+)/g))
        add(Number(code), kind.startsWith("'") ? kind.slice(1, -1) : '(a variable)');
      for (const [, kind, code] of source.matchAll(
        /\bwithMessage\(\s*('[a-z-]+'|\w+)\s*,\s*[^,()]+(?:\([^()]*\))?\s*,\s*(\d+)/g,
      ))
        add(Number(code), kind.startsWith("'") ? kind.slice(1, -1) : '(a variable)');
      for (const [, code] of source.matchAll(/\bconfigError\(\s*[^,()]+,\s*(\d+)/g)) add(Number(code), 'config');
      for (const [, code] of source.matchAll(/[`'"][^`'"\n]*\bSW(\d+)\b/g)) add(Number(code), 'warning');
    }
    return found;
  }

  /** docs/errors.md's table: code to the kinds its row names; and the codes its warnings name. */
  function documented(): { table: Map<number, string>; warnings: Set<number> } {
    const text = readFileSync('docs/errors.md', 'utf8');
    const codes = text.slice(text.indexOf('\n## Error codes\n'));
    const table = new Map<number, string>();
    for (const [, code, kinds] of codes.matchAll(/^\| SW(\d+) \| ([^|]+) \|/gm)) {
      expect(table.has(Number(code)), `SW${code} has two rows`).toBe(false);
      table.set(Number(code), kinds);
    }
    const warnings = new Set(
      [...codes.slice(codes.indexOf('\nWarnings')).matchAll(/\bSW(\d+)\b/g)].map((m) => Number(m[1])),
    );
    return { table, warnings };
  }

  it('docs/errors.md gives the text of every code the scripts report, and of no other', () => {
    const used = thrown();
    const { table, warnings } = documented();
    expect(used.size).toBeGreaterThan(30);
    const sorted = (codes: Iterable<number>) => [...codes].sort((a, b) => a - b);
    const errors = [...used].filter(([, kinds]) => !kinds.has('warning'));
    expect(sorted(errors.map(([code]) => code))).toEqual(sorted(table.keys()));
    expect(sorted([...used].filter(([, kinds]) => kinds.has('warning')).map(([code]) => code))).toEqual(
      sorted(warnings),
    );
    // Each row names the kind the code is thrown with.
    for (const [code, kinds] of errors)
      for (const kind of kinds)
        if (kind !== '(a variable)') expect(table.get(code), `SW${code}`).toContain(`\`${kind}\``);
  });

  it("the development build's full texts are docs/errors.md's, word for word", () => {
    const text = readFileSync('docs/errors.md', 'utf8');
    const codes = text.slice(text.indexOf('\n## Error codes\n'));
    const rows = Object.fromEntries(
      [...codes.matchAll(/^\| SW(\d+) \| [^|]+ \| (.+) \|$/gm)].map(([, code, wrong]) => [code, wrong]),
    );
    const errors = Object.entries(errorTexts).filter(([code]) => Number(code) < 50);
    expect(Object.fromEntries(errors)).toEqual(rows);
    const warnings = codes.slice(codes.indexOf('\nWarnings')).split('\n\n')[0].replace(/\s+/g, ' ');
    const warned = Object.entries(errorTexts).filter(([code]) => Number(code) >= 50);
    expect(warned.map(([code]) => code)).toEqual(['50', '51', '52', '53', '54', '55', '56']);
    for (const [code, wrong] of warned) expect(warnings).toContain(`SW${code}, ${wrong}`);
  });

  it('the scripts carry no error sentences: a WidgetError is made from a code, or from a message it was given', () => {
    const sentences = sources.flatMap(([file, source]) =>
      [...source.matchAll(/new WidgetError\([^,]+,\s*(?:['"]|`(?!SW\$\{))[^)]*/g)].map(
        (match) => `${file}: ${match[0]}`,
      ),
    );
    expect(sentences).toEqual([]);
  });
});
