/**
 * Compressed answers for browsers that take them: `br` or `gzip`, as the request's
 * `Accept-Encoding` allows (q-values read by Hono's own parser), for bodies of at least
 * {@link COMPRESS_MIN_BYTES}. The vendors answer a browser that calls them directly with gzip; the
 * proxy reads their answers decompressed, so without this a shopper would download several times
 * the bytes through it.
 *
 * The compressor is the platform's: Node's zlib (`br` and `gzip`, in zlib's thread pool) where
 * the runtime has it, else the web-standard `CompressionStream` (`gzip`; edge runtimes). Each
 * body is compressed once per encoding and object: a cached answer (the same object on every
 * hit in memory) is compressed the first time it is asked for in that encoding, and its bytes
 * are kept only as long as the answer itself. What the caches store is unchanged.
 */
import { parseAccept } from 'hono/utils/accept';
import { complete, partsOf, type Parts } from './respond.ts';

export type Encoding = 'br' | 'gzip';

/** Smaller bodies go as they are: errors, empty lists, a cart's id (as common servers do). */
export const COMPRESS_MIN_BYTES = 1024;

export interface Encoder {
  /** The encodings it makes, the one to prefer first. */
  readonly encodings: readonly Encoding[];
  encode(body: string, encoding: Encoding): Promise<Uint8Array>;
}

/** gzip with the runtime's `CompressionStream` (Node, workerd, Deno, Bun). */
export const streamEncoder: Encoder = {
  encodings: ['gzip'],
  encode: async (body) =>
    new Uint8Array(
      await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    ),
};

/**
 * The encoding to send for an `Accept-Encoding` header: the offered one with the highest q
 * (explicit, else `*`'s), the encoder's preference among equals; null for none (no header,
 * `identity`, or every offered one at q=0).
 */
export function chooseEncoding(header: string | null | undefined, offered: readonly Encoding[]): Encoding | null {
  if (!header) return null;
  const accepted = parseAccept(header);
  let wildcard = 0;
  const q = new Map<string, number>();
  for (const { type, q: value } of accepted) {
    const name = type.toLowerCase();
    if (name === '*') wildcard = value;
    else if (!q.has(name)) q.set(name, value);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of offered) {
    const value = q.get(encoding) ?? wildcard;
    if (value > bestQ) {
      best = encoding;
      bestQ = value;
    }
  }
  return best;
}

/** Whether an answer's body may be sent compressed at all (whatever the client takes). */
export const compressible = (parts: Parts): parts is Parts & { body: string } =>
  parts.body !== null &&
  parts.body.length >= COMPRESS_MIN_BYTES &&
  parts.status !== 204 &&
  parts.status !== 304 &&
  parts.headers['content-encoding'] === undefined;

/** `Vary` with `Accept-Encoding` added. */
const varyEncoding = (vary: string | undefined): string =>
  !vary ? 'Accept-Encoding' : /\baccept-encoding\b/i.test(vary) ? vary : `${vary}, Accept-Encoding`;

/** Completed headers (see `complete`) of a compressible answer, by encoding ('' for none). */
const encodedHeaders = new WeakMap<object, Map<string, Readonly<Record<string, string>>>>();
export function withEncoding(
  headers: Readonly<Record<string, string>>,
  encoding: Encoding | null,
): Readonly<Record<string, string>> {
  let byEncoding = encodedHeaders.get(headers);
  const known = byEncoding?.get(encoding ?? '');
  if (known) return known;
  const out: Record<string, string> = { ...headers, vary: varyEncoding(headers.vary) };
  if (encoding) out['content-encoding'] = encoding;
  if (!byEncoding) encodedHeaders.set(headers, (byEncoding = new Map<string, Readonly<Record<string, string>>>()));
  byEncoding.set(encoding ?? '', out);
  return out;
}

