import { describe, expect, it } from 'vitest';
import { styles as listStyles } from '../../src/components/buy-again-list/buy-again-list.styles.ts';
import { styles as cartStyles } from '../../src/components/cart-summary/cart-summary.styles.ts';

/**
 * The widgets size from the font size they inherit at their own element, never from the root:
 * themes built on `html { font-size: 62.5% }` make 1rem 10px while their body text is 15-16px,
 * and a `rem` length shrinks with them (the cart's Buy again row once did).
 */
describe('the widgets’ stylesheets', () => {
  for (const [tag, styles] of [
    ['buy-again-list', listStyles],
    ['cart-summary', cartStyles],
  ] as const) {
    it(`<${tag}> has no length in rem`, () => {
      const text = styles.map((sheet) => sheet.cssText).join('\n');
      expect(text.length).toBeGreaterThan(1000);
      expect(text.match(/[\d.]rem\b/g)).toBeNull();
    });
  }
});
