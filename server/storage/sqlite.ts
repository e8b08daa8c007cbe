import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
import type { Snapshot, SnapshotRecord, SnapshotStorage } from './snapshot-storage.ts';
import { SqliteSnapshots } from './sqlite-snapshots.ts';

// 2: board_access (capability token hashes and the lock), added by CREATE TABLE IF NOT EXISTS.
// 3: board_snapshots (rounds, sqlite-snapshots.ts), added the same way.
const SCHEMA_VERSION = 3;

// STRICT tables: a non-blob update is refused by SQLite itself instead of stored as text.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- AUTOINCREMENT: sequence numbers are never reused, so "rows up to seq N" is stable.
CREATE TABLE IF NOT EXISTS board_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  data BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS board_updates_by_board ON board_updates (board_id, seq);
-- Only SHA-256 hashes of the tokens. A board without a row has no links and is unlocked.
CREATE TABLE IF NOT EXISTS board_access (
  board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
  owner_hash TEXT,
  edit_hash TEXT,
  view_hash TEXT,
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
) STRICT;
`;

interface AccessRow {
  owner_hash: string | null;
  edit_hash: string | null;
  view_hash: string | null;
  locked: number;
}

const NO_ACCESS: BoardAccess = {
  ownerTokenHash: null,
  editTokenHash: null,
  viewTokenHash: null,
  locked: false,
};

const toAccess = (row: AccessRow | undefined): BoardAccess =>
  row
    ? {
        ownerTokenHash: row.owner_hash,
        editTokenHash: row.edit_hash,
        viewTokenHash: row.view_hash,
        locked: row.locked === 1,
      }
    : { ...NO_ACCESS };

function checkHash(value: unknown, key: string): string | null {
  if (value !== null && typeof value !== 'string') throw new StorageError(`${key} must be a string or null`);
  return value;
}

interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

interface LogRow {
  seq: number;
  data: Buffer;
}

export interface SqliteStorageOptions {
  /**
   * `normal` (default): in WAL mode a committed transaction survives the process
   * being killed (kill -9); only an OS crash or power loss can lose the last
   * commits. `full` also survives those, at the cost of an fsync per commit.
   */
  synchronous?: 'normal' | 'full';
}

const toRecord = (row: BoardRow): BoardRecord => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toBytes = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

/**
 * A board's `updated_at` is rewritten at most this often. Under load a board
 * commits many times a second; skipping the boards row (one page less per
 * commit in the WAL) keeps "last edited" accurate to a second.
 */
const TOUCH_EVERY_MS = 1000;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** BoardStorage on one SQLite file (better-sqlite3, WAL). Opens or creates the file. */
export class SqliteBoardStorage implements BoardStorage, BoardAccessStorage, SnapshotStorage {
  private readonly db: Database.Database;
  private closed = false;
  /** Board id → when this process last wrote its updated_at. */
  private readonly touchedAt = new Map<string, number>();
  private readonly stmt;
  private readonly snapshots: SqliteSnapshots;

  constructor(
    readonly file: string,
    options: SqliteStorageOptions = {},
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new StorageError(`${file} has schema version ${version}; this server knows ${SCHEMA_VERSION}`);
      }
      this.db.exec(SCHEMA);
      this.snapshots = new SqliteSnapshots(this.db);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const db = this.db;
    this.stmt = {
      insertBoard: db.prepare<[string, string, number, number]>(
        'INSERT INTO boards (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
      ),
      getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      listBoards: db.prepare<[], BoardRow>('SELECT * FROM boards ORDER BY updated_at DESC, id'),
      deleteBoard: db.prepare<[string]>('DELETE FROM boards WHERE id = ?'),
      boardExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM boards WHERE id = ?'),
      insertUpdate: db.prepare<[string, Uint8Array]>(
        'INSERT INTO board_updates (board_id, data) VALUES (?, ?)',
      ),
      touchBoard: db.prepare<[number, string]>(
        'UPDATE boards SET updated_at = max(updated_at, ?) WHERE id = ?',
      ),
      retitleBoard: db.prepare<[string, string]>('UPDATE boards SET title = ? WHERE id = ?'),
      loadLog: db.prepare<[string], LogRow>(
        'SELECT seq, data FROM board_updates WHERE board_id = ? ORDER BY seq',
      ),
      countLog: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM board_updates WHERE board_id = ?',
      ),
      replaceRow: db.prepare<[Uint8Array, number, string]>(
        'UPDATE board_updates SET data = ? WHERE seq = ? AND board_id = ?',
      ),
      deleteBefore: db.prepare<[string, number]>('DELETE FROM board_updates WHERE board_id = ? AND seq < ?'),
      getAccess: db.prepare<[string], AccessRow>(
        'SELECT owner_hash, edit_hash, view_hash, locked FROM board_access WHERE board_id = ?',
      ),
      putAccess: db.prepare<[string, string | null, string | null, string | null, number]>(
        `INSERT INTO board_access (board_id, owner_hash, edit_hash, view_hash, locked) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET owner_hash = excluded.owner_hash, edit_hash = excluded.edit_hash,
           view_hash = excluded.view_hash, locked = excluded.locked`,
      ),
    };
  }

  private open(): void {
    if (this.closed) throw new StorageError('storage is closed');
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    this.open();
    const now = Date.now();
    const create = this.db.transaction(() => {
      if (this.stmt.boardExists.get(board.id)) throw new BoardExistsError(board.id);
      this.stmt.insertBoard.run(board.id, board.title, now, now);
      if (board.access !== undefined) this.writeAccess(board.id, { ...NO_ACCESS, ...board.access });
      if (board.initialUpdate !== undefined) this.stmt.insertUpdate.run(board.id, board.initialUpdate);
    });
    create.immediate();
    return { id: board.id, title: board.title, createdAt: now, updatedAt: now };
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    this.open();
    const row = this.stmt.getBoard.get(id);
    return row ? toRecord(row) : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    this.open();
    return this.stmt.listBoards.all().map(toRecord);
  }

  private writeAccess(id: string, access: BoardAccess): void {
    if (typeof access.locked !== 'boolean') throw new StorageError('locked must be a boolean');
    this.stmt.putAccess.run(
      id,
      checkHash(access.ownerTokenHash, 'ownerTokenHash'),
      checkHash(access.editTokenHash, 'editTokenHash'),
      checkHash(access.viewTokenHash, 'viewTokenHash'),
      access.locked ? 1 : 0,
    );
  }

  async getAccess(id: string): Promise<BoardAccess | null> {
    this.open();
    const read = this.db.transaction(() =>
      this.stmt.boardExists.get(id) ? toAccess(this.stmt.getAccess.get(id)) : null,
    );
    return read.deferred();
  }

  async updateAccess(id: string, change: Partial<BoardAccess>): Promise<BoardAccess | null> {
    this.open();
    const update = this.db.transaction((): BoardAccess | null => {
      if (!this.stmt.boardExists.get(id)) return null;
      const next: BoardAccess = { ...toAccess(this.stmt.getAccess.get(id)) };
      if (change.ownerTokenHash !== undefined) next.ownerTokenHash = change.ownerTokenHash;
      if (change.editTokenHash !== undefined) next.editTokenHash = change.editTokenHash;
      if (change.viewTokenHash !== undefined) next.viewTokenHash = change.viewTokenHash;
      if (change.locked !== undefined) next.locked = change.locked;
      this.writeAccess(id, next);
      return next;
    });
    return update.immediate();
  }

  async deleteBoard(id: string): Promise<boolean> {
    this.open();
    return this.stmt.deleteBoard.run(id).changes > 0;
  }

  async saveSnapshot(snapshot: Snapshot): Promise<SnapshotRecord | null> {
    this.open();
    return this.snapshots.save(snapshot);
  }

  async listSnapshots(boardId: string): Promise<SnapshotRecord[] | null> {
    this.open();
    return this.snapshots.list(boardId);
  }

  async getSnapshot(boardId: string, snapshotId: string): Promise<Snapshot | null> {
    this.open();
    return this.snapshots.get(boardId, snapshotId);
  }

  async appendUpdates(batch: readonly BoardWrite[]): Promise<void> {
    this.open();
    const now = Date.now();
    const touched: string[] = [];
    const append = this.db.transaction(() => {
      for (const write of batch) {
        if (!this.stmt.boardExists.get(write.boardId)) continue;
        for (const update of write.updates) {
          if (!(update instanceof Uint8Array)) throw new StorageError('an update must be a Uint8Array');
          this.stmt.insertUpdate.run(write.boardId, update);
        }
        if (now - (this.touchedAt.get(write.boardId) ?? Number.NEGATIVE_INFINITY) >= TOUCH_EVERY_MS) {
          this.stmt.touchBoard.run(now, write.boardId);
          touched.push(write.boardId);
        }
        if (write.title !== undefined) this.stmt.retitleBoard.run(write.title, write.boardId);
      }
    });
    append.immediate();
    // Only once committed: a rolled-back touch must be retried by the next write.
    if (this.touchedAt.size > 10_000) this.touchedAt.clear();
    for (const id of touched) this.touchedAt.set(id, now);
  }

  async loadUpdates(id: string): Promise<Uint8Array[] | null> {
    this.open();
    // One read transaction so the existence check and the log agree.
    const load = this.db.transaction(() => {
      if (!this.stmt.boardExists.get(id)) return null;
      return this.stmt.loadLog.all(id).map((row) => toBytes(row.data));
    });
    return load.deferred();
  }

  async compact(id: string, options: CompactOptions = {}): Promise<CompactionResult> {
    this.open();
    const read = this.stmt.loadLog.all(id);
    if (read.length <= 1) return { replaced: 0, remaining: read.length };
    // Yield, as a networked database would: appends may land between read and write.
    await nextTick();
    const merged = mergeUpdatesThroughDoc(
      read.map((row) => toBytes(row.data)),
      options.batchSize,
    );
    this.open();
    const last = (read[read.length - 1] as LogRow).seq;
    const write = this.db.transaction((): CompactionResult => {
      // The merged row takes the place of the last row it replaces, so log order is kept.
      // No such row: a concurrent compaction already merged everything we read.
      if (this.stmt.replaceRow.run(merged, last, id).changes === 0) {
        return { replaced: 0, remaining: (this.stmt.countLog.get(id) as { n: number }).n };
      }
      // Sequence numbers only grow, so every row below `last` is one we read (or a
      // concurrent compaction's merge of rows we read); rows appended since are above it.
      this.stmt.deleteBefore.run(id, last);
      return { replaced: read.length, remaining: (this.stmt.countLog.get(id) as { n: number }).n };
    });
    return write.immediate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
