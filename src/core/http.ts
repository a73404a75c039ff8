import {
  WidgetError,
  coded,
  configError,
  shortMessage,
  toWidgetError,
  withMessage,
  type WidgetErrorKind,
} from './errors.ts';
import { mayContinue } from './main-thread.ts';

export interface HttpClientOptions {
  /** Base every path is joined to: the vendor's API base, or `{proxy-url}/{source}`. */
  baseUrl: string;
  /** Sent with every request: vendor credentials in direct mode, the session in proxy mode. */
  headers?: Record<string, string | undefined>;
  /** Milliseconds before a request attempt is abandoned (default 10 000). */
  timeout?: number;
  /** Extra attempts after the first on network errors, 5xx and 429 (default 2). */
  retries?: number;
  /** Base of the exponential backoff in milliseconds (default 300). */
  retryDelay?: number;
  /** The longest `Retry-After` worth waiting for, in milliseconds (default 10 000). */
  maxRetryAfter?: number;
  /** The fetch to use (default: the page's, looked up at call time). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Path below the base, with its query if any. */
  path: string;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Overrides the client's retries: 0 for calls that must not run twice (adding to a cart). */
  retries?: number;
  /**
   * Skip the browser's HTTP cache (`cache: 'no-store'`), for refresh and Retry. Besides fresh
   * data, this keeps the request from queueing behind an identical one still open (browsers
   * hold a cache lock per URL), such as a timed-out request a page's fetch wrapper cannot abort.
   */
  fresh?: boolean;
}

const RETRYABLE_STATUS = (status: number) => status === 429 || status >= 500;

/**
 * The HTTP client every source uses: JSON in and out, a timeout per attempt, retries with
 * backoff and jitter on network errors, 5xx and 429 (honouring `Retry-After`), never on other
 * 4xx, and abort from the caller's signal. Every failure is a {@link WidgetError}; an abort
 * from the caller rejects with the caller's `AbortError` as it is.
 */
