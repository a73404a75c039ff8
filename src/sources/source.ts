import { HttpClient } from '../core/http.ts';
import { pageCache, type RequestCache } from '../core/cache.ts';
import type { PurchasedItem } from '../model.ts';

/** How a source reaches its vendor: straight to the vendor's API, or through the widget proxy. */
export type Connection =
  { mode: 'direct'; apiBase: string } | { mode: 'proxy'; proxyUrl: string; customerSession?: string };

export interface SourceContext {
  connection: Connection;
  /** Milliseconds a result counts as fresh in the page cache; 0 turns the cache off. */
  cacheTtl: number;
  /** ISO 4217 code for amounts the API sends without one. */
  currency: string;
  /** Request timeout in milliseconds. */
  timeout?: number;
  /** Defaults to the page-wide cache shared by every widget. */
  cache?: RequestCache;
  fetch?: typeof fetch;
}

/**
 * The HTTP client for a source: in direct mode on the vendor's base with the vendor's headers;
 * in proxy mode on `{proxy-url}/{source}` with only the customer session as a bearer token (the
 * vendor's headers, credentials among them, never leave for the proxy).
 */
export function createSourceClient(
  source: string,
  context: SourceContext,
  vendorHeaders: Record<string, string | undefined>,
): HttpClient {
  const { connection } = context;
  const proxy = connection.mode === 'proxy';
  return new HttpClient({
    baseUrl: proxy ? `${connection.proxyUrl.replace(/\/+$/, '')}/${source}` : connection.apiBase,
    headers: proxy
      ? { authorization: connection.customerSession ? `Bearer ${connection.customerSession}` : undefined }
      : vendorHeaders,
    timeout: context.timeout,
    fetch: context.fetch,
  });
}

/**
 * A cache key for a request: the URL plus every header that changes the answer (credentials
 * and customer identity), so one customer's data is never served for another's. A part that is
 * undefined counts as empty (as `join` writes it).
 */
export function cacheKey(
  client: HttpClient,
  path: string,
  identity: readonly (string | number | undefined)[] = [],
): string {
  return [client.url(path), ...identity].join('\n');
}

export function sourceCache(context: SourceContext): RequestCache {
  return context.cache ?? pageCache;
}

/** One page of purchase history. */
export interface PurchasePage {
  items: PurchasedItem[];
  /** Whether another page can be asked for. */
  hasMore: boolean;
}

/**
 * What `<buy-again-list>` needs of a purchase-history source. Sources build requests and
 * normalize answers; they never touch the DOM.
 */
export interface PurchaseSource {
  /** Page `page` (1-based). `force` bypasses the cache. */
  loadPage(page: number, options: { signal?: AbortSignal; force?: boolean }): Promise<PurchasePage>;
  /** Whether the cache entry `key` holds this source's first page (its revalidation is news). */
  readsFirstPage(key: string): boolean;
  /**
   * The items with what `enrich` would add where the page already has it fresh in its cache,
   * without waiting: a list whose names were looked up before renders whole, at once.
   */
  withCachedDetails?(items: readonly PurchasedItem[]): readonly PurchasedItem[];
  /** Fills in what the first answer lacked (names); calls `onItem` as each item improves. */
  enrich?(
    items: readonly PurchasedItem[],
    options: { signal?: AbortSignal; onItem: (item: PurchasedItem) => void },
  ): Promise<void>;
  /** The default action of `add-to-cart`; absent where the vendor has no cart. */
  addToCart?(item: PurchasedItem, quantity: number, options: { signal?: AbortSignal }): Promise<void>;
}
