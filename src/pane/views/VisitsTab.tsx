/**
 * Recorded visits (issue #14): the button that records the diagnosis now as a visit (with its
 * label, prefilled with the next default), the visits recorded so far with their totals and the
 * change since the first, and the items that got better or worse from the first to the last.
 */
import { useRef, useState } from "react";
import { useDraft } from "./useDraft";
import { Button, Field, Input, Text } from "@fluentui/react-components";
import { bandById, type BandId, type ItemNo } from "../../core/catalog/diagnosis";
import { signedNumber, formatDate, type Lang } from "../../core/i18n";
import { itemShort } from "../../core/report/common";
import { shownBand } from "../../core/score";
import { itemChange } from "../../core/compare";
import { VISIT_LABEL_MAX, scoreRecorded } from "../../core/visits";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { MessageList, NotYet, submitOnEnter, useViewStyles } from "./common";
import type { EarlierComparison } from "../earlierWorkbook";
import { PaneActionError, errorText, failureReason } from "../host";

export interface VisitsTabProps {
  examined: Examined | null;
  busy: boolean;
  /** Records the diagnosis now; label null: the next default label. */
  onRecord: (label: string | null) => void;
}

/** Items as 「2. パスワード…、5. …」, or that none changed. */
function itemList(nos: readonly ItemNo[], lang: Lang, t: ReturnType<typeof useT>): string {
  return nos.length ? nos.map((no) => `${no}. ${itemShort(no, lang)}`).join(t("pane.list.separator")) : t("pane.visits.noneChanged");
}

export function VisitsTab({ examined, busy, onRecord }: VisitsTabProps) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  const nextLabel = examined?.visits.nextLabel ?? "";
  // After a recording (or a new analysis) the next default label replaces the field's text.
  const [label, setLabel] = useDraft(nextLabel);
  if (!examined) return <NotYet />;
  const { list, currentDiffers } = examined.visits;
  const scores = list.map(scoreRecorded);
  const first = list[0];
  const last = list[list.length - 1];
  const record = () => onRecord(label.trim() === "" ? null : label.trim());
  const changed = (kind: "improved" | "worse"): ItemNo[] =>
    first && last ? first.counted.flatMap((a, i) => (itemChange(a, last.counted[i] ?? null) === kind ? [i + 1] : [])) : [];
  const items = (nos: ItemNo[]) => itemList(nos, lang, t);

  return (
    <section className={s.section} aria-labelledby="visits-h" data-testid="visits">
      <h2 id="visits-h" className={s.h2}>
        {t("pane.visits.title")}
      </h2>
      <Text>{t("pane.visits.what")}</Text>
      <Field label={t("pane.visits.label")} hint={t("pane.visits.labelHint", { label: nextLabel })} size="small">
        <Input
          data-testid="visit-label"
          value={label}
          maxLength={VISIT_LABEL_MAX}
          disabled={busy}
          onChange={(_, d) => setLabel(d.value)}
          onKeyDown={submitOnEnter(record)}
        />
      </Field>
      <div className={s.row}>
        <Button
          appearance="primary"
          data-testid="record-visit"
          disabled={busy || examined.analysis.diagnoses.length === 0 || examined.damagedRecord}
          onClick={record}
        >
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
                      <td>{band ? bandById(band).label[lang] : "-"}</td>
                      <td>{i === 0 ? "-" : signedNumber(scores[i].total - scores[0].total)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {list.length >= 2 && (
            <>
              <Text data-testid="visits-improved">
                {t("pane.visits.improved", { first: first.label, last: last.label, items: items(changed("improved")) })}
              </Text>
              <Text data-testid="visits-worse">{t("pane.visits.worse", { first: first.label, last: last.label, items: items(changed("worse")) })}</Text>
            </>
          )}
        </>
      )}
      <EarlierWorkbook examined={examined} busy={busy} />
    </section>
  );
}

