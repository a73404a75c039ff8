import type { ReactiveController, ReactiveElement } from 'lit';
import { accentUnreadable, parseColor, readableMutedShare, textOnAccent } from './readable-muted.ts';

/** Each connected widget's check of the page's tone. */
const toneChecks = new Set<() => void>();
let toneQueued = false;

/**
 * Checks every widget's tone once, in the next frame, before it paints: the computed styles read
 * there are the frame's own style pass (the one the page needs anyway), done once, where a check
 * in a later task would force a second pass over whatever changed since (another widget's render).
 */
function retone(): void {
  if (toneQueued) return;
  toneQueued = true;
  requestAnimationFrame(() => {
    toneQueued = false;
    toneChecks.forEach((check) => check());
  });
}

/** What watches the page's tone while any widget is on it. */
let toneWatch: { observer?: MutationObserver; body?: HTMLElement; scheme?: MediaQueryList } | undefined;

/**
 * What may turn a page dark or light after the widgets drew: the shopper's system scheme, and a
 * shop's theme switch, which sets a class, a `data-` attribute or a style on `<html>` or
 * `<body>`. Watched once per page while widgets are on it; the `<body>` watched is the one there
 * is when a widget connects, as pages that swap theirs (Turbo, pjax) move widgets into the new
 * one. Whatever the DOM lacks (`matchMedia` in jsdom) is not watched.
 */
function watchTone(check: () => void): void {
  toneChecks.add(check);
  if (!toneWatch) {
    toneWatch = {};
    if (typeof matchMedia === 'function')
      (toneWatch.scheme = matchMedia('(prefers-color-scheme: dark)')).addEventListener('change', retone);
  }
  const body = document.body ?? undefined;
  if (typeof MutationObserver === 'function' && (!toneWatch.observer || (body && body !== toneWatch.body))) {
    toneWatch.observer?.disconnect();
    toneWatch.observer = new MutationObserver(retone);
    for (const node of [document.documentElement, (toneWatch.body = body)])
      if (node) toneWatch.observer.observe(node, { attributes: true });
  }
}

/** The widget left: once none is on the page, nothing is watched. */
function unwatchTone(check: () => void): void {
  toneChecks.delete(check);
  if (toneChecks.size || !toneWatch) return;
  toneWatch.observer?.disconnect();
  toneWatch.scheme?.removeEventListener('change', retone);
  toneWatch = undefined;
}

/**
 * The page's tone, for each widget: on a dark page (its text, which the widget inherits, is
 * light) the built-in accent pair switches to one readable there, whatever made the page dark
 * (`color-scheme`, a `prefers-color-scheme` query, a theme class), and never on a light page
 * because the shopper's system is dark; secondary text is as light as WCAG AA allows against
 * what it really sits on. Checked when the element connects, before its first render, in the
 * frame that shows a new state (`checkNextFrame()`; not on every render: reading a computed style
 * forces a style pass, which is not free with a thousand cards), and when the system scheme or
 * the shop's theme changes.
 */
export class PageToneController implements ReactiveController {
  readonly #host: ReactiveElement;
  /** The tone read before the first render, for the base it draws (see `hostUpdate`). */
  #first?: Tone;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    watchTone(this.#check);
    this.#check();
  }

  /**
   * Before the first render, while nothing is drawn inside (its style pass is cheap then), the tone
   * the page gives: the widget's own surfaces keep it unless a theme colours them. The base the
   * render draws has it before its first style pass, so the check in the frame that shows it finds
   * the same. A first value set there instead restyled everything inside, every card a second time.
   */
  hostUpdate(): void {
    if (!this.#host.hasUpdated) this.#first = this.#tone([this.#host]);
  }

  hostUpdated(): void {
    if (!this.#first) return;
    this.#check(this.#first);
    this.#first = undefined;
  }

  hostDisconnected(): void {
    unwatchTone(this.#check);
  }

  /** Checks again in the frame that shows what the host just drew (see `retone`). */
  checkNextFrame(): void {
    retone();
  }

  /**
   * Whether the page is dark, and the share of the text colour secondary text may take: as light
   * as WCAG AA allows against what it really sits on, the widget's surface (a card's, where it has
   * cards) over the page.
   */
  #tone(surfaces: Element[]): Tone {
    const style = getComputedStyle(this.#host);
    // Computed as rgb() for any sRGB colour (hex, names, hsl); other spaces count as not light.
    const [r, g, b] = parseColor(style.color) ?? [0, 0, 0];
    const dark = 0.299 * r + 0.587 * g + 0.114 * b > 150;
    // The page's own accent (the host's accent-color takes it), if it set one; else the built-in
    // one (shared.styles.ts) for the page's tone.
    const own = style.getPropertyValue('--storefront-color-accent');
    return [
      dark,
      `${Math.max(...surfaces.map(readableMutedShare))}%`,
      own ? textOnAccent(style.accentColor) : '',
      // The accent as text and rings, where it does not read on the page: the text colour, which does.
      accentUnreadable(own ? style.accentColor : dark ? 'rgb(138, 180, 255)' : 'rgb(26, 95, 208)', surfaces[0])
        ? style.color
        : '',
    ];
  }

  /** Sets the tone on the element's base: the one given (read before the first render), else read now. */
  #check = (tone?: Tone): void => {
    // Nothing drawn yet (a first connection): the first render takes its tone (`hostUpdate`).
    const base = this.#host.renderRoot.querySelector<HTMLElement>('.base');
    if (!base) return;
    const [dark, share, onAccent, ink] =
      tone ?? this.#tone([base, base.querySelector('.card')].filter((each) => !!each));
    base.classList.toggle('dark-page', dark);
    // Set only when they change: a new value restyles everything inside. '' removes one.
    for (const [name, value] of [
      ['--_muted-share', share],
      ['--_own-accent-text', onAccent],
      ['--_accent-ink', ink],
    ])
      if (base.style.getPropertyValue(name) !== value) base.style.setProperty(name, value);
  };
}

/**
 * Whether the page is dark, the share of the text colour for secondary text (`64%`), the text on
 * an accent the page set (`''` where it set none), and the colour that draws the accent's text
 * and focus rings where the accent does not read on the page (`''`: the accent itself).
 */
type Tone = [dark: boolean, share: string, onAccent: string, ink: string];
