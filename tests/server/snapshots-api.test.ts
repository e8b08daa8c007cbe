/**
 * Rounds over HTTP (issue 4): save, list, read, diff and restore, against a
 * real server with SQLite, with real WebsocketProvider clients watching.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board-doc.ts';
import type { BoardDiff } from '../../shared/diff/board-diff.ts';
import type { ExportedBoard } from '../../shared/export-json.ts';
import { addActor, deleteActors, moveActors, updateActor, updateRelation } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { syncedClient } from '../helpers/clients.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitUntil } from '../helpers/wait.ts';

let server: TestServer;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  tmp = await makeTempDir('parley-rounds-');
  server = await startTestServer({ dataDir: tmp.dir });
});
afterAll(async () => {
  await server.close();
  await tmp.remove();
});

const talks: ExportedBoard = {
  format: 'parley-board',
  version: 1,
  title: 'Round trip',
  description: 'crafted',
  actors: [
    { id: 'us', label: 'United States', kind: 'state', x: 0, y: 0, stance: 'Strait open first' },
    { id: 'iran', label: 'Iran', kind: 'state', x: 400, y: 0 },
    { id: 'pk', label: 'Pakistan', kind: 'mediator', x: 200, y: 300 },
  ],
  relations: [
    { id: 'r1', source: 'iran', target: 'us', type: 'threatens', label: 'close the Strait' },
    { id: 'r2', source: 'pk', target: 'iran', type: 'mediates' },
  ],
};

/** How the server exports it: items sorted by id (R7). */
const talksSorted: ExportedBoard = {
  ...talks,
  actors: [...talks.actors].sort((a, b) => (a.id < b.id ? -1 : 1)),
  relations: [...talks.relations].sort((a, b) => (a.id < b.id ? -1 : 1)),
};

interface Round {
  id: string;
  name: string;
  note?: string;
  savedAt: string;
  savedBy: string;
}

const url = (board: CreatedBoard, path: string) => `${server.url}/api/boards/${board.id}${path}`;

async function saveRound(board: CreatedBoard, name: string, token = board.editToken, note?: string) {
  const res = await requestJson<Round>(url(board, '/snapshots'), { body: { name, note }, token });
  expect(res.status).toBe(201);
  return res.body;
}

