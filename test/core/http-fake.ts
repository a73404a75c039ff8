import { HttpClient, type HttpClientOptions } from '../../src/core/http.ts';
import { WidgetError } from '../../src/core/errors.ts';
import { recordingFetch } from '../support/fake-fetch.ts';

/** The fake fetches, answers and failure reader the HttpClient tests share. */

export { json } from '../support/fake-fetch.ts';

export type Handler = (url: string, init: RequestInit, call: number) => Response | Promise<Response>;

/**
 * A recording fetch (`recordingFetch`) answered by `handler` from the URL, the options the client
 * gave `fetch` and the call's number (from 1).
 */
export function fakeFetch(handler: Handler) {
  let call = 0;
  return recordingFetch((request) => handler(request.url.href, request.init, ++call));
}

/** A fetch that, like the real one, rejects with the signal's reason when it aborts, and never answers otherwise. */
export const hangingFetch: Handler = (_url, init) =>
  new Promise<Response>((_, reject) => {
    const signal = init.signal!;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

export function client(fetch: typeof globalThis.fetch, options: Partial<HttpClientOptions> = {}) {
  return new HttpClient({ baseUrl: 'https://api.example/v1/', fetch, retryDelay: 1, ...options });
}

/** The rejection of `promise`, which must reject. */
export async function failure(promise: Promise<unknown>): Promise<WidgetError> {
  try {
    await promise;
  } catch (error) {
    return error as WidgetError;
  }
  throw new Error('expected the request to fail');
}
