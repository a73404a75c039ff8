import { configure } from '../../src/core/config.ts';
import type { AnalyticsDetail } from '../../src/core/analytics.ts';
import { selectControl } from '../controls.ts';

export const order = 35;
export const id = 'analytics';
export const title = 'Analytics events';

type Layer = unknown[] & { push(...entries: unknown[]): number };

// Set up as the page loads, before any widget: a page with Consent Mode starts with nothing
// granted until the shopper chooses.
const layer = ((window as unknown as { dataLayer?: Layer }).dataLayer ??= [] as unknown as Layer);
function gtag(..._args: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  layer.push(arguments);
}
gtag('consent', 'default', { analytics_storage: 'denied' });
configure({ dataLayer: true });

/**
 * Every `widget-analytics` event of the page's widgets, as GA4 ecommerce objects: the DOM event
 * (always) and what reached `window.dataLayer` (once Consent Mode grants analytics_storage).
 */
export function mount(container: HTMLElement): void {
  const note = document.createElement('p');
  note.className = 'demo-note';
  note.textContent =
    'Each widget reports what the shopper sees (half in view for a second) and does, as a widget-analytics DOM ' +
    'event, and pushes the same object to window.dataLayer once Consent Mode grants analytics_storage. ' +
    'Scroll the widgets into view, follow an item, add one.';

  const consent = selectControl(
    'Consent banner (gtag consent update)',
    { pending: 'Not chosen yet', granted: 'Accept analytics', denied: 'Reject analytics' },
    (value) => {
      if (value !== 'pending') gtag('consent', 'update', { analytics_storage: value });
      // The widgets push what waited just after the update has been handled.
      setTimeout(status, 50);
    },
  );
  const toolbar = document.createElement('div');
  toolbar.className = 'demo-toolbar';
  const counter = document.createElement('span');
  counter.className = 'demo-note';
  counter.setAttribute('role', 'status');
  toolbar.append(consent.label, counter);

  const log = document.createElement('ol');
  log.className = 'demo-log';
  log.setAttribute('aria-label', 'Analytics events');
  const latest = document.createElement('pre');
  latest.className = 'demo-log';
  latest.tabIndex = 0;
  latest.setAttribute('aria-label', 'The latest analytics event');

  let heard = 0;
  function status(): void {
    const pushed = layer.filter(
      (entry) =>
        typeof (entry as Partial<AnalyticsDetail>).event === 'string' &&
        /^(view_item_list|select_item|add_to_cart|view_cart)$/.test((entry as AnalyticsDetail).event),
    ).length;
    counter.textContent = `${heard} DOM events, ${pushed} pushed to dataLayer`;
  }
  document.addEventListener('widget-analytics', (event) => {
    const { detail } = event;
    heard += 1;
    const item = document.createElement('li');
    const value =
      detail.ecommerce.value === undefined ? '' : `, value ${detail.ecommerce.value} ${detail.ecommerce.currency}`;
    const from = (event.target as Element).localName;
    const { items } = detail.ecommerce;
    const names = items.map((each) => each.item_name ?? each.item_id).join(', ');
    const time = new Date().toLocaleTimeString();
    item.textContent = `${time}  ${detail.event}  ${from}: ${items.length} items${value} (${names})`;
    log.prepend(item);
    while (log.children.length > 12) log.lastElementChild!.remove();
    latest.textContent = JSON.stringify(detail, null, 2);
    // The bridge pushes after the event: count once it has.
    setTimeout(status, 50);
  });
  status();
  container.append(note, toolbar, log, latest);
}
