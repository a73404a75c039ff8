/**
 * Sharing the page's main thread with the shop. Every task that runs over 50 ms delays the
 * shopper's taps and typing (Total Blocking Time counts what is over). The widgets' work comes in
 * pieces (each widget's first render, a load's request, each answer, the render of what
 * arrived), and between two pieces a widget asks `mayContinue()`: once the widgets have worked
 * for `TURN_MS` within the current task, the next piece waits for a task of its own, so the
 * browser can take input and paint in between. On a fast device every piece fits in one turn and
 * nothing waits.
 */

/** How long the widgets' work may run in one task before the rest waits for the next (ms). */
export const TURN_MS = 20;

/** When the widgets' work in the current task began; undefined until some work checks in. */
let turnStart: number | undefined;

/**
 * A task of its own: `scheduler.yield()` where the browser has it, else a message (not a timer: timers in a
 * background tab wait up to a second).
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Starts a turn in the current task; whatever checks in from the next task on starts its own. */
function startTurn(): void {
  turnStart = performance.now();
  void nextTask().then(() => (turnStart = undefined));
}

/** Whether the widgets' work in this task has used its turn. The first check in a task starts the turn. */
export function turnUsed(): boolean {
  if (turnStart === undefined) startTurn();
  return performance.now() - turnStart! > TURN_MS;
}

/**
 * Settles at once while the turn lasts (after the work already queued in this task's microtasks,
 * such as a render), else in a task of its own, which starts a new turn.
 */
export async function mayContinue(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/await-thenable -- one microtask, on purpose (see above)
  await undefined;
  if (!turnUsed()) return;
  await nextTask();
  startTurn();
}

/** Settles in a task after the browser's next frame, once it has done that frame's style, layout and paint. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)));
}

/** Whether the page has painted (or its first paint can no longer be waited for). */
let painted = false;
/** Whether a widget's first render is already in the coming frame. */
let frameTaken = false;

/**
 * Undefined when a widget may draw its first render now (and the coming frame is then taken for
 * it), else a promise of the task after the next frame, where the widget asks again. A first
 * render waits for the page's first paint, so the shop's own first frame (its text, its layout)
 * paints without the widgets' style and layout, and for a frame without another widget's first
 * render: each brings the first style and layout of a shadow tree, with its styles' and fonts'
 * first use, and two in one frame (the shop's, or a page with both widgets) made a long task on a
 * slow phone. A page that paints nothing (hidden, or a DOM without frames) does not wait.
 */
export function frameForFirstRender(): Promise<void> | undefined {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') return undefined;
  painted ||= performance.getEntriesByType('paint').length > 0;
  if (painted && !frameTaken) {
    frameTaken = true;
    void afterNextPaint().then(() => (frameTaken = false));
    return undefined;
  }
  // A page that has not painted after a frame may never (nothing to paint): it has had its frame.
  return afterNextPaint().then(() => void (painted = true));
}

/** The steps waiting for an idle moment, page-wide, in the order they were asked for. */
const idleSteps: (() => unknown)[] = [];

/**
 * Runs each step when the page is idle (within a second at the latest), one idle moment per step:
 * for what a later render needs and would otherwise pay for inside its own task, such as the data
 * `Intl` loads for the page's first money format while the widget waits for its vendor. A step
 * that throws is skipped. The steps of every caller wait in one queue, each after those asked for
 * before it: a step's cost depends on what ran before it (the cart's relative time loads the
 * number data itself unless the money steps have), and parallel chains ran a costly step early.
 */
export function whenIdle(...steps: (() => unknown)[]): void {
  // The queue was empty: no step is waiting for an idle moment yet.
  if (steps.length && idleSteps.push(...steps) === steps.length) nextIdleStep();
}

function nextIdleStep(): void {
  const run = () => {
    try {
      idleSteps[0]();
    } catch {
      // Only a head start: the render does the same and reports what fails.
    }
    idleSteps.shift();
    if (idleSteps.length) nextIdleStep();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 1);
}
