/**
 * The owner's one-page summary (経営者向けまとめ), SECURITY ACTION readiness, the company's name,
 * and the summary sheet's fixes of issue 13: respondents named by what they are, no band for a
 * blank diagnosis, answer cells coloured by each respondent's own answer. Pure: the sample is read
 * once with the ExcelJS host; other workbooks are snapshots written here.
 */
import { analyseWorkbook, type Analysis } from "../src/core/analyse";
import { BANDS, ITEMS, PARTS } from "../src/core/catalog/diagnosis";
import { ITEM_MEASURES, ROLES } from "../src/core/catalog/itemMeasures";
import { POLICY_ELEMENTS } from "../src/core/catalog/regulations";
import { findCompanyName } from "../src/core/companyName";
import { t } from "../src/core/i18n";
import { checkPlan, type Plan, type SheetPlan } from "../src/core/plan";
import { prioritise } from "../src/core/prioritise";
import { HIGHLIGHT_COLORS, OWNER_BAR_CELLS, annotatePlan, barCells, companySnapshot } from "../src/core/report";
import { basisText } from "../src/core/report/common";
import { OWNER_COLORS, OWNER_PAGE_HEIGHT, ownerSheet, sheetHeight, type OwnerSummaryInput } from "../src/core/report/ownerSheet";
import { respondentKind } from "../src/core/report/respondentKinds";
import { BASIC_RULE_ITEMS, securityActionReadiness } from "../src/core/securityAction";
import { scoreRespondent } from "../src/core/score";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/core/snapshot";
import { readWorkbookBuffer } from "../src/xlsx/readSnapshot";
import { SAMPLE } from "../scripts/fixtures";
import { a1, parseRange } from "../src/core/address";

const TODAY = "2026-03-12";

function texts(s: SheetPlan): string[] {
  return s.cells.flatMap((b) => b.rows.flatMap((r) => r.map((c) => c?.value).filter((v): v is string => typeof v === "string")));
}
function sheetOf(plan: Plan, kind: string): SheetPlan {
  const s = plan.sheets.find((x) => x.marker === kind);
  if (!s) throw new Error(`no ${kind} sheet`);
  return s;
}
function sheet(name: string, values: CellValue[][], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return { name, visibility: "visible", top: 0, left: 0, values, hiddenRows: [], hiddenColumns: [], merges: [], ...extra };
}
const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ name: "診断_最終版.xlsx", sheets });

/** The workbook as the next run sees it: the company's sheets plus ours as the plan writes them, and the state. */
function annotated(company: WorkbookSnapshot, plan: Plan, edit?: (name: string, values: CellValue[][]) => void): WorkbookSnapshot {
  const ours = plan.sheets.map((s) => {
    const values: CellValue[][] = s.cells[0].rows.map((r) => r.map((c) => (c?.value ?? null) as CellValue));
    values[0] = [...values[0]];
    while (values[0].length < 60) values[0].push(null);
    values[0][59] = `shindan-coach:${s.marker}`;
    edit?.(s.name, values);
    return sheet(s.name, values, { merges: s.merges ?? [] });
  });
  const json = JSON.stringify((plan.state as { write: unknown }).write);
  const state = sheet("ShindanCoachState", [["shindan-coach-state"], [json]], { visibility: "veryHidden" });
  return { name: company.name, sheets: [...company.sheets, ...ours, state] };
}

let sample: WorkbookSnapshot;
let analysis: Analysis;
beforeAll(async () => {
  sample = await readWorkbookBuffer(await SAMPLE.build(), "sample-diagnosis.xlsx");
  analysis = analyseWorkbook(sample);
});

