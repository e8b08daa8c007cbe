/**
 * Reading rounds and the live board as plain BoardData, for the snapshot,
 * diff and export endpoints.
 */
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import type { TimelineRound } from '../../shared/export/board-gexf.ts';
import type { BoardData } from '../../shared/types.ts';
import { discardPending } from '../limits/pending-updates.ts';
import { createBoardDoc } from '../new-board-doc.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import type { Snapshot, SnapshotRecord } from '../storage/snapshot-storage.ts';

/** A round's board, decoded from its stored document state. */
export function boardFromState(state: Uint8Array): BoardData {
  const doc = createBoardDoc();
  try {
    Y.applyUpdate(doc, state);
    discardPending(doc);
    return readBoard(doc);
  } finally {
    doc.destroy();
  }
}

export interface LoadedRound {
  record: SnapshotRecord;
  board: BoardData;
}

export async function loadRound(
  storage: ParleyStorage,
  boardId: string,
  snapshotId: string,
): Promise<LoadedRound | null> {
  const snapshot: Snapshot | null = await storage.getSnapshot(boardId, snapshotId);
  if (!snapshot) return null;
  const { state, ...record } = snapshot;
  return { record, board: boardFromState(state) };
}

/** The live board (from its open room when there is one); null when there is no such board. */
export function loadLive(registry: RoomRegistry, boardId: string): Promise<BoardData | null> {
  return registry.readBoard(boardId, readBoard);
}

/** Every round of a board with its content, oldest first (for the dynamic GEXF and briefs). */
export async function loadTimeline(storage: ParleyStorage, boardId: string): Promise<TimelineRound[]> {
  const records = (await storage.listSnapshots(boardId)) ?? [];
  const rounds: TimelineRound[] = [];
  for (const record of records) {
    const loaded = await loadRound(storage, boardId, record.id);
    if (!loaded) continue; // the board was deleted meanwhile
    rounds.push({ id: record.id, name: record.name, savedAt: iso(record.savedAt), board: loaded.board });
  }
  return rounds;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A round as the API shows it: times as ISO strings. */
export function roundJson(record: SnapshotRecord) {
  return { ...record, savedAt: iso(record.savedAt) };
}
