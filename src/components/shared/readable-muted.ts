type Rgba = [r: number, g: number, b: number, a: number];

/** WCAG AA for body text, with a little room for rounding in the browser's own blending. */
const AA = 4.6;

/** A computed colour (`rgb()`/`rgba()`, as getComputedStyle gives any sRGB colour); else undefined. */
export function parseColor(color: string): Rgba | undefined {
  const match = color.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
  // Without an alpha, opaque.
  return match?.slice(1).map((value = '1') => Number(value)) as Rgba | undefined;
}

/** `top` drawn over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const [r, g, b, a] = top;
  return [r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The text colour for buttons in an accent the page set (a computed colour): the built-in dark
 * text where it reads better on that accent than white (a light accent: yellow, pastel), else
 * white. An accent not in `rgb()` (`oklch()` computes as itself) gets white.
 */
export function textOnAccent(accent: string): string {
  const colour = parseColor(accent);
  // Above this luminance #0b1b33 reads better on the accent than white: (L + 0.05)² = 1.05 × 0.061.
  return colour && luminance(colour) > 0.203 ? '#0b1b33' : '#fff';
}

/**
 * Whether the accent (a computed colour) falls under WCAG AA as text on what lies behind
 * `surface`: a yellow accent on a white page, a dark one on a dark page, any on a mid grey.
 */
export function accentUnreadable(accent: string, surface: Element): boolean {
  const colour = parseColor(accent);
  return !!colour && contrast(colour, backgroundBehind(surface)) < AA;
}

/** The next box out: the parent element, or the host of the shadow root the node is in. */
function outward(node: Element): Element | null {
  return node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
}

/**
 * The opaque colour behind `element` as painted: the background colours of it and its ancestors
 * (across shadow roots) stacked over the canvas, which is dark where the root's `color-scheme`
 * is dark only and the system is dark, else white. Background images are not read.
 */
export function backgroundBehind(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = element; node; node = outward(node)) {
    const background = parseColor(getComputedStyle(node).backgroundColor);
    if (background && background[3] > 0) layers.push(background);
    if (background?.[3] === 1) break;
  }
  const scheme = getComputedStyle(element.ownerDocument.documentElement).colorScheme;
  // (A DOM without matchMedia, as jsdom, counts as light.)
  const dark =
    /dark/.test(scheme) &&
    (!/light/.test(scheme) || (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches));
  let color: Rgba = dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
  for (const layer of layers.reverse()) color = over(layer, color);
  return color;
}

/**
 * The share (in %) of the text colour that secondary text may take and still meet WCAG AA against
 * the background behind `surface` (the widget's own surface, or the page under it): 64% on black
 * text over white, up to the full colour on a theme whose text is already grey. A text colour
 * that is not sRGB is not judged: the full colour.
 */
export function readableMutedShare(surface: Element): number {
  const text = parseColor(getComputedStyle(surface).color);
  if (!text) return 100;
  const background = backgroundBehind(surface);
  // The shares tried, lightest first, in steps of 4; the full colour where none is enough.
  for (let share = 64; share < 100; share += 4) {
    const muted = over([text[0], text[1], text[2], (text[3] * share) / 100], background);
    if (contrast(muted, background) >= AA) return share;
  }
  return 100;
}
