/** The two entries of the owner's summary the workbook may not hold: the company's name, and where the basic policy is published. */
import { Field, Input, Text } from "@fluentui/react-components";
import type { Examined } from "../session";
import { useT } from "../strings";
import { submitOnEnter, useViewStyles } from "./common";
import { useDraft } from "./useDraft";

export type OwnerEntryKey = "company" | "published";

export function OwnerFields({ examined, busy, onEntry }: { examined: Examined; busy: boolean; onEntry: (key: OwnerEntryKey, value: string) => void }) {
  const t = useT();
  const s = useViewStyles();
  const { company, securityAction } = examined.owner;
  const found = company.found;
  const hint =
    company.source === "workbook" && found
      ? t("pane.owner.companyFound", { sheet: found.sheet, cell: found.cell })
      : company.source === "entered"
        ? t("pane.owner.companyEntered")
        : t("pane.owner.companyMissing");
  return (
    <section className={s.section} aria-labelledby="owner-h" data-testid="owner-fields">
      <h3 id="owner-h" className={s.h2}>
        {t("pane.owner.title")}
      </h3>
      <Entry label={t("pane.owner.company")} hint={hint} value={company.name ?? ""} busy={busy} testId="owner-company" onSave={(v) => onEntry("company", v)} />
      <Entry
        label={t("pane.owner.published")}
        hint={t("pane.owner.publishedHint")}
        value={securityAction.twoStar.published ?? ""}
        busy={busy}
        testId="owner-published"
        onSave={(v) => onEntry("published", v)}
      />
      <Text size={200} className={s.muted}>
        {t("pane.owner.what")}
      </Text>
    </section>
  );
}

/** One line of text, saved on Enter (not while an IME converts) or when the field is left, only when changed. */
function Entry({
  label,
  hint,
  value,
  busy,
  testId,
  onSave,
}: {
  label: string;
  hint: string;
  value: string;
  busy: boolean;
  testId: string;
  onSave: (v: string) => void;
}) {
  // The workbook's value after a write or a new analysis replaces the draft.
  const [draft, setDraft] = useDraft(value);
  const save = () => {
    if (draft.trim() !== value.trim()) onSave(draft.trim());
  };
  return (
    <Field label={label} hint={hint} size="small">
      <Input data-testid={testId} value={draft} disabled={busy} onChange={(_, d) => setDraft(d.value)} onBlur={save} onKeyDown={submitOnEnter(save)} />
    </Field>
  );
}
