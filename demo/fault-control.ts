import { FAULTS } from './mocks/faults.ts';
import { currentConnection, useConnection } from './connection.ts';

/**
 * A labelled select that picks what a mock API does next. `onChange` gets the base path to use:
 * `/mock/<source>` normally, `/mock/faults/<fault>/<source>` for a fault.
 */
export function faultControl(source: string, onChange: (apiBase: string, fault: string) => void, faults: Record<string, string> = FAULTS): HTMLElement {
  const label = document.createElement('label');
  label.className = 'demo-control';
  label.textContent = 'Mock API: ';
  const select = document.createElement('select');
  for (const [value, text] of Object.entries(faults)) select.add(new Option(text, value));
  select.addEventListener('change', () => {
    if (select.value !== 'none' && currentConnection() === 'proxy') void useConnection('direct');
    onChange(mockBase(source, select.value), select.value);
  });
  label.append(select);
  // `?csomni=slow` (any source, any fault) starts the page in that state, for screenshots.
  const initial = new URLSearchParams(location.search).get(source);
  if (initial && initial in faults) {
    select.value = initial;
    queueMicrotask(() => onChange(mockBase(source, initial), initial));
  }
  return label;
}

export function mockBase(source: string, fault = 'none'): string {
  return fault === 'none' ? `/mock/${source}` : `/mock/faults/${encodeURIComponent(fault)}/${source}`;
}

/** A small log of the widget events a section's widgets fire, for developers to watch. */
export function eventLog(target: HTMLElement, events: string[]): HTMLElement {
  const log = document.createElement('ol');
  log.className = 'demo-log';
  log.setAttribute('aria-label', 'Widget events');
  for (const type of events) {
    target.addEventListener(type, (event) => {
      const item = document.createElement('li');
      const detail = (event as CustomEvent).detail ?? {};
      const summary = detail.error
        ? `${detail.error.kind}: ${detail.error.message}`
        : detail.item
          ? (detail.item.name ?? detail.item.id)
          : detail.items
            ? `${detail.items.length} items`
            : detail.carts
              ? `${detail.carts.length} carts`
              : '';
      item.textContent = `${new Date().toLocaleTimeString()}  ${type}  ${summary}`;
      log.prepend(item);
      while (log.children.length > 6) log.lastElementChild!.remove();
    });
  }
  return log;
}