describe('rounds API', () => {
  it('saves named rounds with a content-derived id, lists them and reads one back as export JSON', async () => {
    const board = await createBoard(server.url, { board: talks });
    const r1 = await saveRound(board, 'Round 1 — Islamabad', board.ownerToken, 'Phase 1 agreed');
    expect(r1).toMatchObject({ name: 'Round 1 — Islamabad', note: 'Phase 1 agreed', savedBy: 'Facilitator' });
    expect(r1.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Same state and name: the same round, not a duplicate.
    expect((await saveRound(board, 'Round 1 — Islamabad')).id).toBe(r1.id);
    const list = await requestJson<Round[]>(url(board, '/snapshots'), { token: board.viewToken });
    expect(list.body.map((r) => r.id)).toEqual([r1.id]);
    expect(list.body[0]).not.toHaveProperty('state');

    const one = await requestJson<Round & { board: ExportedBoard }>(url(board, `/snapshots/${r1.id}`), {
      token: board.viewToken,
    });
    expect(one.status).toBe(200);
    // [R14] lossless: the round's content is the imported board, and importing it again reproduces it.
    expect(one.body.board).toEqual(talksSorted);
    const again = await createBoard(server.url, { board: one.body.board });
    const json = await requestJson<ExportedBoard>(`${server.url}/api/boards/${again.id}/export.json`, {
      token: again.viewToken,
    });
    expect(json.body).toEqual(talksSorted);
  });

  it('refuses bad input and weak links with clear errors', async () => {
    const board = await createBoard(server.url, { board: talks });
    const post = (body: unknown, token = board.editToken) =>
      requestJson<{ error: string }>(url(board, '/snapshots'), { body, token });
    expect((await post({ name: '' })).body.error).toMatch(/name/);
    expect((await post({ name: 'x', extra: 1 })).status).toBe(400);
    const view = await post({ name: 'x' }, board.viewToken);
    expect(view.status).toBe(403);
    expect(view.body.error).toMatch(/view link/);
    expect((await requestJson(url(board, '/snapshots'), { body: { name: 'x' } })).status).toBe(401);
    const badSid = await requestJson<{ error: string }>(url(board, '/snapshots/..%2Fx'), {
      token: board.viewToken,
    });
    expect(badSid.status).toBe(400);
    expect(badSid.body.error).toBe('invalid snapshot id');
    const missing = await requestJson(url(board, `/snapshots/${'A'.repeat(22)}`), { token: board.viewToken });
    expect(missing.status).toBe(404);
    const restoreAsViewer = await requestJson(url(board, `/snapshots/${'A'.repeat(22)}/restore`), {
      method: 'POST',
      token: board.viewToken,
    });
    expect(restoreAsViewer.status).toBe(403);
    expect((await requestJson(url(board, '/diff?from=nope'), { token: board.viewToken })).status).toBe(400);
    expect((await requestJson(url(board, '/diff'), { token: board.viewToken })).status).toBe(400);
  });

  it('while the board is locked only the owner saves and restores rounds; viewers still read them', async () => {
    const board = await createBoard(server.url, { board: talks });
    const r1 = await saveRound(board, 'Round 1');
    const lock = await requestJson(url(board, '/lock'), { method: 'POST', token: board.ownerToken });
    expect(lock.status).toBe(200);
    const editorSave = await requestJson<{ error: string }>(url(board, '/snapshots'), {
      body: { name: 'Locked' },
      token: board.editToken,
    });
    expect(editorSave.status).toBe(403);
    expect(editorSave.body.error).toMatch(/locked/);
    const editorRestore = await requestJson(url(board, `/snapshots/${r1.id}/restore`), {
      method: 'POST',
      token: board.editToken,
    });
    expect(editorRestore.status).toBe(403);
    expect((await saveRound(board, 'By the owner', board.ownerToken)).savedBy).toBe('Facilitator');
    const ownerRestore = await requestJson(url(board, `/snapshots/${r1.id}/restore`), {
      method: 'POST',
      token: board.ownerToken,
    });
    expect(ownerRestore.status).toBe(200);
    const list = await requestJson<Round[]>(url(board, '/snapshots'), { token: board.viewToken });
    expect(list.body.map((r) => r.name)).toEqual(['Round 1', 'By the owner', 'Before restoring “Round 1”']);
  });

  it('the diff of two crafted rounds lists exactly the expected changes', async () => {
    const board = await createBoard(server.url, { board: talks });
    const a = await saveRound(board, 'Round 1');
    const client = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    const me = createLocalOrigin();
    try {
      updateRelation(client.doc, 'r1', { type: 'demands', label: 'reopen the Strait' }, me);
      updateActor(client.doc, 'iran', { stance: 'Sanctions relief first' }, me);
      moveActors(client.doc, [{ id: 'us', x: 50, y: 20 }], me);
      deleteActors(client.doc, ['pk'], me); // takes r2 with it (R3)
      addActor(client.doc, { label: 'Oman', kind: 'mediator', x: 600, y: 300 }, me, 'oman');
      await waitUntil(async () => {
        const live = await requestJson<ExportedBoard>(url(board, '/export.json'), { token: board.viewToken });
        return live.body.actors.some((x) => x.id === 'oman');
      });
    } finally {
      client.destroy();
    }
    const b = await saveRound(board, 'Round 2');
    const res = await requestJson<{ diff: BoardDiff; changelog: string[]; from: Round; to: Round }>(
      url(board, `/diff?from=${a.id}&to=${b.id}`),
      { token: board.viewToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.from.id).toBe(a.id);
    const { diff } = res.body;
    expect(diff.actors.added.map((x) => x.id)).toEqual(['oman']);
    expect(diff.actors.removed.map((x) => x.id)).toEqual(['pk']);
    expect(diff.actors.changed).toEqual([
      { id: 'iran', changes: [{ field: 'stance', to: 'Sanctions relief first' }] },
    ]);
    expect(diff.actors.moved).toEqual([{ id: 'us', from: { x: 0, y: 0 }, to: { x: 50, y: 20 } }]);
    expect(diff.relations.added).toEqual([]);
    expect(diff.relations.removed.map((x) => x.id)).toEqual(['r2']);
    expect(diff.relations.changed).toEqual([
      {
        id: 'r1',
        changes: [
          { field: 'type', from: 'threatens', to: 'demands' },
          { field: 'label', from: 'close the Strait', to: 'reopen the Strait' },
        ],
      },
    ]);
    expect(res.body.changelog.join('\n')).toContain('Iran → United States: threatens → demands');
    // Round vs live: the live board is round 2.
    const live = await requestJson<{ diff: BoardDiff; to: string }>(
      url(board, `/diff?from=${b.id}&to=live`),
      {
        token: board.viewToken,
      },
    );
    expect(live.body.to).toBe('live');
    expect(live.body.diff.actors.added).toEqual([]);
  });

  it('restore is a new change a connected client sees, and restoring the saved "before" round undoes it', async () => {
    const board = await createBoard(server.url, { board: talks });
    const r1 = await saveRound(board, 'Round 1');
    const watcher = await syncedClient(server.wsUrl, board.id, { token: board.viewToken });
    const editor = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    const me = createLocalOrigin();
    try {
      deleteActors(editor.doc, ['pk'], me);
      updateRelation(editor.doc, 'r1', { type: 'deferred' }, me);
      addActor(editor.doc, { label: 'Oman', kind: 'mediator', x: 1, y: 1 }, me, 'oman');
      await waitUntil(() => readBoard(watcher.doc).actors.some((a) => a.id === 'oman'));
      const changed = readBoard(watcher.doc);

      const res = await requestJson<{ before: Round; changelog: string[] }>(
        url(board, `/snapshots/${r1.id}/restore`),
        { method: 'POST', token: board.editToken, body: { savedBy: 'Ana' } },
      );
      expect(res.status).toBe(200);
      expect(res.body.before).toMatchObject({ name: 'Before restoring “Round 1”', savedBy: 'Ana' });
      expect(res.body.changelog.length).toBeGreaterThan(0);
      // Both clients see the round's content, arrived as an ordinary update.
      await waitUntil(
        () => JSON.stringify(readBoard(watcher.doc).actors.map((a) => a.id)) === '["iran","pk","us"]',
      );
      await waitUntil(() => readBoard(editor.doc).relations.length === 2);
      expect(readBoard(watcher.doc).actors).toEqual(
        talks.actors.slice().sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(readBoard(watcher.doc).relations.find((r) => r.id === 'r1')?.type).toBe('threatens');

      // Undo, content-wise: restoring the "before" round brings back the changed board.
      const undo = await requestJson(url(board, `/snapshots/${res.body.before.id}/restore`), {
        method: 'POST',
        token: board.editToken,
      });
      expect(undo.status).toBe(200);
      await waitUntil(() => readBoard(watcher.doc).actors.some((a) => a.id === 'oman'));
      expect(readBoard(watcher.doc)).toEqual(changed);
    } finally {
      watcher.destroy();
      editor.destroy();
    }
  });

  it('restores a board whose room is not open, and the result survives a restart', async () => {
    const board = await createBoard(server.url, { board: talks });
    const r1 = await saveRound(board, 'Round 1');
    const editor = await syncedClient(server.wsUrl, board.id, { token: board.editToken });
    deleteActors(editor.doc, ['us'], createLocalOrigin());
    await waitUntil(async () => {
      const live = await requestJson<ExportedBoard>(url(board, '/export.json'), { token: board.viewToken });
      return live.body.actors.length === 2;
    });
    editor.destroy();
    await waitUntil(() => !server.server.registry.peek(board.id), { what: 'the room to unload' });
    const res = await requestJson(url(board, `/snapshots/${r1.id}/restore`), {
      method: 'POST',
      token: board.ownerToken,
    });
    expect(res.status).toBe(200);
    await server.close({ keepStorage: false });
    server = await startTestServer({ dataDir: tmp.dir });
    const live = await requestJson<ExportedBoard>(`${server.url}/api/boards/${board.id}/export.json`, {
      token: board.viewToken,
    });
    expect(live.body).toEqual(talksSorted);
    const rounds = await requestJson<Round[]>(`${server.url}/api/boards/${board.id}/snapshots`, {
      token: board.viewToken,
    });
    expect(rounds.body.map((r) => r.name)).toEqual(['Round 1', 'Before restoring “Round 1”']);
  });
});
