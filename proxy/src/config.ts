/**
 * The proxy's settings: what `createProxy()` accepts, and the checks that turn them into a
 * resolved configuration. A setting that is missing switches its source off; a setting that is
 * present but malformed throws a {@link ProxyConfigError} that names it (never its value).
 */
import { CSOMNI_BASE_URL } from '../../src/sources/csomni.contract.ts';
import { GIOSG_BASE_URL } from '../../src/sources/giosg.contract.ts';
import type { ProxyLogEntry } from './log.ts';
import { plainlyNotRandom } from './secret-strength.ts';
import { DEFAULT_SESSION_MAX_AGE_SECONDS } from './session.ts';

export type SourceId = 'csomni' | 'algonomy' | 'giosg';
export const SOURCE_IDS: readonly SourceId[] = ['csomni', 'algonomy', 'giosg'];

/** The vendors' own hosts, from their contracts (Algonomy has none: each tenant has its own). */
export const DEFAULT_BASE_URLS: Partial<Record<SourceId, string>> = {
  csomni: CSOMNI_BASE_URL,
  giosg: GIOSG_BASE_URL,
};

/** Web-standard fetch handler; `env` is whatever the server passes (Node: `{ incoming }`). */
export type ProxyHandler = (request: Request, env?: unknown) => Promise<Response>;

export interface ProxyConfig {
  /** HS256 key customer sessions are signed with (at least 32 characters). */
  sessionSecret?: string | undefined;
  /**
   * Longest a session is accepted after its `iat`, in seconds (default 86 400), whatever its
   * `exp`; sessions must then carry `iat`. 0: no limit, `iat` optional.
   */
  sessionMaxAgeSeconds?: number | undefined;
  /**
   * When set, sessions must carry this `aud` (e.g. `storefront-widgets`), so a token minted for another service is
   * refused.
   */
  sessionAudience?: string | undefined;
  /** Origins (`https://shop.example`) whose pages may call the proxy; a list or comma-separated. */
  allowedOrigins?: string | readonly string[] | undefined;
  csomniBaseUrl?: string | undefined;
  csomniSiteToken?: string | undefined;
  algonomyBaseUrl?: string | undefined;
  algonomyTenantHash?: string | undefined;
  /** A fixed Algonomy access token. */
  algonomyAccessToken?: string | undefined;
  /** The OAuth key secret used to create (and renew) Algonomy access tokens. */
  algonomyOauthKeySecret?: string | undefined;
  giosgBaseUrl?: string | undefined;
  giosgApiToken?: string | undefined;
  /**
   * Allows `http:` vendor base URLs to hosts other than loopback (default false: refused, as the
   * credentials would travel unencrypted). Only for a network you trust end to end.
   */
  allowInsecureUpstream?: boolean | undefined;
  /**
   * Whether answers of 1 KiB or more go brotli- or gzip-compressed to clients that accept it
   * (default true). Set false behind a CDN or reverse proxy that compresses (Cloudflare does for
   * Workers), so the work is not done twice.
   */
  compressResponses?: boolean | undefined;
  /** Path the proxy is mounted at, e.g. `/proxy` (default: the root). */
  basePath?: string | undefined;
  /**
   * Whether to take the client address from `X-Forwarded-For`: `false` (default) never,
   * `true` or `1` the last entry (added by the one proxy in front), `n` the n-th from the end.
   * Behind a reverse proxy, set it (or `clientIp`): the socket address is then the proxy's, and
   * every request without a session would share its rate-limit window (the proxy logs one
   * `forwarded-ignored` warning when it sees forwarding headers with neither set).
   */
  trustProxy?: boolean | number | undefined;
  /** Requests per client per window (default 120); 0 turns rate limiting off. */
  rateLimitMax?: number | undefined;
  /** Length of a rate-limit window in seconds (default 60). */
  rateLimitWindowSeconds?: number | undefined;
  /** Milliseconds before an upstream call is abandoned with 504 (default 10 000). */
  upstreamTimeoutMs?: number | undefined;
  /** Largest request body accepted, in bytes (default 16 KiB). */
  maxBodyBytes?: number | undefined;
  /** Most entries the response cache holds (default 1000). */
  cacheMaxEntries?: number | undefined;
  /** Seconds a CS Omni frequently-purchased list is served from cache (default 86 400). */
  csomniListTtlSeconds?: number | undefined;
  /** Seconds a CS Omni product is served from cache (default 300). */
  productTtlSeconds?: number | undefined;
  /** Used for every upstream call (default: the global fetch). */
  fetch?: typeof fetch | undefined;
  /** Receives one entry per request (and a few events); `false` for none. Default: JSON lines on stdout. */
  logger?: ((entry: ProxyLogEntry) => void) | false | undefined;
  /** Clock for cache TTLs, rate-limit windows, token expiry and session `exp` (default `Date.now`). */
  now?: (() => number) | undefined;
  /**
   * The client's address when the runtime knows it (default: Node's socket from `env.incoming`),
   * e.g. `CF-Connecting-IP` on Cloudflare Workers. Keys the rate limit of requests without a session.
   */
  clientIp?: ((request: Request, env: unknown) => string | undefined) | undefined;
  /**
   * `redis://[:password@]host:port[/db]` or `rediss://…` (TLS): every instance on this Redis
   * shares the answer cache, the collapse of identical calls, the rate limit and the Algonomy
   * token. Unset: all in this process's memory. If Redis fails, the proxy falls back to memory.
   */
  redisUrl?: string | undefined;
  /** Longest a request waits on one Redis command before the proxy serves from memory instead (default 50 ms). */
  redisCommandTimeoutMs?: number | undefined;
  /**
   * Namespace of the proxy's Redis keys (default `storefront-widgets:`). After it every key carries a digest of the
   * shop's vendor settings, so shops that share a Redis, even with the same prefix, never share an entry.
   */
  redisKeyPrefix?: string | undefined;
  /**
   * Serves Prometheus metrics at `{basePath}/metrics` to requests with `Authorization: Bearer <metricsToken>` (off
   * when unset).
   */
  metricsToken?: string | undefined;
  /** A metrics registry made by the CLI for its separate metrics port (`METRICS_PORT`). */
  metrics?: import('./metrics.ts').ProxyMetrics | undefined;
}

