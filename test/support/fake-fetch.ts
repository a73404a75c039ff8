/**
 * Fake `fetch` functions that answer from a handler and record every request, so a test controls
 * exactly what the "vendor" says without a network: `recordingFetch` hands one to a source (in
 * Node or the browser), `installFakeFetch` puts one in place of the page's `fetch` for the length
 * of an element test.
 */
export interface RecordedRequest {
  method: string;
  /** The URL, a relative one resolved against the page (in Node, against `http://page.invalid/`). */
  url: URL;
  headers: Headers;
  /** The body read as JSON; its text where it is not JSON; undefined without one. */
  body: unknown;
  /** The request's abort signal, if it had one. */
  signal?: AbortSignal;
  /** The options `fetch` was called with, as given (`{}` without). */
  init: RequestInit;
  /** The request as sent, its body unread: to hand on to a web-standard handler. */
  request: Request;
}

export type FakeHandler = (request: RecordedRequest) => Response | Promise<Response>;

export interface RecordingFetch {
  fetch: typeof globalThis.fetch;
  calls: RecordedRequest[];
  /** Calls whose path ends with `suffix`. */
  callsTo(suffix: string): RecordedRequest[];
}

export interface FakeFetch extends RecordingFetch {
  /** Puts the page's own `fetch` back. */
  restore(): void;
}

/** A request as a handler sees it (see `RecordedRequest`). */
export async function recordRequest(input: RequestInfo | URL, init: RequestInit = {}): Promise<RecordedRequest> {
  const page = (globalThis as { location?: Location }).location?.href ?? 'http://page.invalid/';
  const request = input instanceof Request ? new Request(input, init) : new Request(new URL(String(input), page), init);
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    body: text ? readJson(text) : undefined,
    signal: init.signal ?? undefined,
    init,
    request,
  };
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A `fetch` that records every request and answers it from `handler`. */
export function recordingFetch(handler: FakeHandler): RecordingFetch {
  const calls: RecordedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const recorded = await recordRequest(input, init);
    calls.push(recorded);
    const signal = init?.signal;
    if (signal?.aborted) throw signal.reason;
    // Like a real fetch, an abort (or a timeout) rejects even while the "server" is silent.
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve(handler(recorded)).then(resolve, reject);
    });
  };
  return { fetch, calls, callsTo: (suffix) => calls.filter((call) => call.url.pathname.endsWith(suffix)) };
}

/** Answers the page's `fetch` from `handler` until `restore()`. */
export function installFakeFetch(handler: FakeHandler): FakeFetch {
  const original = window.fetch;
  const fake = recordingFetch(handler);
  window.fetch = fake.fetch;
  return {
    ...fake,
    restore: () => {
      window.fetch = original;
    },
  };
}

let served: FakeFetch | undefined;

/**
 * Answers the page's `fetch` from `handler` for the rest of the test, in place of what an earlier
 * `serve()` in it installed. `stopServing()`, which each element-test harness runs after every
 * test, puts the page's own `fetch` back.
 */
export function serve(handler: FakeHandler): FakeFetch {
  served?.restore();
  served = installFakeFetch(handler);
  return served;
}

/** The fake the test's last `serve()` installed, with the requests it recorded. */
export function servedFake(): FakeFetch {
  if (!served) throw new Error('nothing is served: call serve() first');
  return served;
}

export function stopServing(): void {
  served?.restore();
  served = undefined;
}

/** Records every request and lets it through to the page's own `fetch` (the test server's mock APIs). */
export function spyOnFetch(): FakeFetch {
  const real = window.fetch.bind(window);
  return installFakeFetch((call) => real(call.request));
}

/** A JSON response: `body` as JSON (a string is sent as it is), with a status or response options. */
export const json = (body: unknown, init: number | ResponseInit = {}) => {
  const { status = 200, headers } = typeof init === 'number' ? { status: init } : init;
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...(headers as Record<string, string> | undefined) },
  });
};

/** A promise with its resolve exposed, for answering a request exactly when a test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
