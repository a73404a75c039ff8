import type { VendorCall } from '../../../src/sources/vendor-contract.ts';
import type { RecordedRequest } from '../fake-fetch.ts';

/**
 * What the fake vendor APIs share: which of a vendor's calls a request is, read from the same
 * table of calls (`src/sources/<vendor>.contract.ts`) the widgets' sources and the proxy read.
 */

/** A route's answer in place of the fake's own; `undefined` lets the fake answer as usual. */
export type RouteOverride = (request: RecordedRequest) => Response | Promise<Response> | undefined;

export interface CallMatch<Name extends string> {
  name: Name;
  /** The call's `:name` segments, decoded. */
  params: Record<string, string>;
  /** The call's own path as requested, from its first segment (without the base before it). */
  path: string;
}

const patterns = new Map<string, RegExp>();

function pattern(template: string): RegExp {
  let found = patterns.get(template);
  if (!found) {
    const segments = template
      .split('/')
      .map((segment) =>
        segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      );
    found = new RegExp(`(?<call>${segments.join('/')})/?$`);
    patterns.set(template, found);
  }
  return found;
}

/** A path segment decoded, or as it is where it is not valid percent-encoding. */
export const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The call of `calls` whose path ends the request's path, after whatever base comes before it (the
 * vendor's, a proxy's, `/mock/<vendor>`); a trailing slash is allowed. Any method: the vendor says
 * what a wrong one gets.
 */
export function whichCall<Name extends string>(
  calls: Record<Name, VendorCall>,
  request: Pick<RecordedRequest, 'url'>,
): CallMatch<Name> | undefined {
  for (const [name, call] of Object.entries(calls) as [Name, VendorCall][]) {
    const match = pattern(call.path).exec(request.url.pathname);
    if (!match) continue;
    const { call: path, ...segments } = match.groups!;
    const params = Object.fromEntries(Object.entries(segments).map(([key, value]) => [key, safeDecode(value)]));
    return { name, params, path };
  }
  return undefined;
}

/** Waits `ms` milliseconds; not at all for 0, so a fake with no latency also answers under fake timers. */
export const latency = (ms = 0) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);
