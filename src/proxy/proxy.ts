/**
 * `createProxy(config)`: the widget proxy as a web-standard fetch handler. In order, a request
 * meets: the origin allowlist (403), the path's character set (404), the CORS preflight, the
 * Hono router (health check; session verification and the per-client rate limit; the
 * allowlisted routes, 404 and 405), then its route's access rule, body and query checks, and
 * the upstream call with the vendor's credentials, through the cache and single-flight map.
 */
import { Hono } from 'hono';
import { readBytesLimited } from './body.ts';
import { AlgonomyTokens } from './algonomy-token.ts';
import { ResponseCache, SingleFlight } from './cache.ts';
import { SOURCE_IDS, resolveConfig, type ProxyConfig, type ProxyHandler, type SourceId } from './config.ts';
import { scrubbingLogger, secretForms } from './log.ts';
import { FixedWindowLimiter, addressKey, forwardedAddress } from './rate-limit.ts';
import { ALLOWED_METHODS, ALLOWED_REQUEST_HEADERS, JSON_TYPE, finalize, json, problem, requestHeadersAllowed } from './respond.ts';
import { ROUTES, SAFE_PATH, routeName, upstreamPath, upstreamQuery, type RouteDef } from './routes.ts';
import { SEGMENT, bearerToken, verifySession, type SessionClaims } from './session.ts';
import { callUpstream, jsonBody, type UpstreamRequest, type UpstreamResult } from './upstream.ts';

/** What one request learned on its way through, for its log line. */
interface RequestState {
  route: string | null;
  source?: SourceId;
  cache?: string;
  upstream?: number;
  error?: string;
  session?: SessionClaims;
}

type Env = { Bindings: { state: RequestState; server?: unknown } };

const isSuccess = (result: UpstreamResult) => result.status >= 200 && result.status < 300;

/** How long a forced CS Omni refresh stands for the same customer: more is a vendor stampede. */
const REFRESH_INTERVAL_MS = 30 * 1000;

/** How long the carts of an organization's chat are remembered for the cart check. */
const CHAT_CARTS_TTL_MS = 60 * 1000;
/** How long after a read of a chat's list any cart id missing from it is 404 without a new read. */
const CHAT_CARTS_REREAD_MS = 10 * 1000;
/** More pages than this is a runaway `next` chain, not one chat's carts. */
const GIOSG_MAX_PAGES = 50;

/** How long a customer's CS Omni cart token is remembered for the ownership check. */
const CART_OWNER_TTL_MS = 10 * 60 * 1000;
const CUSTOMER_CACHE = 'private, no-store';

