import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { json } from '../../support/fake-fetch.ts';
import { $, $$, until, untilState } from '../../support/dom.ts';
import { tap, touchScreen } from '../../support/touch.ts';
import { csomni } from '../../support/vendors/csomni.ts';
import { allNamed, BASE, serve, useCleanPage, widget } from './harness.ts';

useCleanPage();

const many = Array.from({ length: 12 }, (_, i) => ({
  variantToken: `vrnt_${i}`,
  quantity: 12 - i,
  price: i + 1,
  variantImage: '',
  productToken: `prod_${i}`,
}));

/** The carousel of `rows` (product `prod_<n>` named "Item <n>"), all named, in `dir` and `style`. */
async function carousel(dir = 'ltr', rows = many, style = 'width: 500px; --buy-again-card-width: 150px') {
  serve(
    csomni({
      list: () => json(rows),
      product: (r) => json({ prodName: `Item ${r.url.pathname.split('_')[1].split('/')[0]}` }),
    }),
  );
  const el = await widget(
    html`<buy-again-list
      dir=${dir}
      api-base=${BASE}
      site-token="s"
      product-url="/p/{productId}"
      style=${style}
    ></buy-again-list>`,
  );
  await allNamed(el);
  return el;
}

describe('<buy-again-list>', () => {
  describe('keyboard and carousel', () => {
    it('moves focus between slides with the arrow keys, Home and End', async () => {
      const el = await carousel();
      const adds = $$(el, '[part~="add-button"]');
      adds[0].focus();
      const press = (key: string) =>
        el.shadowRoot!.activeElement!.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true, composed: true }),
        );
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
      el.shadowRoot!.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }),
      );
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

    it("sizes prev/next by the widget's text, as tall as the header: 40px at 16px text, 30px at 12px", async () => {
      for (const [fontSize, side] of [
        [16, 40],
        [12, 30],
      ]) {
        const el = await carousel('ltr', many, `width: 500px; --buy-again-card-width: 150px; font-size: ${fontSize}px`);
        const header = $(el, '.header')!.getBoundingClientRect();
        for (const part of ['prev-button', 'next-button']) {
          const box = $(el, `[part~="${part}"]`)!.getBoundingClientRect();
          expect([box.width, box.height], `${part} at ${fontSize}px`).to.deep.equal([side, side]);
          expect(box.bottom, `${part} inside the header at ${fontSize}px`).to.be.at.most(header.bottom + 0.5);
        }
        el.remove();
      }
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
        await until(
          () => next.getAttribute('aria-disabled') === 'true',
          'the moved carousel stopped tracking its scroll position',
        );
        expect($(el, '[part~="prev-button"]')!.getAttribute('aria-disabled')).to.equal('false');
      } finally {
        elsewhere.remove();
      }
    });

    it('moves to a card without a link onto a control that takes focus', async () => {
      serve(
        csomni({
          list: () =>
            json(
              many
                .slice(0, 3)
                .map((row, i) => (i === 1 ? { ...row, productToken: '', variantToken: 'vrnt_gone' } : row)),
            ),
          product: () => json({ prodName: 'Item' }),
        }),
      );
      const el = await widget(
        html`<buy-again-list
          api-base=${BASE}
          site-token="s"
          product-url="/p/{productId}"
          show-unavailable
        ></buy-again-list>`,
      );
      await allNamed(el);
      const cards = $$(el, '[part~="item"]');
      expect(cards[1].querySelector('a[part~="name"]')).to.equal(null);
      cards[0].querySelector<HTMLElement>('a[part~="name"]')!.focus();
      el.shadowRoot!.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }),
      );
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
      const reducedMotion = (value: 'reduce' | '') =>
        cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value }] });
      beforeEach(() => reducedMotion('reduce'));
      afterEach(() => reducedMotion(''));
      const lots = Array.from({ length: 29 }, (_, i) => ({
        variantToken: `vrnt_${i}`,
        quantity: 30 - i,
        price: i + 1,
        variantImage: '',
        productToken: `prod_${i}`,
      }));

      for (const [dir, width] of [
        ['ltr', 1280],
        ['ltr', 820],
        ['ltr', 375],
        ['rtl', 900],
        ['rtl', 320],
      ] as const) {
        it(`pages back from the end in as many presses as forward, skipping no card (${dir}, ${width}px)`, async () => {
          const el = await carousel(dir, lots, `width: ${width}px`);
          const next = $(el, '[part~="next-button"]')!;
          await until(() => next.getAttribute('aria-disabled') === 'false');
          const start = cardsInView(el);
          const forward = await pressUntilDisabled(el, next);
          const back = await pressUntilDisabled(el, $(el, '[part~="prev-button"]')!);
          const firsts = (steps: typeof forward) => JSON.stringify(steps.map((cards) => cards[0]));
          const stops = `forward ${firsts(forward)}, back ${firsts(back)}`;
          expect(back.length, stops).to.equal(forward.length);
          expect(back.at(-1), stops).to.deep.equal(start);
          // Each way, every card was wholly in view at some press: none skipped.
          for (const [way, pages] of [
            ['forward', [start, ...forward]],
            ['back', [forward.at(-1)!, ...back]],
          ] as const) {
            expect(
              [...new Set(pages.flat())].sort((a, b) => a - b),
              `${way}: ${stops}`,
            ).to.deep.equal(lots.map((_, i) => i));
          }
        });
      }
    });

    it('says which cards a press of prev or next brought into view, as "n of N" says each card', async () => {
      await cdp().send('Emulation.setEmulatedMedia', {
        features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
      });
      try {
        for (const [dir, width] of [
          ['ltr', 820],
          ['rtl', 900],
          ['ltr', 240],
        ] as const) {
          const el = await carousel(dir, many, `width: ${width}px`);
          const live = $(el, '[role="status"][aria-live="polite"]')!;
          const viewport = $(el, '[part~="viewport"]')!;
          const saying = (cards: number[]) =>
            cards.length === 1 ? `${cards[0] + 1} of 12` : `Items ${cards[0] + 1} to ${cards.at(-1)! + 1} of 12`;
          await until(() => live.textContent === '12 items loaded');
          for (const part of ['next-button', 'prev-button']) {
            const button = $(el, `[part~="${part}"]`)!;
            await until(() => button.getAttribute('aria-disabled') === 'false');
            while (button.getAttribute('aria-disabled') === 'false') {
              const before = viewport.scrollLeft;
              button.click();
              await until(() => viewport.scrollLeft !== before, 'a press did not scroll');
              await nextFrame();
              await el.updateComplete;
              const expected = saying(cardsInView(el));
              await until(
                () => live.textContent === expected,
                () => `${dir} ${width}px: said "${live.textContent}", not "${expected}"`,
              );
            }
          }
          el.remove();
        }
      } finally {
        await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: '' }] });
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
});

