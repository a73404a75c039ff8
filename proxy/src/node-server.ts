/**
 * The proxy on Node's `http` server: the handler's fast path (`NodeFastPath`, cache hits answered
 * from Node's own request and response) first, @hono/node-server's adapter for everything else.
 * What the CLI serves; Node only (not in the edge build).
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { SyncableHandler } from './request-pipeline.ts';

/**
 * For @hono/node-server's `serve({ fetch: handler, createServer: nodeServer(handler) })`: an
 * `http` server whose requests go through `handler.node` before the adapter's listener.
 */
export function nodeServer(
  handler: SyncableHandler,
): (options: ServerOptions, listener: RequestListener) => ReturnType<typeof createServer> {
  const fast = handler.node;
  return (options, listener) =>
    createServer(
      options,
      fast
        ? (incoming: IncomingMessage, outgoing: ServerResponse) => {
            if (!fast(incoming, outgoing)) listener(incoming, outgoing);
          }
        : listener,
    );
}
