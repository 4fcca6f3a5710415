import { useState } from "react";

/**
 * A field's draft that follows its source: when the value read from the workbook changes (after a
 * write or a new analysis), the draft becomes that value. The draft is reset while rendering, as
 * React advises for state that follows a prop, not in an effect: no render with the old draft, no
 * second pass.
 */
export function useDraft<T>(value: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState(value);
  const [source, setSource] = useState(value);
  if (!Object.is(value, source)) {
    setSource(value);
    setDraft(value);
  }
  return [draft, setDraft];
}
