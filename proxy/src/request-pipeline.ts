/**
 * The way every request goes, whatever its route. In order: the origin allowlist (403), the
 * path's character set (404), the CORS preflight, the Hono router (health check; session
 * verification and the per-client rate limit; the allowlisted vendor routes, 404 and 405), then
 * the route's access rule, body and query checks and its handler. Every response then gets the
 * security and CORS headers, and every request one log line.
 */
import { Hono } from 'hono';
import { jsonObject, readJsonText } from './body.ts';
import { compressible, withEncoding, type Compression, type Encoding } from './compress.ts';
import { SOURCE_IDS, type ProxyConfig, type ResolvedConfig } from './config.ts';
import type { ProxyLog, ProxyLogEntry } from './log.ts';
import { addressKey, forwardedAddress } from './rate-limit.ts';
import type { RequestState } from './request-state.ts';
import {
  ALLOWED_METHODS,
  ALLOWED_REQUEST_HEADERS,
  answerParts,
  complete,
  finalize,
  json,
  problem,
  requestHeadersAllowed,
  respond,
  unauthorized,
} from './respond.ts';
import { SEGMENT, bearerToken, createSessionVerifier, type SessionClaims, type SessionResult } from './session.ts';
import { isPromise, type RateDecision, type RateLimiter } from './stores.ts';
import type { UpstreamResult } from './upstream.ts';
import {
  SAFE_PATH,
  routeName,
  routePattern,
  upstreamPath,
  upstreamQuery,
  type CachedAnswer,
  type VendorRoute,
} from './vendor-route.ts';

type Env = { Bindings: { state: RequestState; server?: unknown } };

export interface PipelineOptions {
  settings: ResolvedConfig;
  /** `clientIp`, when the runtime knows the client's address. */
  clientIp: ProxyConfig['clientIp'];
  now: () => number;
  limiter: RateLimiter | null;
  routes: readonly VendorRoute[];
  /** The log; with `fields` (JSON lines), the node fast path writes its lines from templates. */
  log: ProxyLog;
  /** More for /healthz (the Redis state); reported, never a failure. */
  health?: (() => Record<string, unknown>) | undefined;
  /**
   * Whether to offer {@link NodeFastPath} (as the handler's `node`): only when every store
   * answers at once (memory), where it is exactly the pipeline's answer.
   */
  nodeFastPath?: boolean;
  /** Compresses answers for clients that take it (off: undefined). */
  compression?: Compression | undefined;
}

/** What a refused session is told, where it is more than "not valid". */
const SESSION_REFUSED: Record<string, string> = {
  expired: 'The session has expired',
  'issued-at': 'The session needs an iat (issued at) that is not in the future',
  audience: "The session's aud does not name this proxy",
};

/**
 * What the node fast path reads of Node's `http.IncomingMessage` and uses of its
 * `http.ServerResponse`, written out so that these types need no Node typings (the package's
 * types are also read by edge projects).
 */
export interface NodeIncoming {
  method?: string | undefined;
  url?: string | undefined;
  httpVersionMajor: number;
  rawHeaders: string[];
  headers: Record<string, string | string[] | undefined>;
  /** The connection: a client's requests on it mostly carry the same session. */
  socket?: object | null | undefined;
}
export interface NodeOutgoing {
  writeHead(status: number, headers: string[]): unknown;
  end(body?: Uint8Array): unknown;
  readonly headersSent: boolean;
  destroy(): unknown;
}

/** A request header by its lower-case name, or null: from a Request, or from Node's request. */
type HeaderOf = (name: string) => string | null;
const requestHeader =
  (request: Request): HeaderOf =>
  (name) =>
    request.headers.get(name);
const nodeHeader =
  (incoming: NodeIncoming): HeaderOf =>
  (name) => {
    const value = incoming.headers[name];
    return typeof value === 'string' ? value : null;
  };

/** Whether a proxy in front said whom it forwards for. */
const forwardedFor = (header: HeaderOf): boolean => header('x-forwarded-for') !== null || header('forwarded') !== null;

/**
 * The pipeline on Node's own request and response, for the common case only: a GET of a route
 * that declares `cached`, its answer a cache hit in memory, from an allowlisted origin (or none),
 * with no session or a session the verifier already holds for exactly that token. It applies
 * the same checks in the same order (origin, path, session, rate limit, the route's access rule),
 * writes the same status, headers and body the pipeline would, and the same log line. Returns
 * false when it did not answer: the request then goes to the fetch handler as usual, which
 * carries on where this left off (a rate limit already counted is not counted again).
 */
