/**
 * One server of the proxy bench, in its own process (`fork`ed by `proxy.bench.ts`), so the load
 * generator never shares its event loop or CPU account:
 * - `proxy`: the proxy as the CLI serves it in production: sessions verified on every request,
 *   JSON log lines on stdout, the rate limiter on (with a limit the bench cannot reach), the
 *   origin allowlist, the upstream a fake vendor in this process;
 * - `plain`: a plain Node `http` server sending the same bytes: with an encoding, the answer
 *   compressed once at start, as the proxy compresses a cached answer once.
 * Arguments: the kind, the list's rows, and the plain server's encoding (`br`, `gzip` or none).
 * It says `{ port }` when listening and answers `cpu` with `process.cpuUsage()`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { answerClientError } from '../src/client-error.ts';
import { createFetchHandler } from '../src/create-proxy.ts';
import { nodeServer } from '../src/node-server.ts';
import { jsonLineSink } from '../src/log.ts';
import { zlibEncoder } from '../src/zlib-encoder.ts';
import { BENCH_ORIGIN, BENCH_SECRET, SITE_TOKEN, listBody } from './fixture.ts';

async function start(kind: string, rows: number, encoding: string): Promise<Server> {
  const body = listBody(rows);
  if (kind === 'plain') {
    const bytes =
      encoding === 'br' || encoding === 'gzip' ? await zlibEncoder.encode(body, encoding) : Buffer.from(body);
    const encoded: Record<string, string> = encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {};
    return createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': bytes.length,
        'cache-control': 'private, no-store',
        ...encoded,
      });
      response.end(bytes);
    }).listen(0, '127.0.0.1');
  }
  // What the CLI serves (`cli.ts`): the handler that answers a cached request synchronously,
  // behind its node fast path.
  const proxy = createFetchHandler({
    sessionSecret: BENCH_SECRET,
    allowedOrigins: [BENCH_ORIGIN],
    csomniSiteToken: SITE_TOKEN,
    csomniBaseUrl: 'http://upstream.localhost',
    fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
    // On, with a limit no bench reaches: every request is counted.
    rateLimitMax: 1_000_000_000,
    logger: jsonLineSink,
  });
  const server = serve({
    fetch: proxy,
    port: 0,
    hostname: '127.0.0.1',
    createServer: nodeServer(proxy) as typeof createServer,
  }) as Server;
  server.on('clientError', answerClientError);
  return server;
}

const server = await start(process.argv[2] ?? 'proxy', Number(process.argv[3]) || 16, process.argv[4] ?? '');
server.on('listening', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
  if (message === 'stop') server.close(() => process.exit(0));
});
