import { aTimeout, expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import type { AnalyticsDetail } from '../../src/core/analytics.ts';
import { pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import type { WidgetAnalyticsEvent } from '../../src/events.ts';
import { deferred, installFakeFetch, json, type FakeFetch, type FakeHandler } from '../support/fake-fetch.ts';
import { $, $$, until } from '../support/dom.ts';
import { csomni as csomniFake, type RouteOverride } from '../support/fakes/csomni.ts';
import { giosg as giosgFake, giosgCart, giosgLine } from '../support/fakes/giosg.ts';

/** Longer than the viewability rule's second, with room for a slow machine: "nothing came" after this. */
const QUIET = 1800;

/** CS Omni rows in the vendor's shapes (numbers, strings, a product-level row). */
const rows = Array.from({ length: 10 }, (_, i) => ({
  variantToken: i === 9 ? 'prod_p9' : `vrnt_v${i}`,
  quantity: i % 2 ? String(i + 1) : i + 1,
  price: i === 9 ? '' : [0.1, '1.10', 0.2, 19.99, '3.5'][i % 5],
  variantImage: '',
  productToken: i === 9 ? '' : `prod_p${i}`,
}));

/** CS Omni with those rows, a name and price for every product, and add-to-cart answered by `cartprods`. */
const csomni = (cartprods?: RouteOverride) =>
  csomniFake({
    rows,
    products: (token) => ({ prodToken: token, prodName: `Product ${token.slice(5)}`, prodPrice: '4.00', variants: [{ variantToken: `vrnt_v${token.slice(6)}`, variantName: '' }] }),
    cartprods,
  });

let api: FakeFetch | undefined;
const serve = (handler: FakeHandler) => (api = installFakeFetch(handler));

/** Every `widget-analytics` event that reached the document, with how it was dispatched. */
let heard: WidgetAnalyticsEvent[] = [];
const listen = (event: Event) => heard.push(event as WidgetAnalyticsEvent);
const details = (name?: string) => heard.map((event) => event.detail).filter((detail) => !name || detail.event === name);
const ids = (detail: AnalyticsDetail) => detail.ecommerce.items.map((item) => item.item_id);

/** Every card's name has arrived (CS Omni looks names up after the list). */
const named = (el: Element) => until(() => [...el.shadowRoot!.querySelectorAll('[part~="name"]')].every((name) => /^Product /.test(name.textContent!.trim())), 'names never arrived');

/** A theme-like page: a header and a tall hero above the widget, which starts below the fold. */
async function belowTheFold<T extends HTMLElement = BuyAgainList>(widget: ReturnType<typeof html>): Promise<T> {
  const page = await fixture<HTMLElement>(html`
    <div style="font: 16px/1.5 Georgia, serif; color: #222">
      <header style="height: 60px; background: #eee">Shop</header>
      <div class="hero" style="height: ${innerHeight * 2}px; background: linear-gradient(#fafafa, #ddd)"></div>
      ${widget}
      <footer style="height: ${innerHeight * 2}px"></footer>
    </div>
  `);
  return page.querySelector<T>('buy-again-list, cart-summary') as T;
}

/** Scrolls the page so that `fraction` of `el`'s height, from its top, is inside the viewport. */
function scrollToShow(el: Element, fraction: number): void {
  const { top, height } = el.getBoundingClientRect();
  scrollTo(0, scrollY + top + height * fraction - innerHeight);
}

/** The cards at least half in view: inside both the carousel's scrolled view and the window. */
function visibleCardIndexes(el: Element): number[] {
  const viewport = $(el, '[part~="viewport"]')!.getBoundingClientRect();
  return $$(el, '[part~="item"]').flatMap((card, index) => {
    const box = card.getBoundingClientRect();
    const width = Math.min(box.right, viewport.right, innerWidth) - Math.max(box.left, viewport.left, 0);
    const height = Math.min(box.bottom, viewport.bottom, innerHeight) - Math.max(box.top, viewport.top, 0);
    return width > 0 && height > 0 && width * height >= (box.width * box.height) / 2 ? [index] : [];
  });
}

const LIST = html`<buy-again-list api-base="https://api.test" site-token="site_1" customer-token="cs_1" product-url="/p/{productId}" style="width: 480px; --buy-again-card-width: 140px"></buy-again-list>`;

beforeEach(() => {
  pageCache.clear();
  heard = [];
  document.addEventListener('widget-analytics', listen);
  configure({ timeout: 3000 });
});

afterEach(() => {
  document.removeEventListener('widget-analytics', listen);
  // What waits for consent is dropped, so no test's events reach another's dataLayer.
  configure({ analyticsConsent: 'denied' });
  fixtureCleanup();
  api?.restore();
  api = undefined;
  resetConfiguration();
  scrollTo(0, 0);
});

describe('widget-analytics: view_item_list viewability', () => {
  it('reports nothing below the fold, nothing at 40% in view, and the visible cards once at half in view for a second', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await until(() => el.state === 'ready', 'never loaded');
    await aTimeout(QUIET);
    expect(details(), 'below the fold').to.deep.equal([]);

    scrollToShow(el, 0.4);
    await aTimeout(QUIET);
    expect(details(), '40% in view').to.deep.equal([]);

    scrollToShow(el, 0.6);
    await until(() => details().length > 0, 'half in view never reported');
    const [view] = details();
    expect(view.event).to.equal('view_item_list');
    const shown = visibleCardIndexes(el);
    expect(shown.length, 'the test needs some cards out of the carousel view').to.be.within(1, 5);
    expect(view.ecommerce.items.map((item) => item.index)).to.deep.equal(shown);
    expect(ids(view)).to.deep.equal(shown.map((i) => `prod_p${i}`));

    // Scrolled away and back to where it was: no second report of the same cards.
    scrollTo(0, 0);
    await aTimeout(300);
    scrollToShow(el, 0.6);
    await aTimeout(QUIET);
    expect(details()).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('reports nothing for a glimpse shorter than a second', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await until(() => el.state === 'ready', 'never loaded');
    scrollToShow(el, 1);
    await aTimeout(150);
    scrollTo(0, 0);
    await aTimeout(QUIET);
    expect(details(), 'a glimpse').to.deep.equal([]);
  });

  it('counts the second only while the tab is shown', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await until(() => el.state === 'ready', 'never loaded');
    let hidden = false;
    const hide = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    try {
      scrollToShow(el, 1);
      await aTimeout(100);
      hide(true);
      await aTimeout(QUIET);
      expect(details(), 'in view, but in a hidden tab').to.deep.equal([]);
      hide(false);
      await until(() => details().length === 1, 'never reported once the tab was shown');
    } finally {
      delete (document as unknown as Record<string, unknown>).hidden;
    }
  });

  it('reports cards scrolled into the carousel afterwards as their own view_item_list, with only those', async () => {
    serve(csomni());
    const el = await belowTheFold(LIST);
    await until(() => el.state === 'ready', 'never loaded');
    scrollToShow(el, 1);
    await until(() => details().length === 1, 'first view never reported');
    const first = visibleCardIndexes(el);

    const viewport = $(el, '[part~="viewport"]')!;
    viewport.scrollLeft = viewport.scrollWidth;
    const reported = () => details().flatMap((detail) => detail.ecommerce.items.map((item) => item.index));
    await until(() => visibleCardIndexes(el).includes(9) && visibleCardIndexes(el).every((i) => reported().includes(i)), 'newly seen cards never reported', { timeout: 6000 });
    // Each later event holds only cards no earlier one did (scrolling may bring them in batches).
    const later = details().slice(1);
    expect(later.length).to.be.greaterThan(0);
    expect(later.flatMap((detail) => detail.ecommerce.items.map((item) => item.index)).filter((i) => first.includes(i))).to.deep.equal([]);
    expect(new Set(reported()).size, 'no card twice').to.equal(reported().length);
    // The product-level row: its id is the product's.
    expect(later.at(-1)!.ecommerce.items.at(-1)).to.include({ item_id: 'prod_p9', index: 9 });

    const count = details().length;
    viewport.scrollLeft = 0;
    await aTimeout(QUIET);
    expect(details(), 'back at the start: nothing new').to.have.length(count);
  });

  it('reports a next page (Algonomy) with only its new items', async () => {
    const PAGE = 4;
    const history = (n: number) => ({
      status: 'OK',
      data: {
        customerId: 2056,
        totalPages: 2,
        lastKey: { RK: n },
        dataList: Array.from({ length: PAGE }, (_, i) => ({ productCode: `SKU-${(n - 1) * PAGE + i}`, productName: `Product ${i}`, productImgUrl: ' ', productQty: '1', productValue: `$ ${i}.5`, orderValue: '$1,000.0', orderDate: '' })),
      },
    });
    const second = deferred<Response>();
    serve((request) => ((request.body as { page: number }).page === 1 ? json(history(1)) : second.promise));
    const el = await belowTheFold(html`<buy-again-list source="algonomy" api-base="https://rcdp.test" tenant-hash="t" access-token="a" gcr-id="g1" page-size="4" heading="Order again" style="width: 480px; --buy-again-card-width: 140px"></buy-again-list>`);
    await until(() => el.state === 'ready', 'never loaded');
    scrollToShow(el, 1);
    await until(() => details().length === 1, 'first view never reported');
    expect(details()[0].ecommerce).to.include({ item_list_id: 'algonomy', item_list_name: 'Order again' });

    const viewport = $(el, '[part~="viewport"]')!;
    const reported = () => details().flatMap(ids);
    const visibleIds = () => visibleCardIndexes(el).map((i) => `SKU-${i}`);
    viewport.scrollLeft = viewport.scrollWidth;
    await until(() => api!.calls.length === 2, 'the next page was never asked for');
    // Page one's last cards, now in view, are reported before page two arrives.
    await until(() => visibleIds().every((id) => reported().includes(id)), 'the end of page one was never reported');
    const before = details().length;
    second.resolve(json(history(2)));
    await until(() => $$(el, '[part~="item"]').length === 8, 'the next page never arrived');
    viewport.scrollLeft = viewport.scrollWidth;
    await until(() => visibleIds().includes('SKU-7') && visibleIds().every((id) => reported().includes(id)), 'the next page was never reported', { timeout: 6000 });
    const later = details().slice(before).flatMap(ids);
    expect(later.length).to.be.greaterThan(0);
    expect(later.every((id) => Number(id.slice(4)) >= PAGE), `only the next page's items: ${later}`).to.equal(true);
    expect(new Set(reported()).size, 'no item twice').to.equal(reported().length);
  });

  it('reports view_cart once for a shown cart half in view for a second, never for one out of view', async () => {
    serve(giosg());
    const el = await belowTheFold<CartSummary>(html`<cart-summary api-base="https://giosg.test" api-token="tok" user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
    await until(() => el.state === 'ready', 'never loaded');
    await aTimeout(QUIET);
    expect(details(), 'below the fold').to.deep.equal([]);
    scrollToShow(el, 0.7);
    await until(() => details().length === 1, 'view_cart never reported');
    scrollTo(0, 0);
    await aTimeout(300);
    scrollToShow(el, 1);
    await aTimeout(QUIET);
    expect(details().map((detail) => detail.event)).to.deep.equal(['view_cart']);
    await expect(el).to.be.accessible();
  });
});

/** A giosg API with one open EUR cart: prices whose float sum is not exact. */
const giosg = (visitor = 'v1') =>
  giosgFake({
    carts: [
      giosgCart('cart-a', { visitor_id: visitor, created_at: '2024-05-01T10:00:00Z', updated_at: '2024-05-01T10:05:00Z', total_value: '3.80' }, [
        giosgLine('l1', { name: 'Oat milk', category_name: 'Dairy', product_number: 'SKU-OAT', value: '1.10', quantity: 3 }),
        giosgLine('l2', { name: 'Bananas', category_name: null, product_number: null, value: '0.10', quantity: '3' }),
        giosgLine('l3', { name: 'Tea', category_name: undefined, product_number: 'SKU-TEA', value: 0.2, quantity: 1 }),
        giosgLine('l4', { name: 'Removed', category_name: undefined, product_number: 'SKU-GONE', value: '9.00', quantity: 1, is_deleted: true, deleted_at: '2024-01-01T00:00:00Z' }),
      ]),
    ],
  });

describe('widget-analytics: select_item, add_to_cart, view_cart contents', () => {
  it('is a bubbling, composed, non-cancelable event in GA4 shape, from inside a shadow root', async () => {
    serve(csomni());
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<buy-again-list api-base="https://api.test" site-token="site_1" customer-token="cs_1" product-url="/p/{productId}" currency="EUR"></buy-again-list>';
    const el = root.querySelector('buy-again-list')!;
    await until(() => el.state === 'ready', 'never loaded');
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
        items: [{ item_id: 'prod_p3', item_name: 'Product p3', item_variant: 'vrnt_v3', price: 19.99, quantity: 1, index: 3, item_list_id: 'csomni', item_list_name: 'Buy it again', currency: 'EUR' }],
      },
    });
  });

  it('reports add_to_cart only when the add succeeded, with value and currency', async () => {
    const held = deferred<Response>();
    let refuse = true;
    serve(csomni(() => (refuse ? json({ message: 'Out of stock' }, { status: 409 }) : held.promise)));
    const el = await fixture<BuyAgainList>(LIST);
    await until(() => el.state === 'ready', 'never loaded');
    await named(el);
    const add = () => $$(el, '[part~="add-button"]')[1].click();
    add();
    await until(() => $$(el, '[part~="add-button"]')[1].textContent!.includes('Retry'), 'the failed add never showed');
    expect(details('add_to_cart'), 'a failed add').to.deep.equal([]);

    refuse = false;
    add();
    await until(() => api!.callsTo('/cartprods/cart_1').length === 2, 'the second add never reached the cart');
    await aTimeout(100);
    expect(details('add_to_cart'), 'pressed, not yet added').to.deep.equal([]);
    held.resolve(json({ status: 'Prod Added' }));
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    const [added] = details('add_to_cart');
    expect(added.ecommerce).to.include({ currency: 'USD', value: 1.1 });
    expect(added.ecommerce.items).to.deep.equal([{ item_id: 'prod_p1', item_name: 'Product p1', item_variant: 'vrnt_v1', price: 1.1, quantity: 1, index: 1, item_list_id: 'csomni', item_list_name: 'Buy it again', currency: 'USD' }]);
  });

  it('reports view_cart with the current lines and the exact value, summed in minor units', async () => {
    serve(giosg());
    const el = await fixture<CartSummary>(html`<cart-summary api-base="https://giosg.test" api-token="tok" user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>`);
    await until(() => el.state === 'ready', 'never loaded');
    await until(() => details('view_cart').length === 1, 'view_cart never reported');
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
          { item_id: 'SKU-OAT', item_name: 'Oat milk', item_category: 'Dairy', price: 1.1, quantity: 3, index: 0, item_list_id: 'giosg', item_list_name: 'Your cart', currency: 'EUR' },
          { item_id: 'l2', item_name: 'Bananas', price: 0.1, quantity: 3, index: 1, item_list_id: 'giosg', item_list_name: 'Your cart', currency: 'EUR' },
          { item_id: 'SKU-TEA', item_name: 'Tea', price: 0.2, quantity: 1, index: 2, item_list_id: 'giosg', item_list_name: 'Your cart', currency: 'EUR' },
        ],
      },
    });
  });

  it('uses GA4 names and types in every event', async () => {
    serve(csomni());
    const el = await fixture<BuyAgainList>(LIST);
    await until(() => el.state === 'ready', 'never loaded');
    await until(() => details('view_item_list').length === 1, 'view_item_list never reported');
    el.addEventListener('item-select', (event) => event.preventDefault());
    $$(el, 'a[part~="name"]')[0].click();
    $$(el, '[part~="add-button"]')[2].click();
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    const types: Record<string, string> = { item_id: 'string', item_name: 'string', item_variant: 'string', item_category: 'string', price: 'number', quantity: 'number', index: 'number', item_list_id: 'string', item_list_name: 'string', currency: 'string' };
    for (const { event, ecommerce, ...rest } of details()) {
      expect(rest, event).to.deep.equal({});
      expect(['view_item_list', 'select_item', 'add_to_cart', 'view_cart']).to.include(event);
      expect(Object.keys(ecommerce).every((key) => ['item_list_id', 'item_list_name', 'currency', 'value', 'items'].includes(key)), Object.keys(ecommerce).join()).to.equal(true);
      expect(ecommerce.currency).to.match(/^[A-Z]{3}$/);
      if (event === 'add_to_cart') expect(ecommerce.value).to.be.a('number');
      for (const item of ecommerce.items) {
        for (const [key, value] of Object.entries(item)) expect(typeof value, `${event} ${key}`).to.equal(types[key]);
        expect(Number.isInteger(item.index) && Number.isInteger(item.quantity), 'whole index and quantity').to.equal(true);
      }
    }
  });
});

/** A JWT-shaped session whose claims are all recognisable. */
const session = (claims: object) => `${btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.c2lnbmF0dXJl`;
const MARKERS = ['zz-subject-7731', 'zz-cs-customer-7731', 'zz.shopper.7731@example.com', '+15550107731', 'ZZCODE7731', 'zz-gcr-7731', 'zz-visitor-7731', 'zz-user-7731', 'zz-chat-7731', 'zz-api-token-7731', 'zz-access-7731', 'zz-tenant-7731', 'zzsession'];

describe('widget-analytics: no personal data', () => {
  it('never carries an identifier, token, session or contact detail, in any event or dataLayer push', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).zzLayer = layer;
    configure({ dataLayer: 'zzLayer', analyticsConsent: 'granted' });
    const claims = { sub: 'zz-subject-7731', csomni: { customerToken: 'cs_zz-cs-customer-7731' }, algonomy: { gcrId: 'zz-gcr-7731', email: 'zz.shopper.7731@example.com', mobileNumber: '+15550107731', customerCode: 'ZZCODE7731' }, giosg: { visitorId: 'zz-visitor-7731' }, exp: 9999999999, zzsession: true };
    serve((request) => {
      const path = request.url.pathname;
      if (path.includes('/algonomy/')) {
        return json({ status: 'OK', data: { customerId: 'zz-subject-7731', email: 'zz.shopper.7731@example.com', totalPages: 1, dataList: [{ productCode: 'SKU-1', productName: 'Lamp', productQty: '2', productValue: '$ 12.5' }] } });
      }
      if (path.includes('/giosg/') || path.includes('shopping_carts')) return giosg('zz-visitor-7731')(request);
      return csomni()(request);
    });
    const page = await fixture<HTMLElement>(html`
      <div>
        <buy-again-list source="algonomy" proxy-url="https://proxy.test/w" customer-session=${session(claims)} gcr-id="zz-gcr-7731" email="zz.shopper.7731@example.com" mobile-number="+15550107731" customer-code="ZZCODE7731"></buy-again-list>
        <buy-again-list api-base="https://api.test" site-token="site_zz-tenant-7731" customer-token="cs_zz-cs-customer-7731" product-url="/p/{productId}"></buy-again-list>
        <cart-summary api-base="https://giosg.test" api-token="zz-api-token-7731" user-id="zz-user-7731" chat-id="zz-chat-7731" visitor-id="zz-visitor-7731"></cart-summary>
      </div>
    `);
    const [algonomy, omni] = page.querySelectorAll('buy-again-list');
    for (const el of page.children as HTMLCollectionOf<BuyAgainList>) {
      await until(() => el.state === 'ready', `${el.localName} never loaded`);
      el.scrollIntoView({ block: 'center' });
      await until(() => heard.some((event) => event.target === el), `${el.localName} never reported a view`, { timeout: 8000 });
    }
    for (const el of [algonomy, omni]) {
      el.addEventListener('item-select', (event) => event.preventDefault());
      $$(el, 'a[part~="name"]')[0]?.click();
    }
    $$(omni, '[part~="add-button"]')[0].click();
    await until(() => details('add_to_cart').length === 1, 'add_to_cart never reported');
    await until(() => layer.length === details().length * 2, 'not everything reached the dataLayer');

    const everything = JSON.stringify([details(), layer]);
    for (const marker of MARKERS) expect(everything, marker).to.not.contain(marker);
    // The events did happen, with product data in them.
    expect(everything).to.contain('SKU-1').and.to.contain('SKU-OAT').and.to.contain('prod_p0');
  });
});

/** A page's gtag(), pushing its arguments object to `layer` as Google's snippet does. */
function gtagFor(layer: unknown[]) {
  return function gtag(..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params
    layer.push(arguments);
  };
}

/**
 * A carousel whose item links report select_item at once (navigation cancelled). Below the
 * fold, so that no view_item_list comes between the events a test makes.
 */
async function selectable(): Promise<{ select(index: number): void; el: BuyAgainList }> {
  serve(csomni());
  const el = await belowTheFold(LIST);
  await until(() => el.state === 'ready' && $$(el, 'a[part~="name"]').length > 0, 'never loaded');
  el.addEventListener('item-select', (event) => event.preventDefault());
  return { el, select: (index) => $$(el, 'a[part~="name"]')[index].click() };
}

/** The ecommerce events in a dataLayer, in order, by their first item's id. */
const pushed = (layer: unknown[]) => layer.filter((entry): entry is AnalyticsDetail => typeof (entry as AnalyticsDetail)?.event === 'string').map((entry) => `${entry.event} ${entry.ecommerce.items[0]?.item_id}`);

describe('configure({ dataLayer }) and consent', () => {
  it('waits while Consent Mode defaults to denied, then pushes in order on a granted update, each after clearing ecommerce', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).consentLayerA = layer;
    const gtag = gtagFor(layer);
    gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' });
    configure({ dataLayer: 'consentLayerA' });
    const { select } = await selectable();
    select(0);
    select(4);
    await aTimeout(300);
    expect(details('select_item'), 'the DOM event fires regardless').to.have.length(2);
    expect(pushed(layer), 'nothing before consent').to.deep.equal([]);

    gtag('consent', 'update', { analytics_storage: 'granted' });
    await until(() => pushed(layer).length === 2, 'never pushed after the update');
    expect(pushed(layer)).to.deep.equal(['select_item prod_p0', 'select_item prod_p4']);
    // After the update command, each preceded by { ecommerce: null }.
    const update = layer.findIndex((entry) => (entry as IArguments)[1] === 'update');
    expect(layer.slice(update + 1, update + 5).map((entry) => Object.keys(entry as object).join())).to.deep.equal(['ecommerce', 'event,ecommerce', 'ecommerce', 'event,ecommerce']);
    expect(layer[update + 1]).to.deep.equal({ ecommerce: null });
    // The same object as the DOM event's detail (a copy of it).
    expect(layer[update + 2]).to.deep.equal(details('select_item')[0]);
    expect(layer[update + 2] === details('select_item')[0], 'a copy: GTM marks what it reads').to.equal(false);

    select(2);
    await until(() => pushed(layer).length === 3, 'a later event never pushed');
    expect(pushed(layer)[2]).to.equal('select_item prod_p2');
  });

  it('pushes to window.dataLayer with dataLayer: true once configure({ analyticsConsent: "granted" }) says so', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).dataLayer = layer;
    configure({ dataLayer: true });
    const { select } = await selectable();
    select(1);
    select(3);
    await aTimeout(300);
    expect(pushed(layer)).to.deep.equal([]);
    configure({ analyticsConsent: 'granted' });
    await until(() => pushed(layer).length === 2, 'never pushed after configure');
    expect(pushed(layer)).to.deep.equal(['select_item prod_p1', 'select_item prod_p3']);
    delete (window as unknown as Record<string, unknown>).dataLayer;
  });

  it('pushes at once where a granted default is already in the dataLayer, and makes the array if the page has none', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).consentLayerB = layer;
    gtagFor(layer)('consent', 'default', { analytics_storage: 'granted' });
    configure({ dataLayer: 'consentLayerB' });
    const { select } = await selectable();
    select(0);
    await until(() => pushed(layer).length === 1, 'never pushed');

    configure({ dataLayer: 'consentLayerNew', analyticsConsent: 'granted' });
    select(1);
    await until(() => Array.isArray((window as unknown as Record<string, unknown>).consentLayerNew), 'the array was never made');
    await until(() => pushed((window as unknown as Record<string, unknown[]>).consentLayerNew).length === 1, 'never pushed to the new array');
  });

  it('drops what waits and pushes nothing once consent is denied (Consent Mode update, or configure)', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).consentLayerC = layer;
    const gtag = gtagFor(layer);
    configure({ dataLayer: 'consentLayerC' });
    const { select } = await selectable();
    select(0);
    select(1);
    gtag('consent', 'update', { analytics_storage: 'denied' });
    await aTimeout(300);
    select(2);
    await aTimeout(300);
    expect(pushed(layer), 'denied by update').to.deep.equal([]);

    // The page's own word wins over a later Consent Mode grant.
    configure({ analyticsConsent: 'denied' });
    gtag('consent', 'update', { analytics_storage: 'granted' });
    select(3);
    await aTimeout(300);
    expect(pushed(layer), 'denied by configure').to.deep.equal([]);
    expect(details('select_item'), 'the DOM events still fired').to.have.length(4);

    // Granted again: only what happens from now on, never what was dropped.
    configure({ analyticsConsent: 'granted' });
    select(4);
    await until(() => pushed(layer).length === 1, 'never pushed after the grant');
    expect(pushed(layer)).to.deep.equal(['select_item prod_p4']);
  });

  it('keeps at most 100 events waiting: the first 100, in order', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).consentLayerD = layer;
    configure({ dataLayer: 'consentLayerD' });
    const { select } = await selectable();
    for (let i = 0; i < 105; i++) select(i % 9);
    await until(() => details('select_item').length === 105, 'not every event fired');
    configure({ analyticsConsent: 'granted' });
    await until(() => pushed(layer).length === 100, 'the waiting events were never pushed');
    await aTimeout(100);
    expect(pushed(layer)).to.deep.equal(Array.from({ length: 100 }, (_, i) => `select_item prod_p${i % 9}`));
  });
});
