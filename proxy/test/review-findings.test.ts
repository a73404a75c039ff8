import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ProxyConfigError, createProxy } from '../src/index.ts';
import { readSettings } from '../src/settings.ts';
import { ANA, SECRETS, harness, post } from './helpers.ts';
import { startRedis } from './redis-server.ts';

/**
 * The findings of the security review, one `describe` each: every test here failed before its fix.
 * (Node's own 400 and 431 answers and the `--config` file's mode are served by the CLI, so their
 * tests are in cli.test.ts.)
 */
const PURCHASED = '/algonomy/api/v1/profile/b2b/productPurchased';
const CREATE = '/rcdpapi/secureApi/token/profile/create';

const settingError = (run: () => unknown): ProxyConfigError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProxyConfigError) return error;
    throw error;
  }
  throw new Error('no ProxyConfigError was thrown');
};

describe('1. the Algonomy token answer is read within a cap', () => {
  /** A token endpoint answering `body`, counting the bytes the proxy pulled from it. */
  function bigAnswer(chunk: Uint8Array, chunks: number, headers: Record<string, string> = {}) {
    const pulled = { bytes: 0, cancelled: false };
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= chunks) return controller.close();
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        pulled.cancelled = true;
      },
    });
    return {
      pulled,
      response: () => new Response(stream, { headers: { 'content-type': 'application/json', ...headers } }),
    };
  }

  /**
   * The token endpoint answering `{"access_token":"…","pad":"xxxx…"}`, 64 MiB in 64 KiB chunks
   * (other calls get the fake vendors' answers), and how much of it the proxy pulled.
   */
  function paddedTokenAnswer() {
    const head = new TextEncoder().encode('{"access_token":"algSECRETbigToken1","pad":"');
    const pad = new Uint8Array(64 * 1024).fill(0x78);
    const tail = new TextEncoder().encode('"}');
    const body = bigAnswer(pad, 1024);
    const upstream = (call: { url: URL }): Response => {
      if (call.url.pathname !== CREATE) return undefined as unknown as Response;
      const stream = body.response().body!;
      const whole = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(head);
          const reader = stream.getReader();
          for (;;) {
            const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
            if (done) break;
            try {
              controller.enqueue(value);
            } catch {
              await reader.cancel();
              return;
            }
          }
          controller.enqueue(tail);
          controller.close();
        },
        cancel: () => stream.cancel(),
      });
      return new Response(whole, { headers: { 'content-type': 'application/json' } });
    };
    return { pulled: body.pulled, upstream };
  }

  it('a 64 MB answer (a valid token padded out) is a 502 after at most the cap is read, not a token', async () => {
    const answer = paddedTokenAnswer();
    const h = harness({}, answer.upstream);
    const response = await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(response.status).toBe(502);
    expect(h.calls.filter((call) => call.url.pathname.endsWith('/productPurchased'))).toEqual([]);
    expect(answer.pulled.bytes).toBeLessThan(1024 * 1024);
    expect(h.logs.some((entry) => entry.event === 'algonomy-token-failed' && entry.reason === 'answer too large')).toBe(
      true,
    );
  });

  // In-process only: the token is made the same way whatever the transport, and the harness's
  // Node transport keeps no handle to close the Redis connection with.
  it.skipIf(process.env.PROXY_TRANSPORT === 'node')(
    'with REDIS_URL, the token created for the fleet is read within the same cap',
    async () => {
      const redis = await startRedis();
      const answer = paddedTokenAnswer();
      const h = harness({ redisUrl: redis.url, redisCommandTimeoutMs: 1000 }, answer.upstream);
      const proxy = h.proxy as unknown as { ready(): Promise<boolean>; close(): Promise<void> };
      try {
        expect(await proxy.ready()).toBe(true);
        const response = await h.request(PURCHASED, { ...post({}), session: ANA });
        expect(response.status).toBe(502);
        // Created through Redis, not by this instance alone after an outage.
        expect(h.logs.some((entry) => entry.event === 'redis-degraded')).toBe(false);
        expect(answer.pulled.bytes).toBeLessThan(1024 * 1024);
        expect(
          h.logs.some((entry) => entry.event === 'algonomy-token-failed' && entry.reason === 'answer too large'),
        ).toBe(true);
      } finally {
        await proxy.close();
        await redis.stop();
      }
    },
  );

  it('a gzip bomb is capped on the bytes it unpacks to, not the bytes on the wire', async () => {
    // A valid token answer padded with 32 MiB of spaces (JSON allows them): about 32 KiB gzipped.
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('{"access_token":"algSECRETbombToken1"'),
        Buffer.alloc(32 * 1024 * 1024, 0x20),
        Buffer.from('}'),
      ]),
    );
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const h = harness({}, (call) =>
      call.url.pathname === CREATE
        ? new Response(new Blob([bomb]).stream().pipeThrough(new DecompressionStream('gzip')), {
            headers: { 'content-type': 'application/json' },
          })
        : (undefined as unknown as Response),
    );
    const response = await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'The vendor credentials are not available' });
  });

  it('a small answer still gives its token', async () => {
    const h = harness();
    expect((await h.request(PURCHASED, { ...post({}), session: ANA })).status).toBe(200);
  });
});

