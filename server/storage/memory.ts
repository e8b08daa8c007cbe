import {
  type BoardAccess,
  type BoardAccessStorage,
  BoardExistsError,
  type BoardRecord,
  type BoardStorage,
  type BoardWrite,
  type CompactionResult,
  type CompactOptions,
  type NewBoard,
  StorageError,
} from './board-storage.ts';
import { mergeUpdatesThroughDoc } from './merge-through-doc.ts';
import {
  bySavedAt,
  checkSnapshot,
  type Snapshot,
  type SnapshotRecord,
  type SnapshotStorage,
  withoutState,
} from './snapshot-storage.ts';

interface LogRow {
  seq: number;
  data: Uint8Array;
}

interface StoredBoard {
  record: BoardRecord;
  rows: LogRow[];
  access: BoardAccess;
}

const NO_ACCESS: BoardAccess = {
  ownerTokenHash: null,
  editTokenHash: null,
  viewTokenHash: null,
  locked: false,
};

function checkAccess(change: Partial<BoardAccess>): Partial<BoardAccess> {
  for (const key of ['ownerTokenHash', 'editTokenHash', 'viewTokenHash'] as const) {
    const value = change[key];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new StorageError(`${key} must be a string or null`);
    }
  }
  if (change.locked !== undefined && typeof change.locked !== 'boolean') {
    throw new StorageError('locked must be a boolean');
  }
  const picked: Partial<BoardAccess> = {};
  if (change.ownerTokenHash !== undefined) picked.ownerTokenHash = change.ownerTokenHash;
  if (change.editTokenHash !== undefined) picked.editTokenHash = change.editTokenHash;
  if (change.viewTokenHash !== undefined) picked.viewTokenHash = change.viewTokenHash;
  if (change.locked !== undefined) picked.locked = change.locked;
  return picked;
}

/** Lets other work run between a compaction's read and its write, as a real database would. */
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function checkUpdate(update: unknown): Uint8Array {
  if (!(update instanceof Uint8Array)) throw new StorageError('an update must be a Uint8Array');
  // Copy: the caller may reuse its buffer.
  return update.slice();
}

/** A BoardStorage in process memory: for tests and for running without a disk. Not durable. */
export class MemoryBoardStorage implements BoardStorage, BoardAccessStorage, SnapshotStorage {
  private boards = new Map<string, StoredBoard>();
  /** Rounds per board id; dropped with the board. */
  private snapshots = new Map<string, Map<string, Snapshot>>();
  private seq = 0;
  private closed = false;

  private open(): void {
    if (this.closed) throw new StorageError('storage is closed');
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    this.open();
    if (this.boards.has(board.id)) throw new BoardExistsError(board.id);
    const access = { ...NO_ACCESS, ...checkAccess(board.access ?? {}) };
    const rows: LogRow[] = [];
    if (board.initialUpdate !== undefined) {
      rows.push({ seq: ++this.seq, data: checkUpdate(board.initialUpdate) });
    }
    const now = Date.now();
    const record: BoardRecord = { id: board.id, title: board.title, createdAt: now, updatedAt: now };
    this.boards.set(board.id, { record, rows, access });
    return { ...record };
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    this.open();
    const board = this.boards.get(id);
    return board ? { ...board.record } : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    this.open();
    return [...this.boards.values()]
      .map((b) => ({ ...b.record }))
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
  }

  async getAccess(id: string): Promise<BoardAccess | null> {
    this.open();
    const board = this.boards.get(id);
    return board ? { ...board.access } : null;
  }

  async updateAccess(id: string, change: Partial<BoardAccess>): Promise<BoardAccess | null> {
    this.open();
    const picked = checkAccess(change);
    const board = this.boards.get(id);
    if (!board) return null;
    board.access = { ...board.access, ...picked };
    return { ...board.access };
  }

  async deleteBoard(id: string): Promise<boolean> {
    this.open();
    this.snapshots.delete(id);
    return this.boards.delete(id);
  }

  async saveSnapshot(snapshot: Snapshot): Promise<SnapshotRecord | null> {
    this.open();
    const clean = checkSnapshot(snapshot);
    if (!this.boards.has(clean.boardId)) return null;
    let rounds = this.snapshots.get(clean.boardId);
    if (!rounds) {
      rounds = new Map();
      this.snapshots.set(clean.boardId, rounds);
    }
    const existing = rounds.get(clean.id);
    if (existing) return withoutState(existing);
    rounds.set(clean.id, clean);
    return withoutState(clean);
  }

  async listSnapshots(boardId: string): Promise<SnapshotRecord[] | null> {
    this.open();
    if (!this.boards.has(boardId)) return null;
    return [...(this.snapshots.get(boardId)?.values() ?? [])].map(withoutState).sort(bySavedAt);
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<Snapshot | null> {
    this.open();
    const found = this.snapshots.get(boardId)?.get(snapshotId);
    return found ? { ...found, state: found.state.slice() } : null;
  }

  async appendUpdates(batch: readonly BoardWrite[]): Promise<void> {
    this.open();
    // Validate everything first so a bad write leaves nothing behind (one transaction).
    const prepared = batch.map((write) => ({ write, data: write.updates.map(checkUpdate) }));
    const now = Date.now();
    for (const { write, data } of prepared) {
      const board = this.boards.get(write.boardId);
      if (!board) continue;
      for (const update of data) board.rows.push({ seq: ++this.seq, data: update });
      board.record.updatedAt = Math.max(now, board.record.updatedAt);
      if (write.title !== undefined) board.record.title = write.title;
    }
  }

  async loadUpdates(id: string): Promise<Uint8Array[] | null> {
    this.open();
    const board = this.boards.get(id);
    return board ? board.rows.map((row) => row.data.slice()) : null;
  }

  async compact(id: string, options: CompactOptions = {}): Promise<CompactionResult> {
    this.open();
    const board = this.boards.get(id);
    if (!board) return { replaced: 0, remaining: 0 };
    const read = board.rows.slice();
    if (read.length <= 1) return { replaced: 0, remaining: read.length };
    await nextTick();
    const merged = mergeUpdatesThroughDoc(
      read.map((row) => row.data),
      options.batchSize,
    );
    await nextTick();
    this.open();
    const current = this.boards.get(id);
    if (current !== board) return { replaced: 0, remaining: current?.rows.length ?? 0 };
    const readSeqs = new Set(read.map((row) => row.seq));
    const last = read[read.length - 1] as LogRow;
    // Another compaction got there first: the rows we read are already merged.
    if (!board.rows.some((row) => row.seq === last.seq)) {
      return { replaced: 0, remaining: board.rows.length };
    }
    // The merged row takes the place of the last row it replaces, so log order is kept.
    board.rows = board.rows
      .filter((row) => !readSeqs.has(row.seq) || row.seq === last.seq)
      .map((row) => (row.seq === last.seq ? { seq: row.seq, data: merged } : row));
    return { replaced: read.length, remaining: board.rows.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.boards.clear();
    this.snapshots.clear();
  }
}
