import { aTimeout, expect, fixture, fixtureCleanup, html, nextFrame, oneEvent } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import { CacheUpdateEvent, pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { defaultMessages } from '../../src/core/messages.ts';
import { translationModules } from '../../src/core/translation-modules.ts';
import type { AddToCartEvent, ItemSelectEvent, WidgetErrorEvent, WidgetLoadEvent } from '../../src/events.ts';
import { deferred, installFakeFetch, json, type FakeFetch, type FakeHandler, type RecordedRequest } from '../support/fake-fetch.ts';
import { $, $$, shownText, until, visible } from '../support/dom.ts';
import { CSOMNI_PRODUCTS as products, CSOMNI_ROWS as rows, csomni } from '../support/fakes/csomni.ts';

const BASE = 'https://api.test';

let api: FakeFetch | undefined;

function serve(handler: FakeHandler): FakeFetch {
  api = installFakeFetch(handler);
  return api;
}

async function widget(template = html`<buy-again-list api-base=${BASE} site-token="site_1" customer-token="cs_1" image-base-url="/mock/assets/" product-url="/p/{productId}?v={variantId}"></buy-again-list>`) {
  const el = await fixture<BuyAgainList>(template);
  await until(() => el.state !== 'loading', 'widget never left loading', { timeout: 4000 });
  // The whole list: on a slow machine it renders in pieces after the state changes.
  await el.updateComplete;
  return el;
}

const names = (el: Element) => $$(el, '[part~="name"]').map((node) => node.textContent!.trim());
const allNamed = (el: BuyAgainList) => until(() => names(el).every((name) => name && name !== 'Loading…'), 'names never arrived');

beforeEach(() => {
  pageCache.clear();
  // Fast retries, so failure tests do not wait on real backoff.
  configure({ timeout: 2000 });
});

afterEach(() => {
  // Vitest has no global afterEach for @open-wc to hook into: clean up here.
  fixtureCleanup();
  api?.restore();
  api = undefined;
  resetConfiguration();
});

describe('<buy-again-list>', () => {
  describe('loading', () => {
    it('shows skeleton cards, busy and announced, and passes an accessibility check', async () => {
      const answer = deferred<Response>();
      serve(csomni({ list: () => answer.promise }));
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>`);
      expect(el.state).to.equal('loading');
      expect(el.getAttribute('state')).to.equal('loading');
      expect($$(el, '.card.skeleton').length).to.be.greaterThan(0);
      expect($(el, '[part~="viewport"]')!.getAttribute('aria-busy')).to.equal('true');
      expect($(el, '[role="status"][part~="status"]')!.textContent).to.contain('Loading your items');
      await expect(el).to.be.accessible();
      answer.resolve(json(rows));
      await until(() => el.state === 'ready');
    });

    it('keeps the same card size from skeleton to data (no layout shift)', async () => {
      const answer = deferred<Response>();
      serve(csomni({ list: () => answer.promise }));
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="site_1" style="width: 800px"></buy-again-list>`);
      const skeleton = $(el, '.card.skeleton')!.getBoundingClientRect();
      const hostHeight = el.getBoundingClientRect().height;
      answer.resolve(json(rows));
      await until(() => el.state === 'ready');
      await allNamed(el);
      const card = $(el, '[part~="item"]')!.getBoundingClientRect();
      expect(card.width).to.equal(skeleton.width);
      expect(Math.abs(card.height - skeleton.height)).to.be.lessThan(2);
      expect(Math.abs(el.getBoundingClientRect().height - hostHeight)).to.be.lessThan(2);
    });
  });

  describe('ready', () => {
    it('renders a card per resolvable row with image, price and purchase count', async () => {
      serve(csomni());
      const el = await widget();
      expect(el.state).to.equal('ready');
      await allNamed(el);
      // The row without a product token is unavailable and hidden by default.
      expect(names(el)).to.deep.equal(['Oat Milk – 1 L', 'Bananas', 'Granola', 'Earl Grey']);
      const first = $(el, '[part~="item"]')!;
      expect(first.getAttribute('aria-roledescription')).to.equal('slide');
      expect(first.getAttribute('aria-label')).to.equal('1 of 4');
      expect(first.querySelector('[part~="price"]')!.textContent).to.equal('$3.50');
      expect(first.querySelector('[part~="meta"]')!.textContent).to.equal('Bought 145 times');
      expect(first.querySelector('img')!.getAttribute('src')).to.equal('/mock/assets/9-14-2021/oat.jpg');
      expect(first.querySelector('img')!.getAttribute('loading')).to.equal('lazy');
      expect(first.querySelector('a[part~="name"]')!.getAttribute('href')).to.equal('/p/prod_oat?v=vrnt_oat');
      // `{file: "[]"}` and `[]` are no image: a neutral placeholder of the same size.
      const second = $$(el, '[part~="item"]')[1];
      expect(second.querySelector('img')).to.equal(null);
      expect(second.querySelector('.placeholder')).to.not.equal(null);
      // The product-level row gets its price from the product look-up.
      await until(() => $$(el, '[part~="item"]')[2].querySelector('[part~="price"]')?.textContent === '$6.80');
      expect($(el, 'section')!.getAttribute('aria-roledescription')).to.equal('carousel');
      await expect(el).to.be.accessible();
    });

    it('clamps a long name to two lines and shows it whole in its title', async () => {
      const long = 'Single-Origin Coffee Beans – 1 kg, whole bean, medium roast, from the Huila region of Colombia';
      serve(csomni({ product: () => json({ prodToken: 'prod_oat', prodName: long, variants: [{ variantToken: 'vrnt_oat', variantName: long }] }) }));
      const el = await widget();
      await allNamed(el);
      const name = $(el, '[part~="name"]')!;
      expect(name.textContent!.trim()).to.equal(long);
      const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
      expect(name.getBoundingClientRect().height).to.be.at.most(lineHeight * 2 + 1);
      expect(name.getAttribute('title')).to.equal(long);
    });

    it('fires widget-load with the items', async () => {
      serve(csomni());
      const el = document.createElement('buy-again-list');
      el.setAttribute('api-base', BASE);
      el.setAttribute('site-token', 'site_1');
      const loaded = oneEvent(el, 'widget-load') as Promise<WidgetLoadEvent>;
      document.body.append(el);
      const event = await loaded;
      expect(event.detail.items!.map((item) => item.id)).to.deep.equal(['vrnt_oat', 'vrnt_banana', 'prod_granola', 'vrnt_tea']);
      expect(event.bubbles && event.composed).to.equal(true);
      el.remove();
    });

    it('sends the site and customer tokens in direct mode', async () => {
      const fake = serve(csomni());
      await widget();
      const [list] = fake.callsTo('/frequentlyPurchased');
      expect(list.url.href).to.equal(`${BASE}/frequentlyPurchased`);
      expect(list.headers.get('token')).to.equal('site_1');
      expect(list.headers.get('customertoken')).to.equal('cs_1');
    });

    it('goes through the proxy with only the customer session', async () => {
      const fake = serve(csomni());
      await widget(html`<buy-again-list proxy-url="https://proxy.test/widgets" customer-session="jwt.abc" site-token="site_secret"></buy-again-list>`);
      const [list] = fake.callsTo('/frequentlyPurchased');
      expect(list.url.href).to.equal('https://proxy.test/widgets/csomni/frequentlyPurchased');
      expect(list.headers.get('authorization')).to.equal('Bearer jwt.abc');
      expect(list.headers.get('token')).to.equal(null);
    });

    it('uses /frequentlyPurchased/forceRefresh with force-refresh', async () => {
      const fake = serve(csomni());
      await widget(html`<buy-again-list api-base=${BASE} site-token="site_1" force-refresh></buy-again-list>`);
      expect(fake.calls[0].url.pathname).to.equal('/frequentlyPurchased/forceRefresh');
    });

    it('shows unavailable rows disabled with show-unavailable, and caps at max-items', async () => {
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="site_1" show-unavailable max-items="3"></buy-again-list>`);
      const cards = $$(el, '[part~="item"]');
      expect(cards.length).to.equal(3);
      expect(cards[1].querySelector('[part~="meta"]')!.textContent).to.equal('No longer available');
      expect(cards[1].querySelector('[part~="add-button"]')!.getAttribute('aria-disabled')).to.equal('true');
      expect(cards[1].querySelector('[part~="name"]')!.textContent).to.equal('Unnamed item');
      await allNamed(el);
      await expect(el).to.be.accessible();
    });

    it('takes force-refresh, show-unavailable and max-items from configure() too', async () => {
      const fake = serve(csomni());
      configure({ apiBase: BASE, siteToken: 'site_1', forceRefresh: true, showUnavailable: true, maxItems: 3 });
      const el = await widget(html`<buy-again-list></buy-again-list>`);
      expect(fake.calls[0].url.pathname).to.equal('/frequentlyPurchased/forceRefresh');
      const cards = $$(el, '[part~="item"]');
      expect(cards.length).to.equal(3);
      expect(cards[1].querySelector('[part~="meta"]')!.textContent).to.equal('No longer available');
      // An attribute still wins.
      el.setAttribute('max-items', '1');
      await until(() => $$(el, '[part~="item"]').length === 1);
    });

    it('two widgets with the same inputs make one request', async () => {
      const fake = serve(csomni());
      const both = await fixture<HTMLElement>(html`<div>
        <buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>
        <buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>
      </div>`);
      const [a, b] = both.querySelectorAll('buy-again-list');
      await until(() => a.state === 'ready' && b.state === 'ready');
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(1);
    });

    it('renders names as they arrive and keeps a usable card when a look-up fails', async () => {
      const answers: Record<string, ReturnType<typeof deferred<Response>>> = {};
      serve(
        csomni({
          product: (request) => {
            const token = request.url.pathname.split('/')[2];
            answers[token] = deferred<Response>();
            return answers[token].promise;
          },
        }),
      );
      const el = await widget();
      expect(names(el).every((name) => name === 'Loading…')).to.equal(true);
      await until(() => Object.keys(answers).length === 4);
      answers.prod_banana.resolve(json(products.prod_banana));
      await until(() => names(el)[1] === 'Bananas');
      expect(names(el)[0]).to.equal('Loading…');
      answers.prod_oat.resolve(json({ message: 'gone' }, { status: 404 }));
      answers.prod_granola.resolve(json(products.prod_granola));
      answers.prod_tea.resolve(json(products.prod_tea));
      // The failed look-up gives up quietly: the card stays, unnamed.
      await until(() => names(el)[0] === 'Unnamed item', 'failed look-up never settled', { timeout: 4000 });
      expect(el.state).to.equal('ready');
      expect($$(el, '[part~="item"]')[0].querySelector('[part~="price"]')!.textContent).to.equal('$3.50');
      await expect(el).to.be.accessible();
    });

    it('formats money in the widget locale and currency', async () => {
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="site_1" locale="de-DE" currency="EUR"></buy-again-list>`);
      expect($(el, '[part~="price"]')!.textContent!.replace(/\s/g, ' ')).to.equal('3,50 €');
    });

    it('takes page-wide defaults from configure(), and an attribute wins', async () => {
      const fake = serve(csomni());
      configure({ apiBase: 'https://configured.test', siteToken: 'site_page', heading: 'Your favourites' });
      const el = await widget(html`<buy-again-list site-token="site_attr"></buy-again-list>`);
      expect(fake.calls[0].url.origin).to.equal('https://configured.test');
      expect(fake.calls[0].headers.get('token')).to.equal('site_attr');
      expect($(el, '[part~="heading"]')!.textContent!.trim()).to.equal('Your favourites');
      configure({ messages: { addToCart: 'Buy again' } });
      await el.updateComplete;
      expect($(el, '[part~="add-button"]')!.textContent!.trim()).to.equal('Buy again');
    });
  });

  describe('empty', () => {
    it('says there is nothing to buy again, accessibly', async () => {
      serve(csomni({ list: () => json([]) }));
      const el = await widget();
      expect(el.state).to.equal('empty');
      expect($(el, '[part~="status"]')!.textContent).to.contain('Nothing to buy again yet');
      expect($$(el, '[part~="item"]').length).to.equal(0);
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent!.includes('Nothing to buy again yet'), 'the empty list was never announced');
      await expect(el).to.be.accessible();
    });

    it('announces the host\'s own empty text when it replaces ours', async () => {
      serve(csomni({ list: () => json([]) }));
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s"><span slot="empty">Start shopping!</span></buy-again-list>`);
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Start shopping!');
      await expect(el).to.be.accessible();
    });

    it('counts a list of only unresolvable rows as empty', async () => {
      serve(csomni({ list: () => json([rows[1]]) }));
      const el = await widget();
      expect(el.state).to.equal('empty');
    });
  });

  describe('error', () => {
    it('shows the error view with Retry, fires widget-error, and Retry recovers', async () => {
      let fail = true;
      serve(csomni({ list: () => (fail ? json('<html>oops</html>', { status: 500 }) : json(rows)) }));
      const el = document.createElement('buy-again-list');
      el.setAttribute('api-base', BASE);
      el.setAttribute('site-token', 'site_1');
      const failed = oneEvent(el, 'widget-error') as Promise<WidgetErrorEvent>;
      document.body.append(el);
      const event = await failed;
      expect(event.detail.error.kind).to.equal('http');
      expect(event.detail.error.status).to.equal(500);
      await until(() => el.state === 'error');
      const status = $(el, '[part~="status"]')!;
      // The alert is the message alone: Retry is not read out as part of it.
      const alert = status.querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain('could not load this right now');
      expect(alert.textContent).to.not.contain('Retry');
      expect(alert.querySelector('button')).to.equal(null);
      await expect(el).to.be.accessible();
      fail = false;
      const retry = $(el, '[part~="retry-button"]')!;
      retry.focus();
      retry.click();
      // Retry gives way to the skeleton: focus goes to the heading, not to the page.
      await until(() => el.shadowRoot!.activeElement === $(el, '[part~="heading"]'), 'focus was lost with the Retry button');
      await until(() => el.state === 'ready');
      expect($$(el, '[part~="item"]').length).to.equal(4);
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === '4 items loaded', 'the loaded list was never announced');
      el.remove();
    });

    it('ends on the error, not on "Loading your items", when Retry fails at once', async () => {
      // Three 503s (the first try and two retries) show Retry; the 404 behind it fails at once.
      let calls = 0;
      serve(csomni({ list: () => json({}, { status: ++calls <= 3 ? 503 : 404 }) }));
      const el = await widget();
      expect(el.state).to.equal('error');
      $(el, '[part~="retry-button"]')!.click();
      await aTimeout(200);
      expect(el.state).to.equal('error');
      expect($(el, '[role="status"][aria-live="polite"]')!.textContent).to.not.equal('Loading your items');
    });

    it('says "Loading your items" when Retry of the error view starts again', async () => {
      const again = deferred<Response>();
      let calls = 0;
      serve(csomni({ list: () => (++calls === 1 ? json({}, { status: 500 }) : again.promise) }));
      const el = await widget();
      expect(el.state).to.equal('error');
      $(el, '[part~="retry-button"]')!.click();
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Loading your items', 'the new load was never announced');
      again.resolve(json(rows));
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === '4 items loaded');
    });

    // What the shopper reads, and whether Retry is offered: only where trying again can help.
    const cases: [string, FakeHandler, string, string, boolean][] = [
      ['a non-JSON body', () => new Response('<html>Maintenance</html>', { status: 200 }), 'invalid-response', 'could not read', true],
      ['broken JSON', () => json('[{"variantToken": "vrnt_1", "quantity": 5,123456 "price": '), 'invalid-response', 'could not read', true],
      ['a body of the wrong shape', () => json({ rows: [] }), 'invalid-response', 'could not read', true],
      // The page's credential or session was refused: the shopper cannot sign their way out of it.
      ['401', () => json({ message: 'bad token' }, { status: 401 }), 'auth', 'This cannot be shown right now.', false],
      ['403', () => json({}, { status: 403 }), 'auth', 'This is not available right now.', false],
      ['404', () => json({ message: 'no such site' }, { status: 404 }), 'http', 'could not load this right now', false],
      ['503 after retries', () => json({}, { status: 503 }), 'http', 'could not load this right now', true],
      ['429 after retries', () => json({}, { status: 429, headers: { 'retry-after': '0' } }), 'rate-limited', 'busy', true],
    ];
    for (const [what, list, kind, text, retry] of cases) {
      it(`reports ${what} as ${kind}${retry ? ' with Retry' : ', without Retry'}`, async () => {
        const fake = serve(csomni({ list }));
        const errors: WidgetErrorEvent[] = [];
        const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="site_1" @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}></buy-again-list>`);
        await until(() => el.state === 'error', `never reached error for ${what}`, { timeout: 4000 });
        expect(errors.map((e) => e.detail.error.kind)).to.deep.equal([kind]);
        expect($(el, '[part~="status"]')!.textContent).to.contain(text);
        expect($(el, '[part~="status"]')!.textContent).to.not.match(/sign in|`/i);
        expect($(el, '[part~="retry-button"]') !== null, 'Retry offered').to.equal(retry);
        if (kind === 'rate-limited') expect(fake.callsTo('/frequentlyPurchased').length).to.equal(3);
        if (kind === 'auth') expect(fake.callsTo('/frequentlyPurchased').length).to.equal(1);
        await expect(el).to.be.accessible();
      });
    }

    it('reports a timeout', async () => {
      configure({ timeout: 200 });
      serve(csomni({ list: () => new Promise<Response>(() => undefined) }));
      const el = await widget();
      expect(el.state).to.equal('error');
      expect($(el, '[part~="status"]')!.textContent).to.contain('took too long');
      await expect(el).to.be.accessible();
    });

    it('without site-token in direct mode: the developer reads which attribute, the shopper plain words without Retry', async () => {
      const fake = serve(csomni());
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const errors: WidgetErrorEvent[] = [];
        const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} heading="Again" @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}></buy-again-list>`);
        await until(() => el.state === 'error');
        expect(errors[0].detail.error.kind).to.equal('config');
        expect(errors[0].detail.error.message).to.equal('`site-token` is required in direct mode (or set `proxy-url`).');
        expect(fake.calls.length).to.equal(0);
        const status = $(el, '[part~="status"]')!;
        expect(shownText(status)).to.equal('This is not available right now.');
        expect($(el, '[part~="retry-button"]')).to.equal(null);
        await expect(el).to.be.accessible();
        // Re-renders and reloads meet the same cause: one warning, which names the attribute.
        el.heading = 'Buy again';
        await el.updateComplete;
        await el.refresh();
        await el.updateComplete;
        expect(errors).to.have.length(2);
        const warnings = warn.mock.calls.filter(([text]) => String(text).includes('site-token'));
        expect(warnings.map(([text]) => text)).to.deep.equal(['<buy-again-list> config: `site-token` is required in direct mode (or set `proxy-url`).']);
        // Text only: the console would keep a logged element alive after the page removed it.
        expect(warnings[0]).to.have.length(1);
        // The page supplying it recovers without a Retry.
        serve(csomni());
        el.setAttribute('site-token', 'site_1');
        await until(() => el.state === 'ready');
      } finally {
        warn.mockRestore();
      }
    });

    it('warns once per cause: another cause warns again', async () => {
      // Causes are counted per page: this test's are its own (a base and a currency no other uses).
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        serve(() => json({}, { status: 404 }));
        const el = await widget(html`<buy-again-list api-base="${BASE}/warn-once" site-token="site_1"></buy-again-list>`);
        expect(el.state).to.equal('error');
        await el.refresh();
        el.setAttribute('currency', 'EUROS');
        await until(() => warn.mock.calls.length === 2, 'the second cause was not warned about');
        await el.refresh();
        await el.updateComplete;
        expect(warn.mock.calls.map(([text]) => text)).to.deep.equal([
          '<buy-again-list> http 404 from https://api.test/warn-once/frequentlyPurchased: The server answered 404',
          '<buy-again-list> config: `currency` "EUROS" is not an ISO 4217 currency code.',
        ]);
      } finally {
        warn.mockRestore();
      }
    });

    it('shows no developer detail under a vendor failure', async () => {
      serve(csomni({ list: () => json({ message: 'db01 timed out at shard 7' }, { status: 500 }) }));
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s"></buy-again-list>`);
      expect(el.state).to.equal('error');
      expect($(el, '[part~="status"] .detail')).to.equal(null);
      expect($(el, '[part~="status"]')!.textContent).to.not.contain('db01');
    });

    it('rejects an unknown currency as a config error naming currency', async () => {
      serve(csomni());
      const errors: WidgetErrorEvent[] = [];
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="s" currency="DOLLARS" @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}></buy-again-list>`);
      await until(() => el.state === 'error');
      expect(errors[0].detail.error.message).to.contain('currency');
    });

    it('shows the host\'s own error text, keeps Retry, and Retry still recovers the list', async () => {
      let fail = true;
      serve(csomni({ list: () => (fail ? json({}, { status: 500 }) : json(rows)) }));
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s"><span slot="error">Our shop is resting</span></buy-again-list>`);
      expect(el.state).to.equal('error');
      const status = $(el, '[part~="status"]')!;
      expect(status.querySelector('[role="alert"] slot[name="error"]')).to.not.equal(null);
      // What is on screen: the host's words in place of ours, with Retry beside them.
      expect(shownText(status)).to.contain('Our shop is resting');
      expect(shownText(status)).to.not.contain('could not load');
      expect(visible(el.querySelector('[slot="error"]')!)).to.equal(true);
      const retry = status.querySelector<HTMLElement>('[part~="retry-button"]')!;
      expect(retry.textContent!.trim()).to.equal('Retry');
      await expect(el).to.be.accessible();
      fail = false;
      retry.click();
      await until(() => el.state === 'ready', 'Retry never recovered the list');
      expect($$(el, '[part~="item"]').length).to.equal(4);
      expect(visible(el.querySelector('[slot="error"]')!)).to.equal(false);
    });

    it('shows the host\'s own empty text in the empty view', async () => {
      serve(csomni({ list: () => json([]) }));
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s"><span slot="empty">Start shopping!</span></buy-again-list>`);
      expect(el.state).to.equal('empty');
      const status = $(el, '[part~="status"]')!;
      expect(shownText(status)).to.equal('Start shopping!');
      expect(visible(el.querySelector('[slot="empty"]')!)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('shows the host\'s own heading in place of ours', async () => {
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s"><span slot="heading">Your usual shop</span></buy-again-list>`);
      expect(el.state).to.equal('ready');
      const heading = $(el, '[part~="heading"]')!;
      expect(shownText(heading)).to.equal('Your usual shop');
      expect(visible(el.querySelector('[slot="heading"]')!)).to.equal(true);
      await allNamed(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('untrusted vendor data', () => {
    it('renders markup in names as text and never puts javascript: URLs in the DOM', async () => {
      serve(
        csomni({
          list: () => json([{ variantToken: 'vrnt_x', quantity: 2, price: 1, variantImage: { file: 'javascript:alert(1)' }, productToken: 'prod_x' }]),
          product: () => json({ prodName: '<img src=x onerror="window.__xss=1">', variants: [{ variantToken: 'vrnt_x', variantName: '<script>window.__xss=2</script>' }] }),
        }),
      );
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" product-url="javascript:alert({productId})"></buy-again-list>`);
      await allNamed(el);
      expect(names(el)[0]).to.equal('<img src=x onerror="window.__xss=1"> – <script>window.__xss=2</script>');
      expect(el.shadowRoot!.querySelectorAll('[part~="name"] img, [part~="name"] script').length).to.equal(0);
      expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
      const markup = el.shadowRoot!.innerHTML;
      expect(markup).to.not.contain('javascript:');
      expect(el.shadowRoot!.querySelector('a[href]')).to.equal(null);
    });

    it('never lets a javascript: image base reach src', async () => {
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" image-base-url="javascript:alert(1)//"></buy-again-list>`);
      expect(el.shadowRoot!.innerHTML).to.not.contain('javascript:');
    });

    it('replaces an image that fails to load with the placeholder', async () => {
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" image-base-url="/no-such-images"></buy-again-list>`);
      await until(() => $$(el, '[part~="item"]')[0].querySelector('.placeholder') !== null, 'broken image stayed');
    });
  });

  describe('keyboard and carousel', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ variantToken: `vrnt_${i}`, quantity: 12 - i, price: i + 1, variantImage: '', productToken: `prod_${i}` }));

    async function carousel(dir = 'ltr') {
      serve(csomni({ list: () => json(many), product: (r) => json({ prodName: `Item ${r.url.pathname.split('_')[1].split('/')[0]}` }) }));
      const el = await widget(html`<buy-again-list dir=${dir} api-base=${BASE} site-token="s" product-url="/p/{productId}" style="width: 500px; --buy-again-card-width: 150px"></buy-again-list>`);
      await allNamed(el);
      return el;
    }

    it('moves focus between slides with the arrow keys, Home and End', async () => {
      const el = await carousel();
      const adds = $$(el, '[part~="add-button"]');
      adds[0].focus();
      const press = (key: string) => el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      press('ArrowRight');
      expect(el.shadowRoot!.activeElement).to.equal(adds[1]);
      press('ArrowRight');
      press('ArrowLeft');
      expect(el.shadowRoot!.activeElement).to.equal(adds[1]);
      press('End');
      expect(el.shadowRoot!.activeElement).to.equal(adds[11]);
      press('Home');
      expect(el.shadowRoot!.activeElement).to.equal(adds[0]);
      // The name link keeps its place the same way.
      const links = $$(el, 'a[part~="name"]');
      links[0].focus();
      press('ArrowRight');
      expect(el.shadowRoot!.activeElement).to.equal(links[1]);
    });

    it('mirrors the arrow keys on right-to-left pages', async () => {
      const el = await carousel('rtl');
      const adds = $$(el, '[part~="add-button"]');
      adds[0].focus();
      el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
      expect(el.shadowRoot!.activeElement).to.equal(adds[1]);
    });

    it('has prev/next buttons that control the viewport and disable at the ends', async () => {
      const el = await carousel();
      const prev = $(el, '[part~="prev-button"]')!;
      const next = $(el, '[part~="next-button"]')!;
      const viewport = $(el, '[part~="viewport"]')!;
      expect(prev.getAttribute('aria-controls')).to.equal(viewport.id);
      expect(next.getAttribute('aria-controls')).to.equal(viewport.id);
      await until(() => next.getAttribute('aria-disabled') === 'false');
      expect(prev.getAttribute('aria-disabled')).to.equal('true');
      next.click();
      await until(() => viewport.scrollLeft > 0, 'next did not scroll');
      await until(() => prev.getAttribute('aria-disabled') === 'false');
      viewport.scrollLeft = viewport.scrollWidth;
      await until(() => next.getAttribute('aria-disabled') === 'true', 'next never disabled at the end');
      await expect(el).to.be.accessible();
    });

    it('keeps its prev/next buttons in step with scrolling after it is moved in the page', async () => {
      const el = await carousel();
      const elsewhere = document.createElement('div');
      document.body.append(elsewhere);
      elsewhere.append(el);
      try {
        await el.updateComplete;
        const next = $(el, '[part~="next-button"]')!;
        const viewport = $(el, '[part~="viewport"]')!;
        await until(() => next.getAttribute('aria-disabled') === 'false');
        viewport.scrollLeft = viewport.scrollWidth;
        await until(() => next.getAttribute('aria-disabled') === 'true', 'the moved carousel stopped tracking its scroll position');
        expect($(el, '[part~="prev-button"]')!.getAttribute('aria-disabled')).to.equal('false');
      } finally {
        elsewhere.remove();
      }
    });

    it('moves to a card without a link onto a control that takes focus', async () => {
      serve(csomni({ list: () => json(many.slice(0, 3).map((row, i) => (i === 1 ? { ...row, productToken: '', variantToken: 'vrnt_gone' } : row))), product: () => json({ prodName: 'Item' }) }));
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" product-url="/p/{productId}" show-unavailable></buy-again-list>`);
      await allNamed(el);
      const cards = $$(el, '[part~="item"]');
      expect(cards[1].querySelector('a[part~="name"]')).to.equal(null);
      cards[0].querySelector<HTMLElement>('a[part~="name"]')!.focus();
      el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
      expect(el.shadowRoot!.activeElement).to.equal(cards[1].querySelector('[part~="add-button"]'));
    });

    /** The cards wholly in view. */
    function cardsInView(el: BuyAgainList): number[] {
      const box = $(el, '[part~="viewport"]')!.getBoundingClientRect();
      return $$(el, '[part~="item"]').flatMap((card, index) => {
        const rect = card.getBoundingClientRect();
        return rect.left >= box.left - 1 && rect.right <= box.right + 1 ? [index] : [];
      });
    }

    /** Presses `button` until it disables, each scroll settled; returns the cards in view after each press. */
    async function pressUntilDisabled(el: BuyAgainList, button: HTMLElement): Promise<number[][]> {
      const viewport = $(el, '[part~="viewport"]')!;
      const seen: number[][] = [];
      for (let press = 0; press < 40 && button.getAttribute('aria-disabled') === 'false'; press++) {
        const before = viewport.scrollLeft;
        button.click();
        await until(() => viewport.scrollLeft !== before, 'a press did not scroll');
        await nextFrame();
        await el.updateComplete;
        seen.push(cardsInView(el));
      }
      return seen;
    }

    describe('paging by the prev/next buttons', () => {
      // At once, as for a shopper who asked for reduced motion: each press is measured where it lands.
      const reducedMotion = (value: 'reduce' | '') => cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value }] });
      beforeEach(() => reducedMotion('reduce'));
      afterEach(() => reducedMotion(''));
      const lots = Array.from({ length: 29 }, (_, i) => ({ variantToken: `vrnt_${i}`, quantity: 30 - i, price: i + 1, variantImage: '', productToken: `prod_${i}` }));

      for (const [dir, width] of [['ltr', 1280], ['ltr', 820], ['ltr', 375], ['rtl', 900], ['rtl', 320]] as const) {
        it(`pages back from the end in as many presses as forward, skipping no card (${dir}, ${width}px)`, async () => {
          serve(csomni({ list: () => json(lots), product: (r) => json({ prodName: `Item ${r.url.pathname.split('_')[1].split('/')[0]}` }) }));
          const el = await widget(html`<buy-again-list dir=${dir} api-base=${BASE} site-token="s" product-url="/p/{productId}" style="width: ${width}px"></buy-again-list>`);
          await allNamed(el);
          const next = $(el, '[part~="next-button"]')!;
          await until(() => next.getAttribute('aria-disabled') === 'false');
          const start = cardsInView(el);
          const forward = await pressUntilDisabled(el, next);
          const back = await pressUntilDisabled(el, $(el, '[part~="prev-button"]')!);
          const stops = `forward ${JSON.stringify(forward.map((cards) => cards[0]))}, back ${JSON.stringify(back.map((cards) => cards[0]))}`;
          expect(back.length, stops).to.equal(forward.length);
          expect(back.at(-1), stops).to.deep.equal(start);
          // Each way, every card was wholly in view at some press: none skipped.
          for (const [way, pages] of [['forward', [start, ...forward]], ['back', [forward.at(-1)!, ...back]]] as const) {
            expect([...new Set(pages.flat())].sort((a, b) => a - b), `${way}: ${stops}`).to.deep.equal(lots.map((_, i) => i));
          }
        });
      }
    });

    it('pages the right way on right-to-left pages', async () => {
      const el = await carousel('rtl');
      const next = $(el, '[part~="next-button"]')!;
      const viewport = $(el, '[part~="viewport"]')!;
      await until(() => next.getAttribute('aria-disabled') === 'false');
      next.click();
      await until(() => viewport.scrollLeft < 0, 'next did not scroll in RTL');
    });
  });

  describe('events', () => {
    it('add-to-cart, not cancelled, adds through POST /cart and /cartprods and announces it', async () => {
      const fake = serve(csomni());
      const el = await widget();
      await allNamed(el);
      const events: AddToCartEvent[] = [];
      el.addEventListener('add-to-cart', (e) => events.push(e));
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      expect(events.length).to.equal(1);
      expect(events[0].cancelable).to.equal(true);
      expect(events[0].detail.quantity).to.equal(1);
      expect(events[0].detail.item.id).to.equal('vrnt_oat');
      await until(() => button.textContent!.trim() === 'Added');
      const [cart] = fake.callsTo('/cart');
      expect(cart.method).to.equal('POST');
      expect(cart.headers.get('customertoken')).to.equal('cs_1');
      const [line] = fake.callsTo('/cartprods/cart_1');
      expect(line.method).to.equal('POST');
      expect(line.body).to.deep.equal({ prodToken: 'vrnt_oat', cartProdQuantity: 1 });
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Oat Milk – 1 L added to cart');
      await expect(el).to.be.accessible();
    });

    it('adds a product-level item with its first variant', async () => {
      const fake = serve(csomni());
      const el = await widget();
      await allNamed(el);
      $$(el, '[part~="add-button"]')[2].click();
      await until(() => fake.callsTo('/cartprods/cart_1').length === 1);
      expect(fake.callsTo('/cartprods/cart_1')[0].body).to.deep.equal({ prodToken: 'vrnt_granola', cartProdQuantity: 1 });
    });

    it('add-to-cart, cancelled without a promise, leaves the cart and its outcome to the host', async () => {
      const fake = serve(csomni());
      const el = await widget();
      el.addEventListener('add-to-cart', (e) => e.preventDefault());
      $(el, '[part~="add-button"]')!.click();
      await aTimeout(100);
      expect(fake.callsTo('/cart').length).to.equal(0);
      expect($(el, '[part~="add-button"]')!.textContent!.trim()).to.equal('Add to cart');
      expect($(el, '[role="status"][aria-live="polite"]')!.textContent).to.not.contain('cart');
    });

    it('without a customer and without a handler, the button says it cannot add here: no guest cart is made', async () => {
      const fake = serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>`);
      await allNamed(el);
      const events: AddToCartEvent[] = [];
      el.addEventListener('add-to-cart', (e) => events.push(e));
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      expect(events).to.have.length(1);
      await until(() => button.textContent!.trim() === 'Cannot add here', 'the press left no trace on screen');
      expect(button.getAttribute('aria-label')).to.equal('Cannot add here: Oat Milk – 1 L');
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Cannot add here: Oat Milk – 1 L');
      expect(fake.callsTo('/cart').length).to.equal(0);
      await expect(el).to.be.accessible();
      // A handler that arrives later is asked on the next press.
      el.addEventListener('add-to-cart', (e) => e.waitUntil(Promise.resolve()));
      button.click();
      await until(() => button.textContent!.trim() === 'Added');
    });

    describe('a handler reports its outcome with until()', () => {
      /** An Algonomy list: no vendor cart, so only the page can add. */
      async function algonomy() {
        const dataList = [{ productCode: 'SKU-1', productName: 'Copy paper A4', productImgUrl: ' ', productQty: '2', productValue: '$ 4.5', orderValue: '$1,000.0', orderDate: '' }];
        serve(() => json({ status: 'OK', message: '', data: { customerId: 2056, totalCount: 1, currentPage: 1, pageSize: 20, totalPages: 1, lastKey: '', dataList } }));
        const el = await widget(html`<buy-again-list source="algonomy" api-base=${BASE} tenant-hash="t" access-token="a" gcr-id="g"></buy-again-list>`);
        expect(el.state).to.equal('ready');
        return { el, button: $(el, '[part~="add-button"]')!, live: () => $(el, '[role="status"][aria-live="polite"]')!.textContent };
      }

      it('a promise that resolves: Adding… while it runs, then Added, announced', async () => {
        const { el, button, live } = await algonomy();
        const add = deferred<void>();
        const events: AddToCartEvent[] = [];
        el.addEventListener('add-to-cart', (e) => {
          events.push(e);
          e.waitUntil(add.promise);
        });
        button.click();
        await el.updateComplete;
        expect(events[0].defaultPrevented, 'until() takes the add over').to.equal(true);
        expect(button.textContent!.trim()).to.equal('Adding…');
        expect(button.getAttribute('aria-disabled')).to.equal('true');
        await expect(el).to.be.accessible();
        // A press while it runs is not a second add.
        button.click();
        expect(events).to.have.length(1);
        add.resolve();
        await until(() => button.textContent!.trim() === 'Added');
        await until(() => live() === 'Copy paper A4 added to cart');
        await expect(el).to.be.accessible();
      });

      it('a promise that rejects: Retry on the button, announced, and Retry asks the handler again', async () => {
        const { el, button, live } = await algonomy();
        const errors: WidgetErrorEvent[] = [];
        el.addEventListener('widget-error', (e) => errors.push(e));
        let attempt = 0;
        el.addEventListener('add-to-cart', (e) => e.waitUntil(++attempt === 1 ? Promise.reject(new Error('cart service down')) : Promise.resolve()));
        button.click();
        await until(() => button.textContent!.trim() === 'Retry', 'the rejection left no trace on screen');
        expect(button.getAttribute('aria-label')).to.equal('Retry: Copy paper A4');
        await until(() => live() === 'Could not add Copy paper A4 to the cart');
        // The page's own failure is the page's: no widget-error for it.
        expect(errors).to.have.length(0);
        await expect(el).to.be.accessible();
        button.click();
        await until(() => button.textContent!.trim() === 'Added');
        expect(attempt).to.equal(2);
      });

      it('a promise that resolves to { failed: [id] } is a failure', async () => {
        const { el, button } = await algonomy();
        el.addEventListener('add-to-cart', (e) => e.waitUntil(Promise.resolve({ failed: [e.detail.item.id] })));
        button.click();
        await until(() => button.textContent!.trim() === 'Retry');
      });

      it('no handler and no cart: the button says it cannot add here', async () => {
        const { el, button, live } = await algonomy();
        button.click();
        await until(() => button.textContent!.trim() === 'Cannot add here');
        await until(() => live() === 'Cannot add here: Copy paper A4');
        await expect(el).to.be.accessible();
      });

      it('cancelled without a promise: the page shows its own outcome, the button stays', async () => {
        const { el, button } = await algonomy();
        el.addEventListener('add-to-cart', (e) => e.preventDefault());
        button.click();
        await aTimeout(100);
        expect(button.textContent!.trim()).to.equal('Add to cart');
      });

      it('until() after the event was handled throws, as ExtendableEvent\'s does', async () => {
        const { el, button } = await algonomy();
        let late: AddToCartEvent | undefined;
        el.addEventListener('add-to-cart', (e) => (late = e));
        button.click();
        expect(() => late!.waitUntil(Promise.resolve())).to.throw(DOMException, /during dispatch/);
      });

      it('with a vendor cart, until() replaces the vendor\'s add', async () => {
        const fake = serve(csomni());
        const el = await widget();
        await allNamed(el);
        el.addEventListener('add-to-cart', (e) => e.waitUntil(Promise.resolve()));
        const button = $(el, '[part~="add-button"]')!;
        button.click();
        await until(() => button.textContent!.trim() === 'Added');
        expect(fake.callsTo('/cart').length).to.equal(0);
      });
    });

    it('a failed add fires widget-error, announces it, shows Retry on the button, and a press adds', async () => {
      let refuse = true;
      const fake = serve(csomni({ cartprods: () => (refuse ? json({ message: 'Product not available' }, { status: 400 }) : json({ status: 'Prod Added' })) }));
      const el = await widget();
      await allNamed(el);
      const failed = oneEvent(el, 'widget-error') as Promise<WidgetErrorEvent>;
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      const event = await failed;
      expect(event.detail.error.kind).to.equal('http');
      expect(event.detail.error.message).to.equal('Product not available');
      // Seen, not only announced: the button says so until it is pressed again.
      await until(() => button.textContent!.trim() === 'Retry', 'the failure left no trace on screen');
      expect(button.getAttribute('aria-label')).to.equal('Retry: Oat Milk – 1 L');
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(el.state).to.equal('ready');
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Could not add Oat Milk – 1 L to the cart');
      await expect(el).to.be.accessible();
      refuse = false;
      button.click();
      await until(() => button.textContent!.trim() === 'Added');
      expect(button.getAttribute('aria-label')).to.equal('Added: Oat Milk – 1 L');
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(2);
    });

    it('keeps Retry on the button after a failed second add, past the first add\'s "Added" time', async () => {
      let adds = 0;
      serve(csomni({ cartprods: () => (++adds === 1 ? json({ status: 'Prod Added' }) : json({ message: 'Out of stock' }, { status: 409 })) }));
      const el = await widget();
      await allNamed(el);
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      await until(() => button.textContent!.trim() === 'Added');
      button.click();
      await until(() => button.textContent!.trim() === 'Retry');
      // "Added" lasts 2.5 s; its end must not wipe the later failure.
      await aTimeout(2700);
      expect(button.textContent!.trim()).to.equal('Retry');
    });

    it('shows Adding… while the add is in flight and adds once however often it is pressed', async () => {
      const held = deferred<Response>();
      const fake = serve(csomni({ cartprods: () => held.promise }));
      const el = await widget();
      await allNamed(el);
      const events: AddToCartEvent[] = [];
      el.addEventListener('add-to-cart', (e) => events.push(e));
      const button = $(el, '[part~="add-button"]')!;
      button.click();
      button.click();
      await until(() => fake.callsTo('/cartprods/cart_1').length > 0, 'the add never reached the cart');
      await el.updateComplete;
      expect(button.textContent!.trim()).to.equal('Adding…');
      // The product stays in the button's name through every state.
      expect(button.getAttribute('aria-label')).to.equal('Adding…: Oat Milk – 1 L');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      // A press on the busy button does nothing either.
      button.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(events).to.have.length(1);
      expect(fake.callsTo('/cart').length).to.equal(1);
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(1);
      held.resolve(json({ status: 'Prod Added' }));
      await until(() => button.textContent!.trim() === 'Added', 'the button never said Added');
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(1);
      expect(events).to.have.length(1);
    });

    it('a 5xx on adding is not retried (an add must not run twice)', async () => {
      const fake = serve(csomni({ cartprods: () => json({}, { status: 503 }) }));
      const el = await widget();
      const failed = oneEvent(el, 'widget-error');
      $(el, '[part~="add-button"]')!.click();
      await failed;
      expect(fake.callsTo('/cartprods/cart_1').length).to.equal(1);
    });

    it('item-select, not cancelled, follows the link', async () => {
      serve(csomni());
      const el = await widget();
      const link = $(el, 'a[part~="name"]') as HTMLAnchorElement;
      const selected = oneEvent(el, 'item-select') as Promise<ItemSelectEvent>;
      let navigated = false;
      // Stop the real navigation at the document, after the widget had its say.
      const stop = (e: Event) => {
        navigated = !e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', stop);
      link.click();
      document.removeEventListener('click', stop);
      const event = await selected;
      expect(event.cancelable).to.equal(true);
      expect(event.detail.item.url).to.equal('/p/prod_oat?v=vrnt_oat');
      expect(navigated).to.equal(true);
    });

    it('item-select, cancelled, keeps the page where it is', async () => {
      serve(csomni());
      const el = await widget();
      el.addEventListener('item-select', (e) => e.preventDefault());
      let navigated = true;
      const stop = (e: Event) => {
        navigated = !e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', stop);
      ($(el, 'a[part~="name"]') as HTMLAnchorElement).click();
      document.removeEventListener('click', stop);
      expect(navigated).to.equal(false);
    });

    it('leaves modified and middle clicks on a name to the browser: no item-select, default untouched', async () => {
      serve(csomni());
      const el = await widget();
      const link = $(el, 'a[part~="name"]')!;
      const selects: ItemSelectEvent[] = [];
      // The host routes in its app: it cancels every item-select it hears.
      el.addEventListener('item-select', (e) => {
        selects.push(e as ItemSelectEvent);
        e.preventDefault();
      });
      let prevented: boolean | undefined;
      // Record whether the widget stopped the browser, then stop the real navigation (new tab,
      // new window) ourselves.
      const stop = (e: Event) => {
        prevented = e.defaultPrevented;
        e.preventDefault();
      };
      document.addEventListener('click', stop);
      try {
        const click = (init: MouseEventInit) => {
          prevented = undefined;
          link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0, ...init }));
          expect(prevented, 'the click never reached the page').to.not.equal(undefined);
          return prevented;
        };
        for (const modified of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }] as MouseEventInit[]) {
          expect(click(modified), `${JSON.stringify(modified)} was prevented`).to.equal(false);
          expect(selects, `${JSON.stringify(modified)} fired item-select`).to.have.length(0);
        }
        // A plain click is the widget's: item-select fires, and the host's cancel holds.
        expect(click({})).to.equal(true);
        expect(selects).to.have.length(1);
        expect(selects[0].detail.item.url).to.equal('/p/prod_oat?v=vrnt_oat');
      } finally {
        document.removeEventListener('click', stop);
      }
    });
  });

  describe('lifecycle', () => {
    it('refresh() reloads bypassing the cache', async () => {
      const fake = serve(csomni());
      const el = await widget();
      await el.refresh();
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(2);
      expect(el.state).to.equal('ready');
    });

    it('shows its list revalidated behind it, and ignores updates of other entries', async () => {
      // The cache's clock stands still unless the test moves it: nothing goes stale by itself.
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        let version = 1;
        serve(csomni({ list: () => json(version === 1 ? rows : rows.slice(0, 1)) }));
        const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" cache-ttl="1"></buy-again-list>`);
        let loads = 0;
        el.addEventListener('widget-load', () => (loads += 1));
        pageCache.dispatchEvent(new CacheUpdateEvent('some other widget\'s list'));
        await aTimeout(50);
        expect(loads).to.equal(0);
        version = 2;
        vi.setSystemTime(Date.now() + 1100);
        // A second widget reads the stale list: it is shown at once and revalidated behind it.
        await fixture(html`<buy-again-list api-base=${BASE} site-token="s" cache-ttl="1"></buy-again-list>`);
        await until(() => $$(el, '[part~="item"]').length === 1, 'the revalidated list never replaced the stale one');
        expect(loads).to.equal(1);
      } finally {
        vi.useRealTimers();
      }
    });

    it('keeps the names it has through a refresh (no flash of loading names)', async () => {
      let productsAnswer = true;
      const fake = serve(csomni({ product: (request) => (productsAnswer ? json(products[request.url.pathname.split('/')[2]]) : new Promise<Response>(() => undefined)) }));
      const el = await widget();
      await allNamed(el);
      const before = names(el);
      const lookups = fake.callsTo('/full').length;
      productsAnswer = false;
      await el.refresh();
      await el.updateComplete;
      expect(names(el)).to.deep.equal(before);
      expect(fake.callsTo('/full').length).to.equal(lookups);
    });

    it('sends its first request once when configure() follows the script, as the README shows', async () => {
      const answer = deferred<Response>();
      const fake = serve(csomni({ list: () => answer.promise }));
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="s"></buy-again-list>`);
      await until(() => fake.callsTo('/frequentlyPurchased').length === 1);
      // A page setting that changes what the widget shows, not whose list it reads.
      configure({ locale: 'en-GB', currency: 'GBP' });
      await el.updateComplete;
      answer.resolve(json(rows));
      await until(() => el.state === 'ready');
      await allNamed(el);
      expect(fake.callsTo('/frequentlyPurchased').length, 'the first request was cancelled and sent again').to.equal(1);
      const lookups = fake.calls.filter((call) => call.url.pathname.includes('/products/')).map((call) => call.url.pathname);
      expect(lookups.length).to.equal(new Set(lookups).size);
    });

    it('never shows one customer\'s items, or adds to their cart, while another customer\'s list loads', async () => {
      const second = deferred<Response>();
      const fake = serve(csomni({ list: (request) => (request.headers.get('customertoken') === 'cs_b' ? second.promise : json(rows)) }));
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" customer-token="cs_a"></buy-again-list>`);
      expect($$(el, '[part~="item"]').length).to.equal(4);
      el.setAttribute('customer-token', 'cs_b');
      await until(() => el.state === 'loading', 'the old list stayed on screen under the new customer');
      expect($$(el, '[part~="item"]').length).to.equal(0);
      expect($$(el, '[part~="add-button"]').length).to.equal(0);
      await expect(el).to.be.accessible();
      second.resolve(json(rows.slice(0, 1)));
      await until(() => el.state === 'ready');
      expect($$(el, '[part~="item"]').length).to.equal(1);
      expect(fake.callsTo('/frequentlyPurchased').map((call) => call.headers.get('customertoken'))).to.deep.equal(['cs_a', 'cs_b']);
    });

    it('keeps the list on screen when the same shopper\'s session is renewed, and clears it for another shopper', async () => {
      // A renewal may carry another vendor's claims changed (a new giosg chat): not this list's business.
      const token = (sub: string, n: number, customerToken = `cs_${sub}`) =>
        `e30.${btoa(JSON.stringify({ sub, exp: 1000 + n, csomni: { customerToken }, giosg: { visitorId: 'v1', chatIds: [`c${n}`] } })).replace(/=+$/, '')}.sig`;
      const later = deferred<Response>();
      let calls = 0;
      // The proxy's routes are the vendor's below {proxy-url}/csomni.
      const vendor = (request: RecordedRequest) => csomni()({ ...request, url: new URL(request.url.href.replace('/widgets/csomni/', '/')) });
      serve((request) => (request.url.pathname.endsWith('/frequentlyPurchased') && ++calls === 3 ? later.promise : vendor(request)));
      const el = await widget(html`<buy-again-list proxy-url="https://proxy.test/widgets" customer-session=${token('ana', 1)}></buy-again-list>`);
      expect($$(el, '[part~="item"]').length).to.equal(4);
      el.setAttribute('customer-session', token('ana', 2));
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect($$(el, '[part~="item"]').length).to.equal(4);
      await until(() => calls === 2);
      // The same login ordering for another customer account is another list too.
      el.setAttribute('customer-session', token('ana', 3, 'cs_ana_company'));
      await until(() => el.state === 'loading', 'another shopper still saw the first one\'s list');
      expect($$(el, '[part~="item"]').length).to.equal(0);
      later.resolve(json(rows.slice(0, 1)));
      await until(() => el.state === 'ready');
      expect($$(el, '[part~="item"]').length).to.equal(1);
    });

    it('keeps focus on the same product when a reload reorders the list', async () => {
      let order = rows;
      serve(csomni({ list: () => json(order) }));
      const el = await widget();
      await allNamed(el);
      const oat = $$(el, '[part~="item"]').find((card) => card.textContent!.includes('Oat Milk'))!;
      const button = oat.querySelector<HTMLElement>('[part~="add-button"]')!;
      button.focus();
      order = [...rows].reverse();
      await el.refresh();
      await el.updateComplete;
      expect(names(el).at(-1)).to.contain('Oat Milk');
      expect(el.shadowRoot!.activeElement, 'focus left the product with the reorder').to.equal(button);
    });

    it('keeps its items on screen while the same list reloads for max-items', async () => {
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" customer-token="cs_a"></buy-again-list>`);
      el.maxItems = 2;
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      await until(() => $$(el, '[part~="item"]').length === 2);
    });

  });
});

