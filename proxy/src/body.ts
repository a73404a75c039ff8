/** Request and vendor answer bodies, read within a size limit. */
import { problem } from './respond.ts';
/**
 * Reads a request's or response's body up to `limit` bytes. Returns null as soon as the body is
 * (or declares itself) larger, cancelling the rest of the stream, so an oversized body never
 * sits in memory whole.
 */
export async function readBytesLimited(message: Request | Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(message.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    await message.body?.cancel().catch(() => {});
    return null;
  }
  if (!message.body) return new Uint8Array(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A request body as text: at most `max` bytes, UTF-8, and declared JSON when not empty. */
export async function readJsonText(request: Request, max: number): Promise<string | Response> {
  const bytes = await readBytesLimited(request, max);
  if (!bytes) return problem(413, 'The request body is too large');
  let text = '';
  if (bytes.byteLength) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return problem(400, 'The request body is not UTF-8');
    }
  }
  if (text.trim() !== '') {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return problem(415, 'The request body must be application/json');
  }
  return text;
}

/** The body's JSON object (`{}` when empty), or a 400. */
export function jsonObject(text: string): Record<string, unknown> | Response {
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      return problem(400, 'The request body is not valid JSON');
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return problem(400, 'The request body must be a JSON object');
  return data as Record<string, unknown>;
}
