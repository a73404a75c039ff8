import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import type { AnalyticsDetail } from '../../../src/core/analytics.ts';
import { configure } from '../../../src/core/config.ts';
import { json } from '../../support/fake-fetch.ts';
import { $$, until, untilState } from '../../support/dom.ts';
import { csomni, serve, heard, details, belowTheFold, LIST, useAnalyticsPage, giosg } from './harness.ts';

useAnalyticsPage();

/** A JWT-shaped session whose claims are all recognisable. */
const session = (claims: object) =>
  `${btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.` +
  `${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.c2lnbmF0dXJl`;
const MARKERS = [
  'zz-subject-7731',
  'zz-cs-customer-7731',
  'zz.shopper.7731@example.com',
  '+15550107731',
  'ZZCODE7731',
  'zz-gcr-7731',
  'zz-visitor-7731',
  'zz-user-7731',
  'zz-chat-7731',
  'zz-api-token-7731',
  'zz-access-7731',
  'zz-tenant-7731',
  'zzsession',
];

describe('widget-analytics: no personal data', () => {
  it('never carries an identifier, token, session or contact detail, in any event or dataLayer push', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).zzLayer = layer;
    configure({ dataLayer: 'zzLayer', analyticsConsent: 'granted' });
    const claims = {
      sub: 'zz-subject-7731',
      csomni: { customerToken: 'cs_zz-cs-customer-7731' },
      algonomy: {
        gcrId: 'zz-gcr-7731',
        email: 'zz.shopper.7731@example.com',
        mobileNumber: '+15550107731',
        customerCode: 'ZZCODE7731',
      },
      giosg: { visitorId: 'zz-visitor-7731' },
      exp: 9999999999,
      zzsession: true,
    };
    serve((request) => {
      const path = request.url.pathname;
      if (path.includes('/algonomy/')) {
        return json({
          status: 'OK',
          data: {
            customerId: 'zz-subject-7731',
            email: 'zz.shopper.7731@example.com',
            totalPages: 1,
            dataList: [{ productCode: 'SKU-1', productName: 'Lamp', productQty: '2', productValue: '$ 12.5' }],
          },
        });
      }
      if (path.includes('/giosg/') || path.includes('shopping_carts')) return giosg('zz-visitor-7731')(request);
      return csomni()(request);
    });
    const page = await fixture<HTMLElement>(html`
      <div>
        <buy-again-list
          source="algonomy"
          proxy-url="https://proxy.test/w"
          customer-session=${session(claims)}
          gcr-id="zz-gcr-7731"
          email="zz.shopper.7731@example.com"
          mobile-number="+15550107731"
          customer-code="ZZCODE7731"
        ></buy-again-list>
        <buy-again-list
          api-base="https://api.test"
          site-token="site_zz-tenant-7731"
          customer-token="cs_zz-cs-customer-7731"
          product-url="/p/{productId}"
        ></buy-again-list>
        <cart-summary
          api-base="https://giosg.test"
          api-token="zz-api-token-7731"
          user-id="zz-user-7731"
          chat-id="zz-chat-7731"
          visitor-id="zz-visitor-7731"
        ></cart-summary>
      </div>
    `);
    const [algonomy, omni] = page.querySelectorAll('buy-again-list');
    for (const el of page.children as HTMLCollectionOf<BuyAgainList>) {
      await untilState(el, 'ready', `${el.localName} never loaded`);
      el.scrollIntoView({ block: 'center' });
      await until(() => heard.some((event) => event.target === el), `${el.localName} never reported a view`, {
        timeout: 8000,
      });
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
const pushed = (layer: unknown[]) =>
  layer
    .filter((entry): entry is AnalyticsDetail => Boolean((entry as AnalyticsDetail | null)?.ecommerce))
    .map((entry) => `${entry.event} ${entry.ecommerce.items[0]?.item_id}`);

describe('configure({ dataLayer }) and consent', () => {
  it(
    'waits while Consent Mode defaults to denied, then pushes in order on a ' +
      'granted update, each after clearing ecommerce',
    async () => {
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
      expect(layer.slice(update + 1, update + 5).map((entry) => Object.keys(entry as object).join())).to.deep.equal([
        'ecommerce',
        'event,ecommerce',
        'ecommerce',
        'event,ecommerce',
      ]);
      expect(layer[update + 1]).to.deep.equal({ ecommerce: null });
      // The same object as the DOM event's detail (a copy of it).
      expect(layer[update + 2]).to.deep.equal(details('select_item')[0]);
      expect(layer[update + 2] === details('select_item')[0], 'a copy: GTM marks what it reads').to.equal(false);

      select(2);
      await until(() => pushed(layer).length === 3, 'a later event never pushed');
      expect(pushed(layer)[2]).to.equal('select_item prod_p2');
    },
  );

  it(
    'pushes to window.dataLayer with dataLayer: true once configure({ ' + 'analyticsConsent: "granted" }) says so',
    async () => {
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
    },
  );

  it(
    'pushes at once where a granted default is already in the dataLayer, and ' + 'makes the array if the page has none',
    async () => {
      const layer: unknown[] = [];
      (window as unknown as Record<string, unknown>).consentLayerB = layer;
      gtagFor(layer)('consent', 'default', { analytics_storage: 'granted' });
      configure({ dataLayer: 'consentLayerB' });
      const { select } = await selectable();
      select(0);
      await until(() => pushed(layer).length === 1, 'never pushed');

      configure({ dataLayer: 'consentLayerNew', analyticsConsent: 'granted' });
      select(1);
      await until(
        () => Array.isArray((window as unknown as Record<string, unknown>).consentLayerNew),
        'the array was never made',
      );
      await until(
        () => pushed((window as unknown as Record<string, unknown[]>).consentLayerNew).length === 1,
        'never pushed to the new array',
      );
    },
  );

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

  it('keeps a granted consent once GTM has dropped the consent commands from the front of its array', async () => {
    const layer: unknown[] = [];
    (window as unknown as Record<string, unknown>).consentLayerE = layer;
    const gtag = gtagFor(layer);
    gtag('consent', 'default', { analytics_storage: 'denied' });
    // GTM's container wraps the array's push as gtm.js does: it keeps the last 300 entries.
    const push = layer.push;
    layer.push = function (this: unknown[], ...added: unknown[]) {
      const result = push.apply(this, added);
      while (this.length > 300) this.shift();
      return result;
    };
    configure({ dataLayer: 'consentLayerE' });
    const { select } = await selectable();
    gtag('consent', 'update', { analytics_storage: 'granted' });
    select(0);
    await until(() => pushed(layer).length === 1, 'never pushed after the update');

    // A busy page: its own events push the consent commands out of the array.
    for (let i = 0; i < 300; i++) layer.push({ event: 'scroll' });
    select(1);
    await until(
      () => pushed(layer).includes('select_item prod_p1'),
      'an event after GTM trimmed its array never reached it',
    );
  });

  it('warns once, naming it, where the configured name holds no array, and leaves that global alone', async () => {
    const globals = window as unknown as Record<string, unknown>;
    // A tag manager's page object under the name, not a dataLayer array.
    globals.zzUtagData = { page_type: 'product' };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      configure({ dataLayer: 'zzUtagData', analyticsConsent: 'granted' });
      const { select } = await selectable();
      select(0);
      select(1);
      await until(() => details('select_item').length === 2, 'the events never fired');
      await aTimeout(300);
      const sw56 = warn.mock.calls.filter(([message]) => String(message).includes('SW56'));
      expect(sw56.map((args) => args.slice(0, 2))).to.deep.equal([['storefront-widgets: SW56', 'zzUtagData']]);
      expect(globals.zzUtagData).to.deep.equal({ page_type: 'product' });
    } finally {
      warn.mockRestore();
      delete globals.zzUtagData;
    }
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