describe("the owner's summary from the sample", () => {
  let plan: Plan;
  let owner: SheetPlan;
  let all: string[];
  beforeAll(() => {
    plan = annotatePlan(sample, analysis, "ja", undefined, { today: TODAY }).plan;
    owner = sheetOf(plan, "owner");
    all = texts(owner);
  });

  test("first among our sheets, A4 portrait, every row of a set height within one page", () => {
    expect(plan.sheets[0]).toBe(owner);
    expect(owner.position).toBe(0);
    expect(owner.name).toBe(t("ja", "report.owner.sheetName"));
    expect(owner.print).toMatchObject({ orientation: "portrait", paper: "A4", fitToWidth: true });
    expect(checkPlan(plan)).toEqual([]);
    const rows = owner.cells[0].rows.length;
    expect(new Set(owner.rowHeights!.map((h) => h.row))).toEqual(new Set(Array.from({ length: rows }, (_, i) => i)));
    expect(sheetHeight(owner)).toBeLessThanOrEqual(OWNER_PAGE_HEIGHT);
  });

  test("the company's name (from the form's head line) and the date", () => {
    expect(all).toContain("株式会社やまびこ製作所");
    expect(all).toContain("2026/03/12");
    expect(all.join("\n")).not.toContain("sample-diagnosis");
  });

  test("the total and its band in the band's colour, and what it means", () => {
    const c = analysis.consolidated!;
    const band = BANDS.find((b) => b.id === c.band)!;
    expect(all).toContain(t("ja", "report.summary.totalValue", { total: c.total }));
    const bandCell = owner.cells[0].rows.flat().find((x) => x?.value === band.label.ja)!;
    expect(bandCell.style?.fill).toBe("C00000");
    expect(all).toContain(band.meaning.ja);
    // The first diagnosis: the place for the change says so.
    expect(all).toContain(t("ja", "report.owner.firstDiagnosis"));
  });

  test("the three parts as bars of filled cells, as long as each part's share", () => {
    const c = analysis.consolidated!;
    const barRows = owner.cells[0].rows.filter(
      (r) => r.filter((x) => x?.style?.fill === OWNER_COLORS.barFilled || x?.style?.fill === OWNER_COLORS.barEmpty).length === OWNER_BAR_CELLS,
    );
    expect(barRows).toHaveLength(PARTS.length);
    barRows.forEach((r, i) => {
      const filled = r.filter((x) => x?.style?.fill === OWNER_COLORS.barFilled).length;
      expect(filled).toBe(barCells(c.parts[i].points, c.parts[i].max));
    });
    expect(barCells(7, 20)).toBe(4);
    expect(barCells(-3, 28)).toBe(0);
    expect(barCells(28, 28)).toBe(OWNER_BAR_CELLS);
  });

  test("the headline is the action plan's six measures, with their usual owner and no due date yet", () => {
    const six = annotatePlan(sample, analysis, "ja", undefined, { today: TODAY }).actionPlan.measures.filter((m) => m.headline);
    expect(six).toHaveLength(6);
    // As many as fit the page, in the plan's order; the others counted.
    const shown = six.filter((m) => all.includes(m.text));
    expect(shown).toEqual(six.slice(0, shown.length));
    expect(shown.length).toBeGreaterThanOrEqual(4);
    if (shown.length < 6) expect(all).toContain(t("ja", "report.owner.moreMeasures", { count: 6 - shown.length }));
    const first = six.find((m) => m.items.length > 0)!;
    expect(all).toContain(ROLES.find((r) => r.id === ITEM_MEASURES[first.items[0]].owner)!.label.ja);
    expect(all).toContain(t("ja", "report.owner.undecided"));
  });

  test("the regulations to create or revise: the company's decisions, our recommendation where it has none", () => {
    const text = all.join("\n");
    expect(text).toContain(t("ja", "report.owner.regulationsNew", { names: "組織的対策、IT基盤運用管理、テレワークにおける対策" }));
    // 物理的対策 has no decision: recommended revise, marked proposed; アクセス制御 is kept (the company's call).
    expect(text).toContain(t("ja", "report.owner.proposedName", { name: "物理的対策" }));
    expect(text).not.toContain("アクセス制御及び認証");
    expect(text).not.toContain("システム開発及び保守");
  });

  test("SECURITY ACTION status and the next checkpoint three months on", () => {
    const text = all.join("\n");
    expect(text).toContain(t("ja", "report.owner.oneStar"));
    expect(text).toContain(t("ja", "report.owner.twoStar"));
    expect(text).toContain(t("ja", "report.owner.gap.notPublished"));
    expect(text).not.toMatch(/認定を取得|取得済|認定済|certified/);
    expect(text).toContain(t("ja", "report.owner.checkpointText", { date: "2026/06/12" }));
  });

  test("the action plan's headline: what the plan sheet says of its six measures, with owner and due date", () => {
    const first = annotatePlan(sample, analysis, "ja", undefined, { today: TODAY });
    const six = first.actionPlan.measures.filter((m) => m.headline);
    expect(six).toHaveLength(6);
    const pending = { measures: { [six[0].id]: { owner: { name: "総務部長 佐藤" }, due: "2026-06-30", checkpoint: "2026-04-15" } }, added: [] };
    const r = annotatePlan(sample, analysis, "ja", undefined, { today: TODAY, pending });
    const text = texts(sheetOf(r.plan, "owner")).join("\n");
    expect(text).toContain(six[0].text);
    expect(text).toContain("総務部長 佐藤");
    expect(text).toContain("2026/06/30");
    // The next checkpoint: the earliest set on a headline measure.
    expect(text).toContain(t("ja", "report.owner.checkpointText", { date: "2026/04/15" }));
  });

  test("the previous result and a long list that would not fit", () => {
    const long = "取引先ごとに秘密保持の条項を見直し、契約の更新時に新しいひな形で結び直す。あわせて委託先の管理状況を年に一度確かめる。".repeat(2);
    const headline = Array.from({ length: 6 }, (_, i) => ({ title: `${i + 1}: ${long}`, owner: "総務部長", due: "2026-06-30" }));
    const input: OwnerSummaryInput = {
      company: null,
      today: TODAY,
      headline,
      previous: { date: "2025-09-01", total: 30 },
      checkpoint: "2026-05-01",
      regulations: null,
      securityAction: securityActionReadiness(analysis, null),
    };
    const s = ownerSheet(analysis, input, "経営者向けまとめ", 0, "ja").sheet;
    const text = texts(s).join("\n");
    expect(text).toContain("総務部長");
    expect(text).toContain("2026/06/30");
    expect(text).toContain(
      t("ja", "report.owner.changeSince", {
        date: "2025/09/01",
        previous: 30,
        total: analysis.consolidated!.total,
        diff: `+${analysis.consolidated!.total - 30}`,
      }),
    );
    expect(text).toContain("2026/05/01");
    // Fewer measures shown, the rest counted: the page still fits.
    expect(sheetHeight(s)).toBeLessThanOrEqual(OWNER_PAGE_HEIGHT);
    const shown = headline.filter((h) => text.includes(h.title)).length;
    expect(shown).toBeLessThan(6);
    expect(text).toContain(t("ja", "report.owner.moreMeasures", { count: 6 - shown }));
  });

  test("English: the same page in English", () => {
    const s = sheetOf(annotatePlan(sample, analysis, "en", undefined, { today: TODAY }).plan, "owner");
    expect(s.name).toBe("Summary for the owner");
    expect(texts(s)).toContain("2026-03-12");
    expect(sheetHeight(s)).toBeLessThanOrEqual(OWNER_PAGE_HEIGHT);
  });
});

