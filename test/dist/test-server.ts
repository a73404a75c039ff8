import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { mockApi } from '../support/mocks/mock-api.ts';
import { nodeToWebHandler } from '../support/mocks/node-adapter.ts';

/**
 * A small HTTP server on 127.0.0.1 for tests that load the built files in a real browser:
 * fixed pages, files from disk, and the mock vendor APIs under `/mock/` (as the dev server
 * mounts them). Every answer carries `headers` (for example a Content-Security-Policy).
 */
export interface TestServerOptions {
  /** URL path -> page text (served as HTML unless the path has another extension). */
  pages?: Record<string, string>;
  /** URL path -> file on disk. */
  files?: Record<string, string>;
  /** Added to every answer, the mock APIs' included. */
  headers?: Record<string, string>;
}

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

const typeOf = (path: string) => TYPES[extname(path)] ?? TYPES['.html'];

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const mock = nodeToWebHandler(mockApi, '/mock');
  const headers = options.headers ?? {};
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const page = options.pages?.[path];
    if (page !== undefined) return send(res, 200, typeOf(path), page);
    const file = options.files?.[path];
    if (file !== undefined) return send(res, 200, typeOf(file), await readFile(file));
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    await mock(req, res, () => send(res, 404, 'text/plain; charset=utf-8', `Not found: ${path}`));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, 'text/plain; charset=utf-8', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
