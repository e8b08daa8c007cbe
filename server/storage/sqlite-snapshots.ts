/** Rounds (named snapshots) in SQLite: one row each, deleted with their board. */
import type Database from 'better-sqlite3';
import { checkSnapshot, type Snapshot, type SnapshotRecord } from './snapshot-storage.ts';

export const SQLITE_SNAPSHOT_SCHEMA = `
CREATE TABLE IF NOT EXISTS board_snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  note TEXT,
  saved_at INTEGER NOT NULL,
  saved_by TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (board_id, id)
) STRICT;
CREATE INDEX IF NOT EXISTS board_snapshots_by_time ON board_snapshots (board_id, saved_at, id);
`;

interface SnapshotRow {
  board_id: string;
  id: string;
  name: string;
  note: string | null;
  saved_at: number;
  saved_by: string;
}

const toRecord = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  ...(row.note ? { note: row.note } : {}),
  savedAt: row.saved_at,
  savedBy: row.saved_by,
});

const COLUMNS = 'board_id, id, name, note, saved_at, saved_by';

export class SqliteSnapshots {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    db.exec(SQLITE_SNAPSHOT_SCHEMA);
    this.stmt = {
      boardExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM boards WHERE id = ?'),
      insert: db.prepare<[string, string, string, string | null, number, string, Uint8Array]>(
        `INSERT INTO board_snapshots (${COLUMNS}, state) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      get: db.prepare<[string, string], SnapshotRow>(
        `SELECT ${COLUMNS} FROM board_snapshots WHERE board_id = ? AND id = ?`,
      ),
      getWithState: db.prepare<[string, string], SnapshotRow & { state: Buffer }>(
        `SELECT ${COLUMNS}, state FROM board_snapshots WHERE board_id = ? AND id = ?`,
      ),
      list: db.prepare<[string], SnapshotRow>(
        `SELECT ${COLUMNS} FROM board_snapshots WHERE board_id = ? ORDER BY saved_at, id`,
      ),
    };
  }

  save(snapshot: Snapshot): SnapshotRecord | null {
    const s = checkSnapshot(snapshot);
    const save = this.db.transaction((): SnapshotRecord | null => {
      if (!this.stmt.boardExists.get(s.boardId)) return null;
      // An existing round with this id is immutable: the insert is skipped and the stored one returned.
      this.stmt.insert.run(s.boardId, s.id, s.name, s.note ?? null, s.savedAt, s.savedBy, s.state);
      const row = this.stmt.get.get(s.boardId, s.id);
      return row ? toRecord(row) : null;
    });
    return save.immediate();
  }

  list(boardId: string): SnapshotRecord[] | null {
    const list = this.db.transaction(() => {
      if (!this.stmt.boardExists.get(boardId)) return null;
      return this.stmt.list.all(boardId).map(toRecord);
    });
    return list.deferred();
  }

  get(boardId: string, snapshotId: string): Snapshot | null {
    const row = this.stmt.getWithState.get(boardId, snapshotId);
    if (!row) return null;
    const state = new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength);
    return { ...toRecord(row), state };
  }
}
