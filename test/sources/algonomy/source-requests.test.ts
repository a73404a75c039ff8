import { describe, expect, it } from 'vitest';
import { createAlgonomySource, type AlgonomyOptions } from '../../../src/sources/algonomy.ts';
import type { Connection } from '../../../src/sources/source.ts';
import { recordingFetch } from '../../support/fake-fetch.ts';
import { BASE, ENDPOINT, inTurn, context, direct, row, ok, codes, configFailure } from './vendor.ts';

describe('createAlgonomySource: configuration', () => {
  const { fetch } = recordingFetch(inTurn(ok([])));

  it('needs `api-base` in direct mode (Algonomy has no default base)', () => {
    const error = configFailure(() =>
      createAlgonomySource(context(fetch, { connection: { mode: 'direct', apiBase: '' } }), direct),
    );
    expect(error.message).toContain('`api-base`');
    configFailure(() =>
      createAlgonomySource(context(fetch, { connection: { mode: 'direct', apiBase: '  ' } }), direct),
    );
  });

  it('needs `tenant-hash` and `access-token` in direct mode', () => {
    expect(
      configFailure(() => createAlgonomySource(context(fetch), { ...direct, tenantHash: undefined })).message,
    ).toContain('`tenant-hash`');
    expect(configFailure(() => createAlgonomySource(context(fetch), { ...direct, tenantHash: ' ' })).message).toContain(
      '`tenant-hash`',
    );
    expect(
      configFailure(() => createAlgonomySource(context(fetch), { ...direct, accessToken: undefined })).message,
    ).toContain('`access-token`');
    expect(configFailure(() => createAlgonomySource(context(fetch), { ...direct, accessToken: '' })).message).toContain(
      '`access-token`',
    );
  });

  it('needs one of the customer identifiers in direct mode, naming all four', () => {
    const error = configFailure(() =>
      createAlgonomySource(context(fetch), { tenantHash: 't', accessToken: 'a', gcrId: ' ', email: '', pageSize: 20 }),
    );
    expect(error.message).toBe('SW2 `gcr-id` `email` `mobile-number` `customer-code`');
  });

  it('needs a whole `page-size` from 1 to 500', () => {
    for (const pageSize of [0, -1, 2.5, Number.NaN, 501]) {
      expect(configFailure(() => createAlgonomySource(context(fetch), { ...direct, pageSize })).message).toContain(
        '`page-size`',
      );
    }
  });

  it('needs none of the vendor attributes in proxy mode', () => {
    const proxy: Connection = { mode: 'proxy', proxyUrl: 'https://shop.example.com/widgets' };
    expect(() => createAlgonomySource(context(fetch, { connection: proxy }), { pageSize: 20 })).not.toThrow();
  });
});

