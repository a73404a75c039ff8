import { expect, fixture, fixtureCleanup, html, nextFrame } from '@open-wc/testing';
import { LitElement } from 'lit';
import { afterAll, afterEach, beforeAll, describe, it, vi } from 'vitest';
import '../../src/define.ts';
import { pageCache } from '../../src/core/cache.ts';
import { json, serve, stopServing } from '../support/fake-fetch.ts';
import { untilState } from '../support/dom.ts';
import { csomni } from '../support/vendors/csomni.ts';
import { giosg, giosgCart, giosgLine } from '../support/vendors/giosg.ts';
import { create, WIDGETS, type Widget } from './shared/widgets.ts';

/**
 * An app in development (Vite's or webpack's dev server) runs Lit's development build, which warns
 * in the console, once per element and page, about what it takes for a mistake. A shop's developer
 * should see nothing there from a widget that works as it should. This file has a page of its own:
 * a warning issued by an earlier file's widget would not come again here.
 */
describe("Lit's development build", () => {
  const warnings: string[] = [];
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(
      (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
    );
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(() => {
    fixtureCleanup();
    stopServing();
    pageCache.clear();
  });

  it('is the build these tests run', () => {
    // Only the development build has the warning switches: without it, the tests below prove nothing.
    expect((LitElement as unknown as { disableWarning?: unknown }).disableWarning).to.be.a('function');
  });

  // Twelve items: more than a list's first piece, so the rest come in an update of their own.
  const fakes = {
    'buy-again-list': () =>
      csomni({
        list: () =>
          json(
            Array.from({ length: 12 }, (_, i) => ({
              variantToken: `vrnt_${i}`,
              quantity: 12 - i,
              price: i + 1,
              variantImage: '',
              productToken: `prod_${i}`,
            })),
          ),
        product: () => json({ prodName: 'Item' }),
      }),
    'cart-summary': () =>
      giosg({
        carts: [
          giosgCart(
            'a',
            {},
            Array.from({ length: 12 }, (_, i) => giosgLine(String(i))),
          ),
        ],
      }),
  };

  for (const widget of WIDGETS) {
    it(`warns nothing while <${widget.tag}> loads, renders 12 items and settles`, async () => {
      serve(fakes[widget.tag]());
      const el = await fixture<Widget>(html`${create(widget)}`);
      await untilState(el, 'ready');
      await el.updateComplete;
      for (let frame = 0; frame < 5; frame++) await nextFrame();
      expect(widget.shown(el), 'the items it shows').to.equal(12);
      expect(warnings).to.deep.equal([]);
    });
  }
});
