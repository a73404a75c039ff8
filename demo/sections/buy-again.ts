import { checkboxControl, eventLog, faultControl } from '../controls.ts';
import { currentConnection, onConnectionChange, useConnection } from '../connection.ts';

export const order = 10;
export const id = 'buy-again';
export const title = 'Buy it again: CS Omni';

/** The carousel as a shop shows it: a signed-in customer's most bought items. */
export function mount(container: HTMLElement): void {
  const toolbar = document.createElement('div');
  toolbar.className = 'demo-toolbar';
  container.append(toolbar);

  const widget = document.createElement('buy-again-list');
  widget.setAttribute('api-base', '/mock/csomni');
  widget.setAttribute('site-token', 'site_demo_fernhill');
  widget.setAttribute('customer-token', 'cs_demo_ana');
  widget.setAttribute('image-base-url', '/mock/assets');
  widget.setAttribute('product-url', '#/products/{productId}?variant={variantId}');
  widget.setAttribute('cache-ttl', '0');
  container.append(widget);

  toolbar.append(
    faultControl('csomni', (apiBase) => widget.setAttribute('api-base', apiBase)),
    checkboxControl('Show unavailable', (on) => widget.toggleAttribute('show-unavailable', on)),
    siteWideControl(widget),
    checkboxControl('Right to left', (on) => (on ? widget.setAttribute('dir', 'rtl') : widget.removeAttribute('dir'))),
  );
  container.append(eventLog(container, ['widget-load', 'widget-error', 'add-to-cart', 'item-select']));
}

/** The site's list instead of Ana's: shown direct, since through the proxy the session names the customer. */
function siteWideControl(widget: HTMLElement): HTMLElement {
  const show = (on: boolean) =>
    on ? widget.removeAttribute('customer-token') : widget.setAttribute('customer-token', 'cs_demo_ana');
  const label = checkboxControl('Site-wide list (no customer)', (on) => {
    if (on && currentConnection() === 'proxy') void useConnection('direct');
    show(on);
  });
  // Back on the proxy, the session's customer is shown: the box says so.
  onConnectionChange((connection) => {
    const input = label.querySelector('input')!;
    if (connection !== 'proxy' || !input.checked) return;
    input.checked = false;
    show(false);
  });
  return label;
}
