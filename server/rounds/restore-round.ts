/**
 * Restores a round onto the live board as a NEW change (never by replacing
 * history): the diff live → round is applied with the shared mutations in one
 * transaction with the `restore` origin. When the board's room is open the
 * change goes through its document, so it is committed and then broadcast to
 * everyone like any edit. When it is not, the change is computed on a copy
 * loaded from storage and appended to the board's log.
 */
import * as Y from 'yjs';
import { readMeta } from '../../shared/board-doc.ts';
import { applyBoardState } from '../../shared/diff/apply-board.ts';
import type { BoardDiff } from '../../shared/diff/board-diff.ts';
import { LIMITS } from '../../shared/limits.ts';
import { LOAD_ORIGIN, RESTORE_ORIGIN } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';
import { createBoardDoc } from '../new-board-doc.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import { applyUpdatesInBatches } from '../storage/merge-through-doc.ts';

export type RestoreResult =
  | { ok: true; diff: BoardDiff }
  | { ok: false; reason: 'no-board' | 'storage-failing' };

export async function restoreRound(
  registry: RoomRegistry,
  storage: ParleyStorage,
  boardId: string,
  target: BoardData,
): Promise<RestoreResult> {
  const room = registry.peek(boardId);
  if (room && !room.isDisposed) {
    if (room.guard.isStorageFailing) return { ok: false, reason: 'storage-failing' };
    room.applyIncoming(); // what clients sent before the restore comes before it
    const diff = applyBoardState(room.doc, target, RESTORE_ORIGIN);
    await room.whenCommitted();
    return { ok: true, diff };
  }
  const updates = await storage.loadUpdates(boardId);
  if (updates === null) return { ok: false, reason: 'no-board' };
  const doc = createBoardDoc();
  try {
    applyUpdatesInBatches(doc, updates, undefined, LOAD_ORIGIN);
    const emitted: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => emitted.push(update));
    const diff = applyBoardState(doc, target, RESTORE_ORIGIN);
    if (emitted.length === 0) return { ok: true, diff };
    const change = Y.mergeUpdates(emitted);
    await storage.appendUpdates([
      { boardId, updates: [change], title: readMeta(doc).title.slice(0, LIMITS.titleMax) },
    ]);
    // A room that opened while we worked may have read the log before our append: give it the change
    // too (Yjs ignores what it already has), so its clients see the restore without reloading.
    const late = registry.peek(boardId);
    if (late && !late.isDisposed) {
      Y.applyUpdate(late.doc, change, RESTORE_ORIGIN);
      await late.whenCommitted();
    }
    return { ok: true, diff };
  } finally {
    doc.destroy();
  }
}
