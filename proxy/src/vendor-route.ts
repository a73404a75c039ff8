/**
 * What a vendor route is (see `routes/` for each vendor's), and the pieces every route uses: its
 * log name, the upstream path and the filtered query string.
 */
import type { ResolvedConfig, SourceId } from './config.ts';
import type { RequestState } from './request-state.ts';
import type { SessionClaims } from './session.ts';
import type { FlightLimit, InFlight, ProxyStores, ResponseCache } from './stores.ts';
import type { UpstreamRequest, UpstreamResult } from './upstream.ts';

/** The identity a route sends upstream, as vendor header (or field) names and values. */
export type Identity = Record<string, string>;

/** A request on its way to a vendor route, once its access rule, body and query have passed. */
export interface RouteCall {
  route: VendorRoute;
  /** The path's parameters, each a safe segment. */
  params: Record<string, string>;
  /** The vendor path, parameters filled in. */
  path: string;
  /** The filtered query string to send upstream (without `?`), or ''. */
  query: string;
  /** What {@link VendorRoute.identify} returned. */
  identity: Identity;
  /** What {@link VendorRoute.body} returned (POST routes). */
  body: string | undefined;
  session: SessionClaims | undefined;
  state: RequestState;
}

/**
 * One allowlisted vendor path: its method, who may call it, which query parameters and body
 * fields pass, and how it is answered. Paths mirror the vendors' own, below `/{source}`, so a
 * widget only swaps its base URL for `{proxy-url}/{source}`. Everything else is 404 (405 for a
 * listed path with another method).
 */
export interface VendorRoute {
  source: SourceId;
  method: 'GET' | 'POST';
  /**
   * The vendor path, `:name` standing for one segment (a contract's path called with `:name`
   * placeholders); also the route below `/{source}`.
   */
  path: string;
  /** Patterns some `:name` segments must match (a Hono regex each), beyond the safe-segment check. */
  segments?: Readonly<Record<string, string>>;
  /**
   * Query parameters passed on: `none` (dropped), a list of names with plain values (others
   * dropped), or the route's own filter of the parameters, which returns the query to send, or
   * null to refuse the request (400).
   */
  query: 'none' | readonly string[] | ((params: URLSearchParams) => string | null);
  /** Who may call it and what identity goes upstream: a Response (401, 403) refuses the call. */
  identify(
    session: SessionClaims | undefined,
    params: Record<string, string>,
    state: RequestState,
  ): Identity | Response;
  /** POST routes: the body sent upstream, rebuilt from the fields the vendor call takes (a Response refuses). */
  body?(input: Record<string, unknown>): string | Response;
  /** Answers; synchronously where it can (a cached answer from a memory store). */
  handle(call: RouteCall): Response | Promise<Response>;
  /**
   * GET routes without parameters or query, cached in memory: the answer {@link handle} would
   * give for `identity` when it is a cache hit the store has at once, as `answer()`'s arguments;
   * undefined otherwise. The node fast path (`request-pipeline.ts`) writes it without building
   * a Request or a Response; anything else goes to `handle`.
   */
  cached?(identity: Identity): CachedAnswer | undefined;
}

/** A cache hit as `answer(result, state, cacheControl, 'hit')` takes it. */
export interface CachedAnswer {
  result: UpstreamResult;
  cacheControl: string;
}

/** What every vendor route shares: settings, the upstream call, the stores. */
export interface VendorContext {
  settings: ResolvedConfig;
  now: () => number;
  stores: ProxyStores;
  /** Upstream answers by key, shared by every route (keys start with the source). */
  cache: ResponseCache<UpstreamResult>;
  /** Identical upstream calls in flight, shared by every route. */
  flights: InFlight<UpstreamResult>;
  /** Calls a vendor (timeout, size cap, secrets withheld); `transform` rewrites a successful JSON answer. */
  upstream: (
    request: UpstreamRequest,
    transform?: (data: unknown) => unknown,
    timeoutMs?: number,
  ) => Promise<UpstreamResult>;
  /** Orders upstream calls by when they started, so a later one's answer always wins the cache. */
  nextSequence: () => number;
  /**
   * A request's own time limit (`UPSTREAM_TIMEOUT_MS`) from now, for a call it makes or joins
   * in {@link flights}: it never waits past it (then 504).
   */
  ownLimit: () => FlightLimit<UpstreamResult>;
}

/** The pattern as it appears in logs: `/giosg/api/v5/orgs/:org/:chatType/:chat/shopping_carts`. */
export function routeName(route: VendorRoute): string {
  return `/${route.source}${route.path}`;
}

/** The route's Hono pattern below `/{source}`: its path with the segment patterns added. */
export function routePattern(route: VendorRoute): string {
  return route.path.replace(/:(\w+)/g, (whole, name: string) =>
    route.segments?.[name] ? `${whole}{${route.segments[name]}}` : whole,
  );
}

/** The vendor path for a matched route: its parameters (already checked) filled in. */
export function upstreamPath(route: VendorRoute, params: Record<string, string>): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Every path the proxy could answer: segments of letters, digits, `_` and `-` only. */
export const SAFE_PATH = /^(?:\/[A-Za-z0-9_-]{1,128}){1,16}$/;

/** An opaque query value (a cursor) a filter may pass on: no control characters, at most 1 KiB. */
export const OPAQUE_QUERY_VALUE = /^[^\u0000-\u001f\u007f]{0,1024}$/;
const LISTED_VALUE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The query string to send upstream (without `?`), or null when the request's query is not
 * acceptable (bad names, control characters, too long).
 */
export function upstreamQuery(route: Pick<VendorRoute, 'query'>, search: string): string | null {
  if (route.query === 'none' || search.length <= 1) return '';
  if (search.length > 2048) return null;
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  let count = 0;
  for (const [name, value] of params) {
    if (++count > 20) return null;
    if (typeof route.query !== 'function' && route.query.includes(name)) {
      if (!LISTED_VALUE.test(value)) return null;
      out.append(name, value);
    }
  }
  return typeof route.query === 'function' ? route.query(params) : out.toString();
}
