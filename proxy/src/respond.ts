/** Responses the proxy writes itself, and the headers every response gets. */
import type { RequestState } from './request-state.ts';
import type { UpstreamResult } from './upstream.ts';

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What the proxy's own responses were made of. `finalize` makes the final response from these
 * plain parts rather than by editing a Response's `Headers`: a plain headers object is what
 * @hono/node-server writes straight to the socket, where a `Headers` object costs a copy.
 */
export interface Parts {
  status: number;
  body: string | null;
  headers: Readonly<Record<string, string>>;
  /** What the body was made from (a vendor answer, cached or shared): its compressed forms are kept by it. */
  source?: object;
}
const PARTS = new WeakMap<Response, Parts>();

/** A response whose parts `finalize` can read back. */
export function respond(
  status: number,
  body: string | null,
  headers: Readonly<Record<string, string>>,
  source?: object,
): Response {
  const response = new Response(body, { status, headers });
  PARTS.set(response, source ? { status, body, headers, source } : { status, body, headers });
  return response;
}

/** The parts a response of {@link respond} was made of (undefined for one made elsewhere). */
export const partsOf = (response: Response): Parts | undefined => PARTS.get(response);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return respond(status, typeof body === 'string' ? body : JSON.stringify(body), {
    'content-type': JSON_TYPE,
    'cache-control': 'no-store',
    ...headers,
  });
}

export const problem = (status: number, message: string, headers?: Record<string, string>): Response =>
  json(status, { message }, headers);

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  // Only no-cors loads (<script>, <img>) are affected: the widgets' CORS fetches are not.
  'cross-origin-resource-policy': 'same-origin',
};

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'];
export const ALLOWED_REQUEST_HEADERS = ['authorization', 'content-type'];
/** Headers a browser may send without asking, so a preflight may list them too. */
const SAFELISTED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-language'];

/** Whether a preflight's `Access-Control-Request-Headers` asks only for what the proxy allows. */
export function requestHeadersAllowed(value: string | null): boolean {
  if (!value) return true;
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .every((name) => ALLOWED_REQUEST_HEADERS.includes(name) || SAFELISTED_REQUEST_HEADERS.includes(name));
}

const EXPOSED = 'Retry-After, X-Cache';

/**
 * `headers` with the security headers, `Cache-Control` (no-store unless set), `Vary: Origin`,
 * and CORS headers for an allowed origin. Remembered per headers object and origin, so the
 * headers of a cached answer are built once.
 */
const completed = new WeakMap<object, Map<string, Readonly<Record<string, string>>>>();
export function complete(
  headers: Readonly<Record<string, string>>,
  allowedOrigin: string | null,
): Readonly<Record<string, string>> {
  let byOrigin = completed.get(headers);
  const known = byOrigin?.get(allowedOrigin ?? '');
  if (known) return known;
  const vary = headers.vary;
  const out: Record<string, string> = {
    'cache-control': 'no-store',
    ...headers,
    ...SECURITY_HEADERS,
    vary: !vary ? 'Origin' : /\borigin\b/i.test(vary) ? vary : `${vary}, Origin`,
  };
  if (allowedOrigin) {
    out['access-control-allow-origin'] = allowedOrigin;
    out['access-control-expose-headers'] = EXPOSED;
  }
  if (!byOrigin) completed.set(headers, (byOrigin = new Map<string, Readonly<Record<string, string>>>()));
  // Bounded: a flood of made-up origins is refused before this, but keep it small regardless.
  if (byOrigin.size < 64) byOrigin.set(allowedOrigin ?? '', out);
  return out;
}

/** Adds the security headers, `Vary: Origin`, and CORS headers for an allowed origin. */
export function finalize(response: Response, allowedOrigin: string | null): Response {
  const parts = PARTS.get(response);
  if (parts) return new Response(parts.body, { status: parts.status, headers: complete(parts.headers, allowedOrigin) });
  // A response made elsewhere: edit its headers (a copy, if they are immutable).
  let headers = response.headers;
  try {
    headers.set('x-content-type-options', 'nosniff');
  } catch {
    // Immutable headers (a response made elsewhere): copy it.
    response = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
    });
    headers = response.headers;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  const vary = headers.get('vary');
  if (!vary || !/\borigin\b/i.test(vary)) headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
  if (allowedOrigin) {
    headers.set('access-control-allow-origin', allowedOrigin);
    headers.set('access-control-expose-headers', EXPOSED);
  }
  return response;
}

/** Answer headers by status, cache control and cache state: a few kinds, built once each. */
const answerHeaders = new Map<string, Readonly<Record<string, string>>>();

/** A vendor answer (or the proxy's stand-in) as the response, noting what happened for the log. */
export function answer(
  result: UpstreamResult,
  state: RequestState,
  cacheControl: string,
  cacheState?: string,
): Response {
  const { status, body, headers } = answerParts(result, state, cacheControl, cacheState);
  return respond(status, body, headers, result);
}

/** What {@link answer} makes its response of (the node fast path writes these itself). */
export function answerParts(
  result: UpstreamResult,
  state: RequestState,
  cacheControl: string,
  cacheState?: string,
): Parts {
  if (cacheState !== 'hit') state.upstream = result.upstreamStatus;
  if (result.error && result.error !== 'upstream-status') state.error = result.error;
  if (cacheState) state.cache = cacheState;
  const control = result.status === 200 ? cacheControl : 'no-store';
  const kind = `${cacheState ?? ''}\n${control}`;
  let headers = result.retryAfter ? undefined : answerHeaders.get(kind);
  if (!headers) {
    const built: Record<string, string> = { 'content-type': JSON_TYPE, 'cache-control': control };
    if (cacheState) built['x-cache'] = cacheState;
    if (result.retryAfter) built['retry-after'] = result.retryAfter;
    else if (answerHeaders.size < 64) answerHeaders.set(kind, built);
    headers = built;
  }
  return { status: result.status, body: result.status === 204 ? null : result.body, headers };
}

export const unauthorized = (message: string): Response =>
  problem(401, message, { 'www-authenticate': 'Bearer realm="storefront-widgets"' });

export function forbidden(state: RequestState, message: string): Response {
  state.error = 'forbidden';
  return problem(403, message);
}

/** Customer answers: never kept by a shared cache. */
export const CUSTOMER_CACHE = 'private, no-store';
