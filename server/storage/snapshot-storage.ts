/**
 * Rounds (issue 4): immutable named snapshots of a board, stored with it and
 * deleted with it. A snapshot's id is derived from its content (board id,
 * name and the encoded document state), so saving the same board state under
 * the same name twice yields the same round instead of a duplicate.
 */
import crypto from 'node:crypto';
import { StorageError } from './board-storage.ts';

/** A round without its content (what lists show). Times are ms since the epoch. */
export interface SnapshotRecord {
  id: string;
  boardId: string;
  name: string;
  note?: string;
  savedAt: number;
  savedBy: string;
}

export interface Snapshot extends SnapshotRecord {
  /** Y.encodeStateAsUpdate of the board's document when the round was saved. */
  state: Uint8Array;
}

export interface SnapshotStorage {
  /**
   * Stores a round. A round with the same id already stored is kept as it was
   * (rounds are immutable) and returned. Null when there is no such board.
   */
  saveSnapshot(snapshot: Snapshot): Promise<SnapshotRecord | null>;
  /** A board's rounds, oldest first (by savedAt, then id); null when there is no such board. */
  listSnapshots(boardId: string): Promise<SnapshotRecord[] | null>;
  getSnapshot(boardId: string, snapshotId: string): Promise<Snapshot | null>;
}

/** 128 bits of SHA-256, base64url: 22 characters. */
export const SNAPSHOT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isSnapshotId(value: unknown): value is string {
  return typeof value === 'string' && SNAPSHOT_ID_PATTERN.test(value);
}

/** The content-derived id: the same board, name and state always give the same id. */
export function snapshotId(boardId: string, name: string, state: Uint8Array): string {
  const hash = crypto.createHash('sha256');
  // Length-prefixed parts, so ("ab", "c") and ("a", "bc") differ.
  for (const part of [boardId, name]) {
    const bytes = Buffer.from(part, 'utf8');
    hash.update(`${bytes.byteLength}:`);
    hash.update(bytes);
  }
  hash.update(state);
  return hash.digest().subarray(0, 16).toString('base64url');
}

export const SNAPSHOT_NAME_MAX = 120;
export const SNAPSHOT_NOTE_MAX = 2000;
export const SNAPSHOT_BY_MAX = 80;

/** Rejects a snapshot that breaks the contract, before anything is written. */
export function checkSnapshot(snapshot: Snapshot): Snapshot {
  const { id, boardId, name, note, savedAt, savedBy, state } = snapshot;
  if (!isSnapshotId(id)) throw new StorageError('snapshot id must be 22 base64url characters');
  if (typeof boardId !== 'string' || boardId === '') throw new StorageError('snapshot boardId is required');
  if (typeof name !== 'string' || name.trim() === '' || name.length > SNAPSHOT_NAME_MAX) {
    throw new StorageError(`snapshot name must be 1–${SNAPSHOT_NAME_MAX} characters`);
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > SNAPSHOT_NOTE_MAX)) {
    throw new StorageError(`snapshot note must be at most ${SNAPSHOT_NOTE_MAX} characters`);
  }
  if (!Number.isSafeInteger(savedAt)) throw new StorageError('snapshot savedAt must be an integer');
  if (typeof savedBy !== 'string' || savedBy.length > SNAPSHOT_BY_MAX) {
    throw new StorageError(`snapshot savedBy must be at most ${SNAPSHOT_BY_MAX} characters`);
  }
  if (!(state instanceof Uint8Array)) throw new StorageError('snapshot state must be a Uint8Array');
  return { id, boardId, name, ...(note ? { note } : {}), savedAt, savedBy, state: state.slice() };
}

/** Oldest first, ties by id, so every storage lists rounds in the same order. */
export function bySavedAt(a: SnapshotRecord, b: SnapshotRecord): number {
  return a.savedAt - b.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function withoutState(snapshot: Snapshot): SnapshotRecord {
  const { state: _state, ...record } = snapshot;
  return record;
}
