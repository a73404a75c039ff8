/**
 * The Algonomy access token shared by every instance on one Redis: one instance creates it
 * (holding a short lock, a lease it renews meanwhile), the others read it. It sits in Redis
 * encrypted (AES-256-GCM, with a key derived from the OAuth key secret, which only the instances
 * hold), so whoever can read Redis still cannot call Algonomy. Throws {@link RedisUnavailable}
 * when Redis is down or slow: the caller then uses this instance's own holder.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AlgonomyTokens, type AlgonomyTokenHolder, type AlgonomyTokenOptions } from './algonomy-token.ts';
import { RedisUnavailable, type RedisLink } from './redis-link.ts';
import { keepLease, LEASE_MS } from './redis-lease.ts';

/** How long a token whose answer gave no expiry is kept in Redis (renewed on a 401 anyway). */
const UNKNOWN_EXPIRY_MS = 24 * 60 * 60 * 1000;
const POLL_MS = 20;

interface SharedToken {
  token: string;
  /** Wall-clock milliseconds (the instances' clocks, not a test clock). */
  expiresAt: number;
}

export class RedisAlgonomyTokens implements AlgonomyTokenHolder {
  readonly canRenew = true;
  private readonly key: string;
  private readonly lock: string;
  private readonly cipherKey: Buffer;
  private creating: Promise<string> | null = null;
  /**
   * The configured `ALGONOMY_ACCESS_TOKEN`, sent (as in memory) until the vendor refuses it; a
   * shared token, which an instance creates only after such a refusal, goes before it.
   */
  private fixed: string | undefined;

  constructor(
    private readonly link: RedisLink,
    /** `{prefix}{shop}:algonomy-token:{digest of the tenant}` (see RedisStores) */
    key: string,
    private readonly options: AlgonomyTokenOptions,
    /** How long the creation lock lasts unless renewed (tests make it shorter). */
    private readonly leaseMs = LEASE_MS,
  ) {
    this.key = key;
    this.lock = `${key}:lock`;
    this.fixed = options.accessToken;
    this.cipherKey = Buffer.from(
      hkdfSync(
        'sha256',
        options.oauthKeySecret ?? '',
        options.tenantHash,
        'storefront-widgets-proxy algonomy token',
        32,
      ),
    );
  }

  async get(): Promise<string> {
    if (this.creating) return this.creating;
    const shared = await this.read();
    if (shared && shared.expiresAt > Date.now()) return shared.token;
    if (this.fixed) return this.fixed;
    return this.create(shared?.token);
  }

  async renew(stale: string): Promise<string> {
    if (stale === this.fixed) this.fixed = undefined;
    if (this.creating) return this.creating;
    return (await this.replacement(stale)) ?? this.create(stale);
  }

  /** The shared token, if it is a valid one other than `stale` (another instance replaced it). */
  private async replacement(stale: string | undefined): Promise<string | undefined> {
    const shared = await this.read();
    return shared && shared.token !== stale && shared.expiresAt > Date.now() ? shared.token : undefined;
  }

  /** One creation per instance at a time, and one per fleet: the lock's holder makes it. */
  private create(stale: string | undefined): Promise<string> {
    this.creating ??= this.createShared(stale).finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  private async createShared(stale: string | undefined): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    const lockMs = this.options.timeoutMs + 250;
    const leaseMs = Math.min(this.leaseMs, lockMs);
    const giveUpAt = Date.now() + lockMs * 2;
    for (;;) {
      const taken = await this.link.command((client) => client.set(this.lock, id, 'PX', leaseMs, 'NX'));
      if (taken === 'OK') {
        // The lease lasts while this instance creates the token.
        const lease = keepLease(this.link, this.lock, id, leaseMs);
        try {
          // Another instance may have shared a new token, and let go of the lock, between this
          // one's read and its lock: use it rather than create one more.
          return (await this.replacement(stale)) ?? (await this.make());
        } finally {
          await lease.release();
        }
      }
      // Another instance is creating one: wait for it (or for its lock to lapse).
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const replaced = await this.replacement(stale);
        if (replaced) return replaced;
        if (Date.now() > giveUpAt) throw new RedisUnavailable('token-lock-wait');
        if ((await this.link.command((client) => client.exists(this.lock))) === 0) break;
      }
    }
  }

  /**
   * Creates a token with the vendor (through a one-off holder, which reads the answer within its
   * cap) and shares it, encrypted. The holder runs on the wall clock, the clock of the expiry
   * kept in Redis.
   */
  private async make(): Promise<string> {
    const holder = new AlgonomyTokens({ ...this.options, accessToken: undefined, now: Date.now });
    const token = await holder.get();
    const expiresAt = holder.renewAt;
    const ttl = Number.isFinite(expiresAt) ? Math.max(1000, expiresAt - Date.now()) : UNKNOWN_EXPIRY_MS;
    const sealed = this.seal({
      token,
      expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + UNKNOWN_EXPIRY_MS,
    });
    await this.link.command((client) => client.set(this.key, sealed, 'PX', Math.ceil(ttl))).catch(() => {});
    return token;
  }

  private async read(): Promise<SharedToken | undefined> {
    const sealed = await this.link.command((client) => client.get(this.key));
    if (!sealed) return undefined;
    const shared = this.open(sealed);
    if (shared) this.options.onToken?.(shared.token);
    return shared;
  }

  private seal(value: SharedToken): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.cipherKey, iv);
    cipher.setAAD(Buffer.from(this.key));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
      '.',
    );
  }

  /** The token, or undefined for anything this instance cannot decrypt (another secret, tampering). */
  private open(sealed: string): SharedToken | undefined {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || !body || !tag) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.cipherKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(this.key));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      const value = JSON.parse(text) as SharedToken;
      return typeof value.token === 'string' && typeof value.expiresAt === 'number' ? value : undefined;
    } catch {
      return undefined;
    }
  }
}
