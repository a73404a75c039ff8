/** What both sides of the proxy bench share: the session secret, the page origin, the answer. */

export const BENCH_SECRET = 'bench-session-secret-Zq3t9XkP1vN8sR4mW7yB2cL6hJ0dF5gA';
export const BENCH_ORIGIN = 'https://shop.example';
export const SITE_TOKEN = 'site_bench_token';

/** A realistic answer: the vendor's frequently-purchased rows (16 unless told), quirks included. */
export function listBody(count = 16): string {
  const rows = Array.from({ length: count }, (_, i) => ({
    variantToken: `vrnt_${(i * 7919).toString(36)}`,
    quantity: 145 - i * 9,
    price: i % 3 === 0 ? '' : 3.5 + i,
    variantImage:
      i % 4 === 0
        ? ''
        : { file: `9-14-2021/1631634128386__${40977 + i}__item-${i}.jpg`, id: 'ast20tjq', status: 'poolImages' },
    productToken: i % 3 === 0 ? '' : `prod_${(i * 104729).toString(36)}`,
  }));
  return JSON.stringify(rows);
}
