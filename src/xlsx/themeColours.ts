/**
 * The workbook's own theme colours (xl/theme/theme1.xml, its clrScheme), and recorded fills that
 * carry the RGB of each theme colour they name (see core/themeColours.ts) so that the Office.js
 * host, which sets RGB only, puts back the colour this workbook shows.
 */
import type ExcelJS from "exceljs";
import type { FillRecord } from "../core/plan";
import { THEME_RGB_KEY, THEME_SLOTS, themeSlot, type ThemePalette } from "../core/themeColours";
import { PREFIX, attribute, startTags } from "./xmlMarkup";

/**
 * The twelve colours of a theme part's colour scheme by theme index, or undefined when the part
 * has no complete scheme. A slot is an RGB (srgbClr val) or a system colour (sysClr, whose last
 * computed colour lastClr is what the file was saved with).
 */
export function themePalette(themeXml: string): ThemePalette | undefined {
  const scheme = new RegExp(`<${PREFIX}clrScheme[\\s>][\\s\\S]*?</${PREFIX}clrScheme>`).exec(themeXml)?.[0];
  if (!scheme) return undefined;
  const out: string[] = [];
  for (const slot of THEME_SLOTS) {
    const body = new RegExp(`<${PREFIX}${slot}>([\\s\\S]*?)</${PREFIX}${slot}>`).exec(scheme)?.[1];
    if (body === undefined) return undefined;
    const rgb = [...startTags(body, "srgbClr")].map((a) => attribute(a, "val"))[0] ?? [...startTags(body, "sysClr")].map((a) => attribute(a, "lastClr"))[0];
    if (!rgb || !/^[0-9A-Fa-f]{6}$/.test(rgb)) return undefined;
    out.push(rgb.toUpperCase());
  }
  return out;
}

/**
 * The palette of a workbook ExcelJS loaded: its first theme part (ExcelJS keeps the parts'
 * text in workbook._themes, by part name). Undefined for a workbook without one.
 */
export function workbookPalette(wb: ExcelJS.Workbook): ThemePalette | undefined {
  const themes = (wb as unknown as { _themes?: Record<string, unknown> })._themes;
  if (!themes) return undefined;
  const xml = themes.theme1 ?? Object.values(themes)[0];
  return typeof xml === "string" ? themePalette(xml) : undefined;
}

type Colour = Record<string, unknown>;

/**
 * A copy of `fill` in which every colour that names a theme slot carries that slot's RGB from
 * `palette` (THEME_RGB_KEY); without a palette, the colours carry none (a stale one is dropped).
 */
export function withThemeRgb(fill: FillRecord, palette: ThemePalette | undefined): FillRecord {
  return mapColours(fill, (c) => {
    const { [THEME_RGB_KEY]: _old, ...rest } = c;
    const rgb = typeof c.theme === "number" && palette ? themeSlot(palette, c.theme) : undefined;
    return rgb ? { ...rest, [THEME_RGB_KEY]: rgb } : rest;
  });
}

/** A copy of `fill` as the file holds it: the recorded theme RGBs taken off. */
export function withoutThemeRgb(fill: FillRecord): FillRecord {
  return mapColours(fill, (c) => {
    const { [THEME_RGB_KEY]: _old, ...rest } = c;
    return rest;
  });
}

function mapColours(fill: FillRecord, f: (c: Colour) => Colour): FillRecord {
  if (fill === null) return null;
  const out: Record<string, unknown> = structuredClone(fill);
  const map = (c: unknown) => (c && typeof c === "object" && !Array.isArray(c) ? f(c as Colour) : c);
  if ("fgColor" in out) out.fgColor = map(out.fgColor);
  if ("bgColor" in out) out.bgColor = map(out.bgColor);
  if (Array.isArray(out.stops))
    out.stops = out.stops.map((s: unknown) => (s && typeof s === "object" && "color" in s ? { ...s, color: map((s as { color: unknown }).color) } : s));
  return out;
}
