import { expect, fixtureCleanup } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { createElement, StrictMode, type ComponentProps } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { BuyAgainList as ReactBuyAgainList, CartSummary as ReactCartSummary } from '../../src/react.ts';
import '../../src/define.ts';
import type { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import type { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import { pageCache } from '../../src/core/cache.ts';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { installFakeFetch, json, type FakeFetch, type FakeHandler } from '../support/fake-fetch.ts';
import { texts, until } from '../support/dom.ts';
import { algonomy as algonomyFake } from '../support/fakes/algonomy.ts';
import { csomni as csomniFake, csomniCustomer } from '../support/fakes/csomni.ts';
import { giosg as giosgFake, giosgCart, giosgLine, giosgVisitor } from '../support/fakes/giosg.ts';

/**
 * The widgets in a single-page app: created, moved, re-rendered and destroyed many times. What
 * leaves the page must leave memory, and what the page shows is the last answer asked for.
 */

const CSOMNI = 'https://csomni.test';
const GIOSG = 'https://giosg.test';
const RCDP = 'https://rcdp.test';

const rows = (customer: string) => [
  { variantToken: `vrnt_${customer}_1`, quantity: 3, price: 2.5, variantImage: '', productToken: `prod_${customer}_1` },
  { variantToken: `vrnt_${customer}_2`, quantity: 1, price: 4, variantImage: '', productToken: `prod_${customer}_2` },
];

/** CS Omni: a list per customer token (`cs_fail` answers 400), and a name per product; `hold` keeps a customer's list back. */
const csomni = (hold?: (customer: string) => Promise<Response> | undefined) =>
  csomniFake({
    rows,
    products: (token) => ({ prodToken: token, prodName: `Name of ${token}`, variants: [] }),
    list: (request) => (csomniCustomer(request) === 'cs_fail' ? json({ message: 'bad request' }, { status: 400 }) : hold?.(csomniCustomer(request))),
  });

/** A visitor's one cart, with one line named after the visitor. */
const cartOf = (visitor: string) => giosgCart(`cart_${visitor}`, {}, [giosgLine(`l_${visitor}`, { name: `Line of ${visitor}` })]);

/** giosg: one cart per visitor (`v_fail` answers 400); `hold` keeps a visitor's list of carts back. */
function giosg(hold?: (visitor: string) => Promise<Response> | undefined): FakeHandler {
  const fake = giosgFake({ carts: (visitor) => [cartOf(visitor)], list: (request) => hold?.(giosgVisitor(request)) });
  return (request) => (giosgVisitor(request) === 'v_fail' ? json({ detail: 'bad request' }, { status: 400 }) : fake(request));
}

/** Algonomy: pages of three, three pages in all; `hold` keeps a page's answer back. */
const algonomy = (hold?: (page: number) => Promise<Response> | undefined) => algonomyFake({ answer: hold });

let api: FakeFetch | undefined;
const serve = (handler: FakeHandler) => (api = installFakeFetch(handler));


let host: HTMLElement;

function create<T extends HTMLElement>(tag: string, attributes: Record<string, string>, parent: Element = host): T {
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  parent.append(el);
  return el;
}

const list = (customer: string, extra: Record<string, string> = {}) =>
  create<BuyAgainList>('buy-again-list', { 'api-base': CSOMNI, 'site-token': 'site_1', 'customer-token': customer, ...extra });
const cart = (visitor: string, extra: Record<string, string> = {}) =>
  create<CartSummary>('cart-summary', { 'api-base': GIOSG, 'api-token': 't', 'user-id': 'u1', 'chat-id': 'c1', 'visitor-id': visitor, ...extra });

/** Marks this test's frame: other test files run in frames of the same page, tags registered too. */
const frameMark = `lifecycle-${Math.random()}`;
(globalThis as Record<string, unknown>).testFrameMark = frameMark;

/**
 * The prototype registered as `tag` in this test's frame, as a protocol object of this frame's
 * own context: the heap search below counts only objects created in the context its prototype
 * belongs to. The protocol evaluates in the runner's top frame, so this frame's document is
 * found from there (same origin), and resolving that node again gives it in its own frame's
 * context.
 */
async function ownPrototype(tag: string, group: string): Promise<string> {
  const session = cdp();
  const { result: documentHere } = (await session.send('Runtime.evaluate', {
    expression: `(function find(win) {
      try { if (win.testFrameMark === ${JSON.stringify(frameMark)}) return win.document.documentElement; } catch { return undefined; }
      for (let i = 0; i < win.frames.length; i++) { const found = find(win.frames[i]); if (found) return found; }
      return undefined;
    })(window)`,
    objectGroup: group,
  })) as { result: { objectId?: string } };
  if (!documentHere.objectId) throw new Error("this test's frame was not found from the top frame");
  const { node } = (await session.send('DOM.describeNode', { objectId: documentHere.objectId })) as { node: { backendNodeId: number } };
  const { object } = (await session.send('DOM.resolveNode', { backendNodeId: node.backendNodeId, objectGroup: group })) as { object: { objectId: string } };
  const { result: prototype } = (await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function (tag) { return this.ownerDocument.defaultView.customElements.get(tag)?.prototype; }',
    arguments: [{ value: tag }],
    objectGroup: group,
  })) as { result: { objectId?: string } };
  if (!prototype.objectId) throw new Error(`<${tag}> is not registered in this test's frame`);
  return prototype.objectId;
}

