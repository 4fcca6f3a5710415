import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { CHECKSHEET_FIXTURES, FIXTURES } from "../scripts/fixtures";
import { recogniseDiagnosisSheet } from "../src/core/recognise/diagnosisSheet";
import { analyseWorkbook } from "../src/core/analyse";
test("dbg", async () => {
  const f = [...FIXTURES, ...CHECKSHEET_FIXTURES].find((x) => x.id === process.env.FX)!;
  const snap = await readWorkbookBuffer(await f.build(), "x.xlsx");
  for (const s of snap.sheets) {
    const o = recogniseDiagnosisSheet(s);
    console.log(s.name, o.kind, JSON.stringify(o.kind === "none" ? o.messages : o.finding.messages.map((m) => [m.level, m.code, m.cell])).slice(0, 1500));
  }
  const a = analyseWorkbook(snap);
  console.log(a.diagnoses.map((d) => [d.sheet, d.respondent, d.total]), JSON.stringify(a.messages.map((m) => [m.level, m.code, m.sheet, m.cell])));
});
