import { type FormEvent, useEffect, useState } from 'react';
import { LIMITS } from '../../shared/limits.ts';
import { createBoard, listTemplates, type TemplateSummary } from '../app/api.ts';
import { boardPath, navigate } from '../app/router.ts';
import { rememberTokens } from './knownBoards.ts';

type Templates =
  | { state: 'loading' }
  | { state: 'ready'; list: TemplateSummary[] }
  | { state: 'error'; message: string };

const BLANK = '';

/** Create a board, blank or from a built-in board, then open it. */
export function NewBoardForm() {
  const [templates, setTemplates] = useState<Templates>({ state: 'loading' });
  const [template, setTemplate] = useState(BLANK);
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listTemplates().then(
      (list) => live && setTemplates({ state: 'ready', list }),
      (e: Error) => live && setTemplates({ state: 'error', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, []);

  const choose = (id: string) => {
    setTemplate(id);
    // suggest the template's title until the person types their own
    if (!titleTouched) {
      const chosen = templates.state === 'ready' ? templates.list.find((t) => t.id === id) : undefined;
      setTitle(chosen?.title ?? '');
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = title.trim() || 'Untitled board';
    setBusy(true);
    setError(null);
    try {
      const board = await createBoard(clean, template || undefined);
      // the only time the links are shown: this browser keeps all three
      rememberTokens(board.id, board.title || clean, {
        owner: board.ownerToken,
        edit: board.editToken,
        view: board.viewToken,
      });
      navigate(boardPath(board.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form className="card new-board" onSubmit={submit} data-testid="new-board-form">
      <h2 className="card-title">New board</h2>
      <label className="field">
        <span className="field-label">Title</span>
        <input
          className="input input-large"
          data-testid="new-board-title"
          placeholder="e.g. Gaza truce, round 3"
          value={title}
          maxLength={LIMITS.titleMax}
          onChange={(e) => {
            setTitle(e.target.value);
            setTitleTouched(true);
          }}
        />
      </label>
      <fieldset className="field">
        <legend className="field-label">Start from</legend>
        <div className="template-grid">
          <TemplateCard
            id={BLANK}
            title="Blank board"
            description="An empty canvas. Add the parties yourself."
            selected={template === BLANK}
            onSelect={choose}
          />
          {templates.state === 'ready' &&
            templates.list.map((t) => (
              <TemplateCard
                key={t.id}
                id={t.id}
                title={t.title}
                description={t.description}
                meta={`${t.actors} actors · ${t.relations} relations`}
                selected={template === t.id}
                onSelect={choose}
              />
            ))}
          {templates.state === 'loading' && (
            <div className="template-card is-placeholder">Loading built-in boards…</div>
          )}
        </div>
        {templates.state === 'error' && (
          <p className="field-error">Built-in boards are unavailable: {templates.message}</p>
        )}
      </fieldset>
      {error && (
        <p className="field-error" role="alert" data-testid="new-board-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary button-large"
          disabled={busy}
          data-testid="create-board"
        >
          {busy ? 'Creating…' : 'Create board'}
        </button>
      </div>
    </form>
  );
}

interface TemplateCardProps {
  id: string;
  title: string;
  description: string;
  meta?: string;
  selected: boolean;
  onSelect: (id: string) => void;
}

function TemplateCard({ id, title, description, meta, selected, onSelect }: TemplateCardProps) {
  return (
    <button
      type="button"
      aria-pressed={selected}
      className={`template-card${selected ? ' is-selected' : ''}`}
      data-testid={`template-${id || 'blank'}`}
      onClick={() => onSelect(id)}
    >
      <span className="template-title">{title}</span>
      {description && <span className="template-description">{description}</span>}
      {meta && <span className="template-meta">{meta}</span>}
    </button>
  );
}
