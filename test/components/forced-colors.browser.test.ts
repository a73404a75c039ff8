import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import type { AddToCartEvent, ReorderEvent } from '../../src/events.ts';
import { pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { $, $$, until, untilState } from '../support/dom.ts';
import { json, serve, stopServing } from '../support/fake-fetch.ts';
import { csomni } from '../support/vendors/csomni.ts';
import { giosg, giosgCart, giosgLine, minutesAgo } from '../support/vendors/giosg.ts';
import { cartSummary, VISITOR } from './cart-summary/harness.ts';
import { create, WIDGETS, type Widget } from './shared/widgets.ts';

/**
 * What a shopper using forced colors (Windows High Contrast) gets: the system draws every
 * background, box shadow and colour in its own palette, so whatever the widgets show by a
 * background or a faded colour alone has to be drawn another way. In a light and a dark scheme.
 */
const never = () => new Promise<Response>(() => undefined);
const held = () => new Promise<void>(() => undefined);

/** The system's colour of `keyword` (GrayText, CanvasText...) as computed styles give it. */
function systemColour(keyword: string): string {
  const probe = document.createElement('span');
  probe.style.color = keyword;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/** What a shopper sees of `control`: its text colour, its border's, and how opaque it is. */
const looks = (control: Element) => {
  const style = getComputedStyle(control);
  return { color: style.color, border: style.borderTopColor, opacity: style.opacity };
};

/**
 * Each placeholder of `el` is outlined in a colour of its own, not the canvas's: a shape a
 * forced-colors user sees, where its background is drawn as the canvas.
 */
function expectOutlinedPlaceholders(el: Element): void {
  const placeholders = $$(el, '.shimmer');
  expect(placeholders.length, 'no placeholders drawn').to.be.greaterThan(0);
  const canvas = systemColour('Canvas');
  for (const placeholder of placeholders) {
    const style = getComputedStyle(placeholder);
    expect(
      [style.borderTopStyle, parseFloat(style.borderTopWidth) >= 1, style.borderTopColor !== canvas],
      `an invisible placeholder (${placeholder.className})`,
    ).to.deep.equal(['solid', true, true]);
  }
}

/**
 * The axe check under forced colors. Its contrast rule is left out: the system paints text in the
 * shopper's own palette, while Chromium reports `-webkit-text-fill-color` (which axe reads first)
 * in the page's colours, so the rule measures colours nobody sees.
 */
const accessible = (el: Element) => expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });

