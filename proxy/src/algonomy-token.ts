/**
 * Algonomy access tokens, held server side: a fixed `ALGONOMY_ACCESS_TOKEN`, or one created with
 * `POST {base}/secureApi/token/profile/create` (headers `tenant_hash`, `oauth_key_secret`) and
 * renewed when it expires or the vendor answers 401. Only one creation runs at a time; callers
 * that find the token stale while one runs wait for it instead of starting another.
 */

import { readBytesLimited } from './body.ts';
import {
  ALGONOMY_CALLS,
  ALGONOMY_OAUTH_KEY_SECRET_HEADER,
  ALGONOMY_TENANT_HASH_HEADER,
  ALGONOMY_TOKEN_RESOURCE,
} from '../../src/sources/algonomy.contract.ts';

export interface AlgonomyTokenOptions {
  baseUrl: string;
  tenantHash: string;
  accessToken?: string;
  oauthKeySecret?: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  /** Called with each token obtained, so it joins the secrets kept out of answers and logs. */
  onToken?: (token: string) => void;
  /** Called after each creation attempt (for the log); never given the token. */
  onEvent?: (event: { event: 'algonomy-token-created' | 'algonomy-token-failed'; reason?: string }) => void;
}

export class AlgonomyTokenError extends Error {}

/**
 * Holds the Algonomy access token the proxy sends. A holder shared by several instances (in
 * Redis, say) implements the same three members, so one creation serves them all.
 */
export interface AlgonomyTokenHolder {
  /** Whether a rejected token can be replaced (an OAuth key secret is set). */
  readonly canRenew: boolean;
  /** A token believed valid: the current one, or a new one when there is none or it expired. */
  get(): Promise<string>;
  /** Replaces `stale`, a token the vendor just refused, or returns its already newer replacement. */
  renew(stale: string): Promise<string>;
}

const TOKEN = /^[\x21-\x7e]{8,4096}$/;
/**
 * Largest token answer read: a token (at most 4 KiB) in a small JSON object. Counted on the
 * bytes as they arrive, after any decompression, so a gzip bomb stops here too.
 */
export const MAX_TOKEN_ANSWER_BYTES = 16 * 1024;
/** Renew this long before a known expiry. */
const EXPIRY_MARGIN_MS = 30_000;

export class AlgonomyTokens implements AlgonomyTokenHolder {
  private token: string | undefined;
  private expiresAt = Infinity;
  private creating: Promise<string> | null = null;
  /** How many tokens were created (for tests and the log). */
  created = 0;

  constructor(private readonly options: AlgonomyTokenOptions) {
    this.token = options.accessToken;
    if (this.token) options.onToken?.(this.token);
  }

  /**
   * When the current token is to be renewed, on the `now` clock (a margin before the expiry its
   * answer gave); `Infinity` when the answer gave none or the token is a fixed one.
   */
  get renewAt(): number {
    return this.expiresAt;
  }

  /** Whether a rejected token can be replaced. */
  get canRenew(): boolean {
    return Boolean(this.options.oauthKeySecret);
  }

  /** A token believed valid: the current one, or a new one when there is none or it expired. */
  async get(): Promise<string> {
    if (this.creating) return this.creating;
    if (this.token && (this.expiresAt > this.options.now() || !this.canRenew)) return this.token;
    return this.create();
  }

  /**
   * Replaces `stale` (a token the vendor just refused). If it was already replaced, the newer
   * token is returned; if a creation is running, its result is shared.
   */
  async renew(stale: string): Promise<string> {
    if (this.creating) return this.creating;
    if (this.token && this.token !== stale) return this.token;
    return this.create();
  }

  private create(): Promise<string> {
    if (!this.canRenew && !this.token) return Promise.reject(new AlgonomyTokenError('no credentials'));
    if (!this.canRenew) return Promise.resolve(this.token!);
    this.creating = this.request().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  private async request(): Promise<string> {
    const { baseUrl, tenantHash, oauthKeySecret, timeoutMs } = this.options;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      try {
        response = await this.options.fetch(`${baseUrl}${ALGONOMY_CALLS.createToken.path}`, {
          method: ALGONOMY_CALLS.createToken.method,
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            [ALGONOMY_TENANT_HASH_HEADER]: tenantHash,
            [ALGONOMY_OAUTH_KEY_SECRET_HEADER]: oauthKeySecret!,
          },
          body: JSON.stringify({ resource: [ALGONOMY_TOKEN_RESOURCE] }),
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch {
        throw this.fail('network');
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw this.fail(`status ${response.status}`);
      }
      let bytes: Uint8Array | null;
      try {
        bytes = await readBytesLimited(response, MAX_TOKEN_ANSWER_BYTES);
      } catch {
        throw this.fail('network');
      }
      if (!bytes) throw this.fail('answer too large');
      const text = new TextDecoder().decode(bytes);
      const parsed = parseTokenAnswer(text, this.options.now());
      if (!parsed) throw this.fail('unreadable answer');
      this.token = parsed.token;
      this.expiresAt = parsed.expiresAt;
      this.created += 1;
      this.options.onToken?.(parsed.token);
      this.options.onEvent?.({ event: 'algonomy-token-created' });
      return parsed.token;
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(reason: string): AlgonomyTokenError {
    this.options.onEvent?.({ event: 'algonomy-token-failed', reason });
    return new AlgonomyTokenError(reason);
  }
}

/**
 * The token and its expiry from the vendor's answer. The answer's shape is undocumented, so
 * the usual places are tried: `access_token`, `accessToken` or `token`, at the top or under
 * `data`, or the body itself as a JSON string; `expires_in`/`expiresIn` in seconds if given.
 */
export function parseTokenAnswer(text: string, now: number): { token: string; expiresAt: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text.trim();
  }
  const records = [parsed, (parsed as { data?: unknown } | null)?.data].filter(
    (value): value is Record<string, unknown> => Boolean(value) && typeof value === 'object',
  );
  let token: unknown = typeof parsed === 'string' ? parsed : undefined;
  let expiresIn: unknown;
  for (const record of records) {
    token ??= record.access_token ?? record.accessToken ?? record.token;
    expiresIn ??= record.expires_in ?? record.expiresIn;
  }
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const seconds = Number(expiresIn);
  const expiresAt =
    Number.isFinite(seconds) && seconds > 0
      ? now + Math.max(seconds * 1000 - EXPIRY_MARGIN_MS, seconds * 500)
      : Infinity;
  return { token, expiresAt };
}