export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
  constructor(
    /** The setting's camelCase name. */
    readonly setting: string,
    /** What is wrong with it, without its value. */
    readonly problem: string,
  ) {
    super(`${setting}: ${problem}`);
  }
}

export interface CsomniSettings {
  baseUrl: string;
  siteToken: string;
}
export interface AlgonomySettings {
  baseUrl: string;
  tenantHash: string;
  accessToken?: string;
  oauthKeySecret?: string;
}
export interface GiosgSettings {
  baseUrl: string;
  apiToken: string;
}

export interface ResolvedConfig {
  basePath: string;
  sessionSecret?: Uint8Array;
  sessionMaxAgeSeconds: number;
  sessionAudience?: string;
  allowedOrigins: ReadonlySet<string>;
  csomni?: CsomniSettings;
  algonomy?: AlgonomySettings;
  giosg?: GiosgSettings;
  /** Sources that are off, with the settings they lack. */
  disabled: { source: SourceId; missing: string[] }[];
  /** Base URL settings that use http: to a host that is not loopback (allowed by `allowInsecureUpstream`). */
  insecureUpstreams: string[];
  /** Every configured secret: never in a response or a log line. */
  secrets: string[];
  trustProxy: number;
  rateLimit: { max: number; windowMs: number } | null;
  upstreamTimeoutMs: number;
  maxBodyBytes: number;
  compressResponses: boolean;
  cacheMaxEntries: number;
  csomniListTtlMs: number;
  productTtlMs: number;
  /** Shared state, when a Redis URL is set. */
  redis?: { url: string; prefix: string; commandTimeoutMs: number };
  metricsToken?: string;
}

export const MIN_SESSION_SECRET_LENGTH = 32;
export const MIN_CREDENTIAL_LENGTH = 8;

/** Printable ASCII without surrounding spaces: safe as an HTTP header value. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const BASE_PATH = /^(?:\/[A-Za-z0-9_-]{1,64})*$/;

function text(config: ProxyConfig, key: keyof ProxyConfig): string | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ProxyConfigError(key, 'must be a string');
  return value.trim() === '' ? undefined : value.trim();
}

function credential(config: ProxyConfig, key: keyof ProxyConfig, min = MIN_CREDENTIAL_LENGTH): string | undefined {
  const value = text(config, key);
  if (value === undefined) return undefined;
  if (!HEADER_SAFE.test(value))
    throw new ProxyConfigError(key, 'may only hold printable ASCII characters (no line breaks or control characters)');
  if (value.length < min) throw new ProxyConfigError(key, `is too short (at least ${min} characters)`);
  return value;
}

/** Hosts an `http:` base may name: traffic to them never leaves the machine. */
function loopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname === '[::1]'
  );
}

/**
 * An http(s) base URL without credentials, query or fragment; its trailing slashes removed.
 * `http:` only to a loopback host, or when `insecure` allows it and records the setting: the
 * vendor credentials would otherwise travel unencrypted.
 */
