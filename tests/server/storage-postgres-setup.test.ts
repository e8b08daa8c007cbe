/**
 * PostgreSQL storage setup and failure: schema creation, bad configuration,
 * the DATABASE_URL switch, and connections that PostgreSQL drops.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStorage, openStorage } from '../../server/storage/open-storage.ts';
import { PostgresBoardStorage } from '../../server/storage/postgres.ts';
import { compactionLockKey } from '../../server/storage/postgres-schema.ts';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { newBoardId } from '../../shared/ids.ts';
import { boardFromUpdates, makeUpdateLog } from '../helpers/board-updates.ts';
import {
  connectTestClient,
  openTestStorage,
  postgresUnavailable,
  TEST_DATABASE_URL,
  testSchema,
} from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const unavailable = await postgresUnavailable();
if (unavailable !== null)
  console.warn(`storage-postgres-setup: skipping the PostgreSQL suites: ${unavailable}`);

const bytes = (updates: readonly Uint8Array[] | null): number[][] => (updates ?? []).map((u) => [...u]);

describe.skipIf(unavailable !== null)('PostgreSQL schema', () => {
  it('is created once even when several servers start at once, and survives reopening', async () => {
    const fresh = testSchema();
    try {
      const servers = await Promise.all([1, 2, 3].map(() => openTestStorage(fresh.name)));
      const id = newBoardId();
      await servers[0]?.createBoard({ id, title: 'Shared', initialUpdate: new Uint8Array([0, 0]) });
      expect((await servers[2]?.getBoard(id))?.title).toBe('Shared');
      await Promise.all(servers.map((s) => s.close()));
      const reopened = await openTestStorage(fresh.name);
      expect(bytes(await reopened.loadUpdates(id))).toEqual([[0, 0]]);
      await reopened.close();
    } finally {
      await fresh.drop();
    }
  });

  it('refuses a schema written by a newer version instead of guessing', async () => {
    const fresh = testSchema();
    const client = await connectTestClient();
    try {
      await (await openTestStorage(fresh.name)).close();
      await client.query(`UPDATE "${fresh.name}".schema_version SET version = 99`);
      await expect(openTestStorage(fresh.name)).rejects.toThrow(/has version 99/);
    } finally {
      await client.end();
      await fresh.drop();
    }
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      PostgresBoardStorage.open({ connectionString: TEST_DATABASE_URL, schema: 'Boards"; drop' }),
    ).rejects.toThrow(/invalid PostgreSQL schema name/);
  });

  it('fails to open with a clear message that does not show the password', async () => {
    const open = PostgresBoardStorage.open({
      connectionString: 'postgres://parley:hunter2@127.0.0.1:1/parley',
      connectTimeoutMs: 1000,
    });
    await expect(open).rejects.toThrow(
      /cannot open PostgreSQL storage at postgres:\/\/parley:\*\*\*@127\.0\.0\.1:1/,
    );
    await expect(open).rejects.not.toThrow(/hunter2/);
  });
});

describe('openStorage (DATABASE_URL)', () => {
  it('opens SQLite under the data directory when no database URL is set', async () => {
    const tmp = await makeTempDir('parley-open-');
    const config = { databaseUrl: '', databaseFile: path.join(tmp.dir, 'parley.db') };
    const storage = await openStorage(config);
    expect(storage).toBeInstanceOf(SqliteBoardStorage);
    expect(describeStorage(config)).toBe(`sqlite ${config.databaseFile}`);
    await storage.close();
    await tmp.remove();
  });

  it('refuses a database URL that is not PostgreSQL, without showing its password', async () => {
    const config = { databaseUrl: 'mysql://root:hunter2@db/parley', databaseFile: 'unused.db' };
    await expect(openStorage(config)).rejects.toThrow(
      /DATABASE_URL must be a PostgreSQL URL.*mysql:\/\/root:\*\*\*@db/,
    );
  });

  it.skipIf(unavailable !== null)(
    'opens PostgreSQL in the configured schema when a database URL is set',
    async () => {
      const fresh = testSchema();
      const config = {
        databaseUrl: TEST_DATABASE_URL,
        databaseSchema: fresh.name,
        databaseFile: 'unused.db',
      };
      try {
        const storage = await openStorage(config);
        expect(storage).toBeInstanceOf(PostgresBoardStorage);
        expect((storage as PostgresBoardStorage).schema).toBe(fresh.name);
        expect(describeStorage(config)).toMatch(
          new RegExp(`^postgresql postgres://.* schema ${fresh.name}$`),
        );
        await storage.close();
      } finally {
        await fresh.drop();
      }
    },
  );
});

describe.skipIf(unavailable !== null)('PostgreSQL server defaults', () => {
  it('works when the server defaults to SERIALIZABLE: concurrent compactions and appends neither fail nor lose', async () => {
    const fresh = testSchema();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', '-c default_transaction_isolation=serializable');
    const open = () => PostgresBoardStorage.open({ connectionString: url.toString(), schema: fresh.name });
    const [a, b] = [await open(), await open()];
    try {
      const { updates, board } = makeUpdateLog(300);
      const id = newBoardId();
      await a.createBoard({ id, title: 'Strict' });
      await a.appendUpdates([{ boardId: id, updates: updates.slice(0, 100) }]);
      const appends = (async () => {
        for (let start = 100; start < 300; start += 20) {
          await b.appendUpdates([{ boardId: id, updates: updates.slice(start, start + 20) }]);
        }
      })();
      await Promise.all([appends, a.compact(id), b.compact(id), a.compact(id), b.compact(id)]);
      expect(boardFromUpdates((await a.loadUpdates(id)) ?? [])).toEqual(board);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await fresh.drop();
    }
  });
});

describe.skipIf(unavailable !== null)('PostgreSQL connections lost', () => {
  it('a compaction whose connection is killed rejects clearly; the storage carries on', async () => {
    const fresh = testSchema();
    const app = `parley_test_${crypto.randomBytes(4).toString('hex')}`;
    const poolErrors: Error[] = [];
    const storage = await openTestStorage(fresh.name, {
      applicationName: app,
      onPoolError: (error) => poolErrors.push(error),
    });
    const admin = await connectTestClient();
    try {
      const { updates } = makeUpdateLog(30);
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Fragile' });
      await storage.appendUpdates([{ boardId: id, updates }]);
      // Park the compaction on its lock, then kill every connection of this storage.
      await admin.query('BEGIN');
      await admin.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        compactionLockKey(fresh.name, id),
      ]);
      const compaction = storage.compact(id);
      compaction.catch(() => undefined);
      for (let tries = 0; tries < 200; tries += 1) {
        const waiting = await connectTestClient().then(async (c) => {
          const r = await c.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
            [app],
          );
          await c.end();
          return r.rowCount !== 0;
        });
        if (waiting) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [app],
      );
      await expect(compaction).rejects.toThrow(/PostgreSQL compact failed/);
      await admin.query('COMMIT');
      // Nothing was half-done, and fresh connections replace the dead ones.
      expect(await storage.loadUpdates(id)).toHaveLength(30);
      expect(await storage.compact(id)).toEqual({ replaced: 30, remaining: 1 });
    } finally {
      await admin.end();
      await storage.close();
      await fresh.drop();
    }
  });

  it('idle connections killed by PostgreSQL are reported and replaced, not fatal', async () => {
    const fresh = testSchema();
    const app = `parley_test_${crypto.randomBytes(4).toString('hex')}`;
    const poolErrors: Error[] = [];
    const storage = await openTestStorage(fresh.name, {
      applicationName: app,
      onPoolError: (error) => poolErrors.push(error),
    });
    const admin = await connectTestClient();
    try {
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Survivor' });
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [app],
      );
      for (let tries = 0; tries < 100 && poolErrors.length === 0; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(poolErrors.length).toBeGreaterThan(0);
      await storage.appendUpdates([{ boardId: id, updates: [new Uint8Array([1])] }]);
      expect(bytes(await storage.loadUpdates(id))).toEqual([[1]]);
    } finally {
      await admin.end();
      await storage.close();
      await fresh.drop();
    }
  });
});
