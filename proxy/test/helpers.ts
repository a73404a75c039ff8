/**
 * Shared pieces for the proxy tests: a recording fake upstream for all three vendors (hosts
 * `csomni.test`, `algonomy.test`, `giosg.test`, never reached over a network), a proxy wired to
 * it with a controllable clock and a log sink, and session minting.
 *
 * With `PROXY_TRANSPORT=node` (set by `node-transport.test.ts`) the harness's requests go over
 * loopback HTTP to the proxy as the CLI serves it on Node: its node fast path first, then
 * @hono/node-server's adapter. The same suites then check both ways in.
 */
import { request as httpRequest, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createFetchHandler } from '../src/create-proxy.ts';
import { nodeServer } from '../src/node-server.ts';
import type { SyncableHandler } from '../src/request-pipeline.ts';
import { createProxy, signSession, type ProxyConfig, type ProxyLogEntry, type SessionClaims } from '../src/index.ts';

export const SECRETS = {
  sessionSecret: 'test-SECRET-session-key-0123456789-abcdef',
  csomniSiteToken: 'site_SECRETcsomni123',
  algonomyTenantHash: 'tenantSECREThash42',
  algonomyOauthKeySecret: 'oauthSECRETkey9876',
  giosgApiToken: 'giosgSECRETapitoken77',
} as const;

export const BASES = {
  csomniBaseUrl: 'http://csomni.test/api',
  algonomyBaseUrl: 'http://algonomy.test/rcdpapi',
  giosgBaseUrl: 'http://giosg.test',
} as const;

export const ORIGIN = 'https://shop.example';
export const PROXY = 'http://proxy.test';

export const ANA: SessionClaims = {
  sub: 'customer-ana',
  csomni: { customerToken: 'cs_ana' },
  algonomy: { gcrId: 'gcr-1001', email: 'ana@example.com' },
  giosg: { visitorId: 'visitorAna01', orgId: 'org1', chatIds: ['chatAna'] },
};
export const BEN: SessionClaims = {
  sub: 'customer-ben',
  csomni: { customerToken: 'cs_ben' },
  algonomy: { gcrId: 'gcr-2002' },
  giosg: { visitorId: 'visitorBen02' },
};

export interface UpstreamCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  init: RequestInit | undefined;
}

export type UpstreamHandler = (call: UpstreamCall) => Response | Promise<Response>;

