import { expect, fixture, html } from '@open-wc/testing';
import { describe, it } from 'vitest';
import { $, $$, squash, text, texts } from '../../support/dom.ts';
import { giosgCart as cart, giosgLine as line, minutesAgo } from '../../support/vendors/giosg.ts';
import { BASE, giosg, MOCK, money, serve, settled, TOKEN, useCleanPage, visitorCart } from './harness.ts';

useCleanPage();

describe('<cart-summary>', () => {
  describe('vendor text and locale', () => {
    it('renders markup in names and categories as text', async () => {
      const evil = '<img src=x onerror=alert(1)>';
      serve(
        giosg([
          cart('a', {}, [
            line('1', { name: evil, category_name: evil }),
            line('2', { name: '<script>alert(2)</script>' }),
          ]),
        ]),
      );
      const el = await visitorCart(BASE);
      expect(el.state).to.equal('ready');
      expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
      expect(texts(el, '[part~="line-name"]')).to.deep.equal([evil, '<script>alert(2)</script>']);
      expect(text($(el, '.category'))).to.equal(evil);
      await expect(el).to.be.accessible();
    });

    it('formats money, quantities and times in the nearest lang (de-DE)', async () => {
      serve(giosg([cart('a', { total_value: '1234.50' }, [line('1', { value: '1234.50', quantity: 1 })])]));
      const host = await fixture<HTMLElement>(
        html`<div lang="de-DE">
          <cart-summary api-base=${BASE} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>
        </div>`,
      );
      const el = await settled(host.querySelector('cart-summary')!);
      expect(text($(el, '[part~="total"] dd'))).to.equal(money(1234.5, 'EUR', 'de-DE'));
      expect(text($(el, '[part~="line-quantity"]'))).to.equal(`1 × ${money(1234.5, 'EUR', 'de-DE')}`);
      const fiveMinutesAgo = squash(new Intl.RelativeTimeFormat('de-DE', { numeric: 'auto' }).format(-5, 'minute'));
      // German is a built-in language: the words are German too.
      expect(text($(el, '[part~="header"] time'))).to.equal(`Aktualisiert ${fiveMinutesAgo}`);
      expect(text($(el, '[part~="total"] dt'))).to.equal('Gesamt');
      await expect(el).to.be.accessible();
    });

    it('speaks Swedish under locale="sv-SE", and any language it lacks in English', async () => {
      serve(giosg([cart('a', { total_value: '10.00' }, [line('1', { value: '10.00', quantity: 1 })])]));
      const el = await visitorCart(BASE, { locale: 'sv-SE' });
      expect(text($(el, '[part~="header"] h2'))).to.contain('Din varukorg');
      expect(text($(el, '[part~="total"] dt'))).to.equal('Totalt');
      await expect(el).to.be.accessible();

      // No Portuguese table: the words fall back to English (the money is still pt-BR's).
      const portuguese = await visitorCart(BASE, { locale: 'pt-BR' });
      expect(portuguese.state).to.equal('ready');
      expect(text($(portuguese, '[part~="header"] h2'))).to.equal('Your cart');
      expect(text($(portuguese, '[part~="total"] dt'))).to.equal('Total');
      expect(text($(portuguese, '[part~="total"] dd'))).to.equal(money(10, 'EUR', 'pt-BR'));
      await expect(portuguese).to.be.accessible();
    });

    it('formats JPY without minor digits in ja-JP', async () => {
      serve(
        giosg([
          cart('a', { currency: 'JPY', total_value: '5900.00', updated_at: minutesAgo(3 * 60) }, [
            line('1', { value: '1200.00', quantity: '2' }),
            line('2', { value: '3500', quantity: 1 }),
          ]),
        ]),
      );
      const el = await visitorCart(BASE, { locale: 'ja-JP' });
      expect(texts(el, '[part~="line-total"]')).to.deep.equal([
        money(2400, 'JPY', 'ja-JP'),
        money(3500, 'JPY', 'ja-JP'),
      ]);
      expect(text($(el, '[part~="total"] dd'))).to.equal(money(5900, 'JPY', 'ja-JP'));
      expect(text($(el, '[part~="total"] dd'))).to.not.contain('.');
      // Japanese has no strings of its own: the whole phrase is English, never "Updated 3 時間前".
      expect(text($(el, '[part~="header"] time'))).to.equal('Updated 3 hours ago');
      await expect(el).to.be.accessible();
    });
  });

  describe('right-to-left', () => {
    /** `a` is laid out wholly to the left of `b`. */
    const leftOf = (a: Element, b: Element) => a.getBoundingClientRect().right <= b.getBoundingClientRect().left;

    /** Each shown line's total sits to the left of its name, as Arabic reads. */
    const expectLinesRightToLeft = (lines: Element[]) => {
      expect(lines.length).to.be.greaterThan(0);
      for (const each of lines) {
        const name = each.querySelector('[part~="line-name"]')!;
        const total = each.querySelector('[part~="line-total"]')!;
        expect(leftOf(total, name), `${text(name)}: its total is not left of its name`).to.equal(true);
      }
    };

    it('lays out view="latest" from right to left inside dir="rtl", and is accessible', async () => {
      const host = await fixture<HTMLElement>(
        html`<div dir="rtl" lang="ar">
          <cart-summary api-base=${MOCK} api-token=${TOKEN} user-id="u1" chat-id="c1" visitor-id="v1"></cart-summary>
        </div>`,
      );
      const el = await settled(host.querySelector('cart-summary')!);
      expect(el.state).to.equal('ready');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      expect(getComputedStyle($(el, '[part~="base"]')!).direction).to.equal('rtl');
      // Arabic strings, laid out right to left.
      expect(text($(el, 'h2'))).to.equal('سلتك');
      expect($$(el, '[part~="line"]').length).to.equal(4);
      expectLinesRightToLeft($$(el, '[part~="line"]'));
      // The heading starts at the right edge, and each sum sits left of its label.
      const base = $(el, '[part~="base"]')!.getBoundingClientRect();
      const heading = $(el, 'h2')!.getBoundingClientRect();
      expect(heading.right).to.be.greaterThan(base.left + base.width / 2);
      const total = $(el, '[part~="total"]')!;
      expect(text(total.querySelector('dt'))).to.equal('الإجمالي');
      expect(leftOf(total.querySelector('dd')!, total.querySelector('dt')!)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('lays out view="all" from right to left: chevrons on the right pointing left, totals on the left', async () => {
      const host = await fixture<HTMLElement>(
        html`<div dir="rtl" lang="ar">
          <cart-summary
            view="all"
            api-base=${MOCK}
            api-token=${TOKEN}
            user-id="u1"
            chat-id="c1"
            visitor-id="v1"
            currency="EUR"
          ></cart-summary>
        </div>`,
      );
      const el = await settled(host.querySelector('cart-summary')!);
      expect(el.state).to.equal('ready');
      expect(getComputedStyle(el).direction).to.equal('rtl');
      const buttons = $$(el, 'button.disclosure');
      expect(buttons.length).to.equal(5);
      for (const button of buttons) {
        const chevron = button.querySelector('.chevron')!;
        const title = button.querySelector('.cart-title')!;
        const total = button.querySelector('.cart-total')!;
        expect(leftOf(title, chevron), 'the chevron is not at the right').to.equal(true);
        expect(leftOf(total, title), 'the cart total is not left of its title').to.equal(true);
      }
      // A closed cart's chevron is mirrored to point left, the way the disclosure reads; the
      // open one points down.
      const [open, closed] = buttons;
      expect(open.getAttribute('aria-expanded')).to.equal('true');
      expect(closed.getAttribute('aria-expanded')).to.equal('false');
      // (The chevron's path points right; a mirror makes it point left, a quarter turn down.)
      const pointsLeft = new DOMMatrix(getComputedStyle(closed.querySelector('.chevron')!).transform).transformPoint(
        new DOMPoint(1, 0),
      );
      expect([Math.round(pointsLeft.x), Math.round(pointsLeft.y)]).to.deep.equal([-1, 0]);
      const pointsDown = new DOMMatrix(getComputedStyle(open.querySelector('.chevron')!).transform).transformPoint(
        new DOMPoint(1, 0),
      );
      expect([Math.round(pointsDown.x), Math.round(pointsDown.y)]).to.deep.equal([0, 1]);
      // The open cart's lines read right to left too, indented on the chevron's side (the right).
      const panel = $(el, `#${open.getAttribute('aria-controls')}`)!;
      expect(panel.hidden).to.equal(false);
      const lines = panel.querySelector('ul.lines')!.getBoundingClientRect();
      const row = open.getBoundingClientRect();
      expect(row.right - lines.right, 'the lines are not indented from the right').to.be.greaterThan(10);
      expect(Math.abs(lines.left - row.left), 'the lines are indented on the left').to.be.lessThan(2);
      expectLinesRightToLeft([...panel.querySelectorAll('[part~="line"]')]);
      await expect(el).to.be.accessible();
    });
  });
});
