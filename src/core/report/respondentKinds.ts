/**
 * What a respondent is, read from its name: a site (本社, 工場, 大阪支店), a department (営業部,
 * 総務課), a person (山田部長, 社長, 田中さん), or not known. IPA asks each site or department to
 * answer on its own sheet and the person in charge to aggregate, so two sheets are often two
 * sites, not two people: the summary counts them as what they are and says 「回答 2 件」 when the
 * names do not tell (a surname and a place name look alike; C列 or 表2 say nothing).
 *
 * A title is looked at first (工場長 and 部長 are people), then a department's ending, then a
 * site's words.
 */
import type { ChosenKind, RespondentName, RespondentKind } from "../assessment";

export type { RespondentKind } from "../assessment";

const PERSON =
  /(社長|会長|副社長|専務|常務|取締役|役員|代表|部長|課長|係長|主任|室長|店長|工場長|所長|支店長|センター長|責任者|担当者?|管理者|社員|従業員|職員|スタッフ|さん|様|氏|殿)$|^(mr|ms|mrs|dr)\.?\s|\b(manager|director|president|ceo|cio|cto|owner|staff|employee|officer|admin(istrator)?)\b/i;
const DEPARTMENT = /(部|課|室|係|班|チーム|グループ|部門|事業部|本部)$|\b(department|dept|team|division|section|group|unit)\b/i;
const SITE =
  /(本社|本店|支社|支店|営業所|事業所|出張所|工場|倉庫|店舗|店|センター|研究所|拠点|オフィス|事務所)$|^(本社|本店|工場)|\b(office|plant|factory|branch|store|shop|site|headquarters|hq|warehouse|depot)\b/i;

/**
 * The kind of one respondent. A name the engine made from a position (C列, 表2: a ResourceRef) or
 * none at all is unknown.
 */
export function respondentKind(name: RespondentName | null): RespondentKind {
  if (typeof name !== "string") return "unknown";
  // "本社/C列": the part the workbook wrote is the sheet's name before the slash.
  const s = name
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]$/, "")
    .trim();
  if (s === "") return "unknown";
  if (PERSON.test(s)) return "person";
  if (DEPARTMENT.test(s)) return "department";
  if (SITE.test(s)) return "site";
  return "unknown";
}

/** A respondent's kind: the coach's when given, else what its name tells (see respondentKind). */
export function kindOf(r: { respondent: RespondentName | null; kind?: ChosenKind }): RespondentKind {
  return r.kind ?? respondentKind(r.respondent);
}

/** The kind shared by all respondents (the coach's word first), or unknown when they differ or any is unknown. */
export function commonKind(respondents: readonly { respondent: RespondentName | null; kind?: ChosenKind }[]): RespondentKind {
  const kinds = new Set(respondents.map(kindOf));
  return kinds.size === 1 ? [...kinds][0] : "unknown";
}
