import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestCache } from '../../../src/core/cache.ts';
import type { PurchasedItem } from '../../../src/model.ts';
import { createCsomniSource, normalizeFrequentlyPurchased } from '../../../src/sources/csomni.ts';
import { json, recordingFetch } from '../../support/fake-fetch.ts';
import { CDN, usd, product } from './rows.ts';
import { direct, site, item, productToken, onMockApi } from './vendor.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('createCsomniSource: names (enrich)', () => {
  it('looks names up by product and reports each improved item', async () => {
    const api = recordingFetch((request) =>
      productToken(request) === 'prod_oatmilk' ? json(product()) : json({ message: 'Product not found' }, 404),
    );
    const source = createCsomniSource(direct(api.fetch), { ...site, imageBaseUrl: CDN });
    const improved: PurchasedItem[] = [];
    await source.enrich!(
      [
        item({ variantId: 'vrnt_oat6', id: 'vrnt_oat6', price: usd(1), imageUrl: 'https://img.example/own.jpg' }),
        item(),
      ],
      {
        onItem: (next) => improved.push(next),
      },
    );
    expect(improved).toHaveLength(2);
    const byId = Object.fromEntries(improved.map((i) => [i.id, i]));
    // What the list already knew stays; what it lacked is filled in.
    expect(byId.vrnt_oat6).toMatchObject({
      name: 'Organic Oat Milk 1 L – 6-pack',
      price: usd(1),
      imageUrl: 'https://img.example/own.jpg',
    });
    expect(byId.vrnt_oat1).toMatchObject({
      name: 'Organic Oat Milk 1 L',
      price: usd(350),
      imageUrl: `${CDN}/9-14-2021/oat.jpg`,
    });
    // Two items of one product: one look-up, with the site's credentials.
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0].url.pathname).toBe('/products/prod_oatmilk/full');
    expect(api.calls[0].headers.get('token')).toBe('site_dg30sdfsgdsgsvv');
  });

  it('URL-encodes the product token in the look-up path', async () => {
    const api = recordingFetch(() => json(product()));
    await createCsomniSource(direct(api.fetch), site).enrich!([item({ productId: 'prod a/b' })], {
      onItem: () => undefined,
    });
    expect(api.calls[0].url.href).toBe('https://apistore.csomni.example/products/prod%20a%2Fb/full');
  });

  it('has at most 4 look-ups in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const api = recordingFetch(async (request) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return json(product({ prodName: `Name of ${productToken(request)}` }));
    });
    const items = Array.from({ length: 11 }, (_, i) =>
      item({ id: `vrnt_${i}`, variantId: `vrnt_${i}`, productId: `prod_${i}` }),
    );
    const names: (string | null)[] = [];
    await createCsomniSource(direct(api.fetch), site).enrich!(items, { onItem: (next) => names.push(next.name) });
    expect(api.calls).toHaveLength(11);
    expect(most).toBe(4);
    expect(names.sort()).toEqual(items.map((i) => `Name of ${i.productId}`).sort());
  });

  it('caches look-ups: two enrich calls for one product make one request', async () => {
    const api = recordingFetch(() => json(product()));
    // Even with a list TTL under a minute: catalogue data is kept at least that long.
    const source = createCsomniSource(direct(api.fetch, { cacheTtl: 1_000 }), site);
    const onItem = vi.fn();
    await source.enrich!([item()], { onItem });
    await source.enrich!([item({ id: 'vrnt_oat6', variantId: 'vrnt_oat6' })], { onItem });
    expect(onItem).toHaveBeenCalledTimes(2);
    expect(api.callsTo('/products/prod_oatmilk/full')).toHaveLength(1);
  });

  it(
    'withCachedDetails fills in names the cache holds fresh, at once and ' +
      'without a request; others stay for enrich',
    async () => {
      const api = recordingFetch((request) =>
        productToken(request) === 'prod_oatmilk' ? json(product()) : json(product({ prodName: 'Tea' })),
      );
      vi.useFakeTimers({ toFake: ['Date'] });
      const cache = new RequestCache();
      const source = createCsomniSource(direct(api.fetch, { cache, cacheTtl: 1_000 }), { ...site, imageBaseUrl: CDN });
      expect(source.withCachedDetails!([item()])).toEqual([item()]);
      await source.enrich!([item()], { onItem: () => undefined });
      const requests = api.calls.length;
      const [oat, tea, named] = source.withCachedDetails!([
        item(),
        item({ id: 'vrnt_tea', variantId: 'vrnt_tea', productId: 'prod_tea' }),
        item({ name: 'Kept' }),
      ]);
      expect(oat).toMatchObject({
        name: 'Organic Oat Milk 1 L',
        price: usd(350),
        imageUrl: `${CDN}/9-14-2021/oat.jpg`,
      });
      expect(tea.name).toBe(null);
      expect(named.name).toBe('Kept');
      expect(api.calls).toHaveLength(requests);
      // A look-up older than its time to live (a minute at least) is not taken: enrich asks again.
      vi.setSystemTime(Date.now() + 61_000);
      expect(source.withCachedDetails!([item()])[0].name).toBe(null);
    },
  );

  it('does not keep look-ups when cache-ttl is 0 (caching off)', async () => {
    const api = recordingFetch(() => json(product()));
    const source = createCsomniSource(direct(api.fetch, { cacheTtl: 0 }), site);
    await source.enrich!([item()], { onItem: () => undefined });
    await source.enrich!([item()], { onItem: () => undefined });
    expect(api.callsTo('/products/prod_oatmilk/full')).toHaveLength(2);
  });

  it('shares look-ups between widgets on one cache', async () => {
    const api = recordingFetch(() => json(product()));
    const cache = new RequestCache();
    await createCsomniSource(direct(api.fetch, { cache }), site).enrich!([item()], { onItem: () => undefined });
    await createCsomniSource(direct(api.fetch, { cache }), { ...site, customerToken: 'cs_other' }).enrich!([item()], {
      onItem: () => undefined,
    });
    expect(api.calls).toHaveLength(1);
  });

  it('leaves an item untouched when its look-up fails, and does not throw', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no backoff between retries
    const api = recordingFetch((request) => {
      const token = productToken(request);
      if (token === 'prod_gone') return json({ message: 'Product not found' }, 404);
      if (token === 'prod_down') return new Response('<h1>502</h1>', { status: 502 });
      if (token === 'prod_broken') return new Response('{"prodName": ', { status: 200 });
      if (token === 'prod_offline') return Promise.reject(new TypeError('fetch failed'));
      return json(product());
    });
    const onItem = vi.fn();
    const items = ['prod_gone', 'prod_down', 'prod_broken', 'prod_offline', 'prod_oatmilk'].map((productId) =>
      item({ id: productId, productId, variantId: null }),
    );
    await expect(createCsomniSource(direct(api.fetch), site).enrich!(items, { onItem })).resolves.toBeUndefined();
    expect(onItem).toHaveBeenCalledTimes(1);
    expect(onItem.mock.calls[0][0]).toMatchObject({ id: 'prod_oatmilk', name: 'Organic Oat Milk 1 L' });
  });

  it('skips items without a product or with a name, and does nothing once aborted', async () => {
    const api = recordingFetch(() => json(product()));
    const source = createCsomniSource(direct(api.fetch), site);
    const onItem = vi.fn();
    await source.enrich!([item({ productId: null, available: false }), item({ name: 'Known' })], { onItem });
    expect(api.calls).toHaveLength(0);
    const controller = new AbortController();
    controller.abort();
    await expect(source.enrich!([item()], { onItem, signal: controller.signal })).resolves.toBeUndefined();
    expect(api.calls).toHaveLength(0);
    expect(onItem).not.toHaveBeenCalled();
  });

  it('names the mock API items', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { context } = onMockApi();
    const source = createCsomniSource(context, { siteToken: 'site_demo', customerToken: 'cs_demo' });
    const { items } = await source.loadPage(1, {});
    const named = new Map<string, string | null>();
    const done = source.enrich!(items, { onItem: (next) => named.set(next.id, next.name) });
    await vi.runAllTimersAsync();
    await done;
    expect(named.get('vrnt_oatmilk1')).toBe('Organic Oat Milk 1 L');
    expect(named.get('vrnt_lemon1')).toBe('Unwaxed Lemons');
    expect(named.get('vrnt_coffee250')).toBe('Single-Origin Coffee Beans – 250 g, ground');
    expect(named.get('prod_granola')).toBe('Maple Pecan Granola');
    expect(named.has('vrnt_gone')).toBe(false); // 404: stays as it was
    expect(named.has('vrnt_9d1kq0')).toBe(false); // no product to look up
  });
});

