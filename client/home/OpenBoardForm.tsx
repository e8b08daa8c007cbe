import { type FormEvent, useState } from 'react';
import { parseBoardLink } from '../app/boardLinks.ts';
import { boardPath, navigate } from '../app/router.ts';
import { rememberOpenedToken } from './knownBoards.ts';

export function OpenBoardForm() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const link = parseBoardLink(value);
    if (!link) {
      setError('Paste a board link (…/b/…#t=…) or a 22-character board id.');
      return;
    }
    if (link.token) rememberOpenedToken(link.id, link.token);
    // the board page takes its token when it opens: reload if it is the board already open
    if (window.location.pathname === boardPath(link.id)) window.location.reload();
    else navigate(boardPath(link.id));
  };
  return (
    <form className="card open-board" onSubmit={submit}>
      <h2 className="card-title">Join a board</h2>
      <p className="muted">Someone shared a link? Paste it here.</p>
      <div className="inline-form">
        <input
          className="input"
          data-testid="open-board-input"
          placeholder="https://…/b/…#t=…"
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
