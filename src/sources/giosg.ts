import { limit as concurrencyLimit } from '../core/limit.ts';
import { coded, configError, requiredInDirectMode } from '../core/errors.ts';
import type { HttpClient } from '../core/http.ts';
import { encodePathSegment } from '../core/url.ts';
import { isCurrencyCode, multiplyMoney, normalizeDecimal, parseMoney, type Money } from '../core/money.ts';
import type { Cart, CartLine } from '../model.ts';
import { clean, isRecord, parseDateTime, text as readText } from './read.ts';
import {
  GIOSG_BASE_URL,
  GIOSG_CHAT_KINDS,
  GIOSG_PAGE_LIMIT,
  GIOSG_ROOT,
  giosgCartProductsPath,
  giosgChatCartsPath,
  giosgOrgCartsPath,
  giosgRoomCartsPath,
  readListPage,
  readNextLink,
} from './giosg.contract.ts';
import { cacheKey, createSourceClient, sourceCache, type SourceContext } from './source.ts';

export const GIOSG_DEFAULT_BASE = GIOSG_BASE_URL;

/** The API's version root: `next` links are followed from here, on the configured base. */
export const GIOSG_API_ROOT = GIOSG_ROOT;

/** More pages than this is a runaway `next` chain, not a visitor's carts. */
export const GIOSG_MAX_PAGES = GIOSG_PAGE_LIMIT;

export const GIOSG_CHAT_TYPES = GIOSG_CHAT_KINDS;
export type GiosgChatType = (typeof GIOSG_CHAT_TYPES)[number];

/** Whose carts: a chat's visitor, a room's visitor, or one chat of an organization. */
export type GiosgScope =
  | { kind: 'chat'; userId: string; chatId: string; visitorId: string }
  | { kind: 'room'; userId: string; roomId: string; visitorId: string }
  | { kind: 'org'; orgId: string; chatId: string; chatType: GiosgChatType };

/** The `<cart-summary>` attributes the giosg source reads, already resolved. */
export interface GiosgOptions {
  /** `api-token`: sent as `Authorization: Token …` (direct mode: required; the proxy adds it otherwise). */
  apiToken?: string;
  userId?: string;
  chatId?: string;
  visitorId?: string;
  roomId?: string;
  orgId?: string;
  chatType?: string;
}

/** What `<cart-summary>` needs of a cart source. */
export interface CartSource {
  readonly scope: GiosgScope;
  /** Every cart of the scope, all pages, without lines (`lines: null`). */
  loadCarts(options?: LoadOptions): Promise<Cart[]>;
  /** The cart with its lines; `lines` stays null where the scope has no products endpoint. */
  loadLines(cart: Cart, options?: LoadOptions): Promise<Cart>;
  /** Whether a page-cache key is one this source has read (to re-render on its `update`). */
  reads(key: string): boolean;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Bypass the cache (the load is still shared with concurrent readers). */
  force?: boolean;
}

/** A trimmed string with inner runs of whitespace collapsed, or a finite number as a string. */
const words = (value: unknown): string => readText(value).replace(/\s+/g, ' ');

const id = (value: unknown): string =>
  typeof value === 'string'
    ? value.trim()
    : typeof value === 'number' && Number.isSafeInteger(value)
      ? String(value)
      : '';

/** `true`, `"true"`, `1` and `"1"` are true; null, undefined and a blank string are unknown; anything else is false. */
function flag(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() ? /^\s*(true|1)\s*$/i.test(value) : null;
  return value === true || value === 1;
}

/**
 * A count of pieces from a number, or from a string read as an amount is (the shop's page may
 * report "1,5" kg or "1 000"); null, negatives and junk are 0.
 */
function pieces(value: unknown): number {
  const number = typeof value === 'string' ? Number(normalizeDecimal(value)) : typeof value === 'number' ? value : 0;
  return number > 0 && number <= Number.MAX_SAFE_INTEGER ? number : 0;
}

/** `money × quantity`, exact for whole and decimal quantities (rounded half away from zero). */
function multiplyByQuantity(money: Money | null, count: number): Money | null {
  if (!money) return null;
  if (Number.isInteger(count)) return multiplyMoney(money, count);
  const [whole, fraction = ''] = String(count).split('.');
  if (!/^\d+$/.test(whole) || !/^\d+$/.test(fraction)) return null;
  const scale = 10n ** BigInt(fraction.length);
  const product = BigInt(money.amount) * BigInt(`${whole}${fraction}`);
  const half = product >= 0n ? scale / 2n : -scale / 2n;
  const amount = Number((product + half) / scale);
  return Number.isSafeInteger(amount) ? { amount, currency: money.currency } : null;
}

/**
 * `value` (trimmed, as vendor text is) as a currency `Intl` knows, else `fallback`: a cart's own
 * currency, else the widget's `currency`, else USD, so normalized money can always be formatted.
 */
function currencyOr(value: unknown, fallback = 'USD'): string {
  const code = readText(value);
  return isCurrencyCode(code) ? code.toUpperCase() : fallback;
}

