import { describe, expect, it } from 'vitest';
import { RequestCache } from '../../src/core/cache.ts';
import { WidgetError } from '../../src/core/errors.ts';
import { CSOMNI_DEFAULT_BASE } from '../../src/sources/csomni.ts';
import { PURCHASE_SOURCES, purchaseSource, type SettingReader } from '../../src/sources/purchase-sources.ts';
import type { SourceContext } from '../../src/sources/source.ts';

const context = (): SourceContext => ({
  connection: { mode: 'direct', apiBase: 'https://vendor.test' },
  cacheTtl: 60_000,
  currency: 'USD',
  cache: new RequestCache(),
  fetch: () => Promise.reject(new Error('no request expected')),
});

/** Settings as an element would resolve them, from a plain object. */
function settings(values: Record<string, unknown>): SettingReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    text: (names) =>
      Object.fromEntries(names.map((name) => (asked.push(name), [name, values[name] as string | undefined]))) as never,
    flag: (name) => (asked.push(name), values[name] === true),
    number: (name, fallback) => (asked.push(name), Number(values[name] ?? fallback)),
  };
}

describe('purchase sources by name', () => {
  it('finds the two sources by their source attribute value, and nothing for any other name', () => {
    expect(Object.keys(PURCHASE_SOURCES).sort()).toEqual(['algonomy', 'csomni']);
    for (const name of ['csomni', 'algonomy'])
      expect(purchaseSource(name)).toBe(PURCHASE_SOURCES[name as keyof typeof PURCHASE_SOURCES]);
    for (const name of ['', 'CSOMNI', 'giosg', 'toString', '__proto__', 'constructor'])
      expect(purchaseSource(name), name).toBeUndefined();
  });

  it('gives CS Omni its default base and keys its list by the site and customer tokens', () => {
    const entry = purchaseSource('csomni')!;
    expect(entry.defaultBase).toBe(CSOMNI_DEFAULT_BASE);
    const read = settings({ siteToken: 'site_1', customerToken: 'cs_1', forceRefresh: true });
    const { source, whose } = entry.open(context(), read);
    expect(typeof source.loadPage).toBe('function');
    expect(whose).toEqual(['site_1', 'cs_1']);
    expect(read.asked.sort()).toEqual(['customerToken', 'forceRefresh', 'imageBaseUrl', 'productUrl', 'siteToken']);
  });

  it('has no default base for Algonomy, keys by tenant and customer, and checks page-size once, in the source', () => {
    const entry = purchaseSource('algonomy')!;
    expect(entry.defaultBase).toBeUndefined();
    const customer = { tenantHash: 't', accessToken: 'a', email: 'ana@example.com' };
    expect(entry.open(context(), settings(customer)).whose).toEqual([
      't',
      undefined,
      'ana@example.com',
      undefined,
      undefined,
    ]);
    for (const pageSize of [0, 501, 2.5, 'ten']) {
      const failure = (() => {
        try {
          entry.open(context(), settings({ ...customer, pageSize }));
        } catch (error) {
          return error;
        }
      })();
      expect(failure, String(pageSize)).toBeInstanceOf(WidgetError);
      expect((failure as WidgetError).message, String(pageSize)).toContain('`page-size`');
    }
  });
});
