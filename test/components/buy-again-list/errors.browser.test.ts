import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { configure } from '../../../src/core/config.ts';
import type { WidgetErrorEvent } from '../../../src/events.ts';
import { deferred, json, type FakeHandler } from '../../support/fake-fetch.ts';
import { $, $$, shownText, until, untilState, visible } from '../../support/dom.ts';
import { CSOMNI_ROWS as rows, csomni } from '../../support/vendors/csomni.ts';
import { allNamed, BASE, serve, useCleanPage, widget } from './harness.ts';

useCleanPage();

describe('<buy-again-list>', () => {
  describe('error', () => {
    // The error view, widget-error and Retry of every widget: test/components/shared/widget-behaviour.ts.
    it('reads the message alone as the alert, and announces the list Retry brought', async () => {
      let fail = true;
      serve(csomni({ list: () => (fail ? json('<html>oops</html>', { status: 500 }) : json(rows)) }));
      const el = await widget();
      expect(el.state).to.equal('error');
      // The alert is the message alone: Retry is not read out as part of it.
      const alert = $(el, '[part~="status"] [role="alert"]')!;
      expect(alert.textContent).to.contain('could not load this right now');
      expect(alert.textContent).to.not.contain('Retry');
      expect(alert.querySelector('button')).to.equal(null);
      fail = false;
      $(el, '[part~="retry-button"]')!.click();
      await untilState(el, 'ready');
      await until(
        () => $(el, '[role="status"][aria-live="polite"]')!.textContent === '4 items loaded',
        'the loaded list was never announced',
      );
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
      await until(
        () => $(el, '[role="status"][aria-live="polite"]')!.textContent === 'Loading your items',
        'the new load was never announced',
      );
      again.resolve(json(rows));
      await until(() => $(el, '[role="status"][aria-live="polite"]')!.textContent === '4 items loaded');
    });

    // What the shopper reads, and whether Retry is offered: only where trying again can help.
    const cases: [string, FakeHandler, string, string, boolean][] = [
      [
        'a non-JSON body',
        () => new Response('<html>Maintenance</html>', { status: 200 }),
        'invalid-response',
        'could not read',
        true,
      ],
      [
        'broken JSON',
        () => json('[{"variantToken": "vrnt_1", "quantity": 5,123456 "price": '),
        'invalid-response',
        'could not read',
        true,
      ],
      ['a body of the wrong shape', () => json({ rows: [] }), 'invalid-response', 'could not read', true],
      // The page's credential or session was refused: the shopper cannot sign their way out of it.
      ['401', () => json({ message: 'bad token' }, { status: 401 }), 'auth', 'This cannot be shown right now.', false],
      ['403', () => json({}, { status: 403 }), 'auth', 'This is not available right now.', false],
      ['404', () => json({ message: 'no such site' }, { status: 404 }), 'http', 'could not load this right now', false],
      ['503 after retries', () => json({}, { status: 503 }), 'http', 'could not load this right now', true],
      [
        '429 after retries',
        () => json({}, { status: 429, headers: { 'retry-after': '0' } }),
        'rate-limited',
        'busy',
        true,
      ],
    ];
    for (const [what, list, kind, text, retry] of cases) {
      it(`reports ${what} as ${kind}${retry ? ' with Retry' : ', without Retry'}`, async () => {
        const fake = serve(csomni({ list }));
        const errors: WidgetErrorEvent[] = [];
        const el = await fixture<BuyAgainList>(
          html`<buy-again-list
            api-base=${BASE}
            site-token="site_1"
            @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}
          ></buy-again-list>`,
        );
        await untilState(el, 'error', `never reached error for ${what}`, { timeout: 4000 });
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

    it(
      'without site-token in direct mode: the developer reads which attribute, ' +
        'the shopper plain words without Retry',
      async () => {
        const fake = serve(csomni());
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        try {
          const errors: WidgetErrorEvent[] = [];
          const el = await fixture<BuyAgainList>(
            html`<buy-again-list
              api-base=${BASE}
              heading="Again"
              @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}
            ></buy-again-list>`,
          );
          await untilState(el, 'error');
          expect(errors[0].detail.error.kind).to.equal('config');
          expect(errors[0].detail.error.message).to.equal('SW1 `site-token`');
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
          expect(warnings.map(([text]) => text)).to.deep.equal(['<buy-again-list> config: SW1 `site-token`']);
          // Text only: the console would keep a logged element alive after the page removed it. The
          // development build, which these tests run, adds the code's full text; production leaves it out.
          expect(warnings[0]).to.deep.equal([
            '<buy-again-list> config: SW1 `site-token`',
            '\nSW1: the attribute named is required in direct mode; or set `proxy-url`',
          ]);
          // The page supplying it recovers without a Retry.
          serve(csomni());
          el.setAttribute('site-token', 'site_1');
          await untilState(el, 'ready');
        } finally {
          warn.mockRestore();
        }
      },
    );

    it('warns once per cause: another cause warns again', async () => {
      // Causes are counted per page: this test's are its own (a base and a currency no other uses).
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        serve(() => json({}, { status: 404 }));
        const el = await widget(
          html`<buy-again-list api-base="${BASE}/warn-once" site-token="site_1"></buy-again-list>`,
        );
        expect(el.state).to.equal('error');
        await el.refresh();
        el.setAttribute('currency', 'EUROS');
        await until(() => warn.mock.calls.length === 2, 'the second cause was not warned about');
        await el.refresh();
        await el.updateComplete;
        expect(warn.mock.calls.map(([text]) => text)).to.deep.equal([
          '<buy-again-list> http 404 from https://api.test/warn-once/frequentlyPurchased: SW24',
          '<buy-again-list> config: SW3 `currency` "EUROS"',
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
      const el = await fixture<BuyAgainList>(
        html`<buy-again-list
          api-base=${BASE}
          site-token="s"
          currency="DOLLARS"
          @widget-error=${(e: WidgetErrorEvent) => errors.push(e)}
        ></buy-again-list>`,
      );
      await untilState(el, 'error');
      expect(errors[0].detail.error.message).to.equal('SW3 `currency` "DOLLARS"');
    });

    it("shows the host's own error text, keeps Retry, and Retry still recovers the list", async () => {
      let fail = true;
      serve(csomni({ list: () => (fail ? json({}, { status: 500 }) : json(rows)) }));
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s"
          ><span slot="error">Our shop is resting</span></buy-again-list
        >`,
      );
      expect(el.state).to.equal('error');
      const status = $(el, '[part~="status"]')!;
      expect(status.querySelector('[role="alert"] slot[name="error"]')).to.not.equal(null);
      // What is on screen: the host's words in place of ours, with Retry beside them.
      expect(shownText(status)).to.contain('Our shop is resting');
      expect(shownText(status)).to.not.contain('could not load');
      expect(visible(el.querySelector('[slot="error"]')!)).to.equal(true);
      const retry = status.querySelector<HTMLElement>('[part~="retry-button"]')!;
      expect(retry.textContent.trim()).to.equal('Retry');
      await expect(el).to.be.accessible();
      fail = false;
      retry.click();
      await untilState(el, 'ready', 'Retry never recovered the list');
      expect($$(el, '[part~="item"]').length).to.equal(4);
      expect(visible(el.querySelector('[slot="error"]')!)).to.equal(false);
    });

    it("shows the host's own empty text in the empty view", async () => {
      serve(csomni({ list: () => json([]) }));
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s"
          ><span slot="empty">Start shopping!</span></buy-again-list
        >`,
      );
      expect(el.state).to.equal('empty');
      const status = $(el, '[part~="status"]')!;
      expect(shownText(status)).to.equal('Start shopping!');
      expect(visible(el.querySelector('[slot="empty"]')!)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it("shows the host's own heading in place of ours", async () => {
      serve(csomni());
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s"
          ><span slot="heading">Your usual shop</span></buy-again-list
        >`,
      );
      expect(el.state).to.equal('ready');
      const heading = $(el, '[part~="heading"]')!;
      expect(shownText(heading)).to.equal('Your usual shop');
      expect(visible(el.querySelector('[slot="heading"]')!)).to.equal(true);
      await allNamed(el);
      await expect(el).to.be.accessible();
    });
  });
});
