import { expect } from '@open-wc/testing';
import axe from 'axe-core';
import { $, $$, until } from '../support/dom.ts';

/**
 * Puts the script-tag build (`/dist/storefront-widgets.iife.js`, built by `npm test`) into a plain
 * page in an iframe, as a merchant would, and watches that page for what a hostile world must
 * never cause: an uncaught error, an unhandled rejection, a host page that stops responding.
 */

export const SCRIPT = '/dist/storefront-widgets.iife.js';

export type Source = 'csomni' | 'algonomy' | 'giosg';
export const SOURCES: Source[] = ['csomni', 'algonomy', 'giosg'];

export type WidgetState = 'loading' | 'ready' | 'empty' | 'error';
export type Widget = HTMLElement & {
  state: WidgetState;
  refresh(): Promise<void>;
  readonly updateComplete: Promise<boolean>;
};

export interface ReportedError {
  kind: string;
  status?: number;
  message: string;
}

export interface FrameWindow extends Window {
  /** `error` and `unhandledrejection` events of the page, as text. */
  hostileErrors: string[];
  /** `console.warn` calls of the page. */
  hostileWarnings: string[];
  /** `widget-error` details heard on the page's document. */
  widgetErrors: ReportedError[];
  StorefrontWidgets?: { configure(options: Record<string, unknown>): void; pageCache?: unknown };
}

export interface HostilePage {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  doc: Document;
  /** Every widget of both tags on the page, in document order. */
  widgets(): Widget[];
}

export interface PageOptions {
  /** Markup for `<head>`, after the error listeners (styles, scripts). */
  head?: string;
  /** Attributes of `<html>` (default `lang="en"`). */
  htmlAttributes?: string;
  /** Markup before the widget script(s): e.g. another library defining a tag. */
  beforeScripts?: string;
  /** How many times the page includes the script (default 1). */
  scripts?: number;
  /** Page-wide settings passed to `StorefrontWidgets.configure()` before the widgets. */
  configure?: Record<string, unknown>;
  /** The widgets (and anything else) in `<body>`. */
  body: string;
  width?: number;
  height?: number;
}

const frames = new Set<HTMLIFrameElement>();

/** Removes every page this module opened (call in `afterEach`). */
export function closePages(): void {
  for (const frame of frames) frame.remove();
  frames.clear();
}

/** A unique gate id for the hostile API: one per test, so tests never share a fault switch. */
export function gateId(label: string): string {
  return `${label.replace(/[^a-z0-9]+/gi, '-')}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Opens a plain page with the script-tag build, a host button, and watchers for errors. */
export async function hostilePage(options: PageOptions): Promise<HostilePage> {
  const scripts = Array.from({ length: options.scripts ?? 1 }, () => `<script src="${SCRIPT}"></script>`).join('\n');
  const configure = options.configure
    ? `<script>StorefrontWidgets.configure(${JSON.stringify(options.configure)});</script>`
    : '';
  const frame = document.createElement('iframe');
  frame.style.width = `${options.width ?? 900}px`;
  frame.style.height = `${options.height ?? 700}px`;
  frame.style.border = '0';
  frame.srcdoc = `<!doctype html>
<html ${options.htmlAttributes ?? 'lang="en"'}>
<head>
<meta charset="utf-8">
<script>
  window.hostileErrors = [];
  window.hostileWarnings = [];
  window.widgetErrors = [];
  addEventListener('error', (event) => {
    hostileErrors.push('error: ' + (event.error && event.error.stack || event.message));
  });
  addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    hostileErrors.push('unhandledrejection: ' + (reason && (reason.stack || reason.message) || String(reason)));
  });
  const warn = console.warn;
  console.warn = (...args) => { hostileWarnings.push(args.map(String).join(' ')); warn.apply(console, args); };
  document.addEventListener('widget-error', (event) => {
    const error = event.detail && event.detail.error;
    widgetErrors.push({
      kind: error && error.kind,
      status: error && error.status,
      message: String(error && error.message),
    });
  });
</script>
${options.head ?? ''}
</head>
<body>
<p><button id="host-button" type="button" style="display: inline-block !important; visibility: visible !important"
  onclick="this.dataset.clicks = String(Number(this.dataset.clicks || 0) + 1)">Host page button</button></p>
