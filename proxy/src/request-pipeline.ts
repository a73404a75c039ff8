/**
 * The way every request goes, whatever its route. In order: the origin allowlist (403), the
 * path's character set (404), the CORS preflight, the Hono router (health check; session
 * verification and the per-client rate limit; the allowlisted vendor routes, 404 and 405), then
 * the route's access rule, body and query checks and its handler. Every response then gets the
 * security and CORS headers, and every request one log line.
 */
import { Hono } from 'hono';
import { jsonObject, readJsonText } from './body.ts';
import { SOURCE_IDS, type ProxyConfig, type ResolvedConfig } from './config.ts';
import type { ProxyLogEntry } from './log.ts';
import { addressKey, forwardedAddress } from './rate-limit.ts';
import type { RequestState } from './request-state.ts';
import { ALLOWED_METHODS, ALLOWED_REQUEST_HEADERS, finalize, json, problem, requestHeadersAllowed, respond, unauthorized } from './respond.ts';
import { SEGMENT, bearerToken, createSessionVerifier, type SessionResult } from './session.ts';
import { isPromise, type RateDecision, type RateLimiter } from './stores.ts';
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

/**
 * A fetch handler that answers synchronously when it can: @hono/node-server writes such an
 * answer with no promise in between. `createProxy` wraps it in a promise, as its type says.
 */
export type SyncableHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