describe("SECURITY ACTION readiness", () => {
  const policy = (status: "present" | "missing" | "rework" | null) => ({
    sheet: "基本方針チェック",
    checks: POLICY_ELEMENTS.map((p) => ({ id: p.id, status, note: null, cell: null })),
  });

  test("the sample: ★ declarable with the basic rules' standing; ★★ lacks the policy's parts and its publication", () => {
    const r = securityActionReadiness(analysis, null);
    expect(r.oneStar.declarable).toBe(true);
    expect(r.oneStar.rules.map((x) => x.item)).toEqual(BASIC_RULE_ITEMS);
    const c = analysis.consolidated!;
    expect(r.oneStar.toWorkOn).toEqual(BASIC_RULE_ITEMS.filter((no) => c.answers[no - 1].answer !== "implemented"));
    expect(r.twoStar.ready).toBe(false);
    expect(r.twoStar.missing).toEqual([
      {
        kind: "policy-incomplete",
        elements: [
          { id: "organisation", status: "rework" },
          { id: "compliance", status: "missing" },
          { id: "violations-incidents", status: "rework" },
          { id: "enactment-date", status: null },
          { id: "representative", status: null },
        ],
      },
      { kind: "not-published" },
    ]);
  });

  test("★★ ready: diagnosis complete, every part of the policy present, published", () => {
    const a = { ...analysis, policy: policy("present") };
    const r = securityActionReadiness(a, "  https://example.co.jp/security  ");
    expect(r.twoStar).toEqual({ ready: true, missing: [], published: "https://example.co.jp/security", policySheet: "基本方針チェック" });
  });

  test("no checklist, no diagnosis, an incomplete diagnosis", () => {
    expect(securityActionReadiness({ ...analysis, policy: null }, "x").twoStar.missing).toEqual([{ kind: "no-policy-checklist" }]);
    const none = securityActionReadiness({ ...analysis, diagnoses: [], consolidated: null, policy: policy("present") }, "x");
    expect(none.twoStar.missing).toEqual([{ kind: "no-diagnosis" }]);
    expect(none.oneStar).toEqual({
      declarable: true,
      rules: BASIC_RULE_ITEMS.map((item) => ({ item, answer: null, inPlace: false })),
      toWorkOn: [...BASIC_RULE_ITEMS],
    });
    const single = analysis.diagnoses[0];
    expect(single.unanswered.length).toBeGreaterThan(0);
    const part = securityActionReadiness({ ...analysis, diagnoses: [single], consolidated: null, policy: policy("present") }, "x");
    expect(part.twoStar.missing).toEqual([{ kind: "diagnosis-incomplete", unanswered: single.unanswered }]);
  });
});

