import { expect } from '@open-wc/testing';
import { page as browserPage } from 'vitest/browser';
import {
  expectAccessible,
  hostilePage,
  type HostilePage,
  type Widget,
  waitFor,
  type WidgetState,
} from '../hostile/harness.ts';

/**
 * Theme pages of our own that reproduce what real storefront themes do to embedded widgets, with
 * the script-tag build pasted in as a merchant would (see ../hostile/harness.ts), and the checks
 * every page must pass in every state.
 *
 * The vendor is the demo's mock API behind a small fetch wrapper of the page (`/theme-api/<state>/
 * <source>/...`), which holds a request open (`loading`), answers nothing (`empty`), fails
 * (`error`: a 404, which is never retried) or passes the mock's answer on with product names
 * renamed (`names`), so each page shows the names its theme is about: SKU-like, markup-like,
 * Arabic.
 */

export interface Theme {
  label: string;
  /** Attributes of `<html>`. */
  html: string;
  /** The theme's CSS. */
  css: string;
  /** Markup around the widgets (`{widgets}` is replaced by them). */
  layout?: string;
  width: number;
  /** Mock product names (as the mock sends them, trimmed) to the names this page's shop has. */
  names?: Record<string, string>;
  /** Extra attributes of both widgets (`locale`, ...). */
  attributes?: string;
}

/** Names every page has: a SKU-like one (must not break inside a token) and one that looks like markup. */
export const SKU_NAME = '71299:ORANGE:2 / 4 Cotton Tee';
export const MARKUP_NAME = 'Notebook <b>bold</b>';
const BASE_NAMES: Record<string, string> = {
  'Organic Oat Milk 1 L': SKU_NAME,
  'Fairtrade Bananas': MARKUP_NAME,
  'Cartproduct Sombrero': SKU_NAME,
};

/** The page's fetch wrapper: see the module comment. */
const FETCH_WRAPPER = `<script>
(() => {
  const real = window.fetch;
  const json = (body, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  window.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const match = url.pathname.match(/^\\/theme-api\\/(\\w+)\\/(csomni|giosg)(\\/.*)$/);
    if (!match) return real(input, init);
    const [, state, source, path] = match;
    const signal = init.signal || (input instanceof Request ? input.signal : undefined);
    if (state === 'loading') {
      return new Promise((_, reject) => signal && signal.addEventListener('abort', () => reject(signal.reason)));
    }
    if (state === 'error') return json({ message: 'Not found' }, 404);
    if (state === 'empty' && source === 'csomni' && /frequentlyPurchased/.test(path)) return json([]);
    if (state === 'empty' && /shopping_carts\\/?$/.test(path)) return json({ next: null, previous: null, results: [] });
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    const forward = { method: init.method || 'GET', headers, body: init.body, signal };
    const response = await real('/mock/' + source + path + url.search, forward);
    if (!response.ok) return response;
    const names = window.themeNames || {};
    const rename = (value) =>
      value && typeof value.prodName === 'string' && names[value.prodName.trim()]
        ? { ...value, prodName: names[value.prodName.trim()] }
        : value && typeof value.name === 'string' && names[value.name.trim()]
          ? { ...value, name: names[value.name.trim()] }
          : value;
    const body = await response.json();
    return json(Array.isArray(body && body.results) ? { ...body, results: body.results.map(rename) } : rename(body));
  };
})();
</script>`;

export interface ThemePage extends HostilePage {
  theme: Theme;
  list: Widget;
  cart: Widget;
}

