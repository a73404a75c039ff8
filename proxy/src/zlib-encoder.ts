/**
 * The compressor on Node (and runtimes with `node:zlib`): brotli and gzip, in zlib's thread pool,
 * so a large answer does not hold up the event loop. Loaded by `createProxy` only when answers
 * are compressed; the edge build has `node-only.ts` in its place (the stream encoder's gzip).
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoder } from './compress.ts';

/** Brotli's quality 5 and gzip's level 6, as servers compress on the fly: quality 11 takes 50-100 times longer. */
const BROTLI_QUALITY = 5;

export const zlibEncoder: Encoder = {
  encodings: ['br', 'gzip'],
  encode: (body, encoding) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const done = (error: Error | null, bytes: Buffer) => (error ? reject(error) : resolve(bytes));
      if (encoding === 'gzip') gzip(body, done);
      else
        brotliCompress(
          body,
          {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
            },
          },
          done,
        );
    }),
};