describe('createCsomniSource: look-ups per product', () => {
  it('asks once per product, however many cards show it, even when the look-up fails', async () => {
    const api = recordingFetch((request) =>
      productToken(request) === 'prod_gone'
        ? json({ message: 'gone' }, 404)
        : json({ prodName: 'Oat Milk', variants: [] }),
    );
    const source = createCsomniSource(direct(api.fetch), site);
    const improved: PurchasedItem[] = [];
    const cards = [
      item({ id: 'vrnt_a', variantId: 'vrnt_a', productId: 'prod_gone' }),
      item({ id: 'vrnt_b', variantId: 'vrnt_b', productId: 'prod_gone' }),
      item({ id: 'vrnt_c', variantId: 'vrnt_c', productId: 'prod_oatmilk' }),
      item({ id: 'vrnt_d', variantId: 'vrnt_d', productId: 'prod_oatmilk' }),
    ];
    await source.enrich!(cards, { onItem: (next) => improved.push(next) });
    expect(api.callsTo('/products/prod_gone/full')).toHaveLength(1);
    expect(api.callsTo('/products/prod_oatmilk/full')).toHaveLength(1);
    expect(improved.map((next) => [next.id, next.name])).toEqual([
      ['vrnt_c', 'Oat Milk'],
      ['vrnt_d', 'Oat Milk'],
    ]);
  });

  it('never throws on tokens and files with half an emoji (lone surrogates)', async () => {
    const broken = 'prod_\uD83D';
    const items = normalizeFrequentlyPurchased(
      [
        {
          variantToken: 'vrnt_\uDE00',
          productToken: broken,
          price: 1,
          quantity: 1,
          variantImage: { file: 'a/\uD83D.jpg' },
        },
      ],
      { currency: 'USD', imageBaseUrl: '/img', productUrl: '/p/{productId}' },
    );
    expect(items[0].imageUrl).toBe('/img/a/%EF%BF%BD.jpg');
    expect(items[0].url).toBe('/p/prod_%EF%BF%BD');
    const api = recordingFetch(() => json({ prodName: 'Fine' }));
    await createCsomniSource(direct(api.fetch), site).enrich!(items, { onItem: () => undefined });
    expect(api.calls[0].url.pathname).toBe('/products/prod_%EF%BF%BD/full');
  });
});
