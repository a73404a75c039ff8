import type { ReactiveControllerHost } from 'lit';
import { warn } from '../../core/errors.ts';
import { ReorderEvent } from '../../events.ts';
import type { Cart, CartLine } from '../../model.ts';
import type { ReorderState } from './cart-summary.templates.ts';

export interface ReorderOptions {
  /** Shows and says an outcome (`state` is what the button shows now). */
  ended: (state: ReorderState) => void;
  /** Lines of `cart` that a handler added. */
  added: (cart: Cart, lines: CartLine[]) => void;
}

/** How long Buy again says Added before it is Buy again again (ms). */
const ADDED_FOR = 2500;

/**
 * What Buy again adds: the cart's current lines that hold something (pieces or a monthly
 * subscription), less the deleted ones. A line with neither (a quantity of 0, or a negative or
 * junk one read as 0) was never bought.
 */
export function reorderLines(cart: Cart): CartLine[] {
  return cart.lines?.filter((line) => !line.isDeleted && line.quantity + line.monthlyQuantity > 0) ?? [];
}

/**
 * Buy again on a purchased cart, per cart: `reorder` goes to the page with the cart's lines (on
 * Retry, the ones that failed), and the promise its handler gives `waitUntil()` shows Adding…,
 * then Added, or Retry with what failed. With no handler, the button says nothing could add
 * them (and the developer reads why, once). It has no lifecycle of its own: it asks the host to
 * render when a state changes.
 */
export class ReorderController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: ReorderOptions;
  readonly #states = new Map<string, ReorderState>();
  /** Bumped by `reset()`: a press from before then shows and says nothing when it ends. */
  #scope = 0;
  #warnedNoHandler = false;

  constructor(host: ReactiveControllerHost & EventTarget, options: ReorderOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** What a cart's Buy again shows; undefined: Buy again. */
  state(cartId: string): ReorderState | undefined {
    return this.#states.get(cartId);
  }

  /**
   * Forgets every outcome: the carts shown are now another scope's. A press still adding there
   * reports what it added (`added`), but shows and says nothing over the new carts.
   */
  reset(): void {
    this.#scope++;
    this.#states.clear();
  }

  /** A press of `cart`'s Buy again. Presses while one is adding do nothing. */
  async reorder(cart: Cart): Promise<void> {
    const previous = this.#states.get(cart.id);
    if (previous?.status === 'adding') return;
    const retry = previous?.status === 'failed';
    const lines = retry ? previous.lines : reorderLines(cart);
    const total = retry ? previous.total : lines.length;
    const addedBefore = retry ? previous.added : 0;
    const started = new ReorderEvent({ cart, lines }).dispatchAction(this.#host);
    if (started instanceof Promise) this.#set(cart.id, { status: 'adding', lines, total, added: addedBefore });
    const scope = this.#scope;
    const outcome = await started;
    const end = (state: ReorderState) => {
      if (scope !== this.#scope) return;
      this.#set(cart.id, state);
      this.#options.ended(state);
    };
    switch (outcome.status) {
      case 'done': {
        const failedIds = new Set(outcome.failed);
        const failed = lines.filter((line) => failedIds.has(line.id));
        const added = lines.filter((line) => !failedIds.has(line.id));
        if (added.length) this.#options.added(cart, added);
        if (failed.length) {
          end({ status: 'failed', lines: failed, total, added: addedBefore + added.length });
          return;
        }
        const done: ReorderState = { status: 'added', lines: [], total, added: total };
        end(done);
        // Back to "Buy again" unless a later press has moved it on (a later Added is its own).
        setTimeout(() => this.#states.get(cart.id) === done && this.#set(cart.id, undefined), ADDED_FOR);
        return;
      }
      case 'failed':
        // Seen, not only heard: Retry sends the same lines again.
        end({ status: 'failed', lines, total, added: addedBefore });
        return;
      case 'unhandled':
        // `reorder` promised a handler that is not there: say so on screen, and once to the developer.
        if (!this.#warnedNoHandler) {
          this.#warnedNoHandler = true;
          warn('<cart-summary> SW53');
        }
        end({ status: 'unhandled', lines, total, added: 0 });
        return;
      default:
        // Delegated (cancelled without a promise): the page shows its own outcome, as for
        // add-to-cart; the button is Buy again again, and any earlier outcome is gone.
        if (scope === this.#scope) this.#set(cart.id, undefined);
    }
  }

  #set(cartId: string, state: ReorderState | undefined): void {
    if (state) this.#states.set(cartId, state);
    else this.#states.delete(cartId);
    this.#host.requestUpdate();
  }
}
