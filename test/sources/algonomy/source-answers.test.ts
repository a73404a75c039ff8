import { describe, expect, it } from 'vitest';
import { ALGONOMY_MAX_PAGES, createAlgonomySource, type AlgonomyOptions } from '../../../src/sources/algonomy.ts';
import type { SourceContext } from '../../../src/sources/source.ts';
import { recordingFetch, type RecordedRequest } from '../../support/fake-fetch.ts';
import { inTurn, context, direct, row, ok, codes, rejection } from './vendor.ts';

describe('createAlgonomySource: answers', () => {
  it.each([
    ['Something went wrong', 'http'],
    ['Access token expired', 'auth'],
    ['Invalid access token', 'auth'],
    ['invalid token', 'auth'],
  ] as const)('turns status ERROR with message %j into a %s error carrying it', async (message, kind) => {
    const { fetch } = recordingFetch(inTurn({ status: 'ERROR', message, data: null }));
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
  });

  it('reports a failed status without a message by its status', async () => {
    const { fetch } = recordingFetch(inTurn({ status: 'FAILED', data: { dataList: [] } }));
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error.kind).toBe('http');
    expect(error.message).toBe('SW35 "FAILED"');
  });

  it('reads an HTTP 401 with the envelope as an auth error with its message', async () => {
    const { fetch, calls } = recordingFetch(
      inTurn(Response.json({ status: 'ERROR', message: 'Access token expired' }, { status: 401 })),
    );
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: 'Access token expired' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['data: null', { status: 'OK', message: '', data: null }],
    ['no data', { status: 'OK', message: '' }],
    ['no dataList', { status: 'OK', message: '', data: { totalCount: 5, totalPages: 1 } }],
    ['dataList null with rows counted', { status: 'OK', message: '', data: { totalCount: 2, dataList: null } }],
    ['dataList not a list', { status: 'OK', message: '', data: { totalCount: 0, dataList: 'none' } }],
    ['no status', { data: { dataList: [] } }],
    ['an array', [row('A')]],
    ['a string', 'OK'],
    ['a number', 42],
    ['null', null],
  ])('rejects %s as invalid-response', async (_, body) => {
    const { fetch } = recordingFetch(inTurn(body));
    const error = await rejection(createAlgonomySource(context(fetch), direct).loadPage(1, {}));
    expect(error.kind).toBe('invalid-response');
  });

  it.each([
    [
      'totalCount 0 without a list',
      { status: 'OK', message: '', data: { customerId: 1, totalCount: 0, totalPages: 0 } },
    ],
    ['totalCount "0" with dataList null', { status: 'OK', message: '', data: { totalCount: '0', dataList: null } }],
    ['an empty dataList', ok([], { totalCount: 0, totalPages: 0 })],
  ])('reads %s as a clean empty result', async (_, body) => {
    const { fetch } = recordingFetch(inTurn(body));
    expect(await createAlgonomySource(context(fetch), direct).loadPage(1, {})).toEqual({ items: [], hasMore: false });
  });

  it('does not cache failures', async () => {
    const { fetch, calls } = recordingFetch(inTurn({ status: 'ERROR', message: 'Busy' }, ok([row('A')])));
    const source = createAlgonomySource(context(fetch), direct);
    await rejection(source.loadPage(1, {}));
    expect(codes((await source.loadPage(1, {})).items)).toEqual(['A']);
    expect(calls).toHaveLength(2);
  });

  it('normalizes money in the context currency', async () => {
    const { fetch } = recordingFetch(inTurn(ok([row('A', { productValue: '$1,000.50' })])));
    const { items } = await createAlgonomySource(context(fetch, { currency: 'EUR' }), direct).loadPage(1, {});
    expect(items[0].price).toEqual({ amount: 100050, currency: 'EUR' });
  });
});