/**
 * Live instances of the class registered as `tag`, after a full garbage collection, counted in
 * the heap with the DevTools protocol.
 */
async function liveInstances(tag: string): Promise<number> {
  const session = cdp();
  const group = 'live-instances';
  try {
    // Timers and microtasks of the removals run first; two collections let what finalized
    // weak structures (signals, observers) held go too.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    const prototype = await ownPrototype(tag, group);
    const { objects } = (await session.send('Runtime.queryObjects', { prototypeObjectId: prototype, objectGroup: group })) as { objects: { objectId: string } };
    const { result } = (await session.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
      objectGroup: group,
    })) as { result: { value: number } };
    return result.value;
  } finally {
    // The handles above hold what they found: let it go, or the count keeps it alive.
    await session.send('Runtime.releaseObjectGroup', { objectGroup: group });
  }
}

/**
 * Removed instances of `tag` still in memory once the page has finished with them: work the
 * last rounds left (a look-up answered late, a deferred abort) may hold one a moment longer on a
 * busy machine, so the count is taken again, up to 2 s, until it reaches none. A leak keeps its
 * elements whatever the wait.
 */
async function leftInMemory(tag: string, baseline: number): Promise<number> {
  let live = (await liveInstances(tag)) - baseline;
  for (let attempt = 0; live > 0 && attempt < 10; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    live = (await liveInstances(tag)) - baseline;
  }
  return live;
}

beforeEach(() => {
  pageCache.clear();
  configure({ timeout: 2000 });
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  fixtureCleanup();
  host.remove();
  api?.restore();
  api = undefined;
  resetConfiguration();
  pageCache.clear();
});

