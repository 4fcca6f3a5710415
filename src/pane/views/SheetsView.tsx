/** Writing the deliverable sheets, clearing them, and (in the preview) downloading the workbook. */
import { useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, Text } from "@fluentui/react-components";
import type { Busy } from "../host";
import type { Examined } from "../session";
import { useT } from "../strings";
import { NotYet, OurSheets, useViewStyles, type Select } from "./common";
import { OwnerFields, type OwnerEntryKey } from "./OwnerFields";
import { OwnerSummaryView } from "./OwnerSummaryView";

export interface SheetsViewProps {
  examined: Examined | null;
  /** An entry of the owner's summary typed in the pane (company, where the policy is published). */
  onOwnerEntry: (key: OwnerEntryKey, value: string) => void;
  pending: number;
  busy: Busy | null;
  onWrite: () => void;
  onClear: () => void;
  /** Removes a damaged record alone (shown only when the record is damaged). */
  onDiscard: () => void;
  select: Select;
  download?: () => void;
}

export function SheetsView({ examined, onOwnerEntry, pending, busy, onWrite, onClear, onDiscard, select, download }: SheetsViewProps) {
  const t = useT();
  const s = useViewStyles();
  // Clearing takes the expert's ratings and notes with the priority sheet: asked once more.
  const [confirming, setConfirming] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  return (
    <section className={s.section} aria-labelledby="sheets-h">
      <h2 id="sheets-h" className={s.h2}>
        {t("pane.sheets.title")}
      </h2>
      <Text>{t("pane.sheets.what")}</Text>
      {!examined && <NotYet />}
      {examined?.damagedRecord && (
        <MessageBar intent="error" layout="multiline" data-testid="damaged-record">
          <MessageBarBody>{t(discarding ? "pane.sheets.discardConfirm" : "pane.sheets.damaged")}</MessageBarBody>
          <MessageBarActions>
            {discarding ? (
              <>
                <Button
                  appearance="primary"
                  data-testid="discard-confirm"
                  disabled={Boolean(busy)}
                  onClick={() => {
                    setDiscarding(false);
                    onDiscard();
                  }}
                >
                  {t("pane.action.discardConfirm")}
                </Button>
                <Button data-testid="discard-cancel" onClick={() => setDiscarding(false)}>
                  {t("pane.action.cancel")}
                </Button>
              </>
            ) : (
              <Button data-testid="discard-record" disabled={Boolean(busy)} onClick={() => setDiscarding(true)}>
                {t("pane.action.discard")}
              </Button>
            )}
          </MessageBarActions>
        </MessageBar>
      )}
      {examined && !examined.damagedRecord && examined.found && <OwnerSummaryView examined={examined} />}
      {examined && !examined.damagedRecord && <OwnerFields examined={examined} busy={Boolean(busy)} onEntry={onOwnerEntry} />}
      {examined && pending > 0 && <Text weight="semibold">{t("pane.sheets.pending", { count: pending })}</Text>}
      <div className={s.row}>
        <Button appearance="primary" data-testid="write-sheets" disabled={!examined || Boolean(busy) || !examined.found} onClick={onWrite}>
          {examined && examined.ours.length > 0 ? t("pane.action.rewrite") : t("pane.action.write")}
        </Button>
        <Button
          data-testid="clear-sheets"
          disabled={!examined || Boolean(busy) || (examined.ours.length === 0 && examined.companyCells.length === 0)}
          onClick={() => setConfirming(true)}
        >
          {t("pane.action.clear")}
        </Button>
        {download && (
          <Button data-testid="download" disabled={Boolean(busy)} onClick={download}>
            {t("pane.action.download")}
          </Button>
        )}
      </div>
      {confirming && examined && (examined.ours.length > 0 || examined.companyCells.length > 0) && (
        <MessageBar intent="warning" layout="multiline" data-testid="clear-confirmation">
          <MessageBarBody>{t("pane.sheets.clearConfirm")}</MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              data-testid="clear-confirm"
              disabled={Boolean(busy)}
              onClick={() => {
                setConfirming(false);
                onClear();
              }}
            >
              {t("pane.action.clearConfirm")}
            </Button>
            <Button data-testid="clear-cancel" onClick={() => setConfirming(false)}>
              {t("pane.action.cancel")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Text size={200} className={s.muted}>
        {t("pane.sheets.clearWhat")}
      </Text>
      {!download && (
        // In Excel: the add-in's writes are not on Excel's undo stack as one step (see README, "Undo").
        <Text size={200} className={s.muted} data-testid="undo-hint">
          {t("pane.sheets.undo")}
        </Text>
      )}
      {examined && <OurSheets title={t("pane.sheets.written")} sheets={examined.ours} select={select} testId="our-sheets" />}
      {download && (
        <Text size={200} className={s.muted}>
          {t("pane.sheets.downloadWhat")}
        </Text>
      )}
    </section>
  );
}