export class HttpClient {
  readonly baseUrl: string;
  private readonly options: Required<Omit<HttpClientOptions, 'fetch' | 'headers'>> &
    Pick<HttpClientOptions, 'fetch' | 'headers'>;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const defined = Object.fromEntries(
      Object.entries(options).filter(([, value]) => value !== undefined),
    ) as HttpClientOptions;
    this.options = { timeout: 10_000, retries: 2, retryDelay: 300, maxRetryAfter: 10_000, ...defined };
  }

  /** The absolute URL a path resolves to. */
  url(path: string): string {
    const joined = `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
    // document.baseURI, not location: an iframe's srcdoc document has the parent's base URL.
    return typeof document === 'undefined' ? joined : new URL(joined, document.baseURI).href;
  }

  async request<T = unknown>(request: RequestOptions): Promise<T> {
    const { retryDelay } = this.options;
    const retries = request.retries ?? this.options.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.attempt(request)) as T;
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason ?? error;
        // Whatever else was thrown (a page's fetch wrapper, an API the browser lacks) still
        // reaches the widget as a WidgetError.
        if (!(error instanceof RetryableError)) throw toWidgetError(error);
        const wait = error.retryAfter;
        if (attempt >= retries || wait === null) throw error.failure;
        // Full jitter keeps many widgets from retrying in step.
        const backoff = Math.random() * retryDelay * 2 ** attempt;
        await delay(wait ?? backoff, request.signal);
      }
    }
  }

  private async attempt(request: RequestOptions): Promise<unknown> {
    const { timeout, headers: baseHeaders } = this.options;
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const url = this.url(request.path);
    const safeUrl = url.split('?')[0];
    if (!(timeout > 0)) throw configError('timeout', 5, timeout);
    const timeoutSignal = AbortSignal.timeout(timeout);
    const signal = request.signal ? anySignal(request.signal, timeoutSignal) : timeoutSignal;
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries({ ...baseHeaders, ...request.headers })) {
      if (value === undefined || value === '') continue;
      // fetch refuses header values outside Latin-1 with a TypeError that reads like a network fault.
      if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) throw coded('config', 15, `\`${name}\``, { url: safeUrl });
      headers[name] = value;
    }
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const timedOut = (cause: unknown) => coded('timeout', 22, `${timeout} ms`, { url: safeUrl, cause });

    let response: Response;
    try {
      response = await abortable(
        fetchImpl(url, {
          method: request.method ?? 'GET',
          headers,
          // None for a body of undefined, which JSON.stringify leaves undefined.
          body: JSON.stringify(request.body),
          signal,
          credentials: 'omit',
          cache: request.fresh ? 'no-store' : 'default',
          // Credentials go to the configured base only: a redirect is never followed.
          redirect: 'manual',
        }),
        signal,
      );
    } catch (error) {
      if (request.signal?.aborted) throw error;
      if (timeoutSignal.aborted || (error instanceof DOMException && error.name === 'TimeoutError'))
        throw timedOut(error);
      // An abort nobody here asked for (a page's fetch wrapper, the browser) is a failed request.
      throw new RetryableError(coded('network', 20, '', { url: safeUrl, cause: error }));
    }

    // What `redirect: 'manual'` gives a page (or a 3xx from a fetch that shows it): a setup
    // problem at the server, not worth a retry.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw coded('http', 23, '', { status: response.status || undefined, url: safeUrl });
    }

    let text: string;
    try {
      text = await abortable(response.text(), signal);
    } catch (error) {
      if (request.signal?.aborted) throw error;
      if (timeoutSignal.aborted) throw timedOut(error);
      throw new RetryableError(coded('network', 21, '', { url: safeUrl, cause: error }));
    }
    // What the answer sets off (parsing, normalising, the render of what it holds) waits for a
    // task of its own if the widgets' work already used this one's turn: answers that arrive
    // together are not handled in one long task (see main-thread.ts).
    await mayContinue();

    if (!response.ok) {
      const failure = httpFailure(response.status, text, safeUrl);
      if (RETRYABLE_STATUS(response.status)) {
        throw new RetryableError(
          failure,
          retryAfterMs(response.headers.get('retry-after'), this.options.maxRetryAfter),
        );
      }
      throw failure;
    }
    if (!text.trim()) {
      throw coded('invalid-response', 25, '', { status: response.status, url: safeUrl });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw coded('invalid-response', 26, '', { status: response.status, url: safeUrl, cause: error });
    }
  }
}

/** A failure worth another attempt; `retryAfter` is the server's wait, or null when too long. */
class RetryableError extends Error {
  constructor(
    readonly failure: WidgetError,
    readonly retryAfter?: number | null,
  ) {
    super(failure.message);
  }
}

function httpFailure(status: number, body: string, url: string): WidgetError {
  const kind: WidgetErrorKind = status === 401 || status === 403 ? 'auth' : status === 429 ? 'rate-limited' : 'http';
  return withMessage(kind, vendorMessage(body), 24, '', { status, url });
}

/** The message field of a JSON error body, if it has a short one. Never the raw body. */
function vendorMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return shortMessage(parsed?.message ?? parsed?.detail ?? parsed?.error);
  } catch {
    // Not JSON: an HTML error page says nothing we should show.
  }
  return undefined;
}

/**
 * `Retry-After` as milliseconds: seconds or an HTTP date. Undefined when absent or unreadable
 * (back off as usual); null when longer than we are willing to keep a shopper waiting.
 */
export function retryAfterMs(header: string | null, max: number, now = Date.now()): number | null | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    // An HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`) only: Date.parse takes "-1" for a year.
    if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    ms = Math.max(0, date - now);
  }
  return ms > max ? null : ms;
}

/** Aborts when either signal does: `AbortSignal.any`, which Safari has only since 17.4. */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  // eslint-disable-next-line no-restricted-properties -- guarded: only where the browser has it
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

/**
 * `promise`, or a rejection with the signal's reason once it aborts: the timeout and the caller's
 * abort hold even for a fetch or a body stream that ignores its signal.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // A signal aborted already fires no event. Either way, `promise` failing later is handled.
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
