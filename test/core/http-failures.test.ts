import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../../src/core/http.ts';
import { WidgetError } from '../../src/core/errors.ts';
import { type Handler, fakeFetch, json, hangingFetch, client, failure } from './http-fake.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("HttpClient failures that are not the vendor's", () => {
  it('never follows a redirect, and says so once instead of retrying', async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response(null, { status: 301, headers: { location: 'https://elsewhere.example/x' } }),
    );
    const error = await failure(client(fetch).request({ path: '/x' }));
    expect(calls[0].init.redirect).toBe('manual');
    expect(calls).toHaveLength(1);
    expect(error.kind).toBe('http');
    expect(error.message).toBe('SW23');
  });

  it("treats an abort the caller did not ask for (a page's fetch wrapper) as a network failure", async () => {
    const { fetch, calls } = fakeFetch(() =>
      Promise.reject(new DOMException('The user aborted a request.', 'AbortError')),
    );
    const error = await failure(client(fetch).request({ path: '/x' }));
    expect(error).toBeInstanceOf(WidgetError);
    expect(error.kind).toBe('network');
    expect(calls).toHaveLength(3);
  });

  it('turns anything else thrown into a WidgetError (here: an API the browser lacks)', async () => {
    const timeout = AbortSignal.timeout;
    (AbortSignal as { timeout?: unknown }).timeout = undefined;
    try {
      const error = await failure(client(fakeFetch(() => json([])).fetch).request({ path: '/x' }));
      expect(error).toBeInstanceOf(WidgetError);
    } finally {
      AbortSignal.timeout = timeout;
    }
  });

  it('reports a timeout that is not a positive number as a config error, without a request', async () => {
    for (const timeout of [0, -5, Number.NaN, 'abc' as unknown as number]) {
      const { fetch, calls } = fakeFetch(() => json([]));
      const error = await failure(client(fetch, { timeout }).request({ path: '/x' }));
      expect(error.kind, String(timeout)).toBe('config');
      expect(error.message).toBe(`SW5 \`timeout\` "${String(timeout)}"`);
      expect(calls).toHaveLength(0);
    }
  });

  it('reports a header value HTTP cannot carry as a config error naming the header, without a request', async () => {
    const { fetch, calls } = fakeFetch(() => json([]));
    const error = await failure(client(fetch, { headers: { email_address: 'josé@例子.com' } }).request({ path: '/x' }));
    expect(error.kind).toBe('config');
    expect(error.message).toBe('SW15 `email_address`');
    expect(calls).toHaveLength(0);
    // Latin-1 is fine.
    await client(fetch, { headers: { email_address: 'josé@example.com' } }).request({ path: '/x' });
    expect(calls).toHaveLength(1);
  });

  it("merges the caller's signal and the timeout without AbortSignal.any (Safari before 17.4)", async () => {
    const any = AbortSignal.any;
    (AbortSignal as { any?: unknown }).any = undefined;
    try {
      const controller = new AbortController();
      const { fetch } = fakeFetch(hangingFetch);
      const pending = client(fetch, { timeout: 5_000 }).request({ path: '/x', signal: controller.signal });
      controller.abort(new DOMException('stop', 'AbortError'));
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'stop' });
      const timed = await failure(
        client(fakeFetch(hangingFetch).fetch, { timeout: 20 }).request({
          path: '/x',
          signal: new AbortController().signal,
        }),
      );
      expect(timed.kind).toBe('timeout');
    } finally {
      AbortSignal.any = any;
    }
  });
});

