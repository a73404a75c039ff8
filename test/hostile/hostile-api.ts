import { mockApi } from '../support/mocks/mock-api.ts';
import { VENDOR_SCENARIOS, type VendorScenario } from './hostile-data.ts';
import { algonomy } from './hostile-algonomy.ts';
import { csomni } from './hostile-csomni.ts';
import { giosg } from './hostile-giosg.ts';
import { json } from '../support/fake-fetch.ts';
import { safeDecode } from '../support/vendors/calls.ts';

/**
 * A test-only hostile world for the widgets, as a web-standard `Request -> Response` handler that
 * `hostile-plugin.ts` mounts on the test browser's Vite server under `/hostile/`.
 *
 *   /hostile/<gate>/<scenario>/<source>/<vendor path>
 *
 * - `<gate>`: any id a test makes up. While the gate is closed, requests get the scenario; after
 *   `POST /hostile/_heal/<gate>` they get the healthy mock (`/mock/<source>/…`), so a test can
 *   switch a fault off without touching the element and see Retry recover.
 *   `GET /hostile/_log/<gate>` lists the requests the gate saw (`{ path, method, at, healed }`).
 * - `<scenario>`: a vendor-shaped payload (`many`, `many-named`, `lookup-404`, `nested`,
 *   `wrong-types`, `wrong-envelope`, `unicode`) of `hostile-csomni.ts`, `hostile-algonomy.ts` or
 *   `hostile-giosg.ts`; `none` (the healthy mock); `timeout` (silent for 3 s); or any generic
 *   fault of `test/support/mocks/faults.ts` (`http-500`, `reset`, …), answered by the demo's
 *   mock API.
 * - `<source>`: `csomni`, `algonomy` or `giosg`; the vendor path is the vendor's own.
 */

const healed = new Set<string>();
const log = new Map<string, { path: string; method: string; at: number; healed: boolean }[]>();

export async function hostileApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const segments = url.pathname.split('/').filter(Boolean);
  segments.shift(); // "hostile"
  const [gate = '', scenario = 'none', source = '', ...rest] = segments.map(safeDecode);

  if (gate === '_heal') {
    healed.add(scenario);
    return json({ healed: scenario });
  }
  if (gate === '_log') return json(log.get(scenario) ?? []);

  const vendorPath = `/${rest.map(encodeURIComponent).join('/')}`;
  const isHealed = healed.has(gate);
  const entries = log.get(gate) ?? [];
  entries.push({ path: vendorPath, method: request.method, at: Date.now(), healed: isHealed });
  log.set(gate, entries);

  if (isHealed || scenario === 'none') return forward(request, `/mock/${source}${vendorPath}${url.search}`);
  if (scenario === 'timeout') {
    // The demo's `timeout` keeps a request open for 15 s, which also keeps the test server from
    // closing when the run ends; 3 s is as silent for a widget configured with a 300 ms timeout.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return json('[]');
  }
  if (!(VENDOR_SCENARIOS as readonly string[]).includes(scenario)) {
    return forward(request, `/mock/faults/${encodeURIComponent(scenario)}/${source}${vendorPath}${url.search}`);
  }
  const vendor = { csomni, algonomy, giosg }[source];
  if (!vendor) return json({ message: `No hostile mock for "${source}"` }, 404);
  return vendor(scenario as VendorScenario, url, request);
}

/** Hands a request to the demo's mock vendor APIs under another path. */
async function forward(request: Request, path: string): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  return mockApi(new Request(new URL(path, request.url), { method: request.method, headers: request.headers, body }));
}
