/** Deflate (src/xlsx/deflate.ts) with Node's zlib: faster than the web streams (Node only). */
import { deflateRaw } from "node:zlib";
import type { Deflate } from "./deflate";

export const nodeDeflate: Deflate = (data) =>
  new Promise((resolve, reject) => deflateRaw(data, (e, out) => (e ? reject(e) : resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength)))));
