/**
 * giosg's facts, for the widgets' source and the proxy's route (see `vendor-contract.ts`).
 * One export per fact, so a bundle keeps only those it uses.
 */
import type { VendorCall } from './vendor-contract.ts';

export const GIOSG_BASE_URL = 'https://service.giosg.com';
/** The API's version root: `next` links are followed from here, on the configured base. */
export const GIOSG_ROOT = '/api/v5/';
/** `:chatType` in the organization paths is `owned_chats`, `involved_chats` or `routed_chats`. */
export const GIOSG_CHAT_KINDS = ['owned', 'involved', 'routed'] as const;

/** GET: a visitor's carts in a chat. */
export const giosgChatCartsPath = (user: string, chat: string, visitor: string): string =>
  `/api/v5/users/${user}/chats/${chat}/visitors/${visitor}/shopping_carts`;
/** GET: a visitor's carts in a room (rooms have no documented products endpoint). */
export const giosgRoomCartsPath = (user: string, room: string, visitor: string): string =>
  `/api/v5/users/${user}/rooms/${room}/visitors/${visitor}/shopping_carts`;
/** GET: an organization chat's carts; `chatType` is `owned_chats`, `involved_chats` or `routed_chats`. */
export const giosgOrgCartsPath = (org: string, chatType: string, chat: string): string =>
  `/api/v5/orgs/${org}/${chatType}/${chat}/shopping_carts`;
/** GET: a cart's lines, below a chat's or an organization chat's list of carts. */
export const giosgCartProductsPath = (cartsPath: string, cart: string): string => `${cartsPath}/${cart}/products`;

const visitorCarts = /* @__PURE__ */ giosgChatCartsPath(':user', ':chat', ':visitor');
const orgCarts = /* @__PURE__ */ giosgOrgCartsPath(':org', ':chatType', ':chat');
/**
 * Each call with its method (`@__PURE__`: a bundle that reads only the paths drops the table).
 * The proxy's allowlist reads it:, `:name` for each segment. */
export const GIOSG_CALLS = {
  visitorCarts: { method: 'GET', path: visitorCarts },
  visitorCartProducts: { method: 'GET', path: /* @__PURE__ */ giosgCartProductsPath(visitorCarts, ':cart') },
  roomCarts: { method: 'GET', path: /* @__PURE__ */ giosgRoomCartsPath(':user', ':room', ':visitor') },
  orgCarts: { method: 'GET', path: orgCarts },
  orgCartProducts: { method: 'GET', path: /* @__PURE__ */ giosgCartProductsPath(orgCarts, ':cart') },
} as const satisfies Record<string, VendorCall>;

/** Lists come a page at a time; a reader follows `next` for at most this many pages. */
export const GIOSG_PAGE_LIMIT = 50;
/**
 * The query a `next` link carries: an opaque `cursor`, and `page_size` where one was asked for.
 * The widgets ask for none and take the vendor's pages as they come, so the proxy passes no
 * larger `page_size` than this.
 */
export const GIOSG_LIST_QUERY = ['cursor', 'page_size'] as const;
export const GIOSG_MAX_PAGE_SIZE = 100;

/** A list page, `{ next, previous, results }`: its records and its `next` link as sent. Null when it is not one. */
export function readListPage(data: unknown): { results: unknown[]; next?: unknown } | null {
  const page = data as { results?: unknown } | null | undefined;
  return Array.isArray(page?.results) ? (page as { results: unknown[]; next?: unknown }) : null;
}

/**
 * A `next` link as a path (and query) from the API's version root, to be joined to a configured
 * base: its host is never used, so credentials go only to that base. Null at the end of the list
 * (null, absent or empty); undefined for a link that is unreadable or leads outside the API.
 */
export function readNextLink(next: unknown): string | null | undefined {
  if (next === null || next === undefined || next === '') return null;
  let url: URL | undefined;
  try {
    // Resolving also removes dot segments, so `/api/v5/../x` cannot climb out of the API.
    if (typeof next === 'string') url = new URL(next.trim(), GIOSG_BASE_URL);
  } catch {
    // Unreadable, as a link that is not a string.
  }
  const at = url ? url.pathname.indexOf(GIOSG_ROOT) : -1;
  return at < 0 ? undefined : `${url!.pathname.slice(at)}${url!.search}`;
}
