/**
 * The 25 items by rank with their class: first a one-line-per-item overview (rank, No, short
 * title, class, priority), then a card each with the three ratings editable in place, the interview note
 * with the drill-down questions beside it; filters for 重点 and quick wins; a link to the item's row on the
 * priority sheet.
 */
import { useState } from "react";
import { Badge, Button, Checkbox, Field, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { ITEMS, type ItemNo } from "../../core/catalog/diagnosis";
import { ITEM_GUIDANCE, RATING_LABELS, type Rating } from "../../core/catalog/itemGuidance";
import { ITEM_MEASURES } from "../../core/catalog/itemMeasures";
import { RATING_KEYS, type PriorityItem, type RatingKey } from "../../core/prioritise";
import { answerLabel, itemShort } from "../../core/report/common";
import type { MessageKey } from "../../core/i18n";
import { priorityRowCell, type Examined } from "../session";
import { useLang, useT } from "../strings";
import { NotYet, useViewStyles, type Select as SelectFn, submitOnEnter } from "./common";
import { useDraft } from "./useDraft";

const RATINGS: readonly Rating[] = ["high", "medium", "low"];

const useStyles = makeStyles({
  // 140 px: room for 「高（既定）」 and "Medium (default)" whole; at 320 px one a row.
  ratings: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(140px, 1fr))", gap: "6px" },
  select: { minWidth: 0, width: "100%" },
  questions: { margin: 0, paddingLeft: "1.2em", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export interface PrioritiesViewProps {
  examined: Examined | null;
  pending: number;
  busy: boolean;
  onRating: (no: ItemNo, key: RatingKey, rating: Rating) => void;
  onNote: (no: ItemNo, note: string) => void;
  select: SelectFn;
}

export function PrioritiesView({ examined, pending, busy, onRating, onNote, select }: PrioritiesViewProps) {
  const t = useT();
  const s = useViewStyles();
  const [quickOnly, setQuickOnly] = useState(false);
  const [focusOnly, setFocusOnly] = useState(false);
  if (!examined) return <NotYet />;
  const items = examined.priorities.filter((p) => (!quickOnly || p.quickWin) && (!focusOnly || p.class === "focus"));
  const empty = quickOnly && focusOnly ? "pane.priorities.noneShown" : quickOnly ? "pane.priorities.noQuickWins" : "pane.priorities.noFocus";
  return (
    <section className={s.section} aria-labelledby="prio-h">
      <h2 id="prio-h" className={s.h2}>
        {t("pane.priorities.title")}
      </h2>
      <Text size={200} className={s.muted}>
        {t("pane.priorities.how")}
      </Text>
      {!examined.prioritySheet && (
        <MessageBar intent={pending ? "warning" : "info"} data-testid="pending">
          <MessageBarBody>{pending ? t("pane.priorities.pending", { count: pending }) : t("pane.priorities.noSheet")}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.row}>
        <Checkbox data-testid="focus-only" checked={focusOnly} onChange={(_, d) => setFocusOnly(Boolean(d.checked))} label={t("pane.priorities.focusOnly")} />
        <Checkbox
          data-testid="quick-wins-only"
          checked={quickOnly}
          onChange={(_, d) => setQuickOnly(Boolean(d.checked))}
          label={t("pane.priorities.quickOnly")}
        />
      </div>
      {items.length === 0 && <Text className={s.muted}>{t(empty)}</Text>}
      {items.length > 0 && <Overview items={items} />}
      {items.map((item) => (
        <PriorityCard key={item.no} item={item} sheet={examined.prioritySheet} busy={busy} onRating={onRating} onNote={onNote} select={select} />
      ))}
    </section>
  );
}

/** One line per item, before the cards: what the priority sheet's first columns show. */
function Overview({ items }: { items: PriorityItem[] }) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  return (
    <>
      <h3 className={s.h3} id="prio-overview-h">
        {t("pane.priorities.overview")}
      </h3>
      <div className={s.scroll}>
        <table className={s.table} data-testid="priority-overview" aria-labelledby="prio-overview-h">
          <thead>
            <tr>
              <th scope="col">{t("pane.priorities.col.rank")}</th>
              <th scope="col">{t("pane.priorities.col.no")}</th>
              <th scope="col">{t("pane.priorities.col.item")}</th>
              <th scope="col">{t("pane.priorities.col.class")}</th>
              <th scope="col">{t("pane.priorities.col.priority")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.no} data-testid={`overview-${item.no}`}>
                <td>{item.rank}</td>
                <td>{item.no}</td>
                <td>{itemShort(item.no, lang)}</td>
                <td>{t(`report.priorities.class.${item.class}` as never)}</td>
                <td>{item.priority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PriorityCard({
  item,
  sheet,
  busy,
  onRating,
  onNote,
  select,
}: { item: PriorityItem; sheet: string | null } & Omit<PrioritiesViewProps, "examined" | "pending">) {
  const t = useT();
  const lang = useLang();
  const styles = useStyles();
  const s = useViewStyles();
  const title = ITEMS[item.no - 1].title[lang];
  // A note read back from the workbook (or saved) replaces the draft.
  const [draft, setDraft] = useDraft(item.note ?? "");
  const dirty = draft !== (item.note ?? "");
  const save = () => {
    if (dirty) onNote(item.no, draft);
  };
  const classKey = `report.priorities.class.${item.class}` as MessageKey;
  const headingId = `item-${item.no}-h`;
  return (
    <article className={s.card} data-testid={`priority-item-${item.no}`} aria-labelledby={headingId}>
      <div className={s.cardHead}>
        <Text weight="semibold" id={headingId}>
          {t("pane.priorities.rankTitle", { rank: item.rank, no: item.no, title })}
        </Text>
        <Badge appearance="tint" color={item.class === "focus" ? "danger" : item.class === "next" ? "warning" : "informative"} data-testid={`class-${item.no}`}>
          {t(classKey as never)}
        </Badge>
        {item.quickWin && (
          <Badge appearance="outline" color="success">
            {t("pane.priorities.quickWin")}
          </Badge>
        )}
      </div>
      <Text size={200}>{t("pane.priorities.answerLine", { answer: answerLabel(item.answer, lang), points: item.points, priority: item.priority })}</Text>
      <Text size={200} weight={item.class === "focus" ? "semibold" : "regular"} data-testid={`measure-text-${item.no}`}>
        {t("pane.priorities.measure", {
          measure: item.class === "maintain" ? t("report.priorities.maintainMeasure" as never) : ITEM_MEASURES[item.no].measure[lang],
        })}
      </Text>
      <div className={styles.ratings}>
        {RATING_KEYS.map((key) => (
          <Field key={key} label={t(`pane.rating.${key}` as never)} size="small">
            <Select
              className={styles.select}
              size="small"
              data-testid={`rating-${item.no}-${key}`}
              value={item.ratings[key]}
              disabled={busy}
              onChange={(_, d) => onRating(item.no, key, d.value as Rating)}
              aria-label={t("pane.rating.label", { rating: t(`pane.rating.${key}` as never), no: item.no })}
            >
              {RATINGS.map((r) => (
                <option key={r} value={r}>
                  {RATING_LABELS[r][lang]}
                  {r === item.defaults[key] ? t("pane.rating.defaultMark") : ""}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
      <Text size={200} weight="semibold" id={`q-${item.no}`}>
        {t("pane.priorities.questions")}
      </Text>
      <ul className={styles.questions} aria-labelledby={`q-${item.no}`}>
        {ITEM_GUIDANCE[item.no].drillDown.map((q, i) => (
          <li key={i}>{q[lang]}</li>
        ))}
      </ul>
      <Field label={t("pane.priorities.note", { no: item.no })} size="small" hint={t("pane.priorities.noteHint")}>
        <Textarea
          data-testid={`note-${item.no}`}
          value={draft}
          resize="vertical"
          disabled={busy}
          onChange={(_, d) => setDraft(d.value)}
          onBlur={save}
          onKeyDown={submitOnEnter(save)}
        />
      </Field>
      <div className={s.row}>
        <Button size="small" data-testid={`note-save-${item.no}`} disabled={busy || !dirty} onClick={save}>
          {t("pane.priorities.saveNote")}
        </Button>
        {sheet && select && (
          <Button size="small" appearance="subtle" onClick={() => select(sheet, priorityRowCell(item))}>
            {t("pane.priorities.showRow")}
          </Button>
        )}
      </div>
    </article>
  );
}