describe('<buy-again-list> session cache', () => {
  const ours = () => Object.keys(sessionStorage).filter((key) => key.startsWith('storefront-widgets:'));

  it('keeps its answers in sessionStorage under hashed keys, never the tokens, and clear() removes them', async () => {
    const siteToken = 'site_Secret_7f3a';
    const customerToken = 'cs_Private_91bc';
    for (const key of ours()) sessionStorage.removeItem(key);
    try {
      configure({ sessionCache: true });
      serve(csomni());
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token=${siteToken} customer-token=${customerToken}></buy-again-list>`);
      expect(el.state).to.equal('ready');
      await allNamed(el);
      const keys = ours();
      expect(keys.length, 'nothing was kept in sessionStorage').to.be.greaterThan(0);
      // The list itself is there, for the next page of the tab.
      expect(keys.some((key) => sessionStorage.getItem(key)!.includes('vrnt_oat')), 'the list was not stored').to.equal(true);
      for (const key of keys) {
        expect(key).to.match(/^storefront-widgets:[0-9a-z]+$/);
        for (const token of [siteToken, customerToken]) {
          expect(key, 'a token is in a storage key').to.not.contain(token);
          expect(sessionStorage.getItem(key), 'a token is in a stored value').to.not.contain(token);
        }
      }
      el.remove();
      pageCache.clear();
      expect(ours(), 'clear() left entries in sessionStorage').to.deep.equal([]);
    } finally {
      for (const key of ours()) sessionStorage.removeItem(key);
      pageCache.persistIn(undefined);
    }
  });
});

describe('<buy-again-list> languages', () => {
  it('speaks the locale attribute, else the nearest lang, else English', async () => {
    serve(csomni());
    const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" locale="de-DE"></buy-again-list>`);
    expect($(el, '[part~="heading"]')!.textContent!.trim()).to.equal('Erneut kaufen');
    expect($(el, '[part~="add-button"]')!.textContent!.trim()).to.equal('In den Warenkorb');
    expect($(el, '[part~="meta"]')!.textContent).to.equal('145-mal gekauft');
    expect($(el, 'section')!.getAttribute('aria-roledescription')).to.equal('Karussell');
    expect($(el, '[part~="item"]')!.getAttribute('aria-roledescription')).to.equal('Folie');
    await expect(el).to.be.accessible();
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><buy-again-list api-base=${BASE} site-token="s"></buy-again-list></div>`);
    const french = wrapper.querySelector('buy-again-list')!;
    await until(() => french.state === 'ready');
    expect($(french, '[part~="add-button"]')!.textContent!.trim()).to.equal('Ajouter au panier');
    expect($(french, '[part~="price"]')!.textContent!.replace(/\s/g, ' ')).to.equal('3,50 $US');
    await allNamed(french);
    await expect(french).to.be.accessible();
    const other = await widget(html`<buy-again-list api-base=${BASE} site-token="s" locale="pt-BR"></buy-again-list>`);
    expect($(other, '[part~="add-button"]')!.textContent!.trim()).to.equal('Add to cart');
  });

  it('stays in its loading view, with no English, until its language arrives; then shows it', async () => {
    serve(csomni());
    const arrival = deferred<{ default: string }>();
    // A language of our own, loaded when asked as the built-in ones are (src/core/translation-modules.ts).
    translationModules.eo = () => arrival.promise;
    try {
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="s" locale="eo"></buy-again-list>`);
      // The list answered long ago (a fake fetch answers at once): the widget still waits.
      await aTimeout(150);
      expect(el.state).to.equal('loading');
      expect($(el, '[part~="viewport"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(shownText($(el, 'section')!)).to.equal('');
      expect($(el, 'section')!.getAttribute('aria-roledescription')).to.equal('');
      // A string the page configured shows at once: configure({ messages }) wins in every language.
      configure({ messages: { buyAgainHeading: 'Again?' } });
      await el.updateComplete;
      expect(shownText($(el, 'section')!)).to.equal('Again?');
      configure({ messages: { buyAgainHeading: undefined } as never });
      await el.updateComplete;
      const lines = Object.keys(defaultMessages).map((key) => `zz:${key}`);
      arrival.resolve({ default: `\n${lines.join('\n').replace('zz:boughtTimes', 'zz:boughtTimes {count}').replace('zz:slideLabel', '{index}/{count}')}` });
      await until(() => el.state === 'ready');
      expect(shownText($(el, '[part~="heading"]')!)).to.equal('zz:buyAgainHeading');
      expect($(el, '[part~="add-button"]')!.textContent!.trim()).to.equal('zz:addToCart');
      expect($(el, '[part~="item"]')!.getAttribute('aria-label')).to.equal('1/4');
      await expect(el).to.be.accessible();
    } finally {
      delete translationModules.eo;
    }
  });

  it('shows English when its language cannot load, never staying in the loading view', async () => {
    serve(csomni());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    translationModules.zy = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" locale="zy"></buy-again-list>`);
      expect(el.state).to.equal('ready');
      expect(shownText($(el, '[part~="heading"]')!)).to.equal('Buy it again');
      expect(warn.mock.calls.map((call) => String(call[0]))).to.deep.include('storefront-widgets: the "zy" messages did not load, so English shows instead.');
    } finally {
      delete translationModules.zy;
      warn.mockRestore();
    }
  });

  it('a setup error waits for the language too, and is shown in it', async () => {
    serve(csomni());
    const arrival = deferred<{ default: string }>();
    translationModules.zx = () => arrival.promise;
    try {
      const el = await fixture<BuyAgainList>(html`<buy-again-list api-base=${BASE} site-token="s" source="nope" locale="zx"></buy-again-list>`);
      await aTimeout(100);
      expect(el.state).to.equal('loading');
      const lines = Object.keys(defaultMessages).map((key) => (key === 'errorConfig' ? 'Falsch eingerichtet' : ''));
      arrival.resolve({ default: `\n${lines.join('\n')}` });
      await until(() => el.state === 'error');
      expect(shownText($(el, '[part~="status"]')!)).to.contain('Falsch eingerichtet');
    } finally {
      delete translationModules.zx;
    }
  });

  it('lays out right to left under dir="rtl" and stays accessible', async () => {
    serve(csomni());
    const wrapper = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar"><buy-again-list api-base=${BASE} site-token="s" style="width: 500px"></buy-again-list></div>`);
    const el = wrapper.querySelector('buy-again-list')!;
    await until(() => el.state === 'ready');
    const [first, second] = $$(el, '[part~="item"]').map((card) => card.getBoundingClientRect());
    // The first card starts at the right edge; the next one sits to its left.
    expect(second.right).to.be.lessThan(first.left + 1);
    await expect(el).to.be.accessible();
  });
});