describe('<buy-again-list> long lists', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      variantToken: `vrnt_${i}`,
      quantity: n - i,
      price: 2,
      variantImage: '',
      productToken: `prod_${i % 5}`,
    }));
  const longList = (n: number) =>
    serve(
      csomni({
        list: () => json(many(n)),
        product: (request) => json({ prodName: `Product ${request.url.pathname.split('/')[2]}`, variants: [] }),
      }),
    );
  const cards = (el: BuyAgainList) => $$(el, '[part~="item"]');

  it(
    'renders the cards near view first, each labelled of the whole list, ' + 'and more as the shopper scrolls',
    async () => {
      longList(500);
      const el = await widget(
        html`<buy-again-list api-base=${BASE} site-token="s" style="display: block; width: 600px"></buy-again-list>`,
      );
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
    },
  );

  it('renders no more cards while hidden (a closed tab or drawer), and more on scrolling once shown', async () => {
    longList(500);
    const wrapper = await fixture<HTMLElement>(
      html`<div hidden>
        <buy-again-list api-base=${BASE} site-token="s" style="display: block; width: 600px"></buy-again-list>
      </div>`,
    );
    const el = wrapper.querySelector<BuyAgainList>('buy-again-list')!;
    await untilState(el, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const first = cards(el).length;
    expect(first, 'a hidden row rendered every card').to.be.lessThan(500);
    wrapper.hidden = false;
    await allNamed(el);
    // Measured once it has a box: at its start, with more to the right.
    await until(
      () => $(el, '[part~="next-button"]')!.getAttribute('aria-disabled') === 'false',
      'next stayed disabled',
    );
    expect($(el, '[part~="prev-button"]')!.getAttribute('aria-disabled')).to.equal('true');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cards(el).length, 'shown at its start, the row rendered more by itself').to.equal(first);
    const viewport = $(el, '[part~="viewport"]')!;
    viewport.scrollLeft = viewport.scrollWidth;
    await until(() => cards(el).length > first, 'no more cards came when scrolled to the end');
    await expect(el).to.be.accessible();
  });

  it('End goes to the last card of the whole list; arrows go on past the rendered cards', async () => {
    longList(300);
    const el = await widget(
      html`<buy-again-list api-base=${BASE} site-token="s" style="display: block; width: 600px"></buy-again-list>`,
    );
    const rendered = cards(el).length;
    expect(rendered).to.be.lessThan(300);
    // To the last rendered card, then one more to the right.
    const last = cards(el)[rendered - 1].querySelector<HTMLElement>('[part~="add-button"]')!;
    last.focus();
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal(
      `${rendered + 1} of 300`,
    );
    el.shadowRoot!.activeElement!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }),
    );
    await el.updateComplete;
    expect(cards(el)).to.have.length(300);
    expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal('300 of 300');
    el.shadowRoot!.activeElement!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }),
    );
    expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal('1 of 300');
  });

  it('leaves arrow keys, Home and End with a modifier to the browser: no move, no more cards', async () => {
    longList(300);
    const el = await widget(
      html`<buy-again-list api-base=${BASE} site-token="s" style="display: block; width: 600px"></buy-again-list>`,
    );
    const rendered = cards(el).length;
    const last = cards(el)[rendered - 1].querySelector<HTMLElement>('[part~="add-button"]')!;
    last.focus();
    for (const modifier of ['altKey', 'ctrlKey', 'metaKey', 'shiftKey']) {
      for (const key of ['ArrowRight', 'ArrowLeft', 'Home', 'End']) {
        const press = new KeyboardEvent('keydown', {
          key,
          [modifier]: true,
          bubbles: true,
          composed: true,
          cancelable: true,
        });
        last.dispatchEvent(press);
        await el.updateComplete;
        expect(press.defaultPrevented, `${modifier} ${key} was taken from the browser`).to.equal(false);
        expect(el.shadowRoot!.activeElement, `${modifier} ${key} moved focus`).to.equal(last);
        expect(cards(el), `${modifier} ${key} rendered more cards`).to.have.length(rendered);
      }
    }
  });
});

