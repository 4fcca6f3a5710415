/**
 * Recorded visits (issue #14): the button that records the diagnosis now as a visit (with its
 * label, prefilled with the next default), the visits recorded so far with their totals and the
 * change since the first, and the items that got better or worse from the first to the last.
 */
import { useEffect, useState } from "react";
import { Button, Field, Input, Text } from "@fluentui/react-components";
import { BANDS, type ItemNo } from "../../core/catalog/diagnosis";
import { formatDate } from "../../core/i18n";
import { itemShort } from "../../core/report/common";
import { shownBand } from "../../core/score";
import { itemChange } from "../../core/compare";
import { VISIT_LABEL_MAX, scoreRecorded } from "../../core/visits";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { NotYet, submitOnEnter, useViewStyles } from "./common";

export interface VisitsTabProps {
  examined: Examined | null;
  busy: boolean;
  /** Records the diagnosis now; label null: the next default label. */
  onRecord: (label: string | null) => void;
}

export function VisitsTab({ examined, busy, onRecord }: VisitsTabProps) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  const nextLabel = examined?.visits.nextLabel ?? "";
  const [label, setLabel] = useState(nextLabel);
  // After a recording (or a new analysis) the next default label replaces the field's text.
  useEffect(() => setLabel(nextLabel), [nextLabel]);
  if (!examined) return <NotYet />;
  const { list, currentDiffers } = examined.visits;
  const scores = list.map(scoreRecorded);
  const first = list[0];
  const last = list[list.length - 1];
  const record = () => onRecord(label.trim() === "" ? null : label.trim());
  const changed = (kind: "improved" | "worse"): ItemNo[] =>
    first && last ? first.counted.flatMap((a, i) => (itemChange(a, last.counted[i] ?? null) === kind ? [i + 1] : [])) : [];
  const items = (nos: ItemNo[]) => (nos.length ? nos.map((no) => `${no}. ${itemShort(no, lang)}`).join(t("pane.list.separator")) : t("pane.visits.noneChanged"));
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

  return (
    <section className={s.section} aria-labelledby="visits-h" data-testid="visits">
      <h2 id="visits-h" className={s.h2}>
        {t("pane.visits.title")}
      </h2>
      <Text>{t("pane.visits.what")}</Text>
      <Field label={t("pane.visits.label")} hint={t("pane.visits.labelHint", { label: nextLabel })} size="small">
        <Input data-testid="visit-label" value={label} maxLength={VISIT_LABEL_MAX} disabled={busy} onChange={(_, d) => setLabel(d.value)} onKeyDown={submitOnEnter(record)} />
      </Field>
      <div className={s.row}>
        <Button appearance="primary" data-testid="record-visit" disabled={busy || examined.analysis.diagnoses.length === 0 || examined.damagedRecord} onClick={record}>
          {t("pane.visits.record")}
        </Button>
      </div>
      {list.length === 0 ? (
        <Text className={s.muted} data-testid="visits-none">
          {t("pane.visits.none")}
        </Text>
      ) : (
        <>
          {currentDiffers && <Text weight="semibold">{t("pane.visits.notRecorded")}</Text>}
          <div className={s.scroll}>
            <table className={s.table} data-testid="visits-table">
              <thead>
                <tr>
                  <th>{t("pane.visits.col.label")}</th>
                  <th>{t("pane.visits.col.date")}</th>
                  <th>{t("pane.visits.col.total")}</th>
                  <th>{t("pane.visits.col.band")}</th>
                  <th>{t("pane.visits.col.change")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((v, i) => {
                  const band = shownBand(scores[i]);
                  return (
                    <tr key={v.label}>
                      <td>{v.label}</td>
                      <td>{formatDate(lang, { date: v.date })}</td>
                      <td>{scores[i].total}</td>
                      <td>{band ? BANDS.find((b) => b.id === band)!.label[lang] : "-"}</td>
                      <td>{i === 0 ? "-" : signed(scores[i].total - scores[0].total)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {list.length >= 2 && (
            <>
              <Text data-testid="visits-improved">{t("pane.visits.improved", { first: first.label, last: last.label, items: items(changed("improved")) })}</Text>
              <Text data-testid="visits-worse">{t("pane.visits.worse", { first: first.label, last: last.label, items: items(changed("worse")) })}</Text>
            </>
          )}
        </>
      )}
    </section>
  );
}
