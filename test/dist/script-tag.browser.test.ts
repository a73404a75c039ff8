import { expect, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';

/**
 * The script-tag build as a merchant uses it: one classic script in a plain page, no bundler,
 * no module loader. `npm test` builds `dist/` before the tests run.
 */
let frame: HTMLIFrameElement | undefined;

async function plainPage(body: string): Promise<Window & { StorefrontWidgets?: Record<string, unknown>; errors: string[] }> {
  frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '700px';
  frame.srcdoc = `<!doctype html><html lang="en"><head><script>window.errors = []; addEventListener('error', (e) => errors.push(e.message));</script></head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as never;
}

afterEach(() => frame?.remove());

describe('dist/storefront-widgets.iife.js', () => {
  it('renders <buy-again-list> from one classic script tag', async () => {
    const response = await fetch('/dist/storefront-widgets.iife.js');
    expect(response.ok, 'dist/storefront-widgets.iife.js is missing: run `npm run build`').to.equal(true);
    const win = await plainPage(`
      <script src="/dist/storefront-widgets.iife.js"></script>
      <buy-again-list api-base="/mock/csomni" site-token="site_demo" customer-token="cs_demo" image-base-url="/mock/assets"></buy-again-list>`);
    const el = win.document.querySelector('buy-again-list') as HTMLElement & { state: string };
    await waitUntil(() => el.state === 'ready', `the script-tag build never rendered: state ${el.state} ${el.shadowRoot?.textContent}, errors ${win.errors}, defined ${!!win.customElements.get('buy-again-list')}`, { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll('[part~="item"]').length).to.be.greaterThan(5);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="name"]')!.textContent!.trim() === 'Organic Oat Milk 1 L', 'names never arrived', { timeout: 5000 });
    expect(typeof win.StorefrontWidgets?.configure).to.equal('function');
    expect(win.errors).to.deep.equal([]);
  });

  it('is one self-contained file: Lit inlined, no import but a language from beside itself', async () => {
    const source = await (await fetch('/dist/storefront-widgets.iife.js')).text();
    expect(source.replace(/import\(new URL\(`translations\/\$\{\w+\}\.js`,\w+\)\.href\)/, '')).to.not.match(/\bimport\s*[({"']/);
    expect(source).to.match(/import\(new URL\(`translations\/\$\{\w+\}\.js`,\w+\)\.href\)/);
    expect(source).to.not.contain('require(');
  });
});
