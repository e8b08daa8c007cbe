/**
 * Access over the WebSocket: the token is checked at the upgrade; each role ×
 * each message type is answered, applied or refused as SPEC "Access" says,
 * and nothing refused is applied, stored or relayed; rotation closes the old
 * link's sockets; the lock makes editors read-only until unlocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { readActors } from '../../shared/board-doc.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates } from '../helpers/board-updates.ts';
import { cleanupAfterEach } from '../helpers/cleanups.ts';
import {
  connectClient,
  openRawSocket,
  type RawSocket,
  syncedClient,
  syncFrame,
  type TestClient,
} from '../helpers/clients.ts';
import {
  actorUpdate,
  awarenessFrame,
  queryAwarenessFrame,
  readServerFrame,
  type ServerFrame,
} from '../helpers/frames.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

let server: TestServer;
let storage: InstrumentedStorage;
const cleanups = cleanupAfterEach();

beforeAll(async () => {
  storage = new InstrumentedStorage(new MemoryBoardStorage());
  server = await startTestServer({ storage });
});
afterAll(async () => {
  await server.close();
});

function track<T extends TestClient>(client: T): T {
  cleanups.push(() => client.destroy());
  return client;
}

/** A raw protocol client; `status` asks for session status messages. */
function raw(boardId: string, token?: string, status = false): RawSocket {
  const query = [token === undefined ? '' : `token=${token}`, status ? 'status=1' : '']
    .filter(Boolean)
    .join('&');
  const socket = openRawSocket(server.wsUrl, query ? `${boardId}?${query}` : boardId);
  cleanups.push(() => socket.close());
  return socket;
}

const frames = (socket: RawSocket): ServerFrame[] => socket.received.map(readServerFrame);

/** Sends a sync request and waits for its answer: by then the server has handled everything sent before. */
async function barrier(socket: RawSocket): Promise<void> {
  const before = frames(socket).filter((f) => f.kind === 'step2').length;
  socket.send(syncFrame('step1', new Uint8Array([0])));
  await waitUntil(() => frames(socket).filter((f) => f.kind === 'step2').length > before, {
    what: 'the sync reply (barrier)',
  });
}

async function storedLabels(boardId: string): Promise<string[]> {
  await server.server.registry.peek(boardId)?.whenCommitted();
  return boardFromUpdates((await storage.inner.loadUpdates(boardId)) ?? []).actors.map((a) => a.label);
}

const tokenOf = (board: CreatedBoard, role: 'owner' | 'edit' | 'view'): string =>
  role === 'owner' ? board.ownerToken : role === 'edit' ? board.editToken : board.viewToken;

describe('the token is checked before any message is read', () => {
  it('no token, a wrong one, another board’s or a malformed one → 4401, and the provider stops', async () => {
    const board = await createBoard(server.url, { title: 'Closed door' });
    const other = await createBoard(server.url, { title: 'Other door' });
    for (const token of [undefined, 'B'.repeat(32), other.ownerToken, 'short', `${board.editToken}=`]) {
      const c = track(connectClient(server.wsUrl, board.id, token === undefined ? {} : { token }));
      expect(await c.nextClose(0)).toEqual({ code: 4401, reason: 'missing or invalid token' });
      await sleep(300);
      expect(c.closes).toHaveLength(1);
      expect(c.provider.synced).toBe(false);
    }
  });

  it('frames sent right away on a refused socket are never read', async () => {
    const board = await createBoard(server.url, { title: 'Nothing read' });
    const socket = raw(board.id, 'C'.repeat(32));
    await socket.opened;
    socket.send(syncFrame('update', actorUpdate('Intruder')));
    socket.send(syncFrame('step1', new Uint8Array([0])));
    expect((await socket.closed).code).toBe(4401);
    expect(frames(socket).filter((f) => f.kind !== 'other')).toEqual([]);
    expect(await storedLabels(board.id)).not.toContain('Intruder');
  });

  it('accepts the token as an Authorization: Bearer header too', async () => {
    const board = await createBoard(server.url, { title: 'Header' });
    const ws = new WebSocket(`${server.wsUrl}/${board.id}`, {
      headers: { authorization: `Bearer ${board.viewToken}` },
    });
    cleanups.push(() => ws.close());
    const first = new Promise<Uint8Array>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(new Uint8Array(data)));
      ws.once('close', (code) => reject(new Error(`closed ${code}`)));
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(syncFrame('step1', new Uint8Array([0])));
    // The first thing a viewer gets is the answer: viewers are not asked for their changes.
    expect(readServerFrame(await first).kind).toBe('step2');
  });
});

