import { coded, configError, requiredInDirectMode, shortMessage, withMessage } from '../core/errors.ts';
import { parseMoney } from '../core/money.ts';
import { safeUrl } from '../core/url.ts';
import type { PurchasedItem } from '../model.ts';
import { clean, decimal, isRecord, parseDateTime, text } from './read.ts';
import {
  ALGONOMY_ACCESS_TOKEN_HEADER,
  ALGONOMY_IDENTIFIERS,
  ALGONOMY_MAX_PAGE_SIZE,
  ALGONOMY_PRODUCT_PURCHASED_PATH as PRODUCT_PURCHASED_PATH,
  ALGONOMY_TENANT_HASH_HEADER,
  type AlgonomyIdentifier,
} from './algonomy.contract.ts';
import {
  cacheKey,
  createSourceClient,
  sourceCache,
  type PurchasePage,
  type PurchaseSource,
  type SourceContext,
} from './source.ts';

export const ALGONOMY_PRODUCT_PURCHASED_PATH = PRODUCT_PURCHASED_PATH;

/** The carousel pages no further than this: a purchase history, not a catalogue dump. */
export const ALGONOMY_MAX_PAGES = 100;

/**
 * What the source reads, by the `<buy-again-list>` attribute it comes from (documented there):
 * the credentials `tenantHash` and `accessToken`, sent as the `tenant_hash` and `access_token`
 * headers in direct mode (the proxy adds its own otherwise); the customer identifiers, each sent
 * under the name `ALGONOMY_IDENTIFIERS` gives it; and `pageSize`, rows per page, checked here.
 */
export interface AlgonomyOptions extends Partial<Record<'tenantHash' | 'accessToken' | AlgonomyIdentifier, string>> {
  pageSize: number;
}

export interface ProductPurchasedPage {
  items: PurchasedItem[];
  totalPages: number | null;
  currentPage: number | null;
  /** The pointer to send with the next page's request, or null when the API gave none. */
  lastKey: unknown;
}

/** A whole number >= 0 from a number or a numeric string; null otherwise. */
function count(value: unknown): number | null {
  const number = decimal(value);
  return number !== null && Number.isSafeInteger(number) ? number : null;
}

/** The envelope's `data` object: accepts the whole response or its `data`. */
function payload(data: Record<string, unknown>): Record<string, unknown> {
  if ('dataList' in data) return data;
  return isRecord(data.data) ? data.data : data;
}

function normalizeRow(row: unknown, currency: string): PurchasedItem | null {
  if (!isRecord(row)) return null;
  const code = text(row.productCode);
  if (!code) return null;
  const name = text(row.productName).replace(/\s+/g, ' ');
  return {
    id: code,
    productId: code,
    variantId: null,
    name: name || null,
    imageUrl: safeUrl(row.productImgUrl),
    price: parseMoney(row.productValue, currency),
    // B2B quantities may be fractional.
    quantity: decimal(row.productQty),
    orderValue: parseMoney(row.orderValue, currency),
    lastOrderedAt: parseDateTime(row.orderDate),
    url: null,
    available: true,
  };
}

/**
 * Normalizes a `productPurchased` answer (the whole response or its `data`) into items plus the
 * paging facts. Pure; accepts anything and never throws. Rows without a `productCode` are
 * dropped; a product listed twice shows once (the first row wins).
 */
export function normalizeProductPurchased(data: unknown, currency: string): ProductPurchasedPage {
  const result: ProductPurchasedPage = { items: [], totalPages: null, currentPage: null, lastKey: null };
  try {
    if (!isRecord(data)) return result;
    const body = payload(data);
    result.totalPages = count(body.totalPages);
    result.currentPage = count(body.currentPage);
    // In `data`, or beside it in the envelope.
    const lastKey = body.lastKey ?? data.lastKey;
    result.lastKey = lastKey === undefined || lastKey === '' ? null : lastKey;
    const rows = Array.isArray(body.dataList) ? body.dataList : [];
    const seen = new Set<string>();
    for (const row of rows) {
      let item: PurchasedItem | null = null;
      try {
        item = normalizeRow(row, currency);
      } catch {
        // A row that cannot be read (a throwing getter, a proxy) is dropped like one without a code.
      }
      if (!item || seen.has(item.id)) continue;
      seen.add(item.id);
      result.items.push(item);
    }
  } catch {
    // Never throws: whatever was read before the failure stands.
  }
  return result;
}

/**
 * Checks the `{ status, message, data }` envelope: a status other than `OK` is an `http` error
 * (`auth` when the message says the token expired or is invalid) carrying the API's message;
 * `data: null` or a missing `dataList` is `invalid-response` unless the result is cleanly empty.
 * Returns how many rows the page had (before dropping and de-duplication).
 */
function checkEnvelope(response: unknown, url: string): number {
  if (!isRecord(response)) {
    throw coded('invalid-response', 33, '', { url });
  }
  const status = typeof response.status === 'string' ? response.status.trim() : response.status;
  if (status !== 'OK') {
    const message = shortMessage(response.message);
    if (typeof status !== 'string') {
      throw withMessage('invalid-response', message, 34, '', { url });
    }
    const auth = message !== undefined && /token/i.test(message) && /expired|invalid/i.test(message);
    const kind = auth ? 'auth' : 'http';
    throw withMessage(kind, message, 35, `"${status.slice(0, 40)}"`, { url });
  }
  const data = response.data;
  if (!isRecord(data)) {
    throw coded('invalid-response', 36, '', { url });
  }
  if (Array.isArray(data.dataList)) return data.dataList.length;
  const cleanEmpty = (data.dataList === undefined || data.dataList === null) && count(data.totalCount) === 0;
  if (cleanEmpty) return 0;
  throw coded('invalid-response', 37, '', { url });
}

