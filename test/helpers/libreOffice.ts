/**
 * Printing one of our sheets with LibreOffice, an application independent of ours: the workbook
 * with that sheet alone (ExcelJS), converted to PDF (soffice), its pages and size (pdfinfo), its
 * first page's pixels (pdftoppm). CI installs LibreOffice and poppler-utils (.ci/run) and must run
 * the tests that use this; elsewhere they are skipped when the tools are missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import ExcelJS from "exceljs";

const has = (cmd: string, arg = "--version") => spawnSync(cmd, [arg], { stdio: "ignore" }).status === 0;
const soffice = ["soffice", "libreoffice"].find((cmd) => has(cmd));

/** LibreOffice and poppler-utils are there; under CI their absence is an error saying `what` needs them. */
export function libreOfficeReady(what: string): boolean {
  const ready = soffice !== undefined && has("pdfinfo", "-v") && has("pdftoppm", "-v");
  if (process.env.CI && !ready) throw new Error(`CI must have LibreOffice (soffice) and poppler-utils (pdfinfo, pdftoppm) for ${what}`);
  return ready;
}

/** `workbook` with only `sheetName` left, printed to PDF in `dir`: the PDF's path. */
export async function printSheetAlone(workbook: string, sheetName: string, dir: string, base: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(workbook);
  for (const ws of [...wb.worksheets]) if (ws.name !== sheetName) wb.removeWorksheet(ws.id);
  if (wb.worksheets.length !== 1) throw new Error(`no sheet "${sheetName}" in ${workbook}`);
  const xlsx = join(dir, `${base}.xlsx`);
  await wb.xlsx.writeFile(xlsx);
  // Its own profile: a LibreOffice the user has open does not take the conversion over.
  execFileSync(soffice!, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], {
    stdio: "ignore",
    timeout: 180_000,
  });
  return join(dir, `${base}.pdf`);
}

const info = (pdf: string) => execFileSync("pdfinfo", [pdf], { encoding: "utf8" });

export function pdfPages(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(info(pdf))![1]);
}

/** The page size in whole points ([595, 842]: A4 portrait). */
export function pdfPageSize(pdf: string): [number, number] {
  const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info(pdf))!.slice(1).map(Number);
  return [Math.round(w), Math.round(h)];
}

/** Pixels of page 1 (60 dpi, PPM: a header, then RGB bytes) within a small distance of each colour (RRGGBB). */
export function colourCounts(pdf: string, colours: readonly string[]): number[] {
  const ppm = execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", pdf], { maxBuffer: 64 << 20 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!;
  const pixels = ppm.subarray(header[0].length);
  return colours.map((hex) => {
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i + 2 < pixels.length; i += 3)
      if (Math.abs(pixels[i] - r) < 12 && Math.abs(pixels[i + 1] - g) < 12 && Math.abs(pixels[i + 2] - b) < 12) n++;
    return n;
  });
}
