/**
 * What the hostile vendor APIs (`hostile-api.ts`, server side) send and what the tests expect of
 * it, in one module the browser tests can import without the server's code.
 */

export const VENDOR_SCENARIOS = [
  'many',
  'many-named',
  'lookup-404',
  'nested',
  'wrong-types',
  'wrong-envelope',
  'unicode',
] as const;
export type VendorScenario = (typeof VENDOR_SCENARIOS)[number];

/** How many records `many` sends. */
export const MANY = 10_000;

/**
 * CS Omni `many-named`: this many rows of {@link NAMED_PRODUCTS} products whose names arrive from
 * product look-ups (`many` has 10,000 rows whose look-ups all fail, so no names arrive).
 */
export const NAMED = 1_000;
export const NAMED_PRODUCTS = 50;

/** CS Omni `lookup-404`: this many rows of two products whose look-ups answer 404. */
export const MISSING_ROWS = 200;
export const MISSING_PRODUCTS = ['prod_gone_a', 'prod_gone_b'];

/** `many` for giosg: the exact sum of the cart's line totals in cents (EUR), for the test to check. */
export const MANY_LINES_TOTAL_CENTS = manyLines().reduce((sum, line) => sum + line.cents * line.quantity, 0);

/** A 5,000-character name without a single space: it must wrap, not push the page sideways. */
export const LONG_WORD = 'W'.repeat(4_999) + '!';
/** A 5,000-character name of words. */
export const LONG_WORDS = 'Longname '.repeat(556).slice(0, 4_999) + '.';

/** Text a vendor might send, in every field that holds text. Each survives trimming as it is. */
export const UNICODE_NAMES = [
  'حليب الشوفان العضوي ١ لتر',
  'חלב שיבולת שועל אורגני',
  'Family 👨‍👩‍👧‍👦 pack 🇸🇪 🏳️‍🌈 🍌',
  'Z̷̢̛a̸̢l̴g̵o̶ t̸̨e̵x̸t̵ with c̶o̷m̸b̵i̶n̷i̸n̵g marks',
  '\u202Egnp.exe\u202C Invoice (RTL override)',
  'Zero\u200Bwidth\u200Djoiner and NUL \u0000 inside',
  '<script>window.parent.__hostileInjected = 1</script> & &amp; "quotes" \'apos\' <img src=x onerror=alert(1)>',
  'Mixed English עברית العربية 123 ۴۵۶',
  'Lone surrogate \uD800 here',
  LONG_WORD,
  LONG_WORDS,
];

export const GIOSG_CART = 'c0ffee00-0000-4000-8000-000000000001';

export interface ManyLine {
  cents: number;
  quantity: number;
}

export function manyLines(): ManyLine[] {
  return Array.from({ length: MANY }, (_, i) => ({ cents: ((i * 7919) % 100_000) + 1, quantity: (i % 3) + 1 }));
}
