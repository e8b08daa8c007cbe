import { ReactFlowProvider } from '@xyflow/react';
import { type ReactNode, useEffect, useState } from 'react';
import { isBoardId } from '../../shared/ids.ts';
import { takeLinkToken } from '../app/boardLinks.ts';
import { Link } from '../app/Link.tsx';
import { navigate } from '../app/router.ts';
import { useValue } from '../app/valueStore.ts';
import {
  activeToken,
  forgetBoard,
  forgetToken,
  knownBoard,
  rememberBoard,
  roleOfToken,
} from '../home/knownBoards.ts';
import { OpenBoardForm } from '../home/OpenBoardForm.tsx';
import { AccessBanner } from './AccessBanner.tsx';
import { BoardCanvas } from './BoardCanvas.tsx';
import { BoardContext, useSession } from './BoardContext.ts';
import { BoardHeader } from './BoardHeader.tsx';
import type { ConnectionStatus } from './connectionStatus.ts';
import { Inspector } from './Inspector.tsx';
import { Legend } from './Legend.tsx';
import { RelationMarkers } from './RelationMarkers.tsx';
import { acquireSession, type BoardSession, releaseSession } from './session.ts';
import { Toolbar } from './Toolbar.tsx';
import { RoundStage } from './timeline/RoundStage.tsx';
import { roundViewOf, timelineOpenOf } from './timeline/roundView.ts';
import { TimelinePanel } from './timeline/TimelinePanel.tsx';
import { useBoardMeta, useHasActors } from './useBoardNodes.ts';
import { useBoardShortcuts } from './useBoardShortcuts.ts';

export function BoardPage({ boardId }: { boardId: string }) {
  if (!isBoardId(boardId)) {
    return (
      <BoardProblem title="This is not a board link">
        Board links look like <code>/b/</code> followed by 22 letters, digits, <code>-</code> or{' '}
        <code>_</code>. Check that the whole link was copied.
      </BoardProblem>
    );
  }
  return <BoardAccessGate boardId={boardId} />;
}

/** Takes the token of the link this page was opened with; without any token there is nothing to connect with. */
function BoardAccessGate({ boardId }: { boardId: string }) {
  const [token, setToken] = useState(
    () => takeLinkToken(boardId) ?? activeToken(knownBoard(boardId)) ?? null,
  );
  // Another link of this board pasted into the address bar only changes the fragment: switch to its token.
  useEffect(() => {
    const onHash = () => {
      const next = takeLinkToken(boardId);
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [boardId]);
  if (!token) {
    return (
      <BoardProblem title="This link has no access key" testId="board-no-token">
        <p>
          Board links look like <code>/b/…#t=…</code>: the part after <code>#t=</code> is what lets you in.
          Ask the facilitator for an edit or a view link, or paste it here.
        </p>
        <OpenBoardForm />
      </BoardProblem>
    );
  }
  return <BoardScreen key={token} boardId={boardId} token={token} />;
}

/** Acquires the board's session after mount (never during render) and releases it on leave. */
function useBoardSession(boardId: string, token: string): BoardSession | null {
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    setSession(acquireSession(boardId, token, roleOfToken(knownBoard(boardId), token)));
    return () => releaseSession(boardId, token);
  }, [boardId, token]);
  return session;
}

function BoardScreen({ boardId, token }: { boardId: string; token: string }) {
  const session = useBoardSession(boardId, token);
  if (!session) return <div className="board-page" />;
  return (
    <BoardContext.Provider value={session}>
      <ReactFlowProvider>
        <BoardWorkspace />
      </ReactFlowProvider>
    </BoardContext.Provider>
  );
}

