import { useEffect, useRef, useState } from 'react';
import { deleteBoard, rotateLink, setBoardLocked } from '../app/api.ts';
import { boardLink } from '../app/boardLinks.ts';
import { navigate } from '../app/router.ts';
import { showToast } from '../app/toasts.ts';
import { useValue } from '../app/valueStore.ts';
import { forgetBoard, type Role, rememberRole, useKnownBoards } from '../home/knownBoards.ts';
import { useSession } from './BoardContext.ts';

const ROLE_TEXT: Readonly<Record<Role, { name: string; hint: string }>> = {
  owner: { name: 'Facilitator link', hint: 'Full control: links, lock, delete. Keep it to yourself.' },
  edit: { name: 'Edit link', hint: 'For participants: they can change the board.' },
  view: { name: 'View link', hint: 'For an audience: they follow the board live and cannot change it.' },
};

/** The links the facilitator can replace (the owner link stays). */
const ROTATABLE = ['edit', 'view'] as const;

/** The header's Share button: the links this browser holds and, for the facilitator, the board's controls. */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="share" ref={ref}>
      <button
        type="button"
        className="button button-ghost"
        aria-expanded={open}
        data-testid="share-button"
        onClick={() => setOpen(!open)}
      >
        Share
      </button>
      {open && <SharePanel />}
    </div>
  );
}

function SharePanel() {
  const session = useSession();
  const access = useValue(session.access);
  const board = useKnownBoards().find((b) => b.id === session.boardId);
  const isOwner = access.role === 'owner';
  const shown: Role[] = isOwner ? ['edit', 'view', 'owner'] : ['edit', 'view'];
  return (
    <div className="share-panel" role="dialog" aria-label="Share this board" data-testid="share-panel">
      <p className="share-role" data-testid="share-role">
        You are on this board as{' '}
        <strong>
          {access.role === 'owner' ? 'facilitator' : access.role === 'view' ? 'viewer' : 'editor'}
        </strong>
        .
      </p>
      {shown.map((role) => {
        const token = board?.tokens?.[role];
        if (!token) return null;
        return <LinkRow key={role} role={role} link={boardLink(session.boardId, token)} />;
      })}
      {isOwner && <OwnerControls />}
      {!isOwner && !board?.tokens?.edit && !board?.tokens?.view && (
        <p className="muted">Only the facilitator holds this board's links.</p>
      )}
    </div>
  );
}

function LinkRow({ role, link }: { role: Role; link: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      showToast(`${ROLE_TEXT[role].name} copied`, 'info');
    } catch {
      showToast('Copying failed: select the link and copy it by hand.');
    }
  };
  return (
    <div className="share-link">
      <span className="field-label">{ROLE_TEXT[role].name}</span>
      <div className="inline-form">
        <input
          className="input"
          readOnly
          value={link}
          data-testid={`link-${role}`}
          aria-label={ROLE_TEXT[role].name}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" data-testid={`copy-${role}`} onClick={copy}>
          Copy
        </button>
      </div>
      <span className="field-hint">{ROLE_TEXT[role].hint}</span>
    </div>
  );
}

function OwnerControls() {
  const session = useSession();
  const access = useValue(session.access);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      showToast(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const rotate = (role: 'edit' | 'view') =>
    run(async () => {
      const { token } = await rotateLink(session.boardId, role, session.token);
      rememberRole(session.boardId, token, role);
      showToast(`New ${role} link: the old one no longer works.`, 'info');
    });

  return (
    <div className="share-owner" data-testid="owner-controls">
      <div className="share-actions">
        {ROTATABLE.map((role) => (
          <button
            key={role}
            type="button"
            className="button"
            disabled={busy}
            data-testid={`rotate-${role}`}
            onClick={() => rotate(role)}
          >
            {`Replace ${role} link`}
          </button>
        ))}
      </div>
      <p className="field-hint">Replacing a link disconnects everyone who used the old one.</p>
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-pressed={access.locked}
        data-testid="lock-toggle"
        onClick={() =>
          run(async () => {
            await setBoardLocked(session.boardId, !access.locked, session.token);
          })
        }
      >
        {access.locked ? 'Unlock the board' : 'Lock the board (editors read-only)'}
      </button>
      {confirmDelete ? (
        <div className="share-confirm">
          <span>Delete this board for everyone? This cannot be undone.</span>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            data-testid="confirm-delete-board"
            onClick={() =>
              run(async () => {
                await deleteBoard(session.boardId, session.token);
                forgetBoard(session.boardId);
                navigate('/');
              })
            }
          >
            Delete
          </button>
          <button type="button" className="button button-ghost" onClick={() => setConfirmDelete(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          data-testid="delete-board"
          onClick={() => setConfirmDelete(true)}
        >
          Delete board…
        </button>
      )}
    </div>
  );
}
