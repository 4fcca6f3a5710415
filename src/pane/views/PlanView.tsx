/**
 * The action plan (情報セキュリティ対策実行計画): the measures in plan order with the headline six
 * marked; per measure the owner (a role from the list, or a name), due date, status, resources
 * (人・物・金), checkpoint and result, each saved as it is changed; drop a measure (状況 見送り) or
 * take it back; add a measure from the items and regulations not in the plan, or in the expert's
 * own words. The same data as the plan sheet: edits go into that sheet when it exists (one action),
 * else they are pending like the priorities' edits.
 */
import { useState } from "react";
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, mergeClasses } from "@fluentui/react-components";
import { ROLES } from "../../core/catalog/itemMeasures";
import {
  CHECKPOINT_MONTHS,
  HEADLINE_COUNT,
  MEASURE_STATUSES,
  addMonths,
  isTypedText,
  type MeasureEdits,
  type MeasureId,
  type MeasureStatus,
  type PlanMeasure,
  type Typed,
} from "../../core/actionPlan";
import { formatDate, type MessageKey } from "../../core/i18n";
import { planRowCell, type Examined } from "../session";
import { useLang, useT } from "../strings";
import { NotYet, useViewStyles, type Select as SelectFn } from "./common";
import { useDraft } from "./useDraft";

const useStyles = makeStyles({
  dropped: { opacity: 0.6 },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(120px, 1fr))", gap: "6px" },
  // The owner's roles (「情報セキュリティ責任者」) need more than a grid cell: the whole row.
  fullRow: { gridColumn: "1 / -1" },
  wide: { minWidth: 0, width: "100%" },
});

export interface PlanViewProps {
  examined: Examined | null;
  pending: number;
  busy: boolean;
  onEdit: (id: MeasureId, edits: MeasureEdits) => void;
  onAdd: (id: MeasureId | null, text?: string) => void;
  select: SelectFn;
}

const typedText = (v: Typed<string | number> | null): string => (v === null ? "" : isTypedText(v) ? v.text : String(v));

export function PlanView({ examined, pending, busy, onEdit, onAdd, select }: PlanViewProps) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  const [addId, setAddId] = useState("");
  const [addText, setAddText] = useState("");
  if (!examined) return <NotYet />;
  const plan = examined.actionPlan;
  const yen = (n: number) => n.toLocaleString("en-US");
  return (
    <section className={s.section} aria-labelledby="plan-h" data-testid="plan-view">
      <h2 id="plan-h" className={s.h2}>
        {t("pane.plan.title")}
      </h2>
      <Text size={200} className={s.muted}>
        {t("pane.plan.how", { headline: HEADLINE_COUNT, sheet: examined.planSheet ?? t("report.plan.sheetName" as never) })}
      </Text>
      {!examined.planSheet && (
        <MessageBar intent={pending ? "warning" : "info"} data-testid="plan-pending">
          <MessageBarBody>{pending ? t("pane.plan.pending", { count: pending }) : t("pane.plan.noSheet")}</MessageBarBody>
        </MessageBar>
      )}
      <Text size={200} data-testid="plan-date">
        {t("pane.plan.date", { date: formatDate(lang, { date: plan.date }), checkpoint: formatDate(lang, { date: addMonths(plan.date, CHECKPOINT_MONTHS) }) })}
      </Text>
      <Text weight="semibold" data-testid="plan-totals">
        {t("pane.plan.totals", { days: plan.totals.days, initial: yen(plan.totals.initialCost), yearly: yen(plan.totals.yearlyCost) })}
      </Text>
      {plan.measures.length === 0 && <Text className={s.muted}>{t("pane.plan.empty")}</Text>}
      {plan.measures.map((m) => (
        <MeasureCard key={m.id} m={m} sheet={examined.planSheet} busy={busy} onEdit={onEdit} select={select} />
      ))}
      <h3 className={s.h3}>{t("pane.plan.add")}</h3>
      <Field label={t("pane.plan.addFrom")} size="small">
        <Select data-testid="plan-add-select" value={addId} disabled={busy} onChange={(_, d) => setAddId(d.value)}>
          <option value="">{t("pane.plan.addChoose")}</option>
          {plan.addable.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("pane.plan.addText")} size="small">
        <Input data-testid="plan-add-text" value={addText} disabled={busy} onChange={(_, d) => setAddText(d.value)} />
      </Field>
      <div className={s.row}>
        <Button
          size="small"
          data-testid="plan-add"
          disabled={busy || (addId === "" && addText.trim() === "")}
          onClick={() => {
            if (addId) onAdd(addId);
            else onAdd(null, addText.trim());
            setAddId("");
            setAddText("");
          }}
        >
          {t("pane.plan.addButton")}
        </Button>
      </div>
    </section>
  );
}

/** A text field saved when it loses focus or on Enter, if it changed. */
function SavedInput({
  value,
  onSave,
  testId,
  label,
  type = "text",
  disabled,
}: {
  value: string;
  onSave: (v: string) => void;
  testId: string;
  label: string;
  type?: "text" | "date" | "number";
  disabled: boolean;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useDraft(value);
  const save = () => {
    if (draft !== value) onSave(draft);
  };
  return (
    <Field label={label} size="small">
      <Input
        className={styles.wide}
        size="small"
        type={type}
        data-testid={testId}
        value={draft}
        disabled={disabled}
        onChange={(_, d) => setDraft(d.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.nativeEvent.isComposing && e.keyCode !== 229) save();
        }}
      />
    </Field>
  );
}

