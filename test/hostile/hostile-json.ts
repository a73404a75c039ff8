/** What the hostile vendor APIs (`hostile-api.ts`) answer with: JSON, deep nesting, wrong values. */

export const ASSET = '/mock/assets';

/** JSON text with deep structures spliced in where `value` holds the marker strings. */
export function jsonWithDeep(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('"@@DEEP_ARRAY@@"', deepArray(50_000))
    .replaceAll('"@@DEEP_OBJECT@@"', deepObject(2_000))
    .replaceAll('"@@VERY_DEEP_OBJECT@@"', deepObject(50_000));
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;

export const DEEP_ARRAY = '@@DEEP_ARRAY@@';
export const DEEP_OBJECT = '@@DEEP_OBJECT@@';
export const VERY_DEEP_OBJECT = '@@VERY_DEEP_OBJECT@@';

/** Every kind of wrong value, one per row or record, rotating through the fields. */
export const WRONG: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e308,
  3.14159,
  '',
  ' ',
  '[]',
  '{}',
  'null',
  'NaN',
  [],
  {},
  [1, 2],
  { file: { file: 'x' } },
  'javascript:alert(1)',
  '\u0000',
  Number.MAX_SAFE_INTEGER + 2,
];

export const wrong = (i: number, offset = 0) => WRONG[(i + offset) % WRONG.length];
