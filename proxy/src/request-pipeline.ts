/**
 * The way every request goes, whatever its route. In order: the origin allowlist (403), the
 * path's character set (404), the CORS preflight, the Hono router (health check; session
 * verification and the per-client rate limit; the allowlisted vendor routes, 404 and 405), then
 * the route's access rule, body and query checks and its handler. Every response then gets the
 * security and CORS headers, and every request one log line.
 */
import { Hono } from 'hono';
import { jsonObject, readJsonText } from './body.ts';
import { SOURCE_IDS, type ProxyConfig, type ProxyHandler, type ResolvedConfig } from './config.ts';
import type { ProxyLogEntry } from './log.ts';
import { addressKey, forwardedAddress } from './rate-limit.ts';
import type { RequestState } from './request-state.ts';
import { ALLOWED_METHODS, ALLOWED_REQUEST_HEADERS, finalize, json, problem, requestHeadersAllowed, unauthorized } from './respond.ts';
import { SEGMENT, bearerToken, verifySession } from './session.ts';
import type { RateLimiter } from './stores.ts';
import { SAFE_PATH, routeName, routePattern, upstreamPath, upstreamQuery, type VendorRoute } from './vendor-route.ts';

type Env = { Bindings: { state: RequestState; server?: unknown } };

export interface PipelineOptions {
  settings: ResolvedConfig;
  /** `clientIp`, when the runtime knows the client's address. */
  clientIp: ProxyConfig['clientIp'];
  now: () => number;
  limiter: RateLimiter | null;
  routes: readonly VendorRoute[];
  log: (entry: Omit<ProxyLogEntry, 'time'>) => void;
  /** More for /healthz (the Redis state); reported, never a failure. */
  health?: (() => Record<string, unknown>) | undefined;
}

/** What a refused session is told, where it is more than "not valid". */
const SESSION_REFUSED: Record<string, string> = {
  expired: 'The session has expired',
  'issued-at': 'The session needs an iat (issued at) that is not in the future',
  audience: "The session's aud does not name this proxy",
};

/** Whether a proxy in front said whom it forwards for. */
const forwardedFor = (request: Request): boolean => request.headers.has('x-forwarded-for') || request.headers.has('forwarded');

