import { expect } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { createElement, StrictMode, type ComponentProps } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { BuyAgainList as ReactBuyAgainList, CartSummary as ReactCartSummary } from '../../../src/react.ts';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../../src/components/cart-summary/cart-summary.ts';
import { json } from '../../support/fake-fetch.ts';
import { texts, until } from '../../support/dom.ts';
import { CSOMNI, GIOSG, rows, csomni, giosg, serve, useSinglePageApp, host } from './harness.ts';

useSinglePageApp();

describe('widgets in a single-page app', () => {
  describe('React', () => {
    let root: Root | undefined;
    let errors: ReturnType<typeof vi.spyOn>;

    beforeEach(() => {
      errors = vi.spyOn(console, 'error');
      root = createRoot(host);
    });

    afterEach(() => {
      root?.unmount();
      root = undefined;
      errors.mockRestore();
    });

    type ListProps = ComponentProps<typeof ReactBuyAgainList>;
    type CartProps = ComponentProps<typeof ReactCartSummary>;

    /** Renders both wrappers in StrictMode, at once (as a router's transition commits). */
    function render(list: ListProps | null, cartProps: CartProps | null) {
      flushSync(() =>
        root!.render(
          createElement(
            StrictMode,
            null,
            list && createElement(ReactBuyAgainList, list),
            cartProps && createElement(ReactCartSummary, cartProps),
          ),
        ),
      );
    }

    const element = <T extends Element>(tag: string) => host.querySelector(tag) as T;

    it('in StrictMode, sends one request per load, delivers every event, and logs no error', async () => {
      const fake = serve((request) => (request.url.hostname === 'giosg.test' ? giosg()(request) : csomni()(request)));
      const loads: string[] = [];
      const listProps = (customer: string): ListProps => ({
        apiBase: CSOMNI,
        siteToken: 'site_1',
        customerToken: customer,
        // A new function on every render, as inline handlers are.
        onWidgetLoad: (event) => loads.push(`list ${customer} ${event.detail.items.map((item) => item.id).join(',')}`),
        onWidgetError: (event) => loads.push(`list error ${event.detail.error.kind}`),
      });
      const cartProps = (visitor: string): CartProps => ({
        apiBase: GIOSG,
        apiToken: 't',
        userId: 'u1',
        chatId: 'c1',
        visitorId: visitor,
        onWidgetLoad: (event) => loads.push(`cart ${event.detail.cart?.id}`),
        onWidgetError: (event) => loads.push(`cart error ${event.detail.error.kind}`),
      });
      render(listProps('cs_a'), cartProps('va'));
      const list = element<BuyAgainList>('buy-again-list');
      const cart = element<CartSummary>('cart-summary');
      await until(() => list.state === 'ready' && cart.state === 'ready');
      await until(() => loads.length === 2);
      expect(fake.callsTo('/frequentlyPurchased').length, 'StrictMode sent the list request twice').to.equal(1);
      expect(fake.callsTo('/shopping_carts').length, 'StrictMode sent the cart request twice').to.equal(1);
      expect(loads).to.have.members(['list cs_a vrnt_cs_a_1,vrnt_cs_a_2', 'cart cart_va']);

      // A re-render with the same props (the parent's own state changed): nothing reloads.
      render(listProps('cs_a'), cartProps('va'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(1);
      expect(fake.callsTo('/shopping_carts').length).to.equal(1);

      // New props: one request each, the new data, the new handlers called.
      loads.length = 0;
      render(listProps('cs_b'), cartProps('vb'));
      expect(host.querySelector('buy-again-list'), 'React replaced the element').to.equal(list);
      await until(() => loads.length === 2, 'the new load events never arrived');
      expect(loads).to.have.members(['list cs_b vrnt_cs_b_1,vrnt_cs_b_2', 'cart cart_vb']);
      expect(fake.callsTo('/frequentlyPurchased').map((call) => call.headers.get('customertoken'))).to.deep.equal([
        'cs_a',
        'cs_b',
      ]);
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(texts(cart, '[part~="line-name"]')).to.deep.equal(['Line of vb']);

      // Unmounted and mounted again at once (a route left and entered): the page cache answers.
      loads.length = 0;
      render(null, null);
      render(listProps('cs_b'), cartProps('vb'));
      await until(() => loads.length === 2, 'the remounted widgets never loaded');
      expect(element<BuyAgainList>('buy-again-list').state).to.equal('ready');
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(2);
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(errors.mock.calls, 'console errors').to.deep.equal([]);
    });

    it(
      'in StrictMode, a widget unmounted mid-load aborts its request, and one ' + 'mounted again at once takes it over',
      async () => {
        const answers = new Map<string, (response: Response) => void>();
        const fake = serve(csomni((customer) => new Promise<Response>((resolve) => answers.set(customer, resolve))));
        let loads = 0;
        const props: ListProps = {
          apiBase: CSOMNI,
          siteToken: 'site_1',
          customerToken: 'cs_a',
          onWidgetLoad: () => (loads += 1),
        };
        render(props, null);
        await until(() => answers.has('cs_a'));
        render(null, null);
        render(props, null);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(fake.callsTo('/frequentlyPurchased').length, 'the remount sent the request again').to.equal(1);
        answers.get('cs_a')!(json(rows('cs_a')));
        const list = element<BuyAgainList>('buy-again-list');
        await until(() => list.state === 'ready' && loads === 1);
        await list.updateComplete;
        expect(texts(list, '[part~="price"]').length).to.equal(2);
        render(null, null);
        expect(errors.mock.calls, 'console errors').to.deep.equal([]);
      },
    );
  });
});
