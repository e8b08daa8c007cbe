/**
 * Scale-out (issue 5): three server processes on one PostgreSQL and one
 * Redis. Clients of one board on different processes converge and see each
 * other's presence; token rotation and the lock hold on every process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readActors } from '../../shared/board-doc.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { syncedClient, type TestClient } from '../helpers/clients.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { scaleUnavailable, startCluster, type TestCluster } from '../helpers/scale-cluster.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const unavailable = await scaleUnavailable();
if (unavailable !== null) console.warn(`scale-convergence: skipping the scale-out tests: ${unavailable}`);

const labels = (client: TestClient): string[] =>
  readActors(client.doc)
    .map((a) => a.label)
    .sort();

describe.skipIf(unavailable !== null)('several processes on PostgreSQL + Redis', () => {
  let cluster: TestCluster;
  const clients: TestClient[] = [];
  const connect = async (server: number, board: CreatedBoard, token = board.editToken) => {
    const c = await syncedClient(cluster.servers[server]?.wsUrl ?? '', board.id, { token });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    cluster = await startCluster(3);
  }, 30_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await cluster?.stop();
  });

  it('clients of one board on three processes converge, and see each other come and go', async () => {
    const [p0] = cluster.servers;
    const board = await createBoard(p0?.url ?? '', { title: 'Three processes' });
    const a = await connect(0, board);
    const b = await connect(1, board);
    const c = await connect(2, board);
    const origin = createLocalOrigin();
    for (const [i, client] of [a, b, c].entries()) {
      for (let k = 0; k < 5; k += 1)
        addActor(client.doc, { label: `p${i}-${k}`, kind: 'other', x: k, y: i }, origin);
    }
    const expected = [0, 1, 2].flatMap((i) => [0, 1, 2, 3, 4].map((k) => `p${i}-${k}`)).sort();
    for (const client of [a, b, c]) {
      await waitUntil(() => labels(client).length === 15, {
        timeoutMs: 5000,
        what: 'all 15 actors everywhere',
      });
      expect(labels(client)).toEqual(expected);
    }

    // Presence crosses processes: a's state reaches b and c, and leaves with a.
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#336699' });
    const aId = a.doc.clientID;
    for (const client of [b, c]) {
      await waitUntil(
        () =>
          (client.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user,
        { what: "Ana's presence on another process" },
      );
    }
    // A process that opens the board later asks the others for their clients' presence.
    const late = await connect(2, await createBoard(p0?.url ?? '', { title: 'unused' }));
    late.destroy();
    a.provider.disconnect();
    for (const client of [b, c]) {
      await waitUntil(() => !client.provider.awareness.getStates().has(aId), {
        what: "Ana's presence removed on another process",
      });
    }
  });

  it('a late joiner on another process sees presence that was set before it came', async () => {
    const board = await createBoard(cluster.servers[0]?.url ?? '', { title: 'Late presence' });
    const a = await connect(0, board);
    a.provider.awareness.setLocalStateField('user', { name: 'Bo', color: '#993366' });
    await sleep(100);
    const b = await connect(1, board);
    await waitUntil(() => b.provider.awareness.getStates().has(a.doc.clientID), {
      what: 'presence from the process that had the board open first',
    });
  });

  it('a client on another process cannot overwrite the presence of a client connected here', async () => {
    const board = await createBoard(cluster.servers[0]?.url ?? '', { title: 'Presence spoof' });
    const ana = await connect(0, board);
    const watcher = await connect(0, board);
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#336699' });
    const name = () =>
      (
        watcher.provider.awareness.getStates().get(ana.doc.clientID) as
          | { user?: { name: string } }
          | undefined
      )?.user?.name;
    await waitUntil(() => name() === 'Ana', { what: "Ana's presence" });
    // Same client id on another process, with a higher clock.
    const spoofDoc = new Y.Doc();
    spoofDoc.clientID = ana.doc.clientID;
    const spoof = await syncedClient(cluster.servers[1]?.wsUrl ?? '', board.id, {
      token: board.editToken,
      doc: spoofDoc,
    });
    clients.push(spoof);
    for (let i = 0; i < 5; i += 1) {
      spoof.provider.awareness.setLocalStateField('user', { name: `Mallory ${i}`, color: '#000000' });
      await sleep(50);
    }
    await sleep(400);
    expect(name()).toBe('Ana');
  });

  it('rotating the edit link on one process closes its sockets on the others (4403) and refuses it everywhere', async () => {
    const board = await createBoard(cluster.servers[0]?.url ?? '', { title: 'Rotation' });
    const editor = await connect(1, board);
    const viewer = await connect(2, board, board.viewToken);
    const res = await requestJson<{ token: string }>(
      `${cluster.servers[0]?.url}/api/boards/${board.id}/links/edit/rotate`,
      {
        method: 'POST',
        token: board.ownerToken,
      },
    );
    expect(res.status).toBe(200);
    expect((await editor.nextClose(0)).code).toBe(4403);
    await sleep(200);
    expect(viewer.closes).toEqual([]);
    const again = await requestJson(`${cluster.servers[2]?.url}/api/boards/${board.id}`, {
      token: board.editToken,
    });
    expect(again.status).toBe(401);
    const fresh = await connect(2, board, res.body.token);
    expect(fresh.provider.synced).toBe(true);
  });

  it('locking on one process makes editors on another read-only, and unlocking lets them write again', async () => {
    const board = await createBoard(cluster.servers[0]?.url ?? '', { title: 'Lock' });
    const owner = await connect(0, board, board.ownerToken);
    const editor = await connect(1, board);
    const lock = await requestJson(`${cluster.servers[0]?.url}/api/boards/${board.id}/lock`, {
      method: 'POST',
      token: board.ownerToken,
    });
    expect(lock.status).toBe(200);
    await sleep(300);
    const origin = createLocalOrigin();
    addActor(editor.doc, { label: 'while locked', kind: 'other', x: 0, y: 0 }, origin);
    await sleep(600);
    expect(labels(owner)).not.toContain('while locked');
    await requestJson(`${cluster.servers[0]?.url}/api/boards/${board.id}/unlock`, {
      method: 'POST',
      token: board.ownerToken,
    });
    // Unlocked, the server asks the editor again for what it has: the refused edit arrives now.
    await waitUntil(() => labels(owner).includes('while locked'), { what: 'the edit after unlock' });
  });

  it('deleting a board on one process closes its clients on the others (4404)', async () => {
    const board = await createBoard(cluster.servers[0]?.url ?? '', { title: 'Delete' });
    const client = await connect(2, board);
    const res = await requestJson(`${cluster.servers[0]?.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      token: board.ownerToken,
    });
    expect(res.status).toBe(204);
    expect((await client.nextClose(0)).code).toBe(4404);
  });
});
