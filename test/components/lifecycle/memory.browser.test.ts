import { expect } from '@open-wc/testing';
import { cdp } from 'vitest/browser';
import { describe, it } from 'vitest';
import '../../../src/define.ts';
import type { BuyAgainList } from '../../../src/components/buy-again-list/buy-again-list.ts';
import { texts, until, untilState } from '../../support/dom.ts';
import { RCDP, csomni, giosg, algonomy, serve, create, list, cart, fakeApi, useSinglePageApp } from './harness.ts';

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
      try {
        if (win.testFrameMark === ${JSON.stringify(frameMark)}) return win.document.documentElement;
      } catch {
        return undefined;
      }
      for (let i = 0; i < win.frames.length; i++) { const found = find(win.frames[i]); if (found) return found; }
      return undefined;
    })(window)`,
    objectGroup: group,
  })) as { result: { objectId?: string } };
  if (!documentHere.objectId) throw new Error("this test's frame was not found from the top frame");
  const { node } = (await session.send('DOM.describeNode', { objectId: documentHere.objectId })) as {
    node: { backendNodeId: number };
  };
  const { object } = (await session.send('DOM.resolveNode', {
    backendNodeId: node.backendNodeId,
    objectGroup: group,
  })) as { object: { objectId: string } };
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
    const { objects } = (await session.send('Runtime.queryObjects', {
      prototypeObjectId: prototype,
      objectGroup: group,
    })) as { objects: { objectId: string } };
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

useSinglePageApp();

describe('widgets in a single-page app', () => {
  describe('memory', () => {
    const ROUNDS = 50;

    /**
     * The fake server keeps every request it saw, signal included, and an aborted signal's
     * reason (a DOMException raised in the removed element's disconnectedCallback) keeps the
     * frames it was raised in, element and all, until its stack is read. A page does not hold
     * on to its requests' signals: neither may the test.
     */
    const forgetRequests = () => (fakeApi().calls.length = 0);

    it(
      'leaves no <buy-again-list> behind: loaded, named, paged, removed mid-load, failed, moved',
      { timeout: 60_000 },
      async () => {
        const hold = new Set<string>();
        serve((request) =>
          request.url.hostname === 'rcdp.test'
            ? algonomy()(request)
            : csomni((customer) => (hold.has(customer) ? new Promise<Response>(() => undefined) : undefined))(request),
        );
        const baseline = await liveInstances('buy-again-list');
        // Each round in a function of its own: the test's own frame must not hold its last elements.
        const mountAndRemove = async (round: number) => {
          // Loaded, names looked up.
          const loaded = list(`cs_${round}`);
          await until(
            () =>
              loaded.state === 'ready' && texts(loaded, '[part~="name"]').every((name) => name.startsWith('Name of')),
            'never named',
          );
          loaded.remove();
          // Removed while its request is open (the request never answers).
          hold.add(`cs_held_${round}`);
          const pending = list(`cs_held_${round}`);
          await until(
            () => fakeApi().calls.some((call) => call.headers.get('customertoken') === `cs_held_${round}`),
            'held list request never sent',
          );
          pending.remove();
          // Failed, then gone.
          const failed = list('cs_fail');
          await untilState(failed, 'error', 'never failed');
          failed.remove();
          // A paged source with a page loaded, then moved and removed.
          const paged = create<BuyAgainList>('buy-again-list', {
            source: 'algonomy',
            'api-base': RCDP,
            'tenant-hash': 't',
            'access-token': 'a',
            'gcr-id': `g${round}`,
            'page-size': '3',
          });
          await untilState(paged, 'ready', 'paged never ready');
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
      },
    );

    it(
      'leaves no <cart-summary> behind: loaded, both views, removed mid-load, failed, moved',
      { timeout: 60_000 },
      async () => {
        const hold = new Set<string>();
        serve(giosg((visitor) => (hold.has(visitor) ? new Promise<Response>(() => undefined) : undefined)));
        const baseline = await liveInstances('cart-summary');
        const mountAndRemove = async (round: number) => {
          const loaded = cart(`v${round}`);
          await untilState(loaded, 'ready', 'never ready');
          loaded.remove();
          const all = cart(`v${round}`, { view: 'all' });
          await untilState(all, 'ready', 'all never ready');
          all.remove();
          hold.add(`v_held_${round}`);
          const pending = cart(`v_held_${round}`);
          await until(
            () => fakeApi().calls.some((call) => call.url.pathname.includes(`/v_held_${round}/`)),
            'held cart request never sent',
          );
          pending.remove();
          const failed = cart('v_fail');
          await untilState(failed, 'error', 'never failed');
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
      },
    );
  });
});
