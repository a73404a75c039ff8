/**
 * DOM and wait helpers for element tests: reading a widget's shadow tree as a user sees it, and
 * waiting for a condition on a slow, shared machine.
 */

export interface UntilOptions {
  /** How long to wait before failing, in milliseconds (default 5000). */
  timeout?: number;
  /** How often to check, in milliseconds (default 50). */
  interval?: number;
}

/**
 * Waits until `predicate` holds (an async predicate is awaited), failing with `Timeout: message`
 * (a function gives the message as things are when it fails).
 * Not open-wc's `waitUntil`: shared machines are slow at times, so it waits five seconds rather
 * than one; and its failure timer is cleared once the predicate held, so the predicate and every
 * element it reads are not kept alive for the rest of the timeout (a count of live elements
 * would take them for a leak).
 */
export function until(
  predicate: () => unknown,
  message: string | (() => string) = 'condition never held',
  options: UntilOptions = {},
): Promise<void> {
  const { timeout = 5000, interval = 50 } = options;
  const { stack } = new Error();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const poll = async () => {
      try {
        if (await predicate()) return resolve();
      } catch (error) {
        return reject(error);
      }
      if (performance.now() - started > timeout) {
        const error = new Error(`Timeout: ${typeof message === 'function' ? message() : message}`);
        error.stack = stack;
        reject(error);
      } else setTimeout(poll, interval);
    };
    void poll();
  });
}

/**
 * Waits until `el` is in `state` and has drawn it. A widget's state changes before the update
 * that shows it, and on a busy machine that update waits for a task of its own (see
 * `core/main-thread.ts`), so a poll can land between the two: the state reads `error` while the
 * shadow tree still shows loading. `updateComplete` settles once everything asked is drawn.
 */
export async function untilState(
  el: { readonly state: string; readonly updateComplete: Promise<boolean> },
  state: 'loading' | 'ready' | 'empty' | 'error',
  message: string | (() => string) = `never reached ${state}`,
  options?: UntilOptions,
): Promise<void> {
  await until(() => el.state === state, message, options);
  await el.updateComplete;
}

/**
 * Makes each later update of `el` wait `ms` before it renders, as on a busy phone where an update
 * waits for a task of its own (see `core/main-thread.ts`): what the widget does between a change
 * and the render that shows it is then in reach of a test. For the rest of the element's life.
 */
export function slowUpdates(el: Element, ms: number): void {
  const host = el as unknown as { scheduleUpdate(): void | Promise<unknown> };
  const own = host.scheduleUpdate;
  host.scheduleUpdate = function (this: typeof host) {
    return new Promise((resolve) => setTimeout(resolve, ms)).then(() => own.call(this));
  };
}

/** The first element in `el`'s shadow tree matching `selector`. */
export const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** Every element in `el`'s shadow tree matching `selector`. */
export const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** Text with runs of whitespace (no-break spaces from Intl included) as one space. */
export const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

/** A node's own text content, squashed. */
export const text = (node: Element | null | undefined) => squash(node?.textContent ?? '');

/** The squashed text of every element in `el`'s shadow tree matching `selector`. */
export const texts = (el: Element, selector: string) => $$(el, selector).map(text);

/**
 * The text a user sees in a part of the shadow tree, squashed: slotted light-DOM content in place
 * of a slot's fallback when anything is assigned to it, the fallback otherwise. Text nodes run
 * together as on screen; each element is set apart by a space, so the words of a message and of
 * the button after it never run together.
 */
export function shownText(node: Node | null | undefined): string {
  const walk = (each: Node): string => {
    if (each.nodeType === Node.TEXT_NODE) return each.textContent ?? '';
    if (!(each instanceof Element) && !(each instanceof DocumentFragment)) return '';
    // With nothing assigned, a slot's flattened assigned nodes are its fallback content.
    const children = each instanceof HTMLSlotElement ? each.assignedNodes({ flatten: true }) : [...each.childNodes];
    return ` ${children.map(walk).join('')} `;
  };
  return node ? squash(walk(node)) : '';
}

/** Whether `node` takes up space on screen. */
export const visible = (node: Element) => node.getClientRects().length > 0 && node.getBoundingClientRect().width > 0;
