import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface InViewControllerOptions {
  /** The parts to report (cards, a cart), in order; the host itself may be one. */
  parts: () => Element[];
  /** What a part (at `index` in `parts`) stands for, as an item or cart id; without a key it is not reported. */
  key: (part: Element, index: number) => string | undefined;
  /** Parts seen for the first time, in the order `parts` gives them. */
  onSeen: (keys: string[]) => void;
}

/** The viewability rule's time: in view for one second. */
const DWELL = 1000;

/** One tenth steps, so an element taller than the viewport is seen as it fills it. */
const thresholds = Array.from({ length: 11 }, (_, step) => step / 10);

/**
 * In-view tracking under the usual viewability rule: a part is seen once the host and the part
 * have each been at least half in the viewport for one second (an element too tall to be half
 * in view counts when it fills half the viewport's height). Each key is reported once, until
 * `reset()`; what scrolls away and back is not reported again; what is never seen, never.
 * IntersectionObserver clips by every scrolling ancestor, so a card out of the carousel's
 * scrolled view is out of view; while the tab is hidden, or the host is not drawn
 * (`visibility: hidden`, `opacity: 0`), nothing is in view, and the second starts again when it is shown.
 */
export class InViewController implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #options: InViewControllerOptions;
  #observer?: IntersectionObserver;
  /** Observed elements, and since when each has been in view (undefined: not in view). */
  readonly #since = new Map<Element, number | undefined>();
  readonly #reported = new Set<string>();
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost & Element, options: InViewControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    this.#observer = new IntersectionObserver(
      (entries) => {
        for (const {
          target,
          isIntersecting,
          intersectionRatio,
          intersectionRect,
          boundingClientRect,
          rootBounds,
        } of entries) {
          const viewport = rootBounds?.height ?? innerHeight;
          const inView =
            isIntersecting &&
            (intersectionRatio >= 0.5 ||
              (boundingClientRect.height > viewport && intersectionRect.height * 2 >= viewport));
          if (!inView) this.#since.set(target, undefined);
          else if (this.#since.get(target) === undefined)
            this.#since.set(target, document.hidden ? Infinity : performance.now());
        }
        this.#check();
      },
      { threshold: thresholds },
    );
    this.#observe(this.#host);
    document.addEventListener('visibilitychange', this.#onVisibility);
    // Moved in the DOM: observe the parts again.
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#observer) return;
    const parts = new Set(this.#options.parts());
    for (const element of this.#since.keys()) {
      if (element !== this.#host && !parts.has(element)) {
        this.#observer.unobserve(element);
        this.#since.delete(element);
      }
    }
    for (const part of parts) this.#observe(part);
    // A part already in view may stand for something new (the host, once its cart has loaded).
    this.#check();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#since.clear();
    clearTimeout(this.#timer);
  }

  /** Another list or cart is shown: its parts are new, whatever their keys. */
  reset(): void {
    this.#reported.clear();
  }

  #observe(element: Element): void {
    if (this.#since.has(element)) return;
    this.#since.set(element, undefined);
    this.#observer!.observe(element);
  }

  /** Hidden: what is in view waits (forever, as far as the rule goes); shown: its second starts now. */
  #onVisibility = (): void => {
    const since = document.hidden ? Infinity : performance.now();
    for (const [element, was] of this.#since) if (was !== undefined) this.#since.set(element, since);
    this.#check();
  };

  /** Reports what has been in view long enough; comes back when the next part will have been. */
  #check = (): void => {
    clearTimeout(this.#timer);
    let host = this.#since.get(this.#host);
    if (host === undefined) return;
    // What is in view and not yet reported; with none, nothing to time and no style to read.
    const pending = this.#options.parts().flatMap((part, index) => {
      const since = this.#since.get(part);
      const key = since === undefined ? undefined : this.#options.key(part, index);
      return key === undefined || this.#reported.has(key) ? [] : [[part, key] as const];
    });
    if (!pending.length) return;
    const now = performance.now();
    let next = Infinity;
    // In view by its box but not drawn (a drawer closed with visibility: hidden, or faded out to
    // opacity 0): nothing is seen until it is, and no observer says when that is, so it is asked a
    // few times a second. Safari before 17.4 has no checkVisibility: there, it counts as drawn.
    if (this.#host.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) === false) {
      host = Infinity;
      next = now + 250;
    } else if (host === Infinity && !document.hidden) host = now;
    this.#since.set(this.#host, host);
    const seen: string[] = [];
    for (const [part, key] of pending) {
      // Read now: the host may be a part of its own (a cart), whose time was just set.
      const due = Math.max(this.#since.get(part)!, host) + DWELL;
      if (due > now) next = Math.min(next, due);
      else {
        this.#reported.add(key);
        seen.push(key);
      }
    }
    if (seen.length) this.#options.onSeen(seen);
    if (next < Infinity) this.#timer = setTimeout(this.#check, next - now);
  };
}
