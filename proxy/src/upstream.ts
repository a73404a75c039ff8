/**
 * Calling a vendor: a timeout (504), network failure (502), no redirects followed (credentials
 * go to the configured host only), a bounded body, JSON only, and answers made safe: an error
 * status passes through with at most the vendor's short `message`, and nothing that holds a
 * configured secret ever leaves.
 */
import { containsSecret } from './log.ts';
import { readBytesLimited } from './body.ts';

export interface UpstreamRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** A vendor answer reduced to what the proxy may send on: immutable, shareable, cacheable. */
export interface UpstreamResult {
  status: number;
  /** JSON text ('' only with status 204). */
  body: string;
  /** The vendor's status, absent when it never answered. */
  upstreamStatus?: number;
  /** Seconds, passed on with 429 and 503. */
  retryAfter?: string;
  /** Fixed code for the log. */
  error?: string;
}

export interface UpstreamOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Every form of every configured secret (see `secretForms`). */
  secretForms: () => readonly string[];
  /** Rewrites a successful JSON answer (e.g. drops fields the page must not see). */
  transform?: (data: unknown) => unknown;
  maxResponseBytes?: number;
}

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export const jsonBody = (message: string): string => JSON.stringify({ message });

const failure = (status: number, message: string, error: string, upstreamStatus?: number): UpstreamResult => ({
  status,
  body: jsonBody(message),
  error,
  upstreamStatus,
});

class TooLarge extends Error {}

async function readLimited(response: Response, limit: number): Promise<string> {
  const bytes = await readBytesLimited(response, limit);
  if (!bytes) throw new TooLarge();
  return new TextDecoder().decode(bytes);
}

/** The vendor's short error message, if it is safe to show; never the raw body. */
export function safeVendorMessage(text: string, forms: readonly string[]): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const record = parsed as Record<string, unknown>;
  const message = [record.message, record.detail, record.error].find(
    (value) => typeof value === 'string' && value.trim(),
  );
  if (typeof message !== 'string') return undefined;
  const trimmed = message.trim();
  if (trimmed.length > 200 || /[\u0000-\u001f\u007f]/.test(trimmed) || containsSecret(trimmed, forms)) return undefined;
  return trimmed;
}

function retryAfter(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed && /^\d{1,5}$/.test(trimmed) ? trimmed : undefined;
}

export async function callUpstream(request: UpstreamRequest, options: UpstreamOptions): Promise<UpstreamResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    let response: Response;
    try {
      response = await options.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch {
      return timedOut
        ? failure(504, 'The vendor did not answer in time', 'timeout')
        : failure(502, 'The vendor could not be reached', 'network');
    }

    const status = response.status;
    let text: string;
    try {
      text = await readLimited(response, options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
    } catch (error) {
      if (error instanceof TooLarge) return failure(502, 'The vendor answer was too large', 'too-large', status);
      return timedOut
        ? failure(504, 'The vendor did not answer in time', 'timeout', status)
        : failure(502, 'The vendor answer was cut off', 'network', status);
    }
    const forms = options.secretForms();

    if (status === 204 || status === 205) return { status: 204, body: '', upstreamStatus: status };
    if (status >= 200 && status < 300) {
      let data: unknown;
      try {
        data = text.trim() === '' ? null : JSON.parse(text);
      } catch {
        return failure(502, 'The vendor sent an answer that is not JSON', 'invalid-json', status);
      }
      // What goes out is re-serialized JSON: escapes such as `"a\/b"` or `"\u0061"` in the vendor's
      // text would hide a secret from the search below.
      text = JSON.stringify(options.transform ? options.transform(data) : data);
      if (containsSecret(text, forms)) {
        return failure(502, 'The vendor answer was withheld', 'secret-in-answer', status);
      }
      return { status, body: text, upstreamStatus: status };
    }
    if (status >= 400 && status < 600) {
      const message = safeVendorMessage(text, forms) ?? `The vendor answered ${status}`;
      const result: UpstreamResult = {
        status,
        body: jsonBody(message),
        upstreamStatus: status,
        error: 'upstream-status',
      };
      if (status === 429 || status === 503) result.retryAfter = retryAfter(response.headers.get('retry-after'));
      return result;
    }
    // A redirect (followed by nobody: credentials stay with the configured host) or anything odd.
    return failure(
      502,
      'The vendor sent an unexpected answer',
      status >= 300 && status < 400 ? 'redirect' : 'unexpected-status',
      status,
    );
  } finally {
    clearTimeout(timer);
  }
}

export const isSuccess = (result: UpstreamResult): boolean => result.status >= 200 && result.status < 300;

/** An answer the proxy makes itself in place of the vendor's. */
export const problemResult = (status: number, message: string, error: string): UpstreamResult => ({
  status,
  body: jsonBody(message),
  error,
});

export const timedOut = (): UpstreamResult => problemResult(504, 'The vendor did not answer in time', 'timeout');

/**
 * A vendor's 401 or 403 to credentials only the proxy holds (giosg's API token, Algonomy's
 * access token after a renewal) is the server's set-up, not the shopper's session: 502, so the
 * widget does not ask the shopper to sign in again. The log keeps the vendor's status.
 */
export const refusedCredentials = (result: UpstreamResult): UpstreamResult =>
  result.upstreamStatus === 401 || result.upstreamStatus === 403
    ? {
        ...problemResult(502, "The vendor refused the proxy's credentials", 'upstream-auth'),
        upstreamStatus: result.upstreamStatus,
      }
    : result;
