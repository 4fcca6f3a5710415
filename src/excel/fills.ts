/**
 * Cell fills between Office.js and the add-in's record (FillRecord, the OOXML / ExcelJS shape the
 * state keeps, whichever host wrote it).
 *
 * Office.js reports a fill as color / pattern / patternColor / tintAndShade (the last three need
 * ExcelApi 1.9). "No fill" reads as color "#FFFFFF" like a white fill; Excel tells them apart by
 * tintAndShade, which is null for no fill (and pattern "None"). Without ExcelApi 1.9 only the
 * colour is there, and white is taken for no fill (a white-filled cell is restored without fill:
 * it looks the same, gridlines aside).
 *
 * Setting: solid colours exactly; other patterns with ExcelApi 1.9; theme and legacy-palette
 * colours recorded by the command line become the RGB of the default Office theme / palette;
 * gradients cannot be set through Office.js and become their first colour. Each approximation
 * is reported as a warning.
 */
import type { FillRecord } from "../core/plan";

/** Office.js pattern names ↔ OOXML pattern types. */
const TO_OOXML: Record<string, string> = {
  Solid: "solid",
  Gray50: "mediumGray",
  Gray75: "darkGray",
  Gray25: "lightGray",
  Horizontal: "darkHorizontal",
  Vertical: "darkVertical",
  Down: "darkDown",
  Up: "darkUp",
  Checker: "darkGrid",
  SemiGray75: "darkTrellis",
  LightHorizontal: "lightHorizontal",
  LightVertical: "lightVertical",
  LightDown: "lightDown",
  LightUp: "lightUp",
  Grid: "lightGrid",
  CrissCross: "lightTrellis",
  Gray16: "gray125",
  Gray8: "gray0625",
};
const TO_OFFICE: Record<string, string> = Object.fromEntries(Object.entries(TO_OOXML).map(([k, v]) => [v, k]));

/** The default Office theme (lt1, dk1, lt2, dk2, accent1–6, hlink, folHlink). */
const THEME = ["FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "0563C1", "954F72"];
/** The legacy palette (indexed colours). */
const INDEXED = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "000000", "FFFFFF", "FF0000", "00FF00", "0000FF",
  "FFFF00", "FF00FF", "00FFFF", "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080", "9999FF", "993366",
  "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF", "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080",
  "0000FF", "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99", "3366FF", "33CCCC", "99CC00", "FFCC00",
  "FF9900", "FF6600", "666699", "969696", "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
];

/** A fill as getCellProperties (or format.fill) reports it. */
export interface OfficeFillProps {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
}

const HEX = /^#?([0-9A-Fa-f]{6})$/;

/** The record of a cell's fill from what Office.js reports; `warn` gets what could not be kept. */
export function recordOf(f: OfficeFillProps, warn: (why: string) => void): FillRecord {
  const pattern = f.pattern ?? null;
  if (pattern === "None") return null;
  if (pattern === null) {
    // Excel's sign of "no fill" (its colour reads as white).
    if (f.tintAndShade === null) return null;
    // Without ExcelApi 1.9 there is only the colour: white stands for "no fill".
    if (f.tintAndShade === undefined && (!f.color || f.color.toUpperCase() === "#FFFFFF")) return null;
  }
  const color = argb(f.color);
  if (color === null) {
    warn(`a fill colour "${String(f.color)}" that is not #RRGGBB`);
    return null;
  }
  const tint = typeof f.tintAndShade === "number" && f.tintAndShade !== 0 ? { tint: f.tintAndShade } : {};
  if (pattern === null || pattern === "Solid") return { type: "pattern", pattern: "solid", fgColor: { argb: color, ...tint } };
  const ooxml = TO_OOXML[pattern];
  if (!ooxml) {
    warn(`a ${pattern} fill (gradients cannot be read through Office.js: recorded as its first colour)`);
    return { type: "pattern", pattern: "solid", fgColor: { argb: color } };
  }
  return { type: "pattern", pattern: ooxml, fgColor: { argb: argb(f.patternColor) ?? "FF000000" }, bgColor: { argb: color, ...tint } };
}

function argb(c: string | null | undefined): string | null {
  const m = typeof c === "string" ? HEX.exec(c) : null;
  return m ? `FF${m[1].toUpperCase()}` : null;
}

/** What to set to put a recorded fill back: clear, then these properties in this order. */
export interface FillSetting {
  pattern?: string;
  color?: string;
  patternColor?: string;
  tintAndShade?: number;
}

/** null: no fill (clear only). */
export function settingOf(rec: FillRecord, withPatterns: boolean, warn: (why: string) => void): FillSetting | null {
  if (rec === null) return null;
  if (rec.type === "gradient") {
    const stops = (rec as { stops?: { color?: FileColor }[] }).stops ?? [];
    const first = officeColor(stops[0]?.color, warn);
    warn("a gradient fill (Office.js cannot set gradients: restored as its first colour)");
    return first ? { color: first } : null;
  }
  const pattern = String(rec.pattern ?? "none");
  if (pattern === "none") return null;
  const fg = rec.fgColor as FileColor | undefined;
  const bg = rec.bgColor as FileColor | undefined;
  if (pattern === "solid") {
    const color = officeColor(fg, warn);
    if (!color) return null;
    return { color, ...(withPatterns && typeof fg?.tint === "number" && fg.tint !== 0 ? { tintAndShade: fg.tint } : {}) };
  }
  const background = officeColor(bg, warn) ?? "#FFFFFF";
  if (!withPatterns || !TO_OFFICE[pattern]) {
    warn(`a "${pattern}" pattern fill (${withPatterns ? "unknown pattern" : "patterns need ExcelApi 1.9"}: restored as its background colour)`);
    return { color: background };
  }
  return {
    pattern: TO_OFFICE[pattern],
    color: background,
    patternColor: officeColor(fg, warn) ?? "#000000",
    ...(typeof bg?.tint === "number" && bg.tint !== 0 ? { tintAndShade: bg.tint } : {}),
  };
}

interface FileColor {
  argb?: string;
  theme?: number;
  indexed?: number;
  tint?: number;
}

function officeColor(c: FileColor | undefined, warn: (why: string) => void): string | undefined {
  if (!c) return undefined;
  if (typeof c.argb === "string" && /^[0-9A-Fa-f]{6,8}$/.test(c.argb)) return `#${c.argb.slice(-6).toUpperCase()}`;
  if (typeof c.theme === "number") {
    warn("a theme colour (restored as the default Office theme's colour)");
    return `#${THEME[c.theme] ?? "000000"}`;
  }
  if (typeof c.indexed === "number") return `#${c.indexed === 64 ? "000000" : (INDEXED[c.indexed] ?? "000000")}`;
  return undefined;
}
