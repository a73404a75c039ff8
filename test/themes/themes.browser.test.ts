import { expect } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { afterEach, describe, it } from 'vitest';
import { closePages, expectNoPageErrors, parts, type WidgetState } from '../hostile/harness.ts';
import {
  deepActive,
  describeControl,
  expectAxeClean,
  expectBidiIsolation,
  expectFocusRingInView,
  expectNoOverflow,
  expectSizesAndHierarchy,
  expectTokensWhole,
  expectVisiblePlaceholders,
  frames,
  leftOf,
  MARKUP_NAME,
  screenshot,
  themePage,
  type Theme,
  type ThemePage,
} from './theme-harness.ts';
import { bootstrapRtl, dawn, THEMES } from './themes.ts';

/**
 * The script-tag build inside theme pages of our own (themes.ts) that reproduce real storefront
 * themes, in every state: sizes follow the inherited font, every text meets AA where it sits,
 * focus is visible and never clipped, vendor text and amounts are bidi-isolated, fallback text is
 * marked with its language, and nothing overflows.
 */

afterEach(() => closePages());

const STATES: WidgetState[] = ['loading', 'ready', 'empty', 'error'];

/** Presses Tab (or Shift+Tab) until focus leaves the widgets, checking each control it reaches. */
async function tabThrough(page: ThemePage, backwards: boolean): Promise<string[]> {
  const reached: string[] = [];
  for (let step = 0; step < 80; step++) {
    await userEvent.keyboard(backwards ? '{Shift>}{Tab}{/Shift}' : '{Tab}');
    await frames(page.win);
    const active = deepActive(page.doc);
    // (Not instanceof ShadowRoot: the page's classes are its own window's.)
    if (!active || active.getRootNode() === page.doc) {
      if (reached.length) break;
      continue;
    }
    const label = `${page.theme.label} ${backwards ? 'Shift+Tab' : 'Tab'} ${describeControl(active)}`;
    expectFocusRingInView(active, label);
    reached.push(label);
  }
  return reached;
}

/** Focus starts at the page's own button (before the widgets) or after the last widget. */
async function startFocus(page: ThemePage, atEnd: boolean): Promise<void> {
  if (atEnd) {
    const after = page.doc.createElement('button');
    after.textContent = 'After the widgets';
    page.cart.after(after);
    page.win.focus();
    after.focus();
  } else {
    page.doc.getElementById('host-button')!.focus();
  }
  // Keys go to the focused frame: this page's, not the test runner's.
  page.win.focus();
  await frames(page.win);
}

for (const theme of THEMES) {
  describe(`theme page: ${theme.label}`, { timeout: 60_000 }, () => {
    for (const state of STATES) {
      const more =
        state === 'ready' ? ', bidi isolation, whole tokens' : state === 'loading' ? ', visible placeholders' : '';
      it(`${state}: sizes, contrast (axe, every rule), overflow${more}`, async () => {
        const page = await themePage(theme, state);
        await screenshot(page, `${theme.label}-${state}`);
        expect(page.list.state).to.equal(state);
        expectSizesAndHierarchy(page);
        expectNoOverflow(page);
        if (state === 'loading') expectVisiblePlaceholders(page);
        if (state === 'ready') {
          expectBidiIsolation(page);
          expectTokensWhole(page);
        }
        await expectAxeClean(page);
        expectNoPageErrors(page);
      });
    }

    it('every control reached by Tab and Shift+Tab shows its whole focus ring', async () => {
      for (const state of ['ready', 'error'] as WidgetState[]) {
        const page = await themePage(theme, state);
        await startFocus(page, false);
        const forward = await tabThrough(page, false);
        await startFocus(page, true);
        const backward = await tabThrough(page, true);
        expect(forward.length, `${state}: controls reached by Tab`).to.be.at.least(state === 'ready' ? 10 : 0);
        expect(backward.length, `${state}: Shift+Tab reaches what Tab reached`).to.equal(forward.length);
        closePages();
      }
    });
  });
}

/** Dawn with the widgets in a wrapper that sets `rule`: a text style of the shop's that inherits into them. */
function inheriting(rule: string, width = 1000): Theme {
  return {
    ...dawn,
    label: `inherit-${rule.replace(/[^a-z0-9]+/gi, '-')}`,
    width,
    css: `${dawn.css}\n.wrap { ${rule} }`,
    layout: '<main class="page-width"><div class="wrap">{widgets}</div></main>',
  };
}

