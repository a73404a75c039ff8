/**
 * CS Omni through the proxy: the frequently-purchased list (cached per customer, a forced
 * refresh at most every 30 s), products (catalogue data, one entry for everyone), and add to
 * cart, where a cart token must be the customer's own.
 */
import {
  CSOMNI_CALLS,
  CSOMNI_CART_PATH,
  CSOMNI_CUSTOMER_TOKEN_HEADER,
  CSOMNI_MAX_CART_QUANTITY,
  CSOMNI_PRODUCT_QUERY,
  CSOMNI_SITE_TOKEN_HEADER,
} from '../../../src/sources/csomni.contract.ts';
import { timeLeft } from '../deadline.ts';
import { SEGMENT } from '../session.ts';
import { CUSTOMER_CACHE, answer, forbidden, problem, unauthorized } from '../respond.ts';
import { isPromise } from '../stores.ts';
import { isSuccess, problemResult, timedOut, type UpstreamRequest, type UpstreamResult } from '../upstream.ts';
import type { VendorCall } from '../../../src/sources/vendor-contract.ts';
import type { CachedAnswer, Identity, RouteCall, VendorContext, VendorRoute } from '../vendor-route.ts';
import type { SessionClaims } from '../session.ts';
import type { RequestState } from '../request-state.ts';

/** How long a forced CS Omni refresh stands for the same customer: more is a vendor stampede. */
const REFRESH_INTERVAL_MS = 30 * 1000;
/** How long a customer's CS Omni cart token is remembered for the ownership check. */
const CART_OWNER_TTL_MS = 10 * 60 * 1000;

