import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.ts';

export const styles = [
  sharedStyles,
  css`
    :host {
      --_card-width: var(--buy-again-card-width, 12em);
    }
    /* Before the first render, which waits for the page's first paint: the loading view's height
       (the header, and a card: its image at the card's width and ratio, name, price, count with
       its 12px floor, button with its own), so the page below does not move when it comes. */
    :host(:not([state]))::before {
      content: '';
      display: block;
      height: calc(
        10.48em + 2.85 * max(0.875em, 12px) + 1.4 * max(0.8125em, 12px) + 11.7px + (var(--_card-width) - 1em - 2px) /
          (var(--buy-again-image-ratio, 1))
      );
    }
    .base {
      position: relative;
      min-width: 0;
    }
    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1em;
      margin-bottom: 0.75em;
      /* In line with the cards (the viewport's padding), and room for the nav buttons' focus
         rings inside the widget: a sidebar that hides overflow would cut them. */
      padding: 4px 6px 0;
      /* The height of the nav buttons (and the padding above), so the row does not move when they appear. */
      min-height: calc(2.5em + 4px);
    }
    .nav {
      display: flex;
      gap: 0.5em;
      flex: none;
    }
    .nav-button {
      /* A button's own font is 13.33px: 2.5em of the widget's text, as tall as the header. */
      font: inherit;
      inline-size: 2.5em;
      block-size: 2.5em;
      border-radius: 50%;
      border: 1px solid var(--_border);
      background: var(--_surface);
      color: inherit;
      display: grid;
      place-items: center;
      cursor: pointer;
      padding: 0;
    }
    .nav-button[aria-disabled='true'] {
      opacity: 0.35;
      cursor: default;
    }
    .nav-button svg {
      width: 1.1em;
      height: 1.1em;
    }
    :host(:dir(rtl)) .flip-rtl {
      transform: scaleX(-1);
    }
    .viewport {
      /* Positioned, so visually hidden text inside a card stays inside the scroller instead of
         widening the page. */
      position: relative;
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: var(--_card-width);
      gap: var(--buy-again-gap, 1em);
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scroll-snap-type: x mandatory;
      /* Room for a focus ring (2px outline 2px off its control) on every side: the scroller
         clips at its padding box, and a card snapped to the edge keeps its ring in view. */
      scroll-padding-inline: 6px;
      padding: 6px 6px 0.75em;
      scrollbar-width: thin;
    }
    @media (prefers-reduced-motion: no-preference) {
      .viewport {
        scroll-behavior: smooth;
      }
    }
    @container (max-width: 24em) {
      .viewport {
        grid-auto-columns: min(var(--_card-width), 72cqi);
      }
      :host(:not([state]))::before {
        height: calc(
          10.48em + 2.85 * max(0.875em, 12px) + 1.4 * max(0.8125em, 12px) + 11.7px +
            (min(var(--_card-width), 72cqi) - 1em - 2px) / (var(--buy-again-image-ratio, 1))
        );
      }
    }
    /* On paper nothing scrolls: the cards drawn so far wrap in rows, none cut in two. */
    @media print {
      .viewport {
        grid-auto-flow: row;
        grid-template-columns: repeat(auto-fill, var(--_card-width));
        overflow: visible;
      }
      .nav {
        display: none;
      }
      .card {
        break-inside: avoid;
      }
    }
    .card {
      scroll-snap-align: start;
      display: flex;
      flex-direction: column;
      gap: 0.5em;
      min-width: 0;
      padding: 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .card.unavailable .image {
      opacity: 0.5;
    }
    .card.unavailable .name {
      color: var(--_muted);
    }
    .image-link,
    .image {
      display: block;
      border-radius: calc(var(--_radius) * 0.75);
    }
    .image {
      width: 100%;
      aspect-ratio: var(--buy-again-image-ratio, 1);
      object-fit: var(--buy-again-image-fit, cover);
      background: var(--_skeleton);
    }
    /* The icon is inline SVG: a CSS image of SVG costs the browser a document of its own,
       built in the frame that shows the cards. */
    .image.placeholder {
      display: grid;
      place-items: center;
    }
    .image.placeholder svg {
      width: 40%;
      stroke-width: 1.5;
      opacity: 0.55;
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: 0.2em;
      flex: 1;
    }
    .name {
      font-weight: 600;
      font-size: 0.95em;
      color: inherit;
      text-decoration: none;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      overflow: hidden;
      /* Breaks inside a word only when the word alone is wider than the card: SKU-like names
         ("71299:ORANGE:2 / 4") wrap at their spaces. */
      overflow-wrap: break-word;
      /* A vendor's name takes its own direction: "Notebook <b>" stays so on a right-to-left page. */
      unicode-bidi: plaintext;
      /* Two lines of the host's line height (1.4). */
      min-height: 2.8em;
    }
    /* Hover looks are for a mouse pointer: after a tap, the tapped control stays under :hover. */
    @media (hover: hover) {
      a.name:hover {
        text-decoration: underline;
      }
    }
    .price {
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      unicode-bidi: plaintext;
    }
    .meta {
      font-size: max(0.8125em, 12px);
      color: var(--_muted);
      unicode-bidi: plaintext;
    }
    .add {
      width: 100%;
    }
    /* Nothing can add it here: plain text in a quiet frame, not a call to action. */
    .add.no-cart {
      background: transparent;
      border-color: var(--_border);
      color: inherit;
    }
    .line {
      display: inline-block;
      vertical-align: middle;
      height: 0.9em;
      width: 90%;
    }
    .line.short {
      width: 45%;
    }
    /* The placeholder button is drawn in the text colour like every placeholder, not in the
       button's own (white) text colour, which made it invisible. */
    .skeleton .add {
      color: inherit;
      border-color: transparent;
      background: var(--_skeleton);
    }
    .pager {
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 0.5em;
      scroll-snap-align: end;
      padding: 0.5em;
      color: var(--_muted);
      font-size: max(0.875em, 12px);
    }
  `,
];
