import { expect, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';

/**
 * Registration as real pages get it wrong: the script pasted twice (a theme and an app each
 * add it), both builds on one page, or a tag name already taken by another library. Each must
 * log one warning and never throw into the page (src/define.ts).
 */
interface FramePage extends Window {
  warnings: string[];
  errors: string[];
  StorefrontWidgets?: { defineWidgets(): void };
}

let frame: HTMLIFrameElement | undefined;

async function plainPage(head: string, body: string): Promise<FramePage> {
  frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '700px';
  frame.srcdoc = `<!doctype html><html lang="en"><head>
    <script>
      window.warnings = []; window.errors = [];
      const warn = console.warn.bind(console);
      console.warn = (...args) => { warnings.push(args.map(String).join(' ')); warn(...args); };
      addEventListener('error', (e) => errors.push(e.message));
      addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
    </script>
    ${head}</head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as FramePage;
}

afterEach(() => frame?.remove());

const LIST =
  '<buy-again-list api-base="/mock/csomni" site-token="site_demo" customer-token="cs_demo"' +
  ' image-base-url="/mock/assets"></buy-again-list>';
const CLASSIC = '<script src="/dist/storefront-widgets.iife.js"></script>';

async function rendered(win: FramePage): Promise<HTMLElement & { state: string }> {
  const list = win.document.querySelector('buy-again-list') as HTMLElement & { state: string };
  await waitUntil(
    () => list.state === 'ready',
    `<buy-again-list> never rendered: state ${list.state}, errors ${win.errors}`,
    { timeout: 5000 },
  );
  return list;
}

describe('registering the tags', () => {
  it('a second copy of the script warns once and does not throw', async () => {
    const response = await fetch('/dist/storefront-widgets.iife.js');
    expect(response.ok, 'dist/storefront-widgets.iife.js is missing: run `npm run build`').to.equal(true);
    const win = await plainPage(`${CLASSIC}<script src="/dist/storefront-widgets.iife.js?copy=2"></script>`, LIST);
    await rendered(win);
    expect(win.errors).to.deep.equal([]);
    expect(win.warnings).to.have.length(1);
    expect(win.warnings[0]).to.equal('storefront-widgets: SW50 <buy-again-list>, SW50 <cart-summary>');
    // The first copy's classes stay; asking the page's copy to register again says nothing new.
    win.StorefrontWidgets!.defineWidgets();
    expect(win.warnings).to.have.length(1);
  });

  it('the ES module build after the classic script warns once and does not throw', async () => {
    const win = await plainPage(`${CLASSIC}<script type="module" src="/dist/storefront-widgets.js"></script>`, LIST);
    await waitUntil(() => win.warnings.length > 0, 'the module build never ran', { timeout: 5000 });
    await rendered(win);
    expect(win.errors).to.deep.equal([]);
    expect(win.warnings).to.have.length(1);
    expect(win.warnings[0]).to.equal('storefront-widgets: SW50 <buy-again-list>, SW50 <cart-summary>');
  });

  it('a tag another library defined first is kept: one warning naming it, the other tag works', async () => {
    const theirs = `<script>
      customElements.define('cart-summary', class extends HTMLElement {
        connectedCallback() { this.textContent = 'their cart'; }
      });
    </script>`;
    const win = await plainPage(`${theirs}${CLASSIC}`, `${LIST}<cart-summary></cart-summary>`);
    await rendered(win);
    expect(win.errors).to.deep.equal([]);
    expect(win.warnings).to.have.length(1);
    expect(win.warnings[0]).to.equal('storefront-widgets: SW50 <cart-summary>');
    expect(win.document.querySelector('cart-summary')!.textContent).to.equal('their cart');
  });

  it('a class the app registered under its own name: importing the define entry then warns, not throws', async () => {
    // The "register it yourself" pattern (docs/embedding.md, "npm"), then a later import of storefront-widgets/define.
    const app = `<script type="module">
      const { CartSummary } = await import('/src/index.ts');
      customElements.define('shop-cart', CartSummary);
      await import('/src/define.ts');
      window.defined = true;
    </script>`;
    const win = (await plainPage('', `${LIST}${app}`)) as FramePage & { defined?: boolean };
    await waitUntil(() => win.defined === true || win.errors.length > 0, 'the define entry never finished', {
      timeout: 5000,
    });
    await rendered(win);
    expect(win.errors).to.deep.equal([]);
    expect(win.customElements.get('shop-cart')).to.not.equal(undefined);
    expect(win.customElements.get('cart-summary')).to.equal(undefined);
    expect(win.warnings.filter((warning) => warning.includes('storefront-widgets'))).to.have.length(1);
    // The source, as an app's dev server serves it: the development build, which adds the code's text.
    expect(win.warnings.find((warning) => warning.includes('storefront-widgets'))).to.equal(
      'storefront-widgets: SW51 <cart-summary> \nSW51: a tag not registered because the app registered its ' +
        'class under a name of its own, which stays the one to use',
    );
  });
});