export function createProxy(config: ProxyConfig = {}): ProxyHandler {
  const settings = resolveConfig(config);
  const now = config.now ?? Date.now;
  const fetchImpl: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // Secrets, including Algonomy tokens obtained at run time (the latest few).
  const secrets = [...settings.secrets];
  const runtimeSecrets: string[] = [];
  let forms = secretForms(secrets);
  const allSecrets = () => [...secrets, ...runtimeSecrets];
  const addRuntimeSecret = (secret: string) => {
    if (runtimeSecrets.includes(secret) || secrets.includes(secret)) return;
    runtimeSecrets.push(secret);
    if (runtimeSecrets.length > 5) runtimeSecrets.shift();
    forms = secretForms(allSecrets());
  };
  const log = scrubbingLogger(config.logger, allSecrets);

  const cache = new ResponseCache<UpstreamResult>(settings.cacheMaxEntries, now);
  const flights = new SingleFlight<UpstreamResult>();
  const cartOwners = new ResponseCache<string>(10_000, now, 4 * 1024 * 1024);
  const cartFlights = new SingleFlight<string | UpstreamResult>();
  const refreshed = new ResponseCache<true>(10_000, now, 1024 * 1024);
  const chatCarts = new ResponseCache<{ ids: string; readAt: number }>(10_000, now, 4 * 1024 * 1024);
  const chatFlights = new SingleFlight<string | UpstreamResult>();
  const limiter = settings.rateLimit ? new FixedWindowLimiter(settings.rateLimit.max, settings.rateLimit.windowMs, now) : null;
  let sequence = 0;
  let warnedNoAddress = false;
  let warnedForwarded = false;

  const algonomyTokens = settings.algonomy
    ? new AlgonomyTokens({
        ...settings.algonomy,
        fetch: fetchImpl,
        now,
        timeoutMs: settings.upstreamTimeoutMs,
        onToken: addRuntimeSecret,
        onEvent: (event) => log({ level: event.event === 'algonomy-token-failed' ? 'error' : 'info', ...event }),
      })
    : undefined;

  const upstream = (request: UpstreamRequest, transform?: (data: unknown) => unknown, timeoutMs = settings.upstreamTimeoutMs): Promise<UpstreamResult> =>
    callUpstream(request, { fetch: fetchImpl, timeoutMs, secretForms: () => forms, transform });

  const base = settings.basePath;
  const app = new Hono<Env>();

  app.get(`${base}/healthz`, (c) => {
    c.env.state.route = '/healthz';
    const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, Boolean(settings[id])]));
    return json(200, { ok: true, sources });
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
        if (address && !warnedForwarded && settings.trustProxy === 0 && !config.clientIp && forwardedFor(c.req.raw)) {
          warnedForwarded = true;
          log({ level: 'warn', event: 'forwarded-ignored', message: 'Requests carry X-Forwarded-For or Forwarded but trustProxy is off: requests without a session are keyed by the socket address, which behind a reverse proxy is the proxy\'s, so they share one rate-limit bucket. Set trustProxy (TRUST_PROXY) or clientIp.' });
        }
        key = `ip:${address ? addressKey(address) : 'unknown'}`;
      }
      const decision = limiter.hit(key);
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

  for (const route of ROUTES) {
    if (!settings[route.source]) continue; // A source without its settings is off: 404.
    const pattern = `${base}/${route.source}${route.path}`;
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
  for (const source of ['csomni', 'algonomy', 'giosg'] as const) {
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
    if (config.clientIp) return config.clientIp(request, server);
    const socket = (server as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
    return socket?.remoteAddress;
  }

  async function handleRoute(route: RouteDef, params: Record<string, string>, request: Request, state: RequestState): Promise<Response> {
    const session = state.session;
    const url = new URL(request.url);

    // Who is asking, and what identity goes upstream.
    const identity: Record<string, string> = {};
    switch (route.kind) {
      case 'csomni-list':
      case 'csomni-refresh': {
        const customerToken = session?.csomni?.customerToken;
        if (customerToken) identity.customerToken = customerToken;
        break;
      }
      case 'csomni-product':
        break;
      case 'csomni-cart':
      case 'csomni-cartprods': {
        if (!session) return unauthorized('A customer session is required');
        const customerToken = session.csomni?.customerToken;
        if (!customerToken) return forbidden(state, 'The session has no CS Omni customer');
        identity.customerToken = customerToken;
        break;
      }
      case 'algonomy-purchased': {
        if (!session) return unauthorized('A customer session is required');
        const claim = session.algonomy ?? {};
        if (claim.gcrId) identity.gcrId = claim.gcrId;
        if (claim.email) identity.email_address = claim.email;
        if (claim.mobileNumber) identity.mobile_number = claim.mobileNumber;
        if (claim.customerCode) identity.customer_code_external = claim.customerCode;
        if (Object.keys(identity).length === 0) return forbidden(state, 'The session has no Algonomy customer');
        break;
      }
      case 'giosg-visitor': {
        if (!session) return unauthorized('A customer session is required');
        if (!session.giosg?.visitorId || session.giosg.visitorId !== params.visitor) return forbidden(state, 'Not this session’s visitor');
        break;
      }
      case 'giosg-org': {
        if (!session) return unauthorized('A customer session is required');
        const claim = session.giosg;
        if (!claim?.orgId || claim.orgId !== params.org || !claim.chatIds?.includes(params.chat)) {
          return forbidden(state, 'Not this session’s chat');
        }
        break;
      }
    }
    for (const value of Object.values(params)) if (!SEGMENT.test(value)) return problem(404, 'Not found');

    // Body: small, JSON, and rebuilt from the fields the vendor call needs.
    let body: string | undefined;
    if (route.method === 'POST') {
      const read = await readBody(request, settings.maxBodyBytes);
      if (read instanceof Response) return read;
      const built = buildBody(route, read);
      if (built instanceof Response) return built;
      body = built;
    }

    const query = upstreamQuery(route, url.search);
    if (query === null) return problem(400, 'The query string is not acceptable');
    const path = upstreamPath(route, params);

    switch (route.kind) {
      case 'csomni-list':
      case 'csomni-refresh':
      case 'csomni-product':
      case 'csomni-cart':
      case 'csomni-cartprods':
        return csomni(route, path, query, params, identity, body, state);
      case 'algonomy-purchased':
        return algonomy(path, identity, body!, state);
      case 'giosg-visitor':
        return giosg(path, query, state);
      case 'giosg-org': {
        // giosg checks a visitor's cart against the visitor, but an organization's only against
        // the organization: a cart id must be one of this chat's carts, or another chat's cart
        // could be read through a session for this one.
        if (params.cart) {
          const listed = await chatHasCart(route, path.replace(/\/[^/]+\/products$/, ''), params.cart);
          if (listed !== true) return listed === false ? problem(404, 'Not found') : answer(listed, state, CUSTOMER_CACHE);
          return giosg(path, query, state);
        }
        // The chat's list on its way to the page: when it is the whole list (one page), the cart
        // check that follows for its lines needs no read of its own.
        return giosg(path, query, state, (result) => {
          if (query || !isSuccess(result)) return;
          const list = cartIdList(result.body);
          if (list && list.complete) chatCarts.set(path, { ids: list.ids, readAt: now() }, CHAT_CARTS_TTL_MS, ++sequence, list.ids.length);
        });
      }
    }
  }

  function csomniRequest(method: 'GET' | 'POST', path: string, query: string, identity: Record<string, string>, body?: string): UpstreamRequest {
    const headers: Record<string, string> = { accept: 'application/json', token: settings.csomni!.siteToken, ...identity };
    if (body) headers['content-type'] = 'application/json';
    return { url: `${settings.csomni!.baseUrl}${path}${query ? `?${query}` : ''}`, method, headers, body: body || undefined };
  }

  async function csomni(
    route: RouteDef,
    path: string,
    query: string,
    params: Record<string, string>,
    identity: Record<string, string>,
    body: string | undefined,
    state: RequestState,
  ): Promise<Response> {
    const customer = identity.customerToken ?? '';
    const listKey = `csomni\nlist\n${customer}`;
    switch (route.kind) {
      case 'csomni-list': {
        const cached = cache.get(listKey);
        if (cached) return answer(cached, state, 'private, no-store', 'hit');
        const { promise, shared } = flights.run(listKey, async () => {
          const started = ++sequence;
          const result = await upstream(csomniRequest('GET', path, '', identity));
          if (result.status === 200) cache.set(listKey, result, settings.csomniListTtlMs, started, result.body.length);
          return result;
        });
        return answer(await promise, state, CUSTOMER_CACHE, shared ? 'collapsed' : 'miss');
      }
      case 'csomni-refresh': {
        // Asks the vendor (concurrent refreshes share one call) unless this customer's list was
        // refreshed moments ago: anyone may call this route, and each call is a vendor pull. The
        // answer replaces the cached plain list; a plain fetch that started earlier cannot
        // overwrite it.
        const cached = refreshed.get(customer) ? cache.get(listKey) : undefined;
        if (cached) return answer(cached, state, CUSTOMER_CACHE, 'hit');
        const { promise, shared } = flights.run(`csomni\nrefresh\n${customer}`, async () => {
          const started = ++sequence;
          const result = await upstream(csomniRequest('GET', path, '', identity));
          if (result.status === 200) {
            cache.set(listKey, result, settings.csomniListTtlMs, started, result.body.length);
            refreshed.set(customer, true, REFRESH_INTERVAL_MS, started, customer.length + 1);
          }
          return result;
        });
        return answer(await promise, state, CUSTOMER_CACHE, shared ? 'collapsed' : 'refresh');
      }
      case 'csomni-product': {
        // Catalogue data: no customer identity goes upstream, so one entry serves everyone.
        const key = `csomni\nproduct\n${path}?${query}`;
        const cacheControl = `private, max-age=${Math.floor(settings.productTtlMs / 1000)}`;
        const cached = cache.get(key);
        if (cached) return answer(cached, state, cacheControl, 'hit');
        const { promise, shared } = flights.run(key, async () => {
          const started = ++sequence;
          const result = await upstream(csomniRequest('GET', path, query, {}));
          if (result.status === 200) cache.set(key, result, settings.productTtlMs, started, result.body.length);
          return result;
        });
        const result = await promise;
        return answer(result, state, result.status === 200 ? cacheControl : 'no-store', shared ? 'collapsed' : 'miss');
      }
      case 'csomni-cart': {
        const result = await upstream(csomniRequest('POST', path, '', identity), withoutCredentials);
        rememberCart(customer, result);
        return answer(result, state, CUSTOMER_CACHE);
      }
      case 'csomni-cartprods': {
        const cartToken = params.cartToken;
        if (cartToken) {
          const owned = await ownsCart(customer, cartToken);
          if (owned !== true) {
            if (owned === false) return forbidden(state, 'Not this customer’s cart');
            return answer(owned, state, CUSTOMER_CACHE);
          }
        }
        const result = await upstream(csomniRequest('POST', path, '', identity, body), withoutCredentials);
        if (!cartToken) rememberCart(customer, result);
        return answer(result, state, CUSTOMER_CACHE);
      }
      default:
        return problem(404, 'Not found');
    }
  }

  /** Records the cart token a customer's own cart call returned. */
  function rememberCart(customerToken: string, result: UpstreamResult): string | undefined {
    if (!isSuccess(result)) return undefined;
    try {
      const cartToken = (JSON.parse(result.body) as { cartToken?: unknown })?.cartToken;
      if (typeof cartToken === 'string' && SEGMENT.test(cartToken)) {
        cartOwners.set(customerToken, cartToken, CART_OWNER_TTL_MS, ++sequence, cartToken.length);
        return cartToken;
      }
    } catch {
      // Not an object: nothing to remember.
    }
    return undefined;
  }

  /**
   * Whether `cartToken` is this customer's cart, asking CS Omni (`POST /cart` returns the
   * customer's cart) when the remembered token differs. A failed look-up is passed on.
   */
  async function ownsCart(customerToken: string, cartToken: string): Promise<boolean | UpstreamResult> {
    if (cartOwners.get(customerToken) === cartToken) return true;
    const { promise } = cartFlights.run(customerToken, async () => {
      const result = await upstream(csomniRequest('POST', '/cart', '', { customerToken }), withoutCredentials);
      // A success without a cart is the vendor's fault, never an answer to the add-to-cart call.
      return rememberCart(customerToken, result) ?? (isSuccess(result) ? problemResult(502, 'The vendor sent no cart', 'no-cart') : result);
    });
    const current = await promise;
    return typeof current === 'string' ? current === cartToken : current;
  }

  async function algonomy(path: string, identity: Record<string, string>, body: string, state: RequestState): Promise<Response> {
    const { tenantHash, baseUrl } = settings.algonomy!;
    const request = (token: string): UpstreamRequest => ({
      url: `${baseUrl}${path}`,
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', access_token: token, tenant_hash: tenantHash, ...identity },
      body,
    });
    const key = `algonomy\n${JSON.stringify(identity)}\n${body}`;
    const { promise, shared } = flights.run(key, async () => {
      // One deadline for the whole call: token, request, renewal and second request share it.
      const left = timeLeft(settings.upstreamTimeoutMs);
      let token: string | undefined;
      try {
        token = await beforeDeadline(algonomyTokens!.get(), left());
      } catch {
        return problemResult(502, 'The vendor credentials are not available', 'token');
      }
      if (token === undefined) return timedOut();
      const result = await upstream(request(token), undefined, left());
      if (result.upstreamStatus !== 401 || !algonomyTokens!.canRenew) return refusedCredentials(result);
      let fresh: string | undefined;
      try {
        fresh = await beforeDeadline(algonomyTokens!.renew(token), left());
      } catch {
        return problemResult(502, 'The vendor credentials are not available', 'token');
      }
      if (fresh === undefined || left() <= 0) return timedOut();
      return refusedCredentials(fresh === token ? result : await upstream(request(fresh), undefined, left()));
    });
    return answer(await promise, state, CUSTOMER_CACHE, shared ? 'collapsed' : undefined);
  }

  /**
   * Whether `cart` is one of the carts listed at `listPath` (an organization chat's list, every
   * page), from a short-lived memory of the list or by reading it. A failed read is passed on.
   * `route` (the lines route) filters the `next` links' queries as it filters the page's.
   */
  async function chatHasCart(route: RouteDef, listPath: string, cart: string): Promise<boolean | UpstreamResult> {
    const entry = `\n${cart}\n`;
    const known = chatCarts.get(listPath);
    if (known?.ids.includes(entry)) return true;
    // A list read moments ago answers for every id: a read per unknown id would let made-up ids
    // cost a whole list read each.
    if (known && now() - known.readAt < CHAT_CARTS_REREAD_MS) return false;
    const { promise } = chatFlights.run(listPath, async () => {
      const { baseUrl, apiToken } = settings.giosg!;
      const readAt = now();
      // One deadline for every page.
      const left = timeLeft(settings.upstreamTimeoutMs);
      let ids = '\n';
      let query = '';
      for (let page = 0; page < GIOSG_MAX_PAGES; page++) {
        if (left() <= 0) return timedOut();
        const result = await upstream({ url: `${baseUrl}${listPath}${query ? `?${query}` : ''}`, method: 'GET', headers: { accept: 'application/json', authorization: `Token ${apiToken}` } }, undefined, left());
        if (!isSuccess(result)) return result;
        const list = cartIdList(result.body);
        if (!list) break;
        ids += list.ids.slice(1);
        if (list.complete) break;
        query = upstreamQuery(route, new URL(list.next!, baseUrl).search) ?? '';
        if (!query) break;
      }
      chatCarts.set(listPath, { ids, readAt }, CHAT_CARTS_TTL_MS, ++sequence, ids.length);
      return ids;
    });
    const current = await promise;
    return typeof current === 'string' ? current.includes(entry) : current;
  }

  /** A giosg list page's cart ids as `\nid\nid\n`, and its `next` link (null: the last page). */
  function cartIdList(body: string): { ids: string; next: string | null; complete: boolean } | null {
    let data: { results?: unknown; next?: unknown } | null;
    try {
      data = JSON.parse(body || 'null') as typeof data;
    } catch {
      return null;
    }
    if (!data || !Array.isArray(data.results)) return null;
    let ids = '\n';
    for (const record of data.results) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id === 'string' || typeof id === 'number') ids += `${String(id)}\n`;
    }
    let next: string | null = null;
    if (typeof data.next === 'string') {
      try {
        next = new URL(data.next, settings.giosg!.baseUrl).href;
      } catch {
        next = null;
      }
    }
    return { ids, next, complete: next === null };
  }

  async function giosg(path: string, query: string, state: RequestState, onResult?: (result: UpstreamResult) => void): Promise<Response> {
    const { baseUrl, apiToken } = settings.giosg!;
    const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
    // Only collapsing: the path carries the (checked) visitor or chat, so sharing is safe.
    const { promise, shared } = flights.run(`giosg\n${url}`, async () =>
      refusedCredentials(await upstream({ url, method: 'GET', headers: { accept: 'application/json', authorization: `Token ${apiToken}` } })),
    );
    const result = await promise;
    onResult?.(result);
    return answer(result, state, CUSTOMER_CACHE, shared ? 'collapsed' : undefined);
  }

  function answer(result: UpstreamResult, state: RequestState, cacheControl: string, cacheState?: string): Response {
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

  /**
   * An allowlisted origin, or the request's own. Behind a TLS-terminating proxy the request
   * arrives as http:// for the host the browser asked, so the https origin of that same host is
   * the page's own too (never the other way: an http page is not trusted by an https URL).
   */
  function originAllowed(origin: string, url: URL): boolean {
    return settings.allowedOrigins.has(origin) || origin === url.origin || (url.protocol === 'http:' && origin === `https://${url.host}`);
  }

  const handler: ProxyHandler = async (request, server) => {
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
  return handler;
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

/** Whether a proxy in front said whom it forwards for. */
const forwardedFor = (request: Request): boolean => request.headers.has('x-forwarded-for') || request.headers.has('forwarded');

/** What a refused session is told, where it is more than "not valid". */
const SESSION_REFUSED: Record<string, string> = {
  expired: 'The session has expired',
  'issued-at': 'The session needs an iat (issued at) that is not in the future',
  audience: "The session's aud does not name this proxy",
};

const unauthorized = (message: string): Response =>
  problem(401, message, { 'www-authenticate': 'Bearer realm="storefront-widgets"' });

function forbidden(state: RequestState, message: string): Response {
  state.error = 'forbidden';
  return problem(403, message);
}

const problemResult = (status: number, message: string, error: string): UpstreamResult => ({ status, body: jsonBody(message), error });

const timedOut = (): UpstreamResult => problemResult(504, 'The vendor did not answer in time', 'timeout');

/**
 * Milliseconds left of one time limit shared by several vendor calls (real time, as the
 * timeouts are; `now` may be a test's clock).
 */
function timeLeft(ms: number): () => number {
  const deadline = performance.now() + ms;
  return () => deadline - performance.now();
}

/**
 * A vendor's 401 or 403 to credentials only the proxy holds (giosg's API token, Algonomy's
 * access token after a renewal) is the server's set-up, not the shopper's session: 502, so the
 * widget does not ask the shopper to sign in again. The log keeps the vendor's status.
 */
const refusedCredentials = (result: UpstreamResult): UpstreamResult =>
  result.upstreamStatus === 401 || result.upstreamStatus === 403
    ? { ...problemResult(502, 'The vendor refused the proxy\'s credentials', 'upstream-auth'), upstreamStatus: result.upstreamStatus }
    : result;

/** CS Omni cart answers echo the site token (and the customer token): the page gets neither. */
function withoutCredentials(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const { siteToken: _site, customerToken: _customer, token: _token, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** The request body as text: at most `max` bytes, UTF-8, and JSON when not empty. */
async function readBody(request: Request, max: number): Promise<string | Response> {
  const bytes = await readBytesLimited(request, max);
  if (!bytes) return problem(413, 'The request body is too large');
  let text = '';
  if (bytes.byteLength) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return problem(400, 'The request body is not UTF-8');
    }
  }
  if (text.trim() !== '') {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return problem(415, 'The request body must be application/json');
  }
  return text;
}

const LAST_KEY_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** The body sent upstream, rebuilt from the fields each vendor call takes. */
function buildBody(route: RouteDef, text: string): string | Response {
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      return problem(400, 'The request body is not valid JSON');
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return problem(400, 'The request body must be a JSON object');
  const input = data as Record<string, unknown>;
  switch (route.kind) {
    case 'csomni-cart':
      return '';
    case 'csomni-cartprods': {
      const prodToken = input.prodToken;
      if (typeof prodToken !== 'string' || !SEGMENT.test(prodToken)) return problem(400, 'prodToken is missing or not a product token');
      const quantity = input.cartProdQuantity === undefined ? 1 : Number(input.cartProdQuantity);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999 || (typeof input.cartProdQuantity === 'string' && !/^\d+$/.test(input.cartProdQuantity))) {
        return problem(400, 'cartProdQuantity must be a whole number from 1 to 999');
      }
      return JSON.stringify({ prodToken, cartProdQuantity: quantity });
    }
    case 'algonomy-purchased': {
      const out: Record<string, unknown> = {};
      for (const [name, max] of [['page', 100_000], ['pageSize', 500]] as const) {
        const value = input[name];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) return problem(400, `${name} must be a whole number from 1 to ${max}`);
        out[name] = value;
      }
      const lastKey = input.lastKey;
      if (lastKey !== undefined && lastKey !== null) {
        if (typeof lastKey !== 'object' || Array.isArray(lastKey)) return problem(400, 'lastKey must be an object');
        const entries = Object.entries(lastKey as Record<string, unknown>);
        const valid =
          entries.length <= 10 &&
          entries.every(
            ([name, value]) =>
              LAST_KEY_NAME.test(name) &&
              (value === null || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 256)),
          );
        if (!valid) return problem(400, 'lastKey is not a page key');
        out.lastKey = Object.fromEntries(entries);
      }
      return JSON.stringify(out);
    }
    default:
      return problem(400, 'This route takes no body');
  }
}

/** `promise`'s value, or undefined once `ms` have passed (the promise runs on, for others). */
function beforeDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) {
    promise.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
