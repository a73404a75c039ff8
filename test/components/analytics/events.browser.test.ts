import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { describe, it } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import type { ReorderEvent } from '../../../src/events.ts';
import { deferred, json } from '../../support/fake-fetch.ts';
import { $, $$, texts, until, untilState } from '../../support/dom.ts';
import { giosg as giosgFake, giosgCart, giosgLine } from '../../support/vendors/giosg.ts';
import {
  csomni,
  serve,
  heard,
  details,
  named,
  CART,
  LIST,
  useAnalyticsPage,
  giosg,
  REPORT_WAIT,
  seen,
} from './harness.ts';

useAnalyticsPage();

/** `<cart-summary view="all">` with Buy again, on the giosg fake served, whose page adds every line; once ready. */
async function reorderingCarts(): Promise<CartSummary> {
  const el = await fixture<CartSummary>(
    html`<cart-summary
      api-base="https://giosg.test"
      api-token="tok"
      user-id="u1"
      chat-id="c1"
      visitor-id="v1"
      view="all"
      reorder
      @reorder=${(event: ReorderEvent) => event.waitUntil(Promise.resolve())}
    ></cart-summary>`,
  );
  await untilState(el, 'ready', 'never loaded');
  return el;
}

// Room for a wait for a report (REPORT_WAIT).
describe('widget-analytics: select_item, add_to_cart, view_cart contents', { timeout: 45_000 }, () => {
  it('is a bubbling, composed, non-cancelable event in GA4 shape, from inside a shadow root', async () => {
    serve(csomni());
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<buy-again-list api-base="https://api.test" site-token="site_1" customer-token="cs_1" product-url="/p/{productId}" currency="EUR"></buy-again-list>';
    const el = root.querySelector('buy-again-list')!;
    await untilState(el, 'ready', 'never loaded');
    await named(el);
    el.addEventListener('item-select', (event) => event.preventDefault());
    $$(el, 'a[part~="name"]')[3].click();
    await until(() => details('select_item').length === 1, 'select_item never reached the document');
    const event = heard.find((each) => each.detail.event === 'select_item')!;
    expect([event.bubbles, event.composed, event.cancelable]).to.deep.equal([true, true, false]);
    expect(event.detail).to.deep.equal({
      event: 'select_item',
      ecommerce: {
        item_list_id: 'csomni',
        item_list_name: 'Buy it again',
        currency: 'EUR',
        items: [
          {
            item_id: 'prod_p3',
            item_name: 'Product p3',
            item_variant: 'vrnt_v3',
            price: 19.99,
            quantity: 1,
            index: 3,
            item_list_id: 'csomni',
            item_list_name: 'Buy it again',
            currency: 'EUR',
          },
        ],
      },
    });
  });

  it('reports add_to_cart only when the add succeeded, with value and currency', async () => {
    const held = deferred<Response>();
    let refuse = true;
    const api = serve(csomni(() => (refuse ? json({ message: 'Out of stock' }, { status: 409 }) : held.promise)));
    const el = await fixture<BuyAgainList>(LIST);
    await untilState(el, 'ready', 'never loaded');
    await named(el);
    const add = () => $$(el, '[part~="add-button"]')[1].click();
    add();
    await until(() => $$(el, '[part~="add-button"]')[1].textContent.includes('Retry'), 'the failed add never showed');
    expect(details('add_to_cart'), 'a failed add').to.deep.equal([]);

    refuse = false;
    add();
    await until(() => api.callsTo('/cartprods/cart_1').length === 2, 'the second add never reached the cart');
    await aTimeout(100);
    expect(details('add_to_cart'), 'pressed, not yet added').to.deep.equal([]);
    held.resolve(json({ status: 'Prod Added' }));
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    const [added] = details('add_to_cart');
    expect(added.ecommerce).to.include({ currency: 'USD', value: 1.1 });
    expect(added.ecommerce.items).to.deep.equal([
      {
        item_id: 'prod_p1',
        item_name: 'Product p1',
        item_variant: 'vrnt_v1',
        price: 1.1,
        quantity: 1,
        index: 1,
        item_list_id: 'csomni',
        item_list_name: 'Buy it again',
        currency: 'USD',
      },
    ]);
  });

  it('reports view_cart with the current lines and the exact value, summed in minor units', async () => {
    serve(giosg());
    const el = await fixture<CartSummary>(CART);
    await untilState(el, 'ready', 'never loaded');
    await until(() => details('view_cart').length === 1, seen(el, 'view_cart never reported'), REPORT_WAIT);
    const [view] = details('view_cart');
    // 1.10 x 3 + 0.10 x 3 + 0.20 is 3.8 exactly; summed as floats it would be 3.8000000000000007.
    expect(1.1 * 3 + 0.1 * 3 + 0.2).to.not.equal(3.8);
    expect(view).to.deep.equal({
      event: 'view_cart',
      ecommerce: {
        item_list_id: 'giosg',
        item_list_name: 'Your cart',
        currency: 'EUR',
        value: 3.8,
        items: [
          {
            item_id: 'SKU-OAT',
            item_name: 'Oat milk',
            item_category: 'Dairy',
            price: 1.1,
            quantity: 3,
            index: 0,
            item_list_id: 'giosg',
            item_list_name: 'Your cart',
            currency: 'EUR',
          },
          {
            item_id: 'l2',
            item_name: 'Bananas',
            price: 0.1,
            quantity: 3,
            index: 1,
            item_list_id: 'giosg',
            item_list_name: 'Your cart',
            currency: 'EUR',
          },
          {
            item_id: 'SKU-TEA',
            item_name: 'Tea',
            price: 0.2,
            quantity: 1,
            index: 2,
            item_list_id: 'giosg',
            item_list_name: 'Your cart',
            currency: 'EUR',
          },
        ],
      },
    });
  });

  it('values a line of a fractional quantity at the total shown, in view_cart and a reorder add_to_cart', async () => {
    serve(
      giosgFake({
        carts: [
          giosgCart('bought', { is_locked: true, locked_at: '2024-05-01T10:05:00Z', total_value: '5.00' }, [
            giosgLine('l1', { value: '2.00', quantity: '1.5' }),
            giosgLine('l2', { value: '1.00', quantity: 2 }),
          ]),
        ],
      }),
    );
    const el = await reorderingCarts();
    // 2.00 x 1.5 and 1.00 x 2, as the shopper sees them: the value is their sum, 5.
    expect(texts(el, '[part~="line-total"]')).to.deep.equal(['€3.00', '€2.00']);
    await until(() => details('view_cart').length === 1, seen(el, 'view_cart never reported'), REPORT_WAIT);
    $(el, '[part~="reorder-button"]')!.click();
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    expect(details().map(({ event, ecommerce }) => `${event} ${ecommerce.value}`)).to.deep.equal([
      'view_cart 5',
      'add_to_cart 5',
    ]);
  });

  it('sends a line of a fractional quantity as one at its line total: GA4 quantities are whole', async () => {
    serve(
      giosgFake({
        carts: [
          giosgCart('bought', { is_locked: true, locked_at: '2024-05-01T10:05:00Z', total_value: '4.00' }, [
            giosgLine('kg', { name: 'Cheese by weight', value: '4.00', quantity: '0.5' }),
            giosgLine('pc', { name: 'Bread', value: '1.00', quantity: 2 }),
          ]),
        ],
      }),
    );
    const el = await reorderingCarts();
    expect(texts(el, '[part~="line-total"]')).to.deep.equal(['€2.00', '€2.00']);
    await until(() => details('view_cart').length === 1, seen(el, 'view_cart never reported'), REPORT_WAIT);
    $(el, '[part~="reorder-button"]')!.click();
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    for (const { event, ecommerce } of details()) {
      expect(
        ecommerce.items.map((item) => `${item.item_name} ${item.quantity} x ${item.price}`),
        event,
      ).to.deep.equal(['Cheese by weight 1 x 2', 'Bread 2 x 1']);
      expect(ecommerce.value, event).to.equal(4);
    }
  });

  it('uses GA4 names and types in every event', async () => {
    serve(csomni());
    const el = await fixture<BuyAgainList>(LIST);
    await untilState(el, 'ready', 'never loaded');
    // Names that arrive after the cards' second in view come as a later view_item_list, which may
    // land in the same poll as the first: wait for any, not for exactly one.
    await until(() => details('view_item_list').length > 0, seen(el, 'view_item_list never reported'), REPORT_WAIT);
    el.addEventListener('item-select', (event) => event.preventDefault());
    $$(el, 'a[part~="name"]')[0].click();
    $$(el, '[part~="add-button"]')[2].click();
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    const types: Record<string, string> = {
      item_id: 'string',
      item_name: 'string',
      item_variant: 'string',
      item_category: 'string',
      price: 'number',
      quantity: 'number',
      index: 'number',
      item_list_id: 'string',
      item_list_name: 'string',
      currency: 'string',
    };
    for (const { event, ecommerce, ...rest } of details()) {
      expect(rest, event).to.deep.equal({});
      expect(['view_item_list', 'select_item', 'add_to_cart', 'view_cart']).to.include(event);
      expect(
        Object.keys(ecommerce).every((key) =>
          ['item_list_id', 'item_list_name', 'currency', 'value', 'items'].includes(key),
        ),
        Object.keys(ecommerce).join(),
      ).to.equal(true);
      expect(ecommerce.currency).to.match(/^[A-Z]{3}$/);
      if (event === 'add_to_cart') expect(ecommerce.value).to.be.a('number');
      for (const item of ecommerce.items) {
        for (const [key, value] of Object.entries(item)) expect(typeof value, `${event} ${key}`).to.equal(types[key]);
        expect(Number.isInteger(item.index) && Number.isInteger(item.quantity), 'whole index and quantity').to.equal(
          true,
        );
      }
    }
  });
});
