import { GIOSG_BASE_URL, GIOSG_CALLS, GIOSG_CHAT_KINDS } from '../../../src/sources/giosg.contract.ts';
import { json, type FakeHandler, type RecordedRequest } from '../fake-fetch.ts';
import { latency, whichCall, type RouteOverride } from './calls.ts';

/**
 * A fake giosg Basket API, the one every test, the demo and the bench talk to: the five
 * shopping-cart lists (a chat's visitor, a room's visitor, an organization's owned, involved and
 * routed chats) and the products of the chat and organization scopes (rooms have none, as in the
 * vendor's docs), as `giosg.contract.ts` lists them, written once. Lists are
 * `{ next, previous, results }` with cursor pagination; `next` is a full URL on the vendor's host
 * (`https://service.giosg.com/api/v5/...?cursor=...`), as the real API sends it, so a client must
 * re-base it on its own base. For element tests answered in the page through `serve()`:
 * a visitor's carts, each with its lines, one page each unless a page size is given. The demo's
 * mock API (`../mocks/giosg.ts`) is this fake with the demo chat's carts.
 */
export interface FakeCart {
  record: Record<string, unknown>;
  lines: Record<string, unknown>[];
}

export interface GiosgFake {
  /** The carts, or the carts of each visitor (the visitor id in the path, `''` for an organization chat). */
  carts?: FakeCart[] | ((visitor: string) => FakeCart[]);
  /**
   * The API token a request must send (`Authorization: Token <token>`), or a pattern any accepted
   * token matches; without one, any request is answered.
   */
  token?: string | RegExp;
  /** Records a page (every record on one page by default). */
  pageSize?: number;
  /** Milliseconds every answer takes. */
  delay?: number;
  /** In place of the list of carts. */
  list?: RouteOverride;
}

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** An open EUR cart, updated five minutes ago. */
export const giosgCart = (
  id: string,
  extra: Record<string, unknown> = {},
  lines: Record<string, unknown>[] = [],
): FakeCart => ({
  record: {
    id,
    currency: 'EUR',
    created_at: minutesAgo(60),
    updated_at: minutesAgo(5),
    is_locked: false,
    locked_at: null,
    total_value: '10.00',
    total_subscription_value: null,
    ...extra,
  },
  lines,
});

/** A cart line: two of "Product <id>" at 5.00. */
export const giosgLine = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  category_name: 'Things',
  value: '5.00',
  quantity: 2,
  is_deleted: false,
  deleted_at: null,
  subscription_value: null,
  monthly_quantity: null,
  ...extra,
});

/** A list page as the vendor sends it. */
export const giosgPage = (results: unknown[], next: string | null = null, previous: string | null = null) => ({
  next,
  previous,
  results,
});

/** The visitor a request is for (`''` where the path names none). */
export const giosgVisitor = (request: Pick<RecordedRequest, 'url'>) =>
  whichCall(GIOSG_CALLS, request)?.params.visitor ?? '';

const LISTS = ['visitorCarts', 'roomCarts', 'orgCarts'];
const CHAT_TYPES: readonly string[] = GIOSG_CHAT_KINDS.map((kind) => `${kind}_chats`);

/** One page of `records` from the request's `cursor`, with `next` on the vendor's own host. */
function paged(records: unknown[], path: string, request: RecordedRequest, size = records.length || 1): Response {
  const cursor = request.url.searchParams.get('cursor');
  let offset = 0;
  if (cursor !== null) {
    offset = /^[A-Za-z0-9+/=]+$/.test(cursor) ? Number(atob(cursor).replace(/^o:/, '')) : NaN;
    if (!Number.isInteger(offset) || offset < 0) return json({ detail: 'Invalid cursor' }, 400);
  }
  const link = (at: number) => `${GIOSG_BASE_URL}${path}?cursor=${encodeURIComponent(btoa(`o:${at}`))}`;
  const end = offset + size;
  return json(
    giosgPage(
      records.slice(offset, end),
      end < records.length ? link(end) : null,
      offset > 0 ? link(Math.max(0, offset - size)) : null,
    ),
  );
}

export function giosg(fake: GiosgFake = {}): FakeHandler {
  const { carts = [], token } = fake;
  return async (request) => {
    const call = whichCall(GIOSG_CALLS, request);
    if (!call || (call.params.chatType !== undefined && !CHAT_TYPES.includes(call.params.chatType)))
      return json({ detail: 'Not found.' }, 404);
    const sent = /^Token (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    if (token !== undefined && !sent) return json({ detail: 'Authentication credentials were not provided.' }, 401);
    if (token !== undefined && !(typeof token === 'string' ? sent === token : token.test(sent!)))
      return json({ detail: 'Invalid token.' }, 401);
    if (request.method !== 'GET') return json({ detail: `Method "${request.method}" not allowed.` }, 405);
    await latency(fake.delay);

    const visitorCarts = typeof carts === 'function' ? carts(call.params.visitor ?? '') : carts;
    if (LISTS.includes(call.name)) {
      const overridden = await fake.list?.(request);
      return (
        overridden ??
        paged(
          visitorCarts.map((each) => each.record),
          call.path,
          request,
          fake.pageSize,
        )
      );
    }
    const cart = visitorCarts.find((each) => each.record.id === call.params.cart);
    return cart ? paged(cart.lines, call.path, request, fake.pageSize) : json({ detail: 'Not found.' }, 404);
  };
}