export type NodeFastPath = (incoming: NodeIncoming, outgoing: NodeOutgoing) => boolean;

/**
 * A fetch handler that answers synchronously when it can: @hono/node-server writes such an
 * answer with no promise in between. `createProxy` wraps it in a promise, as its type says.
 * `node`, when present, answers cached requests on Node before any Request is built.
 */
export type SyncableHandler = ((request: Request, env?: unknown) => Response | Promise<Response>) & {
  node?: NodeFastPath;
};

const NO_PARAMS: Record<string, string> = Object.freeze({});

/** The rate limit's key for a session: its subject (worked out once per verified session). */
const sessionKeys = new WeakMap<SessionClaims, string>();
function sessionKey(session: SessionClaims): string {
  let key = sessionKeys.get(session);
  if (key === undefined) sessionKeys.set(session, (key = `sub:${session.sub}`));
  return key;
}

/**
 * What the node fast path writes for one cached answer of one route, built from the answer the
 * pipeline would give (`answerParts`, `complete`) the first time it is served, then reused.
 */
interface FastAnswer {
  route: string;
  cacheControl: string;
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Buffer | undefined;
  /** The body's text, when compression is on and the body is large enough for it. */
  compressible: string | undefined;
  /** The answer this was made from: its compressed bodies are kept by it. */
  source: UpstreamResult;
  /**
   * The header list to write, by encoding and allowed origin (`${encoding}\n${origin}`, '' for
   * none): final headers and length.
   */
  heads: Map<string, string[]>;
  /** What the answer notes for the log (`cache`, `error`). */
  noted: Pick<RequestState, 'cache' | 'upstream' | 'error'>;
  /** The log line's JSON fields around its `ms` value (see {@link ProxyLog.fields}). */
  logHead: string;
  logTail: string;
}

/** A request the node fast path admitted (session, rate limit) and handed on: where it stopped. */
interface Handover {
  started: number;
  state: RequestState;
  allowedOrigin: string | null;
  decision: RateDecision | Promise<RateDecision> | null;
}

