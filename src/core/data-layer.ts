/**
 * The dataLayer bridge: pushes the widgets' GA4 events to the page's dataLayer once analytics
 * consent is granted. Loaded only when an event finds `configure({ dataLayer })` set, so a page
 * that never configures a dataLayer never downloads it. It imports no module of the widgets
 * (the caller hands it the page's settings), so it builds into one small file of its own.
 */
import type { onConfigure, pageDefault } from './config.ts';

type Consent = 'granted' | 'denied' | undefined;

/** How many events wait for a consent decision; later ones are dropped. */
const MAX_WAITING = 100;

/**
 * Events waiting for consent. Each copy of the library on a page keeps its own widgets' events;
 * a dataLayer watched by two copies tells both about consent.
 */
const waiting: object[] = [];
const watched = new WeakSet<object>();
let read: typeof pageDefault | undefined;

/** The configured dataLayer (`true`: `window.dataLayer`), made if the page has none yet, as GTM's snippet does. */
function dataLayer(): unknown[] | undefined {
  const setting = read!('dataLayer');
  const name = setting === true ? 'dataLayer' : setting;
  if (typeof name !== 'string' || !name) return undefined;
  const found = ((window as unknown as Record<string, unknown>)[name] ??= []);
  return Array.isArray(found) ? found : undefined;
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
 * Sees consent commands pushed later: wraps the array's `push`, keeping whatever `push` it has
 * (GTM's, which in turn keeps ours when it loads later). The queue is pushed after the command
 * has been handled, so tags read the new consent state with the events.
 */
function watch(entries: unknown[]): void {
  if (watched.has(entries)) return;
  watched.add(entries);
  const push = entries.push;
  entries.push = function (this: unknown[], ...added: unknown[]) {
    const result = push.apply(this, added);
    if (added.some((entry) => (entry as { 0?: unknown } | null)?.[0] === 'consent')) setTimeout(flush);
    return result;
  };
}

/** Pushes what waits once consent is granted; drops it once consent is denied. */
function flush(): void {
  const entries = dataLayer();
  if (!entries) return;
  watch(entries);
  const configured = read!('analyticsConsent');
  const consent = configured === 'granted' || configured === 'denied' ? configured : consentModeState(entries);
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