/** How far into its content box (px) the first character drawn in `element` starts. */
function textIndent(element: HTMLElement): number {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const index = node.data.search(/\S/);
    if (index < 0) continue;
    const range = element.ownerDocument.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const padding = parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element).paddingLeft);
    return range.getBoundingClientRect().left - (element.getBoundingClientRect().left + element.clientLeft + padding);
  }
  throw new Error(`no text in ${element.outerHTML.slice(0, 80)}`);
}

/** Headings, names, prices, counts and the cart's labels start at the start of their box (left-to-right page). */
function expectTextAtStart(page: ThemePage, what: string): void {
  const texts = {
    list: 'h2, [part~="name"], [part~="price"], [part~="meta"]',
    cart: 'h2, [part~="header"] .meta, [part~="line-name"], .category, [part~="totals"] dt',
  };
  let checked = 0;
  for (const el of [page.list, page.cart]) {
    for (const text of el.shadowRoot!.querySelectorAll<HTMLElement>(el === page.list ? texts.list : texts.cart)) {
      checked++;
      expect(
        textIndent(text),
        `${what}: ${el.localName} "${text.textContent.trim().slice(0, 30)}" starts this far into its box (px)`,
      ).to.be.within(-1, 1);
    }
  }
  expect(checked, 'texts checked').to.be.greaterThan(10);
}

describe("text styles of the page's that the widgets inherit", { timeout: 60_000 }, () => {
  for (const rule of ['white-space: nowrap', 'white-space: pre']) {
    it(`${rule} on a 360 px page: names wrap in cards and cart lines, nothing scrolls sideways`, async () => {
      for (const state of ['ready', 'empty'] as WidgetState[]) {
        const page = await themePage(inheriting(rule, 360), state);
        await screenshot(page, `${page.theme.label}-${state}`);
        expectNoOverflow(page);
        if (state === 'ready') {
          expectTokensWhole(page);
          for (const name of parts(page.list, 'name'))
            expect(
              name.scrollWidth - name.clientWidth,
              `card name "${name.textContent.trim()}" is cut off at its end (px)`,
            ).to.be.at.most(1);
        }
        closePages();
      }
    });
  }

  it('text-indent: 3em: headings, names, prices and labels start at their edge, not indented', async () => {
    const page = await themePage(inheriting('text-indent: 3em'), 'ready');
    await screenshot(page, page.theme.label);
    expectTextAtStart(page, 'text-indent: 3em');
  });

  for (const rule of ['text-align: center', 'text-align: right'])
    it(`${rule} on a left-to-right page: headings, names, prices and labels start at the left`, async () => {
      const page = await themePage(inheriting(rule), 'ready');
      await screenshot(page, page.theme.label);
      expectTextAtStart(page, rule);
    });

  it('text-align: justify: the words of a card name are not pulled apart', async () => {
    const page = await themePage(inheriting('text-align: justify'), 'ready');
    await screenshot(page, page.theme.label);
    for (const name of parts(page.list, 'name')) {
      const size = parseFloat(page.win.getComputedStyle(name).fontSize);
      const walker = page.doc.createTreeWalker(name, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (const space of node.data.matchAll(/ /g)) {
          const range = page.doc.createRange();
          range.setStart(node, space.index);
          range.setEnd(node, space.index + 1);
          expect(
            range.getBoundingClientRect().width / size,
            `a space in "${name.textContent.trim()}" (em)`,
          ).to.be.at.most(0.6);
        }
      }
    }
  });
});

describe('theme switch', { timeout: 60_000 }, () => {
  it('a shop switching to its dark scheme keeps every text AA (axe) in the widgets', async () => {
    const page = await themePage(dawn, 'ready');
    await expectAxeClean(page);
    page.doc.documentElement.classList.add('dark');
    await frames(page.win, 4);
    await screenshot(page, 'dawn-dark');
    await expectAxeClean(page);
    page.doc.documentElement.classList.remove('dark');
    await frames(page.win, 4);
    await expectAxeClean(page);
  });
});