describe('HttpClient answers', () => {
  it.each([
    ['an HTML page', '<html><body>Maintenance</body></html>'],
    ['broken JSON', '[{"variantToken": "vrnt_8Jd2", "quantity": 5,123456 "price": '],
    ['an empty body', ''],
    ['a blank body', '  \n '],
  ])('rejects %s with kind invalid-response, without retrying', async (_, body) => {
    const { fetch, calls } = fakeFetch(() => new Response(body, { status: 200 }));
    const error = await failure(client(fetch).request({ path: '/x' }));
    expect(error.kind).toBe('invalid-response');
    expect(error.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('accepts any JSON value, including null and false', async () => {
    const { fetch } = fakeFetch((_url, _init, call) => new Response(call === 1 ? 'null' : 'false'));
    await expect(client(fetch).request({ path: '/x' })).resolves.toBeNull();
    await expect(client(fetch).request({ path: '/x' })).resolves.toBe(false);
  });

  it('uses a short message from a JSON error body, never a raw body', async () => {
    const notFound = fakeFetch(() => json({ message: 'Product not found' }, 404));
    expect((await failure(client(notFound.fetch).request({ path: '/x' }))).message).toBe('Product not found');
    const html = fakeFetch(() => new Response('<h1>404 Not Found</h1>', { status: 404 }));
    const error = await failure(client(html.fetch).request({ path: '/x' }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    // No message of the vendor's: the code for an error status, whose number is in `status`.
    expect(error.message).toBe('SW24');
    const long = fakeFetch(() => json({ message: 'x'.repeat(500) }, 400));
    expect((await failure(client(long.fetch).request({ path: '/x' }))).message).toBe('SW24');
  });

  it('never puts the query string or headers (credentials) in an error', async () => {
    const secret = 'site_SECRET';
    const answers: Handler[] = [
      () => Promise.reject(new TypeError(`fetch failed for https://api.example/v1/x?token=${secret}`)),
      () => new Response(`<p>bad token ${secret}</p>`, { status: 500 }),
      () => new Response(`denied ${secret}`, { status: 401 }),
      () => new Response(`<p>${secret}</p>`, { status: 404 }),
      () => new Response(`slow down ${secret}`, { status: 429 }),
      () => new Response(`not json ${secret}`, { status: 200 }),
      () => new Response('', { status: 200 }),
      hangingFetch,
    ];
    for (const answer of answers) {
      const { fetch } = fakeFetch(answer);
      const http = client(fetch, {
        timeout: 20,
        retries: 1,
        headers: { token: secret, authorization: `Bearer ${secret}` },
      });
      const error = await failure(
        http.request({ path: `/x?token=${secret}&customerToken=cs_SECRET`, headers: { customerToken: 'cs_SECRET' } }),
      );
      expect(error).toBeInstanceOf(WidgetError);
      for (const text of [error.message, String(error), error.url ?? '', JSON.stringify(error), error.stack ?? '']) {
        expect(text).not.toContain('SECRET');
      }
      expect(error.url).toBe('https://api.example/v1/x');
    }
  });
});

describe('HttpClient abort', () => {
  it("rejects with the caller's AbortError when the caller aborts during a request", async () => {
    const { fetch, calls } = fakeFetch(hangingFetch);
    const controller = new AbortController();
    const result = client(fetch).request({ path: '/x', signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    const error = await failure(result);
    expect(error).toBe(controller.signal.reason);
    expect((error as unknown as DOMException).name).toBe('AbortError');
    expect(calls).toHaveLength(1);
  });

  it("rejects with the caller's own reason", async () => {
    const { fetch } = fakeFetch(hangingFetch);
    const controller = new AbortController();
    const reason = new Error('inputs changed');
    const result = client(fetch).request({ path: '/x', signal: controller.signal });
    controller.abort(reason);
    expect(await failure(result)).toBe(reason);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { fetch, calls } = fakeFetch(hangingFetch);
    const controller = new AbortController();
    controller.abort();
    expect(await failure(client(fetch).request({ path: '/x', signal: controller.signal }))).toBe(
      controller.signal.reason,
    );
    expect(calls.length).toBeLessThanOrEqual(1);
  });

  it('stops retrying when the caller aborts while waiting for the next attempt', async () => {
    // Full jitter can draw a wait near zero; pinned to half the delay, the next attempt is 30 s away.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { fetch, calls } = fakeFetch(() => new Response('', { status: 503 }));
    const controller = new AbortController();
    const result = client(fetch, { retryDelay: 60_000, retries: 5 }).request({ path: '/x', signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    expect(await failure(result)).toBe(controller.signal.reason);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
  });

  it('stops retrying when the caller aborts a failing attempt', async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch(() => {
      controller.abort();
      return Promise.reject(new TypeError('fetch failed'));
    });
    expect(await failure(client(fetch, { retries: 5 }).request({ path: '/x', signal: controller.signal }))).toBe(
      controller.signal.reason,
    );
    expect(calls).toHaveLength(1);
  });

  it("rejects with the caller's AbortError even when the fetch ignores its signal", { timeout: 2000 }, async () => {
    const { fetch } = fakeFetch(() => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const result = client(fetch).request({ path: '/x', signal: controller.signal });
    controller.abort();
    expect(await failure(result)).toBe(controller.signal.reason);
  });
});

describe('HttpClient fresh requests', () => {
  it('skips the browser cache only when asked (refresh and Retry)', async () => {
    const modes: (RequestCache | undefined)[] = [];
    const client = new HttpClient({
      baseUrl: 'https://api.test',
      fetch: async (_input: RequestInfo | URL, init?: RequestInit) => {
        modes.push(init?.cache);
        return new Response('[]', { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.request({ path: '/list' });
    await client.request({ path: '/list', fresh: true });
    expect(modes).toEqual(['default', 'no-store']);
  });
});
