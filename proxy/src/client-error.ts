/**
 * What the CLI's server answers to a request Node cannot parse (a bad header, headers over 16 KiB,
 * a slow client). Node writes those answers itself, before any handler, with none of the
 * proxy's headers; with this listener they carry the security headers every other answer has.
 */
import type { Duplex } from 'node:stream';
import { JSON_TYPE, SECURITY_HEADERS } from './respond.ts';

const ANSWERS: Record<number, [reason: string, message: string]> = {
  400: ['Bad Request', 'The request could not be read'],
  408: ['Request Timeout', 'The request took too long to arrive'],
  431: ['Request Header Fields Too Large', 'The request headers are too large'],
};

/** A `clientError` listener for a Node HTTP server: Node's own status, the proxy's headers. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection (or one already answered) has no one to tell.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const [reason, message] = ANSWERS[status];
  const body = JSON.stringify({ message });
  const headers = {
    'content-type': JSON_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
}
