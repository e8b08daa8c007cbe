/**
 * The header's Export menu: every format, for the live board or — while a
 * round is on the canvas — for that round. Files come from the server
 * (exports-api.ts), fetched with the link's token.
 */
import { useEffect, useRef, useState } from 'react';
import './timeline/rounds.css';
import { showToast } from '../app/toasts.ts';
import { useValue } from '../app/valueStore.ts';
import { useSession } from './BoardContext.ts';
import { downloadFile, EXPORT_CHOICES, type ExportChoice, exportUrl } from './timeline/roundsApi.ts';
import { roundViewOf } from './timeline/roundView.ts';

export function ExportMenu() {
  const session = useSession();
  const view = useValue(roundViewOf(session));
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const round = view.mode === 'round' ? view.round : null;

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const download = async (choice: ExportChoice) => {
    const key = `${choice.format}${'part' in choice ? `-${choice.part}` : ''}`;
    setBusy(key);
    try {
      await downloadFile(
        exportUrl(session.boardId, choice, round?.id),
        session.token,
        `board.${choice.format}`,
      );
      setOpen(false);
    } catch (error) {
      showToast(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export-menu" ref={ref}>
      <button
        type="button"
        className="button button-ghost"
        data-testid="export-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        Export ▾
      </button>
      {open && (
        <div className="export-menu-list" role="menu" data-testid="export-menu-list">
          <div className="export-menu-heading">{round ? `Round “${round.name}”` : 'Live board'}</div>
          {EXPORT_CHOICES.map((choice) => {
            const key = `${choice.format}${'part' in choice ? `-${choice.part}` : ''}`;
            return (
              <button
                key={key}
                type="button"
                role="menuitem"
                className="export-menu-item"
                data-testid={`export-${key}`}
                disabled={busy !== null}
                onClick={() => void download(choice)}
              >
                <span>{busy === key ? 'Preparing…' : choice.label}</span>
                <span className="muted">{choice.hint}</span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