/** Each identifier attribute's option and the header it travels in. */
const IDENTIFIERS = Object.entries(ALGONOMY_IDENTIFIERS) as [AlgonomyIdentifier, string][];

/**
 * The Algonomy RCDP source: `POST /api/v1/profile/b2b/productPurchased`, one page per call
 * (`{ page, pageSize, lastKey }`), every page through the page cache. The `lastKey` chain is kept
 * per source instance, keyed by the page it leads to.
 */
export function createAlgonomySource(context: SourceContext, options: AlgonomyOptions): PurchaseSource {
  const { connection } = context;
  const direct = connection.mode === 'direct';
  const pageSize = options.pageSize;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > ALGONOMY_MAX_PAGE_SIZE) {
    throw configError('page-size', 7, pageSize);
  }
  const identity = Object.fromEntries(
    (['gcrId', 'email', 'mobileNumber', 'customerCode', 'tenantHash', 'accessToken'] as const).map((option) => [
      option,
      clean(options[option]),
    ]),
  ) as Record<Exclude<keyof AlgonomyOptions, 'pageSize'>, string>;
  const headers: Record<string, string | undefined> = {};
  if (direct) {
    // Algonomy has no default base: `api-base` is required like the credentials.
    if (!clean(connection.apiBase)) throw requiredInDirectMode('api-base');
    if (!identity.tenantHash) throw requiredInDirectMode('tenant-hash');
    if (!identity.accessToken) throw requiredInDirectMode('access-token');
    if (!IDENTIFIERS.some(([option]) => identity[option])) {
      throw coded('config', 2, '`gcr-id` `email` `mobile-number` `customer-code`');
    }
    headers[ALGONOMY_ACCESS_TOKEN_HEADER] = identity.accessToken;
    headers[ALGONOMY_TENANT_HASH_HEADER] = identity.tenantHash;
    for (const [option, header] of IDENTIFIERS) headers[header] = identity[option] || undefined;
  }
  // In proxy mode the proxy adds the credentials and sets the identifiers from the session.
  const client = createSourceClient('algonomy', context, headers);
  const cache = sourceCache(context);
  const path = ALGONOMY_PRODUCT_PURCHASED_PATH;
  const url = client.url(path).split('?')[0];
  const who = direct ? Object.values(identity) : [connection.customerSession];
  /** The `lastKey` to send with a page: what the page before it returned (none for page 1). */
  const lastKeys = new Map<number, unknown>();
  /** Each page's product codes in order, to tell a vendor that ignores `page` from a real next page. */
  const pageCodes = new Map<number, string>();

  let firstPageKey: string | undefined;

  return {
    readsFirstPage: (key) => key === firstPageKey,

    async loadPage(page, { signal, force } = {}): Promise<PurchasePage> {
      if (!Number.isSafeInteger(page) || page < 1) throw coded('config', 8, String(page));
      const lastKey = lastKeys.get(page);
      const body: Record<string, unknown> = { page, pageSize };
      if (lastKey !== undefined && lastKey !== null) body.lastKey = lastKey;
      // The lastKey is part of the request, so it is part of the key (empty without one:
      // JSON.stringify gives undefined for undefined).
      const key = cacheKey(client, path, [page, pageSize, ...who, JSON.stringify(body.lastKey)]);
      if (page === 1) firstPageKey = key;
      // The cache holds the vendor's answer as sent (plain JSON, so it can persist); an answer
      // that fails its envelope check is never stored.
      const response = await cache.read<unknown>(
        key,
        async (s) => {
          const answer = await client.request({ method: 'POST', path, body, signal: s, fresh: force });
          checkEnvelope(answer, url);
          return answer;
        },
        { ttl: context.cacheTtl, force, signal },
      );
      const result = normalizeProductPurchased(response, context.currency);
      /** Rows the API sent, before rows without a code were dropped and repeats removed. */
      const rows = checkEnvelope(response, url);
      if (result.lastKey !== null) lastKeys.set(page + 1, result.lastKey);
      else lastKeys.delete(page + 1);
      const current = Math.max(page, result.currentPage ?? page);
      const codes = JSON.stringify(result.items.map((item) => item.id));
      pageCodes.set(page, codes);
      // The same rows as the page before, with neither the page number nor the lastKey moving
      // on, mean the vendor is not paging: stop, or the carousel would ask for them for ever.
      // (A standing order repeats its products on every page, but its pages do move on.)
      const movedOn =
        result.currentPage === page ||
        (result.lastKey !== null && JSON.stringify(result.lastKey) !== JSON.stringify(lastKey ?? null));
      const repeated = page > 1 && result.items.length > 0 && pageCodes.get(page - 1) === codes && !movedOn;
      const hasMore =
        !repeated &&
        page < ALGONOMY_MAX_PAGES &&
        (result.totalPages !== null ? rows > 0 && current < result.totalPages : rows >= pageSize);
      return { items: result.items, hasMore };
    },
  };
}
