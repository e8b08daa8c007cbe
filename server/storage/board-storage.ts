import type { SnapshotStorage } from './snapshot-storage.ts';

/**
 * What the server needs from a database. Kept small, async and free of any one
 * engine's specifics so SQLite, memory and (later) PostgreSQL share one contract,
 * checked by tests/server/storage-contract.ts.
 *
 * A board's content is an append-only log of Yjs updates. The live room appends
 * to it; loading applies the rows in order; compaction replaces a prefix of the
 * log with one merged update.
 */

/** One board's row. Times are milliseconds since the epoch. */
export interface BoardRecord {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewBoard {
  id: string;
  title: string;
  /** The board's first content (template, import, initial meta), stored in the same transaction. */
  initialUpdate?: Uint8Array;
  /** Its access record, stored in the same transaction (storages implementing BoardAccessStorage). */
  access?: BoardAccess;
}

/** Writes for one board within a group commit. */
export interface BoardWrite {
  boardId: string;
  /** Yjs updates in the order the server's document emitted them. */
  updates: readonly Uint8Array[];
  /** The board's new title, when the document's `meta.title` changed. */
  title?: string;
}

export interface CompactionResult {
  /** Log rows merged into one (0 when there was nothing to compact). */
  replaced: number;
  /** Log rows the board has right after compaction (concurrent appends included). */
  remaining: number;
}

export interface CompactOptions {
  /** Updates applied per Y.Doc transaction while merging (bounds memory and time per step). */
  batchSize?: number;
}

export interface BoardStorage {
  /** Creates a board; rejects when the id is taken. */
  createBoard(board: NewBoard): Promise<BoardRecord>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** All boards, most recently updated first. */
  listBoards(): Promise<BoardRecord[]>;
  /** Deletes a board and its log; false when there was no such board. */
  deleteBoard(id: string): Promise<boolean>;
  /**
   * Commits a group of writes, possibly for several boards, in ONE transaction:
   * all of it is stored or none of it (the promise rejects). Writes for a board
   * that no longer exists (deleted meanwhile) are skipped, since their content
   * has nowhere to go; they never fail the rest of the batch. Each stored board
   * gets `updatedAt` = now, and its title when `title` is given.
   */
  appendUpdates(batch: readonly BoardWrite[]): Promise<void>;
  /** A board's log in append order, read consistently; null when there is no such board. */
  loadUpdates(id: string): Promise<Uint8Array[] | null>;
  /**
   * Replaces the board's current log rows with one update holding their merged
   * state (merged through a Y.Doc in bounded batches, see merge-through-doc.ts).
   * Must be atomic and must delete exactly the rows it merged: rows appended
   * while it runs are kept. Safe to run concurrently with appends and with
   * another compaction of the same board.
   */
  compact(id: string, options?: CompactOptions): Promise<CompactionResult>;
  close(): Promise<void>;
}

/**
 * Who may open a board: SHA-256 hashes of its capability tokens (never the
 * tokens) and whether the owner has locked it. A null hash matches no token:
 * boards stored before access control have no links until an admin rotates them.
 */
export interface BoardAccess {
  ownerTokenHash: string | null;
  editTokenHash: string | null;
  viewTokenHash: string | null;
  /** Editors are read-only while set. */
  locked: boolean;
}

/** Access records, kept with the board and deleted with it. */
export interface BoardAccessStorage {
  /** The board's access record (all-null and unlocked when it was created without one); null when there is no such board. */
  getAccess(id: string): Promise<BoardAccess | null>;
  /** Applies the given fields atomically and returns the new record; null when there is no such board. */
  updateAccess(id: string, change: Partial<BoardAccess>): Promise<BoardAccess | null>;
}

/** What the server runs on: board logs, access records and rounds (snapshot-storage.ts). */
export type ParleyStorage = BoardStorage & BoardAccessStorage & SnapshotStorage;

/** Rejected by storages for ids or writes that break the contract's own rules. */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** Thrown by createBoard when the id is already taken. */
export class BoardExistsError extends StorageError {
  override name = 'BoardExistsError';
  constructor(id: string) {
    super(`board ${id} already exists`);
  }
}
