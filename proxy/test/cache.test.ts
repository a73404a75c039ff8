import { describe, expect, it } from 'vitest';
import { ANA, BEN, gate, harness, post, type UpstreamCall, until } from './helpers.ts';

const LIST = '/csomni/frequentlyPurchased';
const REFRESH = '/csomni/frequentlyPurchased/forceRefresh';
const DAY = 24 * 60 * 60 * 1000;

/** Holds every upstream answer until the gate opens, so all requests are in flight together. */
function held() {
  const g = gate();
  return { ...g, upstream: async (_call: UpstreamCall) => (await g.opened, undefined as unknown as Response) };
}

/**
 * Lets every request get through session verification (WebCrypto, off the main thread) to the
 * point where it waits on the held upstream call. This orders events; nothing asserts on time.
 */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('cache and collapsing', () => {
  it('collapses 50 concurrent identical requests into exactly one upstream call', async () => {
    const hold = held();
    const h = harness({}, hold.upstream);
    const token = await h.session(ANA);
    const pending = Array.from({ length: 50 }, () => h.request(LIST, { session: token }));
    await until(() => h.calls.length === 1);
    await settle();
    hold.release();
    const responses = await Promise.all(pending);
    expect(h.calls).toHaveLength(1);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0][0].variantToken).toBe('vrnt_cs_ana');
    const cacheStates = responses.map((response) => response.headers.get('x-cache'));
    expect(cacheStates.filter((state) => state === 'miss')).toHaveLength(1);
    // The others joined the call in flight; on a slow machine a late one may find it cached.
    expect(cacheStates.filter((state) => state === 'collapsed').length).toBeGreaterThan(0);
    expect(cacheStates.filter((state) => state === 'collapsed' || state === 'hit')).toHaveLength(49);
  });

  it('collapses concurrent products and giosg reads, but never cart writes', async () => {
    const hold = held();
    const h = harness({}, hold.upstream);
    const token = await h.session(ANA);
    const carts = '/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts';
    const pending = [
      ...Array.from({ length: 10 }, () => h.request('/csomni/products/prod_1/full')),
      ...Array.from({ length: 10 }, () => h.request(carts, { session: token })),
      ...Array.from({ length: 3 }, () =>
        h.request('/csomni/cartprods', { ...post({ prodToken: 'vrnt_1' }), session: token }),
      ),
    ];
    // One product call, one giosg call and the three cart writes are out; the rest are joining.
    await until(() => h.calls.length === 5);
    await settle();
    hold.release();
    await Promise.all(pending);
    const count = (path: string) => h.calls.filter((call) => call.url.pathname === path).length;
    expect(count('/api/products/prod_1/full')).toBe(1);
    expect(count('/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts')).toBe(1);
    expect(count('/api/cartprods')).toBe(3);
  });

  it('never serves one customer’s entry to another (or to the site-wide list)', async () => {
    const h = harness();
    const ana = await (await h.request(LIST, { session: ANA })).json();
    const ben = await (await h.request(LIST, { session: BEN })).json();
    const site = await (await h.request(LIST)).json();
    expect(ana[0].variantToken).toBe('vrnt_cs_ana');
    expect(ben[0].variantToken).toBe('vrnt_cs_ben');
    expect(site[0].variantToken).toBe('vrnt_site');
    expect(h.calls.map((call) => call.headers.customertoken ?? null)).toEqual(['cs_ana', 'cs_ben', null]);
    // Each is now cached for its own customer.
    const again = await h.request(LIST, { session: BEN });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect((await again.json())[0].variantToken).toBe('vrnt_cs_ben');
    expect(h.calls).toHaveLength(3);
  });

  it('does not collapse concurrent requests of different customers', async () => {
    const hold = held();
    const h = harness({}, hold.upstream);
    const pending = [h.request(LIST, { session: ANA }), h.request(LIST, { session: BEN })];
    await until(() => h.calls.length === 2, "the two customers' calls were not both sent");
    hold.release();
    const [ana, ben] = await Promise.all(pending.map(async (p) => (await p).json()));
    expect(ana[0].variantToken).toBe('vrnt_cs_ana');
    expect(ben[0].variantToken).toBe('vrnt_cs_ben');
    expect(h.calls).toHaveLength(2);
  });

  it('keeps the frequently-purchased list for 24 hours (injected clock)', async () => {
    const h = harness();
    await h.request(LIST, { session: ANA });
    h.clock.advance(DAY - 1000);
    expect((await h.request(LIST, { session: ANA })).headers.get('x-cache')).toBe('hit');
    expect(h.calls).toHaveLength(1);
    h.clock.advance(1000);
    expect((await h.request(LIST, { session: ANA })).headers.get('x-cache')).toBe('miss');
    expect(h.calls).toHaveLength(2);
  });

  it('forceRefresh asks the vendor, and its answer replaces the cached plain list', async () => {
    const h = harness();
    const first = await (await h.request(LIST, { session: ANA })).json();
    expect(first[0].refreshed).toBeUndefined();
    const refreshed = await h.request(REFRESH, { session: ANA });
    expect(refreshed.headers.get('x-cache')).toBe('refresh');
    const refreshedBody = await refreshed.json();
    expect(refreshedBody[0].refreshed).toBe(true);
    expect(h.calls.at(-1)!.url.pathname).toBe('/api/frequentlyPurchased/forceRefresh');
    const after = await h.request(LIST, { session: ANA });
    expect(after.headers.get('x-cache')).toBe('hit');
    expect(await after.json()).toEqual(refreshedBody);
    // Anyone may call forceRefresh: within 30 s of the last one it answers from the cache.
    const again = await h.request(REFRESH, { session: ANA });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(await again.json()).toEqual(refreshedBody);
    expect(h.calls.filter((call) => call.url.pathname.endsWith('forceRefresh'))).toHaveLength(1);
    h.clock.advance(30_000);
    expect((await h.request(REFRESH, { session: ANA })).headers.get('x-cache')).toBe('refresh');
    expect(h.calls.filter((call) => call.url.pathname.endsWith('forceRefresh'))).toHaveLength(2);
    // Ben's list is untouched by Ana's refresh.
    expect((await (await h.request(LIST, { session: BEN })).json())[0].refreshed).toBeUndefined();
  });

  it('a plain fetch that started before a refresh cannot overwrite the refreshed list', async () => {
    const slow = gate();
    const h = harness({}, async (call) => {
      if (call.url.pathname === '/api/frequentlyPurchased') await slow.opened;
      return undefined as unknown as Response;
    });
    const plain = h.request(LIST, { session: ANA });
    await until(() => h.calls.length === 1);
    const refreshed = await (await h.request(REFRESH, { session: ANA })).json();
    slow.release();
    expect((await (await plain).json())[0].refreshed).toBeUndefined();
    expect(h.calls.map((call) => call.url.pathname)).toEqual([
      '/api/frequentlyPurchased',
      '/api/frequentlyPurchased/forceRefresh',
    ]);
    expect(await (await h.request(LIST, { session: ANA })).json()).toEqual(refreshed);
  });

  it('keeps products a few minutes, shared by everyone (no identity goes upstream)', async () => {
    const h = harness();
    await h.request('/csomni/products/prod_1/full', { session: ANA });
    expect((await h.request('/csomni/products/prod_1/full', { session: BEN })).headers.get('x-cache')).toBe('hit');
    expect((await h.request('/csomni/products/prod_1/full?responseData=firstVariant')).headers.get('x-cache')).toBe(
      'miss',
    );
    h.clock.advance(5 * 60 * 1000);
    expect((await h.request('/csomni/products/prod_1/full')).headers.get('x-cache')).toBe('miss');
    expect(h.calls).toHaveLength(3);
  });

  it('does not cache failures, carts, giosg or Algonomy answers', async () => {
    let fail = true;
    const h = harness({}, (call) =>
      fail && call.url.pathname.includes('products')
        ? new Response('{"message":"busy"}', { status: 503 })
        : (undefined as unknown as Response),
    );
    expect((await h.request('/csomni/products/prod_1/full')).status).toBe(503);
    fail = false;
    expect((await h.request('/csomni/products/prod_1/full')).status).toBe(200);
    const carts = '/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts';
    await h.request(carts, { session: ANA });
    await h.request(carts, { session: ANA });
    await h.request('/algonomy/api/v1/profile/b2b/productPurchased', { ...post({}), session: ANA });
    await h.request('/algonomy/api/v1/profile/b2b/productPurchased', { ...post({}), session: ANA });
    const count = (part: string) => h.calls.filter((call) => call.url.pathname.includes(part)).length;
    expect(count('products/prod_1')).toBe(2);
    expect(count('shopping_carts')).toBe(2);
    expect(count('productPurchased')).toBe(2);
  });

  it('holds at most cacheMaxEntries entries', async () => {
    const h = harness({ cacheMaxEntries: 2 });
    for (const token of ['prod_a', 'prod_b', 'prod_c']) await h.request(`/csomni/products/${token}/full`);
    expect((await h.request('/csomni/products/prod_c/full')).headers.get('x-cache')).toBe('hit');
    expect((await h.request('/csomni/products/prod_a/full')).headers.get('x-cache')).toBe('miss');
    expect(h.calls).toHaveLength(4);
  });
});
