/**
 * Storage failure (disk full, read-only database): the board stops taking
 * changes (refused, not silently dropped), /api/health reports unhealthy,
 * nothing committed is lost, and once storage works again the refused
 * changes arrive from the clients that still hold them.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { readActors } from '../../shared/board-doc.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates } from '../helpers/board-updates.ts';
import { cleanupAfterEach } from '../helpers/cleanups.ts';
import { openRawSocket, type RawSocket, syncedClient, type TestClient } from '../helpers/clients.ts';
import { readServerFrame } from '../helpers/frames.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const cleanups = cleanupAfterEach();

async function setup(storage: InstrumentedStorage) {
  const server = await startTestServer({
    storage,
    options: { registry: { commit: { retryMs: 20, maxRetryMs: 100 } } },
  });
  cleanups.push(() => server.close({ keepStorage: true }));
  const board = await createBoard(server.url, { title: 'Fragile' });
  const client = async (): Promise<TestClient> => {
    const c = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    cleanups.push(() => c.destroy());
    return c;
  };
  const status = openRawSocket(server.wsUrl, `${board.id}?status=1&token=${board.editToken}`);
  cleanups.push(() => status.close());
  await status.opened;
  return { server, board, a: await client(), b: await client(), status };
}

function lastStatus(socket: RawSocket) {
  const frames = socket.received.map(readServerFrame).filter((f) => f.kind === 'status');
  const last = frames.at(-1);
  return last?.kind === 'status' ? last.status : undefined;
}

const labels = (c: TestClient) => readActors(c.doc).map((x) => x.label);

async function expectRefusalAndRecovery(
  server: TestServer,
  board: CreatedBoard,
  a: TestClient,
  b: TestClient,
  status: RawSocket,
  committedLabels: () => Promise<string[]>,
  breakStorage: () => void,
  repairStorage: () => void,
): Promise<void> {
  const origin = createLocalOrigin();
  addActor(a.doc, { label: 'Before', kind: 'state', x: 0, y: 0 }, origin);
  await waitUntil(() => labels(b).includes('Before'));

  breakStorage();
  // Large enough to need new database pages.
  addActor(
    a.doc,
    { label: 'During 1', kind: 'state', x: 0, y: 0, stance: 's'.repeat(2000), notes: 'x'.repeat(5000) },
    origin,
  );
  await waitUntil(() => lastStatus(status)?.storage === 'failing', { what: 'the failing status' });
  expect(lastStatus(status)).toMatchObject({ writable: false, storage: 'failing' });
  const health = await requestJson<{ ok: boolean; error: string }>(`${server.url}/api/health`);
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ ok: false, error: expect.stringMatching(/refusing writes/) });

  // Refused while failing: not applied, not relayed.
  addActor(a.doc, { label: 'During 2', kind: 'state', x: 0, y: 0 }, origin);
  await sleep(200);
  const room = server.server.registry.peek(board.id);
  expect(readActors(room?.doc as never).map((x) => x.label)).not.toContain('During 2');
  expect(labels(b)).toEqual(['Before']);
  // Nothing committed is lost.
  expect(await committedLabels()).toEqual(['Before']);

  repairStorage();
  await waitUntil(() => lastStatus(status)?.storage === 'ok', {
    what: 'the recovered status',
    timeoutMs: 5000,
  });
  expect(lastStatus(status)).toMatchObject({ writable: true, storage: 'ok' });
  // The write that failed is committed by the retry; the refused one comes back from the client.
  await waitUntil(() => labels(b).includes('During 1') && labels(b).includes('During 2'), {
    what: 'both edits on b after recovery',
  });
  await room?.whenCommitted();
  expect((await committedLabels()).sort()).toEqual(['Before', 'During 1', 'During 2']);
  expect((await requestJson(`${server.url}/api/health`)).status).toBe(200);
  expect(a.closes).toEqual([]);
}

describe('storage failure', () => {
  it('a storage whose writes fail (disk full): changes refused, health 503, nothing lost, recovery', async () => {
    const tmp = await makeTempDir('parley-failing-');
    cleanups.push(() => tmp.remove());
    const storage = new InstrumentedStorage(new SqliteBoardStorage(path.join(tmp.dir, 'parley.db')));
    cleanups.push(() => storage.close());
    let failing = false;
    storage.hooks.beforeAppend = () => {
      if (failing) throw new Error('SQLITE_FULL: database or disk is full');
    };
    const { server, board, a, b, status } = await setup(storage);
    await expectRefusalAndRecovery(
      server,
      board,
      a,
      b,
      status,
      async () =>
        boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors.map((x) => x.label),
      () => {
        failing = true;
      },
      () => {
        failing = false;
      },
    );
  });

  it('a real SQLite database that is full (max_page_count reached) behaves the same', async () => {
    const tmp = await makeTempDir('parley-full-');
    cleanups.push(() => tmp.remove());
    const sqlite = new SqliteBoardStorage(path.join(tmp.dir, 'parley.db'));
    const storage = new InstrumentedStorage(sqlite);
    cleanups.push(() => storage.close());
    // The storage's own connection: a limit on pages is how SQLite reports a full disk (SQLITE_FULL).
    const db = (sqlite as unknown as { db: Database.Database }).db;
    const { server, board, a, b, status } = await setup(storage);
    let failures = 0;
    const original = storage.appendUpdates.bind(storage);
    storage.appendUpdates = async (batch) => {
      try {
        await original(batch);
      } catch (error) {
        failures += 1;
        expect(String(error)).toMatch(/full/);
        throw error;
      }
    };
    await expectRefusalAndRecovery(
      server,
      board,
      a,
      b,
      status,
      async () =>
        boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors.map((x) => x.label),
      () => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        const pages = db.pragma('page_count', { simple: true }) as number;
        db.pragma(`max_page_count = ${pages}`);
      },
      () => {
        db.pragma('max_page_count = 1073741823');
      },
    );
    expect(failures).toBeGreaterThan(0);
  });
});
