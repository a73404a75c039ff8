import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import { afterEach, beforeEach, describe, it } from 'vitest';
import '../../src/define.ts';
import { BuyAgainList } from '../../src/components/buy-again-list/buy-again-list.ts';
import { CartSummary } from '../../src/components/cart-summary/cart-summary.ts';
import { mayContinue, TURN_MS, turnUsed, whenIdle } from '../../src/core/main-thread.ts';
import { pageCache } from '../../src/core/cache.ts';
import type { WidgetLoadEvent } from '../../src/events.ts';
import { serve, stopServing } from '../support/fake-fetch.ts';
import { csomni as csomniFake } from '../support/vendors/csomni.ts';
import { giosg as giosgFake, giosgCart, giosgLine } from '../support/vendors/giosg.ts';

/**
 * Sharing the page's main thread (src/components/shared/main-thread.ts): on a slow device the
 * widgets' work comes in tasks of its own instead of one long task. A slow device is simulated by
 * renders that take longer than a turn (a busy loop inside `render`), not by timing anything.
 */

/** Holds the main thread for `ms`, as a render on a slow phone would. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** What the slow widgets drew, in order: a tag name for each render. */
const renders: string[] = [];
/** Called as a slow widget renders, and after each of its updates (a test's view of the page then). */
let onRender: ((el: HTMLElement) => void) | undefined;
let onUpdated: ((el: SlowList | SlowCart) => void) | undefined;

/** What a render on a slow device does before drawing: takes longer than a turn. */
function slowRender(el: HTMLElement): void {
  renders.push(el.localName);
  onRender?.(el);
  busy(TURN_MS + 5);
}

class SlowList extends BuyAgainList {
  override render = () => (slowRender(this), super.render());
  protected override updated = (changed: PropertyValues) => (super.updated(changed), onUpdated?.(this));
}
class SlowCart extends CartSummary {
  override render = () => (slowRender(this), super.render());
  protected override updated = (changed: PropertyValues) => (super.updated(changed), onUpdated?.(this));
}
customElements.define('slow-buy-again-list', SlowList);
customElements.define('slow-cart-summary', SlowCart);

/** A task queued now, behind whatever is queued already: resolves once the current task and those have run. */
const afterQueuedTasks = () => (globalThis as unknown as { scheduler: { yield(): Promise<void> } }).scheduler.yield();

/** A fresh task, so a test starts with a turn of its own. */
const freshTask = () => new Promise((resolve) => setTimeout(resolve));

const BASE = 'https://api.test';
const GIOSG = 'https://giosg.test';
const ITEMS = 12;

/** CS Omni with a list of `ITEMS` rows, and giosg with one cart of `ITEMS` lines. */
function serveVendors(): void {
  const csomni = csomniFake({
    rows: Array.from({ length: ITEMS }, (_, i) => ({
      variantToken: `vrnt_${i}`,
      quantity: 2,
      price: '3.50',
      variantImage: '',
      productToken: `prod_${i}`,
    })),
    products: (token) => ({ prodToken: token, prodName: `Name of ${token}`, variants: [] }),
  });
  const lines = Array.from({ length: ITEMS }, (_, i) => giosgLine(`line-${i}`, { name: `Line ${i}`, quantity: 1 }));
  const giosg = giosgFake({ carts: [giosgCart('cart-1', { total_value: '60.00' }, lines)] });
  serve((request) => (request.url.origin === GIOSG ? giosg(request) : csomni(request)));
}

beforeEach(() => {
  pageCache.clear();
  serveVendors();
});

afterEach(() => {
  onRender = onUpdated = undefined;
  fixtureCleanup();
  stopServing();
});

describe('turns on the main thread', () => {
  it('work goes on in the same task while its turn lasts', async () => {
    await freshTask();
    let otherTaskRan = false;
    void afterQueuedTasks().then(() => (otherTaskRan = true));
    turnUsed();
    await mayContinue();
    expect(otherTaskRan, 'a task queued before ran first').to.equal(false);
  });

  it(
    'once the turn is used, work waits for a task of its own behind what the page queued, ' +
      'and starts a new turn there',
    async () => {
      await freshTask();
      turnUsed();
      busy(TURN_MS + 5);
      let otherTaskRan = false;
      void afterQueuedTasks().then(() => (otherTaskRan = true));
      expect(turnUsed()).to.equal(true);
      await mayContinue();
      expect(otherTaskRan, 'the page task queued before the widget went on').to.equal(true);
      expect(turnUsed(), 'a new turn in the new task').to.equal(false);
    },
  );
  it('steps for idle moments run one per idle callback, page-wide, in the order they were asked for', async () => {
    const log: string[] = [];
    // Two callers, as two widgets preparing their formats: the second's step waits behind both of the first's.
    whenIdle(
      () => log.push('a1'),
      () => log.push('a2'),
    );
    whenIdle(() => log.push('b1'));
    whenIdle(() => {
      throw new Error('a step that fails is skipped');
    });
    whenIdle(() => log.push('b2'));
    const callbacks: string[][] = [];
    // Each idle callback runs at most one step: what ran since the last callback we saw, one at a time.
    await new Promise<void>((resolve) => {
      const watch = () =>
        requestIdleCallback(() => {
          callbacks.push([...log]);
          if (log.length < 4) watch();
          else resolve();
        });
      watch();
    });
    expect(log).to.deep.equal(['a1', 'a2', 'b1', 'b2']);
    for (let i = 1; i < callbacks.length; i++)
      expect(callbacks[i].length - callbacks[i - 1].length, `idle callback ${i}`).to.be.at.most(1);
  });
});

