/** Rounds (named snapshots) in PostgreSQL: one row each, deleted with their board. */
import type { PgTables } from './postgres-schema.ts';
import { checkSnapshot, type Snapshot, type SnapshotRecord } from './snapshot-storage.ts';

export function snapshotDdl(t: PgTables): string {
  return `
CREATE TABLE IF NOT EXISTS ${t.snapshots} (
  board_id text NOT NULL REFERENCES ${t.boards} (id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  note text,
  saved_at bigint NOT NULL,
  saved_by text NOT NULL,
  state bytea NOT NULL,
  PRIMARY KEY (board_id, id)
);
`;
}

type Query = <R extends object>(op: string, text: string, values: unknown[]) => Promise<R[]>;

interface SnapshotRow {
  board_id: string;
  id: string;
  name: string;
  note: string | null;
  saved_at: string;
  saved_by: string;
}

const COLUMNS = 'board_id, id, name, note, saved_at, saved_by';

const toRecord = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  ...(row.note ? { note: row.note } : {}),
  savedAt: Number(row.saved_at),
  savedBy: row.saved_by,
});

export async function pgSaveSnapshot(
  query: Query,
  t: PgTables,
  snapshot: Snapshot,
): Promise<SnapshotRecord | null> {
  const s = checkSnapshot(snapshot);
  // One statement: inserts only while the board exists; an existing round (same id) is left as it was.
  await query(
    'saveSnapshot',
    `INSERT INTO ${t.snapshots} (${COLUMNS}, state)
     SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM ${t.boards} WHERE id = $1)
     ON CONFLICT (board_id, id) DO NOTHING`,
    [s.boardId, s.id, s.name, s.note ?? null, s.savedAt, s.savedBy, Buffer.from(s.state)],
  );
  const rows = await query<SnapshotRow>(
    'saveSnapshot',
    `SELECT ${COLUMNS} FROM ${t.snapshots} WHERE board_id = $1 AND id = $2`,
    [s.boardId, s.id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function pgListSnapshots(
  query: Query,
  t: PgTables,
  boardId: string,
): Promise<SnapshotRecord[] | null> {
  // The board row joined in, so "no board" and "no rounds" are told apart in one snapshot.
  const rows = await query<SnapshotRow & { board: string }>(
    'listSnapshots',
    `SELECT b.id AS board, s.board_id, s.id, s.name, s.note, s.saved_at, s.saved_by
     FROM ${t.boards} b LEFT JOIN ${t.snapshots} s ON s.board_id = b.id
     WHERE b.id = $1 ORDER BY s.saved_at, s.id`,
    [boardId],
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row.id !== null).map(toRecord);
}

export async function pgGetSnapshot(
  query: Query,
  t: PgTables,
  boardId: string,
  snapshotId: string,
): Promise<Snapshot | null> {
  const rows = await query<SnapshotRow & { state: Buffer }>(
    'getSnapshot',
    `SELECT ${COLUMNS}, state FROM ${t.snapshots} WHERE board_id = $1 AND id = $2`,
    [boardId, snapshotId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...toRecord(row),
    state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength),
  };
}
