import type { IncomingMessage, ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Promise<Response> | Response;

/**
 * Serves a web-standard fetch handler from a Node/Connect middleware stack for every request
 * under `prefix`; other requests go on to `next`. The handler sees the full URL.
 */
export function nodeToWebHandler(handler: FetchHandler, prefix: string) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = req.url ?? '/';
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return next();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(', '));
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
    const request = new Request(new URL(path, `http://${req.headers.host ?? 'localhost'}`), {
      method: req.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    let response: Response;
    try {
      response = await handler(request);
    } catch (error) {
      response = new Response(String(error), { status: 500 });
    }
    if (response.status === 0 || response.headers.get('x-mock-reset') === '1') {
      // A "reset connection": drop the socket without an answer.
      req.socket.destroy();
      return;
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
    res.end(body);
  };
}
