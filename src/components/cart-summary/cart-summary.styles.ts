import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.ts';

export const styles = [
  sharedStyles,
  css`
    :host {
      font-variant-numeric: tabular-nums;
    }
    /* Before the first render, which waits for the page's first paint: the loading view's height,
       so the page below does not move when it comes. Measured from that view, a narrow cart's
       (the quantities under the names), one under 15em (see below) and a wide one's, at 10-20px
       text, in em and in its small text's 12px floor; the list of all carts has no "Updated"
       line under its heading. */
    :host(:not([state]))::before {
      content: '';
      display: block;
      height: calc(
        11.83em + 5.74 * max(0.8125em, 12px) + 4.11 * max(0.875em, 12px) + 4.45px + 2 *
          var(--cart-summary-padding, 1em) - var(--_all, 0px)
      );
    }
    :host([view='all'])::before {
      --_all: calc(0.25em + 1.4 * max(0.8125em, 12px));
    }
    .base {
      min-width: 0;
      padding: var(--cart-summary-padding, 1em);
      border: var(--cart-summary-border, 1px solid var(--_border));
      border-radius: var(--_radius);
      background: var(--cart-summary-background, var(--_surface));
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25em 0.75em;
      margin-bottom: 0.75em;
    }
    h2 {
      font-size: 1.125em;
      /* One line while a language loads (no text yet): the heading arrives without moving anything. */
      min-height: 1.25em;
    }
    h3 {
      margin: 0;
      font: inherit;
    }
    .meta,
    .category,
    .count,
    .note {
      font-size: max(0.8125em, 12px);
      color: var(--_muted);
    }
    .header .meta {
      flex-basis: 100%;
    }
    .badge {
      display: inline-block;
      padding: 0.1em 0.6em;
      border-radius: 999px;
      font-size: max(0.8125em, 12px);
      font-weight: 600;
      line-height: 1.5;
      color: var(--cart-summary-badge-color, var(--_ink));
      background: var(--cart-summary-badge-background, color-mix(in srgb, var(--_accent) 12%, transparent));
      max-width: 100%;
      overflow-wrap: anywhere;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }

    /* Lines: name and category, then quantity x price, then the line's total. Narrow: the total
       sits beside the name and the quantity goes under it. */
    .line {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'what total' 'quantity total';
      gap: 0.125em 0.75em;
      padding-block: calc(var(--cart-summary-line-gap, 0.75em) / 2);
      border-bottom: 1px solid var(--_border);
    }
    .what {
      grid-area: what;
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    /* Vendor text and every amount take their own direction (unicode-bidi: plaintext), so a name
       or a price reads the same on a right-to-left page; names break inside a word only when the
       word alone is too wide (SKU-like names wrap at their spaces). */
    .name {
      font-weight: 600;
      overflow-wrap: break-word;
      unicode-bidi: plaintext;
    }
    .category {
      overflow-wrap: break-word;
      unicode-bidi: plaintext;
    }
    .quantity {
      grid-area: quantity;
      font-size: max(0.875em, 12px);
      color: var(--_muted);
      min-width: 0;
      overflow-wrap: break-word;
    }
    .amount {
      grid-area: total;
      font-weight: 600;
      white-space: nowrap;
      /* Each amount is shrink-wrapped at the end side, so its own direction moves no text. */
      display: flex;
      flex-direction: column;
      align-items: flex-end;
    }
    .quantity > span {
      display: block;
    }
    .quantity > span,
    .amount > span {
      unicode-bidi: plaintext;
    }
    .per-month {
      font-weight: 400;
      font-size: max(0.875em, 12px);
    }
    .line.deleted .name,
    .line.deleted .amount {
      color: var(--_muted);
    }
    .removed {
      font-size: max(0.8125em, 12px);
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--_muted);
    }
    del {
      text-decoration-thickness: 1px;
    }

    .note {
      margin: 0 0 0.5em;
      padding: 0.5em 0.75em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_skeleton);
      color: var(--_text);
    }
    .totals {
      margin: 0.75em 0 0;
      display: grid;
      gap: 0.25em;
    }
    .totals > div {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 0.75em;
    }
    .totals dt {
      min-width: 0;
      overflow-wrap: break-word;
      unicode-bidi: plaintext;
    }
    .totals dd {
      margin-inline-start: auto;
      white-space: nowrap;
      unicode-bidi: plaintext;
    }
    .totals .minor {
      font-size: max(0.875em, 12px);
      color: var(--_muted);
    }
    /* Never smaller than a line's total (1em, 600). */
    .totals .grand {
      font-weight: 700;
      font-size: 1.125em;
      padding-top: 0.25em;
    }

    /* view="all": one disclosure per cart. */
    .carts > li + li {
      border-top: 1px solid var(--_border);
    }
    .disclosure {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      border-radius: calc(var(--_radius) / 2);
      width: 100%;
      min-height: 2.75em;
      padding: 0.5em 0.25em;
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      grid-template-areas: 'icon title total' 'icon meta meta';
      align-items: center;
      gap: 0.125em 0.5em;
      text-align: start;
      cursor: pointer;
    }
    /* Hover looks are for a mouse pointer: after a tap, the tapped control stays under :hover. */
    @media (hover: hover) {
      .disclosure:hover .cart-title {
        text-decoration: underline;
      }
    }
    .chevron {
      grid-area: icon;
      width: 1em;
      height: 1em;
    }
    @media (prefers-reduced-motion: no-preference) {
      .chevron {
        transition: transform 0.15s ease;
      }
    }
    [aria-expanded='true'] .chevron {
      transform: rotate(90deg);
    }
    :host(:dir(rtl)) [aria-expanded='false'] .chevron {
      transform: scaleX(-1);
    }
    .cart-title {
      grid-area: title;
      font-weight: 600;
      min-width: 0;
      overflow-wrap: break-word;
    }
    .disclosure .meta {
      grid-area: meta;
    }
    .cart-total {
      grid-area: total;
      font-weight: 600;
      white-space: nowrap;
      unicode-bidi: plaintext;
    }
    /* A wide cart: a line's quantity gets a column of its own, a cart's title its meta beside it. */
    @container (min-width: 34em) {
      :host(:not([state]))::before {
        height: calc(
          8.47em + 8.64 * max(0.875em, 12px) + 4.55px + 2 * var(--cart-summary-padding, 1em) - var(--_all, 0px)
        );
      }
      .line {
        grid-template-columns: minmax(0, 1fr) minmax(7em, auto) minmax(6em, auto);
        grid-template-areas: 'what quantity total';
        align-items: baseline;
      }
      .quantity {
        text-align: end;
      }
      .disclosure {
        grid-template-columns: auto minmax(0, 1fr) auto auto;
        grid-template-areas: 'icon title meta total';
      }
    }
    /* A cart under 15em wide (large text zoomed in: 320px at 24px): a line's name takes the whole
       width, its quantity and total the row under it, the total on a row of its own where both do
       not fit; no word or amount is broken to make room. */
    @container (width < 15em) {
      :host(:not([state]))::before {
        height: calc(
          15.94em + 5.74 * max(0.8125em, 12px) + 4.45px + 2 * var(--cart-summary-padding, 1em) - var(--_all, 0px)
        );
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
      }
      .what {
        flex-basis: 100%;
      }
      .amount {
        margin-inline-start: auto;
      }
    }
    /* A cart's lines, and its Buy again, indented under the title, on the chevron's side in either
       direction. */
    .cart-body,
    .reorder {
      padding-block: 0 0.75em;
      padding-inline: 1.5em 0;
    }

    /* Loading: each placeholder is one line of the text it stands for, so a cart of three lines
       with a category each takes the skeleton's place without moving the page below. */
    .bar {
      display: inline-block;
      vertical-align: middle;
      height: 0.9em;
      width: 4em;
    }
    .name .bar {
      width: 70%;
    }
    .category .bar {
      width: 40%;
    }
    /* The cart is already a framed box: its empty and error views are not drawn as a second box
       inside it. */
    .status {
      border: 0;
      padding: 0.25em 0;
    }
    .status .button {
      flex: none;
    }

    /* Buy again under a purchased cart, with what it came to beside it. */
    .reorder {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 0.75em;
    }
    .reorder-button {
      flex: none;
    }
    /* Nothing on the page can add them: plain text in a quiet frame, not a call to action. */
    .reorder-button.unhandled {
      background: transparent;
      border-color: var(--_border);
      color: inherit;
    }
    .reorder-status {
      flex: 1 1 12em;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    /* A narrow cart: a cart's lines and its Buy again are not indented. */
    @container (max-width: 22em) {
      .cart-body,
      .reorder {
        padding-inline-start: 0;
      }
    }
  `,
];
