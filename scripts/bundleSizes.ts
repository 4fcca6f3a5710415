/**
 * The task pane's download, from a production build's chunks.json (webpack.config.js): the
 * JavaScript its page loads at once (the budget: 150 KiB gzip) and what it loads after the first
 * paint (engine and views), gzip level 9 as a web server would send it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const INITIAL_BUDGET_GZIP = 150 * 1024;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface EntrySizes {
  initial: FileSize[];
  later: FileSize[];
  initialGzip: number;
  laterGzip: number;
}

export type ChunkList = Record<string, { initial: string[]; async: string[] }>;

export function chunkList(dir: string): ChunkList {
  return JSON.parse(readFileSync(join(dir, "chunks.json"), "utf8")) as ChunkList;
}

export function fileSize(dir: string, file: string): FileSize {
  const raw = readFileSync(join(dir, file));
  return { file, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

export function entrySizes(dir: string, entry: string): EntrySizes {
  const list = chunkList(dir)[entry];
  if (!list) throw new Error(`chunks.json in ${dir} has no entry "${entry}"`);
  const initial = list.initial.map((f) => fileSize(dir, f));
  const later = list.async.map((f) => fileSize(dir, f));
  const sum = (xs: FileSize[]) => xs.reduce((n, x) => n + x.gzip, 0);
  return { initial, later, initialGzip: sum(initial), laterGzip: sum(later) };
}

export function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}