describe('each role × each message type', () => {
  const cases = [
    { name: 'owner', role: 'owner', locked: false, writes: true },
    { name: 'editor', role: 'edit', locked: false, writes: true },
    { name: 'editor of a locked board', role: 'edit', locked: true, writes: false },
    { name: 'owner of a locked board', role: 'owner', locked: true, writes: true },
    { name: 'viewer', role: 'view', locked: false, writes: false },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: sync request answered; SyncStep2 and Update ${c.writes ? 'applied' : 'refused'}; awareness checked`, async () => {
      const board = await createBoard(server.url, { title: `Matrix ${c.name}` });
      if (c.locked) {
        await requestJson(`${server.url}/api/boards/${board.id}/lock`, {
          method: 'POST',
          token: board.ownerToken,
        });
      }
      const watcher = track(await syncedClient(server.wsUrl, board.id, { token: board.ownerToken }));
      const socket = raw(board.id, tokenOf(board, c.role), true);
      await socket.opened;
      const clientId = 4242;
      const step2Label = `${c.name} step2`;
      const updateLabel = `${c.name} update`;

      // SyncStep1: answered for every role.
      await barrier(socket);
      // The server asks for the client's changes only when it would take them.
      expect(frames(socket).some((f) => f.kind === 'step1')).toBe(c.writes);
      expect(frames(socket).find((f) => f.kind === 'status')).toEqual({
        kind: 'status',
        status: { role: c.role, writable: c.writes, locked: c.locked, storage: 'ok' },
      });

      socket.send(syncFrame('step2', actorUpdate(step2Label)));
      socket.send(syncFrame('update', actorUpdate(updateLabel)));
      socket.send(
        awarenessFrame([
          {
            clientId,
            clock: 1,
            state: { user: { name: 'Raw', color: '#123456' }, cursor: { x: 1, y: 2 }, role: 'owner' },
          },
        ]),
      );
      socket.send(queryAwarenessFrame());
      await barrier(socket);

      const room = server.server.registry.peek(board.id);
      const inRoom = readActors(room?.doc as never).map((a) => a.label);
      if (c.writes) {
        await waitUntil(() => readActors(watcher.doc).length === 2, { what: 'both edits on the watcher' });
        expect(await storedLabels(board.id)).toEqual(expect.arrayContaining([step2Label, updateLabel]));
        expect(frames(socket).some((f) => f.kind === 'denied')).toBe(false);
      } else {
        expect(inRoom).toEqual([]);
        expect(await storedLabels(board.id)).toEqual([]);
        // Told once, not once per refused message; the socket stays open.
        const denied = frames(socket).filter((f) => f.kind === 'denied');
        expect(denied).toHaveLength(1);
        expect((denied[0] as { reason: string }).reason).toMatch(c.role === 'view' ? /view-only/ : /locked/);
        expect(socket.ws.readyState).toBe(WebSocket.OPEN);
      }

      // Awareness reaches others, with the role the token gives (not the one claimed).
      await waitUntil(() => watcher.provider.awareness.getStates().has(clientId), {
        what: 'awareness relayed',
      });
      const state = watcher.provider.awareness.getStates().get(clientId);
      if (c.role === 'view') {
        expect(state).toEqual({ user: { name: 'Raw', color: '#123456' }, role: 'view' });
      } else {
        expect(state).toEqual({
          user: { name: 'Raw', color: '#123456' },
          cursor: { x: 1, y: 2 },
          role: c.role,
        });
      }
      // The awareness query was answered.
      expect(frames(socket).some((f) => f.kind === 'awareness')).toBe(true);
      // Nothing refused was relayed to the watcher either.
      await sleep(50);
      expect(readActors(watcher.doc).length).toBe(c.writes ? 2 : 0);

      // An unknown message type closes the connection (1007), for every role.
      socket.send(new Uint8Array([42, 0]));
      expect((await socket.closed).code).toBe(1007);
    });
  }

  it('a stock provider on a view link syncs, follows live edits, and its own edits go nowhere', async () => {
    const board = await createBoard(server.url, { title: 'Audience' });
    const owner = track(await syncedClient(server.wsUrl, board.id, { token: board.ownerToken }));
    const viewer = track(await syncedClient(server.wsUrl, board.id, { token: board.viewToken }));
    addActor(owner.doc, { label: 'Live', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => readActors(viewer.doc).length === 1, { what: 'the edit on the viewer' });
    addActor(viewer.doc, { label: 'Heckle', kind: 'person', x: 0, y: 0 }, createLocalOrigin());
    await sleep(300);
    expect(readActors(owner.doc).map((a) => a.label)).toEqual(['Live']);
    expect(await storedLabels(board.id)).toEqual(['Live']);
    // Stays connected: no reconnect loop.
    expect(viewer.closes).toEqual([]);
    // A later client does not get the viewer's edit either.
    const late = track(await syncedClient(server.wsUrl, board.id, { token: board.editToken }));
    expect(readActors(late.doc).map((a) => a.label)).toEqual(['Live']);
  });
});

describe('owner controls, live', () => {
  it('rotating a link closes the sockets that used it (4403); others stay; the old token is refused', async () => {
    const board = await createBoard(server.url, { title: 'Rotation' });
    const editor = track(await syncedClient(server.wsUrl, board.id, { token: board.editToken }));
    const viewer = track(await syncedClient(server.wsUrl, board.id, { token: board.viewToken }));
    const owner = track(await syncedClient(server.wsUrl, board.id, { token: board.ownerToken }));
    const res = await requestJson<{ token: string }>(
      `${server.url}/api/boards/${board.id}/links/edit/rotate`,
      {
        method: 'POST',
        token: board.ownerToken,
      },
    );
    expect(await editor.nextClose(0)).toEqual({ code: 4403, reason: 'the edit link was replaced' });
    await sleep(300);
    expect(editor.closes).toHaveLength(1); // 44xx: the provider does not come back
    expect(viewer.closes).toEqual([]);
    expect(owner.closes).toEqual([]);
    const stale = track(connectClient(server.wsUrl, board.id, { token: board.editToken }));
    expect((await stale.nextClose(0)).code).toBe(4401);
    const fresh = track(await syncedClient(server.wsUrl, board.id, { token: res.body.token }));
    addActor(fresh.doc, { label: 'New link works', kind: 'other', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => readActors(owner.doc).length === 1);

    await requestJson(`${server.url}/api/boards/${board.id}/links/view/rotate`, {
      method: 'POST',
      token: board.ownerToken,
    });
    expect((await viewer.nextClose(0)).code).toBe(4403);
    expect(fresh.closes).toEqual([]);
  });

  it('lock makes editors read-only until unlocked; the owner still edits; a refused edit lands on unlock', async () => {
    const board = await createBoard(server.url, { title: 'Lockable' });
    const owner = track(await syncedClient(server.wsUrl, board.id, { token: board.ownerToken }));
    const editor = track(await syncedClient(server.wsUrl, board.id, { token: board.editToken }));
    const status = raw(board.id, board.editToken, true);
    await status.opened;
    const lastStatus = () =>
      frames(status)
        .filter((f) => f.kind === 'status')
        .at(-1);

    const lock = await requestJson(`${server.url}/api/boards/${board.id}/lock`, {
      method: 'POST',
      token: board.ownerToken,
    });
    expect(lock.body).toEqual({ locked: true });
    await waitUntil(() => (lastStatus() as { status: { locked: boolean } } | undefined)?.status.locked);
    expect(lastStatus()).toMatchObject({ status: { role: 'edit', writable: false, locked: true } });

    addActor(editor.doc, { label: 'During lock', kind: 'other', x: 0, y: 0 }, createLocalOrigin());
    addActor(owner.doc, { label: 'Owner during lock', kind: 'other', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => readActors(editor.doc).some((a) => a.label === 'Owner during lock'));
    await sleep(200);
    expect(readActors(owner.doc).map((a) => a.label)).toEqual(['Owner during lock']);
    expect(await storedLabels(board.id)).toEqual(['Owner during lock']);
    // A new editor connection is read-only as well.
    const late = raw(board.id, board.editToken);
    await late.opened;
    late.send(syncFrame('update', actorUpdate('Late editor')));
    await barrier(late);
    expect(frames(late).some((f) => f.kind === 'denied')).toBe(true);

    await requestJson(`${server.url}/api/boards/${board.id}/unlock`, {
      method: 'POST',
      token: board.ownerToken,
    });
    await waitUntil(() => (lastStatus() as { status: { writable: boolean } } | undefined)?.status.writable);
    // The server asks editors again for what they have: the edit refused during the lock arrives now.
    await waitUntil(() => readActors(owner.doc).some((a) => a.label === 'During lock'), {
      what: 'the refused edit after unlock',
    });
    expect(editor.closes).toEqual([]);
    expect(await storedLabels(board.id)).toEqual(
      expect.arrayContaining(['During lock', 'Owner during lock']),
    );
  });
});