describe("the summary sheet", () => {
  test("a blank diagnosis gets no band, on the summary nor on the owner's page", () => {
    const blank = scoreRespondent({ sheet: "自社診断", respondent: null, answers: ITEMS.map((i) => ({ no: i.no, answer: null, cell: a1(i.no, 2) })) });
    const a: Analysis = { diagnoses: [blank], leftOut: [], consolidated: null, messages: [], regulations: null, policy: null };
    const { plan } = annotatePlan(book(sheet("自社診断", [["No"]])), a, "ja", undefined, { today: TODAY });
    const summary = texts(sheetOf(plan, "summary"));
    const owner = texts(sheetOf(plan, "owner"));
    for (const b of BANDS) {
      expect(summary).not.toContain(b.label.ja);
      expect(owner).not.toContain(b.label.ja);
    }
    expect(summary).toContain(t("ja", "report.summary.noAnswers"));
    expect(summary).toContain(t("ja", "report.summary.noBand"));
    expect(owner).toContain(t("ja", "report.owner.noResult"));
  });

  test("a total with unanswered items is marked provisional, per respondent", async () => {
    const s = texts(sheetOf(annotatePlan(sample, analysis, "ja", undefined, { today: TODAY }).plan, "summary"));
    const honsha = analysis.diagnoses[0];
    expect(honsha.complete).toBe(false);
    expect(s).toContain(t("ja", "report.summary.provisionalValue", { total: honsha.total }));
  });

  test("respondents are named by what they are: sites, departments, people, else 回答 N 件", () => {
    expect(["本社", "工場", "大阪支店", "名古屋営業所", "Head office"].map(respondentKind)).toEqual(Array(5).fill("site"));
    expect(["総務部", "営業課", "情報システム室", "Sales team"].map(respondentKind)).toEqual(Array(4).fill("department"));
    expect(["山田部長", "社長", "田中さん", "工場長", "IT manager"].map(respondentKind)).toEqual(Array(5).fill("person"));
    expect(["山田", "大阪", null, { ref: "name.column", params: { column: "C" } } as never].map(respondentKind)).toEqual(Array(4).fill("unknown"));

    expect(basisText(analysis, "ja")).toBe(t("ja", "report.basis.consolidated.site", { count: 2, names: "本社、工場" }));
    expect(basisText(analysis, "ja")).toMatch(/^2拠点/);
    const named = (names: string[]): Analysis => ({ ...analysis, diagnoses: names.map((n, i) => ({ ...analysis.diagnoses[i % 2], respondent: n })) });
    expect(basisText(named(["総務部", "製造課"]), "ja")).toMatch(/^2部署/);
    expect(basisText(named(["山田部長", "佐藤課長", "社長"]), "ja")).toMatch(/^3名/);
    expect(basisText(named(["山田", "佐藤"]), "ja")).toMatch(/^回答 2 件/);
    expect(basisText(named(["本社", "総務部"]), "ja")).toMatch(/^回答 2 件/);
    expect(basisText(named(["山田", "佐藤"]), "en")).toMatch(/^Overall result of 2 answer sets/);
  });

  test("the company's answer cells are coloured only where that respondent's own answer is weak", () => {
    const { plan } = annotatePlan(sample, analysis, "ja", undefined, { today: TODAY });
    const items = prioritise(analysis.consolidated);
    const cls = new Map(items.map((p) => [p.no, p.class]));
    const [honsha, kojo] = analysis.diagnoses;
    // An item 本社 does and 工場 does not: in the focus or next class because of 工場.
    const split = ITEMS.map((i) => i.no).filter(
      (no) => honsha.answers[no - 1].answer === "implemented" && kojo.answers[no - 1].answer !== "implemented" && cls.get(no) !== "maintain",
    );
    expect(split.length).toBeGreaterThan(0);
    const coloured = (sheetName: string, cell: string) =>
      plan.highlights!.some((h) => h.sheet === sheetName && JSON.stringify(h.range) === JSON.stringify(parseRange(cell)));
    for (const no of split) {
      expect({ no, honsha: coloured(honsha.sheet, honsha.answers[no - 1].cell!) }).toEqual({ no, honsha: false });
      expect({ no, kojo: coloured(kojo.sheet, kojo.answers[no - 1].cell!) }).toEqual({ no, kojo: true });
    }
    expect(plan.highlights!.filter((h) => h.fill !== HIGHLIGHT_COLORS.absent).every((h) => h.values![0][0] !== "実施している")).toBe(true);
  });
});