describe('2. a cleartext vendor base URL is refused', () => {
  const base = {
    sessionSecret: SECRETS.sessionSecret,
    csomniSiteToken: SECRETS.csomniSiteToken,
    giosgApiToken: SECRETS.giosgApiToken,
  };

  it('http: to a host other than loopback stops the proxy, naming the setting and saying why', () => {
    for (const [key, url] of [
      ['csomniBaseUrl', 'http://apistore.csomni.com'],
      ['giosgBaseUrl', 'http://service.giosg.com'],
      ['algonomyBaseUrl', 'http://api.algonomy.example/rcdpapi'],
    ] as const) {
      const error = settingError(() =>
        createProxy({ ...base, algonomyTenantHash: 'tenant-hash', algonomyAccessToken: 'access-token-1', [key]: url }),
      );
      expect(error.setting).toBe(key);
      expect(error.problem).toMatch(/unencrypted/);
      expect(error.problem).toMatch(/https/);
    }
    expect(
      settingError(() =>
        readSettings({ CSOMNI_SITE_TOKEN: 'site_token1', CSOMNI_BASE_URL: 'http://apistore.csomni.com' }),
      ).setting,
    ).toBe('CSOMNI_BASE_URL');
  });

  it('loopback hosts may use http (a local mock or a sidecar), and an explicit setting allows any', () => {
    for (const url of [
      'http://127.0.0.1:8080',
      'http://localhost:3000/api',
      'http://[::1]:9000',
      'http://mock.localhost',
    ]) {
      expect(() => createProxy({ ...base, csomniBaseUrl: url })).not.toThrow();
    }
    expect(() =>
      createProxy({ ...base, csomniBaseUrl: 'http://apistore.csomni.com', allowInsecureUpstream: true }),
    ).not.toThrow();
    const { resolved } = readSettings({
      CSOMNI_SITE_TOKEN: 'site_token1',
      CSOMNI_BASE_URL: 'http://apistore.csomni.com',
      ALLOW_INSECURE_UPSTREAM: 'true',
    });
    expect(resolved.insecureUpstreams).toEqual(['csomniBaseUrl']);
  });
});

describe('4. a session secret that is plainly not random is refused', () => {
  it.each([
    ['32 a’s', 'a'.repeat(32)],
    ['password four times', 'password'.repeat(4)],
    ['a short pattern repeated', 'abc123'.repeat(6)],
    ['a run of characters', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['a pattern with one change', `${'secret'.repeat(6)}1`],
  ])('%s', (_, secret) => {
    const error = settingError(() => createProxy({ sessionSecret: secret }));
    expect(error.setting).toBe('sessionSecret');
    expect(error.problem).toMatch(/random/);
    expect(error.problem).not.toContain(secret);
  });

  it('random secrets of the minimum length pass (hex, base64, and a passphrase-like one)', () => {
    for (const secret of [
      '3f9c1a7e5b2d8046c9e1f3a5b7d90e2c',
      'Zq3t9XkP1vN8sR4mW7yB2cL6hJ0dF5gA',
      'q8N2vR7xK1mZ4tY9wB3cL6pH0sD5gF2jQ8nV1xR7kM4z',
      SECRETS.sessionSecret,
      'storefront-widgets-demo-session-secret-not-for-production',
    ]) {
      expect(() => createProxy({ sessionSecret: secret }), secret).not.toThrow();
    }
  });
});

describe('5. smaller points', () => {
  it('giosg page_size is clamped to what the widgets use, and a repeated cursor passes once', async () => {
    const h = harness();
    const visitorList = '/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts';
    await h.request(`${visitorList}?cursor=first&cursor=second&page_size=100000`, { session: ANA });
    expect(h.calls.at(-1)!.url.search).toBe('?cursor=first&page_size=100');
    await h.request(`${visitorList}?cursor=c2&page_size=25&page_size=1000`, { session: ANA });
    expect(h.calls.at(-1)!.url.search).toBe('?cursor=c2&page_size=25');
    await h.request(`${visitorList}?cursor=c3&page_size=lots`, { session: ANA });
    expect(h.calls.at(-1)!.url.search).toBe('?cursor=c3');
  });

  it('an Algonomy lastKey may hold only the documented fields', async () => {
    const h = harness();
    const refused = await h.request(PURCHASED, {
      ...post({ page: 2, lastKey: { HK_CUSTOMER_CODE: '1_1092', customerId: 'someone-else' } }),
      session: ANA,
    });
    expect(refused.status).toBe(400);
    const accepted = await h.request(PURCHASED, {
      ...post({ page: 2, lastKey: { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 5 } }),
      session: ANA,
    });
    expect(accepted.status).toBe(200);
  });
});