/**
 * One shopping cart product record as a {@link CartLine}, in the cart's `currency`. Pure; accepts
 * anything and never throws. Null for a record without an `id`. Quantities arrive as numbers,
 * numeric strings or null (0); `is_deleted` lines are kept here and left out of sums by
 * `cartTotals` (model.ts).
 */
export function normalizeCartLine(raw: unknown, currency: string): CartLine | null {
  try {
    if (!isRecord(raw)) return null;
    const lineId = id(raw.id);
    if (!lineId) return null;
    const code = currencyOr(currency);
    const unitValue = parseMoney(raw.value, code);
    const count = pieces(raw.quantity);
    const subscriptionValue = parseMoney(raw.subscription_value, code);
    const monthlyQuantity = pieces(raw.monthly_quantity);
    const deletedAt = parseDateTime(raw.deleted_at);
    const deleted = flag(raw.is_deleted);
    return {
      id: lineId,
      name: words(raw.name),
      description: words(raw.description) || null,
      category: words(raw.category_name) || null,
      productNumber: words(raw.product_number) || null,
      unitValue,
      quantity: count,
      lineTotal: multiplyByQuantity(unitValue, count),
      subscriptionValue,
      monthlyQuantity,
      subscriptionTotal: multiplyByQuantity(subscriptionValue, monthlyQuantity),
      // Without the flag, a deletion date still says the line left the cart.
      isDeleted: deleted ?? deletedAt !== null,
      deletedAt,
      createdAt: parseDateTime(raw.created_at),
      updatedAt: parseDateTime(raw.updated_at),
    };
  } catch {
    // A record that cannot be read (a throwing getter) is dropped like one without an id.
    return null;
  }
}

/**
 * One shopping cart as a {@link Cart} without its lines (`lines: null`). Pure; accepts anything
 * and never throws. Null for a record without an `id`. A `currency` that is null or not an
 * ISO 4217 code falls back to `currency` (the widget's attribute).
 */
export function normalizeCart(raw: unknown, currency: string): Cart | null {
  try {
    if (!isRecord(raw)) return null;
    const cartId = id(raw.id);
    if (!cartId) return null;
    const code = currencyOr(raw.currency, currencyOr(currency));
    const lockedAt = parseDateTime(raw.locked_at);
    return {
      id: cartId,
      visitorId: id(raw.visitor_id) || null,
      currency: code,
      createdAt: parseDateTime(raw.created_at),
      updatedAt: parseDateTime(raw.updated_at),
      isLocked: flag(raw.is_locked) ?? lockedAt !== null,
      lockedAt,
      totalValue: parseMoney(raw.total_value, code),
      totalSubscriptionValue: parseMoney(raw.total_subscription_value, code),
      lines: null,
    };
  } catch {
    return null;
  }
}

/** The records of a list answer: `{ results: [...] }` or a bare array; anything else is none. */
function records(data: unknown): unknown[] {
  try {
    if (Array.isArray(data)) return data;
    const page = readListPage(data);
    if (page) return page.results;
  } catch {
    // A throwing getter reads as no records.
  }
  return [];
}

/** Keeps the first record of each id. */
function firstOfEach<T extends { id: string }>(items: Iterable<T | null>): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const item of items) {
    if (!item || seen.has(item.id)) continue;
    seen.add(item.id);
    kept.push(item);
  }
  return kept;
}

/**
 * A shopping-cart list answer (the `{ next, previous, results }` page, or its `results`) as carts.
 * Pure; accepts anything and never throws. Records without an id are dropped; an id listed
 * twice (pages that overlap) shows once.
 */
export function normalizeCartList(data: unknown, currency: string): Cart[] {
  return firstOfEach(records(data).map((raw) => normalizeCart(raw, currency)));
}

/** A cart products answer as lines, in the cart's currency. Pure; never throws. */
export function normalizeCartLines(data: unknown, currency: string): CartLine[] {
  return firstOfEach(records(data).map((raw) => normalizeCartLine(raw, currency)));
}

/**
 * Which carts the attributes ask for. Throws a `config` error naming the attribute that is
 * missing, invalid or contradicts the others.
 */
