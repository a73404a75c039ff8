/**
 * The CLI's settings: environment variables and an optional JSON config file, turned into a
 * `ProxyConfig` plus the port and host to listen on. The file may use either the environment
 * names (`CSOMNI_SITE_TOKEN`) or the camelCase ones (`csomniSiteToken`); the environment wins
 * over the file. Errors name the setting as the user wrote it (the environment name).
 */
import { ProxyConfigError, resolveConfig, type ProxyConfig, type ResolvedConfig } from './config.ts';

type Kind = 'string' | 'integer' | 'trust' | 'boolean';

/** Every setting: its environment name, its camelCase name, and what it holds. */
export const SETTINGS = [
  { env: 'PORT', key: 'port', kind: 'integer' },
  { env: 'HOST', key: 'host', kind: 'string' },
  { env: 'BASE_PATH', key: 'basePath', kind: 'string' },
  { env: 'ALLOWED_ORIGINS', key: 'allowedOrigins', kind: 'string' },
  { env: 'SESSION_SECRET', key: 'sessionSecret', kind: 'string' },
  { env: 'SESSION_MAX_AGE_SECONDS', key: 'sessionMaxAgeSeconds', kind: 'integer' },
  { env: 'SESSION_AUDIENCE', key: 'sessionAudience', kind: 'string' },
  { env: 'CSOMNI_BASE_URL', key: 'csomniBaseUrl', kind: 'string' },
  { env: 'CSOMNI_SITE_TOKEN', key: 'csomniSiteToken', kind: 'string' },
  { env: 'ALGONOMY_BASE_URL', key: 'algonomyBaseUrl', kind: 'string' },
  { env: 'ALGONOMY_TENANT_HASH', key: 'algonomyTenantHash', kind: 'string' },
  { env: 'ALGONOMY_ACCESS_TOKEN', key: 'algonomyAccessToken', kind: 'string' },
  { env: 'ALGONOMY_OAUTH_KEY_SECRET', key: 'algonomyOauthKeySecret', kind: 'string' },
  { env: 'GIOSG_BASE_URL', key: 'giosgBaseUrl', kind: 'string' },
  { env: 'GIOSG_API_TOKEN', key: 'giosgApiToken', kind: 'string' },
  { env: 'ALLOW_INSECURE_UPSTREAM', key: 'allowInsecureUpstream', kind: 'boolean' },
  { env: 'TRUST_PROXY', key: 'trustProxy', kind: 'trust' },
  { env: 'RATE_LIMIT_MAX', key: 'rateLimitMax', kind: 'integer' },
  { env: 'RATE_LIMIT_WINDOW_SECONDS', key: 'rateLimitWindowSeconds', kind: 'integer' },
  { env: 'UPSTREAM_TIMEOUT_MS', key: 'upstreamTimeoutMs', kind: 'integer' },
  { env: 'MAX_BODY_BYTES', key: 'maxBodyBytes', kind: 'integer' },
  { env: 'COMPRESS_RESPONSES', key: 'compressResponses', kind: 'boolean' },
  { env: 'CACHE_MAX_ENTRIES', key: 'cacheMaxEntries', kind: 'integer' },
  { env: 'CSOMNI_LIST_TTL_SECONDS', key: 'csomniListTtlSeconds', kind: 'integer' },
  { env: 'PRODUCT_TTL_SECONDS', key: 'productTtlSeconds', kind: 'integer' },
  { env: 'REDIS_URL', key: 'redisUrl', kind: 'string' },
  { env: 'REDIS_KEY_PREFIX', key: 'redisKeyPrefix', kind: 'string' },
  { env: 'REDIS_COMMAND_TIMEOUT_MS', key: 'redisCommandTimeoutMs', kind: 'integer' },
  { env: 'METRICS_TOKEN', key: 'metricsToken', kind: 'string' },
  { env: 'METRICS_PORT', key: 'metricsPort', kind: 'integer' },
] as const satisfies readonly { env: string; key: string; kind: Kind }[];

export const DEFAULT_PORT = 8787;