describe('widgets in a single-page app', () => {
  describe('memory', () => {
    const ROUNDS = 50;

    /**
     * The fake server keeps every request it saw, signal included, and an aborted signal's
     * reason (a DOMException raised in the removed element's disconnectedCallback) keeps the
     * frames it was raised in, element and all, until its stack is read. A page does not hold
     * on to its requests' signals: neither may the test.
     */
    const forgetRequests = () => (api!.calls.length = 0);

    it('leaves no <buy-again-list> behind: loaded, named, paged, removed mid-load, failed, moved', { timeout: 60_000 }, async () => {
      const hold = new Set<string>();
      serve((request) => (request.url.hostname === 'rcdp.test' ? algonomy()(request) : csomni((customer) => (hold.has(customer) ? new Promise<Response>(() => undefined) : undefined))(request)));
      const baseline = await liveInstances('buy-again-list');
      // Each round in a function of its own: the test's own frame must not hold its last elements.
      const mountAndRemove = async (round: number) => {
        // Loaded, names looked up.
        const loaded = list(`cs_${round}`);
        await until(() => loaded.state === 'ready' && texts(loaded, '[part~="name"]').every((name) => name.startsWith('Name of')), 'never named');
        loaded.remove();
        // Removed while its request is open (the request never answers).
        hold.add(`cs_held_${round}`);
        const pending = list(`cs_held_${round}`);
        await until(() => api!.calls.some((call) => call.headers.get('customertoken') === `cs_held_${round}`), 'held list request never sent');
        pending.remove();
        // Failed, then gone.
        const failed = list('cs_fail');
        await until(() => failed.state === 'error', 'never failed');
        failed.remove();
        // A paged source with a page loaded, then moved and removed.
        const paged = create<BuyAgainList>('buy-again-list', { source: 'algonomy', 'api-base': RCDP, 'tenant-hash': 't', 'access-token': 'a', 'gcr-id': `g${round}`, 'page-size': '3' });
        await until(() => paged.state === 'ready', 'paged never ready');
        const elsewhere = document.createElement('section');
        document.body.append(elsewhere);
        elsewhere.append(paged);
        await paged.updateComplete;
        elsewhere.remove();
        forgetRequests();
      };
      for (let round = 0; round < ROUNDS; round++) await mountAndRemove(round);
      const live = await leftInMemory('buy-again-list', baseline);
      expect(live, `${live} of ${ROUNDS * 4} removed <buy-again-list> elements are still in memory`).to.equal(0);
    });

    it('leaves no <cart-summary> behind: loaded, both views, removed mid-load, failed, moved', { timeout: 60_000 }, async () => {
      const hold = new Set<string>();
      serve(giosg((visitor) => (hold.has(visitor) ? new Promise<Response>(() => undefined) : undefined)));
      const baseline = await liveInstances('cart-summary');
      const mountAndRemove = async (round: number) => {
        const loaded = cart(`v${round}`);
        await until(() => loaded.state === 'ready', 'never ready');
        loaded.remove();
        const all = cart(`v${round}`, { view: 'all' });
        await until(() => all.state === 'ready', 'all never ready');
        all.remove();
        hold.add(`v_held_${round}`);
        const pending = cart(`v_held_${round}`);
        await until(() => api!.calls.some((call) => call.url.pathname.includes(`/v_held_${round}/`)), 'held cart request never sent');
        pending.remove();
        const failed = cart('v_fail');
        await until(() => failed.state === 'error', 'never failed');
        const elsewhere = document.createElement('section');
        document.body.append(elsewhere);
        elsewhere.append(failed);
        await failed.updateComplete;
        elsewhere.remove();
        forgetRequests();
      };
      for (let round = 0; round < ROUNDS; round++) await mountAndRemove(round);
      const live = await leftInMemory('cart-summary', baseline);
      expect(live, `${live} of ${ROUNDS * 4} removed <cart-summary> elements are still in memory`).to.equal(0);
    });
  });

  describe('React', () => {
    let root: Root | undefined;
    let errors: ReturnType<typeof vi.spyOn>;

    beforeEach(() => {
      errors = vi.spyOn(console, 'error');
      root = createRoot(host);
    });

    afterEach(() => {
      root?.unmount();
      root = undefined;
      errors.mockRestore();
    });

    type ListProps = ComponentProps<typeof ReactBuyAgainList>;
    type CartProps = ComponentProps<typeof ReactCartSummary>;

    /** Renders both wrappers in StrictMode, at once (as a router's transition commits). */
    function render(list: ListProps | null, cartProps: CartProps | null) {
      flushSync(() =>
        root!.render(
          createElement(StrictMode, null, list && createElement(ReactBuyAgainList, list), cartProps && createElement(ReactCartSummary, cartProps)),
        ),
      );
    }

    const element = <T extends Element>(tag: string) => host.querySelector(tag) as T;

    it('in StrictMode, sends one request per load, delivers every event, and logs no error', async () => {
      const fake = serve((request) => (request.url.hostname === 'giosg.test' ? giosg()(request) : csomni()(request)));
      const loads: string[] = [];
      const listProps = (customer: string): ListProps => ({
        apiBase: CSOMNI,
        siteToken: 'site_1',
        customerToken: customer,
        // A new function on every render, as inline handlers are.
        onWidgetLoad: (event) => loads.push(`list ${customer} ${event.detail.items.map((item) => item.id).join(',')}`),
        onWidgetError: (event) => loads.push(`list error ${event.detail.error.kind}`),
      });
      const cartProps = (visitor: string): CartProps => ({
        apiBase: GIOSG,
        apiToken: 't',
        userId: 'u1',
        chatId: 'c1',
        visitorId: visitor,
        onWidgetLoad: (event) => loads.push(`cart ${event.detail.cart?.id}`),
        onWidgetError: (event) => loads.push(`cart error ${event.detail.error.kind}`),
      });
      render(listProps('cs_a'), cartProps('va'));
      const list = element<BuyAgainList>('buy-again-list');
      const cart = element<CartSummary>('cart-summary');
      await until(() => list.state === 'ready' && cart.state === 'ready');
      await until(() => loads.length === 2);
      expect(fake.callsTo('/frequentlyPurchased').length, 'StrictMode sent the list request twice').to.equal(1);
      expect(fake.callsTo('/shopping_carts').length, 'StrictMode sent the cart request twice').to.equal(1);
      expect(loads).to.have.members(['list cs_a vrnt_cs_a_1,vrnt_cs_a_2', 'cart cart_va']);

      // A re-render with the same props (the parent's own state changed): nothing reloads.
      render(listProps('cs_a'), cartProps('va'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(1);
      expect(fake.callsTo('/shopping_carts').length).to.equal(1);

      // New props: one request each, the new data, the new handlers called.
      loads.length = 0;
      render(listProps('cs_b'), cartProps('vb'));
      expect(host.querySelector('buy-again-list'), 'React replaced the element').to.equal(list);
      await until(() => loads.length === 2, 'the new load events never arrived');
      expect(loads).to.have.members(['list cs_b vrnt_cs_b_1,vrnt_cs_b_2', 'cart cart_vb']);
      expect(fake.callsTo('/frequentlyPurchased').map((call) => call.headers.get('customertoken'))).to.deep.equal(['cs_a', 'cs_b']);
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(texts(cart, '[part~="line-name"]')).to.deep.equal(['Line of vb']);

      // Unmounted and mounted again at once (a route left and entered): the page cache answers.
      loads.length = 0;
      render(null, null);
      render(listProps('cs_b'), cartProps('vb'));
      await until(() => loads.length === 2, 'the remounted widgets never loaded');
      expect(element<BuyAgainList>('buy-again-list').state).to.equal('ready');
      expect(fake.callsTo('/frequentlyPurchased').length).to.equal(2);
      expect(fake.callsTo('/shopping_carts').length).to.equal(2);
      expect(errors.mock.calls, 'console errors').to.deep.equal([]);
    });

    it('in StrictMode, a widget unmounted mid-load aborts its request, and one mounted again at once takes it over', async () => {
      const answers = new Map<string, (response: Response) => void>();
      const fake = serve(csomni((customer) => new Promise<Response>((resolve) => answers.set(customer, resolve))));
      let loads = 0;
      const props: ListProps = { apiBase: CSOMNI, siteToken: 'site_1', customerToken: 'cs_a', onWidgetLoad: () => (loads += 1) };
      render(props, null);
      await until(() => answers.has('cs_a'));
      render(null, null);
      render(props, null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.callsTo('/frequentlyPurchased').length, 'the remount sent the request again').to.equal(1);
      answers.get('cs_a')!(json(rows('cs_a')));
      const list = element<BuyAgainList>('buy-again-list');
      await until(() => list.state === 'ready' && loads === 1);
      expect(texts(list, '[part~="price"]').length).to.equal(2);
      render(null, null);
      expect(errors.mock.calls, 'console errors').to.deep.equal([]);
    });
  });

  describe('moves and rapid changes', () => {
    /** Every list of names (or cart lines) the widget showed, render by render. */
    function shownOverTime(el: Element, selector: string): { seen: string[][]; stop(): void } {
      const seen: string[][] = [];
      const record = () => {
        const now = texts(el, selector);
        if (JSON.stringify(now) !== JSON.stringify(seen.at(-1))) seen.push(now);
      };
      record();
      const observer = new MutationObserver(record);
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
      return { seen, stop: () => observer.disconnect() };
    }

    it('<buy-again-list>: switching customer ten times shows only the last one\'s list, whatever order the answers come in', async () => {
      const answers = new Map<string, (response: Response) => void>();
      const fake = serve(csomni((customer) => new Promise<Response>((resolve) => answers.set(customer, resolve))));
      const el = list('cs_0');
      await until(() => answers.has('cs_0'));
      const shown = shownOverTime(el, '[part~="price"]');
      for (let n = 1; n <= 10; n++) {
        el.setAttribute('customer-token', `cs_${n}`);
        await until(() => answers.has(`cs_${n}`));
      }
      const requests = fake.callsTo('/frequentlyPurchased');
      expect(requests.length).to.equal(11);
      expect(requests.slice(0, 10).every((call) => call.signal?.aborted), 'an earlier customer\'s request was left open').to.equal(true);
      expect(requests[10].signal?.aborted).to.not.equal(true);
      // The earlier answers arrive anyway (a server that ignores the abort), newest first.
      for (let n = 9; n >= 0; n--) answers.get(`cs_${n}`)!(json(rows(`cs_${n}`)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.state).to.equal('loading');
      answers.get('cs_10')!(json(rows('cs_10')));
      await until(() => el.state === 'ready' && texts(el, '[part~="name"]').every((name) => name.startsWith('Name of prod_cs_10')));
      shown.stop();
      expect(shown.seen.filter((prices) => prices.length > 0).length, 'another customer\'s list was shown on the way').to.equal(1);
      expect(el.getAttribute('state')).to.equal('ready');
    });

    it('<buy-again-list>: switching customer ten times within one task sends one request', async () => {
      const fake = serve(csomni());
      const el = list('cs_0');
      for (let n = 1; n <= 10; n++) el.setAttribute('customer-token', `cs_${n}`);
      await until(() => el.state === 'ready' && texts(el, '[part~="name"]').every((name) => name.startsWith('Name of prod_cs_10')));
      expect(fake.callsTo('/frequentlyPurchased').map((call) => call.headers.get('customertoken'))).to.deep.equal(['cs_10']);
    });

    it('<cart-summary>: switching visitor ten times shows only the last one\'s cart, whatever order the answers come in', async () => {
      const answers = new Map<string, (response: Response) => void>();
      const fake = serve(giosg((visitor) => new Promise<Response>((resolve) => answers.set(visitor, resolve))));
      const el = cart('v0');
      await until(() => answers.has('v0'));
      const shown = shownOverTime(el, '[part~="line-name"]');
      for (let n = 1; n <= 10; n++) {
        el.setAttribute('visitor-id', `v${n}`);
        await until(() => answers.has(`v${n}`));
      }
      const requests = fake.callsTo('/shopping_carts');
      expect(requests.slice(0, 10).every((call) => call.signal?.aborted), 'an earlier visitor\'s request was left open').to.equal(true);
      for (let n = 9; n >= 0; n--) answers.get(`v${n}`)!(json({ next: null, previous: null, results: [cartOf(`v${n}`).record] }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.state).to.equal('loading');
      answers.get('v10')!(json({ next: null, previous: null, results: [cartOf('v10').record] }));
      await until(() => el.state === 'ready');
      await el.updateComplete;
      shown.stop();
      expect(shown.seen.filter((lines) => lines.length > 0)).to.deep.equal([['Line of v10']]);
      expect(el.getAttribute('state')).to.equal('ready');
    });

    it('<buy-again-list>: moved while a further page loads, keeps the pages it has and still gets that page', async () => {
      let answer: ((response: Response) => void) | undefined;
      const fake = serve(algonomy((page) => (page === 3 ? new Promise<Response>((resolve) => (answer = resolve)) : undefined)));
      const el = create<BuyAgainList>('buy-again-list', { source: 'algonomy', 'api-base': RCDP, 'tenant-hash': 't', 'access-token': 'a', 'gcr-id': 'g', 'page-size': '3' });
      await until(() => el.state === 'ready');
      const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more-button"]');
      const names = () => texts(el, '[part~="name"]');
      const pages = () => fake.calls.map((call) => (call.body as { page: number }).page);
      await until(() => more() !== null);
      more()!.click();
      await until(() => names().length === 6 && more() !== null);
      more()!.click();
      await until(() => answer !== undefined);
      const shown = shownOverTime(el, '[part~="name"]');
      const elsewhere = document.createElement('section');
      host.append(elsewhere);
      elsewhere.append(el);
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The page's request carries on (the cache hands it over), as the first page's does.
      expect(pages()).to.deep.equal([1, 2, 3]);
      expect(fake.calls[2].signal?.aborted, 'the page under way was given up').to.equal(false);
      expect(more()?.textContent?.trim(), 'the pager forgot the page under way').to.equal('Loading more items…');
      answer!(json({ status: 'OK', data: { currentPage: 3, pageSize: 3, totalPages: 3, totalCount: 9, lastKey: { RK: 3 }, dataList: [0, 1, 2].map((i) => ({ productCode: `SKU-3-${i}`, productName: `Product 3-${i}`, productQty: '1', productValue: '$ 1.5' })) } }));
      await until(() => names().length === 9, 'the page under way never arrived');
      shown.stop();
      expect(shown.seen.map((each) => each.length), 'the move took the list back to page one').to.deep.equal([6, 9]);
      expect(el.getAttribute('state')).to.equal('ready');
    });

    it('<cart-summary>: moved mid-load and while a refresh is under way, keeps the cart in view and ends ready', async () => {
      let hold: Promise<Response> | undefined;
      const fake = serve(giosg(() => hold));
      const el = cart('v1');
      await until(() => el.state === 'ready');
      await el.updateComplete;
      expect(texts(el, '[part~="line-name"]')).to.deep.equal(['Line of v1']);
      let answer!: (response: Response) => void;
      hold = new Promise<Response>((resolve) => (answer = resolve));
      const shown = shownOverTime(el, '[part~="line-name"]');
      void el.refresh();
      await until(() => fake.callsTo('/shopping_carts').length === 2);
      const elsewhere = document.createElement('section');
      host.append(elsewhere);
      elsewhere.append(el);
      await el.updateComplete;
      expect(fake.callsTo('/shopping_carts').length, 'the move sent the request again').to.equal(2);
      answer(json({ next: null, previous: null, results: [cartOf('v1').record] }));
      await until(() => el.state === 'ready' && fake.calls.length > 0);
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown.stop();
      expect(shown.seen, 'the cart in view gave way to a skeleton on the move').to.deep.equal([['Line of v1']]);
      expect(el.getAttribute('state')).to.equal('ready');
    });
  });
});