export function resolveGiosgScope(options: GiosgOptions): GiosgScope {
  const given = {
    'user-id': clean(options.userId),
    'chat-id': clean(options.chatId),
    'visitor-id': clean(options.visitorId),
    'room-id': clean(options.roomId),
    'org-id': clean(options.orgId),
    'chat-type': clean(options.chatType),
  };
  /** Throws the config error naming those of `names` that are missing. */
  const need = (names: (keyof typeof given)[]): void => {
    const absent = names.filter((name) => !given[name]);
    if (absent.length) throw coded('config', 11, absent.map((name) => `\`${name}\``).join(' '));
  };
  if (given['org-id'] || given['chat-type']) {
    for (const name of ['user-id', 'visitor-id', 'room-id'] as const) {
      if (given[name]) throw configError(name, 12);
    }
    need(['org-id', 'chat-id', 'chat-type']);
    const chatType = given['chat-type'].toLowerCase();
    if (!(GIOSG_CHAT_TYPES as readonly string[]).includes(chatType)) {
      throw configError('chat-type', 14, given['chat-type']);
    }
    return { kind: 'org', orgId: given['org-id'], chatId: given['chat-id'], chatType: chatType as GiosgChatType };
  }
  if (given['chat-id'] && given['room-id']) {
    throw configError('room-id', 13);
  }
  if (given['room-id']) {
    need(['user-id', 'visitor-id']);
    return { kind: 'room', userId: given['user-id'], roomId: given['room-id'], visitorId: given['visitor-id'] };
  }
  need(['user-id', 'chat-id', 'visitor-id']);
  return { kind: 'chat', userId: given['user-id'], chatId: given['chat-id'], visitorId: given['visitor-id'] };
}

const segment = encodePathSegment;

/** The scope's shopping-cart list path. */
export function cartsPath(scope: GiosgScope): string {
  switch (scope.kind) {
    case 'chat':
      return giosgChatCartsPath(segment(scope.userId), segment(scope.chatId), segment(scope.visitorId));
    case 'room':
      return giosgRoomCartsPath(segment(scope.userId), segment(scope.roomId), segment(scope.visitorId));
    case 'org':
      return giosgOrgCartsPath(segment(scope.orgId), `${scope.chatType}_chats`, segment(scope.chatId));
  }
}

/** A cart's products path, or null where the API documents none (room scope). */
export function productsPath(scope: GiosgScope, cartId: string): string | null {
  return scope.kind === 'room' ? null : giosgCartProductsPath(cartsPath(scope), segment(cartId));
}

/**
 * A `next` link as a path from the API's version root, to be joined to the configured base.
 * Its host is never used: credentials go only to the configured base. Null at the end of the
 * list; an error for a link that leads outside the API.
 */
export function nextPath(next: unknown): string | null {
  const path = readNextLink(next);
  if (path === undefined) throw coded('invalid-response', 38);
  return path;
}

/**
 * Every record of a paged list: follows `next` until it is null, whatever the page size, at
 * most {@link GIOSG_MAX_PAGES} pages; a `next` that repeats or never ends is `invalid-response`.
 */
async function readAllPages(
  client: HttpClient,
  firstPath: string,
  signal: AbortSignal,
  fresh = false,
): Promise<unknown[]> {
  const url = client.url(firstPath).split('?')[0];
  const results: unknown[] = [];
  const visited = new Set<string>();
  let path: string | null = firstPath;
  while (path !== null) {
    if (visited.has(path)) throw coded('invalid-response', 39, '', { url });
    if (visited.size >= GIOSG_MAX_PAGES) throw coded('invalid-response', 40, '', { url });
    visited.add(path);
    const page = readListPage(await client.request({ path, signal, fresh }));
    if (!page) throw coded('invalid-response', 41, '', { url });
    results.push(...page.results);
    path = nextPath(page.next);
  }
  return results;
}

/** Product lists of several carts load this many at a time. */
const LINE_LOADS_AT_ONCE = 4;

/**
 * The giosg Basket API source: a scope's carts (`.../shopping_carts`) and a cart's lines
 * (`.../shopping_carts/{id}/products`), every page, each list through the page cache. Direct
 * mode sends `Authorization: Token <api-token>`; proxy mode sends no vendor credential.
 */
export function createGiosgSource(context: SourceContext, options: GiosgOptions): CartSource {
  const { connection } = context;
  const scope = resolveGiosgScope(options);
  const apiToken = clean(options.apiToken);
  if (connection.mode === 'direct' && !apiToken) {
    throw requiredInDirectMode('api-token');
  }
  const client = createSourceClient('giosg', context, { authorization: `Token ${apiToken}` });
  const cache = sourceCache(context);
  const who = connection.mode === 'direct' ? apiToken : connection.customerSession;
  const readKeys = new Set<string>();
  const limit = concurrencyLimit(LINE_LOADS_AT_ONCE);

  const read = async <T>(path: string, normalize: (records: unknown[]) => T, options: LoadOptions): Promise<T> => {
    const key = cacheKey(client, path, [who]);
    readKeys.add(key);
    // The cache holds the vendor's records as sent (plain JSON, so it can persist).
    const records = await cache.read(key, (signal) => readAllPages(client, path, signal, options.force), {
      ttl: context.cacheTtl,
      force: options.force,
      signal: options.signal,
    });
    return normalize(records);
  };

  return {
    scope,
    loadCarts(options = {}) {
      return read(cartsPath(scope), (results) => normalizeCartList(results, context.currency), options);
    },
    async loadLines(cart, options = {}) {
      const path = productsPath(scope, cart.id);
      if (path === null) return { ...cart, lines: null };
      const lines = await limit(() => read(path, (results) => normalizeCartLines(results, cart.currency), options));
      return { ...cart, lines };
    },
    reads: (key) => readKeys.has(key),
  };
}
