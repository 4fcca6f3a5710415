/**
 * Bounded work and files on disk (issue 10, points 3 and 5, and the file messages of point 7):
 * workbooks past the reader's limits are refused before ExcelJS loads them, with a sentence that
 * names the sheet and the figure; the output is written through symbolic links, never over a
 * read-only file, another hard link's file or something that is not a file; an interrupted write
 * leaves nothing behind and a later run removes what a killed one left. The command-line parts
 * run the built `shindan-coach` (npm run build:cli).
 */
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import { promises as fsPromises } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { findAddinSheets } from "../src/core/addinState";
import { renderMessage } from "../src/core/messages";
import { webInflate, type Inflate } from "../src/xlsx/inflate";
import { MAX_CELLS } from "../src/xlsx/limits";
import { nodeInflate } from "../src/xlsx/nodeInflate";
import { WorkbookReadError, readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { SheetScanner, areaOf } from "../src/xlsx/sheetScanner";
import { writeFileAtomic } from "../src/xlsx/writeFileAtomic";
import { zipEntries, type ZipEntry } from "../src/xlsx/zipPackage";
import { checkPackageBounds } from "../src/xlsx/packageBounds";
import { cellsBesideDiagnosis, inflationBomb, manyParts, mergeBomb, wholeColumnDropdowns } from "../scripts/fixtures/bounds";
import { textDropdown } from "../scripts/fixtures/layouts";
import { newBook, toBuffer } from "../scripts/fixtures/lib";

const CLI = join(__dirname, "..", "dist", "src", "cli", "main.js");
const MiB = 1024 * 1024;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli`);
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "shindan-files-"));
});
afterEach(() => {
  chmodTree(dir);
  rmSync(dir, { recursive: true, force: true });
});

/** Gives back write permission a test took away, so that the folder can be removed. */
function chmodTree(p: string): void {
  if (!existsSync(p) || !lstatSync(p).isDirectory()) return;
  chmodSync(p, 0o755);
  for (const name of readdirSync(p)) chmodTree(join(p, name));
}

function run(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir, ...options });
  return { code: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const STACK_TRACE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

async function refusal(bytes: Buffer, inflate?: Inflate): Promise<WorkbookReadError> {
  const e = await readWorkbookBuffer(bytes, "book.xlsx", inflate).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookReadError);
  return e as WorkbookReadError;
}

/** An Inflate that counts what it hands out. */
function counting(inner: Inflate): { inflate: Inflate; produced: () => number } {
  let produced = 0;
  return {
    inflate: (data, sink) =>
      inner(data, (chunk) => {
        produced += chunk.length;
        return sink(chunk);
      }),
    produced: () => produced,
  };
}

// ---------------------------------------------------------------------------------------------
// Bounded work

let overLimitBytes: Promise<Buffer> | null = null;
/** 1,050,000 cells of order data beside a diagnosis, built once. */
const overLimit = () => (overLimitBytes ??= cellsBesideDiagnosis(1_050_000));

describe.each([
  ["zlib (command line)", nodeInflate],
  ["DecompressionStream (browser preview)", webInflate],
])("limits, unpacking with %s", (_name, inflate) => {
  test("a 2 MB file whose sheet unpacks to 2 GB is refused from its declared size without unpacking it, naming the sheet and the size", async () => {
    const bytes = inflationBomb();
    expect(bytes.length).toBeLessThan(3 * MiB);
    const c = counting(inflate);
    const e = await refusal(bytes, c.inflate);
    expect(e.code).toBe("file-content-too-large");
    expect(e.params).toMatchObject({ size: "2.0 GB", limit: "256 MB", part: "受注明細" });
    // Only the workbook part and its relationships, to name the sheet.
    expect(c.produced()).toBeLessThan(4096);
    const ja = renderMessage(e.toMessage(), "ja");
    expect(ja).toContain("「受注明細」");
    expect(ja).toContain("2.0 GB");
    expect(ja).toContain("新しいブックにコピー");
  });

  test("the same sheet declared as 100 KB is unpacked no further than that and refused as damaged", async () => {
    const c = counting(inflate);
    const e = await refusal(inflationBomb(2048 * MiB, 100 * 1024), c.inflate);
    expect(e.code).toBe("file-unreadable");
    expect(e.detail).toContain("xl/worksheets/sheet1.xml unpacks to more than the 102400 bytes the zip directory declares");
    // Stopped at the first piece past the declared size.
    expect(c.produced()).toBeLessThan(100 * 1024 + 2 * MiB);
    expect(renderMessage(e.toMessage(), "en")).toMatch(/^File "book\.xlsx" is damaged .*Check that Excel opens it.*\(detail: damaged zip: /);
  });

  test("zip64 sizes are read too", async () => {
    const e = await refusal(inflationBomb(2048 * MiB, undefined, { zip64: true }), inflate);
    expect(e.code).toBe("file-content-too-large");
    // And a zip64 package within the limits is read as ExcelJS (JSZip) reads it.
    const snap = await readWorkbookBuffer(await cellsBesideDiagnosis(100, { zip64: true }), "z.xlsx", inflate);
    expect(snap.sheets.map((s) => s.name)).toEqual(["受注明細", "自社診断"]);
    expect(snap.sheets[0].values.length).toBe(11);
  });

  test("20,000 parts are refused before any is unpacked; 10,000 pass", async () => {
    const c = counting(inflate);
    const e = await refusal(manyParts(20_000), c.inflate);
    expect(e.code).toBe("file-too-many-parts");
    expect(e.params).toMatchObject({ parts: "20,005", limit: "10,000" });
    expect(c.produced()).toBe(0);
    const ok = manyParts(10_000 - 5);
    await expect(checkPackageBounds(ok, "ok.xlsx", zipEntries(ok) as ZipEntry[], inflate)).resolves.toBeUndefined();
  });

  test("one merge over A1:L1000000 (12,000,000 cells ExcelJS would create) is refused", async () => {
    const e = await refusal(mergeBomb(), inflate);
    expect(e.code).toBe("file-too-many-cells");
    expect(e.params).toMatchObject({ sheet: "表紙", cells: "12,000,002", limit: "1,000,000" });
    expect(renderMessage(e.toMessage(), "ja")).toContain("シート「表紙」に約 12,000,002 個");
  });

  test("more cells than the limit are refused after counting no further than the limit, with an estimate for the sheet", async () => {
    const bytes = await overLimit();
    const c = counting(inflate);
    const e = await refusal(bytes, c.inflate);
    expect(e.code).toBe("file-too-many-cells");
    expect(e.params.sheet).toBe("受注明細");
    // 1,050,000 cells and 105,000 rows, estimated from the part's size.
    const estimate = Number(e.params.cells.replace(/,/g, ""));
    expect(estimate).toBeGreaterThan(1_100_000);
    expect(estimate).toBeLessThan(1_210_000);
    const sheetPart = zipEntries(bytes) as { name: string; uncompressedSize: number }[];
    const size = sheetPart.find((x) => x.name === "xl/worksheets/sheet1.xml")!.uncompressedSize;
    expect(c.produced()).toBeLessThan(size);
  });

  test("dropdowns on five whole columns are refused with their own advice", async () => {
    const e = await refusal(wholeColumnDropdowns(), inflate);
    expect(e.code).toBe("file-too-many-validations");
    expect(e.params).toMatchObject({ sheet: "回答", cells: "5,242,880" });
    expect(renderMessage(e.toMessage(), "ja")).toContain("回答を入力する範囲だけ");
    // Four whole columns pass the check (what ExcelJS then takes for them: README, Limits).
    const four = wholeColumnDropdowns("DEFG");
    await expect(checkPackageBounds(four, "four.xlsx", zipEntries(four) as ZipEntry[], inflate)).resolves.toBeUndefined();
  });
});

test("the preview's Buffer (the buffer package webpack provides) reads the zip directory too, zip64 included", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Buffer: Polyfill } = require("buffer/") as { Buffer: typeof Buffer };
  for (const zip64 of [false, true]) {
    const bytes = await cellsBesideDiagnosis(10, { zip64 });
    const ours = zipEntries(Polyfill.from(bytes));
    expect(ours).toEqual(zipEntries(bytes));
    expect((ours as { name: string }[]).map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
  }
});

describe("counting cells in a sheet part", () => {
  const xml = Buffer.from(
    '<?xml version="1.0"?><x:worksheet xmlns:x="s"><x:cols><x:col min="1" max="30"/></x:cols><x:sheetData>' +
      '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"/></x:row><row r="2"><c r="A2" t="s"><v>0</v></c><cols/><cell/></row>' +
      '</x:sheetData><mergeCells><mergeCell note=">" ref="A5:C9"/><mergeCell ref=\'$D$1:$E$2\'/></mergeCells>' +
      '<dataValidations><dataValidation type="list" sqref="D1:D1048576 F3 G4:H5"><formula1>"a,b"</formula1></dataValidation></dataValidations></x:worksheet>',
    "utf8",
  );
  const expected = { elements: 5, mergedCells: 15 + 4, columns: 30, validatedCells: 1_048_576 + 1 + 4 };

  test("cells, rows, merges, column definitions and validated cells, with or without a namespace prefix", () => {
    const s = new SheetScanner();
    s.feed(xml);
    expect({ elements: s.elements, mergedCells: s.mergedCells, columns: s.columns, validatedCells: s.validatedCells }).toEqual(expected);
    expect(s.cells).toBe(5 + 19 + 30);
  });

  test("the same counts whichever way the part is cut into pieces", () => {
    for (let size = 1; size <= 64; size++) {
      const s = new SheetScanner();
      for (let i = 0; i < xml.length; i += size) s.feed(xml.subarray(i, i + size));
      expect({ size, elements: s.elements, mergedCells: s.mergedCells, columns: s.columns, validatedCells: s.validatedCells }).toEqual({
        size,
        ...expected,
      });
    }
  });

  test("areas of references", () => {
    expect(areaOf("A1")).toBe(1);
    expect(areaOf("B2:A1")).toBe(4);
    expect(areaOf("A1:XFD1048576")).toBe(16384 * 1048576);
    expect(areaOf("  A1:A3   C1 ")).toBe(4);
    expect(areaOf("nonsense")).toBe(1);
    expect(areaOf(null)).toBe(0);
  });
});

describe("limits on the command line", () => {
  test("a 500,000-cell workbook is still analysed", async () => {
    writeFileSync(join(dir, "large.xlsx"), await cellsBesideDiagnosis(500_000));
    const r = run(["analyze", "--json", "large.xlsx"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].diagnoses.map((d: { sheet: string }) => d.sheet)).toEqual(["自社診断"]);
    expect(500_000 + 50_000).toBeLessThan(MAX_CELLS);
  });

  test("one file past a limit stops neither the others nor the run, and nothing prints a stack trace", async () => {
    const good = await toBuffer(textDropdown().wb);
    writeFileSync(join(dir, "good.xlsx"), good);
    writeFileSync(join(dir, "bomb.xlsx"), inflationBomb());
    writeFileSync(join(dir, "lying.xlsx"), inflationBomb(2048 * MiB, 100 * 1024));
    writeFileSync(join(dir, "merge.xlsx"), mergeBomb());
    writeFileSync(join(dir, "empty.xlsx"), "");
    mkdirSync(join(dir, "folder.xlsx"));
    const files = ["good.xlsx", "bomb.xlsx", "lying.xlsx", "merge.xlsx", "empty.xlsx", "folder.xlsx", "missing.xlsx", "good.xlsx"];
    const r = run(["analyze", "--json", ...files]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const doc = JSON.parse(r.stdout);
    const codes = doc.results.map((x: { messages: { code: string }[]; diagnoses: unknown[] }) =>
      x.diagnoses.length ? "read" : x.messages.map((m) => m.code).join(),
    );
    expect(codes).toEqual([
      "read",
      "file-content-too-large",
      "file-unreadable",
      "file-too-many-cells",
      "file-empty",
      "file-is-folder",
      "file-not-found",
      "read",
    ]);
    const text = run(["analyze", ...files]);
    expect(text.stdout).not.toMatch(STACK_TRACE);
    expect(text.stdout).toContain("ファイル「empty.xlsx」は空です（0 バイト）");
    expect(text.stdout).toContain("「folder.xlsx」はフォルダーです。フォルダーの中の Excel ブック（.xlsx）を指定してください。");
    expect(text.stdout).not.toContain("CSV");
  });

  (existsSync("/dev/zero") ? test : test.skip)("a device that never ends is read no further than the limit; a pipe is read", () => {
    const r = run(["analyze", "/dev/zero", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('File "/dev/zero" is 256 MB+, more than can be read (256 MB).');
    const sample = join(__dirname, "..", "samples", "sample-diagnosis.xlsx");
    const piped = spawnSync("sh", ["-c", `cat "$1" | "$2" "$3" analyze --json /dev/stdin`, "sh", sample, process.execPath, CLI], { encoding: "utf8" });
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout).results[0].diagnoses.length).toBe(2);
  });

  test("a file that cannot be opened says so, not that it is damaged", () => {
    writeFileSync(join(dir, "secret.xlsx"), "x");
    chmodSync(join(dir, "secret.xlsx"), 0o000);
    chmodSync(dir, 0o755);
    const r = run(["analyze", "secret.xlsx"], isRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ファイル「secret.xlsx」を開けませんでした（開く権限がないか、他のアプリが使っています）。");
    expect(r.stdout).toMatch(/（詳細: EACCES: permission denied, open 'secret\.xlsx'）。/);
  });

  test("annotate refuses a workbook past a limit and writes nothing", () => {
    writeFileSync(join(dir, "merge.xlsx"), mergeBomb());
    const r = run(["annotate", "merge.xlsx", "-o", "out.xlsx", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Workbook "merge.xlsx" has too many cells to read (about 12,000,002 in sheet "表紙"');
    expect(readdirSync(dir)).toEqual(["merge.xlsx"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Files on disk

const isRoot = process.getuid?.() === 0;

describe("where annotate writes", () => {
  let company: Buffer;
  beforeAll(async () => {
    company = await toBuffer(textDropdown().wb);
  });
  beforeEach(() => writeFileSync(join(dir, "company.xlsx"), company));

  async function hasOurSheets(file: string): Promise<boolean> {
    return findAddinSheets(await readWorkbookBuffer(readFileSync(file), "x.xlsx")).length > 0;
  }

  test("--in-place on a symbolic link writes through to its target; the link stays and the target keeps its mode", async () => {
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "book.xlsx"), company);
    chmodSync(join(dir, "real", "book.xlsx"), 0o640);
    symlinkSync(join("real", "book.xlsx"), join(dir, "link.xlsx"));
    const r = run(["annotate", "link.xlsx", "--in-place"]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, "link.xlsx")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "link.xlsx"))).toBe(join("real", "book.xlsx"));
    expect(await hasOurSheets(join(dir, "real", "book.xlsx"))).toBe(true);
    expect(statSync(join(dir, "real", "book.xlsx")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["company.xlsx", "link.xlsx", "real"]);
    expect(readdirSync(join(dir, "real"))).toEqual(["book.xlsx"]);

    // -o onto a link with --force: the same.
    symlinkSync(join("real", "book.xlsx"), join(dir, "out-link.xlsx"));
    expect(run(["clear", "company.xlsx", "-o", "out-link.xlsx", "--force"]).code).toBe(0);
    expect(lstatSync(join(dir, "out-link.xlsx")).isSymbolicLink()).toBe(true);
    expect(await hasOurSheets(join(dir, "real", "book.xlsx"))).toBe(false);
  });

  test("a link to nothing is refused", () => {
    symlinkSync("nowhere.xlsx", join(dir, "dangling.xlsx"));
    const r = run(["annotate", "company.xlsx", "-o", "dangling.xlsx", "--force"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("「dangling.xlsx」はリンク（シンボリックリンク）ですが、リンク先のファイルがありません。");
    expect(existsSync(join(dir, "nowhere.xlsx"))).toBe(false);
  });

  test("a file with another hard link is refused, in place or as the output: both names keep the same file", () => {
    linkSync(join(dir, "company.xlsx"), join(dir, "alias.xlsx"));
    writeFileSync(join(dir, "old.xlsx"), "old");
    linkSync(join(dir, "old.xlsx"), join(dir, "old-alias.xlsx"));
    for (const args of [
      ["company.xlsx", "--in-place"],
      ["company.xlsx", "-o", "old.xlsx", "--force"],
    ]) {
      const r = run(["annotate", ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("ハードリンク、全部で 2 個の名前");
      expect(r.stderr).toContain("-o で別のファイルに書き出してください");
    }
    for (const [a, b, content] of [
      ["company.xlsx", "alias.xlsx", company],
      ["old.xlsx", "old-alias.xlsx", Buffer.from("old")],
    ] as const) {
      const sa = statSync(join(dir, a));
      expect([sa.ino, sa.nlink]).toEqual([statSync(join(dir, b)).ino, 2]);
      expect(readFileSync(join(dir, a)).equals(content)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(["alias.xlsx", "company.xlsx", "old-alias.xlsx", "old.xlsx"]);
    // Writing to the other name of the input is writing the input.
    expect(run(["annotate", "company.xlsx", "-o", "alias.xlsx", "--force"]).stderr).toContain("読み込むファイルそのもの");
  });

  test("a read-only file is refused with a sentence saying so, and left as it was", () => {
    chmodSync(join(dir, "company.xlsx"), 0o444);
    const r = run(["annotate", "company.xlsx", "--in-place", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"company.xlsx" is read-only and was not changed.');
    writeFileSync(join(dir, "old-out.xlsx"), "old");
    chmodSync(join(dir, "old-out.xlsx"), 0o444);
    expect(run(["annotate", "company.xlsx", "-o", "old-out.xlsx", "--force"]).stderr).toContain("「old-out.xlsx」は読み取り専用のため書き換えません。");
    expect(readFileSync(join(dir, "company.xlsx")).equals(company)).toBe(true);
    expect(readFileSync(join(dir, "old-out.xlsx"), "utf8")).toBe("old");
    expect(statSync(join(dir, "company.xlsx")).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir).sort()).toEqual(["company.xlsx", "old-out.xlsx"]);
  });

  test("a FIFO, a folder or a device as the output is refused even with --force, and left as it was", () => {
    mkdirSync(join(dir, "folder.xlsx"));
    const targets = ["folder.xlsx"];
    if (spawnSync("mkfifo", [join(dir, "pipe.xlsx")]).status === 0) targets.push("pipe.xlsx");
    // A device node of our own (the null device's numbers), where we may make one.
    if (isRoot && spawnSync("mknod", [join(dir, "device.xlsx"), "c", "1", "3"]).status === 0) targets.push("device.xlsx");
    expect(targets.length).toBeGreaterThan(process.platform === "linux" ? 2 : 0);
    for (const target of targets) {
      const r = run(["annotate", "company.xlsx", "-o", target, "--force"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`「${target}」はファイルではありません（フォルダーやデバイスなど）。`);
    }
    expect(lstatSync(join(dir, "folder.xlsx")).isDirectory()).toBe(true);
    if (targets.includes("pipe.xlsx")) expect(lstatSync(join(dir, "pipe.xlsx")).isFIFO()).toBe(true);
    if (targets.includes("device.xlsx")) expect(lstatSync(join(dir, "device.xlsx")).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["company.xlsx", ...targets].sort());
    expect(readdirSync(join(dir, "folder.xlsx"))).toEqual([]);
  });

  test("a missing output folder is named, with what to do, and not the temporary file", () => {
    const r = run(["annotate", "company.xlsx", "-o", join("missing", "out.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("書き込み先のフォルダー「missing」がありません。フォルダーを作ってからやり直すか");
    expect(r.stderr).not.toMatch(/ENOENT|tmp/);
    expect(readdirSync(dir)).toEqual(["company.xlsx"]);
  });

  test("a folder that cannot be written to is named, with what to do", () => {
    mkdirSync(join(dir, "locked"));
    chmodSync(join(dir, "locked"), 0o555);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "company.xlsx"), 0o644);
    // root may write anywhere: run as nobody there.
    const as = isRoot ? { uid: 65534, gid: 65534 } : {};
    const r = run(["annotate", "company.xlsx", "-o", join("locked", "out.xlsx"), "--lang", "en"], as);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The folder "locked" cannot be written to \(no permission, or a read-only place\)\. Give -o a file in a folder you can write to/);
    expect(r.stderr).not.toContain(".tmp");
    expect(readdirSync(join(dir, "locked"))).toEqual([]);
    // In place, in that folder.
    writeFileSync(join(dir, "locked2.xlsx"), company);
    chmodSync(join(dir, "locked2.xlsx"), 0o666);
    chmodSync(dir, 0o555);
    const inPlace = run(["annotate", "locked2.xlsx", "--in-place"], as);
    expect(inPlace.code).toBe(1);
    // The current folder is named in full.
    expect(inPlace.stderr).toContain(`フォルダー「${dir}」には書き込めません`);
    expect(readFileSync(join(dir, "locked2.xlsx")).equals(company)).toBe(true);
  });

  test("a folder given as the input is called a folder", () => {
    mkdirSync(join(dir, "book.xlsx"));
    const r = run(["annotate", "book.xlsx", "-o", "out.xlsx", "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('"book.xlsx" is a folder. Give the Excel workbook (.xlsx) inside it.\n');
    const inPlace = run(["clear", "book.xlsx", "--in-place"]);
    expect(inPlace.stderr).toBe("「book.xlsx」はフォルダーです。フォルダーの中の Excel ブック（.xlsx）を指定してください。\n");
  });
});

// ---------------------------------------------------------------------------------------------
// Interrupted writes

/** Our temporary-file name for `base` as a process `pid` on this machine would choose it. */
function temporaryName(base: string, pid: number, host = hostname()): string {
  const tag = createHash("sha256").update(host).digest("hex").slice(0, 8);
  return `${base}.shindan-tmp-${tag}-${pid}-${randomBytes(6).toString("hex")}`;
}

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid!;
}

describe("interrupted writes", () => {
  /** A diagnosis with a 24 MB picture that does not compress: a write long enough to interrupt. */
  let big: Buffer;
  beforeAll(async () => {
    const wb = newBook();
    const { wb: book } = textDropdown(wb);
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), randomBytes(24 * MiB)]);
    const image = book.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    book.worksheets[0].addImage(image, "F2:H10");
    big = await toBuffer(book);
  });

  /**
   * Runs annotate and sends `signal` while the temporary file is being written: the command is
   * stopped (SIGSTOP) as soon as a new file appears in the folder, and signalled only if the
   * output is still untouched. "missed" when the write was over before it could be stopped.
   */
  async function interrupt(
    signal: NodeJS.Signals,
    args: string[],
    untouched: () => boolean,
  ): Promise<{ outcome: "interrupted" | "missed"; signal: string | null; code: number | null; stderr: string }> {
    const before = new Set(readdirSync(dir));
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let outcome: "interrupted" | "missed" = "missed";
    let handled = false;
    const watcher = watch(dir, (_event, name) => {
      if (handled || !name || before.has(name) || !existsSync(join(dir, name))) return;
      handled = true;
      child.kill("SIGSTOP");
      waitUntilStopped(child.pid!);
      if (existsSync(join(dir, name)) && untouched()) {
        child.kill(signal);
        outcome = "interrupted";
      }
      child.kill("SIGCONT");
    });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, sig) => resolve({ code, signal: sig })),
    );
    watcher.close();
    return { outcome, ...exit, stderr };
  }

  /** Linux: until /proc says the process is stopped (kill returns before the signal lands). */
  function waitUntilStopped(pid: number): void {
    const file = `/proc/${pid}/stat`;
    if (!existsSync(file)) return;
    const until = Date.now() + 2000;
    while (Date.now() < until && !/^\d+ \(.*\) [tT] /.test(readFileSync(file, "utf8"))) {
      // spin: a few microseconds at most
    }
  }

  const cases: [NodeJS.Signals, string, "new" | "existing" | "in place"][] = [
    ["SIGINT", "a new output", "new"],
    ["SIGTERM", "over an existing output", "existing"],
    ["SIGHUP", "over the input (--in-place)", "in place"],
  ];
  test.each(cases)("%s while writing %s leaves no temporary file, and the output absent or as it was", async (signal, _what, kind) => {
    let last = "";
    for (let attempt = 0; attempt < 4; attempt++) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      writeFileSync(join(dir, "company.xlsx"), big);
      const old = Buffer.from("the old output");
      if (kind === "existing") writeFileSync(join(dir, "out.xlsx"), old);
      const target = kind === "in place" ? "company.xlsx" : "out.xlsx";
      const args = kind === "in place" ? ["annotate", "company.xlsx", "--in-place"] : ["annotate", "company.xlsx", "-o", "out.xlsx", "--force"];
      const untouched = () => (kind === "new" ? !existsSync(join(dir, "out.xlsx")) : readFileSync(join(dir, target)).equals(kind === "existing" ? old : big));
      const r = await interrupt(signal, args, untouched);
      last = `${r.outcome} ${r.signal} ${r.code} ${r.stderr}`;
      if (r.outcome === "missed") continue;
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.signal).toBe(signal);
      expect(readdirSync(dir).sort()).toEqual(kind === "new" ? ["company.xlsx"] : kind === "existing" ? ["company.xlsx", "out.xlsx"] : ["company.xlsx"]);
      expect(untouched()).toBe(true);
      expect(readFileSync(join(dir, "company.xlsx")).equals(big)).toBe(true);
      return;
    }
    throw new Error(`the write was never caught in progress: ${last}`);
  });

  test("a temporary file left by a process that is gone is removed by the next write into its folder; others are left", async () => {
    writeFileSync(join(dir, "company.xlsx"), await toBuffer(textDropdown().wb));
    const stale = temporaryName("out.xlsx", deadPid());
    const staleOther = temporaryName("report.xlsx", deadPid());
    const live = temporaryName("out.xlsx", process.pid);
    const elsewhere = temporaryName("out.xlsx", deadPid(), `${hostname()}-another-machine`);
    const unrelated = "out.xlsx.tmp-notes";
    for (const name of [stale, staleOther, live, elsewhere, unrelated]) writeFileSync(join(dir, name), "partial");
    const r = run(["annotate", "company.xlsx", "-o", "out.xlsx"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["company.xlsx", elsewhere, live, "out.xlsx", unrelated].sort());
  });

  test("the writer removes its temporary file when the write fails, and keeps a replaced file's mode", async () => {
    const out = join(dir, "out.xlsx");
    writeFileSync(out, "old");
    chmodSync(out, 0o600);
    await writeFileAtomic(Buffer.from("new"), out, { overwrite: true });
    expect(readFileSync(out, "utf8")).toBe("new");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await expect(writeFileAtomic(Buffer.from("x"), join(dir, "nope", "out.xlsx"))).rejects.toMatchObject({ code: "folder-missing", folder: join(dir, "nope") });
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  test("a write that fails after the temporary file was written (the rename refused, as Windows does for a file Excel holds) leaves the old file and no temporary file", async () => {
    const out = join(dir, "held.xlsx");
    writeFileSync(out, "old");
    const busy = Object.assign(new Error("EBUSY: resource busy or locked, rename"), { code: "EBUSY" });
    const rename = jest.spyOn(fsPromises, "rename").mockRejectedValueOnce(busy);
    try {
      await expect(writeFileAtomic(Buffer.from("new"), out, { overwrite: true })).rejects.toMatchObject({ code: "busy" });
      // The temporary file was there when the rename was asked for.
      expect(rename).toHaveBeenCalledWith(expect.stringContaining("shindan-tmp"), out);
    } finally {
      rename.mockRestore();
    }
    expect(readFileSync(out, "utf8")).toBe("old");
    expect(readdirSync(dir).filter((n) => n.includes("shindan-tmp"))).toEqual([]);
  });
});
