import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { describe, it } from 'vitest';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { anyLineTemplate, lineTemplate } from '../../../src/components/cart-summary/cart-summary.templates.ts';
import type { LocalizeController } from '../../../src/components/shared/localize-controller.ts';
import type { CartKey } from '../../../src/core/messages.ts';
import type { CartLine } from '../../../src/model.ts';
import { giosg, serve, useCleanPage, visitorCart, BASE } from './harness.ts';

/**
 * The common cart line (no subscription, not removed) has a template of its own, two template
 * instances where the template for any line takes four (src/components/cart-summary/
 * cart-summary.templates.ts). What it draws must be what that template draws, element for
 * element: a shopper sees no difference, only a faster first render of a long cart.
 */

useCleanPage();

/** An amount in euros, as the model holds it (in cents). */
const eur = (euros: number) => ({ amount: Math.round(euros * 100), currency: 'EUR' });

/** A line as the giosg source makes it: bought once, not removed, unless `extra` says otherwise. */
const line = (extra: Partial<CartLine> = {}): CartLine => ({
  id: 'l1',
  name: 'Fairtrade Bananas',
  description: null,
  category: 'Fruit',
  productNumber: null,
  unitValue: eur(1.25),
  quantity: 3,
  lineTotal: eur(3.75),
  subscriptionValue: null,
  monthlyQuantity: 0,
  subscriptionTotal: null,
  isDeleted: false,
  deletedAt: null,
  createdAt: null,
  updatedAt: null,
  ...extra,
});

/**
 * The markup a template draws: without Lit's comment markers, and without the whitespace between
 * tags, which draws nothing in a line (its parts are grid items, flex items and blocks, or start and
 * end a line of their own).
 */
function drawn(template: unknown): string {
  const container = document.createElement('div');
  render(template, container);
  return container.innerHTML
    .replace(/<!--[^]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();
}

/** The localize controller of a widget in the page with `attributes` (its locale, strings and `lang`s). */
async function localizeOf(attributes: Record<string, string> = {}): Promise<LocalizeController<CartKey>> {
  serve(giosg([]));
  const el: CartSummary = await visitorCart(BASE, attributes);
  return (el as unknown as { localize: LocalizeController<CartKey> }).localize;
}

const PLAIN_LINES: [string, CartLine][] = [
  ['with a category', line()],
  ['without a category', line({ category: null })],
  ['without a name', line({ name: '' })],
  ['without prices', line({ unitValue: null, lineTotal: null })],
  ['of no pieces', line({ quantity: 0, lineTotal: eur(0) })],
  ['with markup in its texts', line({ name: '<b>x</b>', category: '<i>y</i>' })],
  ['whose subscription has no price', line({ monthlyQuantity: 2 })],
];

describe('<cart-summary> lines', () => {
  it('a plain line draws what the template for any line draws, in the page language', async () => {
    const localize = await localizeOf();
    expect(localize.contentLang, 'vendor text is not marked').to.equal(undefined);
    for (const [what, each] of PLAIN_LINES) {
      const fast = lineTemplate(localize, each);
      expect(fast.strings, `${what}: its own template`).not.to.equal(anyLineTemplate(localize, each).strings);
      expect(drawn(fast), what).to.equal(drawn(anyLineTemplate(localize, each)));
    }
    expect(drawn(lineTemplate(localize, line())))
      .to.contain('3 × €1.25')
      .and.to.contain('€3.75');
  });

  it('and in another language than the page, with the vendor text marked as the page language', async () => {
    const localize = await localizeOf({ locale: 'de' });
    expect(localize.contentLang, 'vendor text is marked').not.to.equal(undefined);
    for (const [what, each] of PLAIN_LINES) {
      expect(drawn(lineTemplate(localize, each)), what).to.equal(drawn(anyLineTemplate(localize, each)));
    }
    expect(drawn(lineTemplate(localize, line()))).to.match(/<span part="line-name" class="name" lang="[^"]*">/);
  });

  it('a subscription or a removed line takes the template for any line', async () => {
    const localize = await localizeOf();
    const subscribed = line({ monthlyQuantity: 1, subscriptionValue: eur(9), subscriptionTotal: eur(9) });
    const removed = line({ isDeleted: true });
    for (const each of [subscribed, removed]) {
      expect(lineTemplate(localize, each).strings).to.equal(anyLineTemplate(localize, each).strings);
    }
    expect(drawn(lineTemplate(localize, subscribed))).to.contain('€9.00 / month');
    expect(drawn(lineTemplate(localize, removed))).to.contain('<del>Fairtrade Bananas</del>');
  });
});
