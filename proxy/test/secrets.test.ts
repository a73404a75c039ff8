import { describe, expect, it } from 'vitest';
import { ANA, BEN, ORIGIN, PROXY, SECRETS, harness, post, type UpstreamCall } from './helpers.ts';

/**
 * Every configured secret in these tests (and every Algonomy token the fake vendor creates)
 * contains the marker "SECRET", so one search over everything the proxy emitted finds any leak.
 */
const MARKER = 'SECRET';

describe('secrets never leave the proxy', () => {
  it('no response body, response header or log line holds a secret, across a batch of requests', async () => {
    let round = 0;
    // A vendor that echoes credentials wherever it can: bodies, messages, headers.
    const leaky = (call: UpstreamCall): Response => {
      round += 1;
      const { token, authorization, access_token, tenant_hash } = call.headers;
      const echo = `${token ?? ''} ${authorization ?? ''} ${access_token ?? ''} ${tenant_hash ?? ''}`;
      const headers = { 'x-debug-auth': echo.trim() || 'none', 'set-cookie': `s=${echo.trim()}` };
      if (call.url.pathname.endsWith('/products/prod_leak/full'))
        return Response.json({ message: `bad token ${echo}` }, { status: 403, headers });
      if (call.url.pathname.endsWith('/products/prod_html/full'))
        return new Response(`<pre>${echo}</pre>`, { status: 500, headers });
      if (call.url.host === 'giosg.test' && call.url.search.includes('leak'))
        return Response.json({ results: [{ note: echo }] }, { headers });
      if (call.url.pathname.endsWith('/productPurchased') && round % 3 === 0)
        return Response.json({ message: `expired ${echo}` }, { status: 401, headers });
      return undefined as unknown as Response;
    };
    const h = harness({ rateLimitMax: 40 }, leaky);
    const ana = await h.session(ANA);
    const ben = await h.session(BEN);
    const carts = '/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts';
    const requests: [string, RequestInit & { session?: string }][] = [
      ['/healthz', {}],
      ['/csomni/frequentlyPurchased', {}],
      ['/csomni/frequentlyPurchased', { session: ana }],
      ['/csomni/frequentlyPurchased/forceRefresh', { session: ana }],
      ['/csomni/products/prod_1/full?responseData=firstVariant', {}],
      ['/csomni/products/prod_leak/full', {}],
      ['/csomni/products/prod_html/full', {}],
      ['/csomni/cart', { method: 'POST', session: ana }],
      ['/csomni/cartprods', { ...post({ prodToken: 'vrnt_1' }), session: ana }],
      ['/csomni/cartprods/cart_cs_ana', { ...post({ prodToken: 'vrnt_1', cartProdQuantity: 2 }), session: ana }],
      ['/csomni/cartprods/cart_cs_ben', { ...post({ prodToken: 'vrnt_1' }), session: ana }],
      ...Array.from({ length: 6 }, (_, i): [string, RequestInit & { session?: string }] => [
        '/algonomy/api/v1/profile/b2b/productPurchased',
        { ...post({ page: i + 1 }), session: i % 2 ? ben : ana },
      ]),
      [`${carts}?cursor=abc123`, { session: ana }],
      [`${carts}?leak=1`, { session: ana }],
      [`${carts}/cart-1/products`, { session: ana }],
      ['/giosg/api/v5/users/u1/chats/c1/visitors/visitorBen02/shopping_carts', { session: ana }],
      ['/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts', { session: ana }],
      ['/csomni/cart', { method: 'POST', session: 'forged.token.value' }],
      ['/csomni/cart', { method: 'GET' }],
      ['/csomni/../secureApi/token/profile/create', {}],
      ['/algonomy/secureApi/token/profile/create', { method: 'POST' }],
      ['/csomni/frequentlyPurchased', { headers: { origin: 'https://evil.example' } }],
      ['/csomni/cartprods', { ...post('x'.repeat(20_000)), session: ana }],
    ];
    const seen: string[] = [];
    const record = async (response: Response) => {
      seen.push(`${response.status} ${await response.text()}`);
      response.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
    };
    for (const [path, init] of requests)
      await record(
        await h.request(path, { ...init, headers: { origin: ORIGIN, ...(init.headers as Record<string, string>) } }),
      );
    await record(
      await h.proxy(
        new Request(`${PROXY}/csomni/cart`, {
          method: 'OPTIONS',
          headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
        }),
      ),
    );
    // Past the rate limit, too.
    for (let i = 0; i < 45; i++) await record(await h.request('/csomni/frequentlyPurchased', { session: ben }));
    expect(seen.some((line) => line.startsWith('429'))).toBe(true);

    // The vendor really was handed the secrets (so the test can fail)...
    const sent = JSON.stringify(h.calls.map((call) => call.headers));
    for (const secret of [
      SECRETS.csomniSiteToken,
      SECRETS.giosgApiToken,
      SECRETS.algonomyTenantHash,
      SECRETS.algonomyOauthKeySecret,
      'algSECRETtoken_1',
    ]) {
      expect(sent).toContain(secret);
    }
    // ...and echoed them back...
    expect(h.calls.length).toBeGreaterThan(10);
    // ...yet none of it reached a response or a log line.
    const logLines = h.logs.map((entry) => JSON.stringify(entry));
    expect(logLines.length).toBeGreaterThanOrEqual(requests.length);
    for (const line of [...seen, ...logLines]) expect(line).not.toContain(MARKER);
    expect(seen.join('\n')).not.toContain(SECRETS.sessionSecret);
  });

  it('log lines carry the route pattern, never identifiers, query strings or session tokens', async () => {
    const h = harness();
    const token = await h.session(ANA);
    await h.request(
      '/giosg/api/v5/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts?cursor=c2VjcmV0Y3Vyc29y',
      { session: token },
    );
    await h.request('/csomni/frequentlyPurchased', { session: token });
    await h.request('/csomni/products/prod_oatmilk/full');
    await h.request('/algonomy/api/v1/profile/b2b/productPurchased', { ...post({}), session: token });
    const text = h.logs.map((entry) => JSON.stringify(entry)).join('\n');
    for (const identifier of [
      'visitorAna01',
      'user1',
      'chat1',
      'c2VjcmV0Y3Vyc29y',
      'cs_ana',
      'gcr-1001',
      'ana@example.com',
      'customer-ana',
      'prod_oatmilk',
      token,
    ]) {
      expect(text).not.toContain(identifier);
    }
    const requestsLogged = h.logs.filter((entry) => entry.method);
    expect(requestsLogged.map((entry) => entry.route)).toEqual([
      '/giosg/api/v5/users/:user/chats/:chat/visitors/:visitor/shopping_carts',
      '/csomni/frequentlyPurchased',
      '/csomni/products/:token/full',
      '/algonomy/api/v1/profile/b2b/productPurchased',
    ]);
    for (const entry of requestsLogged) {
      expect(entry).toEqual(
        expect.objectContaining({
          time: expect.any(String),
          method: expect.any(String),
          status: 200,
          ms: expect.any(Number),
        }),
      );
    }
    expect(requestsLogged[2].cache).toBe('miss');
  });

  it('a log line that would hold a secret is scrubbed on its way out', async () => {
    const { scrubbingLogger } = await import('../src/log.ts');
    const lines: unknown[] = [];
    const log = scrubbingLogger(
      (entry) => lines.push(entry),
      () => [SECRETS.giosgApiToken],
    );
    log({ level: 'error', event: 'test', detail: `Token ${SECRETS.giosgApiToken}` });
    expect(JSON.stringify(lines)).not.toContain(SECRETS.giosgApiToken);
    expect(JSON.stringify(lines)).toContain('[redacted]');
  });
});
