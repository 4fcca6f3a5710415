/**
 * Theme colours as a workbook's cells refer to them ({theme: n, tint}), turned into RGB.
 *
 * A cell fill can name a slot of the workbook's theme instead of an RGB value; which RGB that is
 * depends on the theme the workbook carries (xl/theme/theme1.xml), not on the Excel that opens
 * it: the Office theme of 2013–2022 and the one of 2023 and later differ in every colour but
 * black and white, and a company theme can be anything. The xlsx host reads the workbook's own
 * theme and writes the slot's RGB beside the reference in the record (THEME_RGB_KEY), so that the
 * Office.js host, which can only set RGB, puts the same colour back. A record without it (written
 * before, or from a file without a theme part) falls back on the 2013–2022 palette.
 */

/**
 * The slots in the order SpreadsheetML's theme index counts them. Excel reads index 0 as lt1 and
 * 1 as dk1 (and 2 as lt2, 3 as dk2), the other way round from their order in clrScheme.
 */
export const THEME_SLOTS = ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"] as const;

/** Twelve "RRGGBB", by theme index. */
export type ThemePalette = readonly string[];

/** The Office theme of Office 2013–2022 (Calibri): what a record without the workbook's own RGB assumes. */
export const OFFICE_2013_PALETTE: ThemePalette = [
  "FFFFFF",
  "000000",
  "E7E6E6",
  "44546A",
  "4472C4",
  "ED7D31",
  "A5A5A5",
  "FFC000",
  "5B9BD5",
  "70AD47",
  "0563C1",
  "954F72",
];

/**
 * The key a recorded theme colour carries its RGB under, beside theme and tint:
 * {theme: 4, tint: 0.4, themeRgb: "156082"}. It is the slot's own colour, before the tint. Not an
 * OOXML attribute: the xlsx host takes it off before putting a fill back into a file.
 */
export const THEME_RGB_KEY = "themeRgb";

const HEX6 = /^[0-9A-Fa-f]{6}$/;

/** "RRGGBB" (upper case) of theme slot `index` in `palette`, or undefined. */
export function themeSlot(palette: ThemePalette, index: number): string | undefined {
  const c = Number.isInteger(index) ? palette[index] : undefined;
  return c !== undefined && HEX6.test(c) ? c.toUpperCase() : undefined;
}

/** A recorded colour's theme RGB, when the record carries a well-formed one. */
export function recordedThemeRgb(colour: Record<string, unknown>): string | undefined {
  const v = colour[THEME_RGB_KEY];
  return typeof v === "string" && HEX6.test(v) ? v.toUpperCase() : undefined;
}

/**
 * "RRGGBB" with a tint applied as the file format defines it (ECMA-376 Part 1 §18.8.19, the tint
 * attribute of a colour): the colour's HLS luminance moves towards black (tint < 0:
 * L' = L × (1 + tint)) or towards white (tint > 0: L' = L × (1 − tint) + tint), hue and saturation
 * kept. Computed without the standard's integer HLS steps, so a channel may differ from Excel's
 * rendering by a unit or two.
 */
export function applyTint(rgb: string, tint: number): string {
  if (!HEX6.test(rgb)) throw new Error(`"${rgb}" is not RRGGBB`);
  if (!Number.isFinite(tint) || tint === 0) return rgb.toUpperCase();
  const t = Math.max(-1, Math.min(1, tint));
  const [h, s, l] = toHsl(rgb);
  return fromHsl(h, s, t < 0 ? l * (1 + t) : l * (1 - t) + t);
}

function toHsl(rgb: string): [number, number, number] {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const channel = (x: number) =>
    Math.round(Math.max(0, Math.min(1, x)) * 255)
      .toString(16)
      .padStart(2, "0")
      .toUpperCase();
  if (s === 0) return channel(l).repeat(3);
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return channel(hue(h + 1 / 3)) + channel(hue(h)) + channel(hue(h - 1 / 3));
}

/**
 * The legacy 64-colour palette (indexed colours 0–63, ECMA-376 Part 1 §18.8.27 indexedColors);
 * index 64 is the system foreground (black here). A fact of the file format both hosts and the
 * test fake read colours with.
 */
export const INDEXED_PALETTE: readonly string[] = [
  "000000",
  "FFFFFF",
  "FF0000",
  "00FF00",
  "0000FF",
  "FFFF00",
  "FF00FF",
  "00FFFF",
  "000000",
  "FFFFFF",
  "FF0000",
  "00FF00",
  "0000FF",
  "FFFF00",
  "FF00FF",
  "00FFFF",
  "800000",
  "008000",
  "000080",
  "808000",
  "800080",
  "008080",
  "C0C0C0",
  "808080",
  "9999FF",
  "993366",
  "FFFFCC",
  "CCFFFF",
  "660066",
  "FF8080",
  "0066CC",
  "CCCCFF",
  "000080",
  "FF00FF",
  "FFFF00",
  "00FFFF",
  "800080",
  "800000",
  "008080",
  "0000FF",
  "00CCFF",
  "CCFFFF",
  "CCFFCC",
  "FFFF99",
  "99CCFF",
  "FF99CC",
  "CC99FF",
  "FFCC99",
  "3366FF",
  "33CCCC",
  "99CC00",
  "FFCC00",
  "FF9900",
  "FF6600",
  "666699",
  "969696",
  "003366",
  "339966",
  "003300",
  "333300",
  "993300",
  "993366",
  "333399",
  "333333",
];
