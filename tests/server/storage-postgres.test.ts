import type { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardExistsError } from '../../server/storage/board-storage.ts';
import type { PostgresBoardStorage } from '../../server/storage/postgres.ts';
import { compactionLockKey } from '../../server/storage/postgres-schema.ts';
import { readBoard } from '../../shared/board-doc.ts';
import { newBoardId } from '../../shared/ids.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates, makeUpdateLog, recordingDoc } from '../helpers/board-updates.ts';
import { connectTestClient, openTestStorage, postgresUnavailable, testSchema } from '../helpers/postgres.ts';
import { accessStorageContract } from './storage-access-contract.ts';
import { storageContract } from './storage-contract.ts';
import { snapshotStorageContract } from './storage-snapshot-contract.ts';

const unavailable = await postgresUnavailable();
if (unavailable !== null) console.warn(`storage-postgres: skipping the PostgreSQL suites: ${unavailable}`);

/** The document a log describes, with nothing left pending. */
function docFrom(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * Resolves once a statement matching `pattern` (LIKE) waits for a lock. `observer`
 * must not be in a transaction: pg_stat_activity is read once per transaction.
 */
async function waitUntilBlocked(observer: Client, pattern: string): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const waiting = await observer.query(
      "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
      [pattern],
    );
    if (waiting.rowCount !== 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no statement like ${pattern} ever waited for a lock`);
}

const bytes = (updates: readonly Uint8Array[] | null): number[][] => (updates ?? []).map((u) => [...u]);

describe.skipIf(unavailable !== null)('PostgreSQL storage', () => {
  const schema = testSchema();
  afterAll(() => schema.drop());

  storageContract('postgres', async () => {
    const storage = await openTestStorage(schema.name);
    return { storage, dispose: () => storage.close() };
  });

  accessStorageContract('postgres', async () => {
    const storage = await openTestStorage(schema.name);
    return { storage, dispose: () => storage.close() };
  });

  snapshotStorageContract(
    'postgres',
    async () => {
      let storage = await openTestStorage(schema.name);
      return {
        storage,
        reopen: async () => {
          await storage.close();
          storage = await openTestStorage(schema.name);
          return storage;
        },
        dispose: () => storage.close(),
      };
    },
    true,
  );

  describe('writes', () => {
    it('BoardExistsError for the loser of two concurrent creates with one id', async () => {
      const [a, b] = [await openTestStorage(schema.name), await openTestStorage(schema.name)];
      const id = newBoardId();
      const results = await Promise.allSettled([
        a.createBoard({ id, title: 'A', initialUpdate: new Uint8Array([1]) }),
        b.createBoard({ id, title: 'B', initialUpdate: new Uint8Array([2]) }),
      ]);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(BoardExistsError);
      expect(await a.loadUpdates(id)).toHaveLength(1);
      await Promise.all([a.close(), b.close()]);
    });

    it('a batch over several boards puts each update on its board, in order; the last title wins', async () => {
      const storage = await openTestStorage(schema.name);
      const ids = [newBoardId(), newBoardId(), newBoardId()];
      for (const id of ids) await storage.createBoard({ id, title: 'untitled' });
      const expected = new Map<string, number[][]>(ids.map((id) => [id, []]));
      const batch = Array.from({ length: 60 }, (_, i) => {
        const boardId = ids[i % 3] as string;
        const updates = [new Uint8Array([i, 0]), new Uint8Array([i, 1])];
        expected.get(boardId)?.push(...updates.map((u) => [...u]));
        return { boardId, updates, title: `title ${i}` };
      });
      await storage.appendUpdates(batch);
      for (const [index, id] of ids.entries()) {
        expect(bytes(await storage.loadUpdates(id))).toEqual(expected.get(id));
        expect((await storage.getBoard(id))?.title).toBe(`title ${57 + index}`);
      }
      await storage.close();
    });

    it('a batch that meets a board being deleted by another process skips it and stores the rest', async () => {
      const storage = await openTestStorage(schema.name);
      const [deleter, observer] = await Promise.all([connectTestClient(), connectTestClient()]);
      try {
        const [kept, gone] = [newBoardId(), newBoardId()];
        await storage.createBoard({ id: kept, title: 'Kept' });
        await storage.createBoard({ id: gone, title: 'Gone', initialUpdate: new Uint8Array([1]) });
        await deleter.query('BEGIN');
        await deleter.query(`DELETE FROM "${schema.name}".boards WHERE id = $1`, [gone]);
        const append = storage.appendUpdates([
          { boardId: gone, updates: [new Uint8Array([9])] },
          { boardId: kept, updates: [new Uint8Array([7])] },
        ]);
        // The batch saw the board before the delete committed; it must not fail on the foreign key.
        await waitUntilBlocked(observer, `%"${schema.name}".%`);
        await deleter.query('COMMIT');
        await append;
        expect(bytes(await storage.loadUpdates(kept))).toEqual([[7]]);
        expect(await storage.loadUpdates(gone)).toBeNull();
      } finally {
        await Promise.all([deleter.end(), observer.end()]);
        await storage.close();
      }
    });

    it('two processes committing overlapping batches in opposite board order do not deadlock', async () => {
      const [a, b] = [await openTestStorage(schema.name), await openTestStorage(schema.name)];
      const ids = [newBoardId(), newBoardId(), newBoardId()];
      for (const id of ids) await a.createBoard({ id, title: 'busy' });
      const run = async (storage: PostgresBoardStorage, order: string[], tag: number): Promise<void> => {
        for (let i = 0; i < 25; i += 1) {
          await storage.appendUpdates(
            order.map((boardId) => ({ boardId, updates: [new Uint8Array([tag, i])] })),
          );
        }
      };
      await Promise.all([run(a, ids, 1), run(b, [...ids].reverse(), 2)]);
      for (const id of ids) expect(await a.loadUpdates(id)).toHaveLength(50);
      await Promise.all([a.close(), b.close()]);
    });
  });

  describe('compaction across processes', () => {
    it('two processes compacting one board while a third appends lose nothing', async () => {
      const [p1, p2, p3] = await Promise.all([1, 2, 3].map(() => openTestStorage(schema.name)));
      if (!p1 || !p2 || !p3) throw new Error('storages did not open');
      const { updates, board } = makeUpdateLog(900);
      const id = newBoardId();
      await p3.createBoard({ id, title: 'Busy board' });
      await p3.appendUpdates([{ boardId: id, updates: updates.slice(0, 300) }]);

      let appending = true;
      const appender = (async () => {
        for (let start = 300; start < updates.length; start += 20) {
          await p3.appendUpdates([{ boardId: id, updates: updates.slice(start, start + 20) }]);
        }
        appending = false;
      })();
      const replaced: number[] = [];
      const compactor = async (storage: PostgresBoardStorage): Promise<void> => {
        while (appending) replaced.push((await storage.compact(id, { batchSize: 64 })).replaced);
      };
      await Promise.all([appender, compactor(p1), compactor(p2)]);

      expect(replaced.filter((n) => n > 0).length).toBeGreaterThan(1);
      const expected = docFrom(updates);
      const stored = docFrom((await p1.loadUpdates(id)) ?? []);
      expect(readBoard(stored)).toEqual(board);
      expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(expected));
      expect(stored.store.pendingStructs).toBeNull();
      expect((await p2.compact(id)).remaining).toBe(1);
      expect(boardFromUpdates((await p3.loadUpdates(id)) ?? [])).toEqual(board);
      expected.destroy();
      stored.destroy();
      await Promise.all([p1.close(), p2.close(), p3.close()]);
    });

    it("waits for the board's advisory lock, so another process's compaction never overlaps", async () => {
      const storage = await openTestStorage(schema.name);
      const holder = await connectTestClient();
      try {
        const { updates, board } = makeUpdateLog(40);
        const id = newBoardId();
        await storage.createBoard({ id, title: 'Locked' });
        await storage.appendUpdates([{ boardId: id, updates }]);
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          compactionLockKey(schema.name, id),
        ]);
        let settled = false;
        const compaction = storage.compact(id).finally(() => {
          settled = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        expect(await storage.loadUpdates(id)).toHaveLength(40);
        await holder.query('COMMIT');
        expect(await compaction).toEqual({ replaced: 40, remaining: 1 });
        expect(boardFromUpdates((await storage.loadUpdates(id)) ?? [])).toEqual(board);
      } finally {
        await holder.end();
        await storage.close();
      }
    });

    it('a row whose seq commits after larger seqs survives compaction, even committing mid-compaction', async () => {
      const storage = await openTestStorage(schema.name);
      const clients = await Promise.all([1, 2, 3].map(() => connectTestClient()));
      const [inFlight, blocker, observer] = clients as [Client, Client, Client];
      const { doc, updates } = recordingDoc();
      try {
        const origin = createLocalOrigin();
        const add = (i: number) =>
          addActor(doc, { label: `A${i}`, kind: 'state', x: i, y: 0 }, origin, `a${i}`);
        for (let i = 0; i < 20; i += 1) add(i);
        addActor(doc, { label: 'Late', kind: 'mediator', x: 0, y: 9 }, origin, 'late');
        for (let i = 20; i < 25; i += 1) add(i);
        expect(updates).toHaveLength(26);
        const id = newBoardId();
        const log = `"${schema.name}".board_updates`;
        await storage.createBoard({ id, title: 'Out of order' });
        await storage.appendUpdates([{ boardId: id, updates: updates.slice(0, 20) }]);

        // Another process's group commit takes a seq, then stays uncommitted...
        await inFlight.query('BEGIN');
        const taken = await inFlight.query<{ seq: string }>(
          `INSERT INTO ${log} (board_id, data) VALUES ($1, $2) RETURNING seq`,
          [id, Buffer.from(updates[20] as Uint8Array)],
        );
        // ...while larger seqs commit (these updates even depend on the uncommitted one).
        await storage.appendUpdates([{ boardId: id, updates: updates.slice(21) }]);
        expect(await storage.loadUpdates(id)).toHaveLength(25);

        // Hold the newest row, so the compaction stops after reading and merging, before writing.
        await blocker.query('BEGIN');
        await blocker.query(`SELECT 1 FROM ${log} WHERE board_id = $1 ORDER BY seq DESC LIMIT 1 FOR UPDATE`, [
          id,
        ]);
        const compaction = storage.compact(id);
        await waitUntilBlocked(observer, `%UPDATE ${log} SET data%`);
        // The smaller seq becomes visible between the compaction's read and its delete.
        await inFlight.query('COMMIT');
        await blocker.query('COMMIT');
        expect(await compaction).toEqual({ replaced: 25, remaining: 2 });

        const loaded = (await storage.loadUpdates(id)) ?? [];
        expect(loaded).toHaveLength(2);
        expect([...(loaded[0] ?? [])]).toEqual([...(updates[20] as Uint8Array)]);
        const seqs = await observer.query<{ seq: string }>(
          `SELECT seq FROM ${log} WHERE board_id = $1 ORDER BY seq`,
          [id],
        );
        expect(seqs.rows[0]?.seq).toBe(taken.rows[0]?.seq);
        expect(boardFromUpdates(loaded)).toEqual(readBoard(doc));
        expect(await storage.compact(id)).toEqual({ replaced: 2, remaining: 1 });
        expect(boardFromUpdates((await storage.loadUpdates(id)) ?? [])).toEqual(readBoard(doc));
      } finally {
        // Ending a client rolls back its transaction, so a failed run cannot leave locks behind.
        await Promise.all(clients.map((c) => c.end()));
        await storage.close();
        doc.destroy();
      }
    });
  });
});
