import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient, retryAfterMs } from '../../src/core/http.ts';
import { WidgetError } from '../../src/core/errors.ts';
import { fakeFetch, json, hangingFetch, client, failure } from './http-fake.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('HttpClient behind a proxy object', () => {
  it('works when an app keeps it in reactive state (Vue wraps class instances in a Proxy)', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true }));
    // As Vue's reactive() or ref() does: every method then runs with the Proxy as `this`,
    // where ES #private members would throw a TypeError.
    const reactive = new Proxy(client(fetch), {});
    await expect(reactive.request({ path: 'ping' })).resolves.toEqual({ ok: true });
    expect(calls.map((call) => call.url.href)).toEqual(['https://api.example/v1/ping']);
  });
});

describe('HttpClient requests', () => {
  it('GETs JSON from the base joined to the path, with the client and request headers', async () => {
    const { fetch, calls } = fakeFetch(() => json([{ a: 1 }]));
    const http = client(fetch, { headers: { token: 'site_1', customerToken: undefined, empty: '' } });
    await expect(http.request({ path: '/frequentlyPurchased', headers: { extra: 'x' } })).resolves.toEqual([{ a: 1 }]);
    expect(calls).toHaveLength(1);
    expect(calls[0].url.href).toBe('https://api.example/v1/frequentlyPurchased');
    expect(calls[0].init.method).toBe('GET');
    expect(calls[0].init.credentials).toBe('omit');
    expect(calls[0].init.body).toBeUndefined();
    expect(calls[0].init.headers).toEqual({ accept: 'application/json', token: 'site_1', extra: 'x' });
  });

  it('POSTs a JSON body with its content type', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true }));
    await client(fetch).request({
      method: 'POST',
      path: 'cartprods/cart_1',
      body: { prodToken: 'vrnt_1', cartProdQuantity: 1 },
    });
    expect(calls[0].url.href).toBe('https://api.example/v1/cartprods/cart_1');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ prodToken: 'vrnt_1', cartProdQuantity: 1 });
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('builds URLs with exactly one slash and keeps the query', () => {
    const http = new HttpClient({ baseUrl: 'https://proxy.example/csomni///' });
    expect(http.baseUrl).toBe('https://proxy.example/csomni');
    expect(http.url('/products/prod_1/full?x=1')).toBe('https://proxy.example/csomni/products/prod_1/full?x=1');
    expect(http.url('cart')).toBe('https://proxy.example/csomni/cart');
  });
});

describe('HttpClient timeouts', () => {
  it('gives up after `timeout` with kind timeout', async () => {
    const { fetch } = fakeFetch(hangingFetch);
    const error = await failure(client(fetch, { timeout: 20, retries: 0 }).request({ path: '/slow' }));
    expect(error).toBeInstanceOf(WidgetError);
    expect(error.kind).toBe('timeout');
    expect(error.url).toBe('https://api.example/v1/slow');
  });

  it('times out even when the fetch ignores its signal and never settles', { timeout: 2000 }, async () => {
    // Not a recording fetch: that one, like the real fetch, rejects when its signal aborts.
    const fetch = (() => new Promise<Response>(() => undefined)) as typeof globalThis.fetch;
    const error = await failure(client(fetch, { timeout: 20, retries: 0 }).request({ path: '/slow' }));
    expect(error.kind).toBe('timeout');
  });

  it('times out when the headers arrive but the body never ends', { timeout: 2000 }, async () => {
    const { fetch } = fakeFetch(() => new Response(new ReadableStream({ start: () => undefined }), { status: 200 }));
    const error = await failure(client(fetch, { timeout: 20, retries: 0 }).request({ path: '/slow' }));
    expect(error.kind).toBe('timeout');
  });
});

