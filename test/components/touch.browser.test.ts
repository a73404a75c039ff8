import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import { pageCache } from '../../src/core/cache.ts';
import { resetConfiguration } from '../../src/core/config.ts';
import { $, $$, until, untilState } from '../support/dom.ts';
import { json, serve, stopServing } from '../support/fake-fetch.ts';
import { tap, touchScreen } from '../support/touch.ts';
import { cartSummary, ORG_CHAT } from './cart-summary/harness.ts';
import { csomni } from '../support/vendors/csomni.ts';

/**
 * What a shopper on a phone or tablet gets: a touch screen is the primary pointer. A tap leaves
 * the tapped control under `:hover` until the next tap elsewhere, so a look meant for a mouse
 * pointer resting on a control must not come with it.
 */
beforeEach(async () => {
  pageCache.clear();
  await touchScreen(true);
});
afterEach(async () => {
  await touchScreen(false);
  fixtureCleanup();
  stopServing();
  resetConfiguration();
});

/** What a mouse pointer's hover changes about `control` (and `text` in it), as it stands now. */
const hoverLook = (control: Element, text: Element = control) => ({
  underline: getComputedStyle(text).textDecorationLine,
  filter: getComputedStyle(control).filter,
});

describe('a tap leaves no hover look behind', () => {
  it('<buy-again-list>: the name link and Add to cart', async () => {
    serve(
      csomni({
        list: () => json([{ variantToken: 'vrnt_1', quantity: 2, price: 3, variantImage: '', productToken: 'prod_1' }]),
        product: () => json({ prodName: 'Oat Milk' }),
      }),
    );
    const el = await fixture<BuyAgainList>(
      html`<buy-again-list api-base="https://api.test" site-token="s" product-url="/p/{productId}"></buy-again-list>`,
    );
    await untilState(el, 'ready');
    await until(() => $(el, 'a[part~="name"]')?.textContent.trim() === 'Oat Milk', 'the name never came');
    el.addEventListener('item-select', (event) => event.preventDefault());
    el.addEventListener('add-to-cart', (event) => event.preventDefault());
    for (const part of ['name', 'add-button']) {
      const control = $(el, `[part~="${part}"]`)!;
      const before = hoverLook(control);
      await tap(control);
      await until(() => control.matches(':hover'), `the tap did not reach the ${part}`);
      expect(hoverLook(control), `the tapped ${part} kept a hover look`).to.deep.equal(before);
    }
  });

  it("<cart-summary>: a cart's disclosure and Buy again", async () => {
    const el = await fixture<CartSummary>(
      html`${cartSummary({ 'api-base': '/mock/giosg', ...ORG_CHAT, view: 'all', reorder: true })}`,
    );
    await untilState(el, 'ready');
    el.addEventListener('reorder', (event) => event.preventDefault());
    const disclosure = $$(el, 'button.disclosure')[1];
    const title = disclosure.querySelector('.cart-title')!;
    const before = hoverLook(disclosure, title);
    await tap(disclosure);
    await until(() => disclosure.getAttribute('aria-expanded') === 'true', 'the tap did not open the cart');
    expect(hoverLook(disclosure, title), "the tapped cart's title kept a hover look").to.deep.equal(before);
    await until(() => $(el, '[part~="reorder-button"]'), 'no purchased cart to buy again');
    const reorder = $(el, '[part~="reorder-button"]')!;
    reorder.scrollIntoView({ block: 'center' });
    const look = hoverLook(reorder);
    await tap(reorder);
    await until(() => reorder.matches(':hover'), 'the tap did not reach Buy again');
    expect(hoverLook(reorder), 'the tapped Buy again kept a hover look').to.deep.equal(look);
  });
});
