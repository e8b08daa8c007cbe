/**
 * The rounds timeline: save the board as a named round, scrub to a round
 * (shown read-only), compare two rounds or a round with live, restore one.
 */
import { useCallback, useEffect, useState } from 'react';
import { showToast } from '../../app/toasts.ts';
import { useValue } from '../../app/valueStore.ts';
import { useSession } from '../BoardContext.ts';
import { DiffChangelog } from '../diff/DiffChangelog.tsx';
import { loadLocalUser } from '../presence.ts';
import { getDiff, getRound, listRounds, type RoundInfo, restoreRound, saveRound } from './roundsApi.ts';
import { backToLive, boardFromExport, roundViewOf, timelineOpenOf } from './roundView.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function TimelinePanel() {
  const session = useSession();
  const viewStore = roundViewOf(session);
  const view = useValue(viewStore);
  const { writable } = useValue(session.access);
  const [rounds, setRounds] = useState<RoundInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [diffFrom, setDiffFrom] = useState('');
  const [diffTo, setDiffTo] = useState('live');

  const refresh = useCallback(async () => {
    try {
      const list = await listRounds(session.boardId, session.token);
      setRounds(list);
      setError(null);
      return list;
    } catch (e) {
      setError(message(e));
      return null;
    }
  }, [session]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!diffFrom && rounds && rounds.length > 0) setDiffFrom(rounds[0]?.id ?? '');
  }, [rounds, diffFrom]);

  const view1 = async (round: RoundInfo) => {
    try {
      const loaded = await getRound(session.boardId, session.token, round.id);
      viewStore.set({ mode: 'round', round, board: boardFromExport(loaded.board) });
    } catch (e) {
      showToast(message(e));
    }
  };

  const compare = async () => {
    if (!diffFrom) return;
    try {
      const result = await getDiff(session.boardId, session.token, diffFrom, diffTo);
      const [before, after] = await Promise.all(
        [result.from, result.to].map(async (side) =>
          side === 'live'
            ? liveBoard(session.boardId, session.token)
            : boardFromExport((await getRound(session.boardId, session.token, side.id)).board),
        ),
      );
      if (!before || !after) return;
      viewStore.set({ mode: 'diff', ...result, before, after });
    } catch (e) {
      showToast(message(e));
    }
  };

  const restore = async (round: RoundInfo) => {
    if (
      !window.confirm(
        `Restore “${round.name}” onto the live board? Everyone sees the change; the current board is kept as a round first.`,
      )
    )
      return;
    try {
      const result = await restoreRound(session.boardId, session.token, round.id, loadLocalUser().name);
      backToLive(session);
      showToast(
        `Restored “${round.name}” (${result.changelog.length} changes). To undo, restore “${result.before.name}”.`,
      );
      await refresh();
    } catch (e) {
      showToast(message(e));
    }
  };

  return (
    <aside className="timeline-panel" data-testid="timeline-panel" aria-label="Rounds">
      <div className="timeline-head">
        <h2 className="inspector-heading">Rounds</h2>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => timelineOpenOf(session).set(false)}
        >
          Close
        </button>
      </div>
      {writable && <SaveRoundForm onSaved={refresh} />}
      {error && <p className="form-error">{error}</p>}
      <ol className="timeline-list" data-testid="timeline-list">
        <li className={`timeline-item${view.mode === 'live' ? ' is-current' : ''}`}>
          <button
            type="button"
            className="timeline-point"
            data-testid="timeline-live"
            onClick={() => backToLive(session)}
          >
            <span className="timeline-name">Live board</span>
            <span className="muted">now, editable</span>
          </button>
        </li>
        {[...(rounds ?? [])].reverse().map((round) => {
          const current = view.mode === 'round' && view.round.id === round.id;
          return (
            <li key={round.id} className={`timeline-item${current ? ' is-current' : ''}`}>
              <button
                type="button"
                className="timeline-point"
                data-testid="timeline-round"
                data-round-id={round.id}
                onClick={() => void view1(round)}
              >
                <span className="timeline-name">{round.name}</span>
                <span className="muted">
                  {when(round.savedAt)} · {round.savedBy}
                </span>
                {round.note && <span className="timeline-note">{round.note}</span>}
              </button>
              {writable && (
                <button
                  type="button"
                  className="button button-ghost timeline-restore"
                  data-testid="round-restore"
                  onClick={() => void restore(round)}
                >
                  Restore
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {rounds?.length === 0 && (
        <p className="muted">No rounds yet. Save one to freeze the map as it is now.</p>
      )}
      {rounds && rounds.length > 0 && (
        <section className="timeline-compare">
          <h3 className="inspector-kicker">Compare</h3>
          <label>
            From
            <select data-testid="diff-from" value={diffFrom} onChange={(e) => setDiffFrom(e.target.value)}>
              <RoundOptions rounds={rounds} />
            </select>
          </label>
          <label>
            To
            <select data-testid="diff-to" value={diffTo} onChange={(e) => setDiffTo(e.target.value)}>
              <option value="live">Live board</option>
              <RoundOptions rounds={rounds} />
            </select>
          </label>
          <button type="button" className="button" data-testid="diff-show" onClick={() => void compare()}>
            Show diff
          </button>
        </section>
      )}
      {view.mode === 'diff' && <DiffChangelog diff={view.diff} changelog={view.changelog} />}
    </aside>
  );
}

function RoundOptions({ rounds }: { rounds: RoundInfo[] }) {
  return (
    <>
      {rounds.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </>
  );
}

async function liveBoard(boardId: string, token: string) {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export.json`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`could not read the live board (${response.status})`);
  return boardFromExport(await response.json());
}

function SaveRoundForm({ onSaved }: { onSaved: () => Promise<unknown> }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!name.trim()) return;
    setBusy(true);
    try {
      const saved = await saveRound(session.boardId, session.token, {
        name: name.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
        savedBy: loadLocalUser().name,
      });
      setName('');
      setNote('');
      showToast(`Saved round “${saved.name}”`);
      await onSaved();
    } catch (e) {
      showToast(message(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="timeline-save"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        className="input"
        data-testid="round-name"
        placeholder="Round name, e.g. Round 1 — Islamabad"
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
      />
      <textarea
        className="input"
        data-testid="round-note"
        placeholder="Note (optional)"
        rows={2}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="submit"
        className="button button-primary"
        data-testid="round-save"
        disabled={busy || !name.trim()}
      >
        {busy ? 'Saving…' : 'Save round'}
      </button>
    </form>
  );
}
