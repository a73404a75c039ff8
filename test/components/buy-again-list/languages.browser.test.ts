import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { describe, it, vi } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { configure } from '../../../src/core/config.ts';
import { translationModules } from '../../../src/core/translation-modules.ts';
import { deferred } from '../../support/fake-fetch.ts';
import { translationText } from '../../support/translations.ts';
import { $, $$, shownText, untilState } from '../../support/dom.ts';
import { csomni } from '../../support/vendors/csomni.ts';
import { allNamed, BASE, serve, useCleanPage, widget } from './harness.ts';

useCleanPage();

describe('<buy-again-list> languages', () => {
  it('speaks the locale attribute, else the nearest lang, else English', async () => {
    serve(csomni());
    const el = await widget(html`<buy-again-list api-base=${BASE} site-token="s" locale="de-DE"></buy-again-list>`);
    expect($(el, '[part~="heading"]')!.textContent.trim()).to.equal('Erneut kaufen');
    expect($(el, '[part~="add-button"]')!.textContent.trim()).to.equal('In den Warenkorb');
    expect($(el, '[part~="meta"]')!.textContent).to.equal('145-mal gekauft');
    expect($(el, 'section')!.getAttribute('aria-roledescription')).to.equal('Karussell');
    expect($(el, '[part~="item"]')!.getAttribute('aria-roledescription')).to.equal('Folie');
    await expect(el).to.be.accessible();
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="fr"><buy-again-list api-base=${BASE} site-token="s"></buy-again-list></div>`,
    );
    const french = wrapper.querySelector('buy-again-list')!;
    await untilState(french, 'ready');
    expect($(french, '[part~="add-button"]')!.textContent.trim()).to.equal('Ajouter au panier');
    expect($(french, '[part~="price"]')!.textContent.replace(/\s/g, ' ')).to.equal('3,50 $US');
    await allNamed(french);
    await expect(french).to.be.accessible();
    const other = await widget(html`<buy-again-list api-base=${BASE} site-token="s" locale="pt-BR"></buy-again-list>`);
    expect($(other, '[part~="add-button"]')!.textContent.trim()).to.equal('Add to cart');
  });

  it('stays in its loading view, with no English, until its language arrives; then shows it', async () => {
    serve(csomni());
    const arrival = deferred<{ default: string }>();
    // A language of our own, loaded when asked as the built-in ones are (src/core/translation-modules.ts).
    translationModules.eo = () => arrival.promise;
    try {
      const el = await fixture<BuyAgainList>(
        html`<buy-again-list api-base=${BASE} site-token="s" locale="eo"></buy-again-list>`,
      );
      // The list answered long ago (a fake fetch answers at once): the widget still waits.
      await aTimeout(150);
      expect(el.state).to.equal('loading');
      expect($(el, '[part~="viewport"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(shownText($(el, 'section'))).to.equal('');
      expect($(el, 'section')!.getAttribute('aria-roledescription')).to.equal('');
      // A string the page configured shows at once: configure({ messages }) wins in every language.
      configure({ messages: { buyAgainHeading: 'Again?' } });
      await el.updateComplete;
      expect(shownText($(el, 'section'))).to.equal('Again?');
      configure({ messages: { buyAgainHeading: undefined } });
      await el.updateComplete;
      arrival.resolve({
        default: translationText((key) =>
          key === 'boughtTimes' ? 'zz:boughtTimes {count}' : key === 'slideLabel' ? '{index}/{count}' : `zz:${key}`,
        ),
      });
      await untilState(el, 'ready');
      expect(shownText($(el, '[part~="heading"]'))).to.equal('zz:buyAgainHeading');
      expect($(el, '[part~="add-button"]')!.textContent.trim()).to.equal('zz:addToCart');
      expect($(el, '[part~="item"]')!.getAttribute('aria-label')).to.equal('1/4');
      await expect(el).to.be.accessible();
    } finally {
      delete translationModules.eo;
    }
  });

  it('shows English when its language cannot load, marked as English, never staying in the loading view', async () => {
    serve(csomni());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    translationModules.zy = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      const page = await fixture<HTMLElement>(
        html`<div lang="zy"><buy-again-list api-base=${BASE} site-token="s" locale="zy"></buy-again-list></div>`,
      );
      const el = page.querySelector('buy-again-list')!;
      await untilState(el, 'ready');
      expect(shownText($(el, '[part~="heading"]'))).to.equal('Buy it again');
      // On a page in that language, the English strings say so (screen readers switch voice).
      expect($(el, '[part~="base"]')!.getAttribute('lang')).to.equal('en');
      expect(warn.mock.calls.map((call) => String(call[0]))).to.deep.include('storefront-widgets: SW52 "zy"');
    } finally {
      delete translationModules.zy;
      warn.mockRestore();
    }
  });

  it("reads the page's own heading in the page's language where the strings fall back to English", async () => {
    serve(csomni());
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="it">
        <buy-again-list api-base=${BASE} site-token="s" heading="Compra di nuovo"></buy-again-list>
        <buy-again-list api-base=${BASE} site-token="s"></buy-again-list>
      </div>`,
    );
    const [own, builtIn] = wrapper.querySelectorAll('buy-again-list');
    await untilState(own, 'ready');
    await untilState(builtIn, 'ready');
    // The English strings say so; the heading (and so the region's name) is the shop's Italian.
    expect($(own, '[part~="base"]')!.getAttribute('lang')).to.equal('en');
    const heading = $(own, '[part~="heading"]')!;
    expect(heading.textContent.trim()).to.equal('Compra di nuovo');
    expect(heading.matches(':lang(it)'), "the page's heading is read as English").to.equal(true);
    // The built-in English heading stays marked English.
    expect($(builtIn, '[part~="heading"]')!.matches(':lang(en)')).to.equal(true);
    await expect(own).to.be.accessible();
  });

  it('a setup error waits for the language too, and is shown in it', async () => {
    serve(csomni());
    const arrival = deferred<{ default: string }>();
    translationModules.zx = () => arrival.promise;
    try {
      const el = await fixture<BuyAgainList>(
        html`<buy-again-list api-base=${BASE} site-token="s" source="nope" locale="zx"></buy-again-list>`,
      );
      await aTimeout(100);
      expect(el.state).to.equal('loading');
      arrival.resolve({ default: translationText((key) => (key === 'errorConfig' ? 'Falsch eingerichtet' : '')) });
      await untilState(el, 'error');
      expect(shownText($(el, '[part~="status"]'))).to.contain('Falsch eingerichtet');
    } finally {
      delete translationModules.zx;
    }
  });

  it('lays out right to left under dir="rtl" and stays accessible', async () => {
    serve(csomni());
    const wrapper = await fixture<HTMLElement>(
      html`<div dir="rtl" lang="ar">
        <buy-again-list api-base=${BASE} site-token="s" style="width: 500px"></buy-again-list>
      </div>`,
    );
    const el = wrapper.querySelector('buy-again-list')!;
    await untilState(el, 'ready');
    const [first, second] = $$(el, '[part~="item"]').map((card) => card.getBoundingClientRect());
    // The first card starts at the right edge; the next one sits to its left.
    expect(second.right).to.be.lessThan(first.left + 1);
    await expect(el).to.be.accessible();
  });
});
