import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import { signSession, verifySession } from '../src/index.ts';
import { ANA, SECRETS, b64url, harness } from './helpers.ts';

const CART = '/csomni/cart';
const HOUR = 3600;

/** An HS-signed token built by hand, so any header can be claimed. */
function handMade(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: string | null = SECRETS.sessionSecret,
  hash = 'sha256',
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = key === null ? '' : createHmac(hash, key).update(input).digest('base64url');
  return `${input}.${signature}`;
}

const payload = (extra: Record<string, unknown> = {}) => ({
  ...ANA,
  iat: Math.floor(Date.UTC(2026, 0, 1) / 1000),
  exp: Math.floor(Date.UTC(2026, 0, 1) / 1000) + HOUR,
  ...extra,
});

describe('customer sessions', () => {
  it('accepts a valid HS256 session and sends the customer from its claims', async () => {
    const h = harness();
    const response = await h.request(CART, { method: 'POST', session: ANA });
    expect(response.status).toBe(200);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].headers.customertoken).toBe('cs_ana');
    expect(h.calls[0].headers.authorization).toBeUndefined();
  });

  it('answers 401 for customer data without a session', async () => {
    const h = harness();
    for (const [path, init] of [
      [CART, { method: 'POST' }],
      [
        '/csomni/cartprods/cart_cs_ana',
        { method: 'POST', body: '{"prodToken":"vrnt_1"}', headers: { 'content-type': 'application/json' } },
      ],
      ['/algonomy/api/v1/profile/b2b/productPurchased', { method: 'POST' }],
      ['/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts', {}],
      ['/giosg/api/v5/orgs/org1/owned_chats/chatAna/shopping_carts', {}],
    ] as const) {
      const response = await h.request(path, init);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('refuses a token signed with another secret (forged)', async () => {
    const h = harness();
    const forged = await signSession(ANA, 'an-attacker-chosen-secret-that-is-long-enough', { now: h.clock.now() });
    const response = await h.request(CART, { method: 'POST', session: forged });
    expect(response.status).toBe(401);
    expect(h.calls).toHaveLength(0);
  });

  it('refuses a token whose claims were edited after signing', async () => {
    const h = harness();
    const genuine = await h.session(ANA);
    const [header, , signature] = genuine.split('.');
    const edited = `${header}.${b64url(payload({ csomni: { customerToken: 'cs_victim' } }))}.${signature}`;
    const response = await h.request(CART, { method: 'POST', session: edited });
    expect(response.status).toBe(401);
    expect(h.calls).toHaveLength(0);
  });

  it('refuses an expired token (injected clock)', async () => {
    const h = harness();
    const token = await h.session(ANA, { expiresIn: 60 });
    expect((await h.request(CART, { method: 'POST', session: token })).status).toBe(200);
    h.clock.advance(61_000 + 5_000); // past exp and the 5 s leeway
    const response = await h.request(CART, { method: 'POST', session: token });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'The session has expired' });
    expect(h.calls).toHaveLength(1);
  });

  it('refuses a token without exp', async () => {
    const h = harness();
    const { exp: _exp, ...noExp } = payload();
    const response = await h.request(CART, { method: 'POST', session: handMade({ alg: 'HS256', typ: 'JWT' }, noExp) });
    expect(response.status).toBe(401);
    expect(h.calls).toHaveLength(0);
  });

  it('refuses alg: none, with or without a signature', async () => {
    const h = harness();
    for (const token of [
      handMade({ alg: 'none', typ: 'JWT' }, payload(), null),
      handMade({ alg: 'none', typ: 'JWT' }, payload()),
      handMade({ alg: 'None' }, payload()),
      `${handMade({ alg: 'none' }, payload(), null)}.`,
    ]) {
      const response = await h.request(CART, { method: 'POST', session: token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'The session is not valid' });
    }
    expect(h.calls).toHaveLength(0);
  });

  it('refuses other algorithms: HS512 with the right secret, RS256-shaped, and real RS256', async () => {
    const h = harness();
    const secret = new TextEncoder().encode(SECRETS.sessionSecret);
    const hs512 = await new SignJWT({ ...ANA })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('1h')
      .sign(secret);
    // Key confusion: claims RS256 but is an HMAC with the shared secret.
    const confused = handMade({ alg: 'RS256', typ: 'JWT' }, payload());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaKey = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    const rs256 = await new SignJWT({ ...ANA })
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime('1h')
      .sign(rsaKey);
    for (const token of [
      hs512,
      confused,
      rs256,
      handMade({ alg: 'HS384' }, payload(), SECRETS.sessionSecret, 'sha384'),
    ]) {
      expect((await h.request(CART, { method: 'POST', session: token })).status).toBe(401);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('refuses signed claims holding CR/LF or other header-breaking characters', async () => {
    const h = harness();
    for (const claims of [
      { ...ANA, csomni: { customerToken: 'cs_ana\r\nX-Injected: 1' } },
      { ...ANA, algonomy: { gcrId: 'gcr\n1001' } },
      { ...ANA, sub: 'ana\r\n' },
      { ...ANA, csomni: { customerToken: 'cs_\u0000ana' } },
      { ...ANA, csomni: { customerToken: ' cs_ana' } },
      { ...ANA, giosg: { visitorId: '../visitorBen02' } },
    ]) {
      const token = handMade({ alg: 'HS256', typ: 'JWT' }, payload(claims));
      const response = await h.request(CART, { method: 'POST', session: token });
      expect(response.status).toBe(401);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('refuses claims of the wrong shape and tokens that are not bearer JWTs', async () => {
    const h = harness();
    const tokens = [
      handMade({ alg: 'HS256' }, payload({ csomni: 'cs_ana' })),
      handMade({ alg: 'HS256' }, payload({ sub: 42 })),
      handMade({ alg: 'HS256' }, payload({ giosg: { chatIds: 'chatAna' } })),
      'not-a-jwt',
      `${'a'.repeat(3000)}.${'b'.repeat(3000)}.c`,
    ];
    for (const token of tokens) expect((await h.request(CART, { method: 'POST', session: token })).status).toBe(401);
    const valid = await h.session(ANA);
    for (const authorization of [`Token ${valid}`, `Basic ${valid}`, `Bearer ${valid} extra`, 'Bearer', `${valid}`]) {
      const response = await h.request(CART, { method: 'POST', headers: { authorization } });
      expect(response.status, authorization.slice(0, 12)).toBe(401);
    }
    expect(h.calls).toHaveLength(0);
  });

  it('a bad session is refused even where no session is needed', async () => {
    const h = harness();
    const forged = await signSession(ANA, 'an-attacker-chosen-secret-that-is-long-enough');
    expect((await h.request('/csomni/frequentlyPurchased', { session: forged })).status).toBe(401);
    expect((await h.request('/csomni/frequentlyPurchased')).status).toBe(200);
  });

  it('refuses a session older than the maximum age (a day by default), whatever its exp', async () => {
    const h = harness();
    const long = await h.session(ANA, { expiresIn: 10 * 365 * 24 * HOUR });
    expect((await h.request(CART, { method: 'POST', session: long })).status).toBe(200);
    h.clock.advance(24 * HOUR * 1000 - 1000);
    expect((await h.request(CART, { method: 'POST', session: long })).status).toBe(200);
    h.clock.advance(1000 + 6000); // past a day and the 5 s leeway
    const response = await h.request(CART, { method: 'POST', session: long });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'The session has expired' });
    expect(h.calls).toHaveLength(2);
  });

  it('with a maximum age, refuses a session without iat or issued in the future', async () => {
    const h = harness({ sessionMaxAgeSeconds: HOUR });
    const { iat: _iat, ...noIat } = payload();
    const future = payload({ iat: payload().iat + 60, exp: payload().exp + 60 });
    for (const token of [
      handMade({ alg: 'HS256', typ: 'JWT' }, noIat),
      handMade({ alg: 'HS256', typ: 'JWT' }, future),
    ]) {
      const response = await h.request(CART, { method: 'POST', session: token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        message: 'The session needs an iat (issued at) that is not in the future',
      });
    }
    expect(h.calls).toHaveLength(0);
    // A forged token without iat is refused for its signature, and told nothing about iat.
    const forged = await new SignJWT({ ...noIat })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('an-attacker-chosen-secret-that-is-long-enough'));
    expect(await (await h.request(CART, { method: 'POST', session: forged })).json()).toEqual({
      message: 'The session is not valid',
    });
    // sessionMaxAgeSeconds 0: no limit, iat optional.
    const unlimited = harness({ sessionMaxAgeSeconds: 0 });
    expect(
      (await unlimited.request(CART, { method: 'POST', session: handMade({ alg: 'HS256', typ: 'JWT' }, noIat) }))
        .status,
    ).toBe(200);
    const long = await unlimited.session(ANA, { expiresIn: 10 * 365 * 24 * HOUR });
    unlimited.clock.advance(365 * 24 * HOUR * 1000);
    expect((await unlimited.request(CART, { method: 'POST', session: long })).status).toBe(200);
  });

  it('with sessionAudience, requires aud and refuses a token minted for another audience', async () => {
    const h = harness({ sessionAudience: 'storefront-widgets' });
    for (const token of [
      await h.session(ANA),
      handMade({ alg: 'HS256', typ: 'JWT' }, payload({ aud: 'merchant-admin' })),
      handMade({ alg: 'HS256', typ: 'JWT' }, payload({ aud: ['merchant-admin'] })),
    ]) {
      const response = await h.request(CART, { method: 'POST', session: token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "The session's aud does not name this proxy" });
    }
    expect(h.calls).toHaveLength(0);
    const minted = await signSession(ANA, SECRETS.sessionSecret, {
      now: h.clock.now(),
      audience: 'storefront-widgets',
    });
    expect((await h.request(CART, { method: 'POST', session: minted })).status).toBe(200);
    expect(
      (
        await h.request(CART, {
          method: 'POST',
          session: handMade({ alg: 'HS256', typ: 'JWT' }, payload({ aud: ['other', 'storefront-widgets'] })),
        })
      ).status,
    ).toBe(200);
    // Without the setting, aud is not checked.
    expect((await harness().request(CART, { method: 'POST', session: minted })).status).toBe(200);
  });

  it('verifySession reports why a token failed', async () => {
    const key = new TextEncoder().encode(SECRETS.sessionSecret);
    const now = Date.UTC(2026, 0, 1);
    const token = await signSession(ANA, SECRETS.sessionSecret, { now, expiresIn: 10 });
    expect(await verifySession(token, key, now)).toEqual({ ok: true, claims: ANA });
    expect(await verifySession(token, key, now + 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifySession('x.y.z', key, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifySession('x.y', key, now)).toEqual({ ok: false, reason: 'malformed' });
    const year = await signSession(ANA, SECRETS.sessionSecret, {
      now,
      expiresIn: 365 * 24 * HOUR,
      audience: 'widgets',
    });
    expect(await verifySession(year, key, now + 2 * 24 * HOUR * 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifySession(year, key, now + 2 * 24 * HOUR * 1000, { maxAgeSeconds: 0 })).toEqual({
      ok: true,
      claims: ANA,
    });
    expect(await verifySession(year, key, now, { audience: 'other' })).toEqual({ ok: false, reason: 'audience' });
    expect(await verifySession(year, key, now, { audience: 'widgets' })).toEqual({ ok: true, claims: ANA });
  });
});

describe('remembered sessions (the verifier skips the HMAC for a token it verified)', () => {
  const LIST = '/csomni/frequentlyPurchased';

  it('a forged token never meets the remembered one: same header and claims, another signature', async () => {
    const h = harness();
    const token = await h.session(ANA);
    expect((await h.request(LIST, { session: token })).status).toBe(200);
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    for (const forged of [
      `${header}.${payload}.${flipped}`,
      `${header}.${payload}.`,
      `${header}.${payload}.${signature}x`,
    ]) {
      const refused = await h.request(LIST, { session: forged });
      expect(refused.status, forged).toBe(401);
    }
    // Claims changed under the old signature: refused too.
    const other = b64url({
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      sub: 'customer-ben',
      csomni: { customerToken: 'cs_ben' },
    });
    expect((await h.request(LIST, { session: `${header}.${other}.${signature}` })).status).toBe(401);
    expect((await h.request(LIST, { session: token })).status).toBe(200);
  });

  it('a remembered token is refused once its exp or its maximum age has passed', async () => {
    const h = harness();
    const token = await h.session(ANA, { expiresIn: 60 });
    expect((await h.request(LIST, { session: token })).status).toBe(200);
    h.clock.advance(70 * 1000);
    const expired = await h.request(LIST, { session: token });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ message: 'The session has expired' });

    const aged = harness({ sessionMaxAgeSeconds: 60 });
    const long = await aged.session(ANA, { expiresIn: 3600 });
    expect((await aged.request(LIST, { session: long })).status).toBe(200);
    aged.clock.advance(70 * 1000);
    expect((await aged.request(LIST, { session: long })).status).toBe(401);
  });

  it('the verifier answers a remembered token at once, and only a success is remembered', async () => {
    const { createSessionVerifier, signSession } = await import('../src/session.ts');
    const secret = new TextEncoder().encode(SECRETS.sessionSecret);
    const verify = createSessionVerifier(secret);
    const now = Date.now();
    const token = await signSession(ANA, secret, { now });
    const first = verify(token, now);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ ok: true });
    expect(verify(token, now + 1000)).toMatchObject({ ok: true, claims: { sub: ANA.sub } });
    // A character inside the signature: the last one carries unused bits that a decoder ignores.
    const at = token.length - 5;
    const bad = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await verify(bad, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verify(bad, now)).toBeInstanceOf(Promise);
  });
});
