import { describe, expect, it } from 'vitest';
import { ANA, SECRETS, harness, type UpstreamCall } from './helpers.ts';

const LIST = '/csomni/frequentlyPurchased';
const PRODUCT = '/csomni/products/prod_1/full';

const answer = (response: () => Response) => (call: UpstreamCall) =>
  call.url.host === 'csomni.test' ? response() : (undefined as unknown as Response);

describe('upstream failures', () => {
  it('answers 504 when the vendor does not answer in time', async () => {
    const h = harness(
      { upstreamTimeoutMs: 20 },
      (call) =>
        new Promise<Response>((_, reject) =>
          call.init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const response = await h.request(LIST);
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ message: 'The vendor did not answer in time' });
    expect(h.logs.at(-1)).toMatchObject({ status: 504, error: 'timeout' });
  });

  it('answers 502 with a safe message when the network fails, whatever the error says', async () => {
    const h = harness({}, () => {
      throw new TypeError(`fetch failed: connect ECONNREFUSED http://csomni.test/api?token=${SECRETS.csomniSiteToken}`);
    });
    const response = await h.request(LIST);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toBe('{"message":"The vendor could not be reached"}');
    expect(JSON.stringify(h.logs)).not.toContain(SECRETS.csomniSiteToken);
  });

  it('passes a vendor error status through with its short message', async () => {
    const h = harness(
      {},
      answer(() => Response.json({ message: 'Product not found' }, { status: 404 })),
    );
    const response = await h.request(PRODUCT);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Product not found' });
  });

  it('never echoes an HTML error page or a message holding a secret', async () => {
    const html = harness(
      {},
      answer(
        () =>
          new Response('<html><script>alert(1)</script>500 at db01</html>', {
            status: 500,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const page = await html.request(PRODUCT);
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await page.json()).toEqual({ message: 'The vendor answered 500' });

    const leaky = harness(
      {},
      answer(() =>
        Response.json({ message: `token ${SECRETS.csomniSiteToken} is not valid`, stack: 'x' }, { status: 401 }),
      ),
    );
    const refused = await leaky.request(PRODUCT);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'The vendor answered 401' });
  });

  it('withholds a successful answer that contains a configured secret', async () => {
    const h = harness({}, (call) =>
      call.url.host === 'giosg.test'
        ? Response.json({ results: [], debug: { auth: `Token ${SECRETS.giosgApiToken}` } })
        : (undefined as unknown as Response),
    );
    const response = await h.request('/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts', {
      session: ANA,
    });
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(SECRETS.giosgApiToken);
  });

  it('withholds a secret the vendor wrote with JSON escapes', async () => {
    // `\/` and `\uXXXX` are valid JSON for the same characters; a plain text search misses them.
    const token = SECRETS.giosgApiToken;
    const escaped = `{"debug":"\\u${token.charCodeAt(0).toString(16).padStart(4, '0')}${token.slice(1)}"}`;
    const h = harness({}, (call) =>
      call.url.host === 'giosg.test'
        ? new Response(escaped, { headers: { 'content-type': 'application/json' } })
        : (undefined as unknown as Response),
    );
    expect(escaped).not.toContain(SECRETS.giosgApiToken);
    const response = await h.request('/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts', {
      session: ANA,
    });
    expect(response.status).toBe(502);
  });

  it("answers 502 when giosg refuses the proxy's API token, so the page is not asked to sign in again", async () => {
    const h = harness({}, (call) =>
      call.url.host === 'giosg.test'
        ? Response.json({ detail: 'Invalid token.' }, { status: 401 })
        : (undefined as unknown as Response),
    );
    const response = await h.request('/giosg/api/v5/users/u1/chats/c1/visitors/visitorAna01/shopping_carts', {
      session: ANA,
    });
    expect(response.status).toBe(502);
    expect(h.logs.at(-1)).toMatchObject({ status: 502, upstream: 401, error: 'upstream-auth' });
  });

  it('answers 502 for an answer that is not JSON, or too large', async () => {
    const text = harness(
      {},
      answer(() => new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } })),
    );
    expect((await text.request(PRODUCT)).status).toBe(502);
    const huge = harness(
      {},
      answer(() => new Response(JSON.stringify({ a: 'x'.repeat(5 * 1024 * 1024) }))),
    );
    expect((await huge.request(PRODUCT)).status).toBe(502);
  });

  it('never follows a redirect (credentials stay with the configured host)', async () => {
    const h = harness(
      {},
      answer(() => new Response(null, { status: 302, headers: { location: 'https://evil.example/steal' } })),
    );
    const response = await h.request(LIST);
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].init?.redirect).toBe('manual');
  });

  it('passes an empty 204 on as an empty 204', async () => {
    const h = harness(
      {},
      answer(() => new Response(null, { status: 204 })),
    );
    const response = await h.request('/csomni/cart', { method: 'POST', session: ANA });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('passes a vendor 429 on with its Retry-After, and no other vendor header', async () => {
    const h = harness(
      {},
      answer(
        () =>
          new Response('{"message":"Too Many Requests"}', {
            status: 429,
            headers: { 'retry-after': '7', 'set-cookie': 'vendor=1', 'x-vendor-node': 'db01' },
          }),
      ),
    );
    const response = await h.request(LIST);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-vendor-node')).toBeNull();
  });
});
