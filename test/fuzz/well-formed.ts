import { formatMoney, isCurrencyCode, type Money } from '../../src/core/money.ts';
import type { Cart, CartLine, PurchasedItem } from '../../src/model.ts';

/**
 * What well-formed means for the normalizers' output, checked by the fuzz tests: each check
 * throws (through `fail`) with what was wrong and the value, shortened.
 */

/** Generated inputs per property. */
export const RUNS = { numRuns: 10_000 };

export const fail = (what: string, value: unknown): never => {
  const shown = (_key: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v);
  throw new Error(`${what}: ${JSON.stringify(value, shown)?.slice(0, 300)}`);
};

/** `http:`, `https:` or relative, and nothing a browser would run. */
export function checkUrl(url: unknown, what: string): void {
  if (url === null) return;
  if (typeof url !== 'string' || !url.trim()) fail(`${what} is not a URL`, url);
  const text = url as string;
  if (/[\u0000-\u001f\u007f]/.test(text)) fail(`${what} has control characters`, text);
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme && !/^https?$/i.test(scheme[1])) fail(`${what} has a forbidden scheme`, text);
}

export function checkMoney(money: unknown, what: string, code?: string): void {
  if (money === null) return;
  const value = money as Money;
  if (typeof value !== 'object' || !Number.isSafeInteger(value.amount))
    fail(`${what} is not a safe integer amount`, money);
  if (!isCurrencyCode(value.currency)) fail(`${what} has no currency`, money);
  if (code && value.currency !== code) fail(`${what} is not in ${code}`, money);
  // Money must always be formattable, as the widget will format it.
  formatMoney(value, 'en-US');
}

export const checkDate = (date: unknown, what: string) => {
  if (date !== null && !(date instanceof Date && Number.isFinite(date.getTime())))
    fail(`${what} is not a valid date or null`, String(date));
};

export const checkStringOrNull = (value: unknown, what: string) => {
  if (value !== null && typeof value !== 'string') fail(`${what} is not a string or null`, value);
};

/** Every record has an id of its own: a non-empty string no other record of the list has. */
function checkIds(records: { id: unknown }[], what: 'item' | 'cart' | 'line'): void {
  const ids = new Set<unknown>();
  for (const record of records) {
    if (typeof record.id !== 'string' || !record.id) fail(`${what === 'item' ? 'an' : 'a'} ${what} has no id`, record);
    if (ids.has(record.id)) fail(`two ${what}s share an id`, record.id);
    ids.add(record.id);
  }
}

export function checkItems(items: unknown, code: string): void {
  if (!Array.isArray(items)) fail('items is not an array', items);
  checkIds(items as PurchasedItem[], 'item');
  for (const item of items as PurchasedItem[]) {
    if (item.productId !== null && (typeof item.productId !== 'string' || !item.productId)) fail('productId', item);
    checkStringOrNull(item.variantId, 'variantId');
    checkStringOrNull(item.name, 'name');
    checkUrl(item.imageUrl, 'imageUrl');
    checkUrl(item.url, 'url');
    checkMoney(item.price, 'price', code);
    checkMoney(item.orderValue, 'orderValue', code);
    if (item.quantity !== null && !(Number.isFinite(item.quantity) && item.quantity >= 0))
      fail('quantity', item.quantity);
    checkDate(item.lastOrderedAt, 'lastOrderedAt');
    if (typeof item.available !== 'boolean') fail('available is not a boolean', item);
  }
}

export function checkCarts(carts: unknown): void {
  if (!Array.isArray(carts)) fail('carts is not an array', carts);
  checkIds(carts as Cart[], 'cart');
  for (const cart of carts as Cart[]) {
    if (!isCurrencyCode(cart.currency)) fail('a cart has no usable currency', cart.currency);
    checkStringOrNull(cart.visitorId, 'visitorId');
    for (const name of ['createdAt', 'updatedAt', 'lockedAt'] as const) checkDate(cart[name], name);
    if (typeof cart.isLocked !== 'boolean') fail('isLocked', cart.isLocked);
    checkMoney(cart.totalValue, 'totalValue', cart.currency);
    checkMoney(cart.totalSubscriptionValue, 'totalSubscriptionValue', cart.currency);
    if (cart.lines !== null) fail('a listed cart has lines', cart.lines);
  }
}

export function checkLines(lines: unknown, code: string): void {
  if (!Array.isArray(lines)) fail('lines is not an array', lines);
  checkIds(lines as CartLine[], 'line');
  for (const line of lines as CartLine[]) {
    if (typeof line.name !== 'string') fail('name', line.name);
    for (const name of ['description', 'category', 'productNumber'] as const) checkStringOrNull(line[name], name);
    for (const name of ['quantity', 'monthlyQuantity'] as const) {
      if (!(Number.isFinite(line[name]) && line[name] >= 0)) fail(name, line[name]);
    }
    for (const name of ['unitValue', 'lineTotal', 'subscriptionValue', 'subscriptionTotal'] as const)
      checkMoney(line[name], name, code);
    if (typeof line.isDeleted !== 'boolean') fail('isDeleted', line.isDeleted);
    for (const name of ['deletedAt', 'createdAt', 'updatedAt'] as const) checkDate(line[name], name);
  }
}
