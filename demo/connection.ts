import { configure } from '../src/core/config.ts';
import { selectControl } from './controls.ts';

/**
 * How the demo's widgets reach the mock vendor APIs: through the widget proxy mounted at
 * `/proxy` (as production runs, with a customer session minted by `/demo-session`), or direct to
 * the mocks with demo credentials in attributes. Switching sets page-wide defaults with
 * `configure()`, so every widget follows at once.
 */
export type Connection = 'proxy' | 'direct';

let current: Connection = 'direct';
const listeners = new Set<(connection: Connection) => void>();

let switches = 0;

export async function useConnection(connection: Connection): Promise<void> {
  const turn = ++switches;
  if (connection === 'proxy') {
    const response = await fetch('/demo-session?customer=ana');
    const { token } = (await response.json()) as { token: string };
    // A later switch (a fault chosen meanwhile) wins over this one.
    if (turn !== switches) return;
    configure({ proxyUrl: '/proxy', customerSession: token });
  } else {
    configure({ proxyUrl: '', customerSession: '' });
  }
  current = connection;
  for (const listener of listeners) listener(connection);
}

export function currentConnection(): Connection {
  return current;
}

export function onConnectionChange(listener: (connection: Connection) => void): void {
  listeners.add(listener);
}

/** The page's connection switch. */
export function connectionControl(): HTMLElement {
  const select = selectControl(
    'Connection',
    { proxy: 'Through the widget proxy (production)', direct: 'Direct to the vendor APIs (credentials in attributes)' },
    (value) => void useConnection(value as Connection),
  );
  select.value = current;
  onConnectionChange((connection) => (select.value = connection));
  return select.label;
}