function baseUrl(
  config: ProxyConfig,
  key: keyof ProxyConfig,
  fallback: string | undefined,
  insecure: { allowed: boolean; used: string[] },
): string | undefined {
  const value = text(config, key) ?? fallback;
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyConfigError(key, 'is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ProxyConfigError(key, 'must be an http or https URL');
  if (url.username || url.password) throw new ProxyConfigError(key, 'must not contain credentials');
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    throw new ProxyConfigError(key, 'must not contain a query or fragment');
  if (url.protocol === 'http:' && !loopback(url.hostname)) {
    if (!insecure.allowed) {
      throw new ProxyConfigError(
        key,
        'uses http: to a host that is not loopback, so the vendor credentials would travel unencrypted: use https ' +
          '(or, only for a trusted network, allowInsecureUpstream / ALLOW_INSECURE_UPSTREAM=true)',
      );
    }
    insecure.used.push(key);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function integer(config: ProxyConfig, key: keyof ProxyConfig, fallback: number, min: number, max: number): number {
  const value = config[key];
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new ProxyConfigError(key, `must be a whole number from ${min} to ${max}`);
  }
  return number;
}

function origins(value: ProxyConfig['allowedOrigins']): Set<string> {
  if (value === undefined || value === null) return new Set();
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
  if (!list) throw new ProxyConfigError('allowedOrigins', 'must be a list of origins or a comma-separated string');
  const result = new Set<string>();
  for (const raw of list) {
    if (typeof raw !== 'string') throw new ProxyConfigError('allowedOrigins', 'must hold only strings');
    const entry = raw.trim();
    if (!entry) continue;
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ProxyConfigError('allowedOrigins', 'holds an entry that is not an origin such as https://shop.example');
    }
    if (
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      url.origin !== entry.replace(/\/$/, '').toLowerCase()
    ) {
      throw new ProxyConfigError(
        'allowedOrigins',
        'holds an entry that is not an origin such as https://shop.example (scheme, host and port only)',
      );
    }
    result.add(url.origin);
  }
  return result;
}

function trustProxy(value: ProxyConfig['trustProxy']): number {
  if (value === undefined || value === null || value === false) return 0;
  if (value === true) return 1;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) return value;
  throw new ProxyConfigError('trustProxy', 'must be true, false or a number of proxies from 0 to 10');
}

