/** Small pieces the views share. */
import { useContext, type KeyboardEvent } from "react";
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { renderMessage, type EngineMessage } from "../../core/messages";
import { NotYetContext, useLang, useT } from "../strings";

export type Select = ((sheet: string, cell: string) => void) | undefined;

/**
 * The key handler of a field that saves on Enter, except while an IME is composing (Enter then
 * confirms the conversion) or with Shift (a new line in a note).
 */
export function submitOnEnter(save: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      save();
    }
  };
}

export const useViewStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  h2: { margin: "4px 0 0", fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: "4px 0 0", fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: "1.2em", display: "flex", flexDirection: "column", gap: "4px" },
  muted: { color: tokens.colorNeutralForeground3 },
  /** One entry of a list of cards (an item, a measure, a respondent), and its heading line. */
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px",
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    minWidth: 0,
  },
  cardHead: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "baseline" },
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left", verticalAlign: "top" },
    "& th": { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  },
});

/** Shown in place of a view before the workbook has been analysed. */
export function NotYet() {
  const t = useT();
  return (
    <Text className={useViewStyles().muted} data-testid="not-analysed">
      {t(useContext(NotYetContext))}
    </Text>
  );
}

/** "Sheet!A1" as a link that shows the cell in Excel, or as text where the host cannot. */
export function CellLink({ sheet, cell, select }: { sheet: string; cell: string | null; select: Select }) {
  const t = useT();
  const where = cell ? `${sheet}!${cell}` : sheet;
  if (!select) return <span>{where}</span>;
  return (
    <Link as="button" onClick={() => select(sheet, cell ?? "A1")} aria-label={t("pane.cell.show", { where })}>
      {where}
    </Link>
  );
}

/** Every message with its level and, where it has one, a link to its cell. */
export function MessageList({ messages, select }: { messages: EngineMessage[]; select: Select }) {
  const lang = useLang();
  const t = useT();
  const s = useViewStyles();
  if (messages.length === 0) return <Text className={s.muted}>{t("pane.messages.none")}</Text>;
  return (
    <ul className={s.list} data-testid="messages">
      {messages.map((m, i) => (
        <li key={i}>
          <Text weight={m.level === "error" ? "semibold" : "regular"}>{t(`pane.level.${m.level}` as never)}</Text> {renderMessage(m, lang)}{" "}
          {m.sheet && <CellLink sheet={m.sheet} cell={m.cell} select={select} />}
        </li>
      ))}
    </ul>
  );
}

/** The add-in's sheets, each a link to it where the host can select. */
export function OurSheets({ title, sheets, select, testId }: { title: string; sheets: { name: string }[]; select: Select; testId?: string }) {
  const s = useViewStyles();
  if (sheets.length === 0) return null;
  return (
    <>
      <h3 className={s.h3}>{title}</h3>
      <ul className={s.list} data-testid={testId}>
        {sheets.map((o) => (
          <li key={o.name}>
            <CellLink sheet={o.name} cell={null} select={select} />
          </li>
        ))}
      </ul>
    </>
  );
}
