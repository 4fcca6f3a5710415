/**
 * Every respondent found, counted or left out (and why), each with the coach's say: a switch to
 * count it or not, its name (「D列」 → 「営業部」) and what it is (a site, a department, a person).
 * The choices are recorded in the workbook (core/respondentChoices.ts) with the sheets: once they
 * exist, a change rewrites them at once; before, it is pending and the analysis shows it.
 */
import { useDraft } from "./useDraft";
import { Field, Input, MessageBar, MessageBarBody, Select, Switch, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { CHOSEN_KINDS, nameText, type ChosenKind } from "../../core/assessment";
import type { PaneKey } from "../strings";
import { respondentRows, type Examined, type RespondentRow } from "../session";
import { useLang, useT } from "../strings";
import { CellLink, submitOnEnter, useViewStyles, type Select as SelectFn } from "./common";

export type RespondentChange = { counted?: boolean; name?: string; kind?: ChosenKind | null };

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  out: { backgroundColor: tokens.colorNeutralBackground3 },
  head: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "2px", alignItems: "baseline" },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  fields: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(170px, 1fr))", gap: "6px" },
  select: { minWidth: 0, width: "100%" },
});

export function RespondentsList({
  examined,
  busy,
  onChoice,
  select,
}: {
  examined: Examined;
  busy: boolean;
  onChoice: (row: RespondentRow, change: RespondentChange) => void;
  select: SelectFn;
}) {
  const t = useT();
  const s = useViewStyles();
  const styles = useStyles();
  const rows = respondentRows(examined);
  if (rows.length === 0) return null;
  return (
    <>
      <h3 className={s.h3} id="respondents-h">
        {t("pane.respondents.title", { count: rows.length })}
      </h3>
      <Text size={200} className={s.muted}>
        {t("pane.respondents.help")}
      </Text>
      {examined.ours.length === 0 && (
        <MessageBar intent="info" data-testid="respondents-pending">
          <MessageBarBody>{t("pane.respondents.pending")}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} data-testid="found-respondents" aria-labelledby="respondents-h">
        {rows.map((r, i) => (
          <RespondentItem key={`${r.sheet}\u0000${JSON.stringify(r.found)}`} row={r} index={i} busy={busy} onChoice={onChoice} select={select} />
        ))}
      </ul>
    </>
  );
}

function RespondentItem({
  row,
  index,
  busy,
  onChoice,
  select,
}: {
  row: RespondentRow;
  index: number;
  busy: boolean;
  onChoice: (row: RespondentRow, change: RespondentChange) => void;
  select: SelectFn;
}) {
  const t = useT();
  const lang = useLang();
  const styles = useStyles();
  const view = useViewStyles();
  const shown = row.name === null ? row.sheet : nameText(row.name, lang);
  const named = row.name === null ? "" : nameText(row.name, lang);
  // The workbook's name after a write or a new analysis replaces the draft.
  const [draft, setDraft] = useDraft(named);
  const save = () => {
    if (draft.trim() !== named.trim()) onChoice(row, { name: draft.trim() });
  };
  const renamed = row.choice.name !== undefined;
  const status =
    row.reason === null
      ? t("pane.respondents.in")
      : t(`pane.respondents.reason.${row.reason}` as PaneKey, { from: row.from.map((n) => nameText(n, lang)).join(t("pane.list.separator")) });
  return (
    <li className={row.counted ? view.card : mergeClasses(view.card, styles.out)} data-testid="respondent" data-name={shown} data-counted={row.counted}>
      <div className={styles.head}>
        {/* The name, and its sheet as a link; a sheet's own respondent's name is the link. */}
        <span className={styles.name}>{shown === row.sheet ? <CellLink sheet={row.sheet} cell={null} select={select} /> : shown}</span>
        {shown !== row.sheet && <CellLink sheet={row.sheet} cell={null} select={select} />}
        {/* As the results show it: nothing answered has no figure, an incomplete total is provisional. */}
        <Text size={200} data-testid={`found-total-${index}`}>
          {row.blank
            ? t("pane.found.respondentNoAnswers")
            : t(row.complete ? "pane.found.respondentTotal" : "pane.found.respondentTotalProvisional", { total: row.total })}
        </Text>
      </div>
      <div className={styles.status}>{status}</div>
      <Switch
        data-testid="respondent-counted"
        checked={row.counted}
        disabled={busy}
        label={t("pane.respondents.counted")}
        aria-label={t("pane.respondents.countedLabel", { name: shown })}
        onChange={(_, d) => onChoice(row, { counted: d.checked })}
      />
      <div className={styles.fields}>
        <Field
          label={t("pane.respondents.name")}
          hint={renamed ? t("pane.respondents.foundAs", { name: row.found === null ? row.sheet : nameText(row.found, lang) }) : undefined}
          size="small"
        >
          <Input
            data-testid="respondent-name"
            value={draft}
            placeholder={row.sheet}
            disabled={busy}
            onChange={(_, d) => setDraft(d.value)}
            onBlur={save}
            onKeyDown={submitOnEnter(save)}
          />
        </Field>
        <Field label={t("pane.respondents.kind")} size="small">
          <Select
            className={styles.select}
            data-testid="respondent-kind"
            value={row.choice.kind ?? ""}
            disabled={busy}
            onChange={(_, d) => onChoice(row, { kind: d.value === "" ? null : (d.value as ChosenKind) })}
          >
            <option value="">{t("pane.respondents.kind.auto", { guess: t(`pane.respondents.kind.${row.guess}` as PaneKey) })}</option>
            {CHOSEN_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`pane.respondents.kind.${k}` as PaneKey)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </li>
  );
}