describe('<buy-again-list> render work', () => {
  it('a list whose names the page looked up before renders named cards with its first render', async () => {
    serve(csomni());
    const first = await widget();
    await allNamed(first);
    const lookups = api!.calls.filter((request) => request.url.pathname.startsWith('/products/')).length;
    // The moment the second list first shows its cards (widget-load follows that render).
    let atFirstRender: string[] = [];
    let shimmering = -1;
    const onLoad = (event: Event) => {
      const el = event.target as BuyAgainList;
      atFirstRender = names(el);
      shimmering = $$(el, '[part~="name"] .shimmer').length;
    };
    const second = await widget(html`<buy-again-list api-base=${BASE} site-token="site_1" customer-token="cs_1" image-base-url="/mock/assets/" product-url="/p/{productId}?v={variantId}" @widget-load=${onLoad}></buy-again-list>`);
    await until(() => atFirstRender.length > 0);
    expect(shimmering).to.equal(0);
    expect(atFirstRender).to.deep.equal(names(first));
    expect(atFirstRender).to.include('Oat Milk – 1 L');
    expect(second.state).to.equal('ready');
    // Nothing was asked again: the names came from the page cache.
    expect(api!.calls.filter((request) => request.url.pathname.startsWith('/products/')).length).to.equal(lookups);
  });

  it('announcements, prev/next and one card\'s add state render no other card', async () => {
    serve(csomni());
    const el = await widget(html`<buy-again-list api-base=${BASE} site-token="site_1" customer-token="cs_1" style="width: 400px; display: block"></buy-again-list>`);
    await allNamed(el);
    // Each card's template reads its item's name: count the reads per item.
    const reads = new Map<string, number>();
    const state = el as unknown as { items: { id: string; name: string | null }[]; announcement: string };
    state.items = state.items.map((item) => new Proxy(item, { get: (target, key) => (key === 'name' && reads.set(target.id, (reads.get(target.id) ?? 0) + 1), Reflect.get(target, key)) }));
    await el.updateComplete;
    expect(reads.size, 'a new list renders every card').to.equal(state.items.length);
    reads.clear();
    state.announcement = 'Something to say';
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.contain('Something to say');
    expect([...reads.keys()]).to.deep.equal([]);
    $(el, '[part~="next-button"]')!.click();
    await until(() => $(el, '[part~="prev-button"]')!.getAttribute('aria-disabled') === 'false');
    expect([...reads.keys()]).to.deep.equal([]);
    $$(el, '[part~="add-button"]')[1].click();
    await until(() => $$(el, '[part~="add-button"]')[1].textContent!.trim() === 'Added');
    expect([...reads.keys()]).to.deep.equal([state.items[1].id]);
  });
});

