import { json, recordingFetch, recordRequest, type RecordedRequest } from '../fake-fetch.ts';
import { answerFault } from './faults.ts';
import { csomniMock } from './csomni.ts';
import { algonomyMock } from './algonomy.ts';
import { giosgMock } from './giosg.ts';

/** A vendor's mock: its fake API with the demo's data, answering a request under `fault`. */
export type VendorMock = (request: RecordedRequest, fault: string) => Promise<Response>;

const vendors: Record<string, VendorMock> = {
  csomni: csomniMock,
  algonomy: algonomyMock,
  giosg: giosgMock,
};

/**
 * The mock vendor APIs behind `/mock/`, as one web-standard fetch handler so the dev server, the
 * static demo, the bench and the tests can all mount it: each vendor's fake API with the demo's
 * data. Paths: `/mock/<source>/<vendor path>` and `/mock/faults/<fault>/<source>/<vendor path>`.
 */
export async function mockApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const segments = url.pathname.split('/').filter(Boolean);
  segments.shift(); // "mock"
  let fault = 'none';
  if (segments[0] === 'faults') {
    segments.shift();
    fault = decodeURIComponent(segments.shift() ?? 'none');
  }
  const source = segments.shift() ?? '';
  if (source === 'assets') return serveAsset(segments.join('/'));
  const vendor = vendors[source];
  if (!vendor) return json({ message: `No mock for "${source}"` }, 404);
  const faulted = await answerFault(fault);
  if (faulted) return faulted;
  return vendor(await recordRequest(request), fault);
}

/** A recording `fetch` answered by the mock APIs, for a source under test in Node. */
export const mockApiFetch = () => recordingFetch((call) => mockApi(call.request));

const palette = ['#e8d5c4', '#c9dbc5', '#c5d3e0', '#e6d3e3', '#f0e2b6', '#d7d1ea', '#cfe3e1'];

/**
 * Product images for the mock catalogue, drawn as SVG so the demo needs no binary files.
 * The file name picks the colour and the label.
 */
function serveAsset(file: string): Response {
  const name = decodeURIComponent(file.split('/').pop() ?? 'item').replace(/\.[a-z]+$/i, '');
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const color = palette[hash % palette.length];
  const label = name
    .replace(/^[\d_-]+/, '')
    .replace(/[_-]+/g, ' ')
    .slice(0, 18);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400">
<rect width="400" height="400" fill="${color}"/>
<circle cx="200" cy="170" r="90" fill="#fff" fill-opacity=".55"/>
<text x="200" y="330" font-family="system-ui,sans-serif" font-size="28" text-anchor="middle"
  fill="#333">${escapeXml(label)}</text>
</svg>`;
  return new Response(svg, {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
  });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
