import { DatabaseError, Pool, type PoolClient } from 'pg';
import {
  type BoardAccess,
  BoardExistsError,
  type BoardRecord,
  type BoardWrite,
  type CompactionResult,
  type CompactOptions,
  type NewBoard,
  type ParleyStorage,
  StorageError,
} from './board-storage.ts';
import { mergeUpdatesThroughDoc } from './merge-through-doc.ts';
import {
  type AccessRow,
  changeAccess,
  checkAccessChange,
  insertAccess,
  readAccessSql,
  toAccess,
} from './postgres-access.ts';
import {
  compactionLockKey,
  DEFAULT_PG_SCHEMA,
  ensurePgSchema,
  type PgTables,
  pgTables,
} from './postgres-schema.ts';
import { pgGetSnapshot, pgListSnapshots, pgSaveSnapshot } from './postgres-snapshots.ts';
import type { Snapshot, SnapshotRecord } from './snapshot-storage.ts';

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** PostgreSQL schema holding Parley's tables (created when missing). Default `parley`. */
  schema?: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** Shown in pg_stat_activity, so operators can tell servers apart. Default `parley`. */
  applicationName?: string;
  /** How long to wait for a new connection before failing the operation. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Called when an idle pooled connection fails (e.g. the server restarted).
   * The pool drops that connection and opens another on next use; without a
   * listener, node-postgres would crash the process.
   */
  onPoolError?: (error: Error) => void;
}

interface BoardRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

interface LogRow {
  seq: string;
  data: Buffer;
}

// bigint columns arrive as strings; milliseconds since the epoch fit a double exactly.
const toRecord = (row: BoardRow): BoardRecord => ({
  id: row.id,
  title: row.title,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

const toBytes = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

/** The URL without its password, for messages and logs. */
export function redactConnectionString(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable connection string)';
  }
}

function checkId(id: unknown): string {
  if (typeof id !== 'string') throw new StorageError('a board id must be a string');
  return id;
}

/** Copies: the caller may reuse its buffer before the query is sent. */
function checkUpdate(update: unknown): Buffer {
  if (!(update instanceof Uint8Array)) throw new StorageError('an update must be a Uint8Array');
  return Buffer.from(update);
}

function describe(error: unknown): string {
  if (error instanceof DatabaseError) return `${error.message} (SQLSTATE ${error.code ?? '?'})`;
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}

/**
 * BoardStorage on PostgreSQL (node-postgres Pool): the same append-only log and
 * compaction design as the SQLite storage, safe for several server processes
 * sharing one database. Open it with `PostgresBoardStorage.open`.
 */
