import { FAULTS } from '../test/support/mocks/faults.ts';
import { currentConnection, onConnectionChange, useConnection } from './connection.ts';

/** The demo's form controls: one labelled select or checkbox each, styled by `.demo-control`. */

/** A labelled select over `options` (value -> text); `onChange` gets the chosen value. */
export function selectControl(
  text: string,
  options: Record<string, string>,
  onChange: (value: string) => void,
): HTMLSelectElement & { label: HTMLLabelElement } {
  const label = document.createElement('label');
  label.className = 'demo-control';
  label.textContent = `${text}: `;
  const select = document.createElement('select');
  for (const [value, optionText] of Object.entries(options)) select.add(new Option(optionText, value));
  select.addEventListener('change', () => onChange(select.value));
  label.append(select);
  return Object.assign(select, { label });
}

/** A labelled checkbox; `onChange` gets whether it is checked. */
export function checkboxControl(text: string, onChange: (checked: boolean) => void): HTMLElement {
  const label = document.createElement('label');
  label.className = 'demo-control';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.addEventListener('change', () => onChange(input.checked));
  label.append(input, text);
  return label;
}

/**
 * A labelled select that picks what a mock API does next. `onChange` gets the base path to use:
 * `/mock/<source>` normally, `/mock/faults/<fault>/<source>` for a fault.
 */
export function faultControl(
  source: string,
  onChange: (apiBase: string, fault: string) => void,
  faults: Record<string, string> = FAULTS,
  text = 'Mock API',
): HTMLElement {
  const select = selectControl(text, faults, (fault) => {
    if (fault !== 'none' && currentConnection() === 'proxy') void useConnection('direct');
    onChange(mockBase(source, fault), fault);
  });
  // The proxy only reaches healthy mocks: back on the proxy, the select says so.
  onConnectionChange((connection) => {
    if (connection !== 'proxy' || select.value === 'none') return;
    select.value = 'none';
    onChange(mockBase(source), 'none');
  });
  // `?csomni=slow` (any source, any fault) starts the page in that state, for screenshots.
  const initial = new URLSearchParams(location.search).get(source);
  if (initial && initial in faults) {
    select.value = initial;
    queueMicrotask(() => onChange(mockBase(source, initial), initial));
  }
  return select.label;
}

export function mockBase(source: string, fault = 'none'): string {
  return fault === 'none' ? `/mock/${source}` : `/mock/faults/${encodeURIComponent(fault)}/${source}`;
}

/** The parts of the widgets' event details the log prints. */
interface EventDetail {
  error?: { kind: string; message: string };
  item?: { id: string; name?: string };
  items?: unknown[];
  carts?: unknown[];
}

/** A small log of the widget events a section's widgets fire, for developers to watch. */
export function eventLog(target: HTMLElement, events: string[]): HTMLElement {
  const log = document.createElement('ol');
  log.className = 'demo-log';
  log.setAttribute('aria-label', 'Widget events');
  for (const type of events) {
    target.addEventListener(type, (event) => {
      const item = document.createElement('li');
      const detail: EventDetail = (event as CustomEvent<EventDetail | null>).detail ?? {};
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
