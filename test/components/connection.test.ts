import { afterEach, describe, expect, it } from 'vitest';
import { configure, resetConfiguration } from '../../src/core/config.ts';
import { connectionSubject, resolveSourceContext } from '../../src/components/shared/connection.ts';
import { configFailure } from '../support/errors.ts';

afterEach(() => resetConfiguration());

describe('resolveSourceContext (the connection every widget resolves)', () => {
  it('goes through the proxy when proxy-url is set, with the session, else direct to the API base', () => {
    expect(
      resolveSourceContext({ proxyUrl: '/widgets', customerSession: 'jwt', apiBase: 'https://vendor.test' }).connection,
    ).toEqual({
      mode: 'proxy',
      proxyUrl: '/widgets',
      customerSession: 'jwt',
    });
    expect(resolveSourceContext({ apiBase: 'https://vendor.test' }).connection).toEqual({
      mode: 'direct',
      apiBase: 'https://vendor.test',
    });
    expect(resolveSourceContext({}, 'https://default.test').connection).toEqual({
      mode: 'direct',
      apiBase: 'https://default.test',
    });
  });

  it('takes configure() defaults where an attribute is unset or empty; proxy-url="none" turns a page proxy off', () => {
    configure({ proxyUrl: '/page-proxy', currency: 'sek', cacheTtl: '60', timeout: 2500 });
    const context = resolveSourceContext({ proxyUrl: '', currency: undefined });
    expect(context).toMatchObject({
      connection: { mode: 'proxy', proxyUrl: '/page-proxy' },
      currency: 'SEK',
      cacheTtl: 60_000,
      timeout: 2500,
    });
    expect(resolveSourceContext({ proxyUrl: 'none' }, 'https://default.test').connection).toEqual({
      mode: 'direct',
      apiBase: 'https://default.test',
    });
  });

  it('takes an attribute of spaces as unset, not as a value: the page proxy, the vendor base, 300 s', () => {
    configure({ proxyUrl: '/page-proxy' });
    expect(resolveSourceContext({ proxyUrl: '  ' }).connection).toEqual({ mode: 'proxy', proxyUrl: '/page-proxy' });
    resetConfiguration();
    expect(resolveSourceContext({ proxyUrl: ' ', apiBase: ' ' }, 'https://default.test')).toMatchObject({
      connection: { mode: 'direct', apiBase: 'https://default.test' },
      cacheTtl: 300_000,
    });
    // Not 0 (off), which Number(' ') is.
    expect(resolveSourceContext({ apiBase: 'https://vendor.test', cacheTtl: ' ', currency: ' eur ' })).toMatchObject({
      cacheTtl: 300_000,
      currency: 'EUR',
    });
  });

  it('defaults to USD and 300 s, and takes a cache-ttl of 0 (off) as a number or as text', () => {
    expect(resolveSourceContext({ apiBase: 'https://vendor.test' })).toMatchObject({
      currency: 'USD',
      cacheTtl: 300_000,
      timeout: undefined,
    });
    expect(resolveSourceContext({ apiBase: 'https://vendor.test', cacheTtl: '0' }).cacheTtl).toBe(0);
    expect(resolveSourceContext({ apiBase: 'https://vendor.test', cacheTtl: 0 }).cacheTtl).toBe(0);
  });

  it('names the attribute at fault in a config error', () => {
    expect(configFailure(() => resolveSourceContext({})).message).toContain('`api-base`');
    expect(configFailure(() => resolveSourceContext({ proxyUrl: 'none' })).message).toContain('`api-base`');
    expect(
      configFailure(() => resolveSourceContext({ apiBase: 'https://vendor.test', currency: 'euro' })).message,
    ).toContain('`currency`');
    // A base a path cannot go under: not a URL, or with a query or fragment the path would land in.
    for (const url of [
      'https://apistore.csomni .com',
      'https://[bad',
      'http://shop.test:99999',
      '/api?code=k',
      '/api#x',
    ]) {
      expect(configFailure(() => resolveSourceContext({ apiBase: url })).message, url).toBe('SW16 `api-base`');
      expect(configFailure(() => resolveSourceContext({ proxyUrl: url })).message, url).toBe('SW16 `proxy-url`');
    }
    for (const cacheTtl of ['-1', 'soon', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        configFailure(() => resolveSourceContext({ apiBase: 'https://vendor.test', cacheTtl })).message,
        String(cacheTtl),
      ).toContain('`cache-ttl`');
    }
  });
});

describe('connectionSubject (whose data a connection reads)', () => {
  const jwt = (claims: object) =>
    `e30.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.sig`;

  it('is the API base in direct mode', () => {
    expect(connectionSubject({ mode: 'direct', apiBase: 'https://vendor.test' }, 'csomni')).toEqual([
      'https://vendor.test',
    ]);
  });

  it("is the session's subject and vendor claim through the proxy: a renewed session keeps the shopper's key", () => {
    const first = connectionSubject(
      { mode: 'proxy', proxyUrl: '/w', customerSession: jwt({ sub: 'shopper-1', csomni: 'cs_1', exp: 1 }) },
      'csomni',
    );
    const renewed = connectionSubject(
      { mode: 'proxy', proxyUrl: '/w', customerSession: jwt({ sub: 'shopper-1', csomni: 'cs_1', exp: 2 }) },
      'csomni',
    );
    const other = connectionSubject(
      { mode: 'proxy', proxyUrl: '/w', customerSession: jwt({ sub: 'shopper-1', csomni: 'cs_2', exp: 2 }) },
      'csomni',
    );
    expect(first).toEqual(['/w', 'shopper-1', 'cs_1']);
    expect(renewed).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('is the token itself when it is not a JWT, or has no subject', () => {
    expect(connectionSubject({ mode: 'proxy', proxyUrl: '/w', customerSession: 'opaque' }, 'giosg')).toEqual([
      '/w',
      'opaque',
    ]);
    const noSub = jwt({ giosg: 'v1' });
    expect(connectionSubject({ mode: 'proxy', proxyUrl: '/w', customerSession: noSub }, 'giosg')).toEqual([
      '/w',
      noSub,
    ]);
  });
});