describe("the company's name", () => {
  test("read from a label: beside it (through merged cells), after a colon up to the next field, with a note in the label", () => {
    expect(
      findCompanyName(book(sheet("表紙", [["会社名", null, null, "株式会社みなと精機"]], { merges: [{ top: 0, left: 0, bottom: 0, right: 2 }] }))),
    ).toEqual({ name: "株式会社みなと精機", sheet: "表紙", cell: "D1" });
    expect(findCompanyName(book(sheet("診断", [["自社診断"], ["会社名：株式会社みなと精機　　記入日：2024年4月1日"]])))?.name).toBe("株式会社みなと精機");
    expect(findCompanyName(book(sheet("診断", [[null, "事業者名（正式名称）", "有限会社さくら商店"]])))?.name).toBe("有限会社さくら商店");
    expect(findCompanyName(book(sheet("Cover", [["Company name:", "Acme Ltd."]])))?.name).toBe("Acme Ltd.");
  });

  test("not from a customer list, a blank form's placeholder, a hidden or example sheet", () => {
    const customers = sheet("顧客", [
      ["会社名", "担当者", "電話番号"],
      ["東和運輸株式会社", "鈴木", "03-0000-0000"],
      ["丸山食品株式会社", "高橋", "06-0000-0000"],
    ]);
    expect(findCompanyName(book(customers))).toBeNull();
    expect(findCompanyName(book(sheet("診断", [["会社名", "（記入してください）"]])))).toBeNull();
    expect(findCompanyName(book(sheet("診断", [["会社名", "○○株式会社"]])))).toBeNull();
    expect(findCompanyName(book(sheet("記入例", [["会社名", "株式会社れいぶん"]])))).toBeNull();
    expect(findCompanyName(book(sheet("控え", [["会社名", "株式会社かくれ"]], { visibility: "hidden" })))).toBeNull();
    // A form's next label under the name is no table.
    expect(
      findCompanyName(
        book(
          sheet("表紙", [
            ["会社名", "株式会社みなと精機"],
            ["代表者名", "港 一郎"],
            ["所在地", "横浜市"],
          ]),
        ),
      )?.name,
    ).toBe("株式会社みなと精機");
    // A name with its legal form but no label: only in the head of a sheet the diagnosis was read from.
    const head = sheet("本社", [["自社診断"], ["株式会社やまびこ製作所　本社　記入者：山田"]]);
    expect(findCompanyName(book(head))).toBeNull();
    expect(findCompanyName(book(head), ["本社"])?.name).toBe("株式会社やまびこ製作所");
  });

  test("missing: a placeholder to fill in, never the file's name", () => {
    // The sample's head lines without the company's name.
    const bare = book(
      ...companySnapshot(sample).sheets.map((s) => ({
        ...s,
        values: s.values.map((r) => r.map((v) => (typeof v === "string" && v.includes("やまびこ") ? null : v))),
      })),
    );
    const a = analyseWorkbook(bare);
    const r = annotatePlan(bare, a, "ja", undefined, { today: TODAY });
    expect(r.owner.company).toEqual({ name: null, source: "none", found: null });
    const owner = texts(sheetOf(r.plan, "owner"));
    expect(owner).toContain(t("ja", "report.owner.companyMissing"));
    expect(owner.join()).not.toContain("診断_最終版");
    expect(texts(sheetOf(r.plan, "summary"))[0]).toBe(t("ja", "report.summary.title"));
  });

  test("given now (pane, --company) wins; typed into our sheet it stays; copied from the workbook it follows the workbook", () => {
    const given = annotatePlan(sample, analysis, "ja", { ratings: {}, notes: {}, owner: { company: "やまびこ製作所株式会社" } }, { today: TODAY });
    expect(given.owner.company.source).toBe("entered");
    expect(texts(sheetOf(given.plan, "summary"))[0]).toBe(t("ja", "report.summary.titleCompany", { company: "やまびこ製作所株式会社" }));
    // The next run reads it back from our sheet (the state says it was entered).
    const again = annotated(sample, given.plan);
    const second = annotatePlan(again, analyseWorkbook(again), "ja", undefined, { today: TODAY });
    expect(second.owner.company).toMatchObject({ name: "やまびこ製作所株式会社", source: "entered" });

    // Copied from the workbook: a changed workbook is followed.
    const first = annotatePlan(sample, analysis, "ja", undefined, { today: TODAY });
    const renamed = annotated(
      {
        ...sample,
        sheets: sample.sheets.map((s) => (s.name === "本社" ? { ...s, values: s.values.map((r, i) => (i === 1 ? ["株式会社やまびこ精工　本社"] : r)) } : s)),
      },
      first.plan,
    );
    expect(annotatePlan(renamed, analyseWorkbook(renamed), "ja", undefined, { today: TODAY }).owner.company).toMatchObject({
      name: "株式会社やまびこ精工",
      source: "workbook",
    });

    // Typed over ours in the sheet, with where the policy is published.
    const ownerName = sheetOf(first.plan, "owner").name;
    const typed = annotated(sample, first.plan, (name, values) => {
      if (name !== ownerName) return;
      for (const row of values) {
        if (row[0] === t("ja", "report.owner.company")) row[2] = "やまびこ（株）";
        if (row[0] === t("ja", "report.owner.published")) row[2] = "https://yamabiko.example.jp/policy";
      }
    });
    const third = annotatePlan(typed, analyseWorkbook(typed), "ja", undefined, { today: TODAY });
    expect(third.owner.company).toMatchObject({ name: "やまびこ（株）", source: "entered" });
    expect(third.owner.securityAction.twoStar.published).toBe("https://yamabiko.example.jp/policy");
    expect(texts(sheetOf(third.plan, "owner"))).toContain("https://yamabiko.example.jp/policy");
    // An empty entry drops the typed name: the workbook's again.
    const cleared = annotatePlan(typed, analyseWorkbook(typed), "ja", { ratings: {}, notes: {}, owner: { company: "", published: "" } }, { today: TODAY });
    expect(cleared.owner.company).toMatchObject({ name: "株式会社やまびこ製作所", source: "workbook" });
    expect(cleared.owner.securityAction.twoStar.published).toBeNull();
  });
});

test("ownerSheet alone: a blank input makes a valid page", () => {
  const a: Analysis = { diagnoses: [], leftOut: [], consolidated: null, messages: [], regulations: null, policy: null };
  const input: OwnerSummaryInput = {
    company: null,
    today: TODAY,
    headline: [],
    previous: null,
    checkpoint: "2026-06-12",
    regulations: null,
    securityAction: securityActionReadiness(a, null),
  };
  const { sheet: s } = ownerSheet(a, input, "x", 0, "ja");
  expect(checkPlan({ sheets: [s] })).toEqual([]);
  expect(texts(s)).toContain(t("ja", "report.owner.noMeasures"));
  expect(texts(s)).toContain(t("ja", "report.owner.noChecksheet"));
});
