import { useEffect } from 'react';
import { RELATION_TYPES } from '../../shared/types.ts';
import { chooseRelationType, redo, undo } from './boardActions.ts';
import { clearSelection } from './selection.ts';
import type { BoardSession } from './session.ts';

/** Typing in a field must never trigger board shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Board-wide keys: undo/redo, relation type 1–4, rename, deselect. Delete is React Flow's. */
export function useBoardShortcuts(session: BoardSession): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (e.key === 'Escape') {
        clearSelection(session);
        return;
      }
      // read-only (view link, lock, storage failing): no key changes the board
      if (!session.access.get().writable) return;
      if (mod && !e.altKey && (key === 'z' || key === 'y')) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) redo(session);
        else undo(session);
        return;
      }
      if (mod || e.altKey) return;
      const index = ['1', '2', '3', '4'].indexOf(e.key);
      const type = RELATION_TYPES[index];
      if (type) {
        e.preventDefault();
        chooseRelationType(session, type);
      } else if (e.key === 'Enter' || e.key === 'F2') {
        const [only, ...rest] = session.nodes.getSelectedIds();
        if (only && rest.length === 0) {
          e.preventDefault();
          session.renaming.set(only);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);
}
