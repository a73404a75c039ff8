/**
 * The suites that check what the proxy answers, again, with every request arriving over HTTP at
 * the proxy as the CLI serves it on Node (`PROXY_TRANSPORT=node`, see `helpers.ts`): cache hits
 * then take the node fast path, everything else the adapter and the fetch handler. Every check
 * those suites make (origins, sessions, rate limits, headers, log lines) must hold both ways.
 * (The metrics suite stays in-process: it counts requests it makes concurrently, which loopback
 * HTTP serializes; `node-fast-path.test.ts` checks that fast answers are counted.)
 */
import { afterAll } from 'vitest';

process.env.PROXY_TRANSPORT = 'node';
afterAll(() => {
  delete process.env.PROXY_TRANSPORT;
});

await import('./cache.test.ts');
await import('./compression.test.ts');
await import('./cors-headers.test.ts');
await import('./rate-limit.test.ts');
await import('./routes.test.ts');
await import('./secrets.test.ts');
await import('./session.test.ts');
await import('./upstream.test.ts');
await import('./algonomy-token.test.ts');
await import('./review-findings.test.ts');
