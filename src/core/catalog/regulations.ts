/**
 * The regulation checksheet as data: IPA's 11 sample regulations (付録5) with their sections
 * as the seed lists them, the four review decisions of 「今回の見直し」, and the headings of the
 * sample basic policy. Section names are the seed's labels; summaries are the project's words.
 */
import type { Localised } from "../i18n";

/** A regulation's number in the catalog, 1–11. */
export type RegulationNo = number;
/** A section's number within its regulation: "1", "2", … for 大, "1.1" for 中. */
export type SectionNo = string;

export interface SectionDef {
  no: SectionNo;
  name: string;
  children?: SectionDef[];
}

export interface RegulationDef {
  no: RegulationNo;
  name: string;
  /** The name in English (the project's own translation), for the pane in English. */
  english: string;
  /** Other spellings met on company sheets (及び/並びに variants are handled by the matcher). */
  aliases: string[];
  summary: Localised;
  sections: SectionDef[];
}

const s = (no: string, name: string, children?: SectionDef[]): SectionDef => (children ? { no, name, children } : { no, name });
const list = (...names: string[]) => names.map((n, i) => s(String(i + 1), n));

export const REGULATIONS: readonly RegulationDef[] = [
  {
    no: 1,
    name: "組織的対策",
    english: "Organisational measures",
    aliases: [],
    summary: { ja: "推進体制、監査・点検、社内での情報共有を決める。", en: "Who runs security, how it is audited and how information is shared." },
    sections: list("情報セキュリティのための組織", "情報セキュリティ体制図", "情報セキュリティ取り組みの監査・点検／点検", "情報セキュリティに関する情報共有"),
  },
  {
    no: 2,
    name: "人的対策",
    english: "Human resource measures",
    aliases: [],
    summary: { ja: "役員・従業員の責務、教育、人材育成を決める。", en: "Duties of directors and staff, training and skills." },
    sections: list("雇用条件", "従業員の責務", "雇用の終了", "情報セキュリティ教育", "人材育成"),
  },
  {
    no: 3,
    name: "情報資産管理",
    english: "Information asset management",
    aliases: [],
    summary: {
      ja: "情報資産の管理、持ち出し、媒体の処分、バックアップを決める。",
      en: "Managing information assets, taking them out, disposal of media, backups.",
    },
    sections: [
      s("1", "情報資産の管理", [
        s("1.1", "情報資産の特定と機密性の評価"),
        s("1.2", "情報資産の分類の表示"),
        s("1.3", "情報資産の管理責任者"),
        s("1.4", "情報資産の利用者"),
      ]),
      s("2", "情報資産の社外持ち出し"),
      s("3", "媒体の処分"),
      s("4", "バックアップ"),
    ],
  },
  {
    no: 4,
    name: "アクセス制御及び認証",
    english: "Access control and authentication",
    aliases: ["アクセス制御"],
    summary: { ja: "情報へのアクセスの方針と、利用者・端末の認証を決める。", en: "Access policy and the authentication of users and devices." },
    sections: list(
      "アクセス制御方針",
      "利用者の認証",
      "利用者アカウントの登録",
      "利用者アカウントの管理",
      "パスワードの設定",
      "従業員以外の者に対する利用者アカウントの発行",
      "端末の識別による認証",
      "端末のタイムアウト機能",
      "標準設定等",
    ),
  },
  {
    no: 5,
    name: "物理的対策",
    english: "Physical measures",
    aliases: [],
    summary: { ja: "守るべき区域の設定と、区域内での注意事項を決める。", en: "Secure areas of the premises and the care taken inside them." },
    sections: list("セキュリティ領域の設定", "関連設備の管理", "セキュリティ領域内注意事項", "搬入物の受け渡し"),
  },
  {
    no: 6,
    name: "IT機器利用",
    english: "Use of IT equipment",
    aliases: ["IT機器の利用"],
    summary: { ja: "IT機器とソフトウェアの使い方を決める。", en: "How IT equipment and software are used." },
    sections: list("ソフトウェアの利用", "IT機器の利用", "クリアデスク・クリアスクリーン", "インターネットの利用", "私有IT機器・電子媒体の利用", "標準等"),
  },
  {
    no: 7,
    name: "IT基盤運用管理",
    english: "IT infrastructure operations",
    aliases: ["IT基盤の運用管理"],
    summary: { ja: "サーバーやネットワークなどIT基盤の運用を決める。", en: "Running the IT infrastructure: servers, networks and services." },
    sections: list(
      "管理体制",
      "IT基盤の情報セキュリティ対策",
      "IT基盤の運用",
      "クラウドサービスの導入",
      "脅威や攻撃に関する情報の収集",
      "廃棄・返却・譲渡",
      "IT基盤の情報セキュリティ要件及び標準",
    ),
  },
  {
    no: 8,
    name: "システム開発及び保守",
    english: "System development and maintenance",
    aliases: ["システムの開発及び保守", "情報システムの開発及び保守"],
    summary: { ja: "自社で開発・保守する情報システムの扱いを決める。", en: "Information systems the company develops and maintains itself." },
    sections: list("新規システム開発・改修", "脆弱性への対処", "情報システムの開発環境", "情報システムの保守", "情報システムの変更"),
  },
  {
    no: 9,
    name: "委託管理",
    english: "Outsourcing management",
    aliases: ["業務委託管理"],
    summary: { ja: "委託先の選定、契約、評価を決める。", en: "Choosing, contracting and evaluating subcontractors." },
    sections: list("委託先評価基準", "委託先の選定", "委託契約の締結", "委託先の評価", "再委託"),
  },
  {
    no: 10,
    name: "情報セキュリティインシデント対応及び事業継続管理",
    english: "Incident response and business continuity",
    aliases: ["インシデント対応及び事業継続管理", "情報セキュリティインシデント対応"],
    summary: { ja: "事故が起きたときの対応と、事業を続けるための備えを決める。", en: "Responding to incidents and keeping the business running." },
    sections: list(
      "対応体制",
      "情報セキュリティインシデントの影響範囲と対応者",
      "インシデントの連絡及び報告",
      "対応手順",
      "届出及び相談",
      "情報セキュリティインシデントによる事業中断と事業継続管理",
      "事業継続計画",
    ),
  },
  {
    no: 11,
    name: "テレワークにおける対策",
    english: "Telework measures",
    aliases: ["テレワーク対策", "テレワーク"],
    summary: { ja: "テレワークでの機器、ネットワーク、勤務の決まりを定める。", en: "Devices, networks and working rules for telework." },
    sections: list(
      "テレワーク共通ルール",
      "情報機器のセキュリティ",
      "ネットワーク機器のセキュリティ：テレワークのネットワーク環境",
      "勤務中のルール",
      "データ・書類の保存",
      "社内問い合わせ・緊急連絡先",
    ),
  },
];