${options.beforeScripts ?? ''}
${scripts}
${configure}
${options.body}
</body>
</html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  frames.add(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  return {
    frame,
    win,
    doc: frame.contentDocument!,
    widgets: () => [...frame.contentDocument!.querySelectorAll<Widget>('buy-again-list, cart-summary')],
  };
}

/** Markup of one widget reading `source` from the hostile API at `/hostile/<gate>/<scenario>/`. */
export function widgetMarkup(source: Source, gate: string, scenario: string, extra = ''): string {
  const base = `/hostile/${encodeURIComponent(gate)}/${encodeURIComponent(scenario)}/${source}`;
  switch (source) {
    case 'csomni':
      return (
        `<buy-again-list api-base="${base}" site-token="site_demo" customer-token="cs_demo" ${extra}>` +
        '</buy-again-list>'
      );
    case 'algonomy':
      return (
        `<buy-again-list source="algonomy" api-base="${base}" tenant-hash="demo-tenant" access-token="demo-access" ` +
        `gcr-id="gcr-1001" page-size="8" ${extra}></buy-again-list>`
      );
    case 'giosg':
      return (
        `<cart-summary api-base="${base}" api-token="demo-giosg-token" user-id="u1" chat-id="c1" visitor-id="v1" ` +
        `currency="EUR" ${extra}></cart-summary>`
      );
  }
}

/** The vendor path of the request that loads a source's main list (what a fault hits first). */
export function listPath(source: Source): RegExp {
  return {
    csomni: /^\/frequentlyPurchased$/,
    algonomy: /^\/api\/v1\/profile\/b2b\/productPurchased$/,
    giosg: /\/shopping_carts$/,
  }[source];
}

const TERMINAL: WidgetState[] = ['ready', 'empty', 'error'];

