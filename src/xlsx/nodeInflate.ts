/** Inflate (src/xlsx/inflate.ts) with Node's zlib: faster than the web streams, on every Node 20 (Node only). */
import { createInflateRaw } from "node:zlib";
import type { Inflate } from "./inflate";

export const nodeInflate: Inflate = (data, sink) =>
  new Promise<void>((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 256 * 1024 });
    let settled = false;
    const settle = (e?: unknown) => {
      if (settled) return;
      settled = true;
      if (e) reject(e);
      else resolve();
    };
    z.on("data", (chunk: Buffer) => {
      if (settled) return;
      if (!sink(chunk)) {
        settle();
        z.destroy();
      }
    });
    z.on("error", settle);
    z.on("end", () => settle());
    z.end(data);
  });
