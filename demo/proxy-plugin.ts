import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
// The proxy package from its source: `npm run dev` needs no build of it first.
import { createProxy, signSession, type ProxyHandler, type SessionClaims } from '../proxy/src/index.ts';
import { mockApi } from '../test/support/mocks/mock-api.ts';
import { nodeToWebHandler } from '../test/support/mocks/node-adapter.ts';

/**
 * The widget proxy on the dev server, as production would run it, with the mock vendor APIs as
 * its upstreams (called in-process, no network) and demo secrets:
 * - `/proxy/{csomni|algonomy|giosg}/…`: the proxy (`proxy-url="/proxy"`);
 * - `GET /demo-session?customer=ana`: a 1-hour customer session, as a merchant's backend would
 *   mint it (`customer-session`). Nothing here is secret: it is a demo.
 */

/** Demo only: a real deployment keeps its SESSION_SECRET out of source code. */
export const DEMO_SESSION_SECRET = 'storefront-widgets-demo-session-secret-not-for-production';

/** Vendor credentials the mocks accept (the mocks check presence, not value). */
const DEMO_CREDENTIALS = {
  csomniSiteToken: 'site_demo_storefront',
  algonomyTenantHash: 'demo-tenant-hash',
  algonomyAccessToken: 'demo-algonomy-access-token',
  giosgApiToken: 'demo-giosg-api-token',
};

// A loopback name: the proxy refuses cleartext to other hosts (the mocks are called in-process anyway).
const MOCK_BASE = 'http://mock.localhost/mock';

export const DEMO_CUSTOMERS: Readonly<Record<string, SessionClaims>> = {
  ana: {
    sub: 'demo-ana',
    csomni: { customerToken: 'cs_demo_ana' },
    algonomy: { gcrId: 'gcr-1001' },
    // The org claims let the demo's agent console (org scope) read this chat's carts. A real
    // merchant mints those for an agent's session, not a shopper's.
    giosg: {
      visitorId: '203dc5c48da911e984bc0242ac14000a',
      orgId: 'org-fernhill',
      chatIds: ['450fc49e-277e-4dd6-af0f-6e9dcb885b09'],
    },
  },
};

/** The proxy as the demo mounts it at `/proxy`. */
export function createDemoProxy(): ProxyHandler {
  return createProxy({
    basePath: '/proxy',
    sessionSecret: DEMO_SESSION_SECRET,
    csomniBaseUrl: `${MOCK_BASE}/csomni`,
    algonomyBaseUrl: `${MOCK_BASE}/algonomy`,
    giosgBaseUrl: `${MOCK_BASE}/giosg`,
    ...DEMO_CREDENTIALS,
    // The demo page calls it same-origin (always allowed); these name the default dev server
    // under both of its host names. Pages on other origins are refused, as in production.
    allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
    // One developer clicking Retry a lot is not an attack.
    rateLimitMax: 2000,
    fetch: async (input, init) => mockApi(new Request(input, init)),
    // Keep the dev server's console quiet except for proxy failures.
    logger: (entry) => {
      if (entry.level === 'error') console.warn(`[proxy] ${JSON.stringify(entry)}`);
    },
  });
}

/** `GET /demo-session?customer=<name>`: a signed 1-hour session for a demo customer. */
export async function demoSession(request: Request): Promise<Response> {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (request.method !== 'GET')
    return new Response('{"message":"Method not allowed"}', { status: 405, headers: { ...headers, allow: 'GET' } });
  const name = new URL(request.url).searchParams.get('customer') ?? 'ana';
  const claims = Object.hasOwn(DEMO_CUSTOMERS, name) ? DEMO_CUSTOMERS[name] : undefined;
  if (!claims) {
    return new Response(JSON.stringify({ message: 'Unknown demo customer', customers: Object.keys(DEMO_CUSTOMERS) }), {
      status: 404,
      headers,
    });
  }
  const expiresIn = 3600;
  const token = await signSession(claims, DEMO_SESSION_SECRET, { expiresIn });
  return new Response(
    JSON.stringify({ customer: name, token, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() }),
    { headers },
  );
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function demoSessionMiddleware(): Middleware {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://demo.local');
    if (url.pathname !== '/demo-session') return next();
    void demoSession(new Request(url, { method: req.method })).then(async (response) => {
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(await response.text());
    });
  };
}

/** Mounts the proxy at `/proxy` and the session route at `/demo-session` on the dev server. */
export function demoProxyPlugin(): Plugin {
  let middlewares: Middleware[] | undefined;
  const mount = (server: { middlewares: { use: (middleware: Middleware) => unknown } }) => {
    middlewares ??= [demoSessionMiddleware(), nodeToWebHandler(createDemoProxy(), '/proxy')];
    for (const middleware of middlewares) server.middlewares.use(middleware);
  };
  return {
    name: 'storefront-demo-proxy',
    configureServer: mount,
    configurePreviewServer: mount,
  };
}
