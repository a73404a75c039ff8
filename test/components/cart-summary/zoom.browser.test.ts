import { expect, fixture, html } from '@open-wc/testing';
import { describe, it } from 'vitest';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { $, $$, text } from '../../support/dom.ts';
import { cartSummary, MOCK, onScreen, OPEN_CART_LINES, settled, useCleanPage, VISITOR } from './harness.ts';

/**
 * Large text zoomed in: a shopper whose browser's default font is 20 or 24px, at 400% zoom, sees
 * a page 320 CSS px wide, and a cart in it only 12-16em of its own text wide. What they read: a
 * name wraps between its words (inside one only where that word alone is wider than the line),
 * an amount ("2 × €35.81", "€19.90 / month") is never split across lines, nothing is pushed
 * sideways. A cart 15em wide or wider (a 240px sidebar at 16px text) is laid out as it always
 * was: each line's total beside its name, the quantity under the name.
 */

useCleanPage();

/** The rows (by their bottom edge) the visible text of `node` is drawn on. */
function rowsOf(node: Node): number[] {
  const rows = new Set<number>();
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let each = walker.nextNode(); each; each = walker.nextNode()) {
    if (each.parentElement!.closest('.visually-hidden') || !each.textContent!.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(each);
    for (const rect of range.getClientRects()) if (rect.width > 0) rows.add(Math.round(rect.bottom));
  }
  return [...rows];
}

/** The words of `node` drawn across more than one row, but for a word wider than `line` px on its own. */
function brokenWords(node: Node, line: number): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let each = walker.nextNode() as Text | null; each; each = walker.nextNode() as Text | null) {
    for (const word of each.data.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(each, word.index);
      range.setEnd(each, word.index + word[0].length);
      const parts = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const width = parts.reduce((sum, rect) => sum + rect.width, 0);
      if (new Set(parts.map((rect) => Math.round(rect.bottom))).size > 1 && width <= line) broken.push(word[0]);
    }
  }
  return broken;
}

/** The mock's open cart (four lines, two with a subscription) in a column `width` px wide of `size` px text. */
async function cartIn(width: number, size: number, dir = 'ltr'): Promise<CartSummary> {
  const page = await fixture<HTMLElement>(
    html`<div
      dir=${dir}
      style="width: ${width}px; font: ${size}px/1.5 sans-serif; color: #111; background: #fff"
    ></div>`,
  );
  const el = cartSummary({ 'api-base': MOCK, ...VISITOR, locale: 'en-GB' });
  page.append(el);
  await settled(el);
  expect($$(el, '[part~="line-name"]').map((name) => text(name))).to.deep.equal(OPEN_CART_LINES);
  return el;
}

const box = (element: Element) => element.getBoundingClientRect();

/** What the shopper reads: whole words and whole amounts, inside the cart. */
function expectReadable(el: CartSummary, what: string): void {
  const base = $(el, '[part~="base"]')!;
  expect(base.scrollWidth, `${what}: the cart scrolls sideways`).to.be.at.most(base.clientWidth);
  for (const line of $$(el, '[part~="line"]')) {
    const width = box(line).width;
    const name = text(line.querySelector('[part~="line-name"]'));
    for (const words of line.querySelectorAll('[part~="line-name"], .category'))
      expect(brokenWords(words, width), `${what}, ${name}: words broken across lines`).to.deep.equal([]);
    for (const part of line.children) {
      expect(box(part).left, `${what}, ${name}: ${part.className} sticks out`).to.be.at.least(box(line).left - 0.5);
      expect(box(part).right, `${what}, ${name}: ${part.className} sticks out`).to.be.at.most(box(line).right + 0.5);
    }
  }
  const amounts = $$(el, '[part~="line-quantity"] > span, [part~="line-total"] > span, [part~="totals"] dd');
  expect(amounts.length).to.be.greaterThan(10);
  for (const amount of amounts)
    expect(rowsOf(amount).length, `${what}: "${onScreen(amount)}" drawn on more than one line`).to.equal(1);
}

describe('<cart-summary> in large text at 400% zoom', () => {
  for (const [size, width] of [
    [24, 320],
    [24, 288],
    [20, 280],
    [20, 240],
  ]) {
    const ems = (width / size).toFixed(1);
    it(`${width}px at ${size}px text (${ems}em): whole words, whole amounts, nothing sideways`, async () => {
      const el = await cartIn(width, size);
      expectReadable(el, `${width}px at ${size}px`);
      await expect(el).to.be.accessible();
    });
  }

  it('right to left, 320px at 24px text: the same, each total at the left end of its line', async () => {
    const el = await cartIn(320, 24, 'rtl');
    expectReadable(el, 'right to left');
    for (const line of $$(el, '[part~="line"]')) {
      const name = line.querySelector('[part~="line-name"]')!;
      const total = line.querySelector('[part~="line-total"]')!;
      expect(box(name).right, `${text(name)} at the start (right)`).to.be.closeTo(box(line).right, 1);
      expect(box(total).left, `${text(name)}: total at the end (left)`).to.be.closeTo(box(line).left, 1);
    }
    await expect(el).to.be.accessible();
  });

  for (const [size, width] of [
    [16, 240],
    [16, 256],
    [20, 300],
    [20, 320],
    [24, 360],
  ]) {
    it(`${width}px at ${size}px text (${width / size}em): total beside the name, quantity under it`, async () => {
      const el = await cartIn(width, size);
      const gap = 0.75 * size;
      for (const line of $$(el, '[part~="line"]')) {
        const [what, quantity, total] = ['.what', '[part~="line-quantity"]', '[part~="line-total"]'].map((selector) =>
          box(line.querySelector(selector)!),
        );
        const name = text(line.querySelector('[part~="line-name"]'));
        expect(getComputedStyle(line).display, name).to.equal('grid');
        expect(total.top, `${name}: total on the name's row`).to.be.closeTo(what.top, 0.5);
        expect(total.right, `${name}: total at the end`).to.be.closeTo(box(line).right, 0.5);
        expect(what.left, `${name}: name at the start`).to.be.closeTo(box(line).left, 0.5);
        expect(what.right, `${name}: name's column up to the total`).to.be.closeTo(total.left - gap, 0.5);
        expect(quantity.left, `${name}: quantity under the name`).to.be.closeTo(what.left, 0.5);
        expect(quantity.width, `${name}: quantity as wide as the name's column`).to.be.closeTo(what.width, 0.5);
        expect(quantity.top, `${name}: quantity under the name`).to.be.closeTo(what.bottom + 0.125 * size, 0.5);
      }
    });
  }
});