describe('<buy-again-list> long lists', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ variantToken: `vrnt_${i}`, quantity: n - i, price: 2, variantImage: '', productToken: `prod_${i % 5}` }));
  const longList = (n: number) => serve(csomni({ list: () => json(many(n)), product: (request) => json({ prodName: `Product ${request.url.pathname.split('/')[2]}`, variants: [] }) }));
  const cards = (el: BuyAgainList) => $$(el, '[part~="item"]');

  it('renders the cards near view first, each labelled of the whole list, and more as the shopper scrolls', async () => {
    longList(500);
    const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" style="display: block; width: 600px"></buy-again-list>`);
    await allNamed(el);
    const first = cards(el).length;
    expect(first).to.be.greaterThan(10).and.lessThan(500);
    expect(cards(el)[0].getAttribute('aria-label')).to.equal('1 of 500');
    expect(cards(el)[first - 1].getAttribute('aria-label')).to.equal(`${first} of 500`);
    // The rendered part is on the page as text (what find-in-page searches).
    expect(el.shadowRoot!.textContent).to.contain('Product prod_0');
    await expect(el).to.be.accessible();
    // Focus on a card survives more cards arriving.
    const focused = $$(el, '[part~="add-button"]')[2];
    focused.focus();
    const viewport = $(el, '[part~="viewport"]')!;
    viewport.scrollLeft = viewport.scrollWidth;
    await until(() => cards(el).length > first, 'no more cards came when scrolled to the end');
    expect(el.shadowRoot!.activeElement).to.equal(focused);
    expect(cards(el)[first].getAttribute('aria-label')).to.equal(`${first + 1} of 500`);
  });

  it('End goes to the last card of the whole list; arrows go on past the rendered cards', async () => {
    longList(300);
    const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" style="display: block; width: 600px"></buy-again-list>`);
    const rendered = cards(el).length;
    expect(rendered).to.be.lessThan(300);
    // To the last rendered card, then one more to the right.
    const last = cards(el)[rendered - 1].querySelector<HTMLElement>('[part~="add-button"]')!;
    last.focus();
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal(`${rendered + 1} of 300`);
    el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(cards(el)).to.have.length(300);
    expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal('300 of 300');
    el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal('1 of 300');
  });
});
