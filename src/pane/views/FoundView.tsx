/** What the analysis found (diagnosis sheets, respondents, checksheet, our sheets) and every message. */
import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { respondentName } from "../../core/report/common";
import { shownBand } from "../../core/score";
import type { Examined } from "../session";
import { useLang, useT } from "../strings";
import { CellLink, MessageList, NotYet, OurSheets, useViewStyles, type Select } from "./common";

export interface FoundViewProps {
  examined: Examined | null;
  select: Select;
  onInsert: () => void;
  inserted: { added: string[]; clashes: string[] } | null;
  busy: boolean;
}

export function FoundView({ examined, select, onInsert, inserted, busy }: FoundViewProps) {
  const t = useT();
  const lang = useLang();
  const s = useViewStyles();
  if (!examined) return <NotYet />;
  const { analysis } = examined;
  const regs = analysis.regulations;
  return (
    <>
      <section className={s.section} aria-labelledby="found-h">
        <h2 id="found-h" className={s.h2}>
          {t("pane.found.title", { workbook: examined.workbook })}
        </h2>
        {!examined.found && (
          <MessageBar intent="info" data-testid="nothing-found">
            <MessageBarBody>
              <div>{t("pane.found.nothing")}</div>
              <ul className={s.list}>
                <li>{t("pane.found.lookedFor.diagnosis")}</li>
                <li>{t("pane.found.lookedFor.checksheet")}</li>
              </ul>
              <div>{t("pane.found.insertHint")}</div>
            </MessageBarBody>
          </MessageBar>
        )}
        {!examined.found && (
          <div className={s.row}>
            <Button data-testid="insert-template" disabled={busy} onClick={onInsert}>
              {t("pane.action.insertTemplate")}
            </Button>
          </div>
        )}
        {inserted && inserted.clashes.length > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>{t("pane.found.insertClash", { sheets: inserted.clashes.join(t("pane.list.separator")) })}</MessageBarBody>
          </MessageBar>
        )}
        {inserted && inserted.added.length > 0 && <Text>{t("pane.found.inserted", { sheets: inserted.added.join(t("pane.list.separator")) })}</Text>}
        {analysis.diagnoses.length > 0 && (
          <>
            <h3 className={s.h3}>{t("pane.found.diagnosis", { count: analysis.diagnoses.length })}</h3>
            <ul className={s.list} data-testid="found-respondents">
              {analysis.diagnoses.map((d, i) => (
                <li key={i}>
                  {/* The respondent's name, and the sheet when it is not the same as the name. */}
                  {respondentName(d, lang) !== d.sheet && <>{respondentName(d, lang)} — </>}
                  <CellLink sheet={d.sheet} cell={null} select={select} />{" "}
                  <span className={s.muted} data-testid={`found-total-${i}`}>
                    {/* As the results show it: nothing answered has no figure, an incomplete total is provisional. */}
                    {shownBand(d) === null ? t("pane.found.respondentNoAnswers") : t(d.complete ? "pane.found.respondentTotal" : "pane.found.respondentTotalProvisional", { total: d.total })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {regs && (
          <>
            <h3 className={s.h3}>{t("pane.found.checksheet")}</h3>
            <ul className={s.list}>
              {regs.overviewSheet && (
                <li>
                  {t("pane.found.overviewSheet")} <CellLink sheet={regs.overviewSheet} cell={null} select={select} />
                </li>
              )}
              {regs.sheet && (
                <li>
                  {t("pane.found.checkSheet")} <CellLink sheet={regs.sheet} cell={null} select={select} />
                </li>
              )}
              {analysis.policy && (
                <li>
                  {t("pane.found.policySheet")} <CellLink sheet={analysis.policy.sheet} cell={null} select={select} />
                </li>
              )}
            </ul>
          </>
        )}
        <OurSheets title={t("pane.found.ours")} sheets={examined.ours} select={select} />
      </section>
      <section className={s.section} aria-labelledby="messages-h">
        <h2 id="messages-h" className={s.h2}>
          {t("pane.messages.title", { count: examined.messages.length })}
        </h2>
        <MessageList messages={examined.messages} select={select} />
      </section>
    </>
  );
}
