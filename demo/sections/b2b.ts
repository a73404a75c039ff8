import { eventLog, faultControl, selectControl } from '../controls.ts';
import { FAULTS } from '../../test/support/mocks/faults.ts';
import { currentConnection, onConnectionChange, useConnection } from '../connection.ts';

export const order = 20;
export const id = 'b2b';
export const title = 'B2B: order again';

/** Faults of the Algonomy mock on top of the shared ones. */
const ALGONOMY_FAULTS: Record<string, string> = {
  ...FAULTS,
  'page3-500': 'Page 3 fails (500)',
};

const CUSTOMERS: Record<string, { label: string; gcrId: string; accessToken: string }> = {
  buyer: { label: 'gcr-1001 (three pages)', gcrId: 'gcr-1001', accessToken: 'demo-token' },
  empty: { label: 'gcr-empty (no purchases)', gcrId: 'gcr-empty', accessToken: 'demo-token' },
  expired: { label: 'gcr-1001, expired access token', gcrId: 'gcr-1001', accessToken: 'expired' },
};

/**
 * A B2B buyer's purchase history from the Algonomy RCDP mock, eight products a page: more
 * pages load as the carousel nears its end.
 */
export function mount(container: HTMLElement): void {
  const list = document.createElement('buy-again-list');
  const attributes: Record<string, string> = {
    source: 'algonomy',
    heading: 'Order again',
    'api-base': '/mock/algonomy',
    'tenant-hash': 'demo-tenant',
    'access-token': 'demo-token',
    'gcr-id': 'gcr-1001',
    'page-size': '8',
    currency: 'USD',
  };
  for (const [name, value] of Object.entries(attributes)) list.setAttribute(name, value);

  const toolbar = document.createElement('div');
  toolbar.className = 'demo-toolbar';
  toolbar.append(
    faultControl('algonomy', (apiBase) => list.setAttribute('api-base', apiBase), ALGONOMY_FAULTS),
    customerControl(list),
  );

  const note = document.createElement('p');
  note.className = 'demo-note';
  note.textContent =
    'Purchase history from a mock Algonomy RCDP API, 8 products a page, paged with lastKey. ' +
    '"Page 3 fails" keeps the first two pages on show and offers Retry for the third.';

  container.append(toolbar, list, note, eventLog(list, ['widget-load', 'widget-error', 'add-to-cart', 'item-select']));
}

function customerControl(list: HTMLElement): HTMLElement {
  const labels = Object.fromEntries(Object.entries(CUSTOMERS).map(([value, customer]) => [value, customer.label]));
  const show = (value: string) => {
    const customer = CUSTOMERS[value] ?? CUSTOMERS.buyer;
    list.setAttribute('gcr-id', customer.gcrId);
    list.setAttribute('access-token', customer.accessToken);
  };
  const select = selectControl('Customer', labels, (value) => {
    // Through the proxy the customer comes from the session: another customer is shown direct.
    if (value !== 'buyer' && currentConnection() === 'proxy') void useConnection('direct');
    show(value);
  });
  // Back on the proxy, the session's customer (gcr-1001) is shown: the select says so.
  onConnectionChange((connection) => {
    if (connection !== 'proxy' || select.value === 'buyer') return;
    select.value = 'buyer';
    show('buyer');
  });
  return select.label;
}
