import { aTimeout, expect, fixture, fixtureCleanup, html, nextFrame, oneEvent } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { pageCache } from '../../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../../src/core/config.ts';
import { $, until, untilState } from '../../support/dom.ts';
import { deferred, json, serve, servedFake, stopServing } from '../../support/fake-fetch.ts';
import { create, type Widget, type WidgetUnderTest } from './widgets.ts';

/**
 * What every element does because it is a `WidgetElement`, run for each tag: it leaves the page
 * and comes back, moves, follows `configure()`, `proxy-url` and its inputs, fails with Retry and
 * `widget-error`, never shows one shopper's data to another, and takes the page's tone. Each
 * element's own views are tested in its own files.
 */
export function describeWidgetBehaviour(widget: WidgetUnderTest): void {
  const never = () => new Promise<Response>(() => undefined);
  const firstCalls = () => servedFake().callsTo(widget.first);

  /** The element, in the page, past loading. */
  async function mounted(attributes = widget.attributes()): Promise<Widget> {
    const el = await fixture<Widget>(html`${create(widget, attributes)}`);
    await until(() => el.state !== 'loading', 'widget never left loading');
    await el.updateComplete;
    return el;
  }

  beforeEach(() => {
    pageCache.clear();
    configure({ timeout: 3000 });
  });

  afterEach(() => {
    fixtureCleanup();
    stopServing();
    resetConfiguration();
  });

  describe(`<${widget.tag}> leaving and moving in the page`, () => {
    it('aborts the request when removed from the page', async () => {
      serve(widget.fake(never));
      const el = await fixture<Widget>(html`${create(widget)}`);
      await until(() => firstCalls().length === 1);
      const { signal } = firstCalls()[0];
      expect(signal, 'the request has no abort signal').to.not.equal(undefined);
      el.remove();
      // Within the task, not at once: a widget moved in the page takes its request back.
      await until(() => signal!.aborted, 'the request of a removed widget went on');
    });

    it(
      'keeps its request when moved mid-load, there and back, and after load, ' + 'shows its answer and ends ready',
      async () => {
        const answer = deferred<Response>();
        const fake = serve(widget.fake(() => answer.promise));
        const el = await fixture<Widget>(html`${create(widget)}`);
        const home = el.parentElement!;
        await until(() => firstCalls().length === 1);
        const elsewhere = document.createElement('div');
        document.body.append(elsewhere);
        try {
          elsewhere.append(el);
          home.prepend(el);
          elsewhere.append(el);
          await el.updateComplete;
          answer.resolve(await widget.fake()(firstCalls()[0]));
          await untilState(el, 'ready', 'the moved widget never loaded');
          expect(widget.shown(el)).to.equal(widget.count);
          await until(
            () => widget.shownNames(el).join() === widget.names.join(),
            `it showed ${widget.shownNames(el).join()}`,
          );
          home.append(el);
          await el.updateComplete;
          expect(fake.callsTo(widget.first).length, 'a move sent the request again').to.equal(1);
          expect(fake.callsTo(widget.first)[0].signal?.aborted).to.not.equal(true);
          expect(el.getAttribute('state')).to.equal('ready');
          expect(widget.shownNames(el)).to.deep.equal(widget.names);
        } finally {
          elsewhere.remove();
        }
      },
    );

    it('starts the load again when it returns to the page after a while', async () => {
      let hold = true;
      const fake = serve(widget.fake(() => (hold ? never() : undefined)));
      const el = await fixture<Widget>(html`${create(widget)}`);
      await until(() => fake.callsTo(widget.first).length === 1);
      const parent = el.parentElement!;
      el.remove();
      await until(
        () => fake.callsTo(widget.first)[0].signal?.aborted === true,
        'the request of a removed widget went on',
      );
      hold = false;
      parent.append(el);
      await untilState(el, 'ready', 'the returned widget never loaded');
      expect(fake.callsTo(widget.first).length).to.equal(2);
    });
  });

  describe(`<${widget.tag}> inputs and page settings`, () => {
    it('picks up configure() made while it was off the page', async () => {
      serve(widget.fake());
      const el = await mounted();
      const parent = el.parentElement!;
      el.remove();
      configure(widget.configuredHeading.settings);
      parent.append(el);
      const { text } = widget.configuredHeading;
      await until(() => widget.heading(el)!.textContent.trim() === text, 'the configured heading never showed');
    });

    it('goes direct with proxy-url="none" even when configure() set a page-wide proxy', async () => {
      const fake = serve(widget.fake());
      configure({ proxyUrl: 'https://proxy.test/widgets', customerSession: 'e30.e30.sig' });
      const el = await mounted({ 'proxy-url': 'none', ...widget.attributes() });
      expect(el.state).to.equal('ready');
      expect(fake.callsTo(widget.first)[0].url.href).to.equal(widget.firstUrl);
      expect(fake.callsTo(widget.first)[0].headers.get('authorization')).to.equal(widget.directAuthorization);
      // Without it (or with an empty value, as framework bindings pass), the page's proxy applies.
      await fixture(html`${create(widget, { 'proxy-url': '', ...widget.attributes('other') })}`);
      const proxied = `https://proxy.test/widgets/${widget.vendor}/`;
      await until(
        () => fake.calls.some((call) => call.url.href.startsWith(proxied) && call.url.pathname.endsWith(widget.first)),
        'the page-wide proxy was not used',
      );
    });

    it('aborts and reloads when an input changes', async () => {
      const fake = serve(widget.fake((request) => (widget.whose(request) === 'a' ? never() : undefined)));
      const el = await fixture<Widget>(html`${create(widget, widget.attributes('a'))}`);
      await until(() => fake.callsTo(widget.first).length === 1);
      el.setAttribute(widget.whoseAttribute, 'b');
      await untilState(el, 'ready');
      expect(fake.callsTo(widget.first)[0].signal?.aborted).to.equal(true);
      expect(widget.shown(el)).to.equal(widget.count);
    });
  });

  describe(`<${widget.tag}> failure and whose data`, () => {
    it('shows the error view with Retry, fires widget-error, and Retry recovers, focus on the heading', async () => {
      let fail = true;
      serve(widget.fake(() => (fail ? json({ message: 'down' }, { status: 500 }) : undefined)));
      const el = create(widget);
      const failed = oneEvent(el, 'widget-error');
      await fixture(html`${el}`);
      const { detail } = await failed;
      expect(detail.error.kind).to.equal('http');
      expect(detail.error.status).to.equal(500);
      await until(() => el.state === 'error' && $(el, '[part~="status"]') !== null, 'the failure never showed');
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('error');
      expect($(el, '[part~="status"]')!.textContent).to.contain('The store could not load this right now.');
      expect(widget.shown(el)).to.equal(0);
      await expect(el).to.be.accessible();
      fail = false;
      const retry = $(el, '[part~="retry-button"]')!;
      retry.focus();
      retry.click();
      // Retry gives way to what it loads: focus goes to the heading, not to the page.
      await until(() => el.shadowRoot!.activeElement === widget.heading(el), 'focus was lost with the Retry button');
      await untilState(el, 'ready', 'Retry did not recover');
      expect(widget.shown(el)).to.equal(widget.count);
    });

    it("never shows one shopper's data while another shopper's loads", async () => {
      const second = deferred<Response>();
      serve(widget.fake((request) => (widget.whose(request) === 'b' ? second.promise : undefined)));
      const el = await mounted(widget.attributes('a'));
      expect(widget.shown(el)).to.equal(widget.count);
      el.setAttribute(widget.whoseAttribute, 'b');
      await untilState(el, 'loading', "the first shopper's data stayed on screen for the second");
      expect(widget.shown(el)).to.equal(0);
      await expect(el).to.be.accessible();
      second.resolve(await widget.fake()(firstCalls().at(-1)!));
      await untilState(el, 'ready', "the second shopper's data never showed");
      expect(widget.shown(el)).to.equal(widget.count);
      expect(firstCalls().map((call) => widget.whose(call))).to.deep.equal(['a', 'b']);
    });
  });

  describe(`<${widget.tag}> colour scheme`, () => {
    const setOsScheme = (value: 'dark' | '') =>
      cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value }] });
    afterEach(() => setOsScheme(''));

    /** The element on the mock API's failing path (its error view has Retry, in the accent colour), past loading. */
    async function failingIn(host: HTMLElement): Promise<Widget> {
      const el = create(widget, widget.failing);
      host.append(el);
      await until(() => el.state !== 'loading', 'widget never left loading');
      await el.updateComplete;
      return el;
    }
    const failing = async (wrapperStyle: string) =>
      failingIn(await fixture<HTMLElement>(html`<div style=${wrapperStyle}></div>`));

    it(
      "keeps the deep blue accent on a light shop when the shopper's system is " + 'in dark mode, and stays readable',
      async () => {
        await setOsScheme('dark');
        expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
        const el = await failing('background: #fff; color: #222');
        expect(el.state).to.equal('error');
        const retry = $(el, '[part~="retry-button"]')!;
        expect(getComputedStyle(retry).backgroundColor).to.equal('rgb(26, 95, 208)');
        expect(getComputedStyle(retry).color).to.equal('rgb(255, 255, 255)');
        retry.focus({ focusVisible: true } as FocusOptions);
        expect(getComputedStyle(retry).outlineColor, 'a pale focus ring on white').to.equal('rgb(26, 95, 208)');
        await expect(el).to.be.accessible();
      },
    );

    // A shop that sets its brand accent and not the text on it: the more readable of white and the
    // built-in dark text, on light and dark pages alike; text the shop sets wins.
    const WHITE = 'rgb(255, 255, 255)';
    const NAVY = 'rgb(11, 27, 51)';
    for (const [page, accent, own, text] of [
      ['background: #fff; color: #222', '#2f6b4f', '', WHITE],
      ['background: #121212; color: #eee', '#2f6b4f', '', WHITE],
      ['background: #fff; color: #222', '#ffd23f', '', NAVY],
      ['background: #121212; color: #eee', '#ffd23f', '', NAVY],
      ['background: #121212; color: #eee', '#ffd23f', '#222', 'rgb(34, 34, 34)'],
    ]) {
      const on = own ? ` with its own text ${own}` : '';
      const tone = page.includes('#fff') ? 'a light' : 'a dark';
      it(`a shop's own accent ${accent}${on} on ${tone} page: ${text} text on its buttons`, async () => {
        const color = own ? `; --storefront-color-on-accent: ${own}` : '';
        const el = await failing(`${page}; --storefront-color-accent: ${accent}${color}`);
        const retry = $(el, '[part~="retry-button"]')!;
        const [r, g, b] = [1, 3, 5].map((at) => parseInt(accent.slice(at, at + 2), 16));
        expect(getComputedStyle(retry).backgroundColor).to.equal(`rgb(${r}, ${g}, ${b})`);
        expect(getComputedStyle(retry).color).to.equal(text);
        await expect(el).to.be.accessible();
      });
    }

    // Focus rings and accent text stand on the page: where the accent does not read there, they take
    // the page's text colour, which does.
    for (const [page, accent, ring] of [
      ['background: #fff; color: #222', '#ffd23f', 'rgb(34, 34, 34)'],
      ['background: #121212; color: #eee', '#2f6b4f', 'rgb(238, 238, 238)'],
      ['background: #767676; color: #fff', '', 'rgb(255, 255, 255)'],
      ['background: #fff; color: #222', '#2f6b4f', 'rgb(47, 107, 79)'],
    ]) {
      const which = accent ? `a shop's own accent ${accent}` : 'the built-in accent';
      it(`${which} on a ${page.slice(12, page.indexOf(';'))} page: focus rings in ${ring}`, async () => {
        const own = accent ? `; --storefront-color-accent: ${accent}` : '';
        const el = await failing(`${page}${own}`);
        const retry = $(el, '[part~="retry-button"]')!;
        retry.focus({ focusVisible: true } as FocusOptions);
        expect(getComputedStyle(retry).outlineColor).to.equal(ring);
        await expect(el).to.be.accessible();
      });
    }

    it('keeps the built-in pair on a dark shop that sets no accent: light accent, dark text', async () => {
      const el = await failing('background: #121212; color: #eee');
      const retry = $(el, '[part~="retry-button"]')!;
      await until(
        () => getComputedStyle(retry).backgroundColor === 'rgb(138, 180, 255)',
        'the built-in accent stayed dark on the dark shop',
      );
      expect(getComputedStyle(retry).color).to.equal(NAVY);
      await expect(el).to.be.accessible();
    });

    it('takes the light accent when the shop turns dark with the system, by a media query alone', async () => {
      // A shop that goes dark with prefers-color-scheme and never declares color-scheme.
      const host = await fixture<HTMLElement>(
        html`<div>
          <style>
            @media (prefers-color-scheme: dark) {
              .shop {
                background: #121212;
                color: #eee;
              }
            }
          </style>
          <div class="shop"></div>
        </div>`,
      );
      const el = await failingIn(host.querySelector('.shop')!);
      const retry = () => $(el, '[part~="retry-button"]')!;
      expect(getComputedStyle(retry()).backgroundColor).to.equal('rgb(26, 95, 208)');
      await setOsScheme('dark');
      await until(
        () => getComputedStyle(retry()).backgroundColor === 'rgb(138, 180, 255)',
        'the accent stayed dark on the dark shop',
      );
      expect(getComputedStyle(retry()).color).to.equal('rgb(11, 27, 51)');
      await expect(el).to.be.accessible();
      await setOsScheme('');
      await until(
        () => getComputedStyle(retry()).backgroundColor === 'rgb(26, 95, 208)',
        'the accent stayed light on the light shop',
      );
    });

    const DEEP = 'rgb(26, 95, 208)';
    const LIGHT = 'rgb(138, 180, 255)';

    /** A shop's dark theme, on while `selector` (`html.theme-dark`) matches; returns its removal. */
    const shopTheme = (selector: string) => {
      const theme = document.createElement('style');
      theme.textContent = `${selector} .shop { background: #121212; color: #eee; }`;
      document.head.append(theme);
      return () => theme.remove();
    };

    /**
     * A failing widget in the shop, settled and past the tone check that follows its new state:
     * from here only a change of the page moves its accent.
     */
    async function failingInShop() {
      const el = await failingIn(await fixture<HTMLElement>(html`<div class="shop"></div>`));
      await nextFrame();
      await aTimeout(50);
      return { el, accent: () => getComputedStyle($(el, '[part~="retry-button"]')!).backgroundColor };
    }

    it("follows a shop's own theme switch on <html> without waiting for a new state", async () => {
      const removeTheme = shopTheme('html.theme-dark');
      try {
        const { el, accent } = await failingInShop();
        expect(accent()).to.equal(DEEP);
        document.documentElement.classList.add('theme-dark');
        await until(() => accent() === LIGHT, 'the accent stayed dark after the shop switched to its dark theme');
        expect(el.state).to.equal('error');
        await expect(el).to.be.accessible();
        document.documentElement.classList.remove('theme-dark');
        await until(() => accent() === DEEP, 'the accent stayed light after the shop switched back');
      } finally {
        document.documentElement.classList.remove('theme-dark');
        removeTheme();
      }
    });

    it('follows a theme switch on a <body> the page swapped in (as Turbo and pjax navigate)', async () => {
      const removeTheme = shopTheme('body.theme-dark');
      const original = document.body;
      const swapped = document.createElement('body');
      swapped.append(...original.childNodes);
      original.replaceWith(swapped);
      try {
        const { accent } = await failingInShop();
        expect(accent()).to.equal(DEEP);
        swapped.classList.add('theme-dark');
        await until(() => accent() === LIGHT, 'the accent stayed dark after a theme switch on the new <body>');
      } finally {
        original.append(...swapped.childNodes);
        swapped.replaceWith(original);
        removeTheme();
      }
    });

    it(
      'connects without an error where the DOM has no matchMedia (as jsdom), and ' +
        'still follows a theme switch on <html>',
      async () => {
        const removeTheme = shopTheme('html.theme-dark');
        const matchMediaBefore = window.matchMedia;
        const errors: string[] = [];
        const onError = (event: ErrorEvent) => {
          errors.push(event.message);
          event.preventDefault();
        };
        window.addEventListener('error', onError);
        (window as { matchMedia?: unknown }).matchMedia = undefined;
        try {
          // No widget from earlier tests is on the page: this one starts the page's watch.
          expect(document.querySelector('cart-summary, buy-again-list')).to.equal(null);
          const { el, accent } = await failingInShop();
          expect(el.state).to.equal('error');
          document.documentElement.classList.add('theme-dark');
          await until(() => accent() === LIGHT, 'the accent stayed dark after the shop switched to its dark theme');
          expect(errors).to.deep.equal([]);
        } finally {
          window.matchMedia = matchMediaBefore;
          window.removeEventListener('error', onError);
          document.documentElement.classList.remove('theme-dark');
          removeTheme();
        }
      },
    );

    it(
      'draws a list from the page cache in the tone of the page from its first render on: ' +
        'the frame after it changes no colour',
      async () => {
        serve(widget.fake());
        // The list in the page cache: the next element draws it in the task it connects in (as a
        // page's second widget does, or a page an SPA returns to), before any frame.
        (await mounted()).remove();
        const shop = await fixture<HTMLElement>(html`<div style="background: #fff; color: #222"></div>`);
        const el = create(widget);
        const loaded = oneEvent(el, 'widget-load');
        shop.append(el);
        await loaded;
        expect(el.state).to.equal('ready');
        const secondary = $(el, '.meta')!;
        const drawn = getComputedStyle(secondary).color;
        // #222 on white: secondary text takes 64% of it, the least that still reads at AA.
        expect(drawn, 'secondary text as light as AA allows').to.match(/ \/ 0\.64\)$/);
        await nextFrame();
        await nextFrame();
        expect(getComputedStyle(secondary).color, 'the colour it was drawn in').to.equal(drawn);
        await expect(el).to.be.accessible();
      },
    );

    it('takes the light accent on a shop that declares a dark color-scheme', async () => {
      const el = await failing('color-scheme: dark; background: #121212; color: #eee');
      const retry = $(el, '[part~="retry-button"]')!;
      expect(getComputedStyle(retry).backgroundColor).to.equal('rgb(138, 180, 255)');
      expect(getComputedStyle(retry).color).to.equal('rgb(11, 27, 51)');
      await expect(el).to.be.accessible();
    });
  });
}