describe('on a slow device', () => {
  it('two widgets connecting together draw their first render in separate frames', async () => {
    const container = document.createElement('div');
    container.innerHTML = `<slow-buy-again-list api-base="${BASE}" site-token="s"></slow-buy-again-list>
      <slow-cart-summary api-base="${GIOSG}" api-token="t" user-id="u" chat-id="c" visitor-id="v"></slow-cart-summary>`;
    const [list, cart] = container.children as unknown as [SlowList, SlowCart];
    await freshTask();
    renders.length = 0;
    // As the list draws for the first time, the page queues a task and asks for a frame.
    onRender = () => {
      onRender = undefined;
      void afterQueuedTasks().then(() => renders.push('a task of the page'));
      requestAnimationFrame(() => renders.push('a frame'));
    };
    document.body.append(container);
    await Promise.all([list.updateComplete, cart.updateComplete]);
    // (The list may draw again meanwhile, with the items that arrived: that is not a first render.)
    const cartFirst = renders.indexOf('slow-cart-summary');
    expect(renders[0]).to.equal('slow-buy-again-list');
    expect(renders.indexOf('a task of the page'), 'a task of the page ran before the cart drew')
      .to.be.greaterThan(0)
      .and.lessThan(cartFirst);
    expect(renders.indexOf('a frame'), 'a frame came before the cart drew')
      .to.be.greaterThan(0)
      .and.lessThan(cartFirst);
    container.remove();
  });

  /**
   * Each update with the list on screen logs how many rows it shows, and queues a task of the page
   * right then: a "task" between two counts says the second came in a task of its own.
   */
  function logPieces(rows: (el: SlowList | SlowCart) => number): (number | 'task')[] {
    const log: (number | 'task')[] = [];
    onUpdated = (el) => {
      const count = rows(el);
      if (!count || count === log.findLast((entry) => entry !== 'task')) return;
      log.push(count);
      void afterQueuedTasks().then(() => log.push('task'));
    };
    return log;
  }

  /** The counts in `log`, each with whether a task of the page ran since the one before. */
  const pieces = (log: (number | 'task')[]) =>
    log.flatMap((entry, i) =>
      entry === 'task'
        ? []
        : [
            {
              rows: entry,
              afterATask:
                i > 0 &&
                log.slice(0, i).lastIndexOf('task') > log.slice(0, i).findLastIndex((other) => other !== 'task'),
            },
          ],
    );

  const loadEvent = (el: HTMLElement) =>
    new Promise<WidgetLoadEvent>((resolve) =>
      el.addEventListener('widget-load', (event) => resolve(event), { once: true }),
    );

  it(
    'a list that arrives renders its first cards, then the rest in tasks of their own; ' +
      'widget-load comes with the whole list',
    async () => {
      const log = logPieces((el) => el.shadowRoot!.querySelectorAll('[part~="item"]').length);
      const el = await fixture<SlowList>(
        html`<slow-buy-again-list api-base=${BASE} site-token="s"></slow-buy-again-list>`,
      );
      const event = await loadEvent(el);
      const seen = pieces(log);
      expect(seen[0].rows, 'the first render of the list').to.equal(4);
      expect(seen.at(-1)!.rows, 'the last').to.equal(ITEMS);
      expect(seen.length, `pieces: ${JSON.stringify(log)}`).to.be.greaterThan(1);
      expect(
        seen.slice(1).every((piece) => piece.afterATask),
        `every piece after a task of the page: ${JSON.stringify(log)}`,
      ).to.equal(true);
      expect(event.detail.items).to.have.length(ITEMS);
      expect(el.shadowRoot!.querySelectorAll('[part~="item"]')).to.have.length(ITEMS);
      await expect(el).to.be.accessible();
    },
  );

  it('a list that arrives is laid out over frames: the first cards in one, the next ones in later frames', async () => {
    // What each frame laid out: a ResizeObserver reports after a frame's layout, and a sentinel
    // resized in every frame makes it report in each, with the cards on the page then.
    const perFrame: number[] = [];
    const sentinel = document.body.appendChild(document.createElement('div'));
    let el: SlowList | undefined;
    const observer = new ResizeObserver(() => {
      const count = el?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0;
      if (count && count !== perFrame.at(-1)) perFrame.push(count);
    });
    observer.observe(sentinel);
    let frames = true;
    const resize = () => {
      sentinel.style.width = `${(parseInt(sentinel.style.width) || 0) + 1}px`;
      if (frames) requestAnimationFrame(resize);
    };
    requestAnimationFrame(resize);
    try {
      el = await fixture<SlowList>(html`<slow-buy-again-list api-base=${BASE} site-token="s"></slow-buy-again-list>`);
      await loadEvent(el);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    } finally {
      frames = false;
      observer.disconnect();
      sentinel.remove();
    }
    expect(perFrame[0], `cards per frame: ${JSON.stringify(perFrame)}`).to.equal(4);
    expect(perFrame.length, `cards per frame: ${JSON.stringify(perFrame)}`).to.be.greaterThan(2);
    expect(perFrame.at(-1)).to.equal(ITEMS);
  });

  it(
    'a key pressed while the list comes in pieces renders the rest at once and moves to the card asked ' + 'for',
    async () => {
      let firstPiece!: () => void;
      const shown = new Promise<void>((resolve) => (firstPiece = resolve));
      onUpdated = (el) => el.state === 'ready' && firstPiece();
      const el = await fixture<SlowList>(
        html`<slow-buy-again-list api-base=${BASE} site-token="s"></slow-buy-again-list>`,
      );
      await shown;
      onUpdated = undefined;
      const cards = () => el.shadowRoot!.querySelectorAll('[part~="item"]');
      expect(cards().length, 'only the first cards so far').to.equal(4);
      const first = cards()[0].querySelector<HTMLElement>('[part~="add-button"]')!;
      first.focus();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
      expect(cards(), 'all cards right after the key').to.have.length(ITEMS);
      expect(el.shadowRoot!.activeElement!.closest('[part~="item"]')!.getAttribute('aria-label')).to.equal(
        `${ITEMS} of ${ITEMS}`,
      );
    },
  );

  it(
    'a cart that arrives renders its first lines, then the rest in tasks of their own; ' +
      'updateComplete and widget-load wait for all of them',
    async () => {
      const log = logPieces((el) => el.shadowRoot!.querySelectorAll('[part~="line"]').length);
      const el = await fixture<SlowCart>(
        html`<slow-cart-summary
          api-base=${GIOSG}
          api-token="t"
          user-id="u"
          chat-id="c"
          visitor-id="v"
        ></slow-cart-summary>`,
      );
      const loaded = loadEvent(el);
      await new Promise<void>((resolve) => {
        const wait = () => (log.length ? resolve() : setTimeout(wait, 5));
        wait();
      });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[part~="line"]'), 'after updateComplete').to.have.length(ITEMS);
      const event = await loaded;
      const seen = pieces(log);
      expect(seen[0].rows, 'the first render of the lines').to.equal(4);
      expect(
        seen.slice(1).every((piece) => piece.afterATask),
        `every piece after a task of the page: ${JSON.stringify(log)}`,
      ).to.equal(true);
      expect((event.detail as { cart: { lines: unknown[] } }).cart.lines).to.have.length(ITEMS);
      await expect(el).to.be.accessible();
    },
  );

  it('a cart of view="all" closed while its lines come in pieces ends the list: widget-load comes', async () => {
    const lines = (el: Element) => el.shadowRoot!.querySelectorAll('[part~="line"]');
    let firstPiece!: () => void;
    const shown = new Promise<void>((resolve) => (firstPiece = resolve));
    onUpdated = (el) => lines(el).length && firstPiece();
    const loads: WidgetLoadEvent[] = [];
    const el = await fixture<SlowCart>(
      html`<slow-cart-summary
        api-base=${GIOSG}
        api-token="t"
        user-id="u"
        chat-id="c"
        visitor-id="v"
        view="all"
        @widget-load=${(event: WidgetLoadEvent) => loads.push(event)}
      ></slow-cart-summary>`,
    );
    await shown;
    onUpdated = undefined;
    expect(lines(el).length, 'only the first lines so far').to.equal(4);
    const disclosure = el.shadowRoot!.querySelector<HTMLElement>('button.disclosure')!;
    disclosure.click();
    await el.updateComplete;
    expect(disclosure.getAttribute('aria-expanded')).to.equal('false');
    expect(loads.length, 'widget-load').to.equal(1);
    // Opened again, the cart shows every line at once.
    disclosure.click();
    await el.updateComplete;
    expect(lines(el)).to.have.length(ITEMS);
    expect(loads.length, 'widget-load').to.equal(1);
  });
});