function describeWidget(page: HostilePage, el: Widget): string {
  const text = (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  const lit = el as unknown as { isUpdatePending?: boolean; hasUpdated?: boolean };
  return (
    `state ${el.state} (attribute ${el.getAttribute('state')}, update pending ${lit.isUpdatePending}), ` +
    `text "${text}", errors ${JSON.stringify(page.win.hostileErrors)}, ` +
    `widget errors ${JSON.stringify(page.win.widgetErrors)}`
  );
}

/** Polls `condition` (for fifteen seconds by default); on time-out, fails with `message()` as it is then. */
export const waitFor = (condition: () => boolean, message: () => string, timeout = 15_000) =>
  until(condition, message, { timeout });

/** Waits for the widget to leave `loading` and draw all it has; returns the state it ends in. */
export async function settled(page: HostilePage, el: Widget, timeout = 15_000): Promise<WidgetState> {
  await waitFor(
    () => TERMINAL.includes(el.state),
    () => `never left loading: ${describeWidget(page, el)}`,
    timeout,
  );
  // And drawn whole: a list that arrived is drawn in pieces on a slow (or busy) machine.
  await el.updateComplete;
  return el.state;
}

/** Waits for the widget to reach `state` and draw it (the state changes before the update that shows it). */
export async function reaches(page: HostilePage, el: Widget, state: WidgetState, timeout = 15_000): Promise<void> {
  await waitFor(
    () => el.state === state,
    () => `never reached ${state}: ${describeWidget(page, el)}`,
    timeout,
  );
  await el.updateComplete;
}

/** No uncaught error and no unhandled rejection reached the page. */
export function expectNoPageErrors(page: HostilePage): void {
  expect(page.win.hostileErrors, 'uncaught errors or unhandled rejections in the page').to.deep.equal([]);
}

/** Whether a real pointer at the element's centre would hit it (nothing covers it, it has a box). */
export function hitTestable(element: Element): { ok: boolean; why: string } {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const rect = element.getBoundingClientRect();
  const view = element.ownerDocument.defaultView!;
  const style = view.getComputedStyle(element);
  if (rect.width < 1 || rect.height < 1)
    return { ok: false, why: `no box (${rect.width}x${rect.height}, display ${style.display})` };
  if (style.visibility !== 'visible') return { ok: false, why: `visibility ${style.visibility}` };
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const root = element.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(x, y);
  const ok = !!hit && (hit === element || element.contains(hit));
  const what = hit ? hit.outerHTML.slice(0, 120) : 'nothing';
  return { ok, why: ok ? '' : `a click at its centre (${Math.round(x)}, ${Math.round(y)}) hits ${what}` };
}

/** The host page still works: its own button is reachable by a pointer and its handler runs. */
export function expectHostPageResponds(page: HostilePage): void {
  const button = page.doc.getElementById('host-button') as HTMLButtonElement;
  const before = Number(button.dataset.clicks ?? 0);
  const reachable = hitTestable(button);
  expect(reachable.ok, `the host page's button cannot be clicked: ${reachable.why}`).to.equal(true);
  button.click();
  expect(Number(button.dataset.clicks ?? 0), "the host page's button did not respond").to.equal(before + 1);
}

/**
 * axe finds no violation in the widget as it is now. axe runs inside the page's own window (its
 * source injected there), since it reads the document and styles of the window it runs in.
 */
export async function expectAccessible(page: HostilePage, el: Element): Promise<void> {
  const win = page.win as FrameWindow & { axe?: typeof axe };
  if (!win.axe) (win as unknown as { eval(code: string): void }).eval(axe.source);
  const { violations } = await win.axe!.run(el, { resultTypes: ['violations'] });
  const found = violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe violations in ${el.localName} (${(el as Widget).state})`).to.deep.equal([]);
}

export const part = (el: Element, name: string) => $(el, `[part~="${name}"]`);
export const parts = (el: Element, name: string) => $$(el, `[part~="${name}"]`);

/** The widget is in `error`, and its status says something: that status. */
function expectReadableError(el: Widget): HTMLElement {
  expect(el.state).to.equal('error');
  const status = part(el, 'status');
  expect(status, 'the error view has no status part').to.exist;
  expect(status!.textContent.trim().length, 'the error view says nothing').to.be.greaterThan(5);
  return status!;
}

/** In `error`: a readable message, a Retry a pointer can reach; the fault is switched off and Retry recovers. */
export async function expectRetryRecovers(
  page: HostilePage,
  el: Widget,
  gate: string,
  timeout = 15_000,
): Promise<void> {
  expectReadableError(el);
  const retry = part(el, 'retry-button');
  expect(retry, 'the error view has no Retry button').to.exist;
  const reachable = hitTestable(retry!);
  expect(reachable.ok, `Retry cannot be clicked: ${reachable.why}`).to.equal(true);
  await heal(gate);
  retry!.click();
  try {
    await reaches(page, el, 'ready', timeout);
  } catch (error) {
    const seen = (await requestsTo(gate)).map(
      (request) => `${request.method} ${request.path}${request.healed ? ' (healed)' : ''}`,
    );
    throw new Error(`${(error as Error).message}; requests: ${seen.join(', ')}`);
  }
}

/**
 * In `error` for a refused credential: a readable message and no Retry (the same request would be
 * refused again); the page renewing its credential, once the fault is off, reloads the widget.
 */
export async function expectRenewalRecovers(
  page: HostilePage,
  el: Widget,
  gate: string,
  timeout = 15_000,
): Promise<void> {
  const status = expectReadableError(el);
  expect(status.textContent, "a shopper is asked to sign in where the page's credential was refused").to.not.match(
    /sign in/i,
  );
  expect(part(el, 'retry-button'), 'Retry offered where it cannot help').to.equal(null);
  await heal(gate);
  const credential =
    el.localName === 'cart-summary'
      ? 'api-token'
      : el.getAttribute('source') === 'algonomy'
        ? 'access-token'
        : 'site-token';
  el.setAttribute(credential, `${el.getAttribute(credential)}-renewed`);
  await reaches(page, el, 'ready', timeout);
}

/** Switches a gate's fault off: the hostile API answers as the healthy mock from now on. */
export async function heal(gate: string): Promise<void> {
  const response = await fetch(`/hostile/_heal/${encodeURIComponent(gate)}`, { method: 'POST' });
  expect(response.ok).to.equal(true);
}

export interface LoggedRequest {
  path: string;
  method: string;
  at: number;
  healed: boolean;
}

/** The requests a gate saw, as the server logged them. */
export async function requestsTo(gate: string): Promise<LoggedRequest[]> {
  return (await fetch(`/hostile/_log/${encodeURIComponent(gate)}`)).json();
}

/** Whether the page scrolls sideways: a widget that pushes the host page wider than its window. */
export function horizontalOverflow(page: HostilePage): number {
  const root = page.doc.scrollingElement ?? page.doc.documentElement;
  return root.scrollWidth - root.clientWidth;
}
