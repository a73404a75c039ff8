import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, it } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { configure } from '../../../src/core/config.ts';
import type { WidgetLoadEvent } from '../../../src/events.ts';
import { deferred, json } from '../../support/fake-fetch.ts';
import { $, $$, until, untilState } from '../../support/dom.ts';
import { CSOMNI_PRODUCTS as products, CSOMNI_ROWS as rows, csomni } from '../../support/vendors/csomni.ts';
import { allNamed, BASE, names, serve, useCleanPage, widget } from './harness.ts';

useCleanPage();

describe('<buy-again-list>', () => {
  describe('loading', () => {
    it('shows skeleton cards, busy and announced, and passes an accessibility check', async () => {
      const answer = deferred<Response>();
      serve(csomni({ list: () => answer.promise }));
      const el = await fixture<BuyAgainList>(
        html`<buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>`,
      );
      expect(el.state).to.equal('loading');
      expect(el.getAttribute('state')).to.equal('loading');
      expect($$(el, '.card.skeleton').length).to.be.greaterThan(0);
      expect($(el, '[part~="viewport"]')!.getAttribute('aria-busy')).to.equal('true');
      expect($(el, '[role="status"][part~="status"]')!.textContent).to.contain('Loading your items');
      await expect(el).to.be.accessible();
      answer.resolve(json(rows));
      await untilState(el, 'ready');
    });

    it('keeps the same card size from skeleton to data (no layout shift)', async () => {
      const answer = deferred<Response>();
      serve(csomni({ list: () => answer.promise }));
      const el = await fixture<BuyAgainList>(
        html`<buy-again-list api-base=${BASE} site-token="site_1" style="width: 800px"></buy-again-list>`,
      );
      const skeleton = $(el, '.card.skeleton')!.getBoundingClientRect();
      const hostHeight = el.getBoundingClientRect().height;
      answer.resolve(json(rows));
      await untilState(el, 'ready');
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
      serve(
        csomni({
          product: () =>
            json({
              prodToken: 'prod_oat',
              prodName: long,
              variants: [{ variantToken: 'vrnt_oat', variantName: long }],
            }),
        }),
      );
      const el = await widget();
      await allNamed(el);
      const name = $(el, '[part~="name"]')!;
      expect(name.textContent.trim()).to.equal(long);
      const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
      expect(name.getBoundingClientRect().height).to.be.at.most(lineHeight * 2 + 1);
      expect(name.getAttribute('title')).to.equal(long);
    });

    it('fires widget-load with the items', async () => {
      serve(csomni());
      const el = document.createElement('buy-again-list');
      el.setAttribute('api-base', BASE);
      el.setAttribute('site-token', 'site_1');
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (declaration order)
      const loaded = oneEvent(el, 'widget-load') as Promise<WidgetLoadEvent>;
      document.body.append(el);
      const event = await loaded;
      expect(event.detail.items!.map((item) => item.id)).to.deep.equal([
        'vrnt_oat',
        'vrnt_banana',
        'prod_granola',
        'vrnt_tea',
      ]);
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
      await widget(
        html`<buy-again-list
          proxy-url="https://proxy.test/widgets"
          customer-session="jwt.abc"
          site-token="site_secret"
        ></buy-again-list>`,
      );
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
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="site_1" show-unavailable max-items="3"></buy-again-list>`,
      );
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
      const both = await fixture<HTMLElement>(
        html`<div>
          <buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>
          <buy-again-list api-base=${BASE} site-token="site_1"></buy-again-list>
        </div>`,
      );
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
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="site_1" locale="de-DE" currency="EUR"></buy-again-list>`,
      );
      expect($(el, '[part~="price"]')!.textContent.replace(/\s/g, ' ')).to.equal('3,50 €');
    });

    it('takes page-wide defaults from configure(), and an attribute wins', async () => {
      const fake = serve(csomni());
      configure({ apiBase: 'https://configured.test', siteToken: 'site_page', heading: 'Your favourites' });
      const el = await widget(html`<buy-again-list site-token="site_attr"></buy-again-list>`);
      expect(fake.calls[0].url.origin).to.equal('https://configured.test');
      expect(fake.calls[0].headers.get('token')).to.equal('site_attr');
      expect($(el, '[part~="heading"]')!.textContent.trim()).to.equal('Your favourites');
      configure({ messages: { addToCart: 'Buy again' } });
      await el.updateComplete;
      expect($(el, '[part~="add-button"]')!.textContent.trim()).to.equal('Buy again');
    });
  });

  describe('empty', () => {
    it('says there is nothing to buy again, accessibly', async () => {
      serve(csomni({ list: () => json([]) }));
      const el = await widget();
      expect(el.state).to.equal('empty');
      expect($(el, '[part~="status"]')!.textContent).to.contain('Nothing to buy again yet');
      expect($$(el, '[part~="item"]').length).to.equal(0);
      await until(
        () => $(el, '[role="status"][aria-live="polite"]')!.textContent.includes('Nothing to buy again yet'),
        'the empty list was never announced',
      );
      await expect(el).to.be.accessible();
    });

    it("announces the host's own empty text when it replaces ours", async () => {
      serve(csomni({ list: () => json([]) }));
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s"
          ><span slot="empty">Start shopping!</span></buy-again-list
        >`,
      );
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Start shopping!');
      await expect(el).to.be.accessible();
    });

    it('counts a list of only unresolvable rows as empty', async () => {
      serve(csomni({ list: () => json([rows[1]]) }));
      const el = await widget();
      expect(el.state).to.equal('empty');
    });
  });

  describe('untrusted vendor data', () => {
    it('renders markup in names as text and never puts javascript: URLs in the DOM', async () => {
      serve(
        csomni({
          list: () =>
            json([
              {
                variantToken: 'vrnt_x',
                quantity: 2,
                price: 1,
                variantImage: { file: 'javascript:alert(1)' },
                productToken: 'prod_x',
              },
            ]),
          product: () =>
            json({
              prodName: '<img src=x onerror="window.__xss=1">',
              variants: [{ variantToken: 'vrnt_x', variantName: '<script>window.__xss=2</script>' }],
            }),
        }),
      );
      const el = await widget(
        html`<buy-again-list
          api-base=${BASE}
          site-token="s"
          product-url="javascript:alert({productId})"
        ></buy-again-list>`,
      );
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
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s" image-base-url="javascript:alert(1)//"></buy-again-list>`,
      );
      expect(el.shadowRoot!.innerHTML).to.not.contain('javascript:');
    });

    it('replaces an image that fails to load with the placeholder', async () => {
      serve(csomni());
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s" image-base-url="/no-such-images"></buy-again-list>`,
      );
      await until(() => $$(el, '[part~="item"]')[0].querySelector('.placeholder') !== null, 'broken image stayed');
    });
  });
});
