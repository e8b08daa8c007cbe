import { type FormEvent, useState } from 'react';
import { isBoardId } from '../../shared/ids.ts';
import { boardPath, navigate } from '../app/router.ts';

/** Accepts a shared link (…/b/<id>) or a bare board id. */
export function parseBoardRef(input: string): string | null {
  const text = input.trim();
  if (isBoardId(text)) return text;
  const match = /\/b\/([A-Za-z0-9_-]{22})(?:[/?#]|$)/.exec(text);
  return match?.[1] ?? null;
}

export function OpenBoardForm() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = parseBoardRef(value);
    if (!id) {
      setError('Paste a board link (…/b/…) or a 22-character board id.');
      return;
    }
    navigate(boardPath(id));
  };
  return (
    <form className="card open-board" onSubmit={submit}>
      <h2 className="card-title">Join a board</h2>
      <p className="muted">Someone shared a link? Paste it here.</p>
      <div className="inline-form">
        <input
          className="input"
          data-testid="open-board-input"
          placeholder="https://…/b/…"
          aria-label="Board link or id"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button" data-testid="open-board">
          Open
        </button>
      </div>
      {error && <p className="field-error">{error}</p>}
    </form>
  );
}
