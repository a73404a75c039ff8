/**
 * Shared pieces for the proxy tests: a recording fake upstream for all three vendors (hosts
 * `csomni.test`, `algonomy.test`, `giosg.test`, never reached over a network), a proxy wired to
 * it with a controllable clock and a log sink, and session minting.
 */
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
export async function until(condition: () => boolean, message = 'the condition never held', timeoutMs = 10_000): Promise<void> {
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
export function defaultUpstream(state: { listCalls: number; createCalls: number; validTokens: Set<string> }): UpstreamHandler {
  return (call) => {
    const { url, method, headers } = call;
    const path = url.pathname;
    if (url.host === 'csomni.test') {
      const customer = headers.customertoken ?? 'site';
      if (path === '/api/frequentlyPurchased') return json([{ variantToken: `vrnt_${customer}`, quantity: 1, call: ++state.listCalls }]);
      if (path === '/api/frequentlyPurchased/forceRefresh') return json([{ variantToken: `vrnt_${customer}`, quantity: 2, refreshed: true, call: ++state.listCalls }]);
      const product = /^\/api\/products\/([^/]+)\/full$/.exec(path);
      if (product) return json({ prodToken: product[1], variants: [{ variantToken: 'vrnt_1', variantName: 'One' }], query: url.search });
      if (path === '/api/cart' && method === 'POST') {
        return json({ cartToken: `cart_${customer}`, siteToken: headers.token, customerToken: customer, status: 'cart retrieved' });
      }
      const cartprods = /^\/api\/cartprods(?:\/([^/]+))?$/.exec(path);
      if (cartprods && method === 'POST') {
        return json({ cartToken: cartprods[1] ?? `cart_${customer}`, cartProdToken: 'cp_1', customerToken: customer, status: 'Prod Added' });
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
        if (!state.validTokens.has(headers.access_token ?? '')) return json({ status: 'ERROR', message: 'Invalid access token' }, 401);
        return json({ status: 'OK', message: '', data: { customerId: headers.gcrid ?? headers.email_address, dataList: [] } });
      }
      return json({ message: 'No route' }, 404);
    }
    if (url.host === 'giosg.test') {
      const visitor = /\/visitors\/([^/]+)\//.exec(path)?.[1] ?? null;
      return json({ next: null, previous: null, results: [{ id: 'cart-1', visitor_id: visitor, path, query: url.search }] });
    }
    return json({ message: 'unknown host' }, 404);
  };
}

export interface Harness {
  proxy: (request: Request, env?: unknown) => Promise<Response>;
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
    const call: UpstreamCall = { url: new URL(request.url), method: request.method, headers, body: await request.text(), init };
    calls.push(call);
    return (upstream ? await upstream(call) : undefined) ?? fallback(call);
  };
  const proxy = createProxy({
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
  });
  const session = (claims: SessionClaims, options: { expiresIn?: number } = {}) =>
    signSession(claims, (overrides.sessionSecret as string | undefined) ?? SECRETS.sessionSecret, { now: time.now(), ...options });
  return {
    proxy,
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

export const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Base64url of a JSON value, for hand-built tokens. */
export const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
