import { afterEach, describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../../../src/core/errors.ts';
import { createCsomniSource } from '../../../src/sources/csomni.ts';
import { deferred, json, recordingFetch, type RecordingFetch } from '../../support/fake-fetch.ts';
import { csomni } from '../../support/vendors/csomni.ts';
import { product } from './rows.ts';
import { direct, site, item, productToken, onMockApi } from './vendor.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('createCsomniSource: add to cart', () => {
  /** The CS Omni fake (the same routes behind the proxy), with this cart and `product()` for every product. */
  const cartVendor = (cartToken = 'cart_abc') =>
    recordingFetch(
      csomni({ products: () => product(), cartOf: (customer) => ({ cartToken, customerToken: customer }) }),
    );
  const cartAdds = (api: RecordingFetch) => api.calls.filter((call) => call.url.pathname.startsWith('/cartprods'));

  it('offers no addToCart without a customer: POST /cart would make a guest cart the shop never shows', async () => {
    const api = cartVendor();
    expect(createCsomniSource(direct(api.fetch), { siteToken: 'site_1' }).addToCart).toBeUndefined();
    const proxy = (customerSession?: string) =>
      direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example', customerSession } });
    expect(createCsomniSource(proxy(), {}).addToCart).toBeUndefined();
    expect(createCsomniSource(proxy('eyJ.session.sig'), {}).addToCart).toBeTypeOf('function');
    expect(createCsomniSource(direct(api.fetch), site).addToCart).toBeTypeOf('function');
    expect(api.calls).toHaveLength(0);
  });

  it('creates or fetches the cart, then adds the variant with its quantity', async () => {
    const api = cartVendor();
    await createCsomniSource(direct(api.fetch), site).addToCart!(item(), 2, {});
    expect(api.calls.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /cart', 'POST /cartprods/cart_abc']);
    expect(api.calls[1].body).toEqual({ prodToken: 'vrnt_oat1', cartProdQuantity: 2 });
    for (const request of api.calls)
      expect(Object.fromEntries(request.headers)).toMatchObject({
        token: 'site_dg30sdfsgdsgsvv',
        customertoken: 'cs_123456',
      });
  });

  it('reuses the cart token for later adds, also when two adds start together', async () => {
    const api = cartVendor();
    const source = createCsomniSource(direct(api.fetch), site);
    await Promise.all([
      source.addToCart!(item(), 1, {}),
      source.addToCart!(item({ id: 'vrnt_oat6', variantId: 'vrnt_oat6' }), 1, {}),
    ]);
    await source.addToCart!(item(), 1, {});
    expect(api.callsTo('/cart')).toHaveLength(1);
    expect(cartAdds(api).map((r) => [r.url.pathname, (r.body as { prodToken: string }).prodToken])).toEqual([
      ['/cartprods/cart_abc', 'vrnt_oat1'],
      ['/cartprods/cart_abc', 'vrnt_oat6'],
      ['/cartprods/cart_abc', 'vrnt_oat1'],
    ]);
  });

  it('URL-encodes the cart token', async () => {
    const api = cartVendor('cart/1 ?x');
    await createCsomniSource(direct(api.fetch), site).addToCart!(item(), 1, {});
    expect(api.calls[1].url.href).toBe('https://apistore.csomni.example/cartprods/cart%2F1%20%3Fx');
  });

  it('puts a product-level item in the cart as the variant its product look-up names', async () => {
    const api = cartVendor();
    const source = createCsomniSource(direct(api.fetch), site);
    const productLevel = item({ id: 'prod_oatmilk', variantId: null });
    await source.addToCart!(productLevel, 1, {});
    expect(api.calls.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /products/prod_oatmilk/full',
      'POST /cart',
      'POST /cartprods/cart_abc',
    ]);
    expect(api.calls[2].body).toEqual({ prodToken: 'vrnt_oat1', cartProdQuantity: 1 });
    // The look-up is cached with the names: a second add asks only for the cart line.
    await source.addToCart!(productLevel, 1, {});
    expect(api.callsTo('/products/prod_oatmilk/full')).toHaveLength(1);
  });

  it('never retries adding to the cart on a 5xx: a cart add must not run twice', async () => {
    const api = recordingFetch((request) =>
      request.url.pathname === '/cart'
        ? json({ cartToken: 'cart_abc' })
        : new Response('<h1>Bad gateway</h1>', { status: 502 }),
    );
    const error = await createCsomniSource(direct(api.fetch), site).addToCart!(item(), 1, {}).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WidgetError);
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(api.callsTo('/cartprods/cart_abc')).toHaveLength(1);
  });

  it('never retries creating the cart, and asks again on the next add after it failed', async () => {
    let cartCalls = 0;
    const api = recordingFetch((request) => {
      if (request.url.pathname === '/cart')
        return ++cartCalls === 1 ? new Response('', { status: 503 }) : json({ cartToken: 'cart_abc' });
      return json({ status: 'Prod Added' });
    });
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.addToCart!(item(), 1, {})).rejects.toMatchObject({ kind: 'http', status: 503 });
    expect(api.calls).toHaveLength(1);
    await source.addToCart!(item(), 1, {});
    expect(api.calls.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /cart',
      'POST /cart',
      'POST /cartprods/cart_abc',
    ]);
  });

  /**
   * CS Omni giving cart_1, cart_2, … at each `POST /cart`, where cart_1 has closed: an add to it
   * answers 404 (after `addToClosed`, given the how-many-th such add it is).
   */
  function closedCartApi(addToClosed: (count: number) => Promise<void> | void = () => undefined) {
    let cartCalls = 0;
    let addsToClosed = 0;
    return recordingFetch(async (request) => {
      if (request.url.pathname === '/cart') return json({ cartToken: `cart_${++cartCalls}` });
      if (request.url.pathname !== '/cartprods/cart_1') return json({ status: 'Prod Added' });
      await addToClosed(++addsToClosed);
      return json({ message: 'Cart not found' }, 404);
    });
  }
  const callsOf = (api: RecordingFetch) => api.calls.map((r) => `${r.method} ${r.url.pathname}`);

  it('asks for the cart again after an add to it failed: it may be closed (checked out elsewhere)', async () => {
    const api = closedCartApi();
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.addToCart!(item(), 1, {})).rejects.toMatchObject({ kind: 'http', status: 404 });
    await source.addToCart!(item(), 1, {});
    expect(callsOf(api)).toEqual(['POST /cart', 'POST /cartprods/cart_1', 'POST /cart', 'POST /cartprods/cart_2']);
  });

  it('keeps a newer cart when an older add to the closed cart fails after it was asked for', async () => {
    const closed = deferred<void>();
    // Two presses went to cart_1 before the shopper checked out elsewhere; the second is slow.
    const api = closedCartApi((count) => (count === 2 ? closed.promise : undefined));
    const source = createCsomniSource(direct(api.fetch), site);
    const first = source.addToCart!(item(), 1, {});
    const second = source.addToCart!(item(), 1, {});
    await expect(first).rejects.toMatchObject({ status: 404 });
    // A third press after the first failure asks for the customer's cart again: cart_2.
    await source.addToCart!(item(), 1, {});
    closed.resolve();
    await expect(second).rejects.toMatchObject({ status: 404 });
    // The slow failure from cart_1 must not forget cart_2.
    await source.addToCart!(item(), 1, {});
    expect(callsOf(api)).toEqual([
      'POST /cart',
      'POST /cartprods/cart_1',
      'POST /cartprods/cart_1',
      'POST /cart',
      'POST /cartprods/cart_2',
      'POST /cartprods/cart_2',
    ]);
  });

  it('fails with invalid-response when the store returns no cart token', async () => {
    const api = recordingFetch((request) =>
      request.url.pathname === '/cart' ? json({ status: 'cart created', cartToken: '' }) : json({}),
    );
    await expect(createCsomniSource(direct(api.fetch), site).addToCart!(item(), 1, {})).rejects.toMatchObject({
      kind: 'invalid-response',
    });
    expect(cartAdds(api)).toHaveLength(0);
  });

  it('refuses an item it cannot resolve to a variant, without touching the cart', async () => {
    const api = recordingFetch((request) =>
      productToken(request) ? json(product({ variants: [] })) : json({ cartToken: 'cart_abc' }),
    );
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.addToCart!(item({ productId: null, variantId: null }), 1, {})).rejects.toMatchObject({
      kind: 'invalid-response',
    });
    await expect(source.addToCart!(item({ variantId: null }), 1, {})).rejects.toMatchObject({
      kind: 'invalid-response',
    });
    expect(api.callsTo('/cart')).toHaveLength(0);
  });

  it('adds through the proxy with only the session', async () => {
    const api = cartVendor();
    const source = createCsomniSource(
      direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example', customerSession: 'sess' } }),
      {},
    );
    await source.addToCart!(item(), 1, {});
    expect(api.calls.map((r) => r.url.href)).toEqual([
      'https://proxy.example/csomni/cart',
      'https://proxy.example/csomni/cartprods/cart_abc',
    ]);
    for (const request of api.calls)
      expect(Object.fromEntries(request.headers)).toEqual({
        accept: 'application/json',
        authorization: 'Bearer sess',
        'content-type': 'application/json',
      });
  });

  it('adds to the mock API cart, product-level items included', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { api, context } = onMockApi();
    const source = createCsomniSource(context, { siteToken: 'site_demo', customerToken: 'cs_demo' });
    const adding = Promise.all([
      source.addToCart!(item({ id: 'vrnt_honey', productId: 'prod_honey', variantId: 'vrnt_honey' }), 1, {}),
      source.addToCart!(item({ id: 'prod_granola', productId: 'prod_granola', variantId: null }), 1, {}),
    ]);
    await vi.runAllTimersAsync();
    await adding;
    const seen = api.calls.map((call) =>
      `${call.method} ${call.url.pathname} ${call.method === 'POST' ? JSON.stringify(call.body) : ''}`.trim(),
    );
    expect(seen).toContain('POST /mock/csomni/cartprods/cart_cs_demo {"prodToken":"vrnt_honey","cartProdQuantity":1}');
    expect(seen).toContain(
      'POST /mock/csomni/cartprods/cart_cs_demo {"prodToken":"vrnt_granola","cartProdQuantity":1}',
    );
    expect(seen.filter((line) => line.startsWith('POST /mock/csomni/cart '))).toHaveLength(1);
  });
});
