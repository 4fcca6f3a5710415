/**
 * Colours as Office.js reports them ("#RRGGBB") from fills as the file holds them (ARGB, theme
 * index with tint, legacy palette index), and the fill patterns' names on both sides. The
 * palettes are the file format's facts (core/themeColours.ts); how a colour is reported is the
 * fake's own, written apart from the host's reading of it (src/excel/fills.ts).
 */
import type ExcelJS from "exceljs";
import { INDEXED_PALETTE, OFFICE_2013_PALETTE, themeSlot, type ThemePalette } from "../../src/core/themeColours";

type FileColor = Partial<ExcelJS.Color> & { indexed?: number; tint?: number };

/**
 * "#RRGGBB" of a file colour; undefined when there is none. A theme colour is the RGB of its slot
 * in the workbook's own theme (`palette`): the theme attribute of a colour is an index into the
 * workbook theme's colour scheme (ECMA-376 Part 1 §18.8.19, fgColor, attribute theme), so Excel
 * shows what the file's theme part says. Before its tint: Office.js reports the tint apart, as
 * tintAndShade ("lightens or darkens a color",
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.rangefill#excel-excel-rangefill-tintandshade-member).
 */
export function officeColor(c: FileColor | undefined, palette: ThemePalette = OFFICE_2013_PALETTE): string | undefined {
  if (!c) return undefined;
  if (typeof c.argb === "string") return `#${c.argb.slice(-6).toUpperCase()}`;
  if (typeof c.theme === "number") return `#${themeSlot(palette, c.theme) ?? "000000"}`;
  if (typeof c.indexed === "number") return c.indexed === 64 ? "#000000" : `#${INDEXED_PALETTE[c.indexed] ?? "000000"}`;
  return undefined;
}

export function fileColor(hex: string): { argb: string } {
  return { argb: `FF${hex.replace(/^#/, "").toUpperCase()}` };
}

export const HEX = /^#[0-9A-Fa-f]{6}$/;

/** Office.js FillPattern ↔ OOXML patternType. */
export const PATTERNS: Record<string, string> = {
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

export const OFFICE_PATTERN: Record<string, string> = Object.fromEntries(Object.entries(PATTERNS).map(([k, v]) => [v, k]));

/** The fill of a cell as Office.js reports it (format.fill / getCellProperties). */
export interface OfficeFill {
  color: string;
  /** null: Range.format.fill in the "solidWhite" report (office-js issue 4900). */
  pattern: string | null;
  patternColor: string | null;
  /** null for "no fill" (how Excel tells it from a white fill). */
  tintAndShade: number | null;
}

/**
 * How Excel reports a cell without fill (a session option of the fake):
 * - "documented": as the reference describes the properties, pattern "None" and tintAndShade
 *   null, colour "#FFFFFF" (null tintAndShade for No Fill: Microsoft's answer in office-js
 *   issue 4900);
 * - "solidWhite": as office-js issue 6218 reports it (Excel 2509 on Windows): getCellProperties
 *   gives No Fill exactly as a solid white fill; Range.format.fill gives the pattern null for both
 *   No Fill and a white fill (issue 4900) and tintAndShade null only for No Fill (Microsoft's
 *   answer there).
 */
export type NoFillReport = "documented" | "solidWhite";

export interface FillReading {
  /** The workbook's theme colours (default: the Office 2013–2022 theme). */
  palette?: ThemePalette;
  noFill?: NoFillReport;
  /** Which read reports: getCellProperties (default) or a RangeFill's properties. */
  via?: "cellProperties" | "rangeFill";
}

export function officeFill(fill: ExcelJS.Fill | undefined, reading: FillReading = {}): OfficeFill {
  const f = documentedFill(fill, reading.palette);
  if (reading.noFill !== "solidWhite") return f;
  const none = f.pattern === "None";
  if ((reading.via ?? "cellProperties") === "cellProperties")
    return none ? { color: "#FFFFFF", pattern: "Solid", patternColor: "#000000", tintAndShade: 0 } : f;
  const white = f.pattern === "Solid" && f.color === "#FFFFFF";
  return none || white ? { ...f, pattern: null } : f;
}

function documentedFill(fill: ExcelJS.Fill | undefined, palette: ThemePalette | undefined): OfficeFill {
  if (!fill || (fill.type === "pattern" && fill.pattern === "none")) {
    // Excel reports no fill as white; tintAndShade null is what tells them apart.
    return { color: "#FFFFFF", pattern: "None", patternColor: null, tintAndShade: null };
  }
  if (fill.type === "gradient") {
    const first = (fill as ExcelJS.FillGradientAngle).stops?.[0]?.color as FileColor | undefined;
    return {
      color: officeColor(first, palette) ?? "#FFFFFF",
      pattern: fill.gradient === "path" ? "RectangularGradient" : "LinearGradient",
      patternColor: null,
      tintAndShade: 0,
    };
  }
  const fg = fill.fgColor as FileColor | undefined;
  const bg = fill.bgColor as FileColor | undefined;
  if (fill.pattern === "solid") {
    return { color: officeColor(fg, palette) ?? "#000000", pattern: "Solid", patternColor: "#000000", tintAndShade: fg?.tint ?? 0 };
  }
  return {
    color: officeColor(bg, palette) ?? "#FFFFFF",
    pattern: OFFICE_PATTERN[fill.pattern] ?? "Solid",
    patternColor: officeColor(fg, palette) ?? "#000000",
    tintAndShade: bg?.tint ?? 0,
  };
}
