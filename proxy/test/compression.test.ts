import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ANA, ORIGIN, harness, type UpstreamCall } from './helpers.ts';

const LIST = '/csomni/frequentlyPurchased';
const PRODUCT = '/csomni/products/prod_1/full';
const CARTS = '/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts';
const BROWSER = 'gzip, deflate, br, zstd';

/** A customer's list of `rows` purchases, as CS Omni sends it (about 160 bytes a row). */
const listOf = (rows: number, customer: string) =>
  Array.from({ length: rows }, (_, i) => ({
    variantToken: `vrnt_${customer}_${(i * 7919).toString(36)}`,
    quantity: 145 - i,
    price: i % 3 === 0 ? '' : 3.5 + i,
    variantImage: {
      file: `9-14-2021/1631634128386__${40977 + i}__item-${i}.jpg`,
      id: 'ast20tjq',
      status: 'poolImages',
    },
    productToken: i % 3 === 0 ? '' : `prod_${(i * 104729).toString(36)}`,
  }));

/** What a test's upstream returns to leave a call to the default fake vendors. */
const DEFAULT = undefined as unknown as Response;

/** The fake CS Omni with lists of `rows` rows (60 unless told). */
function bigLists(rows = 60) {
  return (call: UpstreamCall) =>
    call.url.pathname === '/api/frequentlyPurchased'
      ? Response.json(listOf(rows, call.headers.customertoken ?? 'site'))
      : DEFAULT;
}

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** The body as the browser reads it, decoded by its Content-Encoding. */
async function decoded(response: Response): Promise<unknown> {
  const bytes = await bytesOf(response);
  const encoding = response.headers.get('content-encoding');
  const text = encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
  return JSON.parse(text.toString());
}

/** Content-Length, where the transport gives one (over HTTP), matches the bytes sent. */
function lengthMatches(response: Response, bytes: Buffer) {
  const length = response.headers.get('content-length');
  if (length !== null) expect(Number(length)).toBe(bytes.length);
}

