import { vi } from 'vitest';
import { HttpClient, type HttpClientOptions } from '../../src/core/http.ts';
import { WidgetError } from '../../src/core/errors.ts';

/** The fake fetches, answers and failure reader the HttpClient tests share. */

export type Handler = (url: string, init: RequestInit, call: number) => Response | Promise<Response>;

/** A fake fetch that records every call and answers through `handler`. */
export function fakeFetch(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return handler(String(input), init, calls.length);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

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
