/**
 * Inflating a zip entry's raw deflate data as a stream that can be stopped, to measure a part
 * without holding it (browser-safe). The Node hosts pass nodeInflate (zlib, src/xlsx/nodeInflate.ts);
 * the default is the web platform's DecompressionStream, which browsers and Node ≥ 20.12 have.
 */

/**
 * Inflates `data` (raw deflate), handing each piece of output to `sink` in order; stops as soon
 * as `sink` returns false. Rejects when the data is not valid deflate.
 */
export type Inflate = (data: Uint8Array, sink: (chunk: Uint8Array) => boolean) => Promise<void>;

export const webInflate: Inflate = async (data, sink) => {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // A write error (damaged data, or the reader cancelled below) also errors the reader, which
  // reports it; this promise must only not go unhandled.
  const writing = writer
    // The DOM typings want an ArrayBuffer-backed view; the bytes never live in shared memory.
    .write(data as Uint8Array<ArrayBuffer>)
    .then(() => writer.close())
    .catch(() => undefined);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!sink(value as Uint8Array)) {
        await reader.cancel();
        break;
      }
    }
  } finally {
    await writing;
  }
};
