/**
 * Compressing a new or changed part (raw deflate, the zip's method 8); browser-safe. The Node
 * hosts pass nodeDeflate (zlib, src/xlsx/nodeDeflate.ts); the default is the web platform's
 * CompressionStream, which browsers and Node ≥ 20 have.
 */
export type Deflate = (data: Uint8Array) => Promise<Uint8Array>;

export const webDeflate: Deflate = async (data) => {
  const stream = new CompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // The DOM typings want an ArrayBuffer-backed view; the bytes never live in shared memory.
  const writing = writer.write(data as Uint8Array<ArrayBuffer>).then(() => writer.close());
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array);
    size += (value as Uint8Array).length;
  }
  await writing;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