/** Opens the theme's page with a carousel (CS Omni) and a cart (giosg) whose vendor is in `state`. */
export async function themePage(theme: Theme, state: WidgetState): Promise<ThemePage> {
  const mode = state === 'ready' ? 'names' : state;
  const attributes = theme.attributes ?? '';
  const widgets = `
    <buy-again-list api-base="/theme-api/${mode}/csomni" site-token="site_demo" customer-token="cs_demo"
      image-base-url="/mock/assets" product-url="/p/{productId}" ${attributes}></buy-again-list>
    <cart-summary api-base="/theme-api/${mode}/giosg" api-token="demo-giosg-token" user-id="u1" chat-id="c1"
      visitor-id="v1" currency="EUR" ${attributes}></cart-summary>`;
  const names = { ...BASE_NAMES, ...theme.names };
  const page = await hostilePage({
    htmlAttributes: theme.html,
    head:
      '<meta name="viewport" content="width=device-width">' +
      `<script>window.themeNames = ${JSON.stringify(names)};</script>${FETCH_WRAPPER}<style>${theme.css}</style>`,
    body: (theme.layout ?? '{widgets}').replace('{widgets}', widgets),
    width: theme.width,
    height: 900,
  });
  const [list, cart] = page.widgets();
  const reached = (el: Widget) => (state === 'loading' ? el.shadowRoot?.querySelector('.shimmer') : el.state === state);
  await waitFor(
    () => !!reached(list) && !!reached(cart),
    () =>
      `${theme.label}: never reached ${state}: list ${list.state}, cart ${cart.state}, ` +
      `errors ${JSON.stringify(page.win.hostileErrors)}`,
  );
  if (state === 'ready')
    await waitFor(
      () => !list.shadowRoot!.querySelector('[part~="name"] .shimmer'),
      () => `${theme.label}: names never arrived`,
    );
  // Whole (a list renders in pieces on a slow machine), then the frame that shows the state and
  // the tone check in it (see WidgetElement).
  await Promise.all([list.updateComplete, cart.updateComplete]);
  await frames(page.win, 3);
  return { ...page, theme, list, cart };
}

export async function frames(win: Window, count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => win.requestAnimationFrame(() => setTimeout(resolve)));
}

/** Saves a picture of the page for a person to look at (test/__screenshots__/themes/, not committed). */
export async function screenshot(page: ThemePage, name: string): Promise<void> {
  // The runner's own frame is narrower than most theme pages: widen it so the picture is whole.
  await browserPage.viewport(page.frame.offsetWidth + 40, page.frame.offsetHeight + 120);
  await frames(page.win);
  await browserPage.screenshot({ element: page.frame, path: `../__screenshots__/themes/${name}.png` });
}

// ---------------------------------------------------------------- what a shopper sees

/** Every element in the widget's shadow root (and its slots' fallback) that draws text. */
function textElements(el: Element): HTMLElement[] {
  const found = new Set<HTMLElement>();
  const walker = el.ownerDocument.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent!.trim() || parent.closest('.visually-hidden, [hidden], style')) continue;
    if (parent.getClientRects().length === 0) continue;
    found.add(parent);
  }
  return [...found];
}

const px = (element: Element, property: 'fontSize' | 'fontWeight') =>
  parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element)[property]);

/** No text under 12px, names at least 80% of the body's size, the heading and Total not smaller than what they head. */
export function expectSizesAndHierarchy(page: ThemePage): void {
  const body = px(page.doc.body, 'fontSize');
  for (const el of [page.list, page.cart]) {
    for (const text of textElements(el))
      expect(
        px(text, 'fontSize'),
        `${el.localName} "${text.textContent.trim().slice(0, 40)}" (body ${body}px)`,
      ).to.be.at.least(12);
    const heading = el.shadowRoot!.querySelector('h2')!;
    expect(px(heading, 'fontSize'), `${el.localName} heading against body text`).to.be.at.least(body);
  }
  const names = [
    ...page.list.shadowRoot!.querySelectorAll('[part~="name"]'),
    ...page.cart.shadowRoot!.querySelectorAll('[part~="line-name"]'),
  ];
  if (page.list.state === 'ready') expect(names.length).to.be.greaterThan(3);
  for (const name of names)
    expect(px(name, 'fontSize'), `name "${name.textContent.trim()}" against body ${body}px`).to.be.at.least(0.8 * body);
  const total = page.cart.shadowRoot!.querySelector('[part~="total"]');
  if (total) {
    for (const line of page.cart.shadowRoot!.querySelectorAll('[part~="line-total"] > span')) {
      expect(px(total, 'fontSize'), 'Total against a line total').to.be.at.least(px(line, 'fontSize'));
      expect(px(total, 'fontWeight')).to.be.at.least(px(line, 'fontWeight'));
    }
  }
}

/** axe, every rule it runs by default and every impact, in both widgets. */
export async function expectAxeClean(page: ThemePage): Promise<void> {
  for (const el of [page.list, page.cart]) await expectAccessible(page, el);
}

