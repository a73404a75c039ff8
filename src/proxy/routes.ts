/**
 * The allowlist: the only vendor paths the proxy forwards, each with its method, who may call it
 * and which query parameters pass. Paths mirror the vendors' own, below `/{source}`, so a widget
 * only swaps its base URL for `{proxy-url}/{source}`. Everything else is 404 (405 for a listed
 * path with another method).
 */
import type { SourceId } from './config.ts';

export type RouteKind =
  | 'csomni-list'
  | 'csomni-refresh'
  | 'csomni-product'
  | 'csomni-cart'
  | 'csomni-cartprods'
  | 'algonomy-purchased'
  | 'giosg-visitor'
  | 'giosg-org';

export interface RouteDef {
  source: SourceId;
  method: 'GET' | 'POST';
  /** Hono pattern below `/{source}`; also the vendor path, its parameters filled in. */
  path: string;
  kind: RouteKind;
  /**
   * Query parameters passed on: `none` (dropped), a list of names with plain values (others
   * dropped), or `cursor` (giosg `next` links: `cursor` and `page_size`, whose opaque values
   * only need to be free of control characters; others dropped).
   */
  query: 'none' | 'cursor' | readonly string[];
}

const CHAT_TYPE = ':chatType{(?:owned|involved|routed)_chats}';

export const ROUTES: readonly RouteDef[] = [
  { source: 'csomni', method: 'GET', path: '/frequentlyPurchased', kind: 'csomni-list', query: 'none' },
  { source: 'csomni', method: 'GET', path: '/frequentlyPurchased/forceRefresh', kind: 'csomni-refresh', query: 'none' },
  { source: 'csomni', method: 'GET', path: '/products/:token/full', kind: 'csomni-product', query: ['responseData'] },
  { source: 'csomni', method: 'POST', path: '/cart', kind: 'csomni-cart', query: 'none' },
  { source: 'csomni', method: 'POST', path: '/cartprods', kind: 'csomni-cartprods', query: 'none' },
  { source: 'csomni', method: 'POST', path: '/cartprods/:cartToken', kind: 'csomni-cartprods', query: 'none' },
  { source: 'algonomy', method: 'POST', path: '/api/v1/profile/b2b/productPurchased', kind: 'algonomy-purchased', query: 'none' },
  { source: 'giosg', method: 'GET', path: '/api/v5/users/:user/chats/:chat/visitors/:visitor/shopping_carts', kind: 'giosg-visitor', query: 'cursor' },
  { source: 'giosg', method: 'GET', path: '/api/v5/users/:user/chats/:chat/visitors/:visitor/shopping_carts/:cart/products', kind: 'giosg-visitor', query: 'cursor' },
  { source: 'giosg', method: 'GET', path: '/api/v5/users/:user/rooms/:room/visitors/:visitor/shopping_carts', kind: 'giosg-visitor', query: 'cursor' },
  { source: 'giosg', method: 'GET', path: `/api/v5/orgs/:org/${CHAT_TYPE}/:chat/shopping_carts`, kind: 'giosg-org', query: 'cursor' },
  { source: 'giosg', method: 'GET', path: `/api/v5/orgs/:org/${CHAT_TYPE}/:chat/shopping_carts/:cart/products`, kind: 'giosg-org', query: 'cursor' },
];

/** The pattern as it appears in logs: `/giosg/api/v5/orgs/:org/:chatType/:chat/shopping_carts`. */
export function routeName(route: RouteDef): string {
  return `/${route.source}${route.path.replace(/\{[^}]*\}/g, '')}`;
}

/** The vendor path for a matched route: its parameters (already checked) filled in. */
export function upstreamPath(route: RouteDef, params: Record<string, string>): string {
  return route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Every path the proxy could answer: segments of letters, digits, `_` and `-` only. */
export const SAFE_PATH = /^(?:\/[A-Za-z0-9_-]{1,128}){1,16}$/;

/** What a giosg `next` link carries: the cursor, and the page size where one was asked for. */
const CURSOR_NAMES = ['cursor', 'page_size'];
const QUERY_VALUE = /^[^\u0000-\u001f\u007f]{0,1024}$/;
const LISTED_VALUE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The query string to send upstream (without `?`), or null when the request's query is not
 * acceptable (bad names, control characters, too long).
 */
export function upstreamQuery(route: RouteDef, search: string): string | null {
  if (route.query === 'none' || search.length <= 1) return '';
  if (search.length > 2048) return null;
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  let count = 0;
  for (const [name, value] of params) {
    if (++count > 20) return null;
    if (route.query === 'cursor') {
      if (!CURSOR_NAMES.includes(name)) continue;
      if (!QUERY_VALUE.test(value)) return null;
      out.append(name, value);
    } else if (route.query.includes(name)) {
      if (!LISTED_VALUE.test(value)) return null;
      out.append(name, value);
    }
  }
  return out.toString();
}
