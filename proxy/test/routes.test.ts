import { describe, expect, it, vi } from 'vitest';
import { ANA, BEN, SECRETS, harness, post, settle, type Harness } from './helpers.ts';

/**
 * A request whose route calls the vendor twice in turn under one `UPSTREAM_TIMEOUT_MS` of 1000 ms,
 * on a faked clock: the first call (`first.path`) answers `first.answer` after 700 ms, the second
 * (`second`) never answers. When the second went out and was aborted (ms after the request), and
 * whether the proxy answered within the limit, and with what.
 */
async function twoCallsInOneLimit(
  first: { path: string; answer: unknown },
  second: string,
  request: (h: Harness) => Promise<Response>,
): Promise<{ sent: number; aborted: number; answeredInTime: boolean; response: Response }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  try {
    const at = { sent: NaN, aborted: NaN };
    const h = harness({ upstreamTimeoutMs: 1000 }, (call) => {
      if (call.url.pathname === first.path)
        return new Promise((resolve) => setTimeout(() => resolve(Response.json(first.answer)), 700));
      if (call.url.pathname === second) {
        at.sent = performance.now();
        return new Promise((_, reject) =>
          call.init?.signal?.addEventListener('abort', () => {
            at.aborted = performance.now();
            reject(new DOMException('aborted', 'AbortError'));
          }),
        );
      }
      return undefined as unknown as Response;
    });
    const start = performance.now();
    let response: Response | undefined;
    const pending = request(h).then((answered) => (response = answered));
    await settle(() => h.calls.length === 1);
    await vi.advanceTimersByTimeAsync(700);
    await settle(() => !Number.isNaN(at.sent));
    await vi.advanceTimersByTimeAsync(300);
    await settle(() => response !== undefined);
    const answeredInTime = response !== undefined;
    await vi.advanceTimersByTimeAsync(1000); // a time limit per call would end the second call only now
    await pending;
    return { sent: at.sent - start, aborted: at.aborted - start, answeredInTime, response: response! };
  } finally {
    vi.useRealTimers();
  }
}

const VISITOR_CARTS = '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts';
const PURCHASED = '/algonomy/api/v1/profile/b2b/productPurchased';

