/**
 * Draws the add-in's icon (a white shield with a check mark on a blue rounded square) at the
 * sizes the manifest names and writes them as PNGs to assets/: `npm run icons`.
 *
 * The design is vector (unit coordinates, 0..1) and rasterised here with 8×8 supersampling; the
 * PNG encoder is Node's zlib plus a CRC-32, so no image tool is needed. The PNGs are committed:
 * run this again only when the design changes.
 */
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ICON_SIZES = [16, 32, 64, 80] as const; // the sizes manifest.xml uses

type RGB = readonly [number, number, number];
const BLUE: RGB = [0x0f, 0x6c, 0xbd]; // Fluent's brand blue
const WHITE: RGB = [0xff, 0xff, 0xff];

type Point = readonly [number, number];

// ---- the design --------------------------------------------------------------------------

/** Signed distance to a rounded square inset by `margin` with corner radius `r` (< 0 inside). */
function roundedSquare(x: number, y: number, margin: number, r: number): number {
  const half = 0.5 - margin;
  const qx = Math.abs(x - 0.5) - (half - r);
  const qy = Math.abs(y - 0.5) - (half - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

function quadratic(p0: Point, c: Point, p1: Point, steps: number): Point[] {
  const out: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return out;
}

/** The shield outline: a flat top with a slight dip, straight sides, curving to a point. */
const SHIELD: Point[] = (() => {
  const topLeft: Point = [0.24, 0.22];
  const topRight: Point = [0.76, 0.22];
  const sideRight: Point = [0.76, 0.5];
  const tip: Point = [0.5, 0.86];
  const sideLeft: Point = [0.24, 0.5];
  return [
    topLeft,
    ...quadratic(topLeft, [0.5, 0.28], topRight, 12),
    sideRight,
    ...quadratic(sideRight, [0.76, 0.72], tip, 16),
    ...quadratic(tip, [0.24, 0.72], sideLeft, 16),
  ];
})();

/** The check mark inside the shield, as a thick polyline. */
const CHECK: Point[] = [
  [0.35, 0.51],
  [0.46, 0.62],
  [0.66, 0.39],
];
const CHECK_HALF_WIDTH = 0.05;

function insidePolygon(x: number, y: number, poly: readonly Point[]): boolean {
  if (x < 0.2 || x > 0.8 || y < 0.2 || y > 0.9) return false; // outside the shield's box: skip the edges
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function onPolyline(x: number, y: number, line: readonly Point[], halfWidth: number): boolean {
  for (let i = 1; i < line.length; i++) if (distanceToSegment(x, y, line[i - 1], line[i]) <= halfWidth) return true;
  return false;
}

/** The colour at a point of the design, or null where it is transparent. */
function sample(x: number, y: number, size: number): RGB | null {
  // Small icons get a thinner margin so the shape keeps its pixels.
  const margin = size <= 16 ? 0.02 : 0.04;
  if (roundedSquare(x, y, margin, 0.2) > 0) return null;
  if (insidePolygon(x, y, SHIELD) && !onPolyline(x, y, CHECK, CHECK_HALF_WIDTH)) return WHITE;
  return BLUE;
}

/** RGBA pixels, 8×8 samples per pixel averaged with premultiplied alpha. */
export function renderIcon(size: number): Buffer {
  const ss = 8;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, size);
          if (c === null) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return pixels;
}

// ---- PNG ------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGBA PNG (colour type 6, no interlace, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main(): void {
  const dir = join(__dirname, "..", "assets");
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, renderIcon(size)));
    console.log(`wrote ${file}`);
  }
}

if (require.main === module) main();
