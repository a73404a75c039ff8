/**
 * The dataLayer bridge: pushes the widgets' GA4 events to the page's dataLayer once analytics
 * consent is granted. Loaded only when an event finds `configure({ dataLayer })` set, so a page
 * that never configures a dataLayer never downloads it. It imports nothing of the widgets but
 * `warn` (the caller hands it the page's settings), so it builds into one small file of its own.
 */
import type { onConfigure, pageDefault } from './config.ts';
import { warn } from './errors.ts';

type Consent = 'granted' | 'denied' | undefined;

/** How many events wait for a consent decision; later ones are dropped. */
const MAX_WAITING = 100;

/**
 * Events waiting for consent. Each copy of the library on a page keeps its own widgets' events;
 * a dataLayer watched by two copies tells both about consent.
 */
const waiting: object[] = [];
/**
 * The consent commands each watched dataLayer has had, in order: GTM keeps only the last 300
 * entries of its array, so on a busy page the commands leave it long before the page does.
 */
const commands = new WeakMap<object, unknown[]>();
let read: typeof pageDefault | undefined;
/** The configured names that hold no array, each warned of once. */
const misnamed = new Set<string>();

const isConsent = (entry: unknown) => (entry as { 0?: unknown } | null)?.[0] === 'consent';

/** The configured dataLayer (`true`: `window.dataLayer`), made if the page has none yet, as GTM's snippet does. */
function dataLayer(): unknown[] | undefined {
  const setting = read!('dataLayer');
  const name = setting === true ? 'dataLayer' : setting;
  if (typeof name !== 'string' || !name) return undefined;
  const found = ((window as unknown as Record<string, unknown>)[name] ??= []);
  if (Array.isArray(found)) return found as unknown[];
  // Something else holds the name (Tealium's `utag_data` object): no event can go there.
  if (!misnamed.has(name)) {
    misnamed.add(name);
    warn('storefront-widgets: SW56', name);
  }
  return undefined;
}

/**
 * `analytics_storage` as Google Consent Mode's commands in the dataLayer leave it. The last
 * `gtag('consent', 'update', …)` that sets it is the shopper's choice. Before any, a `'default'`
 * of `'granted'` for every region (with no default denying it anywhere: the widget cannot know
 * the shopper's region) grants; a default of `'denied'` is the state before the shopper chose,
 * so events wait rather than being dropped.
 */
export function consentModeState(entries: readonly unknown[]): Consent {
  let update: Consent;
  let granted = false;
  let denied = false;
  for (const entry of entries) {
    // gtag() pushes its `arguments` object: ['consent', 'default' | 'update', { … }].
    const command = entry as { 0?: unknown; 1?: unknown; 2?: { analytics_storage?: unknown; region?: unknown } } | null;
    const settings = command?.[0] === 'consent' ? command[2] : undefined;
    const value = settings?.analytics_storage;
    if (value !== 'granted' && value !== 'denied') continue;
    if (command![1] === 'update') update = value;
    else if (command![1] === 'default') {
      if (value === 'denied') denied = true;
      else if (!settings!.region) granted = true;
    }
  }
  return update ?? (granted && !denied ? 'granted' : undefined);
}

/**
 * The consent commands `entries` has had. Sees those pushed later: wraps the array's `push`,
 * keeping whatever `push` it has (GTM's, which in turn keeps ours when it loads later). The queue
 * is pushed after the command has been handled, so tags read the new consent state with the events.
 */
function consentCommands(entries: unknown[]): unknown[] {
  let seen = commands.get(entries);
  if (!seen) {
    commands.set(entries, (seen = []));
    const push = entries.push;
    entries.push = function (this: unknown[], ...added: unknown[]) {
      const result = push.apply(this, added);
      if (added.some(isConsent)) {
        consentCommands(this);
        setTimeout(flush);
      }
      return result;
    };
  }
  // Also those that came by another way (a `push` that replaced ours), after the ones seen.
  for (const entry of entries) if (isConsent(entry) && !seen.includes(entry)) seen.push(entry);
  return seen;
}

/** Pushes what waits once consent is granted; drops it once consent is denied. */
function flush(): void {
  const entries = dataLayer();
  if (!entries) return;
  const seen = consentCommands(entries);
  const configured = read!('analyticsConsent');
  const consent = configured === 'granted' || configured === 'denied' ? configured : consentModeState(seen);
  if (consent === 'denied') waiting.length = 0;
  if (consent !== 'granted') return;
  // GA4's advice for GTM: clear the previous ecommerce object before each ecommerce event.
  for (const event of waiting.splice(0)) entries.push({ ecommerce: null }, event);
}

/**
 * Queues one event for the dataLayer and pushes whatever consent allows; `settings` reads the
 * page's `configure()` defaults, and `watch` calls back after every `configure()`.
 */
export function pushToDataLayer(event: object, settings: typeof pageDefault, watch: typeof onConfigure): void {
  if (!read) watch(flush);
  read = settings;
  if (waiting.length < MAX_WAITING) waiting.push(event);
  flush();
}
