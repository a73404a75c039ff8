import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Keeps keyboard focus inside a widget across its renders: when a render removed the focused
 * control (a Retry or Load more that gave way to what it loaded, a card that left the list),
 * focus goes to `fallback(removed)`, the widget's choice (its heading by default), without
 * scrolling the page. Focus the shopper took elsewhere meanwhile is left where it is.
 */
export class FocusController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #fallback: (removed: Element) => HTMLElement | null;
  /** What had focus inside the widget when the update began. */
  #before?: Element | null;

  constructor(host: ReactiveElement, fallback: (removed: Element) => HTMLElement | null) {
    this.#host = host;
    this.#fallback = fallback;
    host.addController(this);
  }

  hostUpdate(): void {
    this.#before = this.#host.shadowRoot?.activeElement;
  }

  hostUpdated(): void {
    const focused = this.#before as HTMLElement | null | undefined;
    this.#before = undefined;
    if (!focused || this.#host.shadowRoot?.activeElement) return;
    // Focus fell to the page with this render, not somewhere the shopper took it: the control
    // left (it gives way to a successor), or moved (a keyed list reordered) and lost focus.
    const active = document.activeElement;
    if (active && active !== document.body && active !== this.#host) return;
    const target = focused.isConnected ? focused : this.#fallback(focused);
    target?.focus({ preventScroll: true });
  }
}
