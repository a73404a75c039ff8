import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';
import { RevealController } from '../../src/components/shared/reveal-controller.ts';
import { TURN_MS } from '../../src/core/main-thread.ts';

/**
 * How a list that arrived is drawn in pieces (src/components/shared/reveal-controller.ts), with
 * the clock in the test's hands: each "render" below takes the milliseconds the test says, so
 * what is drawn in one task and what waits for a frame does not depend on this machine's speed.
 */

/** The element as the controller sees it: updates it asks for are counted, not run. */
class Host implements ReactiveControllerHost {
  requested = 0;
  addController(_controller: ReactiveController): void {}
  removeController(_controller: ReactiveController): void {}
  requestUpdate(): void {
    this.requested += 1;
  }
  readonly updateComplete = Promise.resolve(true);
}

let now = 0;
beforeEach(() => {
  now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => vi.restoreAllMocks());

/**
 * One update of an element showing `wanted` rows: the rows the controller lets it draw, which
 * take `frameMs` (header, navigation, totals) plus `rowMs` per row drawn anew. Returns the rows
 * drawn, and whether the controller asked for the next update at once (in this task).
 */
function update(reveal: RevealController, host: Host, wanted: number, drawn: number, rowMs: number, frameMs = 0) {
  const asked = host.requested;
  reveal.hostUpdate();
  const rows = reveal.rows(wanted);
  now += frameMs + (rows - drawn) * rowMs;
  reveal.hostUpdated();
  return { rows, again: host.requested > asked && !reveal.nextRows };
}

/** A host and its controller, a list having just arrived (`restart`). */
function arrived() {
  const host = new Host();
  const reveal = new RevealController(host);
  reveal.restart();
  return { host, reveal };
}

describe('a list drawn in pieces', () => {
  it(
    'counts the element drawn around the first rows as costing what they do: the rest of a list ' +
      'that fits in half a turn at that pace comes in the same task',
    () => {
      const { host, reveal } = arrived();
      // The first piece: 4 rows and the element around them, 0.8 ms in all. Taken as 0.2 ms a
      // row, the 56 rows left (11.2 ms) would not fit in half a turn; at 0.1 ms (5.6 ms) they do.
      const first = update(reveal, host, 60, 0, 0.1, 0.4);
      expect(first).to.deep.equal({ rows: 4, again: true });
      const rest = update(reveal, host, 60, 4, 0.1);
      expect(rest.rows, 'the rest, before anything paints').to.equal(60);
      expect(reveal.done).to.equal(true);
    },
  );

  it(
    'a list that does not fit waits for a frame after its first rows, then draws half a turn of rows ' +
      'at the pace measured',
    async () => {
      const { host, reveal } = arrived();
      // A slow device: 1 ms a row, and as much again for the element around the first rows.
      const first = update(reveal, host, 100, 0, 1, 4);
      expect(first.rows).to.equal(4);
      expect(first.again, 'nothing more in this task').to.equal(false);
      expect(reveal.nextRows, 'the next rows wait for a frame').to.be.instanceOf(Promise);
      const asked = host.requested;
      // The next rows come after the frame (afterNextPaint, a real frame here).
      await reveal.nextRows;
      expect(host.requested, 'asked for the next piece after the frame').to.equal(asked + 1);
      // Half a turn at the first piece's pace: 1 ms a row.
      let piece = update(reveal, host, 100, 4, 1);
      expect(piece.rows).to.equal(4 + TURN_MS / 2);
      expect(piece.again).to.equal(false);
      await reveal.nextRows;
      piece = update(reveal, host, 100, piece.rows, 2);
      expect(piece.rows, 'half a turn at 1 ms a row, measured on the piece before').to.equal(4 + TURN_MS);
      expect(reveal.nextRows, 'then a frame again').to.be.instanceOf(Promise);
      expect(reveal.done).to.equal(false);
    },
  );

  it(
    'a render without the list between its arrival and its first rows (the state settling first) ' +
      'still counts the element drawn around the first rows',
    () => {
      const { host, reveal } = arrived();
      // The element's state changes before the list is drawn: an update that shows no rows.
      reveal.hostUpdate();
      now += 0.1;
      reveal.hostUpdated();
      // Then the same first piece as above: the rest fits in half a turn at 0.1 ms a row.
      const first = update(reveal, host, 60, 0, 0.1, 0.4);
      expect(first).to.deep.equal({ rows: 4, again: true });
      expect(update(reveal, host, 60, 4, 0.1).rows, 'the rest, before anything paints').to.equal(60);
    },
  );

  it('a list drawn with no rows to show (a cart whose lines are not available) is whole at once', () => {
    const { host, reveal } = arrived();
    // A render without the list first (still loading) does not finish it.
    reveal.hostUpdate();
    reveal.hostUpdated();
    expect(reveal.done).to.equal(false);
    expect(update(reveal, host, 0, 0, 0.1, 0.4)).to.deep.equal({ rows: 0, again: false });
    expect(reveal.done, 'nothing left to draw').to.equal(true);
  });

  it('a render that draws no more rows (names arriving meanwhile) neither finishes nor speeds up the list', () => {
    const { host, reveal } = arrived();
    const first = update(reveal, host, 100, 0, 1, 4);
    expect(first.again).to.equal(false);
    // Another update while the next rows wait for their frame draws the same rows.
    expect(update(reveal, host, 100, first.rows, 1).rows).to.equal(first.rows);
    expect(reveal.done).to.equal(false);
  });
});