/** CS Omni cart answers echo the site token (and the customer token): the page gets neither. */
function withoutCredentials(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const { siteToken: _site, customerToken: _customer, token: _token, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** A guest's identity: none. */
const NO_CUSTOMER: Identity = Object.freeze({});
/** Identities by verified session (the verifier hands out one claims object per token). */
const customerIdentities = new WeakMap<SessionClaims, Identity>();

/** The customer's token goes upstream when the session names one; anyone may call. */
function optionalCustomer(session: SessionClaims | undefined): Identity {
  const customerToken = session?.csomni?.customerToken;
  if (!customerToken) return NO_CUSTOMER;
  let identity = customerIdentities.get(session);
  if (identity === undefined)
    customerIdentities.set(session, (identity = Object.freeze({ [CSOMNI_CUSTOMER_TOKEN_HEADER]: customerToken })));
  return identity;
}

/** Cart calls need a session with a CS Omni customer. */
function requiredCustomer(
  session: SessionClaims | undefined,
  _params: Record<string, string>,
  state: RequestState,
): Identity | Response {
  if (!session) return unauthorized('A customer session is required');
  const customerToken = session.csomni?.customerToken;
  if (!customerToken) return forbidden(state, 'The session has no CS Omni customer');
  return { [CSOMNI_CUSTOMER_TOKEN_HEADER]: customerToken };
}

function cartProduct(input: Record<string, unknown>): string | Response {
  const prodToken = input.prodToken;
  if (typeof prodToken !== 'string' || !SEGMENT.test(prodToken))
    return problem(400, 'prodToken is missing or not a product token');
  const quantity = input.cartProdQuantity === undefined ? 1 : Number(input.cartProdQuantity);
  if (
    !Number.isInteger(quantity) ||
    quantity < 1 ||
    quantity > CSOMNI_MAX_CART_QUANTITY ||
    (typeof input.cartProdQuantity === 'string' && !/^\d+$/.test(input.cartProdQuantity))
  ) {
    return problem(400, `cartProdQuantity must be a whole number from 1 to ${CSOMNI_MAX_CART_QUANTITY}`);
  }
  return JSON.stringify({ prodToken, cartProdQuantity: quantity });
}

export function csomniRoutes(context: VendorContext): VendorRoute[] {
  const { settings, stores, cache, flights, upstream, nextSequence, ownLimit } = context;
  const cartOwners = stores.cache<string>('csomni-cart-owners', { maxEntries: 10_000, maxBytes: 4 * 1024 * 1024 });
  const cartFlights = stores.inFlight<string | UpstreamResult>('csomni-cart-owners');
  const refreshed = stores.cache<true>('csomni-refreshed', { maxEntries: 10_000, maxBytes: 1024 * 1024 });

  function request(
    method: 'GET' | 'POST',
    path: string,
    query: string,
    identity: Identity,
    body?: string,
  ): UpstreamRequest {
    const headers: Record<string, string> = {
      accept: 'application/json',
      [CSOMNI_SITE_TOKEN_HEADER]: settings.csomni!.siteToken,
      ...identity,
    };
    if (body) headers['content-type'] = 'application/json';
    return {
      url: `${settings.csomni!.baseUrl}${path}${query ? `?${query}` : ''}`,
      method,
      headers,
      body: body || undefined,
    };
  }

  /** The list's cache key, worked out once per identity object. */
  const listKeys = new WeakMap<Identity, string>();
  const listKey = (identity: Identity): string => {
    let key = listKeys.get(identity);
    if (key === undefined) listKeys.set(identity, (key = `csomni\nlist\n${identity.customerToken ?? ''}`));
    return key;
  };

  /**
   * `key`'s cached answer as the response, synchronously when the store answers at once (memory),
   * or `miss()` when there is none.
   */
  function cachedOr(
    key: string,
    state: RequestState,
    cacheControl: string,
    miss: () => Promise<Response>,
  ): Response | Promise<Response> {
    const cached = cache.get(key);
    const hitOr = (hit: UpstreamResult | undefined) => (hit ? answer(hit, state, cacheControl, 'hit') : miss());
    return isPromise(cached) ? cached.then(hitOr) : hitOr(cached);
  }

  function list({ path, identity, state }: RouteCall): Response | Promise<Response> {
    const key = listKey(identity);
    return cachedOr(key, state, CUSTOMER_CACHE, async () => {
      const { value, shared } = await flights.run(
        key,
        async (left) => {
          const started = nextSequence();
          const result = await upstream(request('GET', path, '', identity), undefined, left());
          if (result.status === 200)
            await cache.set(key, result, settings.csomniListTtlMs, started, result.body.length);
          return result;
        },
        ownLimit(),
      );
      return answer(value, state, CUSTOMER_CACHE, shared ? 'collapsed' : 'miss');
    });
  }

  /** The list's cache hit, when the store answers at once (memory): what `list` answers then. */
  function cachedList(identity: Identity): CachedAnswer | undefined {
    const hit = cache.get(listKey(identity));
    if (isPromise(hit)) return void hit.catch(() => undefined);
    return hit ? { result: hit, cacheControl: CUSTOMER_CACHE } : undefined;
  }

  /**
   * Asks the vendor (concurrent refreshes share one call) unless this customer's list was
   * refreshed moments ago: anyone may call this route, and each call is a vendor pull. The
   * answer replaces the cached plain list; a plain fetch that started earlier cannot overwrite it.
   */
  async function refresh({ path, identity, state }: RouteCall): Promise<Response> {
    const customer = identity.customerToken ?? '';
    const key = listKey(identity);
    const limit = ownLimit();
    const cached = (await refreshed.get(customer)) ? await cache.get(key) : undefined;
    if (cached) return answer(cached, state, CUSTOMER_CACHE, 'hit');
    const { value, shared } = await flights.run(
      `csomni\nrefresh\n${customer}`,
      async (left) => {
        const started = nextSequence();
        const result = await upstream(request('GET', path, '', identity), undefined, left());
        if (result.status === 200) {
          await cache.set(key, result, settings.csomniListTtlMs, started, result.body.length);
          await refreshed.set(customer, true, REFRESH_INTERVAL_MS, started, customer.length + 1);
        }
        return result;
      },
      limit,
    );
    return answer(value, state, CUSTOMER_CACHE, shared ? 'collapsed' : 'refresh');
  }

  /** Catalogue data: no customer identity goes upstream, so one entry serves everyone. */
  function product({ path, query, state }: RouteCall): Response | Promise<Response> {
    const key = `csomni\nproduct\n${path}?${query}`;
    const cacheControl = `private, max-age=${Math.floor(settings.productTtlMs / 1000)}`;
    return cachedOr(key, state, cacheControl, async () => {
      const { value, shared } = await flights.run(
        key,
        async (left) => {
          const started = nextSequence();
          const result = await upstream(request('GET', path, query, {}), undefined, left());
          if (result.status === 200) await cache.set(key, result, settings.productTtlMs, started, result.body.length);
          return result;
        },
        ownLimit(),
      );
      return answer(value, state, value.status === 200 ? cacheControl : 'no-store', shared ? 'collapsed' : 'miss');
    });
  }

  /** Records the cart token a customer's own cart call returned. */
  async function rememberCart(customerToken: string, result: UpstreamResult): Promise<string | undefined> {
    if (!isSuccess(result)) return undefined;
    let cartToken: unknown;
    try {
      cartToken = (JSON.parse(result.body) as { cartToken?: unknown })?.cartToken;
    } catch {
      return undefined; // Not an object: nothing to remember.
    }
    if (typeof cartToken !== 'string' || !SEGMENT.test(cartToken)) return undefined;
    await cartOwners.set(customerToken, cartToken, CART_OWNER_TTL_MS, nextSequence(), cartToken.length);
    return cartToken;
  }

  /**
   * Whether `cartToken` is this customer's cart, asking CS Omni (`POST /cart` returns the
   * customer's cart) when the remembered token differs, within `left()` milliseconds. A failed
   * look-up is passed on.
   */
  async function ownsCart(
    customerToken: string,
    cartToken: string,
    left: () => number,
  ): Promise<boolean | UpstreamResult> {
    if ((await cartOwners.get(customerToken)) === cartToken) return true;
    const { value } = await cartFlights.run(
      customerToken,
      async (callerLeft) => {
        const result = await upstream(
          request('POST', CSOMNI_CART_PATH, '', { [CSOMNI_CUSTOMER_TOKEN_HEADER]: customerToken }),
          withoutCredentials,
          callerLeft(),
        );
        // A success without a cart is the vendor's fault, never an answer to the add-to-cart call.
        return (
          (await rememberCart(customerToken, result)) ??
          (isSuccess(result) ? problemResult(502, 'The vendor sent no cart', 'no-cart') : result)
        );
      },
      { left, expired: timedOut },
    );
    return typeof value === 'string' ? value === cartToken : value;
  }

  async function cart({ path, identity, state }: RouteCall): Promise<Response> {
    const result = await upstream(request('POST', path, '', identity), withoutCredentials);
    await rememberCart(identity.customerToken, result);
    return answer(result, state, CUSTOMER_CACHE);
  }

  async function cartProducts({ path, params, identity, body, state }: RouteCall): Promise<Response> {
    const customer = identity.customerToken;
    const cartToken = params.cartToken;
    // One time limit for the request: the cart look-up and the add share it.
    const left = timeLeft(settings.upstreamTimeoutMs);
    if (cartToken) {
      const owned = await ownsCart(customer, cartToken, left);
      if (owned !== true) {
        if (owned === false) return forbidden(state, 'Not this customer’s cart');
        return answer(owned, state, CUSTOMER_CACHE);
      }
    }
    if (left() <= 0) return answer(timedOut(), state, CUSTOMER_CACHE);
    const result = await upstream(request('POST', path, '', identity, body), withoutCredentials, left());
    if (!cartToken) await rememberCart(customer, result);
    return answer(result, state, CUSTOMER_CACHE);
  }

  const route = (call: VendorCall, fields: Omit<VendorRoute, 'source' | 'method' | 'path'>): VendorRoute => ({
    source: 'csomni',
    ...call,
    ...fields,
  });
  const calls = CSOMNI_CALLS;
  return [
    route(calls.list, { query: 'none', identify: optionalCustomer, handle: list, cached: cachedList }),
    route(calls.refresh, { query: 'none', identify: optionalCustomer, handle: refresh }),
    route(calls.product, { query: CSOMNI_PRODUCT_QUERY, identify: () => ({}), handle: product }),
    route(calls.cart, { query: 'none', identify: requiredCustomer, body: () => '', handle: cart }),
    route(calls.anyCartProducts, {
      query: 'none',
      identify: requiredCustomer,
      body: cartProduct,
      handle: cartProducts,
    }),
    route(calls.cartProducts, { query: 'none', identify: requiredCustomer, body: cartProduct, handle: cartProducts }),
  ];
}
