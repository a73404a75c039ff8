import { expect, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';

/**
 * The script-tag build as a merchant uses it: one classic script in a plain page, no bundler,
 * no module loader. `npm test` builds `dist/` before the tests run.
 */
let frame: HTMLIFrameElement | undefined;

async function plainPage(
  body: string,
): Promise<Window & { StorefrontWidgets?: Record<string, unknown>; errors: string[] }> {
  frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '700px';
  frame.srcdoc = `<!doctype html>
    <html lang="en">
      <head><script>window.errors = []; addEventListener('error', (e) => errors.push(e.message));</script></head>
      <body>${body}</body>
    </html>`;
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
      <buy-again-list api-base="/mock/csomni" site-token="site_demo" customer-token="cs_demo"
        image-base-url="/mock/assets"></buy-again-list>`);
    const el = win.document.querySelector('buy-again-list') as HTMLElement & { state: string };
    await waitUntil(
      () => el.state === 'ready',
      `the script-tag build never rendered: state ${el.state} ${el.shadowRoot?.textContent}, ` +
        `errors ${win.errors}, defined ${!!win.customElements.get('buy-again-list')}`,
      { timeout: 5000 },
    );
    // On a busy machine the list is drawn in pieces, a frame apart: the first four cards, then the rest.
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="item"]').length > 5, 'the list never drew whole', {
      timeout: 3000,
    });
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part~="name"]')!.textContent.trim() === 'Organic Oat Milk 1 L',
      'names never arrived',
      { timeout: 5000 },
    );
    expect(typeof win.StorefrontWidgets?.configure).to.equal('function');
    expect(win.errors).to.deep.equal([]);
  });

  it("delivers widget-analytics to a plain page's handler, and to its dataLayer once Consent Mode grants", async () => {
    const win = await plainPage(`
      <script>
        window.dataLayer = window.dataLayer || [];
        function gtag() { dataLayer.push(arguments); }
        gtag('consent', 'default', { analytics_storage: 'denied' });
        window.heard = [];
        document.addEventListener('widget-analytics', (e) =>
          heard.push(e.detail.event + ' ' + e.detail.ecommerce.items.length),
        );
      </script>
      <script src="/dist/storefront-widgets.iife.js"></script>
      <script>StorefrontWidgets.configure({ dataLayer: true });</script>
      <buy-again-list api-base="/mock/csomni" site-token="site_demo" customer-token="cs_demo"
        image-base-url="/mock/assets" product-url="/p/{productId}"></buy-again-list>`);
    // In view of the test runner's own (small) viewport: viewability counts what the shopper sees.
    Object.assign(frame!.style, { width: '360px', height: '480px' });
    frame!.scrollIntoView();
    const page = win as typeof win & { heard: string[]; dataLayer: unknown[]; gtag(...args: unknown[]): void };
    const el = win.document.querySelector('buy-again-list')!;
    el.addEventListener('item-select', (event) => event.preventDefault());
    await waitUntil(
      () => page.heard.some((line) => line.startsWith('view_item_list ')),
      `no view_item_list: ${page.heard}, errors ${win.errors}`,
      { timeout: 6000 },
    );
    el.shadowRoot!.querySelector<HTMLElement>('a[part~="name"]')!.click();
    await waitUntil(() => page.heard.includes('select_item 1'), `no select_item: ${page.heard}`, { timeout: 3000 });
    const events = () =>
      page.dataLayer
        .filter((entry) => typeof (entry as { event?: unknown }).event === 'string')
        .map((entry) => (entry as { event: string }).event);
    expect(events(), 'nothing before consent').to.deep.equal([]);
    page.gtag('consent', 'update', { analytics_storage: 'granted' });
    // What the handler heard, each once and in order: a card whose name came after its second in
    // view is a view_item_list of its own, so how many there are depends on the mock API's timing.
    const heard = () => page.heard.map((line) => line.split(' ')[0]);
    await waitUntil(() => events().length === heard().length, `never pushed: ${JSON.stringify(page.dataLayer)}`, {
      timeout: 3000,
    });
    expect(events()).to.deep.equal(heard());
    expect(events()[0]).to.equal('view_item_list');
    expect(events()).to.include('select_item');
    expect(win.errors).to.deep.equal([]);
  });

  it('lets the shop paint its first frame before the widgets draw, then shows their loading views', async () => {
    // What each widget had drawn when the page's first frame began: the frame's style and layout
    // take what is on the page then, and the widgets' share made it one long task on a slow phone.
    const win = await plainPage(`
      <script src="/dist/storefront-widgets.iife.js"></script>
      <h1>A shop</h1>
      <buy-again-list api-base="/mock/csomni" site-token="site_demo" customer-token="cs_demo"></buy-again-list>
      <cart-summary api-base="/mock/giosg" api-token="t" user-id="u" chat-id="c" visitor-id="v"></cart-summary>
      <script>
        const drawn = () => [...document.querySelectorAll('buy-again-list, cart-summary')].map(
          (el) =>
            el.localName + ' ' + (el.shadowRoot ? el.shadowRoot.querySelectorAll('[part]').length : 'no shadow root'),
        );
        window.atParse = drawn();
        requestAnimationFrame(() => (window.atFirstFrame = drawn()));
      </script>`);
    const page = win as typeof win & { atParse: string[]; atFirstFrame?: string[] };
    await waitUntil(() => page.atFirstFrame, 'no frame', { timeout: 3000 });
    expect(page.atParse).to.deep.equal(['buy-again-list 0', 'cart-summary 0']);
    expect(page.atFirstFrame).to.deep.equal(['buy-again-list 0', 'cart-summary 0']);
    const list = win.document.querySelector('buy-again-list')!;
    const cart = win.document.querySelector('cart-summary')!;
    // Right after it: each widget's loading view (or what its vendor answered by then).
    await waitUntil(
      () => list.shadowRoot!.querySelector('[part~="base"]') && cart.shadowRoot!.querySelector('[part~="base"]'),
      `the widgets never drew: ${list.shadowRoot!.innerHTML.length} ${cart.shadowRoot!.innerHTML.length}`,
      { timeout: 3000 },
    );
    expect(win.errors).to.deep.equal([]);
  });

  it('is one file, Lit inlined, importing only a language, the dataLayer bridge or the session store', async () => {
    const source = await (await fetch('/dist/storefront-widgets.iife.js')).text();
    // One import, of a file beside the script (with the script's query), used for each of them.
    const beside = /([\w$]+)=[\w$]+=>import\(new URL\([\w$]+\+([\w$]+)\.search,\2\)\.href\)/;
    expect(source).to.match(beside);
    const load = source.match(beside)![1];
    expect(source).to.contain(`${load}(\`translations/\${`);
    expect(source).to.contain(`${load}(\`data-layer.js\`)`);
    expect(source).to.contain(`${load}(\`session-store.js\`)`);
    expect(source.replace(beside, '')).to.not.match(/\bimport\s*[({"']/);
    expect(source).to.not.contain('require(');
  });

  it('is ASCII, so a shop page in a legacy encoding cannot garble its text', async () => {
    // A classic script is decoded in the page's encoding when its server names no charset.
    for (const file of ['storefront-widgets', 'buy-again-list', 'cart-summary']) {
      const source = await (await fetch(`/dist/${file}.iife.js`)).text();
      expect(source.match(/[^\0-\x7f]/g), file).to.equal(null);
      expect(source, file).to.contain('Adding\\u2026');
    }
  });
});
