/**
 * giosg through the proxy: a visitor's carts (the session's visitor only) and an organization
 * chat's carts (the session's organization and chats only; a cart id must be one of that chat's).
 */
import {
  GIOSG_CALLS,
  GIOSG_CHAT_KINDS,
  GIOSG_LIST_QUERY,
  GIOSG_MAX_PAGE_SIZE,
  GIOSG_PAGE_LIMIT,
  readListPage,
} from '../../../src/sources/giosg.contract.ts';
import { timeLeft } from '../deadline.ts';
import { CUSTOMER_CACHE, answer, forbidden, problem, unauthorized } from '../respond.ts';
import type { RequestState } from '../request-state.ts';
import type { SessionClaims } from '../session.ts';
import { isSuccess, refusedCredentials, timedOut, type UpstreamResult } from '../upstream.ts';
import type { VendorCall } from '../../../src/sources/vendor-contract.ts';
import {
  OPAQUE_QUERY_VALUE,
  upstreamQuery,
  type Identity,
  type RouteCall,
  type VendorContext,
  type VendorRoute,
} from '../vendor-route.ts';

/** How long the carts of an organization's chat are remembered for the cart check. */
const CHAT_CARTS_TTL_MS = 60 * 1000;
/** How long after a read of a chat's list any cart id missing from it is 404 without a new read. */
const CHAT_CARTS_REREAD_MS = 10 * 1000;
/** `:chatType` in the organization paths: one of the documented chat lists. */
const CHAT_TYPE = `(?:${GIOSG_CHAT_KINDS.join('|')})_chats`;

/**
 * A list page's query as a `next` link carries it: its `cursor` and `page_size`, each once (the
 * first), the page size a whole number clamped to what the widgets use; anything else dropped.
 */
function listQuery(params: URLSearchParams): string | null {
  const [cursorName, pageSizeName] = GIOSG_LIST_QUERY;
  for (const name of GIOSG_LIST_QUERY)
    if (!params.getAll(name).every((value) => OPAQUE_QUERY_VALUE.test(value))) return null;
  const out = new URLSearchParams();
  const cursor = params.get(cursorName);
  if (cursor !== null) out.set(cursorName, cursor);
  const pageSize = params.get(pageSizeName)?.trim();
  if (pageSize && /^\d{1,9}$/.test(pageSize) && Number(pageSize) > 0)
    out.set(pageSizeName, String(Math.min(Number(pageSize), GIOSG_MAX_PAGE_SIZE)));
  return out.toString();
}

function visitor(
  session: SessionClaims | undefined,
  params: Record<string, string>,
  state: RequestState,
): Identity | Response {
  if (!session) return unauthorized('A customer session is required');
  if (!session.giosg?.visitorId || session.giosg.visitorId !== params.visitor)
    return forbidden(state, 'Not this session’s visitor');
  return {};
}

function chat(
  session: SessionClaims | undefined,
  params: Record<string, string>,
  state: RequestState,
): Identity | Response {
  if (!session) return unauthorized('A customer session is required');
  const claim = session.giosg;
  if (!claim?.orgId || claim.orgId !== params.org || !claim.chatIds?.includes(params.chat))
    return forbidden(state, 'Not this session’s chat');
  return {};
}

