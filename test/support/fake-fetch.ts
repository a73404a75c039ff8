/**
 * Answers the page's `fetch` from a handler for the length of a test, and records every request,
 * so element tests control exactly what the "vendor" says without a network.
 */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
  /** The request's abort signal, if it had one. */
  signal?: AbortSignal;
}

export type FakeHandler = (request: RecordedRequest) => Response | Promise<Response>;

export interface FakeFetch {
  calls: RecordedRequest[];
  /** Calls whose path ends with `suffix`. */
  callsTo(suffix: string): RecordedRequest[];
  restore(): void;
}

export function installFakeFetch(handler: FakeHandler): FakeFetch {
  const original = window.fetch;
  const calls: RecordedRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = request.method === 'GET' ? '' : await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
      signal: init?.signal ?? undefined,
    };
    calls.push(recorded);
    const signal = init?.signal;
    if (signal?.aborted) throw signal.reason;
    // Like a real fetch, an abort (or a timeout) rejects even while the "server" is silent.
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve(handler(recorded)).then(resolve, reject);
    });
  };
  return {
    calls,
    callsTo: (suffix) => calls.filter((call) => call.url.pathname.endsWith(suffix)),
    restore: () => {
      window.fetch = original;
    },
  };
}

/** Records every request and lets it through to the page's own `fetch` (the test server's mock APIs). */
export function spyOnFetch(): FakeFetch {
  const real = window.fetch.bind(window);
  return installFakeFetch((request) =>
    real(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    }),
  );
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

/** A promise with its resolve exposed, for answering a request exactly when a test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
