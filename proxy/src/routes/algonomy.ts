/**
 * Algonomy RCDP through the proxy: a customer's purchased products, for the identifiers in the
 * session only, with the access token the proxy holds (renewed once when the vendor refuses it).
 */
import {
  ALGONOMY_ACCESS_TOKEN_HEADER,
  ALGONOMY_IDENTIFIERS,
  ALGONOMY_LAST_KEY_FIELDS,
  ALGONOMY_MAX_PAGE,
  ALGONOMY_MAX_PAGE_SIZE,
  ALGONOMY_CALLS,
  ALGONOMY_TENANT_HASH_HEADER,
  type AlgonomyIdentifier,
} from '../../../src/sources/algonomy.contract.ts';
import type { AlgonomyTokenHolder } from '../algonomy-token.ts';
import { beforeDeadline } from '../deadline.ts';
import { CUSTOMER_CACHE, answer, forbidden, problem, unauthorized } from '../respond.ts';
import type { RequestState } from '../request-state.ts';
import type { SessionClaims } from '../session.ts';
import { problemResult, refusedCredentials, timedOut, type UpstreamRequest } from '../upstream.ts';
import type { Identity, RouteCall, VendorContext, VendorRoute } from '../vendor-route.ts';

/** The session's Algonomy identifiers, as the vendor's header names. */
function customer(
  session: SessionClaims | undefined,
  _params: Record<string, string>,
  state: RequestState,
): Identity | Response {
  if (!session) return unauthorized('A customer session is required');
  const claim = session.algonomy ?? {};
  const identity: Identity = {};
  for (const [name, header] of Object.entries(ALGONOMY_IDENTIFIERS) as [AlgonomyIdentifier, string][]) {
    const value = claim[name];
    if (value) identity[header] = value;
  }
  if (Object.keys(identity).length === 0) return forbidden(state, 'The session has no Algonomy customer');
  return identity;
}

/** The paging fields, and nothing else, from the widget's body. */
function pageRequest(input: Record<string, unknown>): string | Response {
  const out: Record<string, unknown> = {};
  for (const [name, max] of [
    ['page', ALGONOMY_MAX_PAGE],
    ['pageSize', ALGONOMY_MAX_PAGE_SIZE],
  ] as const) {
    const value = input[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
      return problem(400, `${name} must be a whole number from 1 to ${max}`);
    out[name] = value;
  }
  const lastKey = input.lastKey;
  if (lastKey !== undefined && lastKey !== null) {
    if (typeof lastKey !== 'object' || Array.isArray(lastKey)) return problem(400, 'lastKey must be an object');
    const entries = Object.entries(lastKey as Record<string, unknown>);
    // Only the documented fields: anything else could be a filter the vendor honours.
    const valid = entries.every(
      ([name, value]) =>
        (ALGONOMY_LAST_KEY_FIELDS as readonly string[]).includes(name) &&
        (value === null ||
          (typeof value === 'number' && Number.isFinite(value)) ||
          (typeof value === 'string' && value.length <= 256)),
    );
    if (!valid) return problem(400, 'lastKey is not a page key');
    out.lastKey = Object.fromEntries(entries);
  }
  return JSON.stringify(out);
}

export function algonomyRoutes(context: VendorContext, tokens: AlgonomyTokenHolder | undefined): VendorRoute[] {
  const { settings, flights, upstream, ownLimit } = context;

  async function purchased({ path, identity, body, state }: RouteCall): Promise<Response> {
    const { tenantHash, baseUrl } = settings.algonomy!;
    const request = (token: string): UpstreamRequest => ({
      url: `${baseUrl}${path}`,
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        [ALGONOMY_ACCESS_TOKEN_HEADER]: token,
        [ALGONOMY_TENANT_HASH_HEADER]: tenantHash,
        ...identity,
      },
      body,
    });
    const key = `algonomy\n${JSON.stringify(identity)}\n${body}`;
    // One deadline for the whole call: token, request, renewal and second request share it.
    const { value, shared } = await flights.run(
      key,
      async (left) => {
        let token: string | undefined;
        try {
          token = await beforeDeadline(tokens!.get(), left());
        } catch {
          return problemResult(502, 'The vendor credentials are not available', 'token');
        }
        if (token === undefined) return timedOut();
        const result = await upstream(request(token), undefined, left());
        if (result.upstreamStatus !== 401 || !tokens!.canRenew) return refusedCredentials(result);
        let fresh: string | undefined;
        try {
          fresh = await beforeDeadline(tokens!.renew(token), left());
        } catch {
          return problemResult(502, 'The vendor credentials are not available', 'token');
        }
        if (fresh === undefined || left() <= 0) return timedOut();
        return refusedCredentials(fresh === token ? result : await upstream(request(fresh), undefined, left()));
      },
      ownLimit(),
    );
    return answer(value, state, CUSTOMER_CACHE, shared ? 'collapsed' : undefined);
  }

  return [
    {
      source: 'algonomy',
      ...ALGONOMY_CALLS.productPurchased,
      query: 'none',
      identify: customer,
      body: pageRequest,
      handle: purchased,
    },
  ];
}
