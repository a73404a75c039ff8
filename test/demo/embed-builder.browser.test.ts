import { expect } from '@open-wc/testing';
import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import { SESSION_PLACEHOLDER, mount, scriptUrlFor } from '../../demo/sections/embed.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { until } from '../support/dom.ts';
import { spyOnFetch } from '../support/fake-fetch.ts';

/**
 * The demo's embed builder (demo/sections/embed.ts): fields change the live preview and both
 * snippets, the Copy buttons copy them, and the copied script-tag snippet, pasted into a blank
 * page, renders the same widget as the preview.
 */
type Widget = HTMLElement & { state: string };

let container: HTMLElement;
let frame: HTMLIFrameElement | undefined;
let copied: string[];
const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;

beforeEach(() => {
  container = document.createElement('section');
  container.style.width = '1100px';
  document.body.append(container);
  mount(container);
  copied = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void copied.push(text) },
  });
});

afterEach(() => {
  container.remove();
  frame?.remove();
  frame = undefined;
  delete (navigator as { clipboard?: unknown }).clipboard;
  Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
});

const preview = () => container.querySelector('[aria-label="Live preview"]')!.firstElementChild as Widget;
const field = (name: string) => container.querySelector<HTMLInputElement | HTMLSelectElement>(`form [name="${name}"]`);
const snippet = (label: RegExp) => {
  const labelElement = [...container.querySelectorAll('label')].find((element) =>
    label.test(element.textContent ?? ''),
  )!;
  return document.getElementById(labelElement.htmlFor) as HTMLTextAreaElement;
};
const scriptSnippet = () => snippet(/^Script tag, self-hosted/);
const cdnSnippet = () => snippet(/^Script tag from a CDN/);
const npmSnippet = () => snippet(/^npm/);
const button = (text: RegExp) =>
  [...container.querySelectorAll('button')].find((element) => text.test(element.textContent ?? ''))!;
const choose = (text: RegExp) => {
  const label = [...container.querySelectorAll('label')].find((element) => text.test(element.textContent ?? ''))!;
  label.querySelector('input')!.click();
};
/** The direct connection: the demo's mock vendors with their keys in the page. */
const direct = () => choose(/Direct to the vendor API/);

