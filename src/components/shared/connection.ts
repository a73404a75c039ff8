import { configError, requiredInDirectMode } from '../../core/errors.ts';
import { resolveOption, type WidgetDefaults } from '../../core/config.ts';
import { isCurrencyCode } from '../../core/money.ts';
import type { Connection, SourceContext } from '../../sources/source.ts';

/** The attributes every widget has that say where its data comes from and how it is kept. */
export type ConnectionAttributes = Pick<
  WidgetDefaults,
  'proxyUrl' | 'apiBase' | 'customerSession' | 'currency' | 'cacheTtl'
>;

/**
 * Resolves the attributes every source needs (each attribute, else its `configure()` default,
 * else the built-in one) into a context, or throws a `config` error that names the attribute at
 * fault. `defaultApiBase` is the vendor's, if it has one. Pure: no DOM, testable in Node.
 */
export function resolveSourceContext(attributes: ConnectionAttributes, defaultApiBase?: string): SourceContext {
  // `proxy-url="none"` on the element: direct mode, whatever proxy `configure()` set for the
  // page. (Empty stays "not set", as for every attribute: a framework binding passes '' freely.)
  const proxySetting = resolveOption(attributes.proxyUrl, 'proxyUrl', '');
  const proxyUrl = proxySetting === 'none' ? '' : proxySetting;
  const currency = resolveOption(attributes.currency, 'currency', 'USD').toUpperCase();
  if (!isCurrencyCode(currency)) throw configError('currency', 3, currency);
  const ttlSetting = resolveOption<string | number>(attributes.cacheTtl, 'cacheTtl', 300);
  const ttl = Number(ttlSetting);
  if (!Number.isFinite(ttl) || ttl < 0) throw configError('cache-ttl', 4, ttlSetting);
  let connection: Connection;
  if (proxyUrl) {
    connection = {
      mode: 'proxy',
      proxyUrl: base('proxy-url', proxyUrl),
      customerSession: resolveOption(attributes.customerSession, 'customerSession', '') || undefined,
    };
  } else {
    const apiBase = resolveOption(attributes.apiBase, 'apiBase', defaultApiBase ?? '');
    if (!apiBase) throw requiredInDirectMode('api-base');
    connection = { mode: 'direct', apiBase: base('api-base', apiBase) };
  }
  const timeout = resolveOption<number | undefined>(undefined, 'timeout', undefined);
  return { connection, currency, cacheTtl: ttl * 1000, timeout };
}

/**
 * A base URL requests go under: one a URL parser reads, without a query or fragment, which the
 * paths put after it would land in. Not the value in the error: a query may hold a key.
 */
function base(attribute: string, url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url, 'http://a/');
  } catch {
    // Not a URL: the error below.
  }
  if (!parsed || /[?#]/.test(url)) throw configError(attribute, 16);
  return url;
}

/**
 * Whose data a connection reads, for keying what is on screen. Through the proxy: the session's
 * `sub` and the claim of the vendor read (read, not verified: the proxy verifies), so a renewed
 * session for the same shopper keeps the view while another customer account or visitor does not;
 * a token that is not a JWT stands for itself. Direct mode: the API base.
 */
export function connectionSubject(connection: Connection, vendor: string): unknown[] {
  if (connection.mode === 'direct') return [connection.apiBase];
  const token = connection.customerSession;
  try {
    const claims = JSON.parse(atob(token!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
    if (typeof claims.sub === 'string' && claims.sub) return [connection.proxyUrl, claims.sub, claims[vendor]];
  } catch {
    // Not a JWT: the token is all there is to go by.
  }
  return [connection.proxyUrl, token];
}
