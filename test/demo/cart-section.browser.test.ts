import { expect } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { afterEach, describe, it } from 'vitest';
import { mount } from '../../demo/sections/cart.ts';
import { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import { pageCache } from '../../src/core/cache.ts';
import { text, until, untilState } from '../support/dom.ts';

if (!customElements.get('cart-summary')) customElements.define('cart-summary', CartSummary);

/** The demo's cart section: the support console buys a purchased cart again through the page's handler. */
let container: HTMLElement | undefined;

afterEach(() => {
  container?.remove();
  pageCache.clear();
});

async function consoleWidget(): Promise<{ el: CartSummary; select: HTMLSelectElement }> {
  container = document.createElement('div');
  document.body.append(container);
  mount(container);
  const el = container.querySelector<CartSummary>('cart-summary[view="all"]')!;
  await untilState(el, 'ready', 'the console never loaded');
  const select = [...container.querySelectorAll('select')].find((each) =>
    each.labels?.[0]?.textContent?.startsWith('Buy again'),
  )!;
  return { el, select };
}

const firstButton = (el: CartSummary) => el.shadowRoot!.querySelector<HTMLElement>('[part~="reorder-button"]')!;
const status = (el: CartSummary) => text(el.shadowRoot!.querySelector('[part~="reorder-status"]'));

describe('demo: cart section', () => {
  it("shows Buy again on the agent's purchased carts, and its handler adds them", async () => {
    const { el } = await consoleWidget();
    expect(el.hasAttribute('reorder')).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('[part~="reorder-button"]').length).to.equal(2);
    await userEvent.click(firstButton(el));
    await until(() => text(firstButton(el)) === 'Added', `the button said "${text(firstButton(el))}"`);
    expect(status(el)).to.equal('Every item was added to the cart.');
    const log = container!.querySelector('.demo-log')!;
    expect(text(log)).to.contain('reorder');
  });

  it('shows a partial failure on request, and Retry adds the missing line', async () => {
    const { el, select } = await consoleWidget();
    select.value = 'partial';
    select.dispatchEvent(new Event('change'));
    await userEvent.click(firstButton(el));
    await until(() => status(el) !== '', 'no outcome shown');
    expect(status(el)).to.equal('1 of 2 added. Not added: Leather Gloves.');
    await userEvent.click(firstButton(el));
    await until(() => text(firstButton(el)) === 'Added', `Retry ended in "${text(firstButton(el))}"`);
  });
});
