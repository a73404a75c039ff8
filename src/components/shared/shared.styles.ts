import { css } from 'lit';

/**
 * Tokens and pieces both widgets use. Colours derive from the host's text colour and one accent,
 * so the widgets look native on light and dark shops alike.
 */
export const sharedStyles = css`
  :host {
    --_font: var(--storefront-font, inherit);
    --_text: var(--storefront-color-text, currentColor);
    --_muted: var(--storefront-color-muted, color-mix(in srgb, currentColor 64%, transparent));
    --_accent: var(--storefront-color-accent, #1a5fd0);
    --_on-accent: var(--storefront-color-on-accent, #fff);
    --_surface: var(--storefront-color-surface, transparent);
    --_border: var(--storefront-color-border, color-mix(in srgb, currentColor 16%, transparent));
    --_skeleton: color-mix(in srgb, currentColor 9%, transparent);
    --_radius: var(--storefront-radius, 0.5rem);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.4;
    box-sizing: border-box;
    container-type: inline-size;
  }
  .dark-page {
    /* Set by the element on a page whose text is light: the built-in accent is too dark to read
       there. A page's own accent still wins. */
    --_accent: var(--storefront-color-accent, #8ab4ff);
    --_on-accent: var(--storefront-color-on-accent, #0b1b33);
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
    font-weight: 700;
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
  }
  .button {
    font: inherit;
    font-size: 0.875rem;
    font-weight: 600;
    min-height: 2.5rem;
    padding: 0.5rem 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    text-align: center;
  }
  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  .button:hover:not([aria-disabled='true']) {
    filter: brightness(1.08);
  }
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :is(a, button, [tabindex]):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .shimmer {
    background: var(--_skeleton);
    border-radius: calc(var(--_radius) / 2);
  }
  @media (prefers-reduced-motion: no-preference) {
    .shimmer {
      background: linear-gradient(90deg, var(--_skeleton) 0%, color-mix(in srgb, currentColor 4%, transparent) 50%, var(--_skeleton) 100%);
      background-size: 200% 100%;
      animation: shimmer 1.4s ease-in-out infinite;
    }
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  .status {
    padding: 1.25rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  .status.error {
    border-style: solid;
    color: var(--_text);
  }
`;