/** A controllable clock in milliseconds. */
export function clock(start = Date.UTC(2026, 0, 1)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

/** Resolves once `condition()` holds, polling; fails after `timeoutMs` (a hang, not a speed check). */
export async function until(
  condition: () => boolean,
  message = 'the condition never held',
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves when `release()` is called: holds fake upstream answers to make calls overlap. */
export function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * Default vendor behaviour: answers shaped like the vendors', echoing the identity it was sent
 * so tests can see whose data came back (and, like the real POST /cart, the site token).
 */
export function defaultUpstream(state: {
  listCalls: number;
  createCalls: number;
  validTokens: Set<string>;
}): UpstreamHandler {
  return (call) => {
    const { url, method, headers } = call;
    const path = url.pathname;
    if (url.host === 'csomni.test') {
      const customer = headers.customertoken ?? 'site';
      if (path === '/api/frequentlyPurchased')
        return json([{ variantToken: `vrnt_${customer}`, quantity: 1, call: ++state.listCalls }]);
      if (path === '/api/frequentlyPurchased/forceRefresh')
        return json([{ variantToken: `vrnt_${customer}`, quantity: 2, refreshed: true, call: ++state.listCalls }]);
      const product = /^\/api\/products\/([^/]+)\/full$/.exec(path);
      if (product)
        return json({
          prodToken: product[1],
          variants: [{ variantToken: 'vrnt_1', variantName: 'One' }],
          query: url.search,
        });
      if (path === '/api/cart' && method === 'POST') {
        return json({
          cartToken: `cart_${customer}`,
          siteToken: headers.token,
          customerToken: customer,
          status: 'cart retrieved',
        });
      }
      const cartprods = /^\/api\/cartprods(?:\/([^/]+))?$/.exec(path);
      if (cartprods && method === 'POST') {
        return json({
          cartToken: cartprods[1] ?? `cart_${customer}`,
          cartProdToken: 'cp_1',
          customerToken: customer,
          status: 'Prod Added',
        });
      }
      return json({ message: 'No route' }, 404);
    }
    if (url.host === 'algonomy.test') {
      if (path === '/rcdpapi/secureApi/token/profile/create') {
        state.createCalls += 1;
        const token = `algSECRETtoken_${state.createCalls}`;
        state.validTokens.add(token);
        return json({ access_token: token, expires_in: 3600 });
      }
      if (path === '/rcdpapi/api/v1/profile/b2b/productPurchased') {
        if (!state.validTokens.has(headers.access_token ?? ''))
          return json({ status: 'ERROR', message: 'Invalid access token' }, 401);
        return json({
          status: 'OK',
          message: '',
          data: { customerId: headers.gcrid ?? headers.email_address, dataList: [] },
        });
      }
      return json({ message: 'No route' }, 404);
    }
    if (url.host === 'giosg.test') {
      const visitor = /\/visitors\/([^/]+)\//.exec(path)?.[1] ?? null;
      return json({
        next: null,
        previous: null,
        results: [{ id: 'cart-1', visitor_id: visitor, path, query: url.search }],
      });
    }
    return json({ message: 'unknown host' }, 404);
  };
}

/** The proxy as the CLI serves it, on a loopback port: requests as a browser's would arrive. */
export interface NodeTransport {
  /** Sends `request` to the server (its URL's host as the Host header) and reads the answer. */
  fetch(request: Request): Promise<Response>;
  /** How many requests the node fast path answered (the rest went through the adapter). */
  readonly fastAnswers: number;
  /** The loopback port it listens on. */
  port(): Promise<number>;
  close(): Promise<void>;
}

export function nodeTransport(handler: SyncableHandler): NodeTransport {
  let fastAnswers = 0;
  const fast = handler.node;
  const counted: SyncableHandler = Object.assign((request: Request, env?: unknown) => handler(request, env), {
    node:
      fast &&
      ((incoming: Parameters<typeof fast>[0], outgoing: Parameters<typeof fast>[1]) =>
        fast(incoming, outgoing) ? (fastAnswers++, true) : false),
  });
  let server: Server | undefined;
  const listening = new Promise<number>((resolve) => {
    server = serve(
      { fetch: counted, port: 0, hostname: '127.0.0.1', createServer: nodeServer(counted) as never },
      (info) => resolve(info.port),
    ) as Server;
    server.unref();
  });
  return {
    get fastAnswers() {
      return fastAnswers;
    },
    port: () => listening,
    async fetch(request) {
      const port = await listening;
      const url = new URL(request.url);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      headers.host = url.host;
      if (body) headers['content-length'] = String(body.length);
      return new Promise<Response>((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: request.method,
            path: `${url.pathname}${url.search}`,
            headers,
            agent: false,
          },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('error', reject);
            incoming.on('end', () => {
              const answered = new Headers();
              for (let index = 0; index < incoming.rawHeaders.length; index += 2)
                answered.append(incoming.rawHeaders[index], incoming.rawHeaders[index + 1]);
              const status = incoming.statusCode ?? 0;
              const empty = [204, 205, 304].includes(status) || request.method === 'HEAD';
              resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: answered }));
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    },
    close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

export interface Harness {
  /**
   * Calls the proxy. Over the node transport, a call with `env` (a stand-in for the adapter's
   * `{ incoming }`, to give a socket address or none) or to an https: URL goes to the fetch
   * handler itself.
   */
  proxy: (request: Request, env?: unknown) => Promise<Response>;
  /** Requests the node fast path answered (0 unless PROXY_TRANSPORT=node). */
  fastAnswers(): number;
  calls: UpstreamCall[];
  logs: ProxyLogEntry[];
  clock: ReturnType<typeof clock>;
  state: { listCalls: number; createCalls: number; validTokens: Set<string> };
  /** Calls the proxy with a path below it. */
  request(path: string, init?: RequestInit & { session?: SessionClaims | string }): Promise<Response>;
  session(claims: SessionClaims, options?: { expiresIn?: number }): Promise<string>;
}

/** A proxy with every source on, wired to the fake upstream (or `upstream` in front of it). */
export function harness(overrides: Partial<ProxyConfig> = {}, upstream?: UpstreamHandler): Harness {
  const calls: UpstreamCall[] = [];
  const logs: ProxyLogEntry[] = [];
  const time = clock();
  const state = { listCalls: 0, createCalls: 0, validTokens: new Set<string>() };
  const fallback = defaultUpstream(state);
  const fetchFake: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const call: UpstreamCall = {
      url: new URL(request.url),
      method: request.method,
      headers,
      body: await request.text(),
      init,
    };
    calls.push(call);
    return (upstream ? await upstream(call) : undefined) ?? fallback(call);
  };
  const config: ProxyConfig = {
    ...SECRETS,
    ...BASES,
    // The fake vendors' hosts (`csomni.test`) are http: and never reached over a network.
    allowInsecureUpstream: true,
    allowedOrigins: [ORIGIN],
    rateLimitMax: 0,
    fetch: fetchFake,
    now: time.now,
    logger: (entry) => logs.push(entry),
    ...overrides,
  };
  let proxy: Harness['proxy'];
  let fastAnswers = () => 0;
  if (process.env.PROXY_TRANSPORT === 'node') {
    const handler = createFetchHandler(config);
    const transport = nodeTransport(handler);
    // An https: URL cannot arrive over this plain-HTTP loopback: it goes to the handler itself.
    proxy = async (request, env) =>
      env === undefined && request.url.startsWith('http:') ? transport.fetch(request) : handler(request, env);
    fastAnswers = () => transport.fastAnswers;
  } else {
    proxy = createProxy(config);
  }
  const session = (claims: SessionClaims, options: { expiresIn?: number } = {}) =>
    signSession(claims, overrides.sessionSecret ?? SECRETS.sessionSecret, { now: time.now(), ...options });
  return {
    proxy,
    fastAnswers,
    calls,
    logs,
    clock: time,
    state,
    session,
    async request(path, init = {}) {
      const { session: claims, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (claims) headers.set('authorization', `Bearer ${typeof claims === 'string' ? claims : await session(claims)}`);
      return proxy(new Request(`${PROXY}${path}`, { ...rest, headers }));
    },
  };
}

/**
 * Lets a request run on fake timers (real I/O and promises, no fake time) until `done()`, for at
 * most `ms` of real time. A count of event-loop turns is no bound: how many the proxy needs
 * before its first vendor call (a session's signature checked, on a cold start) varies by
 * machine, and time advanced before that call is made passes it by.
 */
export async function settle(done: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((resolve) => setImmediate(resolve));
}

export const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Base64url of a JSON value, for hand-built tokens. */
export const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
