import { useEffect, useState } from 'react';
import { type BoardSummary, getBoard } from '../app/api.ts';
import { ApiError } from '../app/apiError.ts';
import { boardLink } from '../app/boardLinks.ts';
import { Link } from '../app/Link.tsx';
import { boardPath } from '../app/router.ts';
import { showToast } from '../app/toasts.ts';
import {
  activeToken,
  forgetBoard,
  type KnownBoard,
  type Role,
  rememberBoard,
  rememberRole,
  roleOfToken,
  useKnownBoards,
} from './knownBoards.ts';

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function timeAgo(ms: number, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return RELATIVE.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** Boards this browser knows, most recently opened first. */
export function RecentBoards() {
  const boards = useKnownBoards();
  return (
    <section className="card recent-boards" data-testid="recent-boards">
      <h2 className="card-title">Your boards</h2>
      {boards.length === 0 ? (
        <p className="muted empty-list">
          Boards you create or open in this browser appear here. Parley has no accounts: keep a board's link
          to come back to it from elsewhere.
        </p>
      ) : (
        <ul className="board-list">
          {boards.map((board) => (
            <BoardRow key={board.id} board={board} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Remote =
  | { state: 'loading' }
  | { state: 'ok'; board: BoardSummary }
  | { state: 'gone' }
  | { state: 'no-access' }
  | { state: 'unknown' };

const ROLE_BADGE: Readonly<Record<Role, string>> = { owner: 'facilitator', edit: 'editor', view: 'viewer' };

function BoardRow({ board }: { board: KnownBoard }) {
  const [remote, setRemote] = useState<Remote>({ state: 'loading' });
  const token = activeToken(board);
  useEffect(() => {
    if (!token) {
      setRemote({ state: 'no-access' });
      return;
    }
    let live = true;
    getBoard(board.id, token).then(
      (summary) => {
        if (!live) return;
        setRemote({ state: 'ok', board: summary });
        if (summary.role) rememberRole(board.id, token, summary.role);
        // another participant may have renamed it
        if (summary.title && summary.title !== board.title) rememberBoard(board.id, summary.title, false);
      },
      (error) => {
        if (!live) return;
        const status = error instanceof ApiError ? error.status : 0;
        setRemote({ state: status === 404 ? 'gone' : status === 401 ? 'no-access' : 'unknown' });
      },
    );
    return () => {
      live = false;
    };
  }, [board.id, board.title, token]);
  const role = remote.state === 'ok' ? remote.board.role : roleOfToken(board, token);

  const counts =
    remote.state === 'ok' && typeof remote.board.actors === 'number'
      ? `${remote.board.actors} actors · ${remote.board.relations ?? 0} relations`
      : null;

  return (
    <li
      className={`board-row${remote.state === 'gone' ? ' is-gone' : ''}`}
      data-testid={`board-row-${board.id}`}
    >
      <Link to={boardPath(board.id)} className="board-row-link" data-testid={`board-link-${board.id}`}>
        <span className="board-row-title">{board.title}</span>
        <span className="board-row-meta">
          Opened {timeAgo(board.lastOpened)}
          {counts && <> · {counts}</>}
          {role && (
            <span className="badge" data-testid={`board-role-${board.id}`}>
              {ROLE_BADGE[role]}
            </span>
          )}
          {remote.state === 'ok' && remote.board.locked && <span className="badge">locked</span>}
          {remote.state === 'gone' && <span className="badge badge-warn">deleted on server</span>}
          {remote.state === 'no-access' && <span className="badge badge-warn">link no longer valid</span>}
        </span>
      </Link>
      <CopyLinks board={board} />
      <button
        type="button"
        className="icon-button board-row-forget"
        data-testid={`forget-${board.id}`}
        title="Remove from this list (the board itself is kept)"
        aria-label={`Remove ${board.title} from this list`}
        onClick={() => forgetBoard(board.id)}
      >
        ×
      </button>
    </li>
  );
}

/** Copy buttons for the links this browser holds for a board (a creator holds all three). */
function CopyLinks({ board }: { board: KnownBoard }) {
  const roles = (['edit', 'view'] as const).filter((role) => board.tokens?.[role]);
  if (roles.length === 0) return null;
  const copy = async (role: 'edit' | 'view') => {
    const token = board.tokens?.[role];
    if (!token) return;
    try {
      await navigator.clipboard.writeText(boardLink(board.id, token));
      showToast(`${role === 'edit' ? 'Edit' : 'View'} link copied`, 'info');
    } catch {
      showToast('Copying failed: open the board and use Share.');
    }
  };
  return (
    <span className="board-row-links">
      {roles.map((role) => (
        <button
          key={role}
          type="button"
          className="link-button"
          data-testid={`copy-${role}-${board.id}`}
          title={`Copy the ${role} link`}
          onClick={() => copy(role)}
        >
          {role === 'edit' ? 'edit link' : 'view link'}
        </button>
      ))}
    </span>
  );
}
