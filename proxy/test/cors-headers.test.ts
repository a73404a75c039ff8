import { describe, expect, it } from 'vitest';
import { ANA, ORIGIN, PROXY, harness, post } from './helpers.ts';

const preflight = (origin: string, method = 'POST', headers = 'authorization, content-type') =>
  new Request(`${PROXY}/csomni/cartprods/cart_cs_ana`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the methods and headers the widgets use', async () => {
    const h = harness();
    const response = await h.proxy(preflight(ORIGIN));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(h.calls).toHaveLength(0);
  });

  it('refuses a preflight for other methods or headers', async () => {
    const h = harness();
    expect((await h.proxy(preflight(ORIGIN, 'DELETE'))).status).toBe(403);
    expect((await h.proxy(preflight(ORIGIN, 'POST', 'authorization, x-customer-token'))).status).toBe(403);
    expect((await h.proxy(preflight(ORIGIN, 'GET', 'cookie'))).status).toBe(403);
  });

  it('refuses a foreign origin: preflight and actual requests, no CORS headers, no upstream call', async () => {
    const h = harness();
    for (const origin of [
      'https://evil.example',
      'null',
      'https://shop.example.evil.example',
      'http://shop.example',
      'https://shop.example:444',
    ]) {
      const pre = await h.proxy(preflight(origin));
      expect(pre.status, origin).toBe(403);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await h.request('/csomni/frequentlyPurchased', { headers: { origin }, session: ANA });
      expect(actual.status, origin).toBe(403);
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
      expect(actual.headers.get('vary')).toMatch(/\bOrigin\b/);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('echoes an allowed origin (never *) and exposes Retry-After', async () => {
    const h = harness();
    const response = await h.request('/csomni/frequentlyPurchased', { headers: { origin: ORIGIN }, session: ANA });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('allows same-origin pages and clients that send no Origin', async () => {
    const h = harness({ allowedOrigins: [] });
    const same = await h.request('/csomni/cart', { method: 'POST', headers: { origin: PROXY }, session: ANA });
    expect(same.status).toBe(200);
    expect((await h.request('/csomni/frequentlyPurchased')).status).toBe(200);
    expect((await h.request('/csomni/frequentlyPurchased', { headers: { origin: ORIGIN } })).status).toBe(403);
  });

  it('behind a TLS-terminating proxy, allows the https page of the host asked over http, and no other', async () => {
    // What a Node server builds from `Host: shop.example` when the TLS ended in front of it.
    const h = harness({ basePath: '/proxy', allowedOrigins: [] });
    const call = async (url: string, origin: string) =>
      h.proxy(
        new Request(url, { method: 'POST', headers: { origin, authorization: `Bearer ${await h.session(ANA)}` } }),
      );
    const same = await call('http://shop.example/proxy/csomni/cart', 'https://shop.example');
    expect(same.status).toBe(200);
    expect(same.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await call('http://shop.example:8080/proxy/csomni/cart', 'https://shop.example:8080')).status).toBe(200);
    for (const [url, origin] of [
      ['http://shop.example/proxy/csomni/cart', 'https://evil.example'],
      ['http://shop.example/proxy/csomni/cart', 'https://shop.example:8443'],
      ['http://shop.example/proxy/csomni/cart', 'https://www.shop.example'],
      ['http://shop.example:8080/proxy/csomni/cart', 'https://shop.example'],
      // An https request does not trust the http page of its host.
      ['https://shop.example/proxy/csomni/cart', 'http://shop.example'],
    ]) {
      const refused = await call(url, origin);
      expect(refused.status, `${origin} -> ${url}`).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(h.calls).toHaveLength(2);
  });
});

describe('security headers', () => {
  it('are on every response: success, errors, preflight, health, rate limit', async () => {
    const h = harness({ rateLimitMax: 3 });
    const responses = [
      await h.request('/healthz'),
      await h.request('/csomni/frequentlyPurchased', { session: ANA }),
      await h.request('/csomni/nope'),
      await h.request('/csomni/cart'),
      await h.request('/csomni/cart', { method: 'POST' }),
      await h.proxy(preflight(ORIGIN)),
      await h.request('/csomni/cart', { method: 'POST', headers: { origin: 'https://evil.example' } }),
      await h.request('/csomni/cartprods', { ...post('x'.repeat(20_000)), session: ANA }),
    ];
    for (let i = 0; i < 3; i++) responses.push(await h.request('/csomni/frequentlyPurchased', { session: ANA }));
    expect(responses.at(-1)!.status).toBe(429);
    for (const response of responses) {
      const label = String(response.status);
      expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), label).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), label).toBe('DENY');
      expect(response.headers.get('content-security-policy'), label).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy'), label).toContain("frame-ancestors 'none'");
      expect(response.headers.get('cache-control'), label).toBeTruthy();
      expect(response.headers.get('server'), label).toBeNull();
      expect(response.headers.get('x-powered-by'), label).toBeNull();
    }
  });

  it('marks customer data private, no-store, and answers JSON', async () => {
    const h = harness();
    for (const [path, init] of [
      ['/csomni/frequentlyPurchased', {}],
      ['/csomni/cart', { method: 'POST' }],
      ['/algonomy/api/v1/profile/b2b/productPurchased', post({})],
      ['/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts', {}],
    ] as const) {
      const response = await h.request(path, { ...(init as RequestInit), session: ANA });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('private, no-store');
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    const product = await h.request('/csomni/products/prod_1/full');
    expect(product.headers.get('cache-control')).toBe('private, max-age=300');
  });
});
