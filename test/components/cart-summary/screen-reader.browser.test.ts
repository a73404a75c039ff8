import { expect, fixture, html } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { describe, it } from 'vitest';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { deferred } from '../../support/fake-fetch.ts';
import { $, $$, squash, text, texts } from '../../support/dom.ts';
import { giosgCart as cart, giosgLine as line } from '../../support/vendors/giosg.ts';
import {
  BASE,
  cartSummary,
  giosg,
  money,
  onScreen,
  serve,
  settled,
  useCleanPage,
  VISITOR,
  visitorCart,
} from './harness.ts';

/**
 * What a screen reader gets from `<cart-summary>`: Chromium's accessibility tree, as the browser
 * hands it to assistive technology (names, roles, and the text of what is not hidden from it).
 */

useCleanPage();

interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
}

/** The accessibility tree of the test's own frame. */
async function axTree(): Promise<AXNode[]> {
  const { frameTree } = (await cdp().send('Page.getFrameTree')) as {
    frameTree: { frame: { id: string; url: string }; childFrames?: unknown[] };
  };
  type Tree = typeof frameTree;
  const frames: Tree['frame'][] = [];
  const walk = (tree: Tree) => {
    frames.push(tree.frame);
    (tree.childFrames as Tree[] | undefined)?.forEach(walk);
  };
  walk(frameTree);
  const frame = frames.find((each) => each.url === location.href) ?? frames.at(-1)!;
  const { nodes } = (await cdp().send('Accessibility.getFullAXTree', { frameId: frame.id })) as { nodes: AXNode[] };
  return nodes;
}

/** The text a screen reader reads inside `node`: its text that is not hidden from it, in order. */
function read(nodes: AXNode[], node: AXNode): string {
  const byId = new Map(nodes.map((each) => [each.nodeId, each]));
  const walk = (each: AXNode): string =>
    each.role?.value === 'StaticText'
      ? each.ignored
        ? ''
        : ` ${each.name?.value ?? ''} `
      : (each.childIds ?? []).map((id) => (byId.has(id) ? walk(byId.get(id)!) : '')).join('');
  return squash(walk(node));
}

/** What a screen reader reads in each node of `role` (e.g. `status`, `listitem`). */
async function readAll(role: string): Promise<string[]> {
  const nodes = await axTree();
  return nodes.filter((each) => !each.ignored && each.role?.value === role).map((each) => read(nodes, each));
}

describe('<cart-summary> read by a screen reader', () => {
  it('says it is loading carts, not a cart, while view="all" loads a list of them', async () => {
    const answer = deferred<void>();
    const api = giosg([cart('a', {}, [line('1')]), cart('b', {}, [line('2')])]);
    serve(async (request) => {
      await answer.promise;
      return api(request);
    });
    const all = cartSummary({ 'api-base': BASE, ...VISITOR, view: 'all', locale: 'en-GB' });
    const el = await fixture<CartSummary>(html`${all}`);
    expect(el.state).to.equal('loading');
    expect(await readAll('status')).to.deep.equal(['Loading carts']);
    await expect(el).to.be.accessible();
    answer.resolve();
    await settled(el);
    expect(await readAll('status')).to.deep.equal(['2 carts']);
    await expect(el).to.be.accessible();
  });

  it('names each Buy again after its own purchase, so a list of buttons tells them apart', async () => {
    // Two purchases without a date, updated at the same time: their totals tell them apart.
    serve(
      giosg([
        cart('open', {}, [line('o1')]),
        cart('first', { is_locked: true, total_value: '12.00' }, [line('1')]),
        cart('second', { is_locked: true, total_value: '30.00' }, [line('2')]),
      ]),
    );
    const el = await visitorCart(BASE, { view: 'all', reorder: true, locale: 'en-GB' });
    const names = (await axTree())
      .filter((each) => !each.ignored && each.role?.value === 'button')
      .map((each) => each.name?.value ?? '')
      .filter((name) => name.startsWith('Buy again'));
    expect(names).to.deep.equal([
      'Buy again Purchased Updated 5 minutes ago €12.00',
      'Buy again Purchased Updated 5 minutes ago €30.00',
    ]);
    expect(texts(el, '[part~="reorder-button"]'), 'what the shopper sees').to.deep.equal(['Buy again', 'Buy again']);
    await expect(el).to.be.accessible();
  });

  for (const [locale, noPrice] of [
    ['en-GB', 'no price'],
    ['de-DE', 'kein Preis'],
  ] as const) {
    it(`${locale}: reads "${noPrice}" where a line without a price shows "–"`, async () => {
      serve(
        giosg([
          cart('a', { total_value: '0.00' }, [
            line('1', { name: 'Gift wrap', category_name: null, value: '', quantity: 2 }),
            line('2', { name: 'Card', category_name: null, value: '1.50', quantity: 1 }),
          ]),
        ]),
      );
      const el = await visitorCart(BASE, { locale });
      expect(await readAll('listitem')).to.deep.equal([
        `Gift wrap 2 × ${noPrice} ${noPrice}`,
        `Card 1 × ${money(1.5, 'EUR', locale)} ${money(1.5, 'EUR', locale)}`,
      ]);
      // What the shopper sees is as it was.
      const [wrap] = $$(el, '[part~="line"]');
      const shown = (part: string) => text(wrap.querySelector(`[part~="${part}"] [aria-hidden="true"]`));
      expect([shown('line-quantity'), shown('line-total')]).to.deep.equal(['2 × –', '–']);
      // A shopper who selects the line to copy it takes what they see, not the words for the ear.
      const selection = getSelection()!;
      selection.selectAllChildren(wrap);
      expect(squash(selection.toString()), 'the selected line').to.equal('Gift wrap 2 × – –');
      selection.removeAllRanges();
      await expect(el).to.be.accessible();
    });
  }

  for (const [locale, perMonth, month] of [
    ['en-GB', 'per month', 'month'],
    ['de-DE', 'pro Monat', 'Monat'],
    // Shown as "/ month" is, with the word for month, not "/ monthly".
    ['ar', 'شهريًا', 'شهر'],
    ['he', 'לחודש', 'חודש'],
  ] as const) {
    it(`${locale}: reads a subscription's "/ month" as "${perMonth}"`, async () => {
      serve(
        giosg([
          cart('a', { total_value: '0.00' }, [
            line('1', {
              name: 'Streaming',
              category_name: null,
              value: null,
              quantity: 0,
              subscription_value: '9.90',
              monthly_quantity: 1,
            }),
          ]),
        ]),
      );
      const el = await visitorCart(BASE, { locale });
      const amount = money(9.9, 'EUR', locale);
      expect(await readAll('listitem')).to.deep.equal([`Streaming 1 × ${amount} ${perMonth} ${amount} ${perMonth}`]);
      // The total (nothing one-off) and the monthly subscriptions.
      expect(await readAll('definition')).to.deep.equal([money(0, 'EUR', locale), `${amount} ${perMonth}`]);
      // What the shopper sees is as it was.
      const shown = `${amount} / ${month}`;
      expect(onScreen($(el, '[part~="line-quantity"]'))).to.equal(`1 × ${shown}`);
      expect(onScreen($(el, '[part~="line-total"]'))).to.equal(shown);
      expect(onScreen($(el, '[part~="subscription-total"] dd'))).to.equal(shown);
      await expect(el).to.be.accessible();
    });
  }
});