/** A Host header @hono/node-server takes as it is (its own test): the URL is then exactly it. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

export function createRequestPipeline({
  settings,
  clientIp,
  now,
  limiter,
  routes,
  log,
  health,
  nodeFastPath = false,
  compression,
}: PipelineOptions): SyncableHandler {
  const base = settings.basePath;
  const app = new Hono<Env>();
  let warnedNoAddress = false;
  let warnedForwarded = false;
  const verify = settings.sessionSecret
    ? createSessionVerifier(settings.sessionSecret, {
        maxAgeSeconds: settings.sessionMaxAgeSeconds,
        audience: settings.sessionAudience,
      })
    : undefined;

  app.get(`${base}/healthz`, (c) => {
    c.env.state.route = '/healthz';
    const sources = Object.fromEntries(SOURCE_IDS.map((id) => [id, Boolean(settings[id])]));
    return json(200, { ok: true, sources, ...health?.() });
  });

  /** Paths the node fast path answers, and their routes: registered first for that path. */
  const fastRoutes = new Map<string, { route: VendorRoute; name: string }>();
  const registered: string[] = [];
  for (const route of routes) {
    if (!settings[route.source]) continue; // A source without its settings is off: 404.
    const pattern = `${base}/${route.source}${routePattern(route)}`;
    const path = `${base}/${route.source}${route.path}`;
    if (
      nodeFastPath &&
      route.cached &&
      route.method === 'GET' &&
      route.query === 'none' &&
      !path.includes(':') &&
      SAFE_PATH.test(path)
    ) {
      // Only where no earlier pattern could take the path first (Hono tries them in order).
      if (!registered.some((earlier) => mayMatch(earlier, path)))
        fastRoutes.set(path, { route, name: routeName(route) });
    }
    registered.push(pattern);
    const name = routeName(route);
    app.on(route.method, pattern, (c) => {
      const state = c.env.state;
      state.route = name;
      state.source = route.source;
      return handleRoute(route, c.req.param(), c.req.raw, state);
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

  /** The client's address; `request` is needed only with `clientIp`. */
  function clientAddress(header: HeaderOf, request: Request | undefined, server: unknown): string | undefined {
    if (settings.trustProxy > 0) {
      const forwarded = header('x-forwarded-for');
      if (forwarded) {
        const hops = forwarded
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean);
        const candidate = hops[hops.length - settings.trustProxy];
        const address = candidate && forwardedAddress(candidate);
        if (address) return address;
      }
    }
    if (clientIp && request) return clientIp(request, server);
    const socket = (server as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
    return socket?.remoteAddress;
  }

  /**
   * The route's access rule, then its path parameters, body and query, then its handler. A GET
   * waits for nothing here, so a cached answer comes back synchronously.
   */
  function handleRoute(
    route: VendorRoute,
    params: Record<string, string>,
    request: Request,
    state: RequestState,
  ): Response | Promise<Response> {
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

  function admit(
    request: Request,
    state: RequestState,
    server: unknown,
    failure: string | undefined,
  ): Response | Promise<Response> {
    const proceed = (): Response | Promise<Response> => {
      if (failure) {
        state.error = `session-${failure}`;
        return unauthorized(SESSION_REFUSED[failure] ?? 'The session is not valid');
      }
      return app.fetch(request, { state, server });
    };
    if (!limiter) return proceed();
    return decide(limiter.hit(rateKey(requestHeader(request), request, state, server)), state, proceed);
  }

  /** The rate limit's key: the session's subject, else the client's address. */
  function rateKey(header: HeaderOf, request: Request | undefined, state: RequestState, server: unknown): string {
    if (state.session) return sessionKey(state.session);
    const address = clientAddress(header, request, server);
    if (!address && !warnedNoAddress) {
      warnedNoAddress = true;
      log({
        level: 'warn',
        event: 'client-address-unknown',
        message:
          'Requests without a session share one rate-limit bucket: set trustProxy (TRUST_PROXY) or clientIp so each ' +
          'client gets its own.',
      });
    }
    // Behind a reverse proxy the socket is the proxy's: every guest would share its window.
    if (address && !warnedForwarded && settings.trustProxy === 0 && !clientIp && forwardedFor(header)) {
      warnedForwarded = true;
      log({
        level: 'warn',
        event: 'forwarded-ignored',
        message:
          'Requests carry X-Forwarded-For or Forwarded but trustProxy is off: requests without a session are keyed ' +
          "by the socket address, which behind a reverse proxy is the proxy's, so they share one rate-limit bucket. " +
          'Set trustProxy (TRUST_PROXY) or clientIp.',
      });
    }
    return `ip:${address ? addressKey(address) : 'unknown'}`;
  }

  /**
   * An allowlisted origin, or the request's own. Behind a TLS-terminating proxy the request
   * arrives as http:// for the host the browser asked, so the https origin of that same host is
   * the page's own too (never the other way: an http page is not trusted by an https URL).
   */
  function originAllowed(origin: string, url: URL): boolean {
    return (
      settings.allowedOrigins.has(origin) ||
      origin === url.origin ||
      (url.protocol === 'http:' && origin === `https://${url.host}`)
    );
  }

  const healthPath = `${base}/healthz`;

  const handovers = new WeakMap<object, Handover>();

  const handler: SyncableHandler = (request, server) => {
    const incoming = (server as { incoming?: object } | undefined)?.incoming;
    const handover = incoming && handovers.get(incoming);
    if (handover) {
      // Admitted by the node fast path: on from the rate limit's decision.
      handovers.delete(incoming);
      const { started, state, allowedOrigin, decision } = handover;
      let response: Response | Promise<Response>;
      try {
        response = decision
          ? decide(decision, state, () => app.fetch(request, { state, server }))
          : app.fetch(request, { state, server });
      } catch {
        response = failed(state);
      }
      const done = (answered: Response) => finish(request, started, state, answered, allowedOrigin);
      return isPromise(response) ? response.then(done, () => done(failed(state))) : done(response);
    }
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
        } else if (
          request.method === 'OPTIONS' &&
          origin !== null &&
          request.headers.has('access-control-request-method')
        ) {
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

  /** The security and CORS headers, the body compressed if the client takes it, then the request's log line. */
  function finish(
    request: Request,
    started: number,
    state: RequestState,
    answered: Response,
    allowedOrigin: string | null,
  ): Response | Promise<Response> {
    const response = compression?.respond(request, answered, allowedOrigin) ?? finalize(answered, allowedOrigin);
    if (isPromise(response))
      return response.then((sent) => (logRequest(request.method, started, state, sent.status), sent));
    logRequest(request.method, started, state, response.status);
    return response;
  }

  /** The request's log line. */
  function logRequest(method: string, started: number, state: RequestState, status: number): void {
    log(requestEntry(method, state, status, elapsed(started)));
  }

  /** The rate limit's decision: on to `proceed`, or 429. */
  function decide(
    decision: RateDecision | Promise<RateDecision>,
    state: RequestState,
    proceed: () => Response | Promise<Response>,
  ): Response | Promise<Response> {
    const decided = (result: RateDecision): Response | Promise<Response> => {
      if (result.ok) return proceed();
      state.error = 'rate-limited';
      return problem(429, 'Too many requests', { 'retry-after': String(result.retryAfterSeconds) });
    };
    return isPromise(decision) ? decision.then(decided) : decided(decision);
  }

  /** What the fast path writes per cached answer (each answer is one object while cached). */
  const fastAnswers = new WeakMap<UpstreamResult, FastAnswer>();
  function fastAnswer(hit: CachedAnswer, name: string): FastAnswer {
    const known = fastAnswers.get(hit.result);
    if (known !== undefined && known.route === name && known.cacheControl === hit.cacheControl) return known;
    const state: RequestState = { route: name };
    const parts = answerParts(hit.result, state, hit.cacheControl, 'hit');
    // The log line's fields with `ms` to be filled in: `-1` stands for it (no request takes < 0
    // ms, and `"ms":-1` can only be that key, any quote inside a string being escaped).
    const fields = JSON.stringify(requestEntry('GET', state, parts.status, -1));
    const at = fields.lastIndexOf('"ms":-1');
    const answer: FastAnswer = {
      route: name,
      cacheControl: hit.cacheControl,
      status: parts.status,
      headers: parts.headers,
      body: parts.body === null ? undefined : Buffer.from(parts.body),
      compressible: compression && compressible(parts) ? parts.body : undefined,
      source: hit.result,
      heads: new Map(),
      noted: { cache: state.cache, upstream: state.upstream, error: state.error },
      logHead: fields.slice(1, at + '"ms":'.length),
      logTail: fields.slice(at + '"ms":-1'.length),
    };
    fastAnswers.set(hit.result, answer);
    return answer;
  }
  /** `body` is the answer's, or its compressed form in `encoding`. */
  function fastHead(
    answer: FastAnswer,
    allowedOrigin: string | null,
    encoding: Encoding | null,
    body: Uint8Array | undefined,
  ): string[] {
    const key = answer.compressible === undefined ? (allowedOrigin ?? '') : `${encoding ?? ''}\n${allowedOrigin ?? ''}`;
    const known = answer.heads.get(key);
    if (known !== undefined) return known;
    const completed = complete(answer.headers, allowedOrigin);
    const headers = answer.compressible === undefined ? completed : withEncoding(completed, encoding);
    const head: string[] = [];
    for (const name in headers) head.push(name, headers[name]);
    if (body !== undefined) head.push('content-length', String(body.byteLength));
    // Bounded: only allowlisted origins get here, but keep it small regardless.
    if (answer.heads.size < 64) answer.heads.set(key, head);
    return head;
  }

  /** Hands a request the fast path admitted on to the fetch handler: see {@link Handover}. */
  function handOn(incoming: NodeIncoming, handover: Handover): false {
    handovers.set(incoming, handover);
    return false;
  }

  /** Per connection, its last Authorization header that held a remembered token, and the token. */
  const lastBearer = new WeakMap<object, { authorization: string; token: string }>();

  const node: NodeFastPath = (incoming, outgoing) => {
    if (incoming.method !== 'GET') return false;
    const fastRoute = fastRoutes.get(incoming.url ?? '');
    if (fastRoute === undefined || incoming.httpVersionMajor !== 1) return false;
    // Host, Origin and Authorization from the raw list: each at most once (Host exactly once),
    // since the adapter and Node would join or pick among repeated ones.
    const raw = incoming.rawHeaders;
    let host: string | undefined;
    let origin: string | undefined;
    let authorization: string | undefined;
    let acceptEncoding: string | undefined;
    for (let index = 0; index < raw.length; index += 2) {
      const name = raw[index];
      const length = name.length;
      if (length === 4 && name.toLowerCase() === 'host') {
        if (host !== undefined) return false;
        host = raw[index + 1];
      } else if (length === 6 && name.toLowerCase() === 'origin') {
        if (origin !== undefined) return false;
        origin = raw[index + 1];
      } else if (length === 13 && name.toLowerCase() === 'authorization') {
        if (authorization !== undefined) return false;
        authorization = raw[index + 1];
      } else if (length === 15 && name.toLowerCase() === 'accept-encoding') {
        if (acceptEncoding !== undefined) return false;
        acceptEncoding = raw[index + 1];
      }
    }
    if (host === undefined || !PLAIN_HOST.test(host)) return false;
    if (origin !== undefined && !settings.allowedOrigins.has(origin)) return false;

    const started = performance.now();
    const state: RequestState = { route: null };
    if (authorization !== undefined) {
      if (!verify) return false;
      // The token as bearerToken reads it. The connection's last Authorization header, when
      // this one is the same text, gives the same token string (whose hash the verifier's map
      // has already worked out); the verifier then checks it as any other.
      const socket = incoming.socket;
      const last = socket ? lastBearer.get(socket) : undefined;
      const token =
        last !== undefined && last.authorization === authorization
          ? last.token
          : authorization.startsWith('Bearer ')
            ? authorization.slice(7)
            : bearerToken(authorization);
      const known = token ? verify.known(token, now()) : undefined;
      if (!known) return false; // Verified in full (or refused) by the pipeline.
      if (socket && last?.token !== token) lastBearer.set(socket, { authorization, token: token! });
      state.session = known.claims;
    } else if (clientIp) {
      return false; // clientIp takes a Request.
    }
    // From here on the request is counted: a request handed on carries its decision along.
    const allowedOrigin = origin ?? null;
    let decision: Handover['decision'] = null;
    try {
      if (limiter) {
        const key = state.session
          ? sessionKey(state.session)
          : rateKey(nodeHeader(incoming), undefined, state, { incoming, outgoing });
        decision = limiter.hit(key);
        // Over the limit: the pipeline answers 429.
        if (isPromise(decision) || !decision.ok) return handOn(incoming, { started, state, allowedOrigin, decision });
      }
      const { route, name } = fastRoute;
      const identity = route.identify(state.session, NO_PARAMS, state);
      const hit = identity instanceof Response ? undefined : route.cached!(identity);
      if (!hit) return handOn(incoming, { started, state, allowedOrigin, decision });
      const answer = fastAnswer(hit, name);
      let body: Uint8Array | undefined = answer.body;
      let encoding: Encoding | null = null;
      if (answer.compressible !== undefined) {
        // Compressed bytes made before (the first request for them waits in the pipeline).
        const chosen = compression!.choose(acceptEncoding);
        if (chosen === undefined) return handOn(incoming, { started, state, allowedOrigin, decision });
        if (chosen !== null) {
          body = compression!.ready(answer.source, answer.compressible, chosen);
          if (body === undefined) return handOn(incoming, { started, state, allowedOrigin, decision });
          encoding = chosen;
        }
      }
      outgoing.writeHead(answer.status, fastHead(answer, allowedOrigin, encoding, body));
      outgoing.end(body);
      const ms = elapsed(started);
      if (log.fields) log.fields(answer.logHead + ms + answer.logTail);
      else {
        state.route = name;
        state.source = route.source;
        Object.assign(state, answer.noted);
        log(requestEntry('GET', state, answer.status, ms));
      }
      return true;
    } catch {
      if (outgoing.headersSent) {
        outgoing.destroy();
        return true;
      }
      return handOn(incoming, { started, state, allowedOrigin, decision });
    }
  };
  if (nodeFastPath && fastRoutes.size > 0) handler.node = node;
  return handler;
}

/** Milliseconds since `started`, as the log gives them. */
const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100;

/** A request's log entry. */
function requestEntry(method: string, state: RequestState, status: number, ms: number): Omit<ProxyLogEntry, 'time'> {
  const entry: Omit<ProxyLogEntry, 'time'> = {
    level: status >= 500 ? 'error' : 'info',
    method,
    route: state.route,
    status,
    ms,
  };
  if (state.cache) entry.cache = state.cache;
  if (state.upstream !== undefined) entry.upstream = state.upstream;
  if (state.error) entry.error = state.error;
  return entry;
}

/** Whether a Hono pattern (`:name` and `:name{regex}` segments) could match a fixed path. */
function mayMatch(pattern: string, path: string): boolean {
  const wanted = pattern.split('/');
  const given = path.split('/');
  return (
    wanted.length === given.length &&
    wanted.every((segment, index) => segment.startsWith(':') || segment === given[index])
  );
}

function failed(state: RequestState): Response {
  state.error = 'internal';
  return problem(500, 'The proxy failed to handle the request');
}

function preflight(request: Request, state: RequestState): Response {
  state.route = 'preflight';
  const method = request.headers.get('access-control-request-method')?.trim().toUpperCase() ?? '';
  if (
    !ALLOWED_METHODS.includes(method) ||
    !requestHeadersAllowed(request.headers.get('access-control-request-headers'))
  ) {
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