export function createRequestPipeline({ settings, clientIp, now, limiter, routes, log, health }: PipelineOptions): SyncableHandler {
  const base = settings.basePath;
  const app = new Hono<Env>();
  let warnedNoAddress = false;
  let warnedForwarded = false;
  const verify = settings.sessionSecret
    ? createSessionVerifier(settings.sessionSecret, { maxAgeSeconds: settings.sessionMaxAgeSeconds, audience: settings.sessionAudience })
    : undefined;

  app.get(`${base}/healthz`, (c) => {
    c.env.state.route = '/healthz';
    const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, Boolean(settings[id])]));
    return json(200, { ok: true, sources, ...health?.() });
  });

  for (const route of routes) {
    if (!settings[route.source]) continue; // A source without its settings is off: 404.
    const pattern = `${base}/${route.source}${routePattern(route)}`;
    const name = routeName(route);
    app.on(route.method, pattern, (c) => {
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

  /**
   * The route's access rule, then its path parameters, body and query, then its handler. A GET
   * waits for nothing here, so a cached answer comes back synchronously.
   */
  function handleRoute(route: VendorRoute, params: Record<string, string>, request: Request, state: RequestState): Response | Promise<Response> {
    const session = state.session;
    const identity = route.identify(session, params, state);
    if (identity instanceof Response) return identity;
    for (const value of Object.values(params)) if (!SEGMENT.test(value)) return problem(404, 'Not found');
    const query = upstreamQuery(route, new URL(request.url).search);
    const call = (body: string | undefined): Response | Promise<Response> => {
      if (query === null) return problem(400, 'The query string is not acceptable');
      return route.handle({ route, params, path: upstreamPath(route, params), query, identity, body, session, state });
    };
    if (route.method !== 'POST') return call(undefined);
    // Body: small, JSON, and rebuilt from the fields the vendor call needs.
    return readJsonText(request, settings.maxBodyBytes).then((text) => {
      if (text instanceof Response) return text;
      const input = jsonObject(text);
      if (input instanceof Response) return input;
      const built = route.body ? route.body(input) : problem(400, 'This route takes no body');
      return built instanceof Response ? built : call(built);
    });
  }

  /**
   * Who is asking (a verified session, remembered by the verifier) and whether their rate limit
   * lets them: for every request but the health check, unknown paths included. Synchronous when
   * the session is already known and the limiter answers at once (memory).
   */
  function gate(request: Request, state: RequestState, server: unknown): Response | Promise<Response> {
    const authorization = request.headers.get('authorization');
    if (authorization === null) return admit(request, state, server, undefined);
    const token = bearerToken(authorization);
    if (!token) return admit(request, state, server, 'malformed');
    if (!verify) return admit(request, state, server, 'unverifiable');
    const result = verify(token, now());
    const after = (verified: SessionResult) => {
      if (verified.ok) state.session = verified.claims;
      return admit(request, state, server, verified.ok ? undefined : verified.reason);
    };
    return isPromise(result) ? result.then(after) : after(result);
  }

  function admit(request: Request, state: RequestState, server: unknown, failure: string | undefined): Response | Promise<Response> {
    const proceed = (): Response | Promise<Response> => {
      if (failure) {
        state.error = `session-${failure}`;
        return unauthorized(SESSION_REFUSED[failure] ?? 'The session is not valid');
      }
      return app.fetch(request, { state, server });
    };
    if (!limiter) return proceed();
    const decision = limiter.hit(rateKey(request, state, server));
    const decide = (result: RateDecision): Response | Promise<Response> => {
      if (result.ok) return proceed();
      state.error = 'rate-limited';
      return problem(429, 'Too many requests', { 'retry-after': String(result.retryAfterSeconds) });
    };
    return isPromise(decision) ? decision.then(decide) : decide(decision);
  }

  /** The rate limit's key: the session's subject, else the client's address. */
  function rateKey(request: Request, state: RequestState, server: unknown): string {
    if (state.session) return `sub:${state.session.sub}`;
    const address = clientAddress(request, server);
    if (!address && !warnedNoAddress) {
      warnedNoAddress = true;
      log({ level: 'warn', event: 'client-address-unknown', message: 'Requests without a session share one rate-limit bucket: set trustProxy (TRUST_PROXY) or clientIp so each client gets its own.' });
    }
    // Behind a reverse proxy the socket is the proxy's: every guest would share its window.
    if (address && !warnedForwarded && settings.trustProxy === 0 && !clientIp && forwardedFor(request)) {
      warnedForwarded = true;
      log({ level: 'warn', event: 'forwarded-ignored', message: 'Requests carry X-Forwarded-For or Forwarded but trustProxy is off: requests without a session are keyed by the socket address, which behind a reverse proxy is the proxy\'s, so they share one rate-limit bucket. Set trustProxy (TRUST_PROXY) or clientIp.' });
    }
    return `ip:${address ? addressKey(address) : 'unknown'}`;
  }

  /**
   * An allowlisted origin, or the request's own. Behind a TLS-terminating proxy the request
   * arrives as http:// for the host the browser asked, so the https origin of that same host is
   * the page's own too (never the other way: an http page is not trusted by an https URL).
   */
  function originAllowed(origin: string, url: URL): boolean {
    return settings.allowedOrigins.has(origin) || origin === url.origin || (url.protocol === 'http:' && origin === `https://${url.host}`);
  }

  const healthPath = `${base}/healthz`;

  return (request, server) => {
    const started = performance.now();
    const state: RequestState = { route: null };
    let allowedOrigin: string | null = null;
    let response: Response | Promise<Response>;
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
        } else if (url.pathname === healthPath && (request.method === 'GET' || request.method === 'HEAD')) {
          response = app.fetch(request, { state, server });
        } else {
          response = gate(request, state, server);
        }
      }
    } catch {
      response = failed(state);
    }
    const done = (answered: Response) => finish(request, started, state, answered, allowedOrigin);
    return isPromise(response) ? response.then(done, () => done(failed(state))) : done(response);
  };

  /** The security and CORS headers, then the request's log line. */
  function finish(request: Request, started: number, state: RequestState, answered: Response, allowedOrigin: string | null): Response {
    const response = finalize(answered, allowedOrigin);
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
  }
}

function failed(state: RequestState): Response {
  state.error = 'internal';
  return problem(500, 'The proxy failed to handle the request');
}

function preflight(request: Request, state: RequestState): Response {
  state.route = 'preflight';
  const method = request.headers.get('access-control-request-method')?.trim().toUpperCase() ?? '';
  if (!ALLOWED_METHODS.includes(method) || !requestHeadersAllowed(request.headers.get('access-control-request-headers'))) {
    state.error = 'preflight';
    return problem(403, 'Method or headers not allowed');
  }
  return respond(204, null, {
    'access-control-allow-methods': ALLOWED_METHODS.join(', '),
    'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  });
}