function type(name: string, value: string): void {
  const input = field(name)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function pasteIntoBlankPage(html: string): Promise<Window & { errors: string[] }> {
  // The widget's own file, served from where the test server has the build, as the merchant
  // serves their copy (its languages beside it).
  const body = html.replace(/src="\/assets\/storefront-widgets\//, 'src="/dist/');
  expect(body, 'the snippet does not load a one-widget script-tag file').to.match(
    /src="\/dist\/(buy-again-list|cart-summary)\.iife\.js"/,
  );
  frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '600px';
  const script = "window.errors = []; addEventListener('error', (e) => errors.push(e.message));";
  frame.srcdoc = `<!doctype html><html lang="en"><head><script>${script}</script></head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as Window & { errors: string[] };
}

describe('embed builder', () => {
  it('is accessible: every field labelled, the preview a named region', async () => {
    await until(() => preview().state === 'ready', `the preview never rendered: ${preview().state}`);
    for (const control of container.querySelectorAll('form input, form select')) {
      expect(
        (control as HTMLInputElement).labels?.length,
        `${(control as HTMLInputElement).name} has no label`,
      ).to.be.greaterThan(0);
    }
    await expect(container).to.be.accessible();
  });

  it('starts as production runs: through the proxy, a placeholder session, the script self-hosted', async () => {
    expect(preview().localName).to.equal('buy-again-list');
    expect((container.querySelector('input[type="radio"][value="proxy"]') as HTMLInputElement).checked).to.equal(true);
    expect(field('site-token')).to.equal(null);
    expect(field('customer-session')!.value).to.equal('');
    // The preview renders through the demo proxy with a demo session, which no snippet carries.
    await until(
      () => preview().hasAttribute('customer-session') && preview().state === 'ready',
      `the preview never rendered with the demo session: ${preview().state}`,
    );
    const demoSession = preview().getAttribute('customer-session')!;
    expect(demoSession).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const text of [scriptSnippet().value, npmSnippet().value, cdnSnippet().value]) {
      expect(text).to.not.contain(demoSession);
      expect(text).to.contain(SESSION_PLACEHOLDER);
      expect(text).to.match(/Replace SESSION_SIGNED_BY_YOUR_BACKEND with the session your backend signs/);
    }
    expect(scriptSnippet().value).to.contain(`customer-session="${SESSION_PLACEHOLDER}"`);
    expect(scriptSnippet().value).to.contain('proxy-url="/proxy"');
    // The script is the merchant's own copy; the CDN one is offered beside it, said to need the release.
    expect(scriptSnippet().value).to.contain(
      '<script src="/assets/storefront-widgets/buy-again-list.iife.js" defer></script>',
    );
    expect(scriptSnippet().value).to.contain(
      'Copy the folder node_modules/storefront-widgets/dist/ to /assets/storefront-widgets/ on your site',
    );
    expect(scriptSnippet().value).to.not.contain('cdn.');
    expect(scriptUrlFor('buy-again-list', 'cdn')).to.match(
      /^https:\/\/cdn\.jsdelivr\.net\/npm\/storefront-widgets@\d+\.\d+\.\d+[^/]*\/dist\/buy-again-list\.iife\.js$/,
    );
    expect(cdnSnippet().value).to.contain(`<script src="${scriptUrlFor('buy-again-list', 'cdn')}" defer></script>`);
    expect(npmSnippet().value).to.contain("import 'storefront-widgets/define/buy-again-list';");
    // A session the merchant enters goes into the snippets as it is.
    type('customer-session', 'their.own.session');
    expect(scriptSnippet().value).to.contain('customer-session="their.own.session"');
    expect(scriptSnippet().value).to.not.contain(SESSION_PLACEHOLDER);
  });

  it('the direct connection prefills the mock vendor keys', async () => {
    direct();
    expect(field('site-token')!.value).to.equal('site_demo_fernhill');
    expect(preview().getAttribute('api-base')).to.equal('/mock/csomni');
    expect(scriptSnippet().value).to.contain('site-token="site_demo_fernhill"');
    expect(scriptSnippet().value).to.not.contain('customer-session');
    // The carousel's own file: a page showing one widget downloads that one.
    expect(scriptSnippet().value).to.contain(`<script src="${scriptUrlFor('buy-again-list')}" defer></script>`);
    expect(npmSnippet().value).to.contain("import 'storefront-widgets/define/buy-again-list';");
    await until(() => preview().state === 'ready', `the preview never rendered: ${preview().state}`);
  });

  it('draws its radio buttons 24 × 24 px, however long their labels', async () => {
    container.style.width = '360px';
    for (const radio of container.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      const { width, height } = radio.getBoundingClientRect();
      expect([width, height], radio.value).to.deep.equal([24, 24]);
    }
  });

  it('a direct preview stays direct on a page that sends every widget through the proxy', async () => {
    // The demo page in its default (proxy) connection.
    configure({ proxyUrl: '/proxy', customerSession: 'e30.e30.sig' });
    // What the builder started with (through the proxy) has settled: only the direct preview is watched.
    await until(
      () => preview().state === 'ready' && !preview().shadowRoot!.querySelector('.shimmer'),
      'the proxy preview never settled',
    );
    direct();
    const spy = spyOnFetch();
    try {
      type('site-token', '');
      // As the snippet would on a blank page: direct mode without a site token is a config error.
      await until(() => preview().state === 'error', 'the preview did not follow the snippet');
      expect(scriptSnippet().value).to.not.contain('site-token');
      expect(spy.calls.map((call) => call.url.href).filter((url) => url.includes('/proxy/'))).to.deep.equal([]);
    } finally {
      spy.restore();
      resetConfiguration();
    }
  });

  it('a changed field updates the preview and both snippets, escaped', async () => {
    direct();
    const heading = `Mum's "best" <b>picks</b> & more`;
    type('heading', heading);
    expect(preview().getAttribute('heading')).to.equal(heading);
    expect(scriptSnippet().value).to.contain('heading="Mum\'s &quot;best&quot; &lt;b&gt;picks&lt;/b&gt; &amp; more"');
    expect(npmSnippet().value).to.contain(`widget.setAttribute("heading", ${JSON.stringify(heading)});`);
    await until(
      () => preview().shadowRoot?.querySelector('[part~="heading"]')?.textContent === heading,
      'the preview heading never changed',
    );

    const checkbox = field('show-unavailable') as HTMLInputElement;
    checkbox.click();
    expect(preview().hasAttribute('show-unavailable')).to.equal(true);
    expect(scriptSnippet().value).to.match(/\n {2}show-unavailable\n/);

    type('max-items', '');
    type('site-token', '');
    expect(scriptSnippet().value).to.not.contain('site-token');
    expect(preview().hasAttribute('site-token')).to.equal(false);
    await until(() => preview().state === 'error', 'a missing site token is a config error in the preview too');
  });

  it('switching to <cart-summary> on giosg swaps the preview, the fields and the snippets', async () => {
    direct();
    choose(/<cart-summary> from giosg/);
    expect(preview().localName).to.equal('cart-summary');
    expect(field('site-token')).to.equal(null);
    expect(field('api-token')!.value).to.equal('demo-giosg-token');
    expect(scriptSnippet().value).to.match(
      /<cart-summary\n[\s\S]*visitor-id="203dc5c48da911e984bc0242ac14000a"[\s\S]*><\/cart-summary>/,
    );
    expect(npmSnippet().value).to.contain("document.createElement('cart-summary')");
    expect(scriptSnippet().value).to.contain(`<script src="${scriptUrlFor('cart-summary')}" defer></script>`);
    expect(npmSnippet().value).to.contain("import 'storefront-widgets/define/cart-summary';");
    await until(() => preview().state === 'ready', `the cart preview never rendered: ${preview().state}`);

    (field('view') as HTMLSelectElement).value = 'all';
    field('view')!.dispatchEvent(new Event('change', { bubbles: true }));
    expect(preview().getAttribute('view')).to.equal('all');
    expect(scriptSnippet().value).to.contain('view="all"');
  });

  it('back on the proxy connection, the vendor credentials give way to proxy-url and the session', async () => {
    direct();
    choose(/Through the widget proxy/);
    expect(field('api-base')).to.equal(null);
    expect(field('site-token')).to.equal(null);
    expect(field('proxy-url')!.value).to.equal('/proxy');
    expect(scriptSnippet().value).to.contain('proxy-url="/proxy"');
    expect(scriptSnippet().value).to.not.contain('site_demo_fernhill');
    expect(preview().getAttribute('proxy-url')).to.equal('/proxy');
    expect(scriptSnippet().value).to.contain(`customer-session="${SESSION_PLACEHOLDER}"`);
    await until(() => preview().state === 'ready', `the preview never rendered through the proxy: ${preview().state}`);
  });

  it('Copy copies the script-tag snippet, and pasted into a blank page it renders the same widget', async () => {
    direct();
    type('heading', 'Your "usual" <things>');
    type('max-items', '4');
    await until(
      () => preview().state === 'ready' && preview().shadowRoot!.querySelectorAll('[part~="item"]').length === 4,
      'the preview never showed 4 items',
    );

    button(/Copy script tag/).focus();
    await userEvent.keyboard('{Enter}');
    await until(() => copied.length === 1, 'nothing was copied');
    expect(copied[0]).to.equal(scriptSnippet().value);
    expect(container.querySelector('[role="status"]')!.textContent).to.match(/^Copied/);

    const win = await pasteIntoBlankPage(copied[0]);
    const pasted = win.document.querySelector('buy-again-list') as Widget;
    expect(pasted, 'the snippet has no <buy-again-list>').to.not.equal(null);
    await until(
      () => pasted.state === 'ready',
      `the pasted snippet never rendered: ${pasted.state}, errors ${win.errors}`,
    );
    // Every attribute the preview has, the pasted widget has (but the preview's own opt-out of
    // this page's proxy, which a page of its own does not need).
    for (const name of preview()
      .getAttributeNames()
      .filter((name) => name !== 'proxy-url'))
      expect(pasted.getAttribute(name), name).to.equal(preview().getAttribute(name));
    const text = (el: Widget, part: string) =>
      [...el.shadowRoot!.querySelectorAll(`[part~="${part}"]`)].map((node) => node.textContent?.trim());
    expect(text(pasted, 'heading')).to.deep.equal(['Your "usual" <things>']);
    expect(text(pasted, 'item').length).to.equal(4);
    await until(
      () => text(pasted, 'name').join() === text(preview(), 'name').join(),
      'the pasted widget shows other items than the preview',
    );
    expect(win.errors).to.deep.equal([]);
  });

  it('the npm snippet copies too', async () => {
    button(/Copy npm snippet/).click();
    await until(() => copied.length === 1, 'nothing was copied');
    expect(copied[0]).to.equal(npmSnippet().value);
  });

  it('without the Clipboard API, Copy selects the snippet for the keyboard', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    button(/Copy script tag/).click();
    const textarea = scriptSnippet();
    await until(() => document.activeElement === textarea, 'the snippet was not focused');
    expect(textarea.selectionStart).to.equal(0);
    expect(textarea.selectionEnd).to.equal(textarea.value.length);
    expect(container.querySelector('[role="status"]')!.textContent).to.match(/Copied|Ctrl\+C/);
  });
});
