import { useEffect, useState } from 'react';
import { ApiError, type BoardSummary, getBoard } from '../app/api.ts';
import { Link } from '../app/Link.tsx';
import { boardPath } from '../app/router.ts';
import { forgetBoard, type KnownBoard, rememberBoard, useKnownBoards } from './knownBoards.ts';

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
  | { state: 'unknown' };

function BoardRow({ board }: { board: KnownBoard }) {
  const [remote, setRemote] = useState<Remote>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    getBoard(board.id).then(
      (summary) => {
        if (!live) return;
        setRemote({ state: 'ok', board: summary });
        // another participant may have renamed it
        if (summary.title && summary.title !== board.title) rememberBoard(board.id, summary.title, false);
      },
      (error) =>
        live && setRemote({ state: error instanceof ApiError && error.status === 404 ? 'gone' : 'unknown' }),
    );
    return () => {
      live = false;
    };
  }, [board.id, board.title]);

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
          {remote.state === 'gone' && <span className="badge badge-warn">deleted on server</span>}
        </span>
      </Link>
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