describe('createAlgonomySource: hasMore', () => {
  const full = (prefix: string, size = 8) => Array.from({ length: size }, (_, index) => row(`${prefix}${index}`));

  it('is true while currentPage < totalPages', async () => {
    const { fetch } = recordingFetch(
      inTurn(
        ok(full('a'), { currentPage: 1, totalPages: 3 }),
        ok(full('b', 3), { currentPage: 2, totalPages: 3 }),
        ok(full('c'), { currentPage: 3, totalPages: 3 }),
      ),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(1, {})).hasMore).toBe(true);
    // A short page still has more when totalPages says so.
    expect((await source.loadPage(2, {})).hasMore).toBe(true);
    // A full last page has no more.
    expect((await source.loadPage(3, {})).hasMore).toBe(false);
  });

  it('is false for an empty page whatever totalPages says', async () => {
    const { fetch } = recordingFetch(inTurn(ok([], { currentPage: 1, totalPages: 5 })));
    expect((await createAlgonomySource(context(fetch), direct).loadPage(1, {})).hasMore).toBe(false);
  });

  it('does not trust a currentPage behind the page asked for', async () => {
    const { fetch } = recordingFetch(inTurn(ok(full('a'), { currentPage: 1, totalPages: 2 })));
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(2, {})).hasMore).toBe(false);
  });

  it('without totalPages, is true only when the page came back full', async () => {
    const { fetch } = recordingFetch(
      inTurn(ok(full('a'), { totalPages: undefined }), ok(full('b', 7), { totalPages: null, currentPage: 2 })),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(1, {})).hasMore).toBe(true);
    expect((await source.loadPage(2, {})).hasMore).toBe(false);
  });

  it('stops when the vendor ignores page and sends the same full page again', async () => {
    // No totalPages and no lastKey: only the repeat shows that the vendor is not paging.
    const { fetch, calls } = recordingFetch(inTurn(ok(full('a'), { totalPages: undefined })));
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(1, {})).hasMore).toBe(true);
    expect((await source.loadPage(2, {})).hasMore).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('keeps paging through pages of the same products when the pages move on (a standing order)', async () => {
    const { fetch } = recordingFetch(
      inTurn(
        ok(full('a'), { currentPage: 1, totalPages: 3, lastKey: { RK: 1 } }),
        ok(full('a'), { currentPage: 2, totalPages: 3, lastKey: { RK: 2 } }),
      ),
    );
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    expect((await source.loadPage(2, {})).hasMore).toBe(true);
    // Without page numbers, a lastKey that moves on is enough.
    const bare = recordingFetch(
      inTurn(
        ok(full('a'), { currentPage: null, totalPages: undefined, lastKey: { RK: 1 } }),
        ok(full('a'), { currentPage: null, totalPages: undefined, lastKey: { RK: 2 } }),
      ),
    );
    const keyed = createAlgonomySource(context(bare.fetch), direct);
    await keyed.loadPage(1, {});
    expect((await keyed.loadPage(2, {})).hasMore).toBe(true);
  });

  it('keeps paging past a page of products already seen in another order', async () => {
    // The same products bought again in later orders: a real next page, not a repeat.
    const { fetch } = recordingFetch(
      inTurn(ok(full('a'), { totalPages: undefined }), ok(full('a').reverse(), { totalPages: undefined })),
    );
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    expect((await source.loadPage(2, {})).hasMore).toBe(true);
  });

  it(`stops at page ${ALGONOMY_MAX_PAGES} however many pages the vendor claims`, async () => {
    const { fetch } = recordingFetch(
      inTurn((call: RecordedRequest) => ok(full(`p${(call.body as { page: number }).page}-`), { totalPages: 10_000 })),
    );
    const source = createAlgonomySource(context(fetch), direct);
    expect((await source.loadPage(ALGONOMY_MAX_PAGES - 1, {})).hasMore).toBe(true);
    expect((await source.loadPage(ALGONOMY_MAX_PAGES, {})).hasMore).toBe(false);
  });

  it('counts the rows the API sent, before repeats and rows without a code are removed', async () => {
    const rows = [...full('a', 6), row('a0'), row('')];
    const { fetch } = recordingFetch(inTurn(ok(rows, { totalPages: undefined })));
    const page = await createAlgonomySource(context(fetch), direct).loadPage(1, {});
    expect(page.items).toHaveLength(6);
    expect(page.hasMore).toBe(true);
  });
});

describe('createAlgonomySource: page cache', () => {
  it('shares one request between two sources loading the same page at once', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A'), row('B')])));
    const ctx = context(fetch);
    const [first, second] = await Promise.all([
      createAlgonomySource(ctx, direct).loadPage(1, {}),
      createAlgonomySource(ctx, direct).loadPage(1, {}),
    ]);
    expect(calls).toHaveLength(1);
    expect(codes(first.items)).toEqual(['A', 'B']);
    expect(second).toEqual(first);
  });

  it('serves a page from the cache within the TTL, and anew with force', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')]), ok([row('B')])));
    const source = createAlgonomySource(context(fetch), direct);
    await source.loadPage(1, {});
    expect(codes((await source.loadPage(1, {})).items)).toEqual(['A']);
    expect(calls).toHaveLength(1);
    expect(codes((await source.loadPage(1, { force: true })).items)).toEqual(['B']);
    expect(calls).toHaveLength(2);
  });

  it('keeps pages, page sizes, customers, tenants and tokens apart', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    const ctx = context(fetch);
    const variants: AlgonomyOptions[] = [
      direct,
      { ...direct, pageSize: 20 },
      { ...direct, gcrId: 'gcr-2' },
      { ...direct, email: 'buyer@example.com' },
      { ...direct, tenantHash: 'tenant-2' },
      { ...direct, accessToken: 'token-2' },
    ];
    for (const options of variants) await createAlgonomySource(ctx, options).loadPage(1, {});
    await createAlgonomySource(ctx, direct).loadPage(2, {});
    expect(calls).toHaveLength(variants.length + 1);
  });

  it('keeps customer sessions apart in proxy mode', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    const ctx = context(fetch);
    const proxy = (customerSession: string): SourceContext => ({
      ...ctx,
      connection: { mode: 'proxy', proxyUrl: 'https://shop.example.com/widgets', customerSession },
    });
    await createAlgonomySource(proxy('session-1'), { pageSize: 8 }).loadPage(1, {});
    await createAlgonomySource(proxy('session-2'), { pageSize: 8 }).loadPage(1, {});
    await createAlgonomySource(proxy('session-1'), { pageSize: 8 }).loadPage(1, {});
    expect(calls).toHaveLength(2);
  });

  it('loads every time with a cache TTL of 0', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    const source = createAlgonomySource(context(fetch, { cacheTtl: 0 }), direct);
    await source.loadPage(1, {});
    await source.loadPage(1, {});
    expect(calls).toHaveLength(2);
  });

  it('lets one reader abort without cancelling the other', async () => {
    const { fetch, calls } = recordingFetch(inTurn(ok([row('A')])));
    const ctx = context(fetch);
    const controller = new AbortController();
    const aborted = createAlgonomySource(ctx, direct).loadPage(1, { signal: controller.signal });
    const kept = createAlgonomySource(ctx, direct).loadPage(1, {});
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(codes((await kept).items)).toEqual(['A']);
    expect(calls).toHaveLength(1);
  });
});
