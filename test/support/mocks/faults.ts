/**
 * Fault injection shared by every mock vendor API. A widget opts in through its base URL:
 * `/mock/faults/<fault>/<source>/...` answers with that fault, `/mock/<source>/...` normally.
 * Faults that depend on the vendor's data shape (`empty`) are left to the vendor's mock.
 * Keys are not numbers so that object order (the order of the demo's menu) is kept.
 */
export const FAULTS = {
  none: 'Normal',
  slow: 'Slow (2 s)',
  empty: 'Empty result',
  'http-500': 'Server error (500)',
  'http-429': 'Rate limited (429, Retry-After)',
  'http-401': 'Expired credentials (401)',
  timeout: 'Timeout (no answer for 15 s)',
  'broken-json': 'Broken JSON',
  reset: 'Connection reset',
  'html-200': 'HTML page instead of JSON (200)',
} as const;

export type Fault = keyof typeof FAULTS | (string & {});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers a generic fault, or returns undefined when the vendor mock should answer. */
export async function answerFault(fault: Fault): Promise<Response | undefined> {
  switch (fault) {
    case 'slow':
      await sleep(2000);
      return undefined;
    case 'timeout':
      await sleep(15_000);
      return new Response('[]', { headers: { 'content-type': 'application/json' } });
    case 'http-500':
    case 'http-502':
    case 'http-503':
      return new Response(`<html><body><h1>${fault.slice(5)} Server Error</h1></body></html>`, {
        status: Number(fault.slice(5)),
        headers: { 'content-type': 'text/html' },
      });
    case 'http-429':
      return new Response('{"message":"Too Many Requests"}', {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
      });
    case 'http-401':
      return new Response('{"detail":"Invalid or expired token."}', {
        status: 401,
        headers: { 'content-type': 'application/json' },
      });
    case 'broken-json':
      return new Response('[{"variantToken": "vrnt_8Jd2", "quantity": 5,123456 "price": ', {
        headers: { 'content-type': 'application/json' },
      });
    case 'http-429-no-retry-after':
      return new Response('{"message":"Too Many Requests"}', {
        status: 429,
        headers: { 'content-type': 'application/json' },
      });
    case 'http-429-retry-after-long':
      // Longer than any widget should keep a shopper waiting: no retry at all.
      return new Response('{"message":"Slow down"}', {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '3600' },
      });
    case 'reset':
      // The node adapter destroys the socket for this header: no status, no body.
      return new Response(null, { headers: { 'x-mock-reset': '1' } });
    case 'html-200':
      // A captive portal, a CDN error page or a login wall answering 200.
      return new Response(
        '<!doctype html><html><head><title>Service unavailable</title></head>' +
          '<body><h1>Sorry!</h1><p>We will be back soon.</p></body></html>',
        { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } },
      );
    case 'truncated':
      // Valid JSON up to a point, cut off mid-record (content-length matches what is sent).
      return new Response('[{"variantToken":"vrnt_oatmilk1","quantity":145,"price":3.5,"productToken":"prod_oat', {
        headers: { 'content-type': 'application/json' },
      });
    case 'empty-body':
      return new Response(null, { status: 200, headers: { 'content-type': 'application/json' } });
    case 'huge-body':
      return new Response(hugeJson(), { headers: { 'content-type': 'application/json' } });
    default:
      return undefined;
  }
}

/** About 10 MB of valid JSON: a list of 10,000 records of junk, no vendor's shape. Made per request, not kept. */
function hugeJson(): string {
  const padding = 'x'.repeat(1000);
  return `[${Array.from({ length: 10_000 }, (_, i) => `{"junk":${i},"padding":"${padding}"}`).join(',')}]`;
}
