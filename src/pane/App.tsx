/**
 * The task pane: the expert's workflow over one workbook, the same components in Excel and in the
 * browser preview (only the host differs). State lives here; the views only show it and call back.
 *
 * Edits (ratings, notes, the plan's fields) live in the workbook's sheets: once a sheet exists an
 * edit is written at once, the cells it changes alone when that can be done safely (editFlow.ts),
 * else the whole deliverable (read → plan → write). Before it exists, edits are pending in the
 * pane, shown as such, and written with the sheets. Actions run one after the other: an edit made
 * while another action runs waits for it and then starts from what that action left.
 */
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import type { Lang, MessageKey } from "../core/i18n";
import { ensureLang, t as render } from "../core/i18n";
import type { RatingKey } from "../core/prioritise";
import type { PendingEdits } from "../core/report";
import type { MeasureEdits, MeasureId, PlanPending } from "../core/actionPlan";
import type { Rating } from "../core/catalog/itemGuidance";
import type { ItemNo } from "../core/catalog/diagnosis";
import type { DecisionId, RegulationNo } from "../core/catalog/regulations";
import type { EngineMessage } from "../core/messages";
import { renderMessage } from "../core/messages";
import { PaneActionError, errorText, failureReason, type ActionKind, type Busy, type FailureKind, type OpenedFile, type PaneHost, type Step } from "./host";
import { LangContext, NotYetContext, type PaneKey } from "./strings";
import { ViewBoundary, ViewFailure } from "./ViewBoundary";
import type { Examined } from "./session";
import { Serial, runEdit } from "./editFlow";
import type { PaneEdit } from "../core/report/cellEdits";
import type { OwnerEntryKey } from "./views/OwnerFields";
import type { RespondentChange } from "./views/RespondentsList";
import type { RespondentRow } from "./session";

// The engine and the views that show its results load after the pane has appeared (the first
// paint needs neither); they are fetched as soon as the pane is up, from the add-in's own origin.
const loadSession = () => import(/* webpackChunkName: "engine" */ "./session");
const FoundView = lazy(() => import(/* webpackChunkName: "views" */ "./views/FoundView").then((m) => ({ default: m.FoundView })));
const ResultsView = lazy(() => import(/* webpackChunkName: "views" */ "./views/ResultsView").then((m) => ({ default: m.ResultsView })));
const PrioritiesView = lazy(() => import(/* webpackChunkName: "views" */ "./views/PrioritiesView").then((m) => ({ default: m.PrioritiesView })));
const RegulationsView = lazy(() => import(/* webpackChunkName: "views" */ "./views/RegulationsView").then((m) => ({ default: m.RegulationsView })));
const PlanView = lazy(() => import(/* webpackChunkName: "views" */ "./views/PlanView").then((m) => ({ default: m.PlanView })));
const SheetsView = lazy(() => import(/* webpackChunkName: "views" */ "./views/SheetsView").then((m) => ({ default: m.SheetsView })));
const VisitsTab = lazy(() => import(/* webpackChunkName: "views" */ "./views/VisitsTab").then((m) => ({ default: m.VisitsTab })));

/** No edits (the same as core's NO_EDITS, without loading the engine for it). */
const NO_EDITS: PendingEdits = { ratings: {}, notes: {} };
/** No plan changes (core's NO_PLAN_EDITS, likewise). */
const NO_PLAN_EDITS: PlanPending = { measures: {}, added: [] };

export type TabId = "found" | "results" | "priorities" | "plan" | "regulations" | "visits" | "sheets";
const TABS: readonly TabId[] = ["found", "results", "priorities", "plan", "regulations", "visits", "sheets"];

export interface Failure {
  action: ActionKind;
  text: string;
  written: "nothing" | "partial";
  kind: FailureKind;
  file?: { code: string; name: string; detail: string; params?: Record<string, string> };
  /** A refused plan's reasons. */
  problems?: EngineMessage[];
}

