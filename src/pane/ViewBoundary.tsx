/**
 * Keeps one failing view from blanking the pane. React unmounts the whole tree when a render
 * throws and nothing catches it; here a view that throws (a fault of ours, or its code that could
 * not be loaded, as after an update of the add-in's server) is replaced by a sentence naming the
 * view in the pane's language, with the error folded below. The header, the tabs, the actions
 * and the other views keep working. It renders the view again when what it shows changes.
 */
import { Component, type ErrorInfo, type ReactNode } from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { t as render, type Lang } from "../core/i18n";
import { useT, type PaneKey } from "./strings";

interface BoundaryProps {
  /** When one of these changes (another analysis, the language), the view is rendered again. */
  resetKeys: readonly unknown[];
  fallback: (error: unknown) => ReactNode;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  error: unknown;
}

export class ViewBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For whoever opens the browser's console; the pane shows the message itself.
    console.error("Shindan Coach: a view failed", error, info.componentStack);
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    const changed = prev.resetKeys.length !== this.props.resetKeys.length || prev.resetKeys.some((k, i) => !Object.is(k, this.props.resetKeys[i]));
    if (this.state.failed && changed) this.setState({ failed: false, error: null });
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}

const useStyles = makeStyles({
  detail: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
});

/** What the pane shows in place of a view that failed: which one, what to do, the error folded. */
export function ViewFailure({ view, error }: { view: PaneKey; error: unknown }) {
  const t = useT();
  const styles = useStyles();
  return (
    <MessageBar intent="error" data-testid="view-failure" data-view={view}>
      <MessageBarBody>
        <div>{t("pane.view.failed", { view: { ref: view } })}</div>
        <details>
          <summary>{t("pane.failed.details")}</summary>
          <div className={styles.detail} data-testid="view-failure-detail">
            {error instanceof Error ? `${error.name}: ${error.message}` : String(error)}
          </div>
        </details>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The last line of defence around the whole pane (header, notices, failure bar): a fault there
 * shows a sentence in the pane's first language with the error folded and a way to start the
 * pane again, never a blank pane. Plain elements only: Fluent's provider is inside the pane.
 */
export class PaneBoundary extends Component<{ lang: Lang; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false, error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("Shindan Coach: the pane failed", error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { lang } = this.props;
    const error = this.state.error;
    return (
      <div role="alert" data-testid="pane-failure" style={{ padding: 12, fontFamily: "sans-serif" }}>
        <p>{render(lang, "pane.failed.whole")}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {render(lang, "pane.action.restart")}
        </button>
        <details>
          <summary>{render(lang, "pane.failed.details")}</summary>
          <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{error instanceof Error ? `${error.name}: ${error.message}` : String(error)}</pre>
        </details>
      </div>
    );
  }
}