/** The sections that count for coverage: those without sub-sections. */
export function deepestSections(r: RegulationDef): SectionDef[] {
  const out: SectionDef[] = [];
  const walk = (xs: SectionDef[]) => xs.forEach((x) => (x.children ? walk(x.children) : out.push(x)));
  walk(r.sections);
  return out;
}

export type DecisionId = "new" | "revised" | "keep" | "not-needed";

export interface DecisionDef {
  id: DecisionId;
  /** The wording of the sheet's dropdown (ja: the seed's label). */
  label: Localised;
  /** Other ways the decision is written; compared after normalisation. */
  spellings: string[];
}

export const DECISIONS: readonly DecisionDef[] = [
  {
    id: "new",
    label: { ja: "新規に作成した（作成予定）", en: "Written new (or to be written)" },
    spellings: ["新規に作成した", "新規に作成した(作成予定)", "作成予定", "新規作成", "新規作成予定", "新規に作成予定"],
  },
  {
    id: "revised",
    label: { ja: "既存のものを見直し改定した（改定予定）", en: "Existing one revised (or to be revised)" },
    spellings: ["既存のものを見直し改定した", "既存のものを見直し改定した(改定予定)", "改定予定", "改定した", "見直し改定", "改定"],
  },
  {
    id: "keep",
    label: { ja: "特に対応無しと判断した（既存のまま）", en: "No change needed (kept as is)" },
    spellings: ["特に対応無しと判断した", "特に対応無しと判断した(既存のまま)", "既存のまま", "特に対応無し", "特に対応なし", "対応なし"],
  },
  {
    id: "not-needed",
    label: { ja: "当面は作成の必要なしと判断した", en: "Not needed for now" },
    spellings: ["当面は作成の必要なしと判断した", "作成の必要なし", "当面不要", "必要なし"],
  },
];