/** The page does not scroll sideways and no widget reaches past the column it sits in. */
export function expectNoOverflow(page: ThemePage): void {
  const root = page.doc.scrollingElement ?? page.doc.documentElement;
  expect(root.scrollWidth - root.clientWidth, 'the page scrolls sideways (px)').to.be.at.most(0);
  for (const el of [page.list, page.cart]) {
    const column = el.parentElement!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    expect(box.left, `${el.localName} starts before its column`).to.be.at.least(column.left - 0.5);
    expect(box.right, `${el.localName} ends past its column`).to.be.at.most(column.right + 0.5);
    for (const text of textElements(el)) {
      if (text.closest('[part~="viewport"]') && !text.closest('[part~="item"]')) continue;
      const style = page.win.getComputedStyle(text);
      if (style.overflowX === 'visible' && style.display !== 'inline') {
        expect(
          text.scrollWidth - text.clientWidth,
          `"${text.textContent.trim().slice(0, 30)}" overflows its box`,
        ).to.be.at.most(1);
      }
    }
  }
}

/** Each vendor string and amount takes its own direction (an isolate, `dir="auto"` or `unicode-bidi: plaintext`). */
export function expectBidiIsolation(page: ThemePage): void {
  const selectors = [
    '[part~="name"]',
    '[part~="price"]',
    '[part~="line-name"]',
    '.category',
    '[part~="line-total"] > span',
    '[part~="line-quantity"] > span',
    '[part~="totals"] dd',
    '.badge',
  ];
  let checked = 0;
  for (const el of [page.list, page.cart]) {
    for (const element of el.shadowRoot!.querySelectorAll<HTMLElement>(selectors.join(','))) {
      if (element.closest('.skeleton')) continue;
      checked++;
      const isolated =
        element.localName === 'bdi' ||
        element.dir === 'auto' ||
        ['plaintext', 'isolate'].includes(page.win.getComputedStyle(element).unicodeBidi);
      const what = `${el.localName} ${element.className || element.getAttribute('part')}`;
      expect(isolated, `${what} "${element.textContent.trim()}" is not isolated`).to.equal(true);
    }
  }
  expect(checked, 'vendor strings and amounts checked').to.be.greaterThan(5);
}

/** The SKU-like name wraps at its spaces only: "71299:ORANGE:2" stays on one line. */
export function expectTokensWhole(page: ThemePage): void {
  const token = '71299:ORANGE:2';
  let seen = 0;
  for (const el of [page.list, page.cart]) {
    for (const name of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="name"], [part~="line-name"]')) {
      if (!name.textContent.includes(token)) continue;
      const { node, index: start } = findText(name, token);
      seen++;
      const range = page.doc.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + token.length);
      const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      expect(tops.size, `"${token}" breaks across lines in ${el.localName}`).to.equal(1);
    }
  }
  expect(seen, 'SKU-like names on the page').to.be.greaterThan(0);
}

/**
 * Loading: every placeholder (the Add to cart one too) stands out from what is behind it, and moves by opacity or
 * transform only.
 */
export function expectVisiblePlaceholders(page: ThemePage): void {
  for (const el of [page.list, page.cart]) {
    const placeholders = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.shimmer')];
    expect(placeholders.length, `${el.localName} placeholders`).to.be.greaterThan(3);
    expect(
      el.shadowRoot!.querySelector('.skeleton .add, .skeleton .bar'),
      `${el.localName} has no button or bar placeholder`,
    ).to.exist;
    for (const placeholder of placeholders) {
      const color = rgba(page.win.getComputedStyle(placeholder).backgroundColor);
      const text = rgba(page.win.getComputedStyle(placeholder.parentElement!).color);
      // Drawn in the text colour at >= 10% of the text's own strength: visible wherever the text is.
      const label = `${el.localName} ${placeholder.parentElement!.className} > ${placeholder.className}`;
      expect(color.slice(0, 3).map(Math.round), `${label} is not drawn in the text colour`).to.deep.equal(
        text.slice(0, 3).map(Math.round),
      );
      expect(color[3] / text[3], `${label}: its share of the text colour`).to.be.at.least(0.1);
    }
    // The placeholders pulse (unless the shopper asked for reduced motion), and whatever moves
    // in the widget moves by opacity or transform only, in steps: a smooth fade makes the
    // compositor draw every frame.
    const animations = el.shadowRoot!.getAnimations();
    if (!page.win.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      expect(
        placeholders.filter((placeholder) =>
          animations.some((animation) => (animation.effect as KeyframeEffect).target?.contains(placeholder)),
        ),
        `${el.localName}: placeholders that pulse`,
      ).to.have.length(placeholders.length);
    }
    for (const animation of animations) {
      const properties = new Set(
        (animation.effect as KeyframeEffect).getKeyframes().flatMap((frame) => Object.keys(frame)),
      );
      for (const property of properties)
        expect(
          ['offset', 'easing', 'composite', 'computedOffset', 'opacity', 'transform'],
          `animated ${property}`,
        ).to.include(property);
      const frames = (animation.effect as KeyframeEffect).getKeyframes();
      for (const frame of frames.slice(0, -1)) expect(frame.easing, 'a pulse step').to.match(/^steps\(/);
    }
  }
}

/** A computed colour as [r, g, b, alpha] in 0-255 (rgb(), rgba(), and color(srgb ...) as color-mix() gives). */
export function rgba(color: string): [number, number, number, number] {
  const srgb = color.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
  if (srgb)
    return [
      Number(srgb[1]) * 255,
      Number(srgb[2]) * 255,
      Number(srgb[3]) * 255,
      srgb[4] === undefined ? 1 : Number(srgb[4]),
    ];
  const rgb = color.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  throw new Error(`Cannot read the colour ${color}`);
}

/** The text node inside `element` that holds `text`, and where. */
export function findText(element: Element, text: string): { node: Text; index: number } {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const index = node.data.indexOf(text);
    if (index >= 0) return { node, index };
  }
  throw new Error(`"${text}" is not in ${element.textContent}`);
}

