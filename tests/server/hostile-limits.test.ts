/**
 * Limits against hostile clients: awareness only for the client id a
 * connection owns, capped in size and rate; floods of updates and sync
 * requests closed (1013); a slow reader closed instead of buffered; a board
 * size cap (4413); updates whose dependencies never arrive held outside the
 * document, never stored or relayed, and closed (1007) when time runs out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ServerLimits } from '../../server/limits/limits.ts';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { actorsMap, readActors } from '../../shared/board-doc.ts';
import { addActor, deleteActors, updateActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates, recordingDoc } from '../helpers/board-updates.ts';
import { cleanupAfterEach } from '../helpers/cleanups.ts';
import {
  openRawSocket,
  type RawSocket,
  syncedClient,
  syncFrame,
  type TestClient,
} from '../helpers/clients.ts';
import { awarenessFrame, readServerFrame } from '../helpers/frames.ts';
import { type CreatedBoard, createBoard } from '../helpers/http.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const LIMITS: Partial<ServerLimits> = {
  updatesPerSecond: 50,
  updateBurst: 100,
  awarenessPerSecond: 20,
  awarenessBurst: 5,
  syncRequestsPerSecond: 1,
  syncRequestBurst: 5,
  maxPendingBytes: 16 * 1024,
  maxPendingMs: 400,
  maxSendBuffer: 64 * 1024,
  maxBoardBytes: 64 * 1024,
};

let server: TestServer;
let storage: InstrumentedStorage;
const cleanups = cleanupAfterEach();

beforeAll(async () => {
  storage = new InstrumentedStorage(new MemoryBoardStorage());
  server = await startTestServer({ storage, options: { registry: { limits: LIMITS } } });
});
afterAll(async () => {
  await server.close();
});

function raw(board: CreatedBoard, token = board.editToken): RawSocket {
  const socket = openRawSocket(server.wsUrl, board.id, token);
  cleanups.push(() => socket.close());
  return socket;
}

async function watcher(board: CreatedBoard): Promise<TestClient> {
  const client = await syncedClient(server.wsUrl, board.id, { token: board.ownerToken });
  cleanups.push(() => client.destroy());
  return client;
}

async function stored(board: CreatedBoard) {
  await server.server.registry.peek(board.id)?.whenCommitted();
  return boardFromUpdates((await storage.inner.loadUpdates(board.id)) ?? []);
}

const user = (name: string) => ({ user: { name, color: '#336699' }, cursor: null });

describe('awareness', () => {
  it('a connection publishes only for the client id it owns; others cannot overwrite or remove it', async () => {
    const board = await createBoard(server.url, { title: 'Presence' });
    const w = await watcher(board);
    const alice = raw(board);
    const mallory = raw(board);
    await Promise.all([alice.opened, mallory.opened]);
    alice.send(awarenessFrame([{ clientId: 1001, clock: 1, state: user('Alice') }]));
    await waitUntil(() => w.provider.awareness.getStates().get(1001)?.user?.name === 'Alice');
    mallory.send(awarenessFrame([{ clientId: 1001, clock: 5, state: user('Mallory as Alice') }]));
    mallory.send(awarenessFrame([{ clientId: 1001, clock: 6, state: null }]));
    mallory.send(awarenessFrame([{ clientId: 1002, clock: 1, state: user('Mallory') }]));
    await waitUntil(() => w.provider.awareness.getStates().get(1002)?.user?.name === 'Mallory');
    // A second id from Alice is dropped too.
    alice.send(awarenessFrame([{ clientId: 1003, clock: 1, state: user('Alice two') }]));
    alice.send(awarenessFrame([{ clientId: 1001, clock: 2, state: user('Alice again') }]));
    await waitUntil(() => w.provider.awareness.getStates().get(1001)?.user?.name === 'Alice again');
    expect(w.provider.awareness.getStates().has(1003)).toBe(false);
    // Nobody was closed for trying: stock clients echo others' states.
    expect(alice.ws.readyState).toBe(alice.ws.OPEN);
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN);
    // When its owner leaves, the state goes.
    alice.close();
    await waitUntil(() => !w.provider.awareness.getStates().has(1001), { what: "Alice's state removed" });
    expect(w.provider.awareness.getStates().get(1002)?.user?.name).toBe('Mallory');
  });

  it('a state above the size cap is dropped', async () => {
    const board = await createBoard(server.url, { title: 'Big state' });
    const w = await watcher(board);
    const socket = raw(board);
    await socket.opened;
    socket.send(
      awarenessFrame([{ clientId: 2001, clock: 1, state: { ...user('Big'), junk: 'x'.repeat(70_000) } }]),
    );
    socket.send(awarenessFrame([{ clientId: 2001, clock: 2, state: user('Small') }]));
    await waitUntil(() => w.provider.awareness.getStates().get(2001)?.user?.name === 'Small');
    expect(w.provider.awareness.getStates().get(2001)?.junk).toBeUndefined();
  });

  it('a flood is cut to the rate, and the latest state still arrives', async () => {
    const board = await createBoard(server.url, { title: 'Cursor storm' });
    const w = await watcher(board);
    let changes = 0;
    w.provider.awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if (updated.includes(3001) || added.includes(3001)) changes += 1;
    });
    const socket = raw(board);
    await socket.opened;
    for (let clock = 1; clock <= 400; clock += 1) {
      socket.send(
        awarenessFrame([{ clientId: 3001, clock, state: { ...user('Storm'), cursor: { x: clock, y: 0 } } }]),
      );
    }
    await waitUntil(() => w.provider.awareness.getStates().get(3001)?.cursor?.x === 400, {
      what: 'the last cursor position',
      timeoutMs: 3000,
    });
    expect(changes).toBeLessThan(40);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });
});

describe('floods', () => {
  it('more document updates than the rate allows close the connection (1013) and nothing else', async () => {
    const board = await createBoard(server.url, { title: 'Update flood' });
    const w = await watcher(board);
    const socket = raw(board);
    await socket.opened;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const origin = createLocalOrigin();
    const id = addActor(doc, { label: 'Flooded', kind: 'other', x: 0, y: 0 }, origin);
    for (let i = 0; i < 400; i += 1) updateActor(doc, id, { x: i }, origin);
    for (const update of updates) socket.send(syncFrame('update', update));
    expect(await socket.closed).toEqual({ code: 1013, reason: 'too many updates; slow down' });
    // What was accepted before the limit is a consistent prefix.
    await waitUntil(() => readActors(w.doc).length === 1);
    expect(w.closes).toEqual([]);
    doc.destroy();
  });

  it('a flood of sync requests closes the connection (1013)', async () => {
    const board = await createBoard(server.url, { title: 'Sync flood' });
    const socket = raw(board);
    await socket.opened;
    for (let i = 0; i < 40; i += 1) socket.send(syncFrame('step1', new Uint8Array([0])));
    expect(await socket.closed).toEqual({ code: 1013, reason: 'too many sync requests; slow down' });
  });
});

describe('slow readers', () => {
  it('a client that stops reading is closed once its backlog passes the cap', async () => {
    // Its own server: big updates are allowed here, the send buffer cap is small.
    const big = await startTestServer({
      options: {
        registry: {
          limits: { maxSendBuffer: 64 * 1024, updateBytesPerSecond: 1024 ** 3, updateBytesBurst: 1024 ** 3 },
        },
      },
    });
    cleanups.push(() => big.close());
    const board = await createBoard(big.url, { title: 'Slow reader' });
    const slow = openRawSocket(big.wsUrl, board.id, board.viewToken);
    cleanups.push(() => slow.close());
    await slow.opened;
    slow.send(syncFrame('step1', new Uint8Array([0])));
    await waitUntil(() => slow.received.length > 0);
    // Stop reading: the kernel buffers fill, then the server's send buffer.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = openRawSocket(big.wsUrl, board.id, board.ownerToken);
    cleanups.push(() => writer.close());
    await writer.opened;
    const room = () => big.server.registry.peek(board.id);
    await waitUntil(() => room()?.connections.size === 2);
    const { doc, updates } = recordingDoc();
    const actor = new Y.Map<unknown>();
    doc.getMap('actors').set('big', actor);
    writer.send(syncFrame('update', updates.at(-1) as Uint8Array));
    // 1 MB per update, overwriting one field: the board stays small, the traffic does not.
    let sent = 0;
    for (; sent < 100 && (room()?.connections.size ?? 0) > 1; sent += 1) {
      actor.set('notes', String(sent % 10).repeat(1024 * 1024));
      writer.send(syncFrame('update', updates.at(-1) as Uint8Array));
      await sleep(10);
    }
    // Without the cap nothing would ever drop a reader that merely stops reading, so this
    // wait is the test. (Whether it happens before the loop ends depends on machine load.)
    await waitUntil(() => room()?.connections.size === 1, {
      what: 'the slow reader to be dropped',
      timeoutMs: 8000,
    });
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
    doc.destroy();
  });
});

describe('board size cap', () => {
  it('an update that would push the board past its cap is refused (4413); the board stays usable', async () => {
    const board = await createBoard(server.url, { title: 'Bounded' });
    const w = await watcher(board);
    const writer = await syncedClient(server.wsUrl, board.id, { token: board.editToken, reconnect: false });
    cleanups.push(() => writer.destroy());
    const origin = createLocalOrigin();
    for (let i = 0; i < 30 && writer.closes.length === 0; i += 1) {
      addActor(
        writer.doc,
        { label: `Bulky ${i}`, kind: 'other', x: i, y: 0, notes: 'n'.repeat(4000) },
        origin,
      );
      await sleep(20);
    }
    const close = await writer.nextClose(0);
    expect(close.code).toBe(4413);
    expect(close.reason).toMatch(/board is full/);
    const size = Y.encodeStateAsUpdate(server.server.registry.peek(board.id)?.doc as Y.Doc).byteLength;
    expect(size).toBeLessThanOrEqual(64 * 1024);
    // Others stay connected, and deleting to make room is accepted.
    expect(w.closes).toEqual([]);
    const before = readActors(w.doc).length;
    expect(before).toBeGreaterThan(5);
    deleteActors(w.doc, [readActors(w.doc)[0]?.id as string], createLocalOrigin());
    await waitUntil(async () => (await stored(board)).actors.length === before - 1);
  });
});

describe('updates with missing dependencies', () => {
  /** An actor added and then renamed: the rename depends on the add. */
  function dependentPair(label: string): { add: Uint8Array; rename: Uint8Array; remove: Uint8Array } {
    const { doc, updates } = recordingDoc();
    const origin = createLocalOrigin();
    const id = addActor(doc, { label, kind: 'state', x: 0, y: 0 }, origin);
    updateActor(doc, id, { label: `${label} (renamed)` }, origin);
    deleteActors(doc, [id], origin);
    doc.destroy();
    return {
      add: updates[0] as Uint8Array,
      rename: updates[1] as Uint8Array,
      remove: updates[2] as Uint8Array,
    };
  }

  it('are held outside the document, never stored or relayed, and close the sender (1007) when time runs out', async () => {
    const board = await createBoard(server.url, { title: 'Pending' });
    const w = await watcher(board);
    const { rename, remove } = dependentPair('Orphan');
    const socket = raw(board);
    await socket.opened;
    socket.send(syncFrame('update', rename));
    socket.send(syncFrame('update', remove)); // a deletion of items the server never saw
    socket.send(syncFrame('step1', new Uint8Array([0])));
    await waitUntil(() => socket.received.some((m) => readServerFrame(m).kind === 'step2'));
    const doc = server.server.registry.peek(board.id)?.doc as Y.Doc;
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
    // A client syncing now is not sent any of it.
    const late = await syncedClient(server.wsUrl, board.id, { token: board.viewToken });
    cleanups.push(() => late.destroy());
    expect(actorsMap(late.doc).size).toBe(0);
    expect(await socket.closed).toEqual({
      code: 1007,
      reason: 'update depends on changes the server never received',
    });
    expect((await stored(board)).actors).toEqual([]);
    expect(actorsMap(w.doc).size).toBe(0);
  });

  it('are applied once what they wait for arrives (an edit overtaking a sync reply)', async () => {
    const board = await createBoard(server.url, { title: 'Reordered' });
    const w = await watcher(board);
    const { add, rename } = dependentPair('Late');
    const socket = raw(board);
    await socket.opened;
    socket.send(syncFrame('update', rename));
    await sleep(100);
    socket.send(syncFrame('step2', add));
    await waitUntil(() => readActors(w.doc)[0]?.label === 'Late (renamed)', {
      what: 'the held rename applied',
    });
    await sleep(500); // past maxPendingMs: nothing is left waiting
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    expect((await stored(board)).actors.map((a) => a.label)).toEqual(['Late (renamed)']);
  });

  it('more held bytes than the cap close the sender at once', async () => {
    const board = await createBoard(server.url, { title: 'Too much pending' });
    const { doc, updates } = recordingDoc();
    const origin = createLocalOrigin();
    const id = addActor(doc, { label: 'Base', kind: 'state', x: 0, y: 0 }, origin);
    updateActor(doc, id, { notes: 'q'.repeat(4000) }, origin);
    updateActor(doc, id, { stance: 's'.repeat(2000) }, origin);
    for (let i = 0; i < 4; i += 1) updateActor(doc, id, { notes: `${i}`.repeat(4000) }, origin);
    const socket = raw(board);
    await socket.opened;
    for (const update of updates.slice(1)) socket.send(syncFrame('update', update));
    expect(await socket.closed).toEqual({
      code: 1007,
      reason: 'too many updates depend on changes the server never received',
    });
    expect((await stored(board)).actors).toEqual([]);
    doc.destroy();
  });
});