export type PolicyElementId =
  "management-responsibility" | "organisation" | "employees" | "compliance" | "violations-incidents" | "enactment-date" | "representative";

export interface PolicyElementDef {
  id: PolicyElementId;
  /** The heading as the sample policy names it (or the element's name for date and signature). */
  heading: string;
  aliases: string[];
  /** What the expert looks for, in the project's words. */
  check: Localised;
}

export const POLICY_ELEMENTS: readonly PolicyElementDef[] = [
  {
    id: "management-responsibility",
    heading: "経営者の責任",
    aliases: ["経営者責任"],
    check: { ja: "経営者が自ら率いて継続的に改善すると宣言しているか", en: "Management states it leads and keeps improving security" },
  },
  {
    id: "organisation",
    heading: "社内体制の整備",
    aliases: ["社内体制"],
    check: { ja: "推進する組織を置き、対策を正式な規則として定めるとしているか", en: "An organisation is set up and measures become formal rules" },
  },
  {
    id: "employees",
    heading: "従業員の取組み",
    aliases: ["従業員の取り組み", "従業員の取組"],
    check: { ja: "従業員が必要な知識と技術を身につけるとしているか", en: "Staff acquire the knowledge and skills security needs" },
  },
  {
    id: "compliance",
    heading: "法令及び契約上の要求事項の遵守",
    aliases: ["法令及び契約上の要求事項の順守", "法令の遵守"],
    check: { ja: "法令・規範・契約上の義務を守るとしているか", en: "Laws, norms and contractual duties are complied with" },
  },
  {
    id: "violations-incidents",
    heading: "違反及び事故への対応",
    aliases: ["違反及び事故の対応"],
    check: { ja: "違反や事故に速やかに対応し再発を防ぐとしているか", en: "Violations and incidents are handled promptly and not repeated" },
  },
  {
    id: "enactment-date",
    heading: "制定日",
    aliases: ["制定年月日"],
    check: { ja: "制定（改定）の日付が入っているか", en: "The date of enactment (or revision) is given" },
  },
  {
    id: "representative",
    heading: "代表者名",
    aliases: ["代表者の氏名", "代表者氏名", "代表者"],
    check: { ja: "会社名と代表者の役職・氏名が入っているか", en: "The company and its representative's title and name are given" },
  },
];

export type PolicyStatus = "present" | "missing" | "rework";

export const POLICY_STATUSES: readonly { id: PolicyStatus; label: Localised; spellings: string[] }[] = [
  { id: "present", label: { ja: "記載あり", en: "Present" }, spellings: ["記載あり", "あり", "有", "済", "ok", "present"] },
  { id: "missing", label: { ja: "記載なし", en: "Missing" }, spellings: ["記載なし", "なし", "無", "未記載", "missing"] },
  { id: "rework", label: { ja: "要修正", en: "Needs rework" }, spellings: ["要修正", "要見直し", "修正要", "needs rework", "rework"] },
];

/** How 有/無 is written on a check sheet; the first of each is what the template's dropdown offers. */
export const PRESENCE_SPELLINGS: Readonly<Record<"present" | "absent", Localised & { other: string[] }>> = {
  present: { ja: "有", en: "Yes", other: ["有り", "あり", "○", "〇", "◯", "yes", "present"] },
  absent: { ja: "無", en: "No", other: ["無し", "なし", "×", "✕", "x", "no", "absent"] },
};
