import { useState } from 'react';
import { LIMITS } from '../../shared/limits.ts';
import { exportUrl } from '../app/api.ts';
import { Link } from '../app/Link.tsx';
import { useSession } from './BoardContext.ts';
import { renameBoard } from './boardActions.ts';
import { PresenceBar } from './PresenceBar.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useBoardMeta } from './useBoardNodes.ts';

export function BoardHeader({ ready }: { ready: boolean }) {
  const session = useSession();
  return (
    <header className="app-header board-header">
      <Link to="/" className="brand" title="All boards" data-testid="home-link">
        <BrandMark />
        <span className="brand-name">Parley</span>
      </Link>
      <span className="header-sep" aria-hidden="true">
        /
      </span>
      {ready ? <TitleField /> : <span className="board-title-placeholder">Loading board…</span>}
      <div className="header-spacer" />
      <StatusBadge />
      <PresenceBar />
      <a
        className="button button-ghost"
        href={exportUrl(session.boardId)}
        download
        data-testid="export-json"
        title="Download this board as export.json"
      >
        Export
      </a>
    </header>
  );
}

function TitleField() {
  const session = useSession();
  const { title } = useBoardMeta(session);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft?.trim() && draft.trim() !== title) renameBoard(session, draft);
    setDraft(null);
  };
  return (
    <input
      className="board-title"
      data-testid="board-title"
      aria-label="Board title"
      value={draft ?? title}
      placeholder="Untitled board"
      maxLength={LIMITS.titleMax}
      size={Math.max(12, Math.min(48, (draft ?? title).length + 1))}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        else if (e.key === 'Escape') {
          setDraft(null);
          requestAnimationFrame(() => (e.target as HTMLInputElement).blur());
        }
      }}
    />
  );
}

export function BrandMark() {
  return (
    <svg className="brand-mark" width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#0f172a" />
      <path d="M12.5 13.5 19.5 18.5" stroke="#e2e8f0" strokeWidth="2" strokeLinecap="round" />
      <circle cx="10" cy="11" r="4" fill="#60a5fa" />
      <circle cx="22" cy="21" r="4" fill="#f87171" />
    </svg>
  );
}
