import type { ReactiveControllerHost } from 'lit';
import { AddToCartEvent } from '../../events.ts';
import type { PurchasedItem } from '../../model.ts';
import type { ListKey } from '../../core/messages.ts';
import type { LocalizeController } from '../shared/localize-controller.ts';
import type { AddState } from './buy-again-list.templates.ts';

export interface AddToCartOptions {
  /** The vendor's own add, where the list's source has a cart. */
  vendorAdd: () => ((item: PurchasedItem, quantity: number) => Promise<unknown>) | undefined;
  /** Says an outcome to a screen reader. */
  announce: (text: string) => void;
  /** A failure of the vendor's add: news for the page (a handler's own rejection it knows). */
  vendorFailed: (error: unknown) => void;
  /** An add that succeeded. */
  added: (item: PurchasedItem, quantity: number) => void;
}

/** How long a button says Added before it offers Add to cart again (ms). */
const ADDED_FOR = 2500;

/**
 * The outcome of each Add to cart press, per item, on its button and announced: `add-to-cart`
 * goes to the page first (`AddToCartEvent`); the promise a handler gives `waitUntil()`, or the
 * vendor's add where nothing cancelled it, shows Adding…, then Added or Retry; with neither, the
 * button says it cannot add here. Cancelled without a promise, the page shows its own outcome.
 * It has no lifecycle of its own: it asks the host to render when a state changes.
 */
export class AddToCartController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #localize: LocalizeController<ListKey>;
  readonly #options: AddToCartOptions;
  readonly #states = new Map<string, AddState>();
  /** Each item's timer back to Add to cart after its latest Added. */
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Which list the adds are for: `reset()` moves it on, and an add pressed on an earlier one shows no outcome. */
  #list = 0;

  constructor(
    host: ReactiveControllerHost & EventTarget,
    localize: LocalizeController<ListKey>,
    options: AddToCartOptions,
  ) {
    this.#host = host;
    this.#localize = localize;
    this.#options = options;
  }

  /** What an item's button shows; undefined: Add to cart. */
  state(id: string): AddState | undefined {
    return this.#states.get(id);
  }

  /** Someone else's list: no outcome of the last one stays. */
  reset(): void {
    this.#list++;
    if (!this.#states.size) return;
    this.#states.clear();
    this.#host.requestUpdate();
  }

  /** A press of `item`'s Add to cart (one of it). */
  async add(item: PurchasedItem): Promise<void> {
    if (!item.available || this.#states.get(item.id) === 'adding') return;
    const t = this.#localize.t.bind(this.#localize);
    const name = item.name ?? t('unnamedItem');
    const vendor = this.#options.vendorAdd();
    const vendorAdd =
      vendor &&
      (() =>
        vendor(item, 1).catch((error: unknown) => {
          this.#options.vendorFailed(error);
          throw error;
        }));
    const list = this.#list;
    const started = new AddToCartEvent({ item, quantity: 1 }).dispatchAction(this.#host, vendorAdd);
    if (started instanceof Promise) this.#set(item.id, 'adding');
    const outcome = await started;
    // Someone else's list by now: its card (maybe the same product) is not the one pressed.
    if (list !== this.#list) return;
    switch (outcome.status) {
      case 'done':
        if (outcome.failed.length) return this.#failed(item, name);
        this.#options.added(item, 1);
        this.#set(item.id, 'added');
        this.#options.announce(t('addedAnnouncement', { name }));
        // Back to "Add to cart" unless a later press has moved it on (Adding…, or Retry); a later
        // Added starts the time again.
        clearTimeout(this.#timers.get(item.id));
        this.#timers.set(
          item.id,
          setTimeout(() => this.#states.get(item.id) === 'added' && this.#set(item.id, undefined), ADDED_FOR),
        );
        return;
      case 'failed':
        return this.#failed(item, name);
      case 'unhandled':
        // No cart to add to and no handler took the press: say so instead of pretending.
        this.#set(item.id, 'no-cart');
        // Heard as the button reads: what it says, then the product.
        this.#options.announce(`${t('addUnavailable')}: ${name}`);
        return;
      default:
        // Delegated: the page shows its own outcome (its cart drawer, a toast), and the button no
        // longer says what an earlier press found ("Cannot add here", Retry).
        this.#set(item.id, undefined);
    }
  }

  /** Seen, not only heard: the button says Retry until it is pressed again. */
  #failed(item: PurchasedItem, name: string): void {
    this.#set(item.id, 'failed');
    this.#options.announce(this.#localize.t('addFailed', { name }));
  }

  /** Each card's template is guarded by its own state (see the element), so only its card re-renders. */
  #set(id: string, state: AddState | undefined): void {
    if (state) this.#states.set(id, state);
    else this.#states.delete(id);
    this.#host.requestUpdate();
  }
}
