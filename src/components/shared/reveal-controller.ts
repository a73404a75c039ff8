import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterNextPaint, TURN_MS } from '../../core/main-thread.ts';

/** Rows (cards, cart lines) of the first render of a list that arrived. */
const FIRST_ROWS = 4;

/**
 * Renders a list that arrived in pieces sized to the device: the first rows at once, then as many
 * more per update as the last update's pace says fit in half a turn on the main thread (see
 * `core/main-thread.ts`), until all rows the element asks for are rendered. The first piece's
 * update also draws the element around the rows (header, navigation, totals), which costs about
 * what the first rows do: its pace counts that, so the rows are not taken for twice their cost
 * (which made a fast device draw the rest of a 60-card list a frame later). A fast device renders
 * the rest in the very next update of the same task, before anything paints, where it fits; on a
 * slow phone each further piece waits for the frame that lays out the one before, so it paints
 * the first rows sooner and never spends one long task, script or layout, on a long list.
 */
export class RevealController implements ReactiveController {
  /** Whether a list is being revealed: from `restart` until a render draws all its rows. */
  #active = false;
  /** Rows the next render may draw (Infinity when no list is being revealed). */
  #shown = Infinity;
  /** Whether the last render drew the list (asked for its rows, even none); rows it asked for, and drew. */
  #asked = false;
  #wanted = 0;
  #rendered = 0;
  /** Rows drawn before the last update, and when it began. */
  #before = 0;
  #started = 0;

  /** The task after the next frame, while the next rows wait for it. */
  #frame?: Promise<void>;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** A new list arrives: its first render shows only the first rows. */
  restart(): void {
    this.#frame = undefined;
    this.#active = true;
    this.#shown = FIRST_ROWS;
    // The first piece's update also draws the element around the rows: its pace counts that as
    // FIRST_ROWS rows more, by starting the count of rows drawn before it (hostUpdate) below zero.
    this.#rendered = -FIRST_ROWS;
  }

  /** Everything at once, from the next render on: the shopper asked for a row further on (a key). */
  finish(): void {
    this.#frame = undefined;
    this.#active = false;
    this.#shown = Infinity;
  }

  /** Settles when the next rows' update has been asked for; undefined when none waits for a frame. */
  get nextRows(): Promise<void> | undefined {
    return this.#frame;
  }

  /** Whether no list is coming in pieces: the last one arrived is whole on screen. */
  get done(): boolean {
    return !this.#active;
  }

  /** How many of `wanted` rows to render now (called by the render that draws them, once per list it shows). */
  rows(wanted: number): number {
    this.#asked = true;
    const rows = Math.min(wanted, this.#shown);
    this.#wanted = Math.max(this.#wanted, wanted);
    this.#rendered = Math.max(this.#rendered, rows);
    return rows;
  }

  hostUpdate(): void {
    this.#before = this.#rendered;
    // Asked again by this render (`rows`); a render without the list (still loading) does not ask.
    this.#asked = false;
    this.#wanted = this.#rendered = 0;
    this.#started = performance.now();
  }

  hostUpdated(): void {
    // A render without the list (the load's state settling before its data shows) leaves the count
    // of rows drawn as it was: the first piece's head start (`restart`) still stands for the next.
    if (!this.#asked) {
      this.#rendered = this.#before;
      return;
    }
    if (!this.#active) return;
    // Every row asked for is drawn, or there were none to draw (a cart whose lines are not available).
    if (this.#rendered >= this.#wanted) return this.finish();
    // The next rows already wait for a frame.
    if (this.#frame) return;
    const perRow = (performance.now() - this.#started) / Math.max(1, this.#rendered - this.#before);
    // Half a turn of rendering: the new rows' style and layout in the next frame cost about as much again.
    const shown = this.#rendered + Math.max(1, Math.floor(TURN_MS / 2 / Math.max(perRow, 0.01)));
    // The rest fits in half a turn (a fast device): at once, in this task, before anything paints.
    if (shown >= this.#wanted) {
      this.#shown = shown;
      return this.#host.requestUpdate();
    }
    const next = () => {
      // Unless the list finished meanwhile (a key asked for every row) or a new one restarted it.
      if (this.#frame !== waiting) return;
      this.#frame = undefined;
      this.#shown = shown;
      this.#host.requestUpdate();
    };
    // Else after the next frame: the rows drawn so far get their style and layout in that frame,
    // the next rows theirs in a later one, so no one frame lays out the whole list (another update
    // meanwhile, such as names arriving, draws no more rows). A hidden page draws no frames: the
    // next rows follow at once there.
    const waiting = document.visibilityState === 'hidden' ? undefined : afterNextPaint().then(() => next());
    this.#frame = waiting;
    if (!waiting) next();
  }
}