describe('compressed answers', () => {
  it('sends a large answer br- or gzip-encoded as asked, decoding to the same JSON, of the length said', async () => {
    const h = harness({}, bigLists());
    const token = await h.session(ANA);
    const plain = await h.request(LIST, { session: token });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainBytes = await bytesOf(plain.clone());
    expect(plainBytes.length).toBeGreaterThan(8000);
    const json = await plain.json();
    expect(json).toEqual(listOf(60, 'cs_ana'));

    for (const [asked, sent] of [
      ['gzip', 'gzip'],
      ['br', 'br'],
      [BROWSER, 'br'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['*', 'br'],
      ['x-unknown, gzip;q=0.2', 'gzip'],
    ]) {
      const response = await h.request(LIST, { session: token, headers: { 'accept-encoding': asked } });
      expect(response.status, asked).toBe(200);
      expect(response.headers.get('content-encoding'), asked).toBe(sent);
      expect(response.headers.get('vary'), asked).toBe('Origin, Accept-Encoding');
      const bytes = await bytesOf(response.clone());
      // JSON compresses several times over: a shopper downloads a fraction of the bytes.
      expect(bytes.length, asked).toBeLessThan(plainBytes.length / 4);
      lengthMatches(response, bytes);
      expect(await decoded(response), asked).toEqual(json);
    }
    expect(h.calls).toHaveLength(1);
  });

  it('sends identity when Accept-Encoding is absent, identity, or refuses every encoding (q=0)', async () => {
    const h = harness({}, bigLists());
    const token = await h.session(ANA);
    for (const asked of [undefined, '', 'identity', 'gzip;q=0, br;q=0', '*;q=0', 'deflate', 'br;q=0, *;q=0']) {
      const headers: Record<string, string> = asked === undefined ? {} : { 'accept-encoding': asked };
      const response = await h.request(LIST, { session: token, headers });
      expect(response.headers.get('content-encoding'), asked).toBeNull();
      // The answer could have been compressed for another client: caches must know.
      expect(response.headers.get('vary'), asked).toBe('Origin, Accept-Encoding');
      const bytes = await bytesOf(response.clone());
      lengthMatches(response, bytes);
      expect(await response.json(), asked).toEqual(listOf(60, 'cs_ana'));
    }
  });

  it('serves cache hits compressed, from the cache that holds the answer as it was', async () => {
    const h = harness({}, bigLists());
    const token = await h.session(ANA);
    const first = await h.request(LIST, { session: token, headers: { 'accept-encoding': 'br' } });
    expect(first.headers.get('x-cache')).toBe('miss');
    const firstBytes = await bytesOf(first);
    for (let i = 0; i < 3; i++) {
      const hit = await h.request(LIST, { session: token, headers: { 'accept-encoding': 'br' } });
      expect(hit.headers.get('x-cache')).toBe('hit');
      expect(hit.headers.get('content-encoding')).toBe('br');
      expect(await bytesOf(hit)).toEqual(firstBytes);
    }
    // Over Node's server the hits after the first are the node fast path's, compressed too.
    if (process.env.PROXY_TRANSPORT === 'node') expect(h.fastAnswers()).toBe(3);
    const gzip = await h.request(LIST, { session: token, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await decoded(gzip)).toEqual(listOf(60, 'cs_ana'));
    const plain = await h.request(LIST, { session: token });
    expect(plain.headers.get('x-cache')).toBe('hit');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(listOf(60, 'cs_ana'));
    expect(h.calls).toHaveLength(1);
  });

  it('keeps the CORS and security headers of a compressed answer', async () => {
    const h = harness({}, bigLists());
    const token = await h.session(ANA);
    const response = await h.request(LIST, { session: token, headers: { origin: ORIGIN, 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Cache');
    expect(response.headers.get('vary')).toBe('Origin, Accept-Encoding');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('sends small answers and errors as they are, without Vary: Accept-Encoding', async () => {
    const h = harness({}, (call) =>
      call.url.host === 'giosg.test' && call.url.pathname.endsWith('/shopping_carts')
        ? new Response(null, { status: 204 })
        : DEFAULT,
    );
    const token = await h.session(ANA);
    const asked = { 'accept-encoding': BROWSER };
    const answers = [
      await h.request(LIST, { session: token, headers: asked }), // one row
      await h.request(PRODUCT, { headers: asked }),
      await h.request('/csomni/nothing-here', { headers: asked }), // 404
      await h.request(LIST, { session: 'not-a-token', headers: asked }), // 401
      await h.request(CARTS, { session: token, headers: asked }), // the vendor's 204
      await h.request('/healthz', { headers: asked }),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 200, 404, 401, 204, 200]);
    for (const response of answers) {
      expect(response.headers.get('content-encoding'), String(response.status)).toBeNull();
      expect(response.headers.get('vary'), String(response.status)).toBe('Origin');
    }
    expect(await answers[0].json()).toEqual([{ variantToken: 'vrnt_cs_ana', quantity: 1, call: 1 }]);
  });

  it('answers HEAD without a compressed body', async () => {
    const h = harness({}, bigLists());
    const token = await h.session(ANA);
    await h.request(LIST, { session: token });
    const head = await h.request(LIST, { method: 'HEAD', session: token, headers: { 'accept-encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBeNull();
    expect(await head.text()).toBe('');
  });

  it('compresses nothing with compressResponses: false', async () => {
    const h = harness({ compressResponses: false }, bigLists());
    const token = await h.session(ANA);
    for (let i = 0; i < 2; i++) {
      const response = await h.request(LIST, { session: token, headers: { 'accept-encoding': BROWSER } });
      expect(response.headers.get('x-cache')).toBe(i === 0 ? 'miss' : 'hit');
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(response.headers.get('vary')).toBe('Origin');
      expect(await response.json()).toEqual(listOf(60, 'cs_ana'));
    }
  });
});
