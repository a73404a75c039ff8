/**
 * Customer sessions: an HS256 JWT signed with `SESSION_SECRET`, `exp` required, and `iat` too
 * while sessions have a maximum age (the default). The proxy takes
 * customer identity only from a verified session; every identity claim must be a safe header
 * value (or, where it is compared with a path segment, a safe segment), else the whole session
 * is refused.
 */
import { SignJWT, base64url, errors, jwtVerify } from 'jose';

export interface SessionClaims {
  /** The customer's id in the merchant's system. */
  sub: string;
  csomni?: { customerToken?: string };
  algonomy?: { gcrId?: string; email?: string; mobileNumber?: string; customerCode?: string };
  giosg?: {
    /** The giosg visitor whose carts this shopper may read (visitor and room scopes). */
    visitorId?: string;
    /** The organization whose chats' carts this session may read (org scopes)... */
    orgId?: string;
    /** ...limited to these chats. */
    chatIds?: string[];
  };
}

/**
 * Why a session was refused: `issued-at` (no `iat` while sessions have a maximum age, or one in
 * the future) and `audience` (no `aud`, or not the proxy's) are said apart from `invalid` (a bad
 * signature, algorithm or shape) so that a backend minting sessions can tell what to change.
 */
export type SessionFailure = 'malformed' | 'invalid' | 'expired' | 'claims' | 'issued-at' | 'audience';
export type SessionResult = { ok: true; claims: SessionClaims } | { ok: false; reason: SessionFailure };

/** Printable ASCII, no leading or trailing space, at most 256 characters. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;
/** What may appear as a path segment (and so be compared with one). */
export const SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const MAX_TOKEN_LENGTH = 4096;

/** The token of an `Authorization: Bearer …` header; null when there is no header. */
export function bearerToken(authorization: string | null): string | null | undefined {
  if (authorization === null) return null;
  const match = /^Bearer[ ]+(\S+)$/i.exec(authorization.trim());
  return match ? match[1] : undefined;
}

/** How long after its `iat` a session is accepted, unless told otherwise: a day. */
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 86_400;

export interface VerifySessionOptions {
  /** When set, the session's `aud` is required and must name it. */
  audience?: string | undefined;
  /**
   * Longest a session is accepted after its `iat`, in seconds (default 86 400): `iat` is then
   * required and may not be in the future. 0: no limit, `iat` optional.
   */
  maxAgeSeconds?: number | undefined;
}

/**
 * Verifies a session token: HS256 only, signature, `exp` present and in the future, `iat`
 * present, not in the future and at most `maxAgeSeconds` ago (5 s leeway each), `aud` when an
 * audience is given, claim shapes. `now` is milliseconds since the epoch. Too old is `expired`;
 * a missing or future `iat` is `issued-at`, a missing or other `aud` is `audience`.
 */
export async function verifySession(
  token: string,
  key: Uint8Array,
  now: number,
  options: VerifySessionOptions = {},
): Promise<SessionResult> {
  return verifyWith(token, key, now, options);
}

async function verifyWith(
  token: string,
  key: Uint8Array | CryptoKey,
  now: number,
  options: VerifySessionOptions,
): Promise<SessionResult> {
  if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  const maxAge = options.maxAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      currentDate: new Date(now),
      clockTolerance: 5,
      ...(maxAge > 0 ? { maxTokenAge: maxAge } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    // Claims are checked only once the signature holds: this tells the token's own minter.
    const claim = error instanceof errors.JWTClaimValidationFailed ? error.claim : '';
    return { ok: false, reason: claim === 'iat' ? 'issued-at' : claim === 'aud' ? 'audience' : 'invalid' };
  }
  const claims = readClaims(payload);
  return claims ? { ok: true, claims } : { ok: false, reason: 'claims' };
}

/** A verified session kept for reuse, and the span of time in which it is valid. */
interface Verified {
  result: SessionResult & { ok: true };
  /** When it was verified: an earlier clock (a step back) verifies again. */
  from: number;
  /** When `exp` or the maximum age ends it (ms), a few seconds before jose would. */
  until: number;
}

/**
 * {@link verifySession} for one secret and one set of options, as the proxy calls it on every
 * request: the key is imported once, and a token that verified is remembered until its `exp`
 * (or its maximum age) runs out, so its next requests skip the HMAC. The memory is keyed by the
 * whole token, signature included: a token that differs in any byte (a forged one) never meets
 * a remembered one and is verified in full. Only successes are remembered. Answers at once
 * (synchronously) for a remembered token.
 */
