import type { Page } from 'playwright';

/**
 * What the Node tests of the built files put on a shop page they serve themselves (csp.test.ts,
 * widget-files.test.ts): both widgets on the mock APIs the dev server mounts, and a listener
 * that records every Content-Security-Policy violation the page reports.
 */

/** The demo shop's customer on the mock CS Omni API. */
export const LIST =
  '<buy-again-list api-base="/mock/csomni" site-token="site_demo_fernhill" customer-token="cs_demo_ana"' +
  ' image-base-url="/mock/assets"></buy-again-list>';

/** The demo chat's visitor on the mock giosg API (as demo/sections/cart.ts shows it). */
export const CART =
  '<cart-summary api-base="/mock/giosg" api-token="demo-giosg-token"' +
  ' user-id="ab7d649a-dfca-4677-b0de-66f8ed8d2c46" chat-id="450fc49e-277e-4dd6-af0f-6e9dcb885b09"' +
  ' visitor-id="203dc5c48da911e984bc0242ac14000a" currency="EUR"></cart-summary>';

/** A script to serve from 'self' and load first: it records each violation as one line of text. */
export const VIOLATION_LISTENER = `window.violations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.violations.push(
    event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') +
      ' at ' + event.sourceFile + ':' + event.lineNumber + ' ' + event.sample,
  );
}, true);`;

/** The violations the listener recorded so far. */
export const violations = (tab: Page) => tab.evaluate(() => (window as unknown as { violations: string[] }).violations);
