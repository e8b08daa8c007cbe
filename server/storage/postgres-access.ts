/**
 * Access records (token hashes and the lock) in PostgreSQL: the part of
 * PostgresBoardStorage behind BoardAccessStorage. One row per board in
 * board_access, deleted with the board (ON DELETE CASCADE).
 */
import type { PoolClient } from 'pg';
import { type BoardAccess, StorageError } from './board-storage.ts';
import type { PgTables } from './postgres-schema.ts';

export const NO_ACCESS: Readonly<BoardAccess> = {
  ownerTokenHash: null,
  editTokenHash: null,
  viewTokenHash: null,
  locked: false,
};

export interface AccessRow {
  owner_hash: string | null;
  edit_hash: string | null;
  view_hash: string | null;
  locked: boolean | null;
}

/** A row of `boards LEFT JOIN board_access`: no access row reads as no links, unlocked. */
export const toAccess = (row: AccessRow): BoardAccess => ({
  ownerTokenHash: row.owner_hash,
  editTokenHash: row.edit_hash,
  viewTokenHash: row.view_hash,
  locked: row.locked ?? false,
});

function checkHash(value: unknown, key: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new StorageError(`${key} must be a string or null`);
  }
}

/** Refuses fields of the wrong type before anything is sent. */
export function checkAccessChange(change: Partial<BoardAccess>): void {
  checkHash(change.ownerTokenHash, 'ownerTokenHash');
  checkHash(change.editTokenHash, 'editTokenHash');
  checkHash(change.viewTokenHash, 'viewTokenHash');
  if (change.locked !== undefined && typeof change.locked !== 'boolean') {
    throw new StorageError('locked must be a boolean');
  }
}

/** One statement reading a board's record; no row means no such board. */
export const readAccessSql = (t: PgTables): string =>
  `SELECT a.owner_hash, a.edit_hash, a.view_hash, a.locked
     FROM ${t.boards} AS b LEFT JOIN ${t.access} AS a ON a.board_id = b.id
    WHERE b.id = $1`;

export async function insertAccess(
  client: PoolClient,
  t: PgTables,
  id: string,
  access: BoardAccess,
): Promise<void> {
  const full = { ...NO_ACCESS, ...access };
  await client.query(
    `INSERT INTO ${t.access} (board_id, owner_hash, edit_hash, view_hash, locked) VALUES ($1, $2, $3, $4, $5)`,
    [id, full.ownerTokenHash, full.editTokenHash, full.viewTokenHash, full.locked],
  );
}

/**
 * Sets only the given fields, in one upsert: the row lock it takes serialises
 * concurrent changes from any process, so changes of different fields all land.
 * Runs inside the caller's transaction.
 */
export async function changeAccess(
  client: PoolClient,
  t: PgTables,
  id: string,
  change: Partial<BoardAccess>,
): Promise<BoardAccess | null> {
  // KEY SHARE: a concurrent deleteBoard waits for this change (or has already won: null).
  const board = await client.query(`SELECT 1 FROM ${t.boards} WHERE id = $1 FOR KEY SHARE`, [id]);
  if (board.rowCount === 0) return null;
  const has = (key: keyof BoardAccess): boolean => change[key] !== undefined;
  const row = await client.query<AccessRow>(
    `INSERT INTO ${t.access} AS a (board_id, owner_hash, edit_hash, view_hash, locked)
     VALUES ($1, $2, $3, $4, COALESCE($5, false))
     ON CONFLICT (board_id) DO UPDATE SET
       owner_hash = CASE WHEN $6 THEN EXCLUDED.owner_hash ELSE a.owner_hash END,
       edit_hash = CASE WHEN $7 THEN EXCLUDED.edit_hash ELSE a.edit_hash END,
       view_hash = CASE WHEN $8 THEN EXCLUDED.view_hash ELSE a.view_hash END,
       locked = CASE WHEN $9 THEN EXCLUDED.locked ELSE a.locked END
     RETURNING a.owner_hash, a.edit_hash, a.view_hash, a.locked`,
    [
      id,
      change.ownerTokenHash ?? null,
      change.editTokenHash ?? null,
      change.viewTokenHash ?? null,
      change.locked ?? null,
      has('ownerTokenHash'),
      has('editTokenHash'),
      has('viewTokenHash'),
      has('locked'),
    ],
  );
  return row.rows[0] ? toAccess(row.rows[0]) : null;
}
