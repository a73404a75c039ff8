import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface CarouselControllerOptions {
  /** The scrolling element (CSS scroll snap does the snapping). */
  viewport: () => HTMLElement | null | undefined;
  /** The slides, in order. */
  slides: () => HTMLElement[];
  /** Called when the shopper scrolls within two slides of the end. */
  onNearEnd: () => void;
  /** Called once a `page()` scroll comes to rest: the first and last slide wholly in view. */
  onPage: (first: number, last: number) => void;
}

/** A control in a slide that takes focus by Tab (an image link is skipped: its name link is the same). */
export const SLIDE_CONTROL = ':is(a[href], button):not([tabindex="-1"])';

/** How far a focus ring reaches outside its control: a 2px outline 2px away. */
const RING = 4;

/** How to scroll: at once when the shopper asked for reduced motion. */
const behavior = (): ScrollBehavior =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';

/**
 * The viewport's inside in the page's pixels (a rectangle's), `inset` of its own pixels in from
 * each side, and how many of the page's pixels one of its own is: CSS `zoom` on an ancestor
 * scales rectangles but not `clientWidth`, `scrollLeft` or `scrollBy`.
 */
function inside(viewport: HTMLElement, inset = 0): { start: number; end: number; zoom: number } {
  const { left, width } = viewport.getBoundingClientRect();
  // offsetWidth is rounded to a whole pixel: within 1% is no zoom, and the exact sums of before.
  const ratio = width / viewport.offsetWidth;
  const zoom = Math.abs(ratio - 1) > 0.01 ? ratio : 1;
  const start = left + (viewport.clientLeft + inset) * zoom;
  return { start, end: start + (viewport.clientWidth - 2 * inset) * zoom, zoom };
}

/**
 * Carousel behaviour over a native scroll-snap viewport: whether it can scroll back or forward
 * (for the prev/next buttons), paging by a viewport's width, arrow-key, Home and End movement
 * between slides (mirrored on right-to-left pages), and a signal when the end is near. Touch
 * swipe is the browser's own scrolling.
 */
export class CarouselController implements ReactiveController {
  canScrollBack = false;
  canScrollForward = false;
  #frame = 0;
  /** A press of prev or next is scrolling: where it comes to rest is announced. */
  #paging = false;
  #settle?: ReturnType<typeof setTimeout>;
  #observed?: HTMLElement;
  #resizeObserver?: ResizeObserver;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: CarouselControllerOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CarouselControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver !== 'undefined') this.#resizeObserver = new ResizeObserver(() => this.#measure());
    // Moved in the DOM: Lit does not update a reconnected element by itself, and the listeners
    // are attached after an update.
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const viewport = this.#options.viewport();
    if (viewport !== this.#observed) {
      this.#observed?.removeEventListener('scroll', this.#onScroll);
      this.#observed?.removeEventListener('focusin', this.#onFocusIn);
      if (this.#observed) this.#resizeObserver?.unobserve(this.#observed);
      viewport?.addEventListener('scroll', this.#onScroll, { passive: true });
      viewport?.addEventListener('focusin', this.#onFocusIn);
      if (viewport) this.#resizeObserver?.observe(viewport);
      this.#observed = viewport ?? undefined;
    }
    // Measured after layout, not inside the update, so the buttons' state costs no extra render pass.
    this.#onScroll();
  }

  hostDisconnected(): void {
    this.#observed?.removeEventListener('scroll', this.#onScroll);
    this.#observed?.removeEventListener('focusin', this.#onFocusIn);
    this.#observed = undefined;
    this.#resizeObserver?.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  get #rtl(): boolean {
    const viewport = this.#options.viewport();
    return !!viewport && getComputedStyle(viewport).direction === 'rtl';
  }

  /**
   * Scrolls one page back (-1) or forward (1), in reading direction: by as many whole slides as
   * are in view, so the next page starts right after the last slide seen and the previous one
   * ends right before the first. Paging by the viewport's width instead left the snap to pick a
   * slide near where the scroll landed, which from the end (a partial page) skipped a slide or
   * took an extra press back.
   */
  page(direction: -1 | 1): void {
    const viewport = this.#options.viewport();
    if (!viewport) return;
    const rtl = this.#rtl;
    const { start, end, zoom } = inside(viewport);
    // Each slide's start, from the viewport's start edge in reading direction, in its own pixels.
    const starts = this.#options.slides().map((slide) => {
      const rect = slide.getBoundingClientRect();
      return { start: (rtl ? end - rect.right : rect.left - start) / zoom, width: rect.width / zoom };
    });
    const first = starts.findIndex(({ start }) => start >= -1);
    const inView = starts.filter(({ start, width }) => start >= -1 && start + width <= viewport.clientWidth + 1).length;
    let distance: number;
    if (first < 0 || !inView) distance = viewport.clientWidth * direction;
    else {
      const target = first + direction * inView;
      // Past either end: all the way there (the last page may be partial; the pager is beyond it).
      distance =
        target <= 0 ? -viewport.scrollWidth : target >= starts.length ? viewport.scrollWidth : starts[target].start;
    }
    this.#paging = true;
    viewport.scrollBy({ left: distance * (rtl ? -1 : 1), behavior: behavior() });
  }

