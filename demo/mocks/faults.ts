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
    default:
      return undefined;
  }
}