export function giosgRoutes(context: VendorContext): VendorRoute[] {
  const { settings, stores, flights, upstream, now, nextSequence, ownLimit } = context;
  const chatCarts = stores.cache<{ ids: string; readAt: number }>('giosg-chat-carts', {
    maxEntries: 10_000,
    maxBytes: 4 * 1024 * 1024,
  });
  const chatFlights = stores.inFlight<string | UpstreamResult>('giosg-chat-carts');

  const headers = () => ({ accept: 'application/json', authorization: `Token ${settings.giosg!.apiToken}` });

  /** A giosg list page's cart ids as `\nid\nid\n`, and its `next` link (null: the last page). */
  function cartIdList(body: string): { ids: string; next: string | null; complete: boolean } | null {
    let page: ReturnType<typeof readListPage>;
    try {
      page = readListPage(JSON.parse(body || 'null'));
    } catch {
      return null;
    }
    if (!page) return null;
    let ids = '\n';
    for (const record of page.results) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id === 'string' || typeof id === 'number') ids += `${String(id)}\n`;
    }
    let next: string | null = null;
    if (typeof page.next === 'string') {
      try {
        next = new URL(page.next, settings.giosg!.baseUrl).href;
      } catch {
        next = null;
      }
    }
    return { ids, next, complete: next === null };
  }

  /**
   * Whether `cart` is one of the carts listed at `listPath` (an organization chat's list, every
   * page), from a short-lived memory of the list or by reading it within `left()` milliseconds.
   * A failed read is passed on. `route` (the lines route) filters the `next` links' queries as it
   * filters the page's.
   */
  async function chatHasCart(
    route: Pick<VendorRoute, 'query'>,
    listPath: string,
    cart: string,
    left: () => number,
  ): Promise<boolean | UpstreamResult> {
    const entry = `\n${cart}\n`;
    const known = await chatCarts.get(listPath);
    if (known?.ids.includes(entry)) return true;
    // A list read moments ago answers for every id: a read per unknown id would let made-up ids
    // cost a whole list read each.
    if (known && now() - known.readAt < CHAT_CARTS_REREAD_MS) return false;
    const { value } = await chatFlights.run(
      listPath,
      async (callerLeft) => {
        const { baseUrl } = settings.giosg!;
        const readAt = now();
        let ids = '\n';
        let query = '';
        for (let page = 0; page < GIOSG_PAGE_LIMIT; page++) {
          if (callerLeft() <= 0) return timedOut();
          const result = await upstream(
            { url: `${baseUrl}${listPath}${query ? `?${query}` : ''}`, method: 'GET', headers: headers() },
            undefined,
            callerLeft(),
          );
          if (!isSuccess(result)) return result;
          const list = cartIdList(result.body);
          if (!list) break;
          ids += list.ids.slice(1);
          if (list.complete) break;
          query = upstreamQuery(route, new URL(list.next!, baseUrl).search) ?? '';
          if (!query) break;
        }
        await chatCarts.set(listPath, { ids, readAt }, CHAT_CARTS_TTL_MS, nextSequence(), ids.length);
        return ids;
      },
      { left, expired: timedOut },
    );
    return typeof value === 'string' ? value.includes(entry) : value;
  }

  async function read(
    path: string,
    query: string,
    state: RequestState,
    left = ownLimit().left,
    onResult?: (result: UpstreamResult) => Promise<void>,
  ): Promise<Response> {
    const url = `${settings.giosg!.baseUrl}${path}${query ? `?${query}` : ''}`;
    // Only collapsing: the path carries the (checked) visitor or chat, so sharing is safe.
    const { value, shared } = await flights.run(
      `giosg\n${url}`,
      async (callerLeft) =>
        refusedCredentials(await upstream({ url, method: 'GET', headers: headers() }, undefined, callerLeft())),
      { left, expired: timedOut },
    );
    await onResult?.(value);
    return answer(value, state, CUSTOMER_CACHE, shared ? 'collapsed' : undefined);
  }

  const visitorRead = ({ path, query, state }: RouteCall) => read(path, query, state);

  /**
   * giosg checks a visitor's cart against the visitor, but an organization's only against the
   * organization: a cart id must be one of this chat's carts, or another chat's cart could be
   * read through a session for this one.
   */
  async function chatRead({ route, path, query, params, state }: RouteCall): Promise<Response> {
    if (params.cart) {
      // One time limit for the request: the cart check (every page of the list) and the lines share it.
      const left = timeLeft(settings.upstreamTimeoutMs);
      const listed = await chatHasCart(route, path.replace(/\/[^/]+\/products$/, ''), params.cart, left);
      if (listed !== true) return listed === false ? problem(404, 'Not found') : answer(listed, state, CUSTOMER_CACHE);
      if (left() <= 0) return answer(timedOut(), state, CUSTOMER_CACHE);
      return read(path, query, state, left);
    }
    // The chat's list on its way to the page: when it is the whole list (one page), the cart
    // check that follows for its lines needs no read of its own.
    return read(path, query, state, ownLimit().left, async (result) => {
      if (query || !isSuccess(result)) return;
      const list = cartIdList(result.body);
      if (list && list.complete)
        await chatCarts.set(path, { ids: list.ids, readAt: now() }, CHAT_CARTS_TTL_MS, nextSequence(), list.ids.length);
    });
  }

  const route = (call: VendorCall, identify: VendorRoute['identify'], handle: VendorRoute['handle']): VendorRoute => ({
    source: 'giosg',
    ...call,
    segments: { chatType: CHAT_TYPE },
    query: listQuery,
    identify,
    handle,
  });
  const calls = GIOSG_CALLS;
  return [
    route(calls.visitorCarts, visitor, visitorRead),
    route(calls.visitorCartProducts, visitor, visitorRead),
    route(calls.roomCarts, visitor, visitorRead),
    route(calls.orgCarts, chat, chatRead),
    route(calls.orgCartProducts, chat, chatRead),
  ];
}