describe('createAlgonomySource: requests', () => {
  const identifiers = [
    ['gcrId', 'gcr-1', 'gcrid'],
    ['email', 'buyer@example.com', 'email_address'],
    ['mobileNumber', '1212121212', 'mobile_number'],
    ['customerCode', '123456', 'customer_code_external'],
  ] as const;

  it.each(identifiers)('sends %s alone as its header', async (option, value, header) => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    await createAlgonomySource(context(fetch), {
      tenantHash: 'tenant-1',
      accessToken: 'token-1',
      [option]: value,
      pageSize: 8,
    }).loadPage(1, {});
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url.href).toBe(ENDPOINT);
    expect(Object.fromEntries(calls[0].headers)).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      access_token: 'token-1',
      tenant_hash: 'tenant-1',
      [header]: value,
    });
  });

  it('sends every identifier it has', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    await createAlgonomySource(context(fetch, { connection: { mode: 'direct', apiBase: `${BASE}/` } }), {
      tenantHash: ' tenant-1 ',
      accessToken: 'token-1',
      gcrId: 'gcr-1',
      email: 'buyer@example.com',
      mobileNumber: '1212121212',
      customerCode: '123456',
      pageSize: 8,
    }).loadPage(1, {});
    expect(calls[0].url.href).toBe(ENDPOINT);
    expect(Object.fromEntries(calls[0].headers)).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      access_token: 'token-1',
      tenant_hash: 'tenant-1',
      gcrid: 'gcr-1',
      email_address: 'buyer@example.com',
      mobile_number: '1212121212',
      customer_code_external: '123456',
    });
  });

  it('sends no vendor headers and no identifiers through the proxy, only the session', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    const options: AlgonomyOptions = { ...direct, email: 'buyer@example.com', mobileNumber: '1', customerCode: '2' };
    await createAlgonomySource(
      context(fetch, {
        connection: {
          mode: 'proxy',
          proxyUrl: 'https://shop.example.com/widgets/',
          customerSession: 'jwt.session.sig',
        },
      }),
      options,
    ).loadPage(1, {});
    await createAlgonomySource(
      context(fetch, { connection: { mode: 'proxy', proxyUrl: 'https://shop.example.com/widgets' } }),
      options,
    ).loadPage(1, {});
    expect(calls.map((call) => call.url.href)).toEqual([
      'https://shop.example.com/widgets/algonomy/api/v1/profile/b2b/productPurchased',
      'https://shop.example.com/widgets/algonomy/api/v1/profile/b2b/productPurchased',
    ]);
    expect(Object.fromEntries(calls[0].headers)).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: 'Bearer jwt.session.sig',
    });
    expect(Object.fromEntries(calls[1].headers)).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(calls[0].body).toEqual({ page: 1, pageSize: 8 });
  });

  it('asks for each page with the lastKey the page before returned', async () => {
    const key1 = { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 8 };
    const key2 = { HK_CUSTOMER_CODE: '1_1092', RK_DATE_KEY: 16 };
    const { fetch, calls } = recordingFetch(
      inTurn((call) => {
        const { page } = call.body as { page: number };
        const lastKey = page === 1 ? key1 : page === 2 ? key2 : null;
        return ok([row(`P${page}`)], { currentPage: page, totalPages: 3, lastKey });
      }),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect(codes((await source.loadPage(1, {})).items)).toEqual(['P1']);
    expect(codes((await source.loadPage(2, {})).items)).toEqual(['P2']);
    expect(codes((await source.loadPage(3, {})).items)).toEqual(['P3']);
    expect(calls.map((call) => call.body)).toEqual([
      { page: 1, pageSize: 8 },
      { page: 2, pageSize: 8, lastKey: key1 },
      { page: 3, pageSize: 8, lastKey: key2 },
    ]);
    // Refresh starts the chain again, from page 1 without a lastKey.
    await source.loadPage(1, { force: true });
    expect(calls).toHaveLength(4);
    expect(calls[3].body).toEqual({ page: 1, pageSize: 8 });
  });

  it('sends no lastKey when the page before returned none', async () => {
    const { fetch, calls } = recordingFetch(
      inTurn(ok([row('A')], { totalPages: 2 }), ok([row('B')], { currentPage: 2, totalPages: 2 })),
    );
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    await source.loadPage(2, {});
    expect(calls.map((call) => call.body)).toEqual([
      { page: 1, pageSize: 8 },
      { page: 2, pageSize: 8 },
    ]);
  });

  it('keeps each instance its own lastKey chain', async () => {
    const { fetch, calls } = recordingFetch(
      inTurn((call) => {
        const { page } = call.body as { page: number };
        return ok([row(`P${page}`)], {
          currentPage: page,
          totalPages: 3,
          lastKey: page === 1 ? { after: 'p1' } : null,
        });
      }),
    );
    const ctx = context(fetch);
    const first = createAlgonomySource(ctx, direct);
    const second = createAlgonomySource(ctx, direct);
    await first.loadPage(1, {});
    await second.loadPage(2, {});
    expect(calls.map((call) => call.body)).toEqual([
      { page: 1, pageSize: 8 },
      { page: 2, pageSize: 8 },
    ]);
  });
});
