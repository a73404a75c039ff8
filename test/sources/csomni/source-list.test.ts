import { afterEach, describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../../../src/core/errors.ts';
import { createCsomniSource, normalizeFrequentlyPurchased } from '../../../src/sources/csomni.ts';
import { json, recordingFetch } from '../../support/fake-fetch.ts';
import { CDN, usd, row, expectWellFormed } from './rows.ts';
import { direct, site, onMockApi } from './vendor.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('createCsomniSource: the list', () => {
  it('sends the token and customerToken headers to the vendor in direct mode', async () => {
    const api = recordingFetch(() => json([row()]));
    const source = createCsomniSource(direct(api.fetch), { ...site, imageBaseUrl: CDN });
    const page = await source.loadPage(1, {});
    expect(page.hasMore).toBe(false);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: 'vrnt_1', price: usd(350), imageUrl: `${CDN}/9-14-2021/a.jpg` });
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0].method).toBe('GET');
    expect(api.calls[0].url.href).toBe('https://apistore.csomni.example/frequentlyPurchased');
    expect(Object.fromEntries(api.calls[0].headers)).toMatchObject({
      token: 'site_dg30sdfsgdsgsvv',
      customertoken: 'cs_123456',
    });
    expect(api.calls[0].headers.get('authorization')).toBeNull();
  });

  it("asks for the site's list without a customerToken header when there is no customer", async () => {
    const api = recordingFetch(() => json([]));
    await createCsomniSource(direct(api.fetch), { siteToken: 'site_1' }).loadPage(1, {});
    expect(api.calls[0].headers.get('token')).toBe('site_1');
    expect(api.calls[0].headers.has('customertoken')).toBe(false);
  });

  it('sends only the session as a bearer token to {proxyUrl}/csomni in proxy mode', async () => {
    const api = recordingFetch(() => json([row()]));
    const context = direct(api.fetch, {
      connection: { mode: 'proxy', proxyUrl: 'https://proxy.example/widgets/', customerSession: 'eyJ.session.sig' },
    });
    // Vendor secrets given by mistake must still stay off the page's requests.
    const source = createCsomniSource(context, site);
    await source.loadPage(1, {});
    expect(api.calls[0].url.href).toBe('https://proxy.example/widgets/csomni/frequentlyPurchased');
    expect(Object.fromEntries(api.calls[0].headers)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer eyJ.session.sig',
    });
  });

  it('needs no site token in proxy mode, and sends no authorization without a session', async () => {
    const api = recordingFetch(() => json([]));
    const source = createCsomniSource(
      direct(api.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example' } }),
      {},
    );
    await expect(source.loadPage(1, {})).resolves.toEqual({ items: [], hasMore: false });
    expect(api.calls[0].url.href).toBe('https://proxy.example/csomni/frequentlyPurchased');
    expect(Object.fromEntries(api.calls[0].headers)).toEqual({ accept: 'application/json' });
  });

  it('uses /frequentlyPurchased/forceRefresh with force-refresh', async () => {
    const api = recordingFetch(() => json([]));
    await createCsomniSource(direct(api.fetch), { ...site, forceRefresh: true }).loadPage(1, {});
    expect(api.calls[0].url.pathname).toBe('/frequentlyPurchased/forceRefresh');
    const proxied = recordingFetch(() => json([]));
    await createCsomniSource(
      direct(proxied.fetch, { connection: { mode: 'proxy', proxyUrl: 'https://proxy.example' } }),
      { forceRefresh: true },
    ).loadPage(1, {});
    expect(proxied.calls[0].url.href).toBe('https://proxy.example/csomni/frequentlyPurchased/forceRefresh');
  });

  it.each([undefined, ''])('is a config error naming site-token in direct mode without one (%j)', (siteToken) => {
    const api = recordingFetch(() => json([]));
    let error: unknown;
    try {
      createCsomniSource(direct(api.fetch), { siteToken, customerToken: 'cs_1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).kind).toBe('config');
    expect((error as WidgetError).message).toContain('site-token');
    expect(api.calls).toHaveLength(0);
  });

  it.each([{}, { items: [] }, null, 'ok', 42])(
    'fails with invalid-response when the answer %j is not a list',
    async (body) => {
      const api = recordingFetch(() => json(body));
      const error = await createCsomniSource(direct(api.fetch), site)
        .loadPage(1, {})
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WidgetError);
      expect((error as WidgetError).kind).toBe('invalid-response');
    },
  );

  it('does not keep an answer that is not a list: the next load asks again', async () => {
    let call = 0;
    const api = recordingFetch(() => json(++call === 1 ? { message: 'busy' } : [row()]));
    const source = createCsomniSource(direct(api.fetch), site);
    await expect(source.loadPage(1, {})).rejects.toMatchObject({ kind: 'invalid-response' });
    await expect(source.loadPage(1, {})).resolves.toMatchObject({ items: [{ id: 'vrnt_1' }] });
    expect(api.calls).toHaveLength(2);
  });

  it('passes HTTP failures on as WidgetErrors', async () => {
    const api = recordingFetch(() => json({ message: 'token header is required' }, 401));
    await expect(createCsomniSource(direct(api.fetch), site).loadPage(1, {})).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it('reads the list through the cache: a second load within the TTL asks nothing, force asks again', async () => {
    const api = recordingFetch(() => json([row()]));
    const source = createCsomniSource(direct(api.fetch), site);
    await source.loadPage(1, {});
    await source.loadPage(1, {});
    expect(api.calls).toHaveLength(1);
    await source.loadPage(1, { force: true });
    expect(api.calls).toHaveLength(2);
  });

  it("never serves one customer's list to another", async () => {
    const api = recordingFetch((request) =>
      json([row({ variantToken: `vrnt_for_${request.headers.get('customertoken')}` })]),
    );
    const context = direct(api.fetch);
    const first = await createCsomniSource(context, { siteToken: 'site_1', customerToken: 'cs_a' }).loadPage(1, {});
    const second = await createCsomniSource(context, { siteToken: 'site_1', customerToken: 'cs_b' }).loadPage(1, {});
    expect(first.items[0].id).toBe('vrnt_for_cs_a');
    expect(second.items[0].id).toBe('vrnt_for_cs_b');
    const proxied = recordingFetch((request) =>
      json([row({ variantToken: `vrnt_for_${request.headers.get('authorization')}` })]),
    );
    const proxyContext = (customerSession: string) =>
      direct(proxied.fetch, {
        cache: context.cache,
        connection: { mode: 'proxy', proxyUrl: 'https://p.example', customerSession },
      });
    expect((await createCsomniSource(proxyContext('s1'), {}).loadPage(1, {})).items[0].id).toBe('vrnt_for_Bearer s1');
    expect((await createCsomniSource(proxyContext('s2'), {}).loadPage(1, {})).items[0].id).toBe('vrnt_for_Bearer s2');
  });

  it("aborts with the caller's signal", async () => {
    const api = recordingFetch(() => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const loading = createCsomniSource(direct(api.fetch), site).loadPage(1, { signal: controller.signal });
    controller.abort();
    await expect(loading).rejects.toBe(controller.signal.reason);
  });

  it('normalizes the mock API, quirks and all', async () => {
    const { context } = onMockApi();
    const source = createCsomniSource(context, {
      siteToken: 'site_demo',
      customerToken: 'cs_demo',
      imageBaseUrl: '/mock/csomni/assets',
      productUrl: '/p/{productId}',
    });
    const { items } = await source.loadPage(1, {});
    expectWellFormed(items);
    expect(items).toHaveLength(15);
    expect(items.filter((i) => i.id === 'vrnt_oatmilk1')).toHaveLength(1);
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.vrnt_oatmilk1).toMatchObject({
      quantity: 145,
      price: usd(350),
      imageUrl: '/mock/csomni/assets/9-14-2021/1631634128386__40977__oat-milk.jpg',
      url: '/p/prod_oatmilk',
    });
    expect(byId.vrnt_9d1kq0).toMatchObject({ available: false, productId: null, price: null, url: null });
    expect(byId.vrnt_banana1).toMatchObject({ quantity: 17, price: usd(29), imageUrl: null });
    expect(byId.prod_granola).toMatchObject({
      productId: 'prod_granola',
      variantId: null,
      available: true,
      price: null,
    });
    expect(byId.vrnt_eggs12).toMatchObject({ price: usd(420), imageUrl: null });
    expect(byId.vrnt_coffee250).toMatchObject({ price: null, imageUrl: null });
  });
});

describe('repeated tokens', () => {
  it('keep the first row and fill in only what it lacked from later rows', () => {
    const items = normalizeFrequentlyPurchased(
      [
        { variantToken: 'vrnt_1', quantity: 9, price: '', variantImage: '', productToken: '' },
        { variantToken: 'vrnt_1', quantity: 2, price: 4, variantImage: { file: 'a.jpg' }, productToken: 'prod_1' },
        { variantToken: 'vrnt_1', quantity: 1, price: 7, variantImage: { file: 'b.jpg' }, productToken: 'prod_2' },
      ],
      { currency: 'USD', imageBaseUrl: '/img' },
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'vrnt_1',
      quantity: 9,
      productId: 'prod_1',
      price: { amount: 400, currency: 'USD' },
      imageUrl: '/img/a.jpg',
      available: true,
    });
  });
});