/** The settings that are secrets: a config file holding one must be private to its owner. */
export const SECRET_SETTINGS: readonly string[] = [
  'SESSION_SECRET',
  'CSOMNI_SITE_TOKEN',
  'ALGONOMY_TENANT_HASH',
  'ALGONOMY_ACCESS_TOKEN',
  'ALGONOMY_OAUTH_KEY_SECRET',
  'GIOSG_API_TOKEN',
];

/** Whether a parsed config file holds any secret setting (by either of its names). */
export function holdsSecrets(file: unknown): boolean {
  if (!file || typeof file !== 'object') return false;
  const values = file as Record<string, unknown>;
  return SETTINGS.some(
    ({ env, key }) =>
      SECRET_SETTINGS.includes(env) &&
      [values[env], values[key]].some((value) => value !== undefined && value !== null && value !== ''),
  );
}

/** The environment name of a camelCase setting (or the text as it is). */
export function envName(setting: string): string {
  return setting
    .split(' or ')
    .map((part) => SETTINGS.find((entry) => entry.key === part)?.env ?? part)
    .join(' or ');
}

export interface CliSettings {
  config: ProxyConfig;
  port: number;
  host?: string;
  /** Port of a separate listener serving only /metrics (`METRICS_PORT`), none when unset. */
  metricsPort?: number;
  resolved: ResolvedConfig;
}

const HOST = /^[A-Za-z0-9.:_-]{1,253}$/;

function fail(env: string, problem: string): never {
  throw new ProxyConfigError(env, problem);
}

function normalize(env: string, kind: Kind, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && env === 'ALLOWED_ORIGINS') return value;
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (text === 'true' || text === 'yes' || text === '1') return true;
    if (text === 'false' || text === 'no' || text === '0') return false;
    return fail(env, 'must be true or false');
  }
  if (kind === 'trust') {
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (text === 'true' || text === 'yes') return true;
    if (text === 'false' || text === 'no') return false;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    return fail(env, 'must be true, false or a number of proxies');
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return fail(env, 'must be a string');
  return value;
}

/**
 * Reads the settings from `env` (process.env) and `file` (a parsed config file). Throws a
 * `ProxyConfigError` whose `setting` is the environment name of the first bad setting.
 */
export function readSettings(env: Record<string, string | undefined>, file?: unknown): CliSettings {
  if (file !== undefined && (!file || typeof file !== 'object' || Array.isArray(file)))
    fail('--config', 'must hold a JSON object');
  const fileValues = (file ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(fileValues)) {
    if (!SETTINGS.some((entry) => entry.env === name || entry.key === name)) fail(name, 'is not a known setting');
  }
  const values: Record<string, unknown> = {};
  for (const { env: name, key, kind } of SETTINGS) {
    const raw = env[name] !== undefined && env[name] !== '' ? env[name] : (fileValues[name] ?? fileValues[key]);
    const value = normalize(name, kind, raw);
    if (value !== undefined) values[key] = value;
  }

  let port = DEFAULT_PORT;
  if (values.port !== undefined) {
    const text = String(values.port).trim();
    port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    if (!(port >= 0 && port <= 65535)) fail('PORT', 'must be a whole number from 0 to 65535');
  }
  const host = values.host as string | undefined;
  if (host !== undefined && !HOST.test(host)) fail('HOST', 'is not a host name or address');
  let metricsPort: number | undefined;
  if (values.metricsPort !== undefined) {
    const text = String(values.metricsPort).trim();
    metricsPort = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    if (!(metricsPort > 0 && metricsPort <= 65535) || metricsPort === port)
      fail('METRICS_PORT', 'must be a port from 1 to 65535, other than PORT');
  }
  delete values.port;
  delete values.host;
  delete values.metricsPort;

  const config = values as ProxyConfig;
  let resolved: ResolvedConfig;
  try {
    resolved = resolveConfig(config);
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new ProxyConfigError(envName(error.setting), error.problem);
    throw error;
  }
  return { config, port, host, metricsPort, resolved };
}
