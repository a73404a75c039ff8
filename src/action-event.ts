/**
 * What the widgets' events have in common, and the base of the events a page may carry out
 * (`ActionEvent`). Every event is exported from `events.ts`; those one widget alone fires live
 * in a module of their own (`buy-again-list-events.ts`, `cart-summary-events.ts`), so that the
 * other widget's one-widget file leaves them out: a class with a static field counts as a side
 * effect to the bundler, which keeps every class of a module it includes.
 */

/** Every widget event bubbles out of the shadow root; an action's is cancelable. */
export const eventInit = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/**
 * What a shopper's action came to, as its button shows it.
 * - `done`: it worked; `failed` lists the ids of any parts a handler reported it could not do
 *   (a reorder's lines: `{ failed: [lineId] }`), empty when all of it was done.
 * - `failed`: the handler's promise rejected, or the default action failed (`error`).
 * - `unhandled`: nothing can do it: no handler took the event and the widget has no cart to add
 *   to (Algonomy; CS Omni without a customer).
 * - `delegated`: a handler cancelled the event without a promise: the page shows its own outcome.
 */
export type ActionOutcome =
  | { status: 'done'; failed: string[] }
  | { status: 'failed'; error: unknown }
  | { status: 'unhandled' }
  | { status: 'delegated' };

/**
 * A shopper's action that a handler may carry out and report on. Cancel it (`preventDefault()`)
 * to do the action yourself; call `waitUntil(promise)` while handling it to do so and let the
 * widget's button show the outcome: busy until the promise settles, then done, or failed with
 * Retry if it rejects (or resolves to `{ failed: [...] }` naming what could not be done). Like
 * `NavigateEvent.intercept()`, `waitUntil()` takes the action over, so it also cancels the
 * default action; like `ExtendableEvent.waitUntil()`, it may only be called during dispatch
 * (synchronously in a listener), and more than one call waits for every promise.
 */
export class ActionEvent<Detail> extends Event {
  #promises: PromiseLike<unknown>[] = [];

  constructor(
    type: string,
    readonly detail: Detail,
  ) {
    super(type, eventInit(true));
  }

  /** Reports the outcome of the action this handler carries out (see the class). */
  waitUntil(promise: PromiseLike<unknown>): void {
    // After dispatch the widget has already settled the outcome: a late promise would be lost.
    if (!this.eventPhase) throw new DOMException('waitUntil() must be called during dispatch', 'InvalidStateError');
    this.#promises.push(promise);
    this.preventDefault();
  }

  /**
   * Dispatches this event on `target` and settles its outcome: the handlers' promises if any
   * called `waitUntil()`, else `defaultAction` unless a handler cancelled it. Synchronous when
   * nothing is left to wait for, so the caller shows the busy state only when there is one.
   * Never rejects.
   */
  dispatchAction(target: EventTarget, defaultAction?: () => Promise<unknown>): ActionOutcome | Promise<ActionOutcome> {
    target.dispatchEvent(this);
    const promises = this.#promises.length
      ? this.#promises
      : this.defaultPrevented || !defaultAction
        ? []
        : [defaultAction()];
    if (!promises.length) return { status: this.defaultPrevented ? 'delegated' : 'unhandled' };
    return Promise.all(promises).then(
      // What a promise resolved to counts only as `{ failed: [...] }`.
      (results) => ({
        status: 'done',
        failed: results.flatMap((result) => (result as { failed?: unknown } | null)?.failed ?? []).map(String),
      }),
      (error: unknown) => ({ status: 'failed', error }),
    );
  }
}
