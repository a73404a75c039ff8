/** Responses the proxy writes itself, and the headers every response gets. */
import type { RequestState } from './request-state.ts';
import type { UpstreamResult } from './upstream.ts';

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
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

/** Adds the security headers, `Vary: Origin`, and CORS headers for an allowed origin. */
export function finalize(response: Response, allowedOrigin: string | null): Response {
  let headers = response.headers;
  try {
    headers.set('x-content-type-options', 'nosniff');
  } catch {
    // Immutable headers (a response made elsewhere): copy it.
    response = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
    headers = response.headers;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  const vary = headers.get('vary');
  if (!vary || !/\borigin\b/i.test(vary)) headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
  if (allowedOrigin) {
    headers.set('access-control-allow-origin', allowedOrigin);
    headers.set('access-control-expose-headers', 'Retry-After, X-Cache');
  }
  return response;
}

/** A vendor answer (or the proxy's stand-in) as the response, noting what happened for the log. */
export function answer(result: UpstreamResult, state: RequestState, cacheControl: string, cacheState?: string): Response {
  if (cacheState !== 'hit') state.upstream = result.upstreamStatus;
  if (result.error && result.error !== 'upstream-status') state.error = result.error;
  if (cacheState) state.cache = cacheState;
  const headers: Record<string, string> = {
    'content-type': JSON_TYPE,
    'cache-control': result.status === 200 ? cacheControl : 'no-store',
  };
  if (cacheState) headers['x-cache'] = cacheState;
  if (result.retryAfter) headers['retry-after'] = result.retryAfter;
  return new Response(result.status === 204 ? null : result.body, { status: result.status, headers });
}

export const unauthorized = (message: string): Response =>
  problem(401, message, { 'www-authenticate': 'Bearer realm="storefront-widgets"' });

export function forbidden(state: RequestState, message: string): Response {
  state.error = 'forbidden';
  return problem(403, message);
}

/** Customer answers: never kept by a shared cache. */
export const CUSTOMER_CACHE = 'private, no-store';