  /** A page's scroll came to rest (no scroll event for a moment): the slides wholly in view then. */
  #landed(): void {
    this.#paging = false;
    const viewport = this.#options.viewport();
    if (!viewport?.isConnected) return;
    const { start, end } = inside(viewport);
    const shown = this.#options.slides().flatMap((slide, index) => {
      const { left, right } = slide.getBoundingClientRect();
      return left >= start - 1 && right <= end + 1 ? [index] : [];
    });
    if (shown.length) this.#options.onPage(shown[0], shown.at(-1)!);
  }

  /** Moves focus from the slide holding `from` to another slide, keeping the same control. */
  handleKeydown(event: KeyboardEvent): void {
    const slides = this.#options.slides();
    const from = event
      .composedPath()
      .find((node): node is HTMLElement => node instanceof HTMLElement && slides.includes(node));
    if (!from) return;
    const index = slides.indexOf(from);
    // Arrow keys move in reading direction: mirrored on right-to-left pages.
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    let target: number;
    if (step) target = Math.min(Math.max(index + (this.#rtl ? -step : step), 0), slides.length - 1);
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = slides.length - 1;
    else return;
    event.preventDefault();
    if (target === index) return;
    const part = this.#host.shadowRoot?.activeElement?.getAttribute('part');
    const slide = slides[target];
    // Only what takes keyboard focus: a card's name is a plain span when it has no link.
    const focusable =
      (part && slide.querySelector<HTMLElement>(`${SLIDE_CONTROL}[part~="${part.split(' ')[0]}"]`)) ||
      slide.querySelector<HTMLElement>(SLIDE_CONTROL) ||
      slide;
    focusable.focus({ preventScroll: true });
    slide.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: behavior() });
  }

  /**
   * Focus arrived inside the viewport (Tab, Shift+Tab, an arrow key, a script's `focus()`): the
   * browser scrolls the control itself into view, but not its focus ring, and a snap can pull it
   * back under the edge. The whole slide holding it (and so the ring, inside the slide's padding)
   * is brought into the viewport, past the scroll padding; a slide wider than the viewport shows
   * the control and its ring. Then the page shows it too.
   *
   * Not for focus that shows no ring: a tap or click focuses its control between the press and
   * the release, and a row scrolled then moved the card from under the finger, so the click
   * landed on the row itself and did nothing.
   */
  #onFocusIn = (event: FocusEvent): void => {
    const viewport = this.#observed;
    const control = event.composedPath()[0];
    if (!viewport || !(control instanceof HTMLElement) || !control.matches(':focus-visible')) return;
    let slide: HTMLElement = control;
    while (slide.parentElement && slide.parentElement !== viewport) slide = slide.parentElement;
    const { start, end, zoom } = inside(viewport, parseFloat(getComputedStyle(viewport).scrollPaddingInlineStart) || 0);
    let box = slide.getBoundingClientRect();
    if (box.width > end - start) {
      const ring = control.getBoundingClientRect();
      box = new DOMRect(ring.left - RING, ring.top, ring.width + 2 * RING, ring.height);
    }
    const delta = (box.left < start ? box.left - start : box.right > end ? box.right - end : 0) / zoom;
    if (Math.abs(delta) >= 1) viewport.scrollBy({ left: delta, behavior: 'instant' });
    control.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
  };

  #onScroll = () => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#measure());
    if (this.#paging) {
      clearTimeout(this.#settle);
      this.#settle = setTimeout(() => this.#landed(), 150);
    }
  };

  #measure(): void {
    const viewport = this.#options.viewport();
    // Removed (an update still came), or without a box (in a closed tab or drawer): no card is
    // in view and no end is near, though every length reads 0. Measured as "at the end", such a
    // row rendered every card and loaded every page. The resize observer measures again once it
    // has a box.
    if (!viewport?.isConnected || !viewport.clientWidth) return;
    // On right-to-left pages scrollLeft runs from 0 down to negative values.
    const offset = Math.abs(viewport.scrollLeft);
    const remaining = viewport.scrollWidth - viewport.clientWidth - offset;
    const back = offset > 1;
    const forward = remaining > 1;
    if (back !== this.canScrollBack || forward !== this.canScrollForward) {
      this.canScrollBack = back;
      this.canScrollForward = forward;
      this.#host.requestUpdate();
    }
    const slide = this.#options.slides()[0];
    if (remaining <= (slide?.offsetWidth ?? viewport.clientWidth) * 2) this.#options.onNearEnd();
  }
}
