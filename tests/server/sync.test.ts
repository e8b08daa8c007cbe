import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readActors, readBoard, readVisibleRelations, relationsMap } from '../../shared/board-doc.ts';
import { addActor, addRelation, deleteActors, moveActors, updateActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { connectClient, syncedClient, type TestClient } from '../helpers/clients.ts';
import { type CreatedBoard, createBoard } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitUntil } from '../helpers/wait.ts';

let server: TestServer;
const clients: TestClient[] = [];

async function client(board: CreatedBoard): Promise<TestClient> {
  const c = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.close();
});

describe('sync between y-websocket clients', () => {
  it('two clients converge on the same board', async () => {
    const board = await createBoard(server.url, { title: 'Converge' });
    const a = await client(board);
    const b = await client(board);
    expect(readBoard(a.doc).meta.title).toBe('Converge');
    const ua = createLocalOrigin();
    const ub = createLocalOrigin();
    const us = addActor(a.doc, { label: 'United States', kind: 'state', x: 10, y: 20 }, ua);
    const iran = addActor(b.doc, { label: 'Iran', kind: 'state', x: 300, y: 20 }, ub);
    await waitUntil(() => readActors(a.doc).length === 2 && readActors(b.doc).length === 2, {
      what: 'both actors on both clients',
    });
    addRelation(a.doc, { source: us, target: iran, type: 'demands', label: 'reopen the Strait' }, ua);
    await waitUntil(() => readVisibleRelations(b.doc).length === 1, { what: 'relation on b' });
    expect(readBoard(b.doc)).toEqual(readBoard(a.doc));
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('[R11] a rename and a drag of one actor made at the same time both survive', async () => {
    const board = await createBoard(server.url, { title: 'R11' });
    const a = await client(board);
    const b = await client(board);
    const id = addActor(a.doc, { label: 'Pakistan', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    await waitUntil(() => readActors(b.doc).length === 1, { what: 'actor on b' });
    // Same tick: neither client has seen the other's edit when it makes its own.
    updateActor(a.doc, id, { label: 'Pakistan (host)' }, createLocalOrigin());
    moveActors(b.doc, [{ id, x: 480, y: 260 }], createLocalOrigin());
    const expected = { id, label: 'Pakistan (host)', kind: 'state', x: 480, y: 260 };
    await waitUntil(
      () =>
        JSON.stringify(readActors(a.doc)) === JSON.stringify([expected]) &&
        JSON.stringify(readActors(b.doc)) === JSON.stringify([expected]),
      { what: 'rename and drag on both clients' },
    );
    // A third client loading the board from the server sees both too.
    const c = await client(board);
    expect(readActors(c.doc)).toEqual([expected]);
  });

  it('[R11] an offline rename merges with a drag made meanwhile', async () => {
    const board = await createBoard(server.url, { title: 'Offline' });
    const a = await client(board);
    const b = await client(board);
    const id = addActor(a.doc, { label: 'Oman', kind: 'mediator', x: 5, y: 5 }, createLocalOrigin());
    await waitUntil(() => readActors(b.doc).length === 1);
    a.provider.disconnect();
    updateActor(a.doc, id, { label: 'Oman (backchannel)' }, createLocalOrigin());
    moveActors(b.doc, [{ id, x: 99, y: 77 }], createLocalOrigin());
    await waitUntil(() => {
      const room = server.server.registry.peek(board.id);
      return room !== undefined && readActors(room.doc)[0]?.x === 99 && !room.hasUncommitted;
    });
    a.provider.connect();
    await waitUntil(
      () =>
        [a, b].every((c) => {
          const [actor] = readActors(c.doc);
          return actor?.label === 'Oman (backchannel)' && actor.x === 99 && actor.y === 77;
        }),
      { what: 'offline rename and drag merged on both' },
    );
  });

  it('[R8] the server deletes a relation whose actor was deleted concurrently', async () => {
    const board = await createBoard(server.url, { title: 'R8' });
    const a = await client(board);
    const b = await client(board);
    const origin = createLocalOrigin();
    const x = addActor(a.doc, { label: 'X', kind: 'state', x: 0, y: 0 }, origin);
    const y = addActor(a.doc, { label: 'Y', kind: 'state', x: 0, y: 0 }, origin);
    await waitUntil(() => readActors(b.doc).length === 2);
    // a deletes Y while b, not yet knowing, connects X → Y.
    deleteActors(a.doc, [y], origin);
    const rel = addRelation(b.doc, { source: x, target: y, type: 'threatens' }, createLocalOrigin());
    await waitUntil(
      () => [a, b].every((c) => !relationsMap(c.doc).has(rel) && readActors(c.doc).length === 1),
      {
        what: 'orphan relation removed everywhere',
      },
    );
    const room = server.server.registry.peek(board.id);
    expect(room && relationsMap(room.doc).has(rel)).toBe(false);
  });

  it('shares presence (awareness) and removes it when a client leaves', async () => {
    const board = await createBoard(server.url, { title: 'Presence' });
    const a = await client(board);
    const b = await client(board);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#1f77b4' });
    await waitUntil(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ana', {
      what: "a's presence on b",
    });
    // A client joining later is told about those already present.
    const c = await client(board);
    await waitUntil(() => c.provider.awareness.getStates().has(a.doc.clientID), {
      what: "a's presence on c",
    });
    // Leave without saying goodbye: the server removes a's state and tells the others.
    (a.provider.ws as unknown as { terminate(): void }).terminate();
    a.provider.shouldConnect = false;
    await waitUntil(() => !b.provider.awareness.getStates().has(a.doc.clientID), {
      what: "a's presence gone from b",
    });
    expect(c.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('ignores query parameters on the WebSocket URL other than the token', async () => {
    const board = await createBoard(server.url, { title: 'Params' });
    const c = connectClient(server.wsUrl, board.id, { token: board.editToken, params: { v: '1', x: 'y' } });
    clients.push(c);
    await c.synced();
    expect(readBoard(c.doc).meta.title).toBe('Params');
  });
});
