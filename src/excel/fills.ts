/**
 * Cell fills between Office.js and the add-in's record (FillRecord, the OOXML / ExcelJS shape the
 * state keeps, whichever host wrote it).
 *
 * Reading. Office.js reports a fill as color / pattern / patternColor / tintAndShade (the last
 * three need ExcelApi 1.9). "No fill" reads as color "#FFFFFF", like a white fill
 * (office-js issue 6218); what tells them apart is tintAndShade, null for no fill and a number for
 * any fill (Microsoft's answer in office-js issue 4900), or the pattern "None". getCellProperties
 * may report a cell without fill exactly as a solid white one (issue 6218), so a white solid report
 * is taken for white only when the cell's own Range.format.fill.tintAndShade, read beside it,
 * is a number; null there means no fill. A white fill recorded by mistake would be put back as
 * white and hide the gridlines. Without ExcelApi 1.9 only the colour is there, and white is
 * taken for no fill (it looks the same, gridlines aside).
 *
 * Setting: solid colours exactly; other patterns with ExcelApi 1.9; a theme colour recorded by the
 * command line becomes the RGB the workbook's theme gives it (recorded beside the reference, see
 * core/themeColours.ts; a record without it assumes the Office 2013–2022 theme), legacy palette
 * colours the palette's RGB; a tint is set as tintAndShade with ExcelApi 1.9 (Excel applies it
 * itself) and applied to the RGB here without; gradients cannot be set through Office.js and
 * become their first colour. Each approximation is reported as a warning.
 */
import type { FillRecord } from "../core/plan";
import { INDEXED_PALETTE, OFFICE_2013_PALETTE, applyTint, recordedThemeRgb, themeSlot } from "../core/themeColours";

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

/** A fill as getCellProperties (or format.fill) reports it. */
export interface OfficeFillProps {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
}

const HEX = /^#?([0-9A-Fa-f]{6})$/;

/**
 * The record of a cell's fill from what Office.js reports; `warn` gets what could not be kept.
 * `cellTintAndShade`: the cell's own Range.format.fill.tintAndShade when it was read (ExcelApi
 * 1.9), the evidence that settles a white report (see above); undefined when not read.
 */
export function recordOf(f: OfficeFillProps, warn: (why: string) => void, cellTintAndShade?: number | null): FillRecord {
  const pattern = f.pattern ?? null;
  if (pattern === "None") return null;
  // No fill always reads white; a colour is never taken for no fill.
  if (!f.color || f.color.toUpperCase() === "#FFFFFF") {
    // tintAndShade null is Excel's sign of no fill (office-js #4900), in either read.
    if (f.tintAndShade === null || cellTintAndShade === null) return null;
    // Without ExcelApi 1.9 there is only the colour: white stands for "no fill".
    if (f.tintAndShade === undefined && pattern === null) return null;
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

/**
 * null: no fill (clear only). `withPatterns`: ExcelApi 1.9 (patterns and tintAndShade can be
 * set); without it a tint is applied to the colour here.
 */
export function settingOf(rec: FillRecord, withPatterns: boolean, warn: (why: string) => void): FillSetting | null {
  if (rec === null) return null;
  if (rec.type === "gradient") {
    const stops = (rec as { stops?: { color?: FileColor }[] }).stops ?? [];
    const first = officeColor(stops[0]?.color, warn, true);
    warn("a gradient fill (Office.js cannot set gradients: restored as its first colour)");
    return first ? { color: first } : null;
  }
  const pattern = String(rec.pattern ?? "none");
  if (pattern === "none") return null;
  const fg = rec.fgColor as FileColor | undefined;
  const bg = rec.bgColor as FileColor | undefined;
  const tintOf = (c: FileColor | undefined) => (withPatterns && typeof c?.tint === "number" && c.tint !== 0 ? { tintAndShade: c.tint } : {});
  if (pattern === "solid") {
    const color = officeColor(fg, warn, !withPatterns);
    if (!color) return null;
    return { color, ...tintOf(fg) };
  }
  if (!withPatterns || !TO_OFFICE[pattern]) {
    warn(`a "${pattern}" pattern fill (${withPatterns ? "unknown pattern" : "patterns need ExcelApi 1.9"}: restored as its background colour)`);
    return { color: officeColor(bg, warn, true) ?? "#FFFFFF" };
  }
  return {
    pattern: TO_OFFICE[pattern],
    color: officeColor(bg, warn, false) ?? "#FFFFFF",
    // The pattern's own tint (patternTintAndShade) is not set: it goes into its colour.
    patternColor: officeColor(fg, warn, true) ?? "#000000",
    ...tintOf(bg),
  };
}

interface FileColor {
  argb?: string;
  theme?: number;
  indexed?: number;
  tint?: number;
}

/** "#RRGGBB" of a recorded colour, its tint applied when `tinted` (Excel is not asked to apply it). */
function officeColor(c: FileColor | undefined, warn: (why: string) => void, tinted: boolean): string | undefined {
  const base = baseColor(c, warn);
  if (base === undefined) return undefined;
  return tinted && typeof c?.tint === "number" && c.tint !== 0 ? `#${applyTint(base, c.tint)}` : `#${base}`;
}

/** "RRGGBB" of a recorded colour before its tint. */
function baseColor(c: FileColor | undefined, warn: (why: string) => void): string | undefined {
  if (!c) return undefined;
  if (typeof c.argb === "string" && /^[0-9A-Fa-f]{6,8}$/.test(c.argb)) return c.argb.slice(-6).toUpperCase();
  if (typeof c.theme === "number") {
    // The RGB the workbook's theme gives the colour, recorded by the command line beside it.
    const recorded = recordedThemeRgb(c as Record<string, unknown>);
    if (recorded) {
      warn("a theme colour (Office.js sets RGB only: restored as the RGB of the workbook's theme colour, no longer linked to the theme)");
      return recorded;
    }
    warn("a theme colour recorded without the workbook's RGB for it (restored as the Office 2013–2022 theme's colour)");
    return themeSlot(OFFICE_2013_PALETTE, c.theme) ?? "000000";
  }
  if (typeof c.indexed === "number") return c.indexed === 64 ? "000000" : (INDEXED_PALETTE[c.indexed] ?? "000000");
  return undefined;
}
