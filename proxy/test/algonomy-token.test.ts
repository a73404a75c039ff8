import { describe, expect, it } from 'vitest';
import { AlgonomyTokens, parseTokenAnswer } from '../src/algonomy-token.ts';
import { ANA, BEN, SECRETS, gate, harness, post, until, type UpstreamCall } from './helpers.ts';

const PURCHASED = '/algonomy/api/v1/profile/b2b/productPurchased';
const CREATE = '/rcdpapi/secureApi/token/profile/create';

const creates = (calls: UpstreamCall[]) => calls.filter((call) => call.url.pathname === CREATE);
const purchases = (calls: UpstreamCall[]) => calls.filter((call) => call.url.pathname.endsWith('/productPurchased'));

describe('Algonomy access tokens', () => {
  it('creates a token server side with the tenant hash and OAuth key secret, then reuses it', async () => {
    const h = harness();
    expect((await h.request(PURCHASED, { ...post({}), session: ANA })).status).toBe(200);
    expect((await h.request(PURCHASED, { ...post({ page: 2 }), session: ANA })).status).toBe(200);
    const [create] = creates(h.calls);
    expect(creates(h.calls)).toHaveLength(1);
    expect(create.method).toBe('POST');
    expect(create.headers.tenant_hash).toBe(SECRETS.algonomyTenantHash);
    expect(create.headers.oauth_key_secret).toBe(SECRETS.algonomyOauthKeySecret);
    expect(purchases(h.calls).map((call) => call.headers.access_token)).toEqual([
      'algSECRETtoken_1',
      'algSECRETtoken_1',
    ]);
  });

  it('renews when the token’s lifetime has run out (injected clock)', async () => {
    const h = harness();
    await h.request(PURCHASED, { ...post({}), session: ANA });
    h.clock.advance(3000 * 1000); // still inside expires_in (3600 s) minus the margin
    await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(creates(h.calls)).toHaveLength(1);
    h.clock.advance(600 * 1000);
    await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(creates(h.calls)).toHaveLength(2);
    expect(purchases(h.calls).at(-1)!.headers.access_token).toBe('algSECRETtoken_2');
  });

  it('on a 401 renews once and retries the call once with the new token', async () => {
    const h = harness();
    await h.request(PURCHASED, { ...post({}), session: ANA });
    h.state.validTokens.clear(); // the vendor revokes token 1
    const response = await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(response.status).toBe(200);
    expect(creates(h.calls)).toHaveLength(2);
    expect(purchases(h.calls).map((call) => call.headers.access_token)).toEqual([
      'algSECRETtoken_1',
      'algSECRETtoken_1',
      'algSECRETtoken_2',
    ]);
  });

  it('concurrent requests that all meet a 401 share one renewal', async () => {
    const hold = gate();
    let holding = false;
    const h = harness({}, async (call) => {
      if (
        holding &&
        call.url.pathname.endsWith('/productPurchased') &&
        call.headers.access_token === 'algSECRETtoken_1'
      )
        await hold.opened;
      return undefined as unknown as Response;
    });
    expect((await h.request(PURCHASED, { ...post({}), session: ANA })).status).toBe(200);
    // Ten different requests (not collapsed) all go out with token 1, which the vendor then revokes.
    holding = true;
    const tokens = await Promise.all([ANA, BEN].map((claims) => h.session(claims)));
    const pending = Array.from({ length: 10 }, (_, i) =>
      h.request(PURCHASED, { ...post({ page: i + 1 }), session: tokens[i % 2] }),
    );
    await until(() => purchases(h.calls).length === 11, 'the ten requests never all went out');
    h.state.validTokens.clear();
    hold.release();
    const responses = await Promise.all(pending);
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(creates(h.calls)).toHaveLength(2);
    const used = purchases(h.calls).map((call) => call.headers.access_token);
    expect(used.filter((token) => token === 'algSECRETtoken_1')).toHaveLength(11);
    expect(used.filter((token) => token === 'algSECRETtoken_2')).toHaveLength(10);
  });

  it('with the creation held, concurrent 401s wait for the same new token', async () => {
    const creation = gate();
    let revoked = false;
    const h = harness({}, async (call) => {
      if (call.url.pathname === CREATE && revoked) await creation.opened;
      return undefined as unknown as Response;
    });
    await h.request(PURCHASED, { ...post({}), session: ANA });
    h.state.validTokens.clear();
    revoked = true;
    const token = await h.session(ANA);
    const pending = Array.from({ length: 10 }, (_, i) =>
      h.request(PURCHASED, { ...post({ page: i + 1 }), session: token }),
    );
    // The renewal is under way and held: every request, refused or starting now, waits for it.
    await until(() => creates(h.calls).length === 2, 'no renewal started');
    creation.release();
    const responses = await Promise.all(pending);
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(creates(h.calls)).toHaveLength(2);
  });

  it('keeps token, call, renewal and second call within one timeout', async () => {
    // The call is refused and the renewal never answers (nor heeds its abort): only a deadline
    // shared by every step ends the request. With a timeout per step it would wait for ever.
    let created = 0;
    const h = harness({ upstreamTimeoutMs: 300 }, (call) => {
      if (call.url.pathname === CREATE && ++created === 2) return new Promise<Response>(() => undefined);
      if (call.url.pathname.endsWith('/productPurchased'))
        return new Response('{"message":"Invalid access token"}', { status: 401 });
      return undefined as unknown as Response;
    });
    const response = await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(response.status).toBe(504);
    expect(purchases(h.calls)).toHaveLength(1);
    expect(creates(h.calls)).toHaveLength(2);
  });

  it(
    "retries only once: a vendor that keeps refusing is a 502 (the proxy's credentials, " +
      "not the shopper's session)",
    async () => {
      const h = harness({}, (call) =>
        call.url.pathname.endsWith('/productPurchased')
          ? new Response('{"message":"Invalid access token"}', { status: 401 })
          : (undefined as unknown as Response),
      );
      const response = await h.request(PURCHASED, { ...post({}), session: ANA });
      expect(response.status).toBe(502);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(await response.json()).toEqual({ message: "The vendor refused the proxy's credentials" });
      expect(h.logs.at(-1)).toMatchObject({ status: 502, upstream: 401, error: 'upstream-auth' });
      expect(purchases(h.calls)).toHaveLength(2);
      expect(creates(h.calls)).toHaveLength(2);
    },
  );

  it('uses a fixed ALGONOMY_ACCESS_TOKEN as is, and cannot renew it', async () => {
    const h = harness({ algonomyOauthKeySecret: undefined, algonomyAccessToken: 'fixedSECRETaccess' });
    h.state.validTokens.add('fixedSECRETaccess');
    expect((await h.request(PURCHASED, { ...post({}), session: ANA })).status).toBe(200);
    h.state.validTokens.clear();
    expect((await h.request(PURCHASED, { ...post({}), session: ANA })).status).toBe(502);
    expect(creates(h.calls)).toHaveLength(0);
    expect(purchases(h.calls)).toHaveLength(2);
  });

  it('answers 502 without detail when no token can be created', async () => {
    const h = harness({}, (call) =>
      call.url.pathname === CREATE
        ? new Response(`{"message":"bad secret ${SECRETS.algonomyOauthKeySecret}"}`, { status: 403 })
        : (undefined as unknown as Response),
    );
    const response = await h.request(PURCHASED, { ...post({}), session: ANA });
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain('SECRET');
    expect(purchases(h.calls)).toHaveLength(0);
    expect(h.logs.some((entry) => entry.event === 'algonomy-token-failed')).toBe(true);
  });

  it('reads the token from the answer shapes a vendor might use', () => {
    const now = 1_000_000;
    expect(parseTokenAnswer('{"access_token":"abcdefgh12","expires_in":60}', now)).toEqual({
      token: 'abcdefgh12',
      expiresAt: now + 30_000,
    });
    expect(parseTokenAnswer('{"data":{"accessToken":"abcdefgh12"}}', now)).toEqual({
      token: 'abcdefgh12',
      expiresAt: Infinity,
    });
    expect(parseTokenAnswer('{"status":"OK","data":{"token":"abcdefgh12","expiresIn":"3600"}}', now)?.token).toBe(
      'abcdefgh12',
    );
    expect(parseTokenAnswer('"abcdefgh12"', now)?.token).toBe('abcdefgh12');
    expect(parseTokenAnswer('{"access_token":"bad token\\r\\n"}', now)).toBeNull();
    expect(parseTokenAnswer('{"message":"nope"}', now)).toBeNull();
  });

  it(
    'AlgonomyTokens: renew() of an already replaced token returns the replacement without a new ' + 'creation',
    async () => {
      let created = 0;
      const tokens = new AlgonomyTokens({
        baseUrl: 'http://algonomy.test',
        tenantHash: 'tenant-hash',
        oauthKeySecret: 'oauth-key-secret',
        now: () => 0,
        timeoutMs: 1000,
        fetch: async () => Response.json({ access_token: `token-number-${++created}` }),
      });
      const first = await tokens.get();
      const [a, b] = await Promise.all([tokens.renew(first), tokens.renew(first)]);
      expect(a).toBe('token-number-2');
      expect(b).toBe('token-number-2');
      expect(await tokens.renew(first)).toBe('token-number-2');
      expect(created).toBe(2);
    },
  );
});
