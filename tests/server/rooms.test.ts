import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { issueBoardAccess } from '../../server/access/board-access.ts';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { readActors, readBoard } from '../../shared/board-doc.ts';
import { newBoardId } from '../../shared/ids.ts';
import { addActor } from '../../shared/mutations.ts';
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
import { createBoard, requestJson } from '../helpers/http.ts';
import { deferred, InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const cleanups = cleanupAfterEach();

async function setup(): Promise<{ server: TestServer; storage: InstrumentedStorage }> {
  const storage = new InstrumentedStorage(new MemoryBoardStorage());
  const server = await startTestServer({ storage });
  cleanups.push(() => server.close());
  return { server, storage };
}

function track(client: TestClient): TestClient {
  cleanups.push(() => client.destroy());
  return client;
}

describe('joining boards', () => {
  it('closes a socket for an unknown board with 4404 and creates nothing', async () => {
    const { server, storage } = await setup();
    const id = newBoardId();
    const c = track(connectClient(server.wsUrl, id, { token: 'A'.repeat(32) }));
    expect(await c.nextClose()).toEqual({ code: 4404, reason: 'board not found' });
    expect(await storage.getBoard(id)).toBeNull();
    expect(await storage.listBoards()).toEqual([]);
    expect(server.server.registry.peek(id)).toBeUndefined();
    // 44xx is final for y-websocket: it does not come back.
    await sleep(400);
    expect(c.closes).toHaveLength(1);
  });

  it('closes a socket whose path is not a board id with 4400', async () => {
    const { server } = await setup();
    for (const path of ['not-a-board', 'AAAA', `${newBoardId()}/extra`, `${newBoardId()}x`]) {
      const raw = openRawSocket(server.wsUrl, path);
      expect(await raw.closed).toEqual({ code: 4400, reason: 'invalid board id' });
    }
  });

  it('refuses WebSocket upgrades outside /ws/', async () => {
    const { server } = await setup();
    const raw = openRawSocket(`ws://127.0.0.1:${server.port}`, 'socket');
    const error = await new Promise<Error>((resolve) => raw.ws.once('error', resolve));
    expect(error.message).toMatch(/404/);
  });

  it('loads a board once for many concurrent joins, and holds their messages until it is loaded', async () => {
    const { server, storage } = await setup();
    const board = await createBoard(server.url, { title: 'Crowded' });
    const gate = deferred();
    cleanups.push(() => gate.resolve());
    storage.hooks.beforeLoad = () => gate.promise;
    const clients = Array.from({ length: 5 }, () =>
      track(connectClient(server.wsUrl, board.id, { token: board.editToken })),
    );
    // A raw client sends an edit while the board is still loading.
    const raw = openRawSocket(server.wsUrl, board.id, board.editToken);
    cleanups.push(() => raw.close());
    await raw.opened;
    const edit = new Y.Doc();
    const updates: Uint8Array[] = [];
    edit.on('update', (u: Uint8Array) => updates.push(u));
    addActor(edit, { label: 'Early bird', kind: 'person', x: 0, y: 0 }, createLocalOrigin(), 'early');
    raw.send(syncFrame('update', updates[0] as Uint8Array));
    await waitUntil(() => server.server.registry.connectionCount === 6);
    await sleep(100);
    expect(clients.some((c) => c.provider.synced)).toBe(false);
    expect(raw.received).toEqual([]);
    gate.resolve();
    await Promise.all(clients.map((c) => c.synced()));
    expect(storage.loads).toBe(1);
    for (const c of clients) {
      await waitUntil(() => readActors(c.doc).length === 1, { what: 'the early edit on every client' });
      expect(readBoard(c.doc).meta.title).toBe('Crowded');
    }
    edit.destroy();
  });

  it('refuses joins with 4500 when the board fails to load, and a later join loads it', async () => {
    const { server, storage } = await setup();
    const board = await createBoard(server.url, { title: 'Flaky' });
    storage.hooks.beforeLoad = (_id, call) => {
      if (call === 1) throw new Error('storage hiccup');
    };
    const c = track(connectClient(server.wsUrl, board.id, { token: board.editToken }));
    const first = await c.nextClose(0);
    expect(first.code).toBe(4500);
    // 4500 is "try again later": the provider reconnects by itself, and this time it loads.
    await c.synced();
    expect(readBoard(c.doc).meta.title).toBe('Flaky');
    expect(storage.loads).toBe(2);
  });

  it('refuses joins (4500) rather than serving an empty board when the stored log is corrupt', async () => {
    const { server, storage } = await setup();
    const id = newBoardId();
    const { tokens, access } = issueBoardAccess();
    await storage.createBoard({
      id,
      title: 'Corrupt',
      initialUpdate: new Uint8Array([1, 2, 3, 250, 250]),
      access,
    });
    const raw = openRawSocket(server.wsUrl, id, tokens.editToken);
    expect((await raw.closed).code).toBe(4500);
    expect(server.server.registry.peek(id)).toBeUndefined();
  });
});

describe('room lifecycle', () => {
  it('unloads a room when its last client leaves, destroying its document', async () => {
    const { server, storage } = await setup();
    const board = await createBoard(server.url, { title: 'Transient' });
    const a = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    const b = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    const room = server.server.registry.peek(board.id);
    expect(room).toBeDefined();
    addActor(a.doc, { label: 'Kept', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => readActors(b.doc).length === 1);
    a.destroy();
    await sleep(50);
    expect(server.server.registry.peek(board.id)).toBe(room);
    b.destroy();
    await waitUntil(() => server.server.registry.peek(board.id) === undefined, {
      what: 'the room to unload',
    });
    expect(room?.doc.isDestroyed).toBe(true);
    expect(room?.isDisposed).toBe(true);
    expect(server.server.registry.roomCount).toBe(0);
    // Unloading compacts the log; the board is intact and loads again on the next join.
    await waitUntil(async () => ((await storage.inner.loadUpdates(board.id)) ?? []).length === 1);
    expect(boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors[0]?.label).toBe('Kept');
    const c = track(await syncedClient(server.wsUrl, board.id, { token: board.editToken }));
    expect(readActors(c.doc)[0]?.label).toBe('Kept');
    expect(storage.loads).toBe(2);
  });

  it('waits for pending writes before unloading', async () => {
    const { server, storage } = await setup();
    const board = await createBoard(server.url);
    const a = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    const gate = deferred();
    cleanups.push(() => gate.resolve());
    storage.hooks.beforeAppend = () => gate.promise;
    addActor(a.doc, { label: 'Last words', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => storage.appends === 1);
    a.destroy();
    await sleep(100);
    const room = server.server.registry.peek(board.id);
    expect(room?.isDisposed).toBe(false);
    gate.resolve();
    await waitUntil(() => server.server.registry.peek(board.id) === undefined);
    expect(boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors).toHaveLength(1);
  });

  it('deleting a board closes its clients with 4404 "board deleted"', async () => {
    const { server, storage } = await setup();
    const board = await createBoard(server.url);
    const a = track(await syncedClient(server.wsUrl, board.id, { token: board.editToken }));
    const res = await requestJson(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      token: board.ownerToken,
    });
    expect(res.status).toBe(204);
    expect(await a.nextClose(0)).toEqual({ code: 4404, reason: 'board deleted' });
    expect(server.server.registry.peek(board.id)).toBeUndefined();
    expect(await storage.getBoard(board.id)).toBeNull();
  });

  it('close() closes clients with 1001 and commits pending writes first', async () => {
    const storage = new InstrumentedStorage(new MemoryBoardStorage());
    const server = await startTestServer({ storage });
    const board = await createBoard(server.url);
    const a = track(await syncedClient(server.wsUrl, board.id, { token: board.editToken }));
    const gate = deferred();
    storage.hooks.beforeAppend = () => gate.promise;
    addActor(a.doc, { label: 'Flushed', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => storage.appends === 1);
    let closed = false;
    const closing = server.close({ keepStorage: true }).then(() => {
      closed = true;
    });
    expect((await a.nextClose(0)).code).toBe(1001);
    await sleep(50);
    expect(closed).toBe(false);
    gate.resolve();
    await closing;
    expect(boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []).actors[0]?.label).toBe(
      'Flushed',
    );
    await storage.close();
  });
});
