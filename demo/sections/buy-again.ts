import { eventLog, faultControl } from '../fault-control.ts';

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
    checkbox('Show unavailable', (on) => widget.toggleAttribute('show-unavailable', on)),
    checkbox('Site-wide list (no customer)', (on) =>
      on ? widget.removeAttribute('customer-token') : widget.setAttribute('customer-token', 'cs_demo_ana'),
    ),
    checkbox('Right to left', (on) => (on ? widget.setAttribute('dir', 'rtl') : widget.removeAttribute('dir'))),
  );
  container.append(eventLog(container, ['widget-load', 'widget-error', 'add-to-cart', 'item-select']));
}

function checkbox(text: string, onChange: (checked: boolean) => void): HTMLElement {
  const label = document.createElement('label');
  label.className = 'demo-control';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.addEventListener('change', () => onChange(input.checked));
  label.append(input, text);
  return label;
}