/** Compression as the pipeline and the node fast path use it. */
export interface Compression {
  /**
   * The answer for `request`: `answered` with the security and CORS headers (`finalize`), its
   * body compressed when the request allows it and the body is large enough; `Vary:
   * Accept-Encoding` on every answer that could have been compressed. Undefined when the answer
   * is not one to compress (a HEAD, a small or empty body): the caller finalizes it as usual.
   */
  respond(request: Request, answered: Response, allowedOrigin: string | null): Response | Promise<Response> | undefined;
  /** The encoding for an `Accept-Encoding` header; undefined until the encoder is loaded. */
  choose(header: string | undefined): Encoding | null | undefined;
  /**
   * The compressed body of `source` (an answer object), if it is ready; otherwise undefined, and
   * its compression starts (or goes on), so a later request finds it.
   */
  ready(source: object, body: string, encoding: Encoding): Uint8Array | undefined;
}

/**
 * Compression with the encoder `loading` resolves to (the stream encoder if it fails). Requests
 * that arrive before it is loaded wait for it.
 */
export function createCompression(loading: Promise<Encoder | null | undefined>): Compression {
  let encoder: Encoder | undefined;
  const loaded = loading.then(
    (found) => (encoder = found ?? streamEncoder),
    () => (encoder = streamEncoder),
  );
  /** Negotiated encodings by header text: browsers send a handful of different ones. */
  const chosen = new Map<string, Encoding | null>();
  const choose = (header: string | null | undefined): Encoding | null => {
    if (!header) return null;
    let encoding = chosen.get(header);
    if (encoding === undefined) {
      encoding = chooseEncoding(header, encoder!.encodings);
      if (chosen.size < 64) chosen.set(header, encoding);
    }
    return encoding;
  };
  /** Compressed bodies (or their compression under way) by answer object and encoding. */
  const bodies = new WeakMap<object, Partial<Record<Encoding, Uint8Array | Promise<Uint8Array>>>>();
  const encode = (source: object, body: string, encoding: Encoding): Uint8Array | Promise<Uint8Array> => {
    let byEncoding = bodies.get(source);
    if (!byEncoding) bodies.set(source, (byEncoding = {}));
    const known = byEncoding[encoding];
    if (known) return known;
    const pending = encoder!.encode(body, encoding).then(
      (bytes) => (byEncoding[encoding] = bytes),
      (error: unknown) => {
        delete byEncoding[encoding];
        throw error;
      },
    );
    byEncoding[encoding] = pending;
    return pending;
  };

  const respond = (parts: Parts & { body: string }, source: object, accepts: string | null, origin: string | null) => {
    const headers = complete(parts.headers, origin);
    const encoding = choose(accepts);
    if (!encoding) return new Response(parts.body, { status: parts.status, headers: withEncoding(headers, null) });
    const send = (bytes: Uint8Array) =>
      // `encodeBody: 'manual'`: workerd sends the bytes as they are (it would compress them again).
      new Response(
        bytes as Uint8Array<ArrayBuffer>,
        {
          status: parts.status,
          headers: withEncoding(headers, encoding),
          encodeBody: 'manual',
        } as ResponseInit,
      );
    const bytes = encode(source, parts.body, encoding);
    if (bytes instanceof Uint8Array) return send(bytes);
    // Should compression ever fail, the answer goes as it is.
    return bytes.then(
      send,
      () => new Response(parts.body, { status: parts.status, headers: withEncoding(headers, null) }),
    );
  };

  return {
    respond(request, answered, allowedOrigin) {
      if (request.method === 'HEAD') return undefined;
      const parts = partsOf(answered);
      if (!parts || !compressible(parts)) return undefined;
      const source = parts.source ?? parts;
      const accepts = request.headers.get('accept-encoding');
      if (encoder) return respond(parts, source, accepts, allowedOrigin);
      return loaded.then(() => respond(parts, source, accepts, allowedOrigin));
    },
    choose: (header) => (encoder ? choose(header) : undefined),
    ready(source, body, encoding) {
      if (!encoder) return undefined;
      const bytes = encode(source, body, encoding);
      if (bytes instanceof Uint8Array) return bytes;
      bytes.catch(() => {}); // A failure is the next request's to see (the pipeline's path).
      return undefined;
    },
  };
}