describe('the allowlist', () => {
  it('forwards each listed route to its vendor path on the configured host', async () => {
    const h = harness();
    const cases: [string, RequestInit, string][] = [
      ['/csomni/frequentlyPurchased', {}, 'GET http://csomni.test/api/frequentlyPurchased'],
      ['/csomni/frequentlyPurchased/forceRefresh', {}, 'GET http://csomni.test/api/frequentlyPurchased/forceRefresh'],
      ['/csomni/products/prod_oatmilk/full', {}, 'GET http://csomni.test/api/products/prod_oatmilk/full'],
      ['/csomni/cart', { method: 'POST' }, 'POST http://csomni.test/api/cart'],
      ['/csomni/cartprods', post({ prodToken: 'vrnt_1' }), 'POST http://csomni.test/api/cartprods'],
      [
        '/csomni/cartprods/cart_cs_ana',
        post({ prodToken: 'vrnt_1' }),
        'POST http://csomni.test/api/cartprods/cart_cs_ana',
      ],
      [PURCHASED, post({ page: 1 }), 'POST http://algonomy.test/rcdpapi/api/v1/profile/b2b/productPurchased'],
      [VISITOR_CARTS, {}, `GET http://giosg.test/api/v5/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts`],
      [
        `${VISITOR_CARTS}/cart-1/products`,
        {},
        'GET http://giosg.test/api/v5/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts/cart-1/products',
      ],
      [
        '/giosg/api/v5/users/user1/rooms/room1/visitors/visitorAna01/shopping_carts',
        {},
        'GET http://giosg.test/api/v5/users/user1/rooms/room1/visitors/visitorAna01/shopping_carts',
      ],
      ...(['owned', 'involved', 'routed'] as const).flatMap((type): [string, RequestInit, string][] => [
        [
          `/giosg/api/v5/orgs/org1/${type}_chats/chatAna/shopping_carts`,
          {},
          `GET http://giosg.test/api/v5/orgs/org1/${type}_chats/chatAna/shopping_carts`,
        ],
        [
          `/giosg/api/v5/orgs/org1/${type}_chats/chatAna/shopping_carts/cart-1/products`,
          {},
          `GET http://giosg.test/api/v5/orgs/org1/${type}_chats/chatAna/shopping_carts/cart-1/products`,
        ],
      ]),
    ];
    for (const [path, init, expected] of cases) {
      const before = h.calls.length;
      const response = await h.request(path, { ...init, session: ANA });
      expect(response.status, path).toBe(200);
      const call = h.calls.at(-1)!;
      expect(`${call.method} ${call.url.origin}${call.url.pathname}`, path).toBe(expected);
      expect(h.calls.length - before, path).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers 404 for every other path and makes no upstream call', async () => {
    const h = harness();
    for (const path of [
      '/',
      '/csomni',
      '/csomni/settings',
      '/csomni/cart/extra',
      '/csomni/frequentlyPurchased/',
      '/csomni/frequentlyPurchased/forceRefresh/now',
      '/csomni/products/prod_1',
      '/csomni/customers',
      '/algonomy/api/v1/profile/b2b/customers',
      '/algonomy/secureApi/token/profile/create',
      '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorAna01',
      '/giosg/api/v5/users/user1/rooms/room1/visitors/visitorAna01/shopping_carts/cart-1/products',
      '/giosg/api/v5/orgs/org1/other_chats/chatAna/shopping_carts',
      '/giosg/api/v4/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts',
      '/other/frequentlyPurchased',
    ]) {
      const response = await h.request(path, { session: ANA });
      expect(response.status, path).toBe(404);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('answers 405 with Allow for a listed path and another method', async () => {
    const h = harness();
    for (const [path, method, allow] of [
      ['/csomni/frequentlyPurchased', 'POST', 'GET, HEAD'],
      ['/csomni/frequentlyPurchased', 'DELETE', 'GET, HEAD'],
      ['/csomni/cart', 'GET', 'POST'],
      ['/csomni/cartprods/cart_cs_ana', 'DELETE', 'POST'],
      ['/csomni/cartprods/cart_cs_ana', 'PUT', 'POST'],
      [PURCHASED, 'GET', 'POST'],
      [VISITOR_CARTS, 'PATCH', 'GET, HEAD'],
      [VISITOR_CARTS, 'OPTIONS', 'GET, HEAD'],
    ] as const) {
      const response = await h.request(path, { method, session: ANA });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('answers 404 for a source whose settings are missing', async () => {
    const h = harness({ giosgApiToken: undefined, algonomyTenantHash: undefined });
    const carts = await h.request(VISITOR_CARTS, { session: ANA });
    expect(carts.status).toBe(404);
    // The widget's widget-error carries this message: the merchant learns the cause.
    expect(await carts.json()).toEqual({ message: 'giosg is not set up on this proxy' });
    const purchased = await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(purchased.status).toBe(404);
    expect(await purchased.json()).toEqual({ message: 'algonomy is not set up on this proxy' });
    // A path outside every source is still just not found.
    expect(await (await h.request('/nothing/here')).json()).toEqual({ message: 'Not found' });
    const health = await (await h.request('/healthz')).json();
    expect(health).toEqual({ ok: true, sources: { csomni: true, algonomy: false, giosg: false } });
    expect(h.calls).toHaveLength(0);
  });

  it('is mounted under basePath and answers nothing outside it', async () => {
    const h = harness({ basePath: '/proxy' });
    expect((await h.request('/proxy/csomni/frequentlyPurchased')).status).toBe(200);
    expect((await h.request('/csomni/frequentlyPurchased')).status).toBe(404);
    expect((await h.request('/proxyx/csomni/frequentlyPurchased')).status).toBe(404);
    expect((await h.request('/proxy/healthz')).status).toBe(200);
    expect(h.calls).toHaveLength(1);
  });
});

describe('path traversal and request-target tricks', () => {
  const attempts = [
    '/csomni/../admin',
    '/csomni/products/../../../admin/full',
    '/csomni/products/..%2f..%2fsettings/full',
    '/csomni/products/..%2F..%2Fsettings/full',
    '/csomni/products/%2e%2e%2fsettings/full',
    '/csomni/products/%2E%2E/settings',
    '/csomni/products/.%2e/full',
    '/csomni/products/%2e%2e/full',
    '/csomni/products/%252e%252e%252fsettings/full',
    '/csomni/products/%25252e%25252e/full',
    '/csomni/products/..%5csettings/full',
    '/csomni/products/%5c..%5c..%5csettings/full',
    '/csomni/products/..\\..\\settings/full',
    '/csomni/products/prod_1%2f..%2f..%2fsettings/full',
    '/csomni/products/%c0%ae%c0%ae%c0%af/full',
    '/csomni/products/%00/full',
    '/csomni/products/prod%0d%0aHost:%20evil/full',
    '/csomni/products/prod_1;x/full',
    '/csomni/products/prod%20one/full',
    '/csomni/products/http:%2f%2fevil.example/full',
    '/csomni/products/@evil.example/full',
    '/csomni//frequentlyPurchased',
    '//evil.example/csomni/frequentlyPurchased',
    '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts/' +
      '..%2f..%2f..%2fvisitors%2fvisitorBen02%2fshopping_carts/products',
    '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorAna01%2f..%2fvisitorBen02/shopping_carts',
    '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorBen02%2e/shopping_carts',
  ];

  it('never reaches the vendor through an encoded or literal traversal', async () => {
    const h = harness();
    for (const path of attempts) {
      const response = await h.request(path, { session: ANA });
      expect([400, 404], path).toContain(response.status);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('builds the upstream URL from the configured base, whatever the request URL and Host say', async () => {
    const h = harness();
    const response = await h.proxy(
      new Request('http://evil.example:8080/csomni/frequentlyPurchased', {
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example' },
      }),
    );
    expect(response.status).toBe(200);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].url.href).toBe('http://csomni.test/api/frequentlyPurchased');
  });

  it('passes giosg cursors and page sizes through, re-encoded; drops every other parameter', async () => {
    const h = harness();
    await h.request(`${VISITOR_CARTS}?cursor=cD0yMDE5LTA2LTEz&page_size=5`, { session: ANA });
    expect(h.calls.at(-1)!.url.search).toBe('?cursor=cD0yMDE5LTA2LTEz&page_size=5');
    // Scope is in the path; nothing else a next link does not carry reaches giosg.
    await h.request(`${VISITOR_CARTS}?cursor=c1&visitor_id=v2&organization=o2&cur%0asor=1&a%5B%5D=1`, { session: ANA });
    expect(h.calls.at(-1)!.url.search).toBe('?cursor=c1');
    await h.request('/csomni/frequentlyPurchased?customerToken=cs_victim&token=x', { session: BEN });
    expect(h.calls.at(-1)!.url.search).toBe('');
    await h.request('/csomni/products/prod_1/full?responseData=firstVariant&customerToken=cs_victim');
    expect(h.calls.at(-1)!.url.search).toBe('?responseData=firstVariant');
    const before = h.calls.length;
    for (const query of ['?cursor=a%0d%0ab', `?cursor=${'x'.repeat(3000)}`, '?page_size=%00']) {
      expect((await h.request(`${VISITOR_CARTS}${query}`, { session: ANA })).status, query).toBe(400);
    }
    expect(h.calls.length).toBe(before);
  });
});

describe('identity comes only from the session', () => {
  it('strips every customer and credential header the page sent and adds the vendor’s', async () => {
    const h = harness();
    const pageHeaders = {
      token: 'site_page',
      customerToken: 'cs_victim',
      gcrId: 'gcr-victim',
      email_address: 'victim@example.com',
      mobile_number: '555',
      customer_code_external: 'victim',
      access_token: 'page-token',
      tenant_hash: 'page-tenant',
      cookie: 'sid=victim',
      'x-forwarded-for': '10.0.0.1',
      'x-api-key': 'k',
    };
    await h.request('/csomni/frequentlyPurchased', { headers: pageHeaders, session: ANA });
    await h.request(PURCHASED, { ...post({ page: 1, gcrId: 'gcr-victim' }, pageHeaders), session: ANA });
    await h.request(VISITOR_CARTS, { headers: pageHeaders, session: ANA });
    const [csomni, algonomyToken, algonomy, giosg] = h.calls;
    expect(csomni.headers).toEqual({
      accept: 'application/json',
      token: SECRETS.csomniSiteToken,
      customertoken: 'cs_ana',
    });
    expect(algonomyToken.url.pathname).toBe('/rcdpapi/secureApi/token/profile/create');
    expect(algonomy.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      access_token: 'algSECRETtoken_1',
      tenant_hash: SECRETS.algonomyTenantHash,
      gcrid: 'gcr-1001',
      email_address: 'ana@example.com',
    });
    expect(JSON.parse(algonomy.body)).toEqual({ page: 1 });
    expect(giosg.headers).toEqual({ accept: 'application/json', authorization: `Token ${SECRETS.giosgApiToken}` });
  });

  it('serves the site-wide CS Omni list without a session and the customer’s list with one', async () => {
    const h = harness();
    const site = await (await h.request('/csomni/frequentlyPurchased')).json();
    const ana = await (await h.request('/csomni/frequentlyPurchased', { session: ANA })).json();
    expect(site[0].variantToken).toBe('vrnt_site');
    expect(ana[0].variantToken).toBe('vrnt_cs_ana');
    expect(h.calls[0].headers.customertoken).toBeUndefined();
  });

  it('serves products without a session and without customer identity', async () => {
    const h = harness();
    const response = await h.request('/csomni/products/prod_oatmilk/full', { session: ANA });
    expect(response.status).toBe(200);
    expect(h.calls[0].headers.customertoken).toBeUndefined();
  });

  it('answers 403 for another visitor’s giosg carts, or a session without a visitor', async () => {
    const h = harness();
    const other = '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorBen02/shopping_carts';
    expect((await h.request(other, { session: ANA })).status).toBe(403);
    expect((await h.request(`${other}/cart-1/products`, { session: ANA })).status).toBe(403);
    expect(
      (await h.request('/giosg/api/v5/users/user1/rooms/room1/visitors/visitorBen02/shopping_carts', { session: ANA }))
        .status,
    ).toBe(403);
    expect((await h.request(VISITOR_CARTS, { session: { sub: 'no-giosg' } })).status).toBe(403);
    expect(h.calls).toHaveLength(0);
    expect((await h.request(other, { session: BEN })).status).toBe(200);
  });

  it('org scopes need giosg.orgId matching the path and the chat in giosg.chatIds', async () => {
    const h = harness();
    const path = (org: string, chat: string) => `/giosg/api/v5/orgs/${org}/routed_chats/${chat}/shopping_carts`;
    expect((await h.request(path('org1', 'chatAna'), { session: ANA })).status).toBe(200);
    expect((await h.request(path('org2', 'chatAna'), { session: ANA })).status).toBe(403);
    expect((await h.request(path('org1', 'chatOther'), { session: ANA })).status).toBe(403);
    expect((await h.request(path('org1', 'chatAna'), { session: { sub: 'x', giosg: { orgId: 'org1' } } })).status).toBe(
      403,
    );
    expect((await h.request(path('org1', 'chatAna'), { session: BEN })).status).toBe(403);
    expect(h.calls).toHaveLength(1);
  });

  it("org scopes read only the lines of a cart of the session's own chat, following every list page", async () => {
    // Two pages of chatAna's carts; cart-other belongs to another chat of the same organization.
    const h = harness({}, (call) => {
      const path = call.url.pathname;
      if (path === '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts') {
        return call.url.searchParams.get('cursor') === 'p2'
          ? Response.json({ next: null, previous: null, results: [{ id: 'cart-2' }] })
          : Response.json({
              next: 'https://service.giosg.com/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts?cursor=p2',
              previous: null,
              results: [{ id: 'cart-1' }],
            });
      }
      if (path.endsWith('/products'))
        return Response.json({ next: null, previous: null, results: [{ id: 'line-1', path }] });
      return undefined as unknown as Response;
    });
    const lines = (cart: string) =>
      h.request(`/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/${cart}/products`, { session: ANA });
    expect((await lines('cart-2')).status).toBe(200);
    expect((await lines('cart-1')).status).toBe(200);
    expect((await lines('cart-other')).status).toBe(404);
    // Asked again at once, the missing id costs no new read.
    expect((await lines('cart-other')).status).toBe(404);
    const asked = () => h.calls.map((call) => `${call.url.pathname}${call.url.search}`);
    expect(asked().filter((path) => path.endsWith('/products'))).toEqual([
      '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/cart-2/products',
      '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/cart-1/products',
    ]);
    const listReads = [
      '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts',
      '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts?cursor=p2',
    ];
    // The list is read (both pages) once: just read, it answers for the unknown id too...
    expect(asked().filter((path) => !path.endsWith('/products'))).toEqual(listReads);
    // ...and is read again for it once 10 s have passed.
    h.clock.advance(10_000);
    expect((await lines('cart-other')).status).toBe(404);
    expect(asked().filter((path) => !path.endsWith('/products'))).toEqual([...listReads, ...listReads]);
  });

  it("org scopes read a chat's list at most once in 10 s, however many unknown cart ids are asked", async () => {
    // Three pages of chatAna's carts, counted.
    let listPages = 0;
    let carts = ['cart-0', 'cart-1', 'cart-2'];
    const h = harness({}, (call) => {
      const path = call.url.pathname;
      if (path === '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts') {
        listPages += 1;
        const page = Number(call.url.searchParams.get('cursor') ?? '0');
        const next = page < 2 ? `http://giosg.test${path}?cursor=${page + 1}` : null;
        return Response.json({ next, previous: null, results: [{ id: carts[page] }] });
      }
      if (path.endsWith('/products')) return Response.json({ next: null, previous: null, results: [] });
      return undefined as unknown as Response;
    });
    const token = await h.session(ANA);
    const lines = (cart: string) =>
      h.request(`/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/${cart}/products`, { session: token });
    expect((await lines('cart-0')).status).toBe(200);
    expect(listPages).toBe(3);
    for (let i = 0; i < 20; i++) expect((await lines(`bogus-${i}`)).status).toBe(404);
    expect(listPages).toBe(3);
    // Concurrent ones, too.
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => lines(`other-${i}`).then((response) => response.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect(listPages).toBe(3);
    // 10 s on, one more read serves every unknown id, and finds a cart that is new since.
    h.clock.advance(10_000);
    carts = ['cart-0', 'cart-1', 'cart-new'];
    const later = await Promise.all(
      Array.from({ length: 20 }, (_, i) => lines(`again-${i}`).then((response) => response.status)),
    );
    expect(new Set(later)).toEqual(new Set([404]));
    for (let i = 0; i < 20; i++) expect((await lines(`more-${i}`)).status).toBe(404);
    expect(listPages).toBe(6);
    expect((await lines('cart-new')).status).toBe(200);
    expect(listPages).toBe(6);
  });

  it("org scopes give a chat's list read one time limit for all its pages (504)", async () => {
    let listPages = 0;
    const h = harness({ upstreamTimeoutMs: 150 }, async (call) => {
      const path = call.url.pathname;
      if (path !== '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts') return undefined as unknown as Response;
      listPages += 1;
      // Each page answers well within the time limit, but the `next` chain never ends.
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 60);
        call.init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
      const page = Number(call.url.searchParams.get('cursor') ?? '0');
      return Response.json({
        next: `http://giosg.test${path}?cursor=${page + 1}`,
        previous: null,
        results: [{ id: `cart-${page}` }],
      });
    });
    const response = await h.request('/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/cart-x/products', {
      session: ANA,
    });
    expect(response.status).toBe(504);
    expect(listPages).toBeLessThanOrEqual(3);
    expect(h.calls.some((call) => call.url.pathname.endsWith('/products'))).toBe(false);
  });

  // In-process only: the clock is faked, and the loopback HTTP of the Node transport runs on real time.
  it.skipIf(process.env.PROXY_TRANSPORT === 'node')(
    'org scopes give the cart check and the lines read one time limit: the lines get what the check left (504)',
    async () => {
      const { sent, aborted, answeredInTime, response } = await twoCallsInOneLimit(
        {
          path: '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts',
          answer: { next: null, previous: null, results: [{ id: 'cart-1' }] },
        },
        '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/cart-1/products',
        (h) =>
          h.request('/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/cart-1/products', { session: ANA }),
      );
      expect(sent, 'the lines are asked for when the list answers').toBe(700);
      expect(aborted, 'the lines read is given the 300 ms left').toBe(1000);
      expect(answeredInTime, 'answered within the one time limit').toBe(true);
      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({ message: 'The vendor did not answer in time' });
    },
  );

  it('org scopes take a one-page cart list the page asked for as the list to check lines against', async () => {
    const h = harness({}, (call) => {
      if (call.url.pathname === '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts')
        return Response.json({ next: null, previous: null, results: [{ id: 'cart-1' }, { id: 7 }] });
      if (call.url.pathname.endsWith('/products')) return Response.json({ next: null, previous: null, results: [] });
      return undefined as unknown as Response;
    });
    expect(
      (await h.request('/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts', { session: ANA })).status,
    ).toBe(200);
    expect(
      (await h.request('/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/7/products', { session: ANA }))
        .status,
    ).toBe(200);
    expect(h.calls.map((call) => call.url.pathname)).toEqual([
      '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts',
      '/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts/7/products',
    ]);
  });

  it('CS Omni cart routes need a customer token; a session without one is 403', async () => {
    const h = harness();
    expect((await h.request('/csomni/cart', { method: 'POST', session: { sub: 'x' } })).status).toBe(403);
    expect((await h.request(PURCHASED, { ...post({}), session: { sub: 'x' } })).status).toBe(403);
    expect(h.calls).toHaveLength(0);
  });

  it('adds to a cart only when it is the session customer’s own (403 for another’s)', async () => {
    const h = harness();
    const own = await h.request('/csomni/cartprods/cart_cs_ana', {
      ...post({ prodToken: 'vrnt_1', cartProdQuantity: '2' }),
      session: ANA,
    });
    expect(own.status).toBe(200);
    expect(JSON.parse(h.calls.at(-1)!.body)).toEqual({ prodToken: 'vrnt_1', cartProdQuantity: 2 });
    const before = h.calls.length;
    const theirs = await h.request('/csomni/cartprods/cart_cs_ben', { ...post({ prodToken: 'vrnt_1' }), session: ANA });
    expect(theirs.status).toBe(403);
    // The ownership look-up may ask CS Omni for Ana's cart, but never touches Ben's.
    expect(h.calls.slice(before).every((call) => call.url.pathname === '/api/cart')).toBe(true);
  });

  it('takes any 2xx as the cart of the ownership check, and never answers an add with the cart call', async () => {
    // CS Omni answering `POST /cart` with 201 instead of 200.
    const created = harness({}, (call) =>
      call.url.pathname === '/api/cart'
        ? Response.json({ cartToken: 'cart_cs_ana', status: 'cart created' }, { status: 201 })
        : (undefined as unknown as Response),
    );
    const added = await created.request('/csomni/cartprods/cart_cs_ana', {
      ...post({ prodToken: 'vrnt_1' }),
      session: ANA,
    });
    expect(added.status).toBe(200);
    expect(created.calls.at(-1)!.url.pathname).toBe('/api/cartprods/cart_cs_ana');
    // A success that names no cart is the vendor's fault: 502, and nothing is added.
    const cartless = harness({}, (call) =>
      call.url.pathname === '/api/cart'
        ? Response.json({ status: 'ok' }, { status: 201 })
        : (undefined as unknown as Response),
    );
    const refused = await cartless.request('/csomni/cartprods/cart_cs_ana', {
      ...post({ prodToken: 'vrnt_1' }),
      session: ANA,
    });
    expect(refused.status).toBe(502);
    expect(cartless.calls.some((call) => call.url.pathname.startsWith('/api/cartprods'))).toBe(false);
  });

  // In-process only: the clock is faked, and the loopback HTTP of the Node transport runs on real time.
  it.skipIf(process.env.PROXY_TRANSPORT === 'node')(
    'gives the cart look-up and the add one time limit: the add gets what the look-up left (504)',
    async () => {
      const { sent, aborted, answeredInTime, response } = await twoCallsInOneLimit(
        { path: '/api/cart', answer: { cartToken: 'cart_cs_ana' } },
        '/api/cartprods/cart_cs_ana',
        (h) => h.request('/csomni/cartprods/cart_cs_ana', { ...post({ prodToken: 'vrnt_1' }), session: ANA }),
      );
      expect(sent, 'the add goes out when the look-up answers').toBe(700);
      expect(aborted, 'the add is given the 300 ms left').toBe(1000);
      expect(answeredInTime, 'answered within the one time limit').toBe(true);
      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({ message: 'The vendor did not answer in time' });
    },
  );

  it('hides the site token and customer token that CS Omni echoes in cart answers', async () => {
    const h = harness();
    const response = await h.request('/csomni/cart', { method: 'POST', session: ANA });
    expect(await response.json()).toEqual({ cartToken: 'cart_cs_ana', status: 'cart retrieved' });
  });
});

describe('request bodies', () => {
  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const h = harness();
    const big = JSON.stringify({ prodToken: 'vrnt_1', pad: 'x'.repeat(17 * 1024) });
    expect((await h.request('/csomni/cartprods', { ...post(big), session: ANA })).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await h.request(PURCHASED, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
      session: ANA,
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await h.request('/csomni/cart', { ...post(big), session: ANA })).status).toBe(413);
    expect(h.calls).toHaveLength(0);
  });

  it('answers 415 for a body that is not JSON, 400 for broken or unexpected JSON', async () => {
    const h = harness();
    const form = await h.request('/csomni/cartprods', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"prodToken":"vrnt_1"}',
      session: ANA,
    });
    expect(form.status).toBe(415);
    for (const body of [
      '{"prodToken":',
      '[1,2]',
      '{"prodToken":"../x"}',
      '{"prodToken":"vrnt_1","cartProdQuantity":-1}',
      '{"prodToken":"vrnt_1","cartProdQuantity":"1e3"}',
    ]) {
      expect((await h.request('/csomni/cartprods', { ...post(body), session: ANA })).status, body).toBe(400);
    }
    for (const body of ['{"page":0}', '{"pageSize":"20"}', '{"lastKey":[1]}', '{"lastKey":{"a\\r\\nb":1}}']) {
      expect((await h.request(PURCHASED, { ...post(body), session: ANA })).status, body).toBe(400);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('forwards only the fields a vendor call takes', async () => {
    const h = harness();
    await h.request(PURCHASED, {
      ...post({
        page: 2,
        pageSize: 20,
        lastKey: { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 5 },
        gcrId: 'gcr-victim',
        email_address: 'x',
      }),
      session: ANA,
    });
    expect(JSON.parse(h.calls.at(-1)!.body)).toEqual({
      page: 2,
      pageSize: 20,
      lastKey: { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 5 },
    });
  });
});