/** Checks every setting and works out which sources are on. */
export function resolveConfig(config: ProxyConfig): ResolvedConfig {
  if (!config || typeof config !== 'object') throw new ProxyConfigError('config', 'must be an object');
  const basePath = (text(config, 'basePath') ?? '').replace(/\/+$/, '');
  if (!BASE_PATH.test(basePath))
    throw new ProxyConfigError('basePath', 'must look like /proxy (letters, digits, _ and - in each segment)');

  const sessionSecretText = credential(config, 'sessionSecret', MIN_SESSION_SECRET_LENGTH);
  if (sessionSecretText && plainlyNotRandom(sessionSecretText)) {
    throw new ProxyConfigError(
      'sessionSecret',
      'does not look random (too few different characters, a repeated pattern or a run): ' +
        'generate one, e.g. `openssl rand -base64 48`',
    );
  }
  if (config.allowInsecureUpstream !== undefined && typeof config.allowInsecureUpstream !== 'boolean') {
    throw new ProxyConfigError('allowInsecureUpstream', 'must be true or false');
  }
  if (config.compressResponses !== undefined && typeof config.compressResponses !== 'boolean') {
    throw new ProxyConfigError('compressResponses', 'must be true or false');
  }
  const insecure = { allowed: config.allowInsecureUpstream === true, used: [] as string[] };
  const disabled: ResolvedConfig['disabled'] = [];
  const secrets: string[] = [];
  if (sessionSecretText) secrets.push(sessionSecretText);

  let csomni: CsomniSettings | undefined;
  const csomniBase = baseUrl(config, 'csomniBaseUrl', DEFAULT_BASE_URLS.csomni, insecure)!;
  const siteToken = credential(config, 'csomniSiteToken');
  if (siteToken) {
    csomni = { baseUrl: csomniBase, siteToken };
    secrets.push(siteToken);
  } else disabled.push({ source: 'csomni', missing: ['csomniSiteToken'] });

  let algonomy: AlgonomySettings | undefined;
  const algonomyBase = baseUrl(config, 'algonomyBaseUrl', undefined, insecure);
  const tenantHash = credential(config, 'algonomyTenantHash');
  const accessToken = credential(config, 'algonomyAccessToken');
  const oauthKeySecret = credential(config, 'algonomyOauthKeySecret');
  for (const secret of [tenantHash, accessToken, oauthKeySecret]) if (secret) secrets.push(secret);
  const algonomyMissing = [
    ...(algonomyBase ? [] : ['algonomyBaseUrl']),
    ...(tenantHash ? [] : ['algonomyTenantHash']),
    ...(accessToken || oauthKeySecret ? [] : ['algonomyAccessToken or algonomyOauthKeySecret']),
    ...(sessionSecretText ? [] : ['sessionSecret']),
  ];
  if (algonomyMissing.length === 0)
    algonomy = { baseUrl: algonomyBase!, tenantHash: tenantHash!, accessToken, oauthKeySecret };
  else disabled.push({ source: 'algonomy', missing: algonomyMissing });

  let giosg: GiosgSettings | undefined;
  const giosgBase = baseUrl(config, 'giosgBaseUrl', DEFAULT_BASE_URLS.giosg, insecure)!;
  const apiToken = credential(config, 'giosgApiToken');
  if (apiToken) secrets.push(apiToken);
  const giosgMissing = [...(apiToken ? [] : ['giosgApiToken']), ...(sessionSecretText ? [] : ['sessionSecret'])];
  if (giosgMissing.length === 0) giosg = { baseUrl: giosgBase, apiToken: apiToken! };
  else disabled.push({ source: 'giosg', missing: giosgMissing });

  const rateLimitMax = integer(config, 'rateLimitMax', 120, 0, 1_000_000_000);
  const rateLimitWindowSeconds = integer(config, 'rateLimitWindowSeconds', 60, 1, 86_400);
  if (config.fetch !== undefined && typeof config.fetch !== 'function')
    throw new ProxyConfigError('fetch', 'must be a function');
  if (config.now !== undefined && typeof config.now !== 'function')
    throw new ProxyConfigError('now', 'must be a function');
  if (config.logger !== undefined && config.logger !== false && typeof config.logger !== 'function') {
    throw new ProxyConfigError('logger', 'must be a function or false');
  }

  const redisUrlText = text(config, 'redisUrl');
  let redis: ResolvedConfig['redis'];
  if (redisUrlText) {
    let url: URL;
    try {
      url = new URL(redisUrlText);
    } catch {
      throw new ProxyConfigError('redisUrl', 'is not a valid URL');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      throw new ProxyConfigError('redisUrl', 'must be a redis:// or rediss:// (TLS) URL');
    // The user and password are %-decoded (the password here, both by the Redis client): a stray
    // % stops start-up here, naming the setting.
    let password: string;
    try {
      decodeURIComponent(url.username);
      password = decodeURIComponent(url.password);
    } catch {
      throw new ProxyConfigError('redisUrl', 'has a malformed %-escape in its user or password (write a % as %25)');
    }
    const prefix = text(config, 'redisKeyPrefix') ?? 'storefront-widgets:';
    if (!/^[A-Za-z0-9_.:{}-]{1,64}$/.test(prefix))
      throw new ProxyConfigError('redisKeyPrefix', 'may hold 1 to 64 letters, digits and _ . : - { }');
    redis = { url: redisUrlText, prefix, commandTimeoutMs: integer(config, 'redisCommandTimeoutMs', 50, 5, 5000) };
    // The URL may carry the Redis password: never in an answer or a log line.
    secrets.push(redisUrlText);
    if (password) secrets.push(password);
  }
  const metricsToken = credential(config, 'metricsToken', 16);
  if (metricsToken) secrets.push(metricsToken);

  return {
    basePath,
    sessionSecret: sessionSecretText ? new TextEncoder().encode(sessionSecretText) : undefined,
    sessionMaxAgeSeconds: integer(config, 'sessionMaxAgeSeconds', DEFAULT_SESSION_MAX_AGE_SECONDS, 0, 31_536_000),
    // Not a secret, but it must fit a JWT claim compared as text: printable ASCII.
    sessionAudience: credential(config, 'sessionAudience', 1),
    allowedOrigins: origins(config.allowedOrigins),
    csomni,
    algonomy,
    giosg,
    disabled,
    insecureUpstreams: insecure.used,
    secrets,
    trustProxy: trustProxy(config.trustProxy),
    rateLimit: rateLimitMax > 0 ? { max: rateLimitMax, windowMs: rateLimitWindowSeconds * 1000 } : null,
    upstreamTimeoutMs: integer(config, 'upstreamTimeoutMs', 10_000, 1, 300_000),
    maxBodyBytes: integer(config, 'maxBodyBytes', 16 * 1024, 0, 1024 * 1024),
    compressResponses: config.compressResponses ?? true,
    cacheMaxEntries: integer(config, 'cacheMaxEntries', 1000, 0, 1_000_000),
    csomniListTtlMs: integer(config, 'csomniListTtlSeconds', 86_400, 0, 86_400) * 1000,
    productTtlMs: integer(config, 'productTtlSeconds', 300, 0, 86_400) * 1000,
    redis,
    metricsToken,
  };
}