describe('<buy-again-list> printed', () => {
  afterEach(() => cdp().send('Emulation.setEmulatedMedia', { media: '' }));

  for (const dir of ['ltr', 'rtl']) {
    it(`prints every card it has drawn, in rows within its box, without prev/next (${dir})`, async () => {
      const el = await carousel(dir);
      await cdp().send('Emulation.setEmulatedMedia', { media: 'print' });
      expect(matchMedia('print').matches).to.equal(true);
      const box = $(el, '[part~="viewport"]')!.getBoundingClientRect();
      const cards = $$(el, '[part~="item"]').map((card) => card.getBoundingClientRect());
      expect(cards).to.have.length(12);
      const outside = cards.filter((card) => card.left < box.left - 0.5 || card.right > box.right + 0.5);
      expect(outside.length, 'cards cut off at the edge of the row').to.equal(0);
      expect(new Set(cards.map((card) => Math.round(card.top))).size, 'rows of cards').to.be.greaterThan(1);
      expect(box.height, 'the rows stand in the page, no scroller').to.be.at.least(cards.at(-1)!.bottom - box.top);
      for (const part of ['prev-button', 'next-button']) {
        expect($(el, `[part~="${part}"]`)!.getBoundingClientRect().width, `${part} on paper`).to.equal(0);
      }
    });
  }
});

describe('<buy-again-list> on a touch screen', () => {
  beforeEach(() => touchScreen(true));
  afterEach(() => touchScreen(false));

  const rows = Array.from({ length: 8 }, (_, i) => ({
    variantToken: `vrnt_${i}`,
    quantity: 2,
    price: i + 1,
    variantImage: '',
    productToken: `prod_${i}`,
  }));

  for (const dir of ['ltr', 'rtl']) {
    it(`a tap on a card partly in view does what it says, the row still under the finger (${dir})`, async () => {
      // A phone's row: the second card peeks in at the end edge.
      const el = await carousel(dir, rows, 'width: 358px; --buy-again-card-width: 192px');
      const viewport = $(el, '[part~="viewport"]')!;
      const done: string[] = [];
      el.addEventListener('add-to-cart', (event) => {
        done.push(`add ${event.detail.item.id}`);
        event.preventDefault();
      });
      el.addEventListener('item-select', (event) => {
        done.push(`select ${event.detail.item.id}`);
        event.preventDefault();
      });
      for (const [part, what] of [
        ['add-button', 'add vrnt_1'],
        ['name', 'select vrnt_1'],
      ]) {
        viewport.scrollLeft = 0;
        await nextFrame();
        const card = $$(el, '[part~="item"]')[1];
        await tap(card.querySelector(`[part~="${part}"]`)!, viewport);
        await until(() => done.length, `a tap on the peeking card's ${part} did nothing`, { timeout: 1000 });
        expect(done.splice(0), part).to.deep.equal([what]);
        expect(viewport.scrollLeft, `the row moved under the tap on ${part}`).to.equal(0);
      }
    });
  }
});
