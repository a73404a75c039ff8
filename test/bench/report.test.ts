import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BENCHMARKS_PAGE,
  RESULTS_END,
  RESULTS_JSON,
  RESULTS_START,
  resultsIn,
  resultsMarkdown,
  withResults,
  writeResults,
  type Results,
} from '../../bench/report.ts';

/**
 * The bench writes its tables into docs/benchmarks.md itself (bench/report.ts), so the page's
 * "Latest results" are always the recorded run's: nothing is copied by hand.
 */
const recorded = () => JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results;
const page = (results: string) =>
  `# Benchmarks\n\nThe method, by hand.\n\n${RESULTS_START}\n\n${results}\n\n` +
  `${RESULTS_END}\n\n## How to read it\n\nMore by hand.\n`;

const times = (value: number) => `${value.toFixed(2)}×`;

describe('the bench report', () => {
  it('docs/benchmarks.md shows exactly the tables of the run recorded in bench/results/latest.json', () => {
    const results = recorded();
    const shown = resultsIn(readFileSync(BENCHMARKS_PAGE, 'utf8'));
    expect(shown).toBe(resultsMarkdown(results));
    expect(shown).toContain(`Measured ${results.machine.date.slice(0, 10)} on ${results.machine.cpu}`);
    for (const heading of [
      '### Size',
      '### Render from the page cache',
      '### Network',
      '### Main thread while loading',
      '### Proxy',
      '### Proxy with shared state in Redis',
    ]) {
      expect(shown.split('\n')).toContain(heading);
    }
  });

  it('shows the work figure beside the painted one, and a run recorded before it was measured without it', () => {
    const results = recorded();
    const header = (markdown: string) => markdown.split('\n').find((line) => line.startsWith('| widget | items |'))!;
    const [first] = results.render!.rows;
    expect(header(resultsMarkdown(results))).toContain('| work ms (widget / plain) | ratio |');
    expect(resultsMarkdown(results)).toContain(
      `| ${first.workMs!.widget} / ${first.workMs!.baseline} | ${times(first.workMs!.ratio)} |`,
    );
    const older = structuredClone(results);
    for (const row of older.render!.rows) delete row.workMs;
    const markdown = resultsMarkdown(older);
    expect(header(markdown)).not.toContain('work');
    const rowOf = (table: string) =>
      table.split('\n').find((line) => line.startsWith(`| ${first.widget} | ${first.items.toLocaleString('en')} |`))!;
    const firstRow = rowOf(markdown);
    // As many cells as the header has.
    expect(firstRow.split(' | ').length).toBe(header(markdown).split(' | ').length);
    // A row without it in a run with it: empty cells, the columns still in line.
    const mixed = structuredClone(results);
    delete mixed.render!.rows[0].workMs;
    const mixedMarkdown = resultsMarkdown(mixed);
    const mixedRow = rowOf(mixedMarkdown);
    expect(mixedRow.split('|').length).toBe(header(mixedMarkdown).split('|').length);
    expect(mixedRow).toContain(`${times(first.ms.ratio)} | | | ${first.heapKiB.widget} /`);
  });

  it('replaces what is between the markers and keeps the hand-written rest of the page', () => {
    const before = page('### Size\n\n| old | 1 kB |');
    const after = withResults(before, '### Size\n\n| new | 2 kB |\n');
    expect(after).toBe(page('### Size\n\n| new | 2 kB |'));
    expect(resultsIn(after)).toBe('### Size\n\n| new | 2 kB |\n');
    // Writing the same results again changes nothing.
    expect(withResults(after, '### Size\n\n| new | 2 kB |\n')).toBe(after);
  });

  it('refuses a page without exactly one pair of markers, rather than guessing where results go', () => {
    expect(() => withResults('# Benchmarks\n', 'tables')).toThrow(/exactly one/);
    expect(() => withResults(`${RESULTS_END}\n${RESULTS_START}\n`, 'tables')).toThrow(/exactly one/);
    expect(() => withResults(page('a') + page('b'), 'tables')).toThrow(/exactly one/);
  });

  it('writes every figure to the JSON file and the tables into the page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    try {
      const paths = { json: join(dir, 'results', 'latest.json'), page: join(dir, 'benchmarks.md') };
      writeFileSync(paths.page, page('stale tables'));
      const results = recorded();
      const markdown = writeResults(results, paths);
      expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(results);
      const written = readFileSync(paths.page, 'utf8');
      expect(resultsIn(written)).toBe(markdown);
      expect(written).not.toContain('stale tables');
      expect(written.startsWith('# Benchmarks\n\nThe method, by hand.\n\n')).toBe(true);
      expect(written.endsWith('## How to read it\n\nMore by hand.\n')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
