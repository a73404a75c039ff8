/**
 * `GET /metrics`: off by default; with a metrics token, Prometheus text for bearers of that
 * token only (or, from the CLI, on a separate METRICS_PORT), counting requests by route and
 * status, upstream latency, cache outcomes, rate-limited answers and Redis degraded time, with
 * no customer identifier anywhere in it.
 */
import { describe, expect, it } from 'vitest';
import { ANA, BEN, SECRETS, harness, until } from './helpers.ts';
import { fakeCsomni, startProxy } from './fleet.ts';
import { freePort } from './redis-server.ts';

const METRICS_TOKEN = 'metrics-TOKEN-0123456789';
const scrape = (h: ReturnType<typeof harness>, token = METRICS_TOKEN) =>
  h.request('/metrics', { headers: { authorization: `Bearer ${token}` } });

/** The value of one sample line, e.g. `storefront_proxy_cache_total{outcome="hit"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('GET /metrics', () => {
  it('is off by default: 404, as any unknown path', async () => {
    const h = harness();
    expect((await h.request('/metrics')).status).toBe(404);
    expect((await scrape(h)).status).toBe(401); // a bearer that is not a session
  });

  it('answers only the metrics token', async () => {
    const h = harness({ metricsToken: METRICS_TOKEN });
    expect((await h.request('/metrics')).status).toBe(401);
    expect((await scrape(h, 'metrics-TOKEN-0123456780')).status).toBe(401);
    expect((await scrape(h, await h.session(ANA))).status).toBe(401);
    const ok = await scrape(h);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      (await h.request('/metrics', { method: 'POST', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status,
    ).toBe(405);
    expect(() => harness({ metricsToken: 'short' })).toThrow(/metricsToken/);
  });

  it(
    'counts requests by route and status, upstream latency, cache outcomes and rate-limited answers, ' +
      'naming no customer',
    async () => {
      const h = harness({ metricsToken: METRICS_TOKEN, rateLimitMax: 4 });
      const ana = await h.session(ANA);
      const ben = await h.session(BEN);
      await h.request('/csomni/frequentlyPurchased', { session: ana }); // miss
      await h.request('/csomni/frequentlyPurchased', { session: ana }); // hit
      // miss + collapsed
      await Promise.all([h.request('/csomni/products/prod_77/full'), h.request('/csomni/products/prod_77/full')]);
      // 403
      await h.request('/giosg/api/v5/users/user1/chats/chat1/visitors/visitorAna01/shopping_carts', { session: ben });
      // 2 more hits, then Ana's 5th: 429
      for (let index = 0; index < 3; index++) await h.request('/csomni/frequentlyPurchased', { session: ana });
      const text = await (await scrape(h)).text();

      expect(sample(text, 'storefront_proxy_requests_total{route="/csomni/frequentlyPurchased",status="200"}')).toBe(4);
      // Refused before a route matched (rate limit, origin, unknown path): no route.
      expect(sample(text, 'storefront_proxy_requests_total{route="none",status="429"}')).toBe(1);
      expect(sample(text, 'storefront_proxy_requests_total{route="/csomni/products/:token/full",status="200"}')).toBe(
        2,
      );
      const giosgRoute = '/giosg/api/v5/users/:user/chats/:chat/visitors/:visitor/shopping_carts';
      expect(sample(text, `storefront_proxy_requests_total{route="${giosgRoute}",status="403"}`)).toBe(1);
      expect(sample(text, 'storefront_proxy_cache_total{outcome="hit"}')).toBe(3);
      expect(sample(text, 'storefront_proxy_cache_total{outcome="miss"}')).toBe(2);
      expect(sample(text, 'storefront_proxy_cache_total{outcome="collapsed"}')).toBe(1);
      expect(sample(text, 'storefront_proxy_rate_limited_total')).toBe(1);
      expect(sample(text, 'storefront_proxy_upstream_duration_seconds_count{source="csomni",status="200"}')).toBe(2);
      expect(text).toContain(
        'storefront_proxy_upstream_duration_seconds_bucket{le="0.1",source="csomni",status="200"}',
      );
      // No Redis configured: never degraded.
      expect(sample(text, 'storefront_proxy_redis_degraded')).toBe(0);

      for (const identifier of [
        'cs_ana',
        'customer-ana',
        'customer-ben',
        'visitorAna01',
        'prod_77',
        'user1',
        'chat1',
        ana,
        ben,
        ...Object.values(SECRETS),
        METRICS_TOKEN,
      ]) {
        expect(text).not.toContain(identifier);
      }
    },
  );

  it('reports Redis degraded time', async () => {
    const port = await freePort(); // no Redis there
    const h = harness({ metricsToken: METRICS_TOKEN, redisUrl: `redis://127.0.0.1:${port}` });
    await h.request('/csomni/frequentlyPurchased', { session: ANA });
    await until(() => h.logs.some((entry) => entry.event === 'redis-degraded'));
    const text = await (await scrape(h)).text();
    expect(sample(text, 'storefront_proxy_redis_degraded')).toBe(1);
    expect(sample(text, 'storefront_proxy_redis_degraded_current_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('storefront_proxy_redis_degraded_seconds_total');
    await (h.proxy as unknown as { close(): Promise<void> }).close();
  });

  it('from the CLI, on a separate METRICS_PORT only', { timeout: 120_000 }, async () => {
    const vendor = await fakeCsomni();
    const metricsPort = await freePort();
    const proxy = await startProxy({
      CSOMNI_SITE_TOKEN: SECRETS.csomniSiteToken,
      CSOMNI_BASE_URL: vendor.base,
      METRICS_PORT: String(metricsPort),
    });
    try {
      await until(() => proxy.events('metrics-listening').length > 0, 'the metrics listener never started');
      expect((await fetch(`${proxy.url}/csomni/products/prod_1/full`)).status).toBe(200);
      expect((await fetch(`${proxy.url}/metrics`)).status).toBe(404);
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(sample(text, 'storefront_proxy_requests_total{route="/csomni/products/:token/full",status="200"}')).toBe(
        1,
      );
      expect(sample(text, 'storefront_proxy_requests_total{route="none",status="404"}')).toBe(1);
    } finally {
      await proxy.stop();
      await vendor.close();
    }
  });
});
