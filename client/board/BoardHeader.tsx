import { useState } from 'react';
import { LIMITS } from '../../shared/limits.ts';
import { BrandMark } from '../app/BrandMark.tsx';
import { Link } from '../app/Link.tsx';
import { useValue } from '../app/valueStore.ts';
import { useSession } from './BoardContext.ts';
import { renameBoard } from './boardActions.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { ShareButton } from './SharePanel.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TimelineButton } from './timeline/TimelineButton.tsx';
import { useBoardMeta } from './useBoardNodes.ts';

export function BoardHeader({ ready }: { ready: boolean }) {
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
      <ShareButton />
      <TimelineButton />
      <ExportMenu />
    </header>
  );
}

function TitleField() {
  const session = useSession();
  const { title } = useBoardMeta(session);
  const { writable } = useValue(session.access);
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
      readOnly={!writable}
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
