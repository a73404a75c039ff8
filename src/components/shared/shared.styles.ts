import { css } from 'lit';

/**
 * Tokens and pieces both widgets use. Colours derive from the host's text colour and one accent,
 * so the widgets look native on light and dark shops alike. Every length is in `em` of the font
 * size inherited at the element (container queries too), never `rem`: themes built on
 * `html { font-size: 62.5% }` make 1rem 10px while their body text is 15-16px. The smallest
 * text is 0.8125em, floored at 12px.
 */
export const sharedStyles = css`
  :host {
    --_text: var(--storefront-color-text, currentColor);
    --_accent: var(--storefront-color-accent, #1a5fd0);
    --_surface: var(--storefront-color-surface, transparent);
    --_border: var(--storefront-color-border, color-mix(in srgb, currentColor 16%, transparent));
    /* Placeholders: the text colour, light enough to read as empty and strong enough to see on
       grey text (a theme's rgba(18, 18, 18, 0.75) or #6d6d6d). */
    --_skeleton: color-mix(in srgb, currentColor 14%, transparent);
    --_radius: var(--storefront-radius, 0.5em);
    /* Resolves the page's own accent to a colour the element reads (see .base's --_on-accent). */
    accent-color: var(--storefront-color-accent);
    display: block;
    font-family: var(--storefront-font, inherit);
    /* Never under 12px: a wrapper's font-size: 0 (the inline-block grid's gap trick) would draw
       a widget of no size. Font size set on the element itself still wins. */
    font-size: max(1em, 12px);
    color: var(--_text);
    line-height: 1.4;
    /* A shop's white-space (nowrap, pre), text-indent and text-align on an ancestor are for its
       own text: names wrap here, and text starts at the start edge of its box. */
    white-space: normal;
    text-indent: 0;
    text-align: start;
    box-sizing: border-box;
    container-type: inline-size;
  }
  .base {
    /* Secondary text: the page's text colour thinned by --_muted-share, which the element sets
       from the contrast that share really has against the background behind the widget (see
       readableMutedShare): 64% on a black-on-white page, the full colour on a grey-text theme
       where any thinner would fall under WCAG AA. */
    --_muted: var(--storefront-color-muted, color-mix(in srgb, currentColor var(--_muted-share, 100%), transparent));
    /* Text on the accent: the page's own, else, on an accent the page set, the more readable of
       white and the built-in dark text (--_own-accent-text, set by the element), else white. */
    --_on-accent: var(--storefront-color-on-accent, var(--_own-accent-text, #fff));
    /* The accent as text and focus rings: itself where it reads on the page, else the page's text
       colour (--_accent-ink, set by the element where the accent falls under WCAG AA there). */
    --_ink: var(--_accent-ink, var(--_accent));
  }
  .dark-page {
    /* Set by the element on a page whose text is light: the built-in accent is too dark to read
       there, and takes dark text. A page's own accent, and its text, still win. */
    --_accent: var(--storefront-color-accent, #8ab4ff);
    --_on-accent: var(--storefront-color-on-accent, var(--_own-accent-text, #0b1b33));
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2 {
    font-size: 1.25em;
    line-height: 1.25;
    margin: 0;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
    /* Words for the ear ("no price" for "–"): a shopper who copies a line copies what they see. */
    -webkit-user-select: none;
    user-select: none;
  }
  .button {
    font: inherit;
    font-size: max(0.875em, 12px);
    font-weight: 600;
    line-height: 1.25;
    /* 40px beside 16px text, in the button's own (smaller) em. */
    min-height: 2.85em;
    padding: 0.5em 1em;
    /* Shop resets (button { all: unset }) cannot reach into the shadow root, but a page's
       inherited letter-spacing or text-transform can: buttons keep their own. */
    letter-spacing: normal;
    text-transform: none;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-align: center;
  }
  /* Outlined in the accent: a secondary action, and a button that tells how its action went. */
  .button:is(.secondary, .added, .failed) {
    background: transparent;
    color: var(--_ink);
  }
  .button.failed {
    border-style: dashed;
  }
  /* For a mouse pointer: a tap leaves the tapped button under :hover until the next tap elsewhere. */
  @media (hover: hover) {
    .button:hover:not([aria-disabled='true']) {
      filter: brightness(1.08);
    }
  }
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :is(a, button, [tabindex]):focus-visible {
    outline: 2px solid var(--_ink);
    outline-offset: 2px;
  }
  /* Whatever brings a control into view (the browser on focus, scrollIntoView) shows its ring. */
  :is(a, button, [tabindex]) {
    scroll-margin: 6px;
  }
  .shimmer {
    background: var(--_skeleton);
    border-radius: calc(var(--_radius) / 2);
  }
  @media (prefers-reduced-motion: no-preference) {
    /* Opacity only: the compositor animates it, so a loading widget costs the page's main
       thread nothing per frame (a moving gradient repainted every placeholder on every frame).
       One animation for all of a skeleton's placeholders, not one each: every animation
       started costs the frame that starts it style work, about half the first frame's on a
       slow phone with thirty. In five steps each way, not a smooth fade: the compositor draws a
       frame only when the opacity changes, 3.6 a second instead of 60, which a phone without
       a GPU for it (or a busy one) feels. */
    .pulse {
      animation: shimmer 1.4s steps(5, jump-none) infinite alternate;
    }
  }
  /* More contrast (prefers-contrast: more): secondary text and borders in the text colour at full
     strength, placeholders outlined in it, and what cannot be pressed now drawn at full strength
     in a dashed frame, not faded. */
  @media (prefers-contrast: more) {
    :host {
      --_border: var(--storefront-color-border, currentColor);
    }
    .base {
      --_muted: var(--storefront-color-muted, currentColor);
    }
    .shimmer {
      outline: 1px solid var(--_border);
      outline-offset: -1px;
    }
    :host button[aria-disabled='true'] {
      opacity: 1;
      border: 1px dashed;
    }
    .button[aria-disabled='true'] {
      background: transparent;
      color: inherit;
    }
  }
  /* Forced colors (Windows High Contrast): the system draws every background as its own, so a
     placeholder keeps its shape as an outline, and what cannot be pressed now is in GrayText,
     the system's colour for it, not a fainter copy of an enabled control. */
  @media (forced-colors: active) {
    .shimmer {
      border: 1px solid GrayText;
    }
    :host button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
  }
  @keyframes shimmer {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.45;
    }
  }
  .status {
    padding: 1.25em;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 1em;
    align-items: center;
    justify-content: space-between;
  }
  /* Messages take the direction of their own words: an English fallback on a right-to-left page
     reads "€9.90 / month", not "month / €9.90". */
  .status p {
    unicode-bidi: plaintext;
  }
  .status.error {
    border-style: solid;
    color: var(--_text);
  }
`;
