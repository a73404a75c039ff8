import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import { $$, until } from '../../support/dom.ts';
import { stopServing } from '../../support/fake-fetch.ts';

/** What the `<buy-again-list>` test files share: the fake vendor's base, mounting, and a clean page per test. */

export const BASE = 'https://api.test';

export { serve } from '../../support/fake-fetch.ts';

/** The widget in the page, past loading and fully rendered. */
export async function widget(
  template = html`<buy-again-list
    api-base=${BASE}
    site-token="site_1"
    customer-token="cs_1"
    image-base-url="/mock/assets/"
    product-url="/p/{productId}?v={variantId}"
  ></buy-again-list>`,
) {
  const el = await fixture<BuyAgainList>(template);
  await until(() => el.state !== 'loading', 'widget never left loading', { timeout: 4000 });
  // The whole list: on a slow machine it renders in pieces after the state changes.
  await el.updateComplete;
  return el;
}

export const names = (el: Element) => $$(el, '[part~="name"]').map((node) => node.textContent.trim());
export const allNamed = (el: BuyAgainList) =>
  until(() => names(el).every((name) => name && name !== 'Loading…'), 'names never arrived');

/** A clean page cache before each test, fast retries, and everything undone after it. */
export function useCleanPage(): void {
  beforeEach(() => {
    pageCache.clear();
    // Fast retries, so failure tests do not wait on real backoff.
    configure({ timeout: 2000 });
  });

  afterEach(() => {
    // Vitest has no global afterEach for @open-wc to hook into: clean up here.
    fixtureCleanup();
    stopServing();
    resetConfiguration();
  });
}