for (const scheme of ['light', 'dark'] as const) {
  describe(`forced colors, ${scheme} scheme`, () => {
    beforeEach(async () => {
      pageCache.clear();
      configure({ timeout: 3000 });
      await cdp().send('Emulation.setEmulatedMedia', {
        features: [
          { name: 'forced-colors', value: 'active' },
          { name: 'prefers-color-scheme', value: scheme },
        ],
      });
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    });

    afterEach(async () => {
      fixtureCleanup();
      stopServing();
      resetConfiguration();
      await cdp().send('Emulation.setEmulatedMedia', {
        features: [
          { name: 'forced-colors', value: 'none' },
          { name: 'prefers-color-scheme', value: '' },
        ],
      });
    });

    for (const widget of WIDGETS) {
      it(`<${widget.tag}> outlines its loading placeholders: the system drops their backgrounds`, async () => {
        serve(widget.fake(never));
        const el = await fixture<Widget>(html`${create(widget)}`);
        await el.updateComplete;
        expect(el.state).to.equal('loading');
        expectOutlinedPlaceholders(el);
        await accessible(el);
      });
    }

    describe('<buy-again-list>', () => {
      const rows = Array.from({ length: 8 }, (_, i) => ({
        variantToken: `vrnt_${i}`,
        quantity: 2,
        price: i + 1,
        variantImage: '',
        productToken: `prod_${i}`,
      }));

      async function carousel(products: Parameters<typeof csomni>[0] = {}): Promise<BuyAgainList> {
        serve(csomni({ rows: [...rows, { variantToken: 'vrnt_lost', quantity: 1, price: '' }], ...products }));
        const el = await fixture<BuyAgainList>(
          html`<buy-again-list
            api-base="https://api.test"
            site-token="s"
            product-url="/p/{productId}"
            show-unavailable
            style="width: 500px; --buy-again-card-width: 150px"
          ></buy-again-list>`,
        );
        await untilState(el, 'ready');
        return el;
      }

      it('shows a name still loading as an outlined line', async () => {
        const el = await carousel({ product: never });
        const name = $(el, '[part~="name"]')!;
        expect(name.querySelector('.shimmer'), 'the name is not loading').to.not.equal(null);
        expectOutlinedPlaceholders(el);
        await accessible(el);
      });

      it(
        'draws what cannot be pressed (prev at the start, an unavailable item, an add in progress) in GrayText, ' +
          'unlike what can, and rings the focused control',
        async () => {
          const el = await carousel({ product: (r) => json({ prodName: `Item ${r.url.pathname.split('/')[2]}` }) });
          const prev = $(el, '[part~="prev-button"]')!;
          const next = $(el, '[part~="next-button"]')!;
          await until(() => next.getAttribute('aria-disabled') === 'false', 'next never enabled');
          expect(prev.getAttribute('aria-disabled')).to.equal('true');
          el.addEventListener('add-to-cart', (event: AddToCartEvent) => event.waitUntil(held()));
          const adds = $$(el, '[part~="add-button"]');
          adds[0].click();
          await until(() => adds[0].getAttribute('aria-disabled') === 'true', 'the add never started');
          const unavailable = adds.at(-1)!;
          expect(unavailable.getAttribute('aria-disabled')).to.equal('true');

          const gray = systemColour('GrayText');
          const disabled = { color: gray, border: gray, opacity: '1' };
          expect(looks(prev), 'prev at the start').to.deep.equal(disabled);
          expect(looks(adds[0]), 'an add in progress').to.deep.equal(disabled);
          expect(looks(unavailable), 'an unavailable item').to.deep.equal(disabled);
          expect(looks(next).color, 'next, which can be pressed').to.not.equal(gray);
          expect(looks(adds[1]).color, 'an add that can be pressed').to.not.equal(gray);

          for (const control of [next, adds[1], $(el, 'a[part~="name"]')!]) {
            control.focus({ focusVisible: true } as FocusOptions);
            const style = getComputedStyle(control);
            expect(style.outlineStyle, `no ring on ${control.getAttribute('part')}`).to.not.equal('none');
            expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
          }
          await accessible(el);
        },
      );
    });

    describe('<cart-summary>', () => {
      it('draws Buy again in GrayText while it adds, unlike one that can be pressed', async () => {
        const bought = (id: string, days: number) =>
          giosgCart(id, { is_locked: true, locked_at: minutesAgo(days * 1440), updated_at: minutesAgo(days * 1440) }, [
            giosgLine(id),
          ]);
        serve(giosg({ carts: [giosgCart('open', {}, [giosgLine('o')]), bought('b1', 3), bought('b2', 5)] }));
        const el = await fixture<CartSummary>(
          html`${cartSummary({ 'api-base': 'https://giosg.test', ...VISITOR, view: 'all', reorder: true })}`,
        );
        await untilState(el, 'ready');
        for (const disclosure of $$(el, '.disclosure[aria-expanded="false"]')) disclosure.click();
        await until(() => $$(el, '[part~="reorder-button"]').length === 2, 'the purchased carts never opened');
        el.addEventListener('reorder', (event: ReorderEvent) => event.waitUntil(held()), { once: true });
        const [adding, idle] = $$(el, '[part~="reorder-button"]');
        adding.click();
        await until(() => adding.getAttribute('aria-disabled') === 'true', 'Buy again never started');

        const gray = systemColour('GrayText');
        expect(looks(adding), 'Buy again in progress').to.deep.equal({ color: gray, border: gray, opacity: '1' });
        expect(looks(idle).color, 'a Buy again that can be pressed').to.not.equal(gray);
        await accessible(el);
      });
    });
  });
}
