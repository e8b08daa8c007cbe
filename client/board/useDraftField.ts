import { type ChangeEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';

/**
 * A text field bound to a document value. While the person types, their draft
 * wins; it is written once on blur, Enter (single-line) or when the field goes
 * away, rather than on every keystroke. When not editing, remote changes show.
 */
export function useDraftField(value: string, commit: (next: string) => void, multiline = false) {
  const [draft, setDraft] = useState<string | null>(null);
  const latest = useRef({ draft, value, commit });
  latest.current = { draft, value, commit };

  useEffect(
    () => () => {
      const { draft: pending, value: current, commit: write } = latest.current;
      if (pending !== null && pending !== current) write(pending);
    },
    [],
  );

  const save = () => {
    if (draft !== null && draft !== value) commit(draft);
    setDraft(null);
  };

  return {
    value: draft ?? value,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(e.target.value),
    onBlur: save,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === 'Escape') {
        setDraft(null);
        e.currentTarget.blur();
      } else if (e.key === 'Enter' && (!multiline || e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        save();
      }
    },
  };
}