export function createRequestPipeline({ settings, clientIp, now, limiter, routes, log, health }: PipelineOptions): ProxyHandler {
  const base = settings.basePath;
  const app = new Hono<Env>();
  let warnedNoAddress = false;
  let warnedForwarded = false;

  app.get(`${base}/healthz`, (c) => {
    c.env.state.route = '/healthz';
    const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, Boolean(settings[id])]));
    return json(200, { ok: true, sources, ...health?.() });
  });

  // Identity and rate limit, for every other request (unknown paths included).
  app.use('*', async (c, next) => {
    const state = c.env.state;
    const authorization = c.req.raw.headers.get('authorization');
    let failure: string | undefined;
    if (authorization !== null) {
      const token = bearerToken(authorization);
      if (!token) failure = 'malformed';
      else if (!settings.sessionSecret) failure = 'unverifiable';
      else {
        const result = await verifySession(token, settings.sessionSecret, now(), {
          maxAgeSeconds: settings.sessionMaxAgeSeconds,
          audience: settings.sessionAudience,
        });
        if (result.ok) state.session = result.claims;
        else failure = result.reason;
      }
    }
    if (limiter) {
      let key = state.session ? `sub:${state.session.sub}` : undefined;
      if (!key) {
        const address = clientAddress(c.req.raw, c.env.server);
        if (!address && !warnedNoAddress) {
          warnedNoAddress = true;
          log({ level: 'warn', event: 'client-address-unknown', message: 'Requests without a session share one rate-limit bucket: set trustProxy (TRUST_PROXY) or clientIp so each client gets its own.' });
        }
        // Behind a reverse proxy the socket is the proxy's: every guest would share its window.
        if (address && !warnedForwarded && settings.trustProxy === 0 && !clientIp && forwardedFor(c.req.raw)) {
          warnedForwarded = true;
          log({ level: 'warn', event: 'forwarded-ignored', message: 'Requests carry X-Forwarded-For or Forwarded but trustProxy is off: requests without a session are keyed by the socket address, which behind a reverse proxy is the proxy\'s, so they share one rate-limit bucket. Set trustProxy (TRUST_PROXY) or clientIp.' });
        }
        key = `ip:${address ? addressKey(address) : 'unknown'}`;
      }
      const decision = await limiter.hit(key);
      if (!decision.ok) {
        state.error = 'rate-limited';
        return problem(429, 'Too many requests', { 'retry-after': String(decision.retryAfterSeconds) });
      }
    }
    if (failure) {
      state.error = `session-${failure}`;
      return unauthorized(SESSION_REFUSED[failure] ?? 'The session is not valid');
    }
    await next();
  });

  for (const route of routes) {
    if (!settings[route.source]) continue; // A source without its settings is off: 404.
    const pattern = `${base}/${route.source}${routePattern(route)}`;
    const name = routeName(route);
    app.on(route.method, pattern, async (c) => {
      const state = c.env.state;
      state.route = name;
      state.source = route.source;
      return handleRoute(route, c.req.param() as Record<string, string>, c.req.raw, state);
    });
    app.all(pattern, (c) => {
      c.env.state.route = name;
      return problem(405, 'Method not allowed', { allow: route.method === 'GET' ? 'GET, HEAD' : route.method });
    });
  }
  // A source that is off says so (as /healthz does), so a widget's widget-error names the cause.
  for (const source of SOURCE_IDS) {
    if (!settings[source]) app.all(`${base}/${source}/*`, () => problem(404, `${source} is not set up on this proxy`));
  }
  app.notFound(() => problem(404, 'Not found'));
  app.onError((_error, c) => {
    c.env.state.error = 'internal';
    return problem(500, 'The proxy failed to handle the request');
  });

  function clientAddress(request: Request, server: unknown): string | undefined {
    if (settings.trustProxy > 0) {
      const forwarded = request.headers.get('x-forwarded-for');
      if (forwarded) {
        const hops = forwarded.split(',').map((part) => part.trim()).filter(Boolean);
        const candidate = hops[hops.length - settings.trustProxy];
        const address = candidate && forwardedAddress(candidate);
        if (address) return address;
      }
    }
    if (clientIp) return clientIp(request, server);
    const socket = (server as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
    return socket?.remoteAddress;
  }

  /** The route's access rule, then its path parameters, body and query, then its handler. */
  async function handleRoute(route: VendorRoute, params: Record<string, string>, request: Request, state: RequestState): Promise<Response> {
    const session = state.session;
    const identity = route.identify(session, params, state);
    if (identity instanceof Response) return identity;
    for (const value of Object.values(params)) if (!SEGMENT.test(value)) return problem(404, 'Not found');

    // Body: small, JSON, and rebuilt from the fields the vendor call needs.
    let body: string | undefined;
    if (route.method === 'POST') {
      const text = await readJsonText(request, settings.maxBodyBytes);
      if (text instanceof Response) return text;
      const input = jsonObject(text);
      if (input instanceof Response) return input;
      const built = route.body ? route.body(input) : problem(400, 'This route takes no body');
      if (built instanceof Response) return built;
      body = built;
    }

    const query = upstreamQuery(route, new URL(request.url).search);
    if (query === null) return problem(400, 'The query string is not acceptable');
    const path = upstreamPath(route, params);
    return route.handle({ route, params, path, query, identity, body, session, state });
  }

  /**
   * An allowlisted origin, or the request's own. Behind a TLS-terminating proxy the request
   * arrives as http:// for the host the browser asked, so the https origin of that same host is
   * the page's own too (never the other way: an http page is not trusted by an https URL).
   */
  function originAllowed(origin: string, url: URL): boolean {
    return settings.allowedOrigins.has(origin) || origin === url.origin || (url.protocol === 'http:' && origin === `https://${url.host}`);
  }

  return async (request, server) => {
    const started = performance.now();
    const state: RequestState = { route: null };
    let allowedOrigin: string | null = null;
    let response: Response;
    try {
      const url = new URL(request.url);
      const origin = request.headers.get('origin');
      if (origin !== null && !originAllowed(origin, url)) {
        state.error = 'origin';
        response = problem(403, 'Origin not allowed');
      } else {
        allowedOrigin = origin;
        if (!SAFE_PATH.test(url.pathname) || (base && !url.pathname.startsWith(`${base}/`))) {
          response = problem(404, 'Not found');
        } else if (request.method === 'OPTIONS' && origin !== null && request.headers.has('access-control-request-method')) {
          response = preflight(request, state);
        } else {
          response = await app.fetch(request, { state, server });
        }
      }
    } catch {
      state.error = 'internal';
      response = problem(500, 'The proxy failed to handle the request');
    }
    response = finalize(response, allowedOrigin);
    log({
      level: response.status >= 500 ? 'error' : 'info',
      method: request.method,
      route: state.route,
      status: response.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      ...(state.cache ? { cache: state.cache } : {}),
      ...(state.upstream !== undefined ? { upstream: state.upstream } : {}),
      ...(state.error ? { error: state.error } : {}),
    });
    return response;
  };
}

function preflight(request: Request, state: RequestState): Response {
  state.route = 'preflight';
  const method = request.headers.get('access-control-request-method')?.trim().toUpperCase() ?? '';
  if (!ALLOWED_METHODS.includes(method) || !requestHeadersAllowed(request.headers.get('access-control-request-headers'))) {
    state.error = 'preflight';
    return problem(403, 'Method or headers not allowed');
  }
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-methods': ALLOWED_METHODS.join(', '),
      'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  });
}