/** The left edge on screen of the character `offset` into the first `text` inside `element`. */
export function leftOf(element: Element, text: string, offset = 0): number {
  const { node, index } = findText(element, text);
  const range = element.ownerDocument.createRange();
  range.setStart(node, index + offset);
  range.setEnd(node, index + offset + 1);
  return range.getBoundingClientRect().left;
}

// ---------------------------------------------------------------- focus

/** The focused element, through shadow roots. */
export function deepActive(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * The boxes that clip `element`: every ancestor (across shadow roots) whose overflow is not visible, and the window.
 */
function clippers(element: Element): { what: string; rect: DOMRect }[] {
  const win = element.ownerDocument.defaultView!;
  const found: { what: string; rect: DOMRect }[] = [];
  for (
    let node: Element | null = element.parentElement ?? (element.getRootNode() as ShadowRoot).host;
    node;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)
  ) {
    const style = win.getComputedStyle(node);
    if (node === element.ownerDocument.documentElement || node === element.ownerDocument.body) continue;
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
      const outer = node.getBoundingClientRect();
      // Clipped at the padding box: inside the borders, and the scrollbar takes its room.
      const rect = new DOMRect(
        outer.left + node.clientLeft,
        outer.top + node.clientTop,
        node.clientWidth,
        node.clientHeight,
      );
      found.push({ what: `${node.localName}.${node.className}`, rect });
    }
  }
  found.push({ what: 'window', rect: new DOMRect(0, 0, win.innerWidth, win.innerHeight) });
  return found;
}

/** The focused control shows a ring (not one the page's resets removed) and all of it is in view. */
export function expectFocusRingInView(control: Element, label: string): void {
  const win = control.ownerDocument.defaultView!;
  const style = win.getComputedStyle(control);
  expect(control.matches(':focus-visible'), `${label}: no :focus-visible`).to.equal(true);
  expect(style.outlineStyle, `${label}: the focus ring is gone`).to.not.equal('none');
  const width = parseFloat(style.outlineWidth);
  expect(width, `${label}: ring width`).to.be.at.least(2);
  const reach = width + Math.max(0, parseFloat(style.outlineOffset));
  const box = control.getBoundingClientRect();
  const ring = { left: box.left - reach, right: box.right + reach, top: box.top - reach, bottom: box.bottom + reach };
  for (const { what, rect } of clippers(control)) {
    const cut = Math.max(
      rect.left - ring.left,
      ring.right - rect.right,
      rect.top - ring.top,
      ring.bottom - rect.bottom,
    );
    expect(cut, `${label}: the focus ring is cut by ${what} (px)`).to.be.at.most(0.5);
  }
}

/** What a control is, for messages. */
export function describeControl(control: Element): string {
  const host = (control.getRootNode() as ShadowRoot).host?.localName ?? 'page';
  const label = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 40);
  return `${host} ${control.getAttribute('part') ?? control.localName} "${label}"`;
}
