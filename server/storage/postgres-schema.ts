import type { PoolClient } from 'pg';
import { StorageError } from './board-storage.ts';
import { snapshotDdl } from './postgres-snapshots.ts';

/** Bumped when the tables change; a server refuses a schema newer than it knows. 2: board_snapshots (rounds). */
export const PG_SCHEMA_VERSION = 2;

/** Where Parley's tables live unless configured otherwise: its own schema, clear of anything else in the database. */
export const DEFAULT_PG_SCHEMA = 'parley';

// Lower case only, so the quoted name and the name PostgreSQL reports are the same.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The qualified table names of one Parley schema, safe to splice into SQL. */
export interface PgTables {
  schema: string;
  boards: string;
  updates: string;
  access: string;
  snapshots: string;
  version: string;
}

export function pgTables(schema: string): PgTables {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StorageError(
      `invalid PostgreSQL schema name ${JSON.stringify(schema)}: use 1–63 lower-case letters, digits or _, not starting with a digit`,
    );
  }
  const q = `"${schema}"`;
  return {
    schema,
    boards: `${q}.boards`,
    updates: `${q}.board_updates`,
    access: `${q}.board_access`,
    snapshots: `${q}.board_snapshots`,
    version: `${q}.schema_version`,
  };
}

/** Text hashed (hashtextextended) into the advisory lock key that serialises compactions of one board. */
export function compactionLockKey(schema: string, boardId: string): string {
  return `parley.compact:${schema}:${boardId}`;
}

const schemaLockKey = (schema: string): string => `parley.schema:${schema}`;

function ddl(t: PgTables): string {
  return `
CREATE TABLE IF NOT EXISTS ${t.version} (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version integer NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t.boards} (
  id text PRIMARY KEY,
  title text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
-- seq orders one writer's appends; it never repeats, so compaction can name exactly the rows it merged.
CREATE TABLE IF NOT EXISTS ${t.updates} (
  seq bigserial PRIMARY KEY,
  board_id text NOT NULL REFERENCES ${t.boards} (id) ON DELETE CASCADE,
  data bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS board_updates_by_board ON ${t.updates} (board_id, seq);
-- Only SHA-256 hashes of the tokens. A board without a row has no links and is unlocked.
CREATE TABLE IF NOT EXISTS ${t.access} (
  board_id text PRIMARY KEY REFERENCES ${t.boards} (id) ON DELETE CASCADE,
  owner_hash text,
  edit_hash text,
  view_hash text,
  locked boolean NOT NULL DEFAULT false
);
${snapshotDdl(t)}`;
}

/**
 * Creates the schema and tables when missing, inside one transaction under an
 * advisory lock: CREATE … IF NOT EXISTS alone races when several servers start
 * at once (both see "missing", one fails on the catalog's unique index).
 */
export async function ensurePgSchema(client: PoolClient, t: PgTables): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [schemaLockKey(t.schema)]);
    // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists;
    // checking first lets a role without it use a schema an administrator made.
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [t.schema]);
    if (found.rowCount === 0) await client.query(`CREATE SCHEMA "${t.schema}"`);
    const versionTable = await client.query<{ oid: string | null }>('SELECT to_regclass($1) AS oid', [
      t.version,
    ]);
    if (versionTable.rows[0]?.oid != null) {
      const row = await client.query<{ version: number }>(`SELECT version FROM ${t.version}`);
      const version = row.rows[0]?.version ?? 0;
      if (version > PG_SCHEMA_VERSION) {
        throw new StorageError(
          `PostgreSQL schema ${t.schema} has version ${version}; this server knows ${PG_SCHEMA_VERSION}`,
        );
      }
    }
    await client.query(ddl(t));
    await client.query(
      `INSERT INTO ${t.version} (version) VALUES ($1) ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version`,
      [PG_SCHEMA_VERSION],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