export interface SessionVerifier {
  (token: string, now: number): SessionResult | Promise<SessionResult>;
  /**
   * The remembered success for exactly this token, if it is still within its span at `now`;
   * else undefined (verify it in full then). Never verifies, never remembers.
   */
  known(token: string, now: number): (SessionResult & { ok: true }) | undefined;
}

export function createSessionVerifier(
  secret: Uint8Array,
  options: VerifySessionOptions = {},
  maxEntries = 10_000,
): SessionVerifier {
  const maxAge = options.maxAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS;
  // The same bytes as a CryptoKey: jose would import a raw key on every call.
  const key = crypto.subtle.importKey(
    'raw',
    secret as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const verified = new Map<string, Verified>();
  const remembered = (token: string, now: number): (SessionResult & { ok: true }) | undefined => {
    const known = verified.get(token);
    return known && now >= known.from && now < known.until ? known.result : undefined;
  };
  const verify = (token: string, now: number): SessionResult | Promise<SessionResult> => {
    const known = remembered(token, now);
    if (known) return known;
    verified.delete(token);
    return key.then(async (cryptoKey) => {
      const result = await verifyWith(token, cryptoKey, now, options);
      if (!result.ok) return result;
      const { exp, iat } = decodePayload(token);
      // jose accepts up to 5 s past each limit; remembering stops at the limit itself.
      let until = exp * 1000;
      if (maxAge > 0) until = Math.min(until, (iat + maxAge) * 1000);
      if (Number.isFinite(until) && until > now) {
        if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
        verified.set(token, { result, from: now, until });
      }
      return result;
    });
  };
  return Object.assign(verify, { known: remembered });
}

/** `exp` and `iat` of a token that just verified (so its payload is JSON with numeric `exp`). */
function decodePayload(token: string): { exp: number; iat: number } {
  const payload = JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1]))) as {
    exp?: unknown;
    iat?: unknown;
  };
  return {
    exp: typeof payload.exp === 'number' ? payload.exp : 0,
    iat: typeof payload.iat === 'number' ? payload.iat : 0,
  };
}

type Check = (value: unknown) => boolean;
const headerSafe: Check = (value) => typeof value === 'string' && HEADER_SAFE.test(value);
const segment: Check = (value) => typeof value === 'string' && SEGMENT.test(value);

function readObject(value: unknown, fields: Record<string, Check>): Record<string, unknown> | undefined | null {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const result: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(fields)) {
    const field = (value as Record<string, unknown>)[name];
    if (field === undefined || field === null) continue;
    if (!check(field)) return null;
    result[name] = field;
  }
  return result;
}

/** The claims the proxy uses, or null when any of them has the wrong shape. */
export function readClaims(payload: Record<string, unknown>): SessionClaims | null {
  if (!headerSafe(payload.sub)) return null;
  const csomni = readObject(payload.csomni, { customerToken: headerSafe });
  const algonomy = readObject(payload.algonomy, {
    gcrId: headerSafe,
    email: headerSafe,
    mobileNumber: headerSafe,
    customerCode: headerSafe,
  });
  const giosg = readObject(payload.giosg, {
    visitorId: segment,
    orgId: segment,
    chatIds: (value) => Array.isArray(value) && value.length <= 100 && value.every(segment),
  });
  if (csomni === null || algonomy === null || giosg === null) return null;
  const claims: SessionClaims = { sub: payload.sub as string };
  if (csomni) claims.csomni = csomni;
  if (algonomy) claims.algonomy = algonomy;
  if (giosg) claims.giosg = giosg;
  return claims;
}

export interface SignSessionOptions {
  /** Lifetime in seconds (default 3600). */
  expiresIn?: number;
  /** Milliseconds since the epoch to count from (default now). */
  now?: number;
  /** `aud` to set: the proxy's `sessionAudience`, when it has one. */
  audience?: string;
}

/**
 * Mints a session for the merchant's backend (and the demo): HS256, `iat` and `exp` set (and
 * `aud` when given). Keep the secret on the server; hand only the token to the page.
 */
export async function signSession(
  claims: SessionClaims,
  secret: string | Uint8Array,
  options: SignSessionOptions = {},
): Promise<string> {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const { sub, ...rest } = claims;
  const jwt = new SignJWT({ ...rest });
  if (options.audience) jwt.setAudience(options.audience);
  return jwt
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresIn ?? 3600))
    .sign(key);
}