describe('HttpClient retries', () => {
  it('retries a network error `retries` times, then fails with kind network', async () => {
    const { fetch, calls } = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const error = await failure(client(fetch, { retries: 2 }).request({ path: '/x' }));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(calls).toHaveLength(3);
  });

  it('returns the answer of a retry that works', async () => {
    const { fetch, calls } = fakeFetch((_url, _init, call) => {
      if (call === 1) throw new TypeError('fetch failed');
      if (call === 2) return new Response('<h1>Bad gateway</h1>', { status: 502 });
      return json(['ok']);
    });
    await expect(client(fetch, { retries: 2 }).request({ path: '/x' })).resolves.toEqual(['ok']);
    expect(calls).toHaveLength(3);
  });

  it.each([500, 502, 503, 504])('retries %i, then fails with kind http and the status', async (status) => {
    const { fetch, calls } = fakeFetch(() => new Response('<html>oops</html>', { status }));
    const error = await failure(client(fetch, { retries: 3 }).request({ path: '/x' }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(status);
    expect(calls).toHaveLength(4);
  });

  it('retries 429, then fails with kind rate-limited', async () => {
    const { fetch, calls } = fakeFetch(() => json({ message: 'Too Many Requests' }, 429));
    const error = await failure(client(fetch, { retries: 2 }).request({ path: '/x' }));
    expect(error.kind).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(calls).toHaveLength(3);
  });

  it.each([
    [400, 'http'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'http'],
    [405, 'http'],
    [409, 'http'],
    [422, 'http'],
  ] as const)('never retries %i (kind %s)', async (status, kind) => {
    const { fetch, calls } = fakeFetch(() => json({ detail: 'nope' }, status));
    const error = await failure(client(fetch, { retries: 5 }).request({ path: '/x' }));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  it('a request with retries: 0 runs once, even on a 5xx or a network error', async () => {
    const server = fakeFetch(() => new Response('', { status: 503 }));
    expect(
      (await failure(client(server.fetch).request({ method: 'POST', path: '/cart', body: {}, retries: 0 }))).status,
    ).toBe(503);
    expect(server.calls).toHaveLength(1);
    const network = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    expect((await failure(client(network.fetch).request({ path: '/cart', retries: 0 }))).kind).toBe('network');
    expect(network.calls).toHaveLength(1);
  });

  it('retries twice by default', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('', { status: 500 }));
    await failure(client(fetch).request({ path: '/x' }));
    expect(calls).toHaveLength(3);
  });
});

describe('Retry-After', () => {
  it('waits the seconds the server asks for instead of backing off', async () => {
    vi.useFakeTimers();
    // A backoff this long would never end within the test: only Retry-After can bring the retry.
    const { fetch, calls } = fakeFetch((_url, _init, call) =>
      call === 1 ? json({}, { status: 503, headers: { 'retry-after': '2' } }) : json(['ok']),
    );
    const result = client(fetch, { retryDelay: 1e9 }).request({ path: '/x' });
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await expect(result).resolves.toEqual(['ok']);
  });

  it('waits until the HTTP date the server names', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    const { fetch, calls } = fakeFetch((_url, _init, call) =>
      call === 1
        ? json({}, { status: 429, headers: { 'retry-after': 'Sat, 01 Mar 2025 12:00:05 GMT' } })
        : json(['ok']),
    );
    const result = client(fetch, { retryDelay: 1e9 }).request({ path: '/x' });
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await expect(result).resolves.toEqual(['ok']);
  });

  it('retries at once for a Retry-After of 0 or a date in the past', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    const { fetch, calls } = fakeFetch((_url, _init, call) =>
      call === 1
        ? json({}, { status: 503, headers: { 'retry-after': '0' } })
        : call === 2
          ? json({}, { status: 503, headers: { 'retry-after': 'Sat, 01 Mar 2025 11:00:00 GMT' } })
          : json(['ok']),
    );
    const result = client(fetch, { retryDelay: 1e9 }).request({ path: '/x' });
    // Backing off instead (up to 1e9 ms) would leave the request pending.
    await vi.advanceTimersByTimeAsync(10);
    await expect(result).resolves.toEqual(['ok']);
    expect(calls).toHaveLength(3);
  });

  it('does not retry when the server asks for a wait longer than maxRetryAfter', async () => {
    const seconds = fakeFetch(() => json({}, { status: 429, headers: { 'retry-after': '3600' } }));
    const error = await failure(client(seconds.fetch).request({ path: '/x' }));
    expect(error.kind).toBe('rate-limited');
    expect(seconds.calls).toHaveLength(1);

    const date = fakeFetch(() =>
      json({}, { status: 503, headers: { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() } }),
    );
    expect((await failure(client(date.fetch).request({ path: '/x' }))).status).toBe(503);
    expect(date.calls).toHaveLength(1);

    const configured = fakeFetch(() => json({}, { status: 503, headers: { 'retry-after': '2' } }));
    await failure(client(configured.fetch, { maxRetryAfter: 1000 }).request({ path: '/x' }));
    expect(configured.calls).toHaveLength(1);
  });

  it('backs off as usual when Retry-After is unreadable', async () => {
    const { fetch, calls } = fakeFetch(() => json({}, { status: 503, headers: { 'retry-after': 'soon' } }));
    await failure(client(fetch).request({ path: '/x' }));
    expect(calls).toHaveLength(3);
  });

  it('retryAfterMs reads seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryAfterMs('120', 600_000, now)).toBe(120_000);
    expect(retryAfterMs(' 1.5 ', 600_000, now)).toBe(1_500);
    expect(retryAfterMs('0', 10_000, now)).toBe(0);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', 60_000, now)).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', 60_000, now)).toBe(0);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', 10_000, now)).toBeNull();
    expect(retryAfterMs('11', 10_000, now)).toBeNull();
    expect(retryAfterMs(null, 10_000, now)).toBeUndefined();
    expect(retryAfterMs('', 10_000, now)).toBeUndefined();
    expect(retryAfterMs('later', 10_000, now)).toBeUndefined();
    // Date.parse reads these as dates in the past, which would mean "retry at once".
    for (const junk of ['-1', '5, 5', 'Oct 21 2015']) expect(retryAfterMs(junk, 10_000, now), junk).toBeUndefined();
  });
});
