import { describe, expect, it } from 'vitest';
import { ProxyConfigError, createProxy } from '../src/index.ts';
import { readSettings } from '../src/settings.ts';

const SESSION_SECRET = 'a-session-secret-of-thirty-two-characters!';

function settingError(run: () => unknown): { setting: string; problem: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ProxyConfigError) return { setting: error.setting, problem: error.problem };
    throw error;
  }
  throw new Error('expected a ProxyConfigError');
}

describe('settings from the environment and a config file', () => {
  it('uses the defaults: port 8787 and the vendors’ documented bases', () => {
    const { port, resolved } = readSettings({
      CSOMNI_SITE_TOKEN: 'site_token1',
      GIOSG_API_TOKEN: 'giosg-token',
      SESSION_SECRET,
    });
    expect(port).toBe(8787);
    expect(resolved.csomni).toEqual({ baseUrl: 'https://apistore.csomni.com', siteToken: 'site_token1' });
    expect(resolved.giosg).toEqual({ baseUrl: 'https://service.giosg.com', apiToken: 'giosg-token' });
    expect(resolved.rateLimit).toEqual({ max: 120, windowMs: 60_000 });
    expect(resolved.sessionMaxAgeSeconds).toBe(86_400);
    expect(resolved.sessionAudience).toBeUndefined();
    expect(resolved.compressResponses).toBe(true);
  });

  it('reads COMPRESS_RESPONSES as true or false', () => {
    expect(readSettings({ COMPRESS_RESPONSES: 'false' }).resolved.compressResponses).toBe(false);
    expect(readSettings({ COMPRESS_RESPONSES: '0' }).resolved.compressResponses).toBe(false);
    expect(readSettings({ COMPRESS_RESPONSES: 'true' }).resolved.compressResponses).toBe(true);
    expect(readSettings({}, { compressResponses: false }).resolved.compressResponses).toBe(false);
    expect(settingError(() => readSettings({ COMPRESS_RESPONSES: 'br' })).setting).toBe('COMPRESS_RESPONSES');
  });

  it('reads the session’s maximum age and audience', () => {
    const { resolved } = readSettings({
      SESSION_SECRET,
      SESSION_MAX_AGE_SECONDS: '0',
      SESSION_AUDIENCE: 'storefront-widgets',
    });
    expect(resolved.sessionMaxAgeSeconds).toBe(0);
    expect(resolved.sessionAudience).toBe('storefront-widgets');
    expect(readSettings({}, { sessionMaxAgeSeconds: 3600 }).resolved.sessionMaxAgeSeconds).toBe(3600);
  });

  it('switches off a source whose settings are missing and says which', () => {
    const { resolved } = readSettings({ CSOMNI_SITE_TOKEN: 'site_token1', ALGONOMY_TENANT_HASH: 'tenant-hash' });
    expect(resolved.csomni).toBeDefined();
    expect(resolved.algonomy).toBeUndefined();
    expect(resolved.giosg).toBeUndefined();
    expect(resolved.disabled).toEqual([
      {
        source: 'algonomy',
        missing: ['algonomyBaseUrl', 'algonomyAccessToken or algonomyOauthKeySecret', 'sessionSecret'],
      },
      { source: 'giosg', missing: ['giosgApiToken', 'sessionSecret'] },
    ]);
  });

  it('turns Algonomy on with a fixed token or with the OAuth key secret', () => {
    const base = {
      ALGONOMY_BASE_URL: 'https://api.algonomy.test/rcdpapi/',
      ALGONOMY_TENANT_HASH: 'tenant-hash',
      SESSION_SECRET,
    };
    expect(readSettings({ ...base, ALGONOMY_ACCESS_TOKEN: 'access-token' }).resolved.algonomy).toEqual({
      baseUrl: 'https://api.algonomy.test/rcdpapi',
      tenantHash: 'tenant-hash',
      accessToken: 'access-token',
      oauthKeySecret: undefined,
    });
    expect(readSettings({ ...base, ALGONOMY_OAUTH_KEY_SECRET: 'oauth-secret' }).resolved.algonomy?.oauthKeySecret).toBe(
      'oauth-secret',
    );
  });

  it('stops on a malformed setting, naming it and never echoing its value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: '99999' }, 'PORT'],
      [{ PORT: '80x' }, 'PORT'],
      [{ PORT: '-1' }, 'PORT'],
      [{ CSOMNI_BASE_URL: 'not a url' }, 'CSOMNI_BASE_URL'],
      [{ CSOMNI_BASE_URL: 'ftp://apistore.csomni.com' }, 'CSOMNI_BASE_URL'],
      [{ GIOSG_BASE_URL: 'https://user:pw@service.giosg.com' }, 'GIOSG_BASE_URL'],
      [{ ALGONOMY_BASE_URL: 'https://api.algonomy.test/?x=1' }, 'ALGONOMY_BASE_URL'],
      [{ SESSION_SECRET: 'too-short-secret' }, 'SESSION_SECRET'],
      [{ CSOMNI_SITE_TOKEN: 'site_x' }, 'CSOMNI_SITE_TOKEN'],
      [{ GIOSG_API_TOKEN: 'token\r\nX-Evil: 1' }, 'GIOSG_API_TOKEN'],
      [{ ALLOWED_ORIGINS: 'https://shop.example/path' }, 'ALLOWED_ORIGINS'],
      [{ ALLOWED_ORIGINS: '*' }, 'ALLOWED_ORIGINS'],
      [{ RATE_LIMIT_MAX: 'lots' }, 'RATE_LIMIT_MAX'],
      [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
      [{ SESSION_MAX_AGE_SECONDS: '-1' }, 'SESSION_MAX_AGE_SECONDS'],
      [{ SESSION_MAX_AGE_SECONDS: '1 day' }, 'SESSION_MAX_AGE_SECONDS'],
      [{ SESSION_AUDIENCE: 'widgets\r\nX-Evil: 1' }, 'SESSION_AUDIENCE'],
      [{ BASE_PATH: '/../proxy' }, 'BASE_PATH'],
      [{ HOST: 'bad host' }, 'HOST'],
      [{ REDIS_URL: 'redis://:pa%zzss@127.0.0.1:6379' }, 'REDIS_URL'],
      [{ REDIS_URL: 'redis://us%zz:password1@127.0.0.1:6379' }, 'REDIS_URL'],
    ];
    for (const [env, name] of cases) {
      const error = settingError(() => readSettings(env));
      expect(error.setting, JSON.stringify(env)).toBe(name);
      for (const value of Object.values(env)) if (value.length > 6) expect(error.problem).not.toContain(value);
    }
  });

  it('reads a config file by either name, and the environment wins over it', () => {
    const file = {
      csomniSiteToken: 'site_from_file',
      PORT: 9000,
      ALLOWED_ORIGINS: ['https://a.example', 'https://b.example'],
      trustProxy: true,
    };
    const fromFile = readSettings({}, file);
    expect(fromFile.port).toBe(9000);
    expect(fromFile.resolved.csomni?.siteToken).toBe('site_from_file');
    expect([...fromFile.resolved.allowedOrigins]).toEqual(['https://a.example', 'https://b.example']);
    expect(fromFile.resolved.trustProxy).toBe(1);
    const overridden = readSettings({ CSOMNI_SITE_TOKEN: 'site_from_env', PORT: '9100' }, file);
    expect(overridden.port).toBe(9100);
    expect(overridden.resolved.csomni?.siteToken).toBe('site_from_env');
    expect(settingError(() => readSettings({}, { CSOMNI_SITE_TOKN: 'typo' })).setting).toBe('CSOMNI_SITE_TOKN');
    expect(settingError(() => readSettings({}, [1, 2])).setting).toBe('--config');
  });

  it('createProxy takes the same settings in camelCase and rejects malformed ones by name', () => {
    expect(() => createProxy({ csomniSiteToken: 'site_token1', logger: false })).not.toThrow();
    expect(settingError(() => createProxy({ sessionSecret: 'short' })).setting).toBe('sessionSecret');
    expect(settingError(() => createProxy({ csomniBaseUrl: 'javascript:alert(1)' })).setting).toBe('csomniBaseUrl');
    expect(settingError(() => createProxy({ basePath: 'proxy' })).setting).toBe('basePath');
    expect(settingError(() => createProxy({ trustProxy: -1 })).setting).toBe('trustProxy');
    expect(settingError(() => createProxy({ compressResponses: 'no' as never })).setting).toBe('compressResponses');
    const redis = settingError(() => createProxy({ redisUrl: 'redis://:pa%zzss@127.0.0.1:6379', logger: false }));
    expect(redis.setting).toBe('redisUrl');
    expect(redis.problem).not.toContain('pa%zzss');
  });
});