export class PostgresBoardStorage implements ParleyStorage {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly t: PgTables,
  ) {}

  /** Connects, creates the schema when missing, and rejects with a clear message when either fails. */
  static async open(options: PostgresStorageOptions): Promise<PostgresBoardStorage> {
    const tables = pgTables(options.schema ?? DEFAULT_PG_SCHEMA);
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: options.applicationName ?? 'parley',
      keepAlive: true,
    });
    pool.on('error', (error) => options.onPoolError?.(error));
    try {
      const client = await pool.connect();
      try {
        await ensurePgSchema(client, tables);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof StorageError) throw error;
      throw new StorageError(
        `cannot open PostgreSQL storage at ${redactConnectionString(options.connectionString)}: ${describe(error)}`,
        { cause: error },
      );
    }
    return new PostgresBoardStorage(pool, tables);
  }

  /** The PostgreSQL schema holding this storage's tables. */
  get schema(): string {
    return this.t.schema;
  }

  private open(): void {
    if (this.closed) throw new StorageError('storage is closed');
  }

  /** Runs one statement outside any explicit transaction; a single statement sees one snapshot. */
  private async query<R extends object>(op: string, text: string, values: unknown[]): Promise<R[]> {
    this.open();
    try {
      return (await this.pool.query<R>(text, values)).rows;
    } catch (error) {
      throw new StorageError(`PostgreSQL ${op} failed: ${describe(error)}`, { cause: error });
    }
  }

  /**
   * Runs `work` in a transaction on one pooled connection. A StorageError from
   * `work` passes through as is; anything else is wrapped with what failed.
   * When COMMIT itself fails the outcome is unknown to us; callers retrying an
   * append may store an update twice, which Yjs ignores on load.
   */
  private async transaction<T>(op: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    this.open();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new StorageError(`PostgreSQL ${op} failed: ${describe(error)}`, { cause: error });
    }
    let broken = false;
    // pg-pool removes its error listener while a client is checked out; a connection
    // lost between our statements would then be an unhandled 'error' event and crash
    // the process. The next statement fails anyway; just never reuse this connection.
    const onLost = (): void => {
      broken = true;
    };
    client.on('error', onLost);
    try {
      // Pinned, whatever the server's default: the compaction's read must see what the previous
      // lock holder committed (a new snapshot per statement), and row locks must wait, not fail.
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection whose ROLLBACK fails is in an unknown state: destroy it rather than reuse it.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      if (error instanceof StorageError) throw error;
      throw new StorageError(`PostgreSQL ${op} failed: ${describe(error)}`, { cause: error });
    } finally {
      client.off('error', onLost);
      client.release(broken);
    }
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    const id = checkId(board.id);
    const initial = board.initialUpdate === undefined ? null : checkUpdate(board.initialUpdate);
    if (board.access !== undefined) checkAccessChange(board.access);
    const now = Date.now();
    await this.transaction('createBoard', async (client) => {
      try {
        await client.query(
          `INSERT INTO ${this.t.boards} (id, title, created_at, updated_at) VALUES ($1, $2, $3, $3)`,
          [id, board.title, now],
        );
      } catch (error) {
        // unique_violation: the id is taken (a concurrent create waits for the first to commit, then lands here).
        if (error instanceof DatabaseError && error.code === '23505') throw new BoardExistsError(id);
        throw error;
      }
      if (board.access !== undefined) await insertAccess(client, this.t, id, board.access);
      if (initial !== null) {
        await client.query(`INSERT INTO ${this.t.updates} (board_id, data) VALUES ($1, $2)`, [id, initial]);
      }
    });
    return { id, title: board.title, createdAt: now, updatedAt: now };
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const rows = await this.query<BoardRow>('getBoard', `SELECT * FROM ${this.t.boards} WHERE id = $1`, [
      checkId(id),
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listBoards(): Promise<BoardRecord[]> {
    const rows = await this.query<BoardRow>(
      'listBoards',
      `SELECT * FROM ${this.t.boards} ORDER BY updated_at DESC, id`,
      [],
    );
    return rows.map(toRecord);
  }

  async getAccess(id: string): Promise<BoardAccess | null> {
    const rows = await this.query<AccessRow>('getAccess', readAccessSql(this.t), [checkId(id)]);
    return rows[0] ? toAccess(rows[0]) : null;
  }

  async updateAccess(id: string, change: Partial<BoardAccess>): Promise<BoardAccess | null> {
    checkId(id);
    checkAccessChange(change);
    return this.transaction('updateAccess', (client) => changeAccess(client, this.t, id, change));
  }

  async deleteBoard(id: string): Promise<boolean> {
    // The log and access record go with it (ON DELETE CASCADE), in the same statement.
    const rows = await this.query<{ id: string }>(
      'deleteBoard',
      `DELETE FROM ${this.t.boards} WHERE id = $1 RETURNING id`,
      [checkId(id)],
    );
    return rows.length > 0;
  }

  saveSnapshot(snapshot: Snapshot): Promise<SnapshotRecord | null> {
    return pgSaveSnapshot(this.query.bind(this), this.t, snapshot);
  }

  listSnapshots(boardId: string): Promise<SnapshotRecord[] | null> {
    return pgListSnapshots(this.query.bind(this), this.t, boardId);
  }

  getSnapshot(boardId: string, snapshotId: string): Promise<Snapshot | null> {
    return pgGetSnapshot(this.query.bind(this), this.t, boardId, snapshotId);
  }

  async appendUpdates(batch: readonly BoardWrite[]): Promise<void> {
    this.open();
    // Validate and copy everything first, so a bad write sends nothing.
    const boardIds: string[] = [];
    const data: Buffer[] = [];
    const titles = new Map<string, string | null>();
    for (const write of batch) {
      const id = checkId(write.boardId);
      if (write.title !== undefined && typeof write.title !== 'string') {
        throw new StorageError('a title must be a string');
      }
      for (const update of write.updates) {
        boardIds.push(id);
        data.push(checkUpdate(update));
      }
      // A board written twice in one batch keeps its last title.
      titles.set(id, write.title ?? titles.get(id) ?? null);
    }
    if (titles.size === 0) return;
    const now = Date.now();
    await this.transaction('appendUpdates', async (client) => {
      // Lock the batch's boards in one fixed order, so two processes committing
      // overlapping batches cannot deadlock, and a board deleted meanwhile is
      // either gone here (skipped) or deleted only after this commit.
      const locked = await client.query<{ id: string }>(
        `SELECT id FROM ${this.t.boards} WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`,
        [[...titles.keys()]],
      );
      const live = new Set(locked.rows.map((row) => row.id));
      if (live.size === 0) return;
      const keep = boardIds.map((id) => live.has(id));
      const ids = boardIds.filter((_, i) => keep[i]);
      if (ids.length > 0) {
        // ORDER BY keeps the sub-select from being flattened, so seq defaults are drawn in batch order.
        await client.query(
          `INSERT INTO ${this.t.updates} (board_id, data)
           SELECT b, d FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(b, d, n) ORDER BY n`,
          [ids, data.filter((_, i) => keep[i])],
        );
      }
      const touched = [...live];
      await client.query(
        `UPDATE ${this.t.boards} AS b
            SET updated_at = GREATEST(b.updated_at, $1), title = COALESCE(u.title, b.title)
           FROM unnest($2::text[], $3::text[]) AS u(id, title)
          WHERE b.id = u.id`,
        [now, touched, touched.map((id) => titles.get(id) ?? null)],
      );
    });
  }

  async loadUpdates(id: string): Promise<Uint8Array[] | null> {
    // One statement, one snapshot: the board's existence and its log agree.
    const rows = await this.query<{ data: Buffer | null }>(
      'loadUpdates',
      `SELECT u.data FROM ${this.t.boards} AS b
         LEFT JOIN ${this.t.updates} AS u ON u.board_id = b.id
        WHERE b.id = $1 ORDER BY u.seq`,
      [checkId(id)],
    );
    if (rows.length === 0) return null;
    return rows.flatMap((row) => (row.data === null ? [] : [toBytes(row.data)]));
  }

  /**
   * Holds a per-board advisory lock for the whole read–merge–write, so
   * compactions of one board by any number of processes run one after the
   * other. Deletes exactly the rows it read (by seq), never a seq range: seqs
   * from concurrent transactions can become visible out of order, so a row
   * below the largest seq read may still appear later, and must survive.
   */
  async compact(id: string, options: CompactOptions = {}): Promise<CompactionResult> {
    checkId(id);
    return this.transaction('compact', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        compactionLockKey(this.t.schema, id),
      ]);
      // A new statement after the lock: its snapshot includes what the previous holder committed.
      const read = await client.query<LogRow>(
        `SELECT seq, data FROM ${this.t.updates} WHERE board_id = $1 ORDER BY seq`,
        [id],
      );
      if (read.rows.length <= 1) return { replaced: 0, remaining: read.rows.length };
      const merged = mergeUpdatesThroughDoc(
        read.rows.map((row) => toBytes(row.data)),
        options.batchSize,
      );
      // KEY SHARE on the board before touching its rows: a concurrent deleteBoard then
      // waits for this commit (or has already won), instead of deadlocking on the log rows.
      const board = await client.query(`SELECT 1 FROM ${this.t.boards} WHERE id = $1 FOR KEY SHARE`, [id]);
      if (board.rowCount === 0) return { replaced: 0, remaining: 0 };
      const seqs = read.rows.map((row) => row.seq);
      // With the board locked and the compaction lock held, nothing else can remove these rows
      // from here on; if some are already gone (the board was deleted and recreated), do nothing.
      const present = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${this.t.updates} WHERE board_id = $1 AND seq = ANY($2::bigint[])`,
        [id, seqs],
      );
      if (Number(present.rows[0]?.n) !== seqs.length) {
        return { replaced: 0, remaining: await this.countLog(client, id) };
      }
      const last = seqs.pop() as string;
      // The merged row takes the place of the last row it replaces.
      const kept = await client.query(
        `UPDATE ${this.t.updates} SET data = $1 WHERE seq = $2 AND board_id = $3`,
        [merged, last, id],
      );
      const removed = await client.query(
        `DELETE FROM ${this.t.updates} WHERE board_id = $1 AND seq = ANY($2::bigint[])`,
        [id, seqs],
      );
      if (kept.rowCount !== 1 || removed.rowCount !== seqs.length) {
        throw new StorageError(
          `compaction of board ${id} found its rows changed under its locks; rolled back`,
        );
      }
      return { replaced: read.rows.length, remaining: await this.countLog(client, id) };
    });
  }

  private async countLog(client: PoolClient, id: string): Promise<number> {
    const count = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.t.updates} WHERE board_id = $1`,
      [id],
    );
    return Number(count.rows[0]?.n ?? 0);
  }

  /** Ends the pool (waiting for connections in use to be returned). Later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