/** Fluent's font stack has no Japanese family: Japanese UI fonts of Windows, Mac and Linux first. */
const JAPANESE_FONTS = '"Segoe UI", "Yu Gothic UI", "Meiryo UI", "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif';
const theme: Theme = { ...webLightTheme, fontFamilyBase: JAPANESE_FONTS };

const useStyles = makeStyles({
  root: { minHeight: "100vh", boxSizing: "border-box", display: "flex", flexDirection: "column" },
  header: {
    padding: "8px 12px",
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "8px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  tabs: { flexWrap: "wrap", padding: "0 4px" },
  body: { padding: "8px 12px 24px", display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  status: { padding: "4px 12px", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minHeight: "1.5em" },
  fileRow: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px", width: "100%" },
  detail: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  fileHelp: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, flexBasis: "100%" },
});

export interface AppProps {
  host: PaneHost;
  initialLang: Lang;
  /** Told when the user switches the language (the task pane remembers it: ./paneLanguage.ts). */
  onLangSwitch?: (lang: Lang) => void;
}

export function App({ host, initialLang, onLangSwitch }: AppProps) {
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(initialLang);
  const [tab, setTab] = useState<TabId>("found");
  // The state an action starts from is the one the action before it left (refs, set with the state).
  const [examined, showExamined] = useState<Examined | null>(null);
  const [pending, showPending] = useState<PendingEdits>(NO_EDITS);
  const [planPending, showPlanPending] = useState<PlanPending>(NO_PLAN_EDITS);
  const examinedRef = useRef<Examined | null>(null);
  const pendingRef = useRef<PendingEdits>(NO_EDITS);
  const planPendingRef = useRef<PlanPending>(NO_PLAN_EDITS);
  const setExamined = useCallback((e: Examined | null) => showExamined((examinedRef.current = e)), []);
  const setPending = useCallback((p: PendingEdits) => showPending((pendingRef.current = p)), []);
  const setPlanPending = useCallback((p: PlanPending) => showPlanPending((planPendingRef.current = p)), []);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [notices, setNotices] = useState<EngineMessage[]>([]);
  /** What an action read or wrote, shown with its warnings and messages; `written`: the pending edits are in the workbook now. */
  const shown = useCallback(
    (view: Examined, run: { warnings: string[]; messages: EngineMessage[] }, written = false) => {
      setExamined(view);
      if (written) {
        setPending(NO_EDITS);
        setPlanPending(NO_PLAN_EDITS);
      }
      setWarnings(run.warnings);
      setNotices(run.messages);
    },
    [setExamined, setPending, setPlanPending],
  );
  const [busy, setBusy] = useState<Busy | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<{ key: PaneKey; params?: Record<string, string | number> } | null>(null);
  const [opened, setOpened] = useState<OpenedFile | null>(null);
  const [inserted, setInserted] = useState<{ added: string[]; clashes: string[] } | null>(null);
  const serial = useRef(new Serial());
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadSession();
  }, []);
  const tr = useCallback((key: PaneKey, params?: Record<string, string | number | null | undefined>) => render(lang, key as MessageKey, params), [lang]);

  /** Runs one action (within its turn), with progress, and an error that says what was written. */
  const actNow = useCallback(
    async <T,>(
      action: ActionKind,
      run: (onStep: (s: Step) => void) => Promise<T>,
      after: (r: T) => PaneKey,
      params?: (r: T) => Record<string, string | number>,
    ) => {
      setBusy({ action, step: null });
      setFailure(null);
      setDone(null);
      try {
        const r = await run((step) => setBusy({ action, step }));
        setDone({ key: after(r), params: params?.(r) });
        return true;
      } catch (e) {
        const known = e instanceof PaneActionError ? e : null;
        setFailure({
          action,
          text: errorText(e),
          written: known?.written ?? "nothing",
          kind: known?.kind ?? "other",
          file: known?.file,
          problems: known?.problems,
        });
        return false;
      } finally {
        setBusy(null);
      }
    },
    [],
  );
  /** Runs one action after those asked for before it: one at a time, none dropped. */
  const act = useCallback(
    <T,>(action: ActionKind, run: (onStep: (s: Step) => void) => Promise<T>, after: (r: T) => PaneKey, params?: (r: T) => Record<string, string | number>) =>
      serial.current.run(() => actNow(action, run, after, params)),
    [actNow],
  );

  const analyse = useCallback(
    (edits?: PendingEdits) =>
      act(
        "analyse",
        async (onStep) => {
          const { examine } = await loadSession();
          const use = edits ?? pendingRef.current;
          const plan = planPendingRef.current;
          const run = await host.run((s) => ({ plan: null, result: examine(s, lang, use, plan) }), onStep);
          shown(run.result, run);
          return run.result;
        },
        (r) => (r.found ? "pane.done.analysed" : "pane.done.nothingFound"),
        (r) => ({ count: r.messages.length }),
      ),
    [act, host, lang, shown],
  );

  /** The whole deliverable written with these edits pending (within an action). */
  const writeWith = useCallback(
    async (edits: PendingEdits, plan: PlanPending, onStep: (s: Step) => void) => {
      const { writeSheets } = await loadSession();
      const run = await host.run((s) => writeSheets(s, lang, edits, plan), onStep);
      shown(run.result, run, true);
      return run.result;
    },
    [host, lang, shown],
  );
  // The pending edits are taken at the write's turn (an edit queued before it is included).
  const write = useCallback(
    () =>
      act(
        "write",
        (onStep) => writeWith(pendingRef.current, planPendingRef.current, onStep),
        () => "pane.done.written",
      ),
    [act, writeWith],
  );

  // Recording a visit writes the sheets too (with the pending edits): the progress sheet and the state change together.
  const recordVisit = useCallback(
    (label: string | null) =>
      act(
        "record",
        async (onStep) => {
          const { writeSheets } = await loadSession();
          const run = await host.run((s) => writeSheets(s, lang, pendingRef.current, planPendingRef.current, { label }), onStep);
          const recorded = run.result.visits.recorded;
          shown(run.result, run, recorded !== "refused" && recorded !== "no-diagnosis");
          return recorded;
        },
        (r): PaneKey =>
          r === "refused" || r === "no-diagnosis" ? "pane.done.recordRefused" : r === "unchanged" ? "pane.done.recordUnchanged" : "pane.done.recorded",
      ),
    [act, host, lang, shown],
  );

  const clear = useCallback(
    () =>
      act(
        "clear",
        async (onStep) => {
          const { clearSheets } = await loadSession();
          const run = await host.run((s) => clearSheets(s, lang), onStep);
          shown(run.result, run);
          return run.result;
        },
        () => "pane.done.cleared",
      ),
    [act, host, lang, shown],
  );

  const discard = useCallback(
    () =>
      act(
        "discard",
        async (onStep) => {
          const { discardRecord } = await loadSession();
          const run = await host.run((s) => discardRecord(s, lang), onStep);
          shown(run.result, run, true);
          return run.result;
        },
        () => "pane.done.discarded",
      ),
    [act, host, lang, shown],
  );

  const insert = useCallback(
    () =>
      act(
        "insert",
        async (onStep) => {
          const { examine, insertTemplate } = await loadSession();
          const inserted = await host.run((s) => insertTemplate(s, lang), onStep);
          const { result } = inserted;
          setInserted(result);
          setWarnings(inserted.warnings);
          setNotices(inserted.messages);
          if (!result.clashes.length) {
            // The edits pending at this action's turn (one queued before it is included), as every action takes them.
            const again = await host.run((s) => ({ plan: null, result: examine(s, lang, pendingRef.current, planPendingRef.current) }), onStep);
            setExamined(again.result);
            setWarnings([...inserted.warnings, ...again.warnings]);
            setNotices([...inserted.messages, ...again.messages]);
          }
          return result;
        },
        (r) => (r.clashes.length ? "pane.done.insertRefused" : "pane.done.inserted"),
      ),
    [act, host, lang, setExamined],
  );

  const openFile = useCallback(
    async (file: File) => {
      if (!host.file) return;
      const fileAccess = host.file;
      const opened = await act(
        "open",
        async () => {
          const o = await fileAccess.open(file);
          setOpened(o);
          setExamined(null);
          setPending(NO_EDITS);
          setPlanPending(NO_PLAN_EDITS);
          return o;
        },
        () => "pane.done.opened",
      );
      if (opened) await analyse(NO_EDITS);
    },
    [act, analyse, host.file, setExamined, setPending, setPlanPending],
  );

  /**
   * An edit at its turn: written into the sheet that holds it when that exists (the changed cells
   * alone when possible, editFlow.ts), else kept pending; always from the state the action before
   * it left.
   */
  const editAtTurn = useCallback(
    async (edit: PaneEdit) => {
      const e = examinedRef.current;
      if (!e) return;
      const session = await loadSession();
      const sheet = edit.kind === "measure" || edit.kind === "add" ? e.planSheet : e.prioritySheet;
      if (sheet) {
        await actNow(
          "edit",
          async (onStep) => {
            const out = await runEdit(host, session, e, lang, edit, onStep);
            shown(out.result, out);
            return out;
          },
          () => "pane.done.edited",
        );
        return;
      }
      if (edit.kind === "measure" || edit.kind === "add") {
        const plan =
          edit.kind === "add" ? session.withAdded(planPendingRef.current, edit) : session.withMeasureEdit(planPendingRef.current, edit.id, edit.edits);
        setPlanPending(plan);
        setExamined(session.reprioritised(e, pendingRef.current, plan, lang));
        return;
      }
      const edits =
        edit.kind === "rating"
          ? session.withRating(pendingRef.current, edit.no, edit.key, edit.rating)
          : session.withNote(pendingRef.current, edit.no, edit.note);
      setPending(edits);
      // Recomputed here: with no sheet there are no other edits to read back.
      setExamined(session.reprioritised(e, edits, planPendingRef.current, lang));
    },
    [actNow, host, lang, setExamined, setPending, setPlanPending, shown],
  );
  const queueEdit = useCallback((edit: PaneEdit) => void serial.current.run(() => editAtTurn(edit)), [editAtTurn]);
  const setRating = useCallback((no: ItemNo, key: RatingKey, rating: Rating) => queueEdit({ kind: "rating", no, key, rating }), [queueEdit]);
  const setNote = useCallback((no: ItemNo, note: string) => queueEdit({ kind: "note", no, note }), [queueEdit]);
  const setMeasure = useCallback((id: MeasureId, edits: MeasureEdits) => queueEdit({ kind: "measure", id, edits }), [queueEdit]);
  // The owner sheet's entries: the whole deliverable (or pending before it exists).
  const setOwnerEntry = useCallback(
    (key: OwnerEntryKey, value: string) =>
      void serial.current.run(async () => {
        const e = examinedRef.current;
        if (!e) return;
        const session = await loadSession();
        if (e.prioritySheet) {
          await actNow(
            "edit",
            (onStep) => writeWith(session.withOwnerEntry(NO_EDITS, key, value), NO_PLAN_EDITS, onStep),
            () => "pane.done.edited",
          );
          return;
        }
        setPending(session.withOwnerEntry(pendingRef.current, key, value));
      }),
    [actNow, setPending, writeWith],
  );
  const addMeasure = useCallback(
    (id: MeasureId | null, text?: string) =>
      void (async () => {
        const session = await loadSession();
        queueEdit(session.addEdit(id, text));
      })(),
    [queueEdit],
  );
  // The coach's say on a respondent: recorded with our sheets at once when they exist, else kept
  // pending and the workbook analysed again with it (who counts changes every result).
  const setRespondentChoice = useCallback(
    (row: RespondentRow, change: RespondentChange) =>
      void serial.current.run(async () => {
        const e = examinedRef.current;
        if (!e) return;
        const session = await loadSession();
        if (e.ours.length > 0) {
          await actNow(
            "edit",
            (onStep) => writeWith(session.withRespondentChoice(NO_EDITS, row, change), NO_PLAN_EDITS, onStep),
            () => "pane.respondents.done",
          );
          return;
        }
        const edits = session.withRespondentChoice(pendingRef.current, row, change);
        setPending(edits);
        // Queued after this turn (not awaited here: the queue runs one action at a time).
        void analyse(edits);
      }),
    [actNow, analyse, setPending, writeWith],
  );
  // The company's decision 「今回の見直し」: written into its cell at once (one action), with our
  // sheets when they are there; pending edits are not written by it (they live in the pane until then).
  const setDecision = useCallback(
    (no: RegulationNo, decision: DecisionId | null) =>
      void act(
        "edit",
        async (onStep) => {
          const { writeDecision } = await loadSession();
          const run = await host.run((s) => writeDecision(s, lang, no, decision, pendingRef.current, planPendingRef.current), onStep);
          shown(run.result.examined, run, run.result.examined.ours.length > 0);
          return run.result.write;
        },
        () => "pane.done.decision",
        (w) => ({ where: `${w.sheet}!${w.cell}` }),
      ),
    [act, host, lang, shown],
  );
  const planPendingTotal = Object.values(planPending.measures).reduce((n, e) => n + Object.keys(e).length, 0) + planPending.added.length;
  const pendingTotal = Object.values(pending.ratings).reduce((n, r) => n + Object.keys(r ?? {}).length, 0) + Object.keys(pending.notes).length;
  const respondentsPending = pending.respondents?.length ?? 0;

  const select = useMemo(
    () =>
      host.select
        ? (sheet: string, cell: string) =>
            void host.select!(sheet, cell).catch((e) =>
              setFailure({ action: "select", text: errorText(e), written: "nothing", kind: e instanceof PaneActionError ? e.kind : "other" }),
            )
        : undefined,
    [host],
  );

  const statusState = busy ? "busy" : failure ? "error" : done ? "done" : "idle";
  const statusText = busy
    ? tr(`pane.busy.${busy.action}`) + (busy.step ? ` — ${tr(`pane.step.${busy.step}` as PaneKey)}` : "")
    : failure
      ? tr("pane.status.failed")
      : done
        ? tr(done.key, done.params)
        : host.file && !opened
          ? tr("pane.status.chooseFile")
          : tr("pane.status.idle");

  const canAnalyse = !busy && (!host.file || opened !== null);
  // Edits are queued behind a running action, never dropped; only opening another file ends them.
  const editsBlocked = busy?.action === "open";

  return (
    <LangContext.Provider value={lang}>
      <FluentProvider theme={theme} lang={lang} className={styles.root} data-testid="pane" data-mode={host.mode}>
        <header className={styles.header}>
          <h1 className={styles.title}>{tr("pane.productName")}</h1>
          <Button
            size="small"
            appearance="subtle"
            data-testid="lang-switch"
            onClick={() => {
              const next = lang === "ja" ? "en" : "ja";
              // English comes in a chunk of its own the first time (src/i18n/resources.web.ts).
              void ensureLang(next).then(() => {
                setLang(next);
                onLangSwitch?.(next);
              });
            }}
            aria-label={tr("pane.lang.switchLabel")}
          >
            {tr("pane.lang.other")}
          </Button>
          {host.file && (
            <div className={styles.fileRow}>
              {/* A Fluent button in front of the hidden native input: the same look and language as the rest. */}
              <input
                ref={fileInput}
                id="file-input"
                data-testid="file-input"
                type="file"
                hidden
                accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
                disabled={Boolean(busy)}
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0];
                  e.currentTarget.value = "";
                  if (f) void openFile(f);
                }}
              />
              <Button data-testid="choose-file" disabled={Boolean(busy)} onClick={() => fileInput.current?.click()} aria-describedby="file-help">
                {tr("pane.file.chooseButton")}
              </Button>
              <span id="file-help" className={styles.fileHelp}>
                {opened ? tr("pane.file.current", { name: opened.name }) : tr("pane.file.choose")}
              </span>
            </div>
          )}
          <Button appearance="primary" data-testid="analyse" disabled={!canAnalyse} onClick={() => void analyse()}>
            {examined ? tr("pane.action.reanalyse") : tr("pane.action.analyse")}
          </Button>
        </header>
        <div className={styles.status} data-testid="status" data-state={statusState} role="status" aria-live="polite">
          {statusText}
        </div>
        {busy && (
          <ProgressBar data-testid="progress" aria-label={statusText} value={busy.step ? (["read", "plan", "write"].indexOf(busy.step) + 1) / 3 : undefined} />
        )}
        {failure && (
          <MessageBar intent="error" data-testid="failure">
            <MessageBarBody>
              <div>
                {tr(`pane.failed.${failure.action}`)} {tr(failure.written === "partial" ? "pane.failed.partial" : "pane.failed.nothingWritten")}
              </div>
              <div data-testid="failure-reason">
                {failureReason(failure, lang).map((line, i) => (
                  <div key={i}>{line}</div>
                ))}
              </div>
              <details>
                <summary>{tr("pane.failed.details")}</summary>
                <div className={styles.detail}>{failure.text}</div>
              </details>
            </MessageBarBody>
          </MessageBar>
        )}
        {warnings.length + notices.length > 0 && (
          <MessageBar intent="warning" data-testid="warnings">
            <MessageBarBody>
              {tr("pane.warnings")}
              <ul>
                {notices.map((m, i) => (
                  <li key={`m${i}`}>{renderMessage(m, lang)}</li>
                ))}
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {opened && opened.lost.length > 0 && (
          <MessageBar intent="warning" data-testid="lost-parts">
            <MessageBarBody>
              {tr("pane.file.lost", { parts: opened.lost.map((k) => render(lang, `lostPart.${k}` as MessageKey)).join(tr("pane.list.separator")) })}
            </MessageBarBody>
          </MessageBar>
        )}
        <TabList className={styles.tabs} size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label={tr("pane.tabs.label")}>
          {TABS.map((id) => (
            <Tab key={id} value={id} data-testid={`tab-${id}`}>
              {tr(`pane.tab.${id}`)}
            </Tab>
          ))}
        </TabList>
        <NotYetContext.Provider value={host.file && !opened ? "pane.notAnalysedChooseFile" : "pane.notAnalysed"}>
          <main className={styles.body} role="tabpanel" aria-label={tr(`pane.tab.${tab}`)}>
            {/* One view that throws (or whose code cannot be loaded) is reported in its place; the rest of the pane goes on. */}
            <ViewBoundary key={tab} resetKeys={[examined, lang]} fallback={(error) => <ViewFailure view={`pane.tab.${tab}`} error={error} />}>
              <Suspense fallback={<span>{tr("pane.loadingView")}</span>}>
                {tab === "found" && (
                  <FoundView
                    examined={examined}
                    select={select}
                    onInsert={() => void insert()}
                    inserted={inserted}
                    busy={Boolean(busy)}
                    onRespondentChoice={(row, change) => void setRespondentChoice(row, change)}
                  />
                )}
                {tab === "results" && <ResultsView examined={examined} />}
                {tab === "priorities" && (
                  <PrioritiesView examined={examined} pending={pendingTotal} busy={editsBlocked} onRating={setRating} onNote={setNote} select={select} />
                )}
                {tab === "plan" && (
                  <PlanView examined={examined} pending={planPendingTotal} busy={editsBlocked} onEdit={setMeasure} onAdd={addMeasure} select={select} />
                )}
                {tab === "regulations" && <RegulationsView examined={examined} busy={editsBlocked} onDecision={setDecision} />}
                {tab === "visits" && <VisitsTab examined={examined} busy={Boolean(busy)} onRecord={(label) => void recordVisit(label)} />}
                {tab === "sheets" && (
                  <SheetsView
                    onOwnerEntry={setOwnerEntry}
                    examined={examined}
                    pending={pendingTotal + planPendingTotal + respondentsPending}
                    busy={busy}
                    onWrite={() => void write()}
                    onClear={() => void clear()}
                    onDiscard={() => void discard()}
                    select={select}
                    download={host.file && opened ? () => host.file!.download() : undefined}
                  />
                )}
              </Suspense>
            </ViewBoundary>
          </main>
        </NotYetContext.Provider>
      </FluentProvider>
    </LangContext.Provider>
  );
}
