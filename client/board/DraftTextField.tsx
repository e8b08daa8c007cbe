import type { ReactNode } from 'react';
import type { useDraftField } from './useDraftField.ts';

interface Props {
  label: string;
  testId: string;
  maxLength: number;
  placeholder: string;
  /** The field's value and handlers, from useDraftField. */
  draft: ReturnType<typeof useDraftField>;
  /** A textarea of this many rows; without it, a one-line input. */
  rows?: number;
  hint?: ReactNode;
}

/** A labelled inspector text field bound to a document value through useDraftField. */
export function DraftTextField({ label, testId, maxLength, placeholder, draft, rows, hint }: Props) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is inside the label, behind a conditional the rule does not follow
    <label className="field">
      <span className="field-label">{label}</span>
      {rows ? (
        <textarea
          className="input"
          data-testid={testId}
          rows={rows}
          maxLength={maxLength}
          placeholder={placeholder}
          {...draft}
        />
      ) : (
        <input
          className="input"
          data-testid={testId}
          maxLength={maxLength}
          placeholder={placeholder}
          {...draft}
        />
      )}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}
