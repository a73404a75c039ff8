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
