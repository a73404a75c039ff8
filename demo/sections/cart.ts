import { checkboxControl, eventLog, faultControl, selectControl } from '../controls.ts';
import type { ReorderEvent } from '../../src/events.ts';

export const order = 30;
export const id = 'cart';
export const title = 'Cart summary: giosg';

const TOKEN = 'demo-giosg-token';

/** The agent console's scopes: an organization's chats, or a room (which has no line items). */
const AGENT_SCOPES: Record<string, { label: string; attributes: Record<string, string> }> = {
  owned: {
    label: 'Org, owned chat',
    attributes: { 'org-id': 'org-fernhill', 'chat-id': '450fc49e-277e-4dd6-af0f-6e9dcb885b09', 'chat-type': 'owned' },
  },
  routed: {
    label: 'Org, routed chat',
    attributes: { 'org-id': 'org-fernhill', 'chat-id': '450fc49e-277e-4dd6-af0f-6e9dcb885b09', 'chat-type': 'routed' },
  },
  room: {
    label: 'Agent, room (no line items)',
    attributes: {
      'user-id': 'ab7d649a-dfca-4677-b0de-66f8ed8d2c46',
      'room-id': 'room-support',
      'visitor-id': '203dc5c48da911e984bc0242ac14000a',
    },
  },
};
const SCOPE_ATTRIBUTES = ['org-id', 'chat-id', 'chat-type', 'user-id', 'room-id', 'visitor-id'];

/**
 * `<cart-summary>` twice on the giosg mock: as a shop's mini-cart in a narrow sidebar (one
 * visitor's latest cart), and as a support agent's view of every cart a chat visitor has.
 */
export function mount(container: HTMLElement): void {
  const columns = document.createElement('div');
  columns.className = 'demo-columns';

  const agent = widget({
    view: 'all',
    currency: 'EUR',
    reorder: '',
    ...AGENT_SCOPES.owned.attributes,
  });
  const miniCart = widget({
    'user-id': 'ab7d649a-dfca-4677-b0de-66f8ed8d2c46',
    'chat-id': '450fc49e-277e-4dd6-af0f-6e9dcb885b09',
    'visitor-id': '203dc5c48da911e984bc0242ac14000a',
    currency: 'EUR',
  });

  columns.append(
    panel(
      'Support console: all carts of the chat visitor',
      agent,
      [
        faultControl('giosg', (apiBase) => agent.setAttribute('api-base', apiBase), undefined, 'Console mock API'),
        scopeControl(agent),
        deletedControl(agent),
        reorderControl(agent),
      ],
      'Every cart, newest first; purchased (locked) carts carry a badge and Buy again (reorder). ' +
        'Each row opens to its lines.',
      ['reorder'],
    ),
    panel(
      'Shop sidebar: mini-cart',
      miniCart,
      [faultControl('giosg', (apiBase) => miniCart.setAttribute('api-base', apiBase), undefined, 'Mini-cart mock API')],
      'The most recently updated open cart. Lists arrive two records a page; every page is followed.',
    ),
  );
  container.append(columns);
}

function widget(attributes: Record<string, string>): HTMLElement {
  const element = document.createElement('cart-summary');
  for (const [name, value] of Object.entries({ 'api-base': '/mock/giosg', 'api-token': TOKEN, ...attributes })) {
    element.setAttribute(name, value);
  }
  return element;
}

function panel(
  heading: string,
  element: HTMLElement,
  controls: HTMLElement[],
  note: string,
  events: string[] = [],
): HTMLElement {
  const wrapper = document.createElement('div');
  const label = document.createElement('h3');
  label.className = 'demo-note';
  label.textContent = heading;
  const toolbar = document.createElement('div');
  toolbar.className = 'demo-toolbar';
  toolbar.append(...controls);
  const description = document.createElement('p');
  description.className = 'demo-note';
  description.textContent = note;
  wrapper.append(label, toolbar, element, description, eventLog(element, ['widget-load', 'widget-error', ...events]));
  return wrapper;
}

function scopeControl(element: HTMLElement): HTMLElement {
  const labels = Object.fromEntries(Object.entries(AGENT_SCOPES).map(([value, scope]) => [value, scope.label]));
  return selectControl('Scope', labels, (value) => {
    for (const name of SCOPE_ATTRIBUTES) element.removeAttribute(name);
    for (const [name, attribute] of Object.entries(AGENT_SCOPES[value]?.attributes ?? {}))
      element.setAttribute(name, attribute);
  }).label;
}

function deletedControl(element: HTMLElement): HTMLElement {
  return checkboxControl('Show removed lines', (checked) => element.toggleAttribute('show-deleted', checked));
}

/** What the demo's stand-in for a shop's cart does with Buy again. */
const REORDER_HANDLERS: Record<string, string> = {
  adds: 'Adds every line',
  partial: 'Last line out of stock (Retry adds it)',
  rejects: 'Cart service down',
  delegated: 'Page shows its own outcome',
  none: 'No handler',
};

/**
 * The page's `reorder` handler, as a shop would write it: giosg has no cart API, so the page
 * adds `event.detail.lines` to its own cart and reports the add with `event.waitUntil()`. Here
 * the "cart" answers after a moment; the select picks what it answers.
 */
function reorderControl(element: HTMLElement): HTMLElement {
  let handler = 'adds';
  element.addEventListener('reorder', (event: ReorderEvent) => {
    const answer = handler;
    if (answer === 'none') return;
    if (answer === 'delegated') {
      event.preventDefault();
      return;
    }
    const { lines } = event.detail;
    // A whole basket misses its last line; Retry (that line alone) finds it back in stock.
    const failed = answer === 'partial' && lines.length > 1 ? [lines.at(-1)!.id] : [];
    event.waitUntil(
      new Promise((resolve, reject) =>
        setTimeout(
          () => (answer === 'rejects' ? reject(new Error('The demo cart is down.')) : resolve({ failed })),
          700,
        ),
      ),
    );
  });
  return selectControl('Buy again', REORDER_HANDLERS, (value) => (handler = value)).label;
}
