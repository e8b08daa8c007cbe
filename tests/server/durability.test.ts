import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { readActors, readBoard } from '../../shared/board-doc.ts';
import { addActor, setMeta } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates } from '../helpers/board-updates.ts';
import { cleanupAfterEach } from '../helpers/cleanups.ts';
import {
  connectClient,
  openRawSocket,
  syncedClient,
  syncFrame,
  type TestClient,
} from '../helpers/clients.ts';
import { type CreatedBoard, createBoard } from '../helpers/http.ts';
import { deferred, InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const cleanups = cleanupAfterEach();

async function serverWith(storage: InstrumentedStorage, options = {}): Promise<TestServer> {
  const server = await startTestServer({ storage, options });
  cleanups.push(() => server.close());
  return server;
}

async function client(server: TestServer, board: CreatedBoard): Promise<TestClient> {
  const c = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
  cleanups.push(() => c.destroy());
  return c;
}

describe('durability: commit before broadcast', () => {
  it('another client sees an edit only after storage has committed it', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage);
    const board = await createBoard(server.url);
    const a = await client(server, board);
    const b = await client(server, board);
    const gate = deferred();
    cleanups.push(() => gate.resolve()); // never leave the server waiting on a failed test
    storage.hooks.beforeAppend = () => gate.promise;
    addActor(a.doc, { label: 'Held', kind: 'state', x: 1, y: 1 }, createLocalOrigin(), 'held');
    await waitUntil(() => storage.appends === 1, { what: 'the commit to start' });
    await sleep(100);
    expect(readActors(b.doc)).toEqual([]);
    expect(await storage.inner.loadUpdates(board.id)).toHaveLength(1);
    gate.resolve();
    await waitUntil(() => readActors(b.doc).length === 1, { what: 'the edit on b after commit' });
    expect(boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors[0]?.id).toBe('held');
  });

  it('a client syncing while an edit is uncommitted gets its sync reply only after the commit', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage);
    const board = await createBoard(server.url);
    const a = await client(server, board);
    const gate = deferred();
    cleanups.push(() => gate.resolve()); // never leave the server waiting on a failed test
    storage.hooks.beforeAppend = () => gate.promise;
    addActor(a.doc, { label: 'Pending', kind: 'person', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => storage.appends === 1);
    const late = connectClient(server.wsUrl, board.id, { token: board.editToken });
    cleanups.push(() => late.destroy());
    await sleep(150);
    expect(late.provider.synced).toBe(false);
    expect(readActors(late.doc)).toEqual([]);
    gate.resolve();
    await late.synced();
    expect(readActors(late.doc).map((x) => x.label)).toEqual(['Pending']);
  });

  it('a failed commit is kept and retried; the edit is shown once it is durable', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage, { registry: { commit: { retryMs: 30 } } });
    const board = await createBoard(server.url);
    const a = await client(server, board);
    const b = await client(server, board);
    storage.hooks.beforeAppend = (_batch, call) => {
      if (call <= 2) throw new Error('disk on fire');
    };
    addActor(a.doc, { label: 'Retried', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => readActors(b.doc).length === 1, { what: 'the edit after retries' });
    expect(storage.appends).toBe(3);
    expect(readActors(b.doc)[0]?.label).toBe('Retried');
    expect(boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors).toHaveLength(1);
  });

  it('edits to several boards in one tick are committed in one transaction', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage);
    const one = await createBoard(server.url, { title: 'One' });
    const two = await createBoard(server.url, { title: 'Two' });
    const a = await client(server, one);
    const b = await client(server, two);
    const watcher = await client(server, two);
    // Hold the first commit so both edits queue up behind it, then land together.
    const gate = deferred();
    cleanups.push(() => gate.resolve()); // never leave the server waiting on a failed test
    storage.hooks.beforeAppend = (_batch, call) => (call === 1 ? gate.promise : undefined);
    const origin = createLocalOrigin();
    addActor(a.doc, { label: 'warm-up', kind: 'other', x: 0, y: 0 }, origin);
    await waitUntil(() => storage.appends === 1);
    addActor(a.doc, { label: 'A1', kind: 'other', x: 0, y: 0 }, origin);
    addActor(b.doc, { label: 'B1', kind: 'other', x: 0, y: 0 }, origin);
    await sleep(50);
    gate.resolve();
    await waitUntil(() => readActors(watcher.doc).length === 1);
    const batch = storage.appendedBatches[1] ?? [];
    expect(batch.map((w) => w.boardId).sort()).toEqual([one.id, two.id].sort());
  });

  it('stores only what the document emitted: a re-sent update adds no row', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage);
    const board = await createBoard(server.url);
    const raw = openRawSocket(server.wsUrl, board.id, board.editToken);
    cleanups.push(() => raw.close());
    await raw.opened;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    addActor(doc, { label: 'Once', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    const frame = syncFrame('update', updates[0] as Uint8Array);
    raw.send(frame);
    raw.send(frame);
    raw.send(syncFrame('step2', Y.encodeStateAsUpdate(doc)));
    await waitUntil(async () => ((await storage.inner.loadUpdates(board.id)) ?? []).length >= 2);
    await sleep(100);
    const rows = (await storage.inner.loadUpdates(board.id)) ?? [];
    expect(rows).toHaveLength(2); // the board's initial content + one actor
    expect(boardFromUpdates(rows).actors.map((a) => a.label)).toEqual(['Once']);
    doc.destroy();
  });

  it('keeps the storage title in step with the document title', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage);
    const board = await createBoard(server.url, { title: 'Before' });
    const a = await client(server, board);
    setMeta(a.doc, { title: 'After' }, createLocalOrigin());
    await waitUntil(async () => (await storage.getBoard(board.id))?.title === 'After', {
      what: 'title column',
    });
    setMeta(a.doc, { description: 'no title change' }, createLocalOrigin());
    await waitUntil(async () => ((await storage.inner.loadUpdates(board.id)) ?? []).length === 3);
    const lastBatch = storage.appendedBatches.at(-1) ?? [];
    expect(lastBatch[0]?.title).toBeUndefined();
  });

  it('compacts a live board whose log passes the threshold, and loses nothing', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await serverWith(storage, { registry: { compactThreshold: 5 } });
    const board = await createBoard(server.url);
    const a = await client(server, board);
    const origin = createLocalOrigin();
    for (let i = 0; i < 40; i += 1) {
      addActor(a.doc, { label: `n${i}`, kind: 'other', x: i, y: i }, origin);
      await sleep(20); // a commit (a row) every few edits
    }
    await waitUntil(() => storage.compactions >= 1, { what: 'a compaction' });
    const b = await client(server, board);
    await waitUntil(() => readActors(b.doc).length === 40);
    await waitUntil(async () => ((await storage.inner.loadUpdates(board.id)) ?? []).length < 41);
    expect(boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? [])).toEqual(readBoard(a.doc));
  });
});

describe('durability: restart', () => {
  it('a board survives a server restart on the same data directory', async () => {
    const tmp = await makeTempDir();
    cleanups.push(() => tmp.remove());
    const first = await startTestServer({ dataDir: tmp.dir });
    const board = await createBoard(first.url, { title: 'Survivor' });
    const a = await syncedClient(first.wsUrl, board.id, { token: board.editToken });
    const origin = createLocalOrigin();
    addActor(a.doc, { label: 'Iran', kind: 'state', x: 1, y: 2 }, origin, 'iran');
    addActor(a.doc, { label: 'Qatar', kind: 'mediator', x: 3, y: 4 }, origin, 'qatar');
    const expected = readBoard(a.doc);
    await waitUntil(() => {
      const room = first.server.registry.peek(board.id);
      return room && readActors(room.doc).length === 2 && !room.hasUncommitted;
    });
    a.destroy();
    await first.close();

    const second = await startTestServer({
      storage: new SqliteBoardStorage(path.join(tmp.dir, 'parley.db')),
    });
    cleanups.push(() => second.close());
    const b = await syncedClient(second.wsUrl, board.id, { token: board.editToken });
    cleanups.push(() => b.destroy());
    expect(readBoard(b.doc)).toEqual(expected);
  });
});