function BoardWorkspace() {
  const session = useSession();
  useBoardShortcuts(session);
  const status = useValue(session.status);
  const localCopy = useValue(session.localCopy);
  const serverSynced = useValue(session.serverSynced);
  const hasActors = useHasActors(session);
  const { writable } = useValue(session.access);
  const { title } = useBoardMeta(session);
  // issue 4: a round or a diff shown read-only over the live canvas, and the rounds panel
  const roundView = useValue(roundViewOf(session));
  const timelineOpen = useValue(timelineOpenOf(session));
  // show the board once the server has synced it, or at once from this browser's copy
  const ready = serverSynced || localCopy === 'present';

  useEffect(() => {
    if (ready) rememberBoard(session.boardId, title || undefined);
  }, [ready, title, session]);
  useEffect(() => {
    document.title = title ? `${title} · Parley` : 'Parley';
    return () => {
      document.title = 'Parley';
    };
  }, [title]);

  if (status === 'not-found') {
    return (
      <BoardProblem
        title="Board not found"
        testId="board-not-found"
        extraAction={
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              forgetBoard(session.boardId);
              navigate('/');
            }}
          >
            Remove it from my list
          </button>
        }
      >
        This board does not exist on this server, or it has been deleted.
      </BoardProblem>
    );
  }

  if (status === 'unauthorized' || status === 'revoked') {
    return (
      <BoardProblem
        title={status === 'revoked' ? 'This link was replaced' : 'This link does not open this board'}
        testId={`board-${status}`}
        extraAction={
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              // forget the dead link; another one this browser holds is used on the next try
              forgetToken(session.boardId, session.token);
              window.location.assign(`/b/${session.boardId}`);
            }}
          >
            Forget this link and retry
          </button>
        }
      >
        <p>
          {status === 'revoked'
            ? 'The facilitator replaced the link you used, so it no longer opens the board. Ask them for the new one.'
            : 'The key in this link is not (or no longer) valid for this board. Ask the facilitator for a current link.'}
        </p>
        <OpenBoardForm />
      </BoardProblem>
    );
  }

  return (
    <div className="board-page">
      <BoardHeader ready={ready} />
      <AccessBanner />
      <div className="board-main">
        <div className="board-canvas-wrap">
          <RelationMarkers />
          <BoardCanvas />
          {roundView.mode !== 'live' && <RoundStage view={roundView} />}
          {ready && writable && roundView.mode === 'live' && <Toolbar />}
          <Legend />
          {!ready && <LoadingOverlay status={status} localCopy={localCopy} />}
          {ready && !hasActors && writable && <EmptyHint />}
        </div>
        {timelineOpen ? <TimelinePanel /> : <Inspector />}
      </div>
    </div>
  );
}

interface LoadingOverlayProps {
  status: ConnectionStatus;
  localCopy: 'loading' | 'none' | 'present';
}

function LoadingOverlay({ status, localCopy }: LoadingOverlayProps) {
  const stuck = localCopy === 'none' && (status === 'offline' || status === 'unavailable');
  return (
    <div className="canvas-overlay" data-testid="board-loading">
      <div className="overlay-card">
        {stuck ? (
          <>
            <h2>
              {status === 'offline' ? 'Cannot reach the server' : 'The server cannot open this board yet'}
            </h2>
            <p className="muted">
              This browser has no copy of the board yet, so there is nothing to show offline. Parley keeps
              trying and opens the board as soon as it can.
            </p>
          </>
        ) : (
          <>
            <div className="spinner" aria-hidden="true" />
            <h2>Opening board…</h2>
          </>
        )}
      </div>
    </div>
  );
}

function EmptyHint() {
  return (
    <div className="empty-hint" data-testid="board-empty">
      <h2>An empty board</h2>
      <p>
        Double-click anywhere to place the first actor, or use <strong>Actor</strong> in the toolbar. Then
        drag from an actor's edge to another actor to draw a relation.
      </p>
    </div>
  );
}

interface BoardProblemProps {
  title: string;
  children: ReactNode;
  testId?: string;
  extraAction?: ReactNode;
}

function BoardProblem({ title, children, testId, extraAction }: BoardProblemProps) {
  return (
    <main className="page-message" data-testid={testId ?? 'board-problem'}>
      <h1>{title}</h1>
      <div className="page-message-body">{children}</div>
      <div className="problem-actions">
        <Link to="/" className="button button-primary" data-testid="problem-home">
          ← All boards
        </Link>
        {extraAction}
      </div>
    </main>
  );
}