describe('right-to-left and languages', { timeout: 60_000 }, () => {
  it('an Arabic page gets Arabic strings; vendor names keep their own direction', async () => {
    const page = await themePage(bootstrapRtl, 'ready');
    const heading = page.list.shadowRoot!.querySelector('h2')!.textContent.trim();
    expect(heading).to.match(/[\u0600-\u06ff]/);
    expect(
      page.list.shadowRoot!.querySelector('[part~="base"]')!.hasAttribute('lang'),
      'strings in the page language need no lang',
    ).to.equal(false);
    // "Notebook <b>bold</b>" reads so on the right-to-left page, not "<Notebook <b>bold</b".
    const name = [...page.list.shadowRoot!.querySelectorAll<HTMLElement>('[part~="name"]')].find((each) =>
      each.textContent.trim().startsWith(MARKUP_NAME),
    )!;
    expect(name, 'the markup-like name').to.exist;
    // Its last ">" stays at its end, right of the "<" of "</b>" (one line: no space between).
    expect(leftOf(name, '</b>', 0), 'the last ">" of the name moved to its start').to.be.below(leftOf(name, '</b>', 3));
    await expectAxeClean(page);
  });

  it('a Hebrew page gets Hebrew strings, and each amount its own direction', async () => {
    const page = await themePage({ ...bootstrapRtl, label: 'hebrew', html: 'lang="he" dir="rtl"', names: {} }, 'ready');
    expect(page.list.shadowRoot!.querySelector('h2')!.textContent.trim()).to.match(/[\u0590-\u05ff]/);
    expect(page.cart.shadowRoot!.querySelector('[part~="total"] dt')!.textContent.trim()).to.equal('סה״כ');
    expectBidiIsolation(page);
    await expectAxeClean(page);
  });

  it(
    'a language without strings falls back to English marked lang="en", phrases whole in English, ' +
      '"€9.90 / month" in order',
    async () => {
      const theme: Theme = {
        ...bootstrapRtl,
        label: 'rtl-fallback',
        html: 'lang="fa" dir="rtl"',
        names: { 'Leather Gloves': 'دستکش چرمی' },
      };
      const page = await themePage(theme, 'ready');
      await screenshot(page, 'rtl-fallback');
      for (const el of [page.list, page.cart]) {
        expect(
          el.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('lang'),
          `${el.localName}: English strings on a Persian page`,
        ).to.equal('en');
      }
      const lineNames = [...page.cart.shadowRoot!.querySelectorAll('[part~="line-name"]')];
      expect(lineNames.length).to.be.greaterThan(0);
      for (const name of lineNames)
        expect(name.getAttribute('lang'), 'vendor names keep the page language').to.equal('fa');
      const updated = page.cart.shadowRoot!.querySelector('[part~="header"] time')!.textContent;
      expect(updated, 'the whole phrase in English').to.match(/^Updated [\x20-\x7e]+$/);
      // The subscription's "€9.90 / month": the amount left of "month", as English reads.
      const perMonth = [
        ...page.cart.shadowRoot!.querySelectorAll<HTMLElement>(
          '[part~="line-total"] [aria-hidden="true"], [part~="line-quantity"] [aria-hidden="true"]',
        ),
      ].find((each) => /\/ month$/.test(each.textContent.trim()))!;
      expect(perMonth, 'a per-month amount').to.exist;
      expect(leftOf(perMonth, '€'), `"${perMonth.textContent.trim()}" reads backwards`).to.be.below(
        leftOf(perMonth, 'month'),
      );
      await expectAxeClean(page);
    },
  );
});

describe('carousel focus at every width and direction', { timeout: 90_000 }, () => {
  for (const dir of ['ltr', 'rtl'] as const) {
    for (const width of [320, 375, 1280]) {
      it(
        `${dir} ${width}px: Tab, Shift+Tab, arrow keys and focus() bring the control and its ring into ` + `view`,
        async () => {
          const theme: Theme = { ...dawn, label: `carousel-${dir}-${width}`, html: `lang="en" dir="${dir}"`, width };
          const page = await themePage(theme, 'ready');
          await startFocus(page, false);
          const forward = await tabThrough(page, false);
          expect(forward.length).to.be.greaterThan(10);
          await startFocus(page, true);
          await tabThrough(page, true);
          // Arrow keys from the first card's Add to cart to the last card.
          const root = page.list.shadowRoot!;
          const adds = [...root.querySelectorAll<HTMLElement>('[part~="add-button"]')];
          adds[0].focus();
          await frames(page.win);
          for (let i = 1; i < adds.length; i++) {
            await userEvent.keyboard(dir === 'rtl' ? '{ArrowLeft}' : '{ArrowRight}');
            await frames(page.win, 3);
            const active = deepActive(page.doc)!;
            expectFocusRingInView(active, `${theme.label} arrow to ${describeControl(active)}`);
          }
          // A script's focus() on a card far along, and back to the first.
          for (const target of [adds[adds.length - 1], adds[Math.floor(adds.length / 2)], adds[0]]) {
            target.focus();
            await frames(page.win, 3);
            expectFocusRingInView(target, `${theme.label} focus() ${describeControl(target)}`);
          }
          await screenshot(page, theme.label);
        },
      );
    }
  }
});