function MeasureCard({
  m,
  sheet,
  busy,
  onEdit,
  select,
}: {
  m: PlanMeasure;
  sheet: string | null;
  busy: boolean;
  onEdit: PlanViewProps["onEdit"];
  select: SelectFn;
}) {
  const t = useT();
  const lang = useLang();
  const styles = useStyles();
  const s = useViewStyles();
  const dropped = m.status === "dropped";
  const role = m.owner && "role" in m.owner ? m.owner.role : m.owner ? "custom" : "";
  // The select's choice: the owner's role, or "custom" while a name is typed; a new owner from the workbook replaces it.
  const [choice, setChoice] = useDraft<string>(role);
  const custom = choice === "custom";
  const day = (v: Typed<string> | null) => (v === null || isTypedText(v) ? "" : v);
  const amount = (key: "days" | "initialCost" | "yearlyCost") => (v: string) => {
    const n = Number(v.normalize("NFKC").replace(/,/g, ""));
    onEdit(m.id, { [key]: v.trim() === "" ? null : Number.isFinite(n) ? n : { text: v } });
  };
  const statusValue = isTypedText(m.status) ? "" : m.status;
  return (
    <article className={mergeClasses(s.card, dropped && styles.dropped)} data-testid={`measure-${m.id}`} aria-labelledby={`m-${m.id}-h`}>
      <div className={s.cardHead}>
        {m.headline && (
          <Badge appearance="filled" color="danger" data-testid={`headline-${m.id}`}>
            {t("pane.plan.headline")}
          </Badge>
        )}
        <Text weight="semibold" id={`m-${m.id}-h`}>
          {t("pane.plan.measureTitle", { order: m.order, text: m.text })}
        </Text>
      </div>
      {m.related && <Text size={200}>{t("pane.plan.related", { related: m.related })}</Text>}
      <div className={styles.grid}>
        <Field label={t("pane.plan.owner")} size="small" className={styles.fullRow}>
          <Select
            className={styles.wide}
            size="small"
            data-testid={`owner-${m.id}`}
            value={custom ? "custom" : role}
            disabled={busy}
            onChange={(_, d) => {
              setChoice(d.value);
              if (d.value !== "custom") {
                onEdit(m.id, { owner: d.value === "" ? null : { role: d.value as (typeof ROLES)[number]["id"] } });
              }
            }}
          >
            <option value="">—</option>
            {ROLES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label[lang]}
              </option>
            ))}
            <option value="custom">{t("pane.plan.ownerCustom")}</option>
          </Select>
        </Field>
        {custom && (
          <SavedInput
            label={t("pane.plan.ownerName")}
            testId={`owner-name-${m.id}`}
            value={m.owner && "name" in m.owner ? m.owner.name : ""}
            disabled={busy}
            onSave={(v) => onEdit(m.id, { owner: v.trim() === "" ? null : { name: v.trim() } })}
          />
        )}
        <SavedInput
          label={t("pane.plan.due")}
          type="date"
          testId={`due-${m.id}`}
          value={day(m.due)}
          disabled={busy}
          onSave={(v) => onEdit(m.id, { due: v === "" ? null : v })}
        />
        <Field label={t("pane.plan.status")} size="small">
          <Select
            className={styles.wide}
            size="small"
            data-testid={`status-${m.id}`}
            value={statusValue}
            disabled={busy}
            onChange={(_, d) => onEdit(m.id, { status: d.value as MeasureStatus })}
          >
            {isTypedText(m.status) && <option value="">{m.status.text}</option>}
            {MEASURE_STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`report.plan.status.${st}` as MessageKey as never)}
              </option>
            ))}
          </Select>
        </Field>
        <SavedInput label={t("pane.plan.days")} type="number" testId={`days-${m.id}`} value={typedText(m.days)} disabled={busy} onSave={amount("days")} />
        <SavedInput
          label={t("pane.plan.equipment")}
          testId={`equipment-${m.id}`}
          value={m.equipment ?? ""}
          disabled={busy}
          onSave={(v) => onEdit(m.id, { equipment: v.trim() === "" ? null : v })}
        />
        <SavedInput
          label={t("pane.plan.initialCost")}
          type="number"
          testId={`initial-${m.id}`}
          value={typedText(m.initialCost)}
          disabled={busy}
          onSave={amount("initialCost")}
        />
        <SavedInput
          label={t("pane.plan.yearlyCost")}
          type="number"
          testId={`yearly-${m.id}`}
          value={typedText(m.yearlyCost)}
          disabled={busy}
          onSave={amount("yearlyCost")}
        />
        <SavedInput
          label={t("pane.plan.checkpoint")}
          type="date"
          testId={`checkpoint-${m.id}`}
          value={day(m.checkpoint)}
          disabled={busy}
          onSave={(v) => onEdit(m.id, { checkpoint: v === "" ? null : v })}
        />
        <SavedInput
          label={t("pane.plan.result")}
          testId={`result-${m.id}`}
          value={m.result ?? ""}
          disabled={busy}
          onSave={(v) => onEdit(m.id, { result: v.trim() === "" ? null : v })}
        />
      </div>
      <div className={s.row}>
        <Button size="small" data-testid={`drop-${m.id}`} disabled={busy} onClick={() => onEdit(m.id, { status: dropped ? "todo" : "dropped" })}>
          {dropped ? t("pane.plan.restore") : t("pane.plan.drop")}
        </Button>
        {sheet && select && (
          <Button size="small" appearance="subtle" onClick={() => select(sheet, planRowCell(m))}>
            {t("pane.plan.showRow")}
          </Button>
        )}
      </div>
    </article>
  );
}