/** Compare with an earlier workbook picked from the disk: read here, in the pane; nothing is sent anywhere. */
function EarlierWorkbook({ examined, busy }: { examined: Examined; busy: boolean }) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [result, setResult] = useState<EarlierComparison | null>(null);
  const [failure, setFailure] = useState<string[] | null>(null);
  const pick = async (file: File) => {
    setReading(true);
    setFailure(null);
    setResult(null);
    try {
      const { compareWithEarlier } = await import(/* webpackChunkName: "engine" */ "../earlierWorkbook");
      const bytes = new Uint8Array(await file.arrayBuffer());
      setResult(await compareWithEarlier(bytes, file.name, { workbook: examined.workbook, analysis: examined.analysis, recorded: examined.visits.list }));
    } catch (e) {
      setFailure(e instanceof PaneActionError ? [...failureReason(e, lang), errorText(e)] : [t("pane.reason.other"), errorText(e)]);
    } finally {
      setReading(false);
    }
  };
  const c = result?.comparison ?? null;
  const bandText = (id: BandId) => bandById(id).label[lang];
  const items = (nos: ItemNo[]) => itemList(nos, lang, t);
  return (
    <section className={s.section} aria-labelledby="earlier-h" data-testid="earlier">
      <h3 id="earlier-h" className={s.h3}>
        {t("pane.visits.earlier.title")}
      </h3>
      <Text>{t("pane.visits.earlier.what")}</Text>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm"
        hidden
        data-testid="earlier-file"
        aria-label={t("pane.visits.earlier.pick")}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f) void pick(f);
        }}
      />
      <div className={s.row}>
        <Button data-testid="earlier-pick" disabled={busy || reading} onClick={() => input.current?.click()}>
          {reading ? t("pane.visits.earlier.reading") : t("pane.visits.earlier.pick")}
        </Button>
      </div>
      {failure && (
        <div data-testid="earlier-failure">
          {failure.map((line, i) => (
            <Text key={i} block className={i > 0 ? s.muted : undefined}>
              {line}
            </Text>
          ))}
        </div>
      )}
      {result && (
        <>
          <Text weight="semibold">{t("pane.visits.earlier.with", { file: result.file })}</Text>
          {c === null ? (
            <Text data-testid="earlier-too-few">{t("pane.visits.earlier.tooFew")}</Text>
          ) : (
            <>
              <div className={s.scroll}>
                <table className={s.table} data-testid="earlier-table">
                  <thead>
                    <tr>
                      <th>{t("pane.visits.col.label")}</th>
                      <th>{t("pane.visits.col.total")}</th>
                      <th>{t("pane.visits.col.band")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.visits.map((v, i) => (
                      <tr key={i}>
                        <td>
                          {v.label ?? t("pane.visits.earlier.current")}
                          {v.date ? ` (${formatDate(lang, { date: v.date })})` : ""}
                          <br />
                          <Text size={100} className={s.muted}>
                            {v.file}
                          </Text>
                        </td>
                        <td>{v.total}</td>
                        <td>{v.answers.every((a) => a.answer === null) ? "-" : bandText(v.band)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Text data-testid="earlier-total">
                {t("pane.visits.earlier.total", {
                  from: c.total.from,
                  to: c.total.to,
                  change: signedNumber(c.total.change),
                  bandFrom: bandText(c.band.from),
                  bandTo: bandText(c.band.to),
                })}
              </Text>
              <Text data-testid="earlier-improved">{t("pane.visits.earlier.improved", { items: items(c.summary.improved) })}</Text>
              <Text data-testid="earlier-worse">{t("pane.visits.earlier.worse", { items: items(c.summary.worse) })}</Text>
              <Text>{t("pane.visits.earlier.unknown", { resolved: c.unknownResolved.length, added: c.unknownNew.length })}</Text>
            </>
          )}
          {result.messages.length > 0 && <MessageList messages={result.messages} select={undefined} />}
        </>
      )}
    </section>
  );
}
