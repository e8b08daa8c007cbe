import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { readBoard } from '../../shared/board-doc.ts';
import type { ExportedBoard } from '../../shared/export-json.ts';
import { newBoardId } from '../../shared/ids.ts';
import { addActor, addRelation, deleteActors } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { TEMPLATES } from '../../shared/templates/index.ts';
import { syncedClient } from '../helpers/clients.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitUntil } from '../helpers/wait.ts';

let server: TestServer;
let storage: InstrumentedStorage;
let api: string;

beforeAll(async () => {
  storage = new InstrumentedStorage(new MemoryBoardStorage());
  server = await startTestServer({ storage });
  api = `${server.url}/api`;
});
afterAll(async () => {
  await server.close();
});

const sampleExport: ExportedBoard = {
  format: 'parley-board',
  version: 1,
  title: 'Imported talks',
  description: 'from a file',
  actors: [
    { id: 'us', label: 'United States', kind: 'state', x: 0, y: 0, stance: 'Strait open first' },
    { id: 'iran', label: 'Iran', kind: 'state', x: 400, y: 0 },
    { id: 'pk', label: 'Pakistan', kind: 'mediator', x: 200, y: 300, color: '#2ca02c' },
  ],
  relations: [
    { id: 'r1', source: 'us', target: 'iran', type: 'demands', label: 'reopen the Strait of Hormuz' },
    { id: 'r2', source: 'pk', target: 'iran', type: 'mediates' },
  ],
};

async function expectError(
  res: Promise<{ status: number; body: unknown; headers: Headers }>,
  status: number,
  message: RegExp,
) {
  const { status: got, body, headers } = await res;
  expect(got).toBe(status);
  expect(headers.get('content-type')).toMatch(/application\/json/);
  expect(Object.keys(body as object)).toEqual(['error']);
  expect((body as { error: string }).error).toMatch(message);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('POST /api/boards', () => {
  it('creates a blank board', async () => {
    const res = await requestJson<CreatedBoard>(`${api}/boards`, { body: { title: '  Round one  ' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Round one', description: '', actors: 0, relations: 0 });
    expect(res.body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    expect(res.headers.get('location')).toBe(`/api/boards/${res.body.id}`);
    expect((await storage.getBoard(res.body.id))?.title).toBe('Round one');
  });

  it('creates boards from every built-in template', async () => {
    const listed = await requestJson<{ id: string; title: string; actors: number; relations: number }[]>(
      `${api}/templates`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((t) => t.id)).toEqual(TEMPLATES.map((t) => t.id));
    for (const template of TEMPLATES) {
      const created = await createBoard(server.url, { template: template.id });
      expect(created.title).toBe(template.title);
      expect(created.actors).toBe(template.board.actors.length);
      expect(created.relations).toBe(template.board.relations.length);
      const exported = await requestJson<ExportedBoard>(`${api}/boards/${created.id}/export.json`, {
        token: created.viewToken,
      });
      expect(exported.body.actors).toEqual([...template.board.actors].sort((a, b) => (a.id < b.id ? -1 : 1)));
    }
    const renamed =
      TEMPLATES[0] && (await createBoard(server.url, { template: TEMPLATES[0].id, title: 'Mine' }));
    if (renamed) expect(renamed.title).toBe('Mine');
  });

  it('[R14] imports an export.json keeping ids, and exports it back the same', async () => {
    const created = await createBoard(server.url, { board: sampleExport });
    expect(created).toMatchObject({
      title: 'Imported talks',
      description: 'from a file',
      actors: 3,
      relations: 2,
    });
    const res = await requestJson<ExportedBoard>(`${api}/boards/${created.id}/export.json`, {
      token: created.viewToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?imported-talks\.parley\.json"?$/,
    );
    const sortById = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(res.body).toEqual({
      ...sampleExport,
      actors: sortById(sampleExport.actors),
      relations: sortById(sampleExport.relations),
    });
    // And importing that export again yields the same board.
    const again = await createBoard(server.url, { board: res.body });
    const res2 = await requestJson<ExportedBoard>(`${api}/boards/${again.id}/export.json`, {
      token: again.editToken,
    });
    expect(res2.body).toEqual(res.body);
  });

  it('rejects bad bodies with a 400 and a message', async () => {
    const post = (body: unknown) => requestJson(`${api}/boards`, { body });
    await expectError(requestJson(`${api}/boards`, { rawBody: '{"title":' }), 400, /^invalid JSON body$/);
    await expectError(
      requestJson(`${api}/boards`, { rawBody: 'title=x', contentType: 'application/x-www-form-urlencoded' }),
      400,
      /expected a JSON body/,
    );
    await expectError(post({}), 400, /title: required/);
    await expectError(post({ title: '   ' }), 400, /title: must not be empty/);
    await expectError(post({ title: 'x'.repeat(201) }), 400, /title/);
    await expectError(post({ title: 5 }), 400, /title/);
    await expectError(post([1, 2]), 400, /object/);
    await expectError(post({ title: 'x', colour: 'red' }), 400, /colour/);
    await expectError(
      post({ title: 'x', template: 'atlantis-2031' }),
      400,
      /unknown template: atlantis-2031/,
    );
    await expectError(
      post({ title: 'x', template: TEMPLATES[0]?.id ?? 'us-iran-2026', board: sampleExport }),
      400,
      /either template or board/,
    );
    expect(await storage.listBoards()).not.toContainEqual(expect.objectContaining({ title: 'x' }));
  });

  it('rejects invalid imports naming the offending path, and stores nothing', async () => {
    const before = (await storage.listBoards()).length;
    const post = (board: unknown) => requestJson(`${api}/boards`, { body: { board } });
    const badKind = {
      ...sampleExport,
      actors: [sampleExport.actors[0], { ...sampleExport.actors[1], kind: 'empire' }],
    };
    await expectError(post(badKind), 400, /^invalid board: actors\.1\.kind/);
    const badCoord = { ...sampleExport, actors: [{ ...sampleExport.actors[0], x: 'left' }] };
    await expectError(post(badCoord), 400, /actors\.0\.x/);
    const dangling = {
      ...sampleExport,
      relations: [{ id: 'r9', source: 'us', target: 'nobody', type: 'threatens' }],
    };
    await expectError(post(dangling), 400, /relations\.0: unknown actor nobody/);
    const duplicate = { ...sampleExport, actors: [sampleExport.actors[0], sampleExport.actors[0]] };
    await expectError(post(duplicate), 400, /actors\.1\.id: duplicate id us/);
    await expectError(post({ ...sampleExport, format: 'miro' }), 400, /format/);
    await expectError(post('not a board'), 400, /invalid board/);
    expect((await storage.listBoards()).length).toBe(before);
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = 'x'.repeat(9 * 1024 * 1024);
    await expectError(requestJson(`${api}/boards`, { body: { title: huge } }), 413, /too large/);
  });
});

describe('GET/DELETE /api/boards/:id', () => {
  it('reports title and counts of visible items, live and from storage, without keeping a room', async () => {
    const created = await createBoard(server.url, { board: sampleExport });
    const loadsBefore = storage.loads;
    const token = created.viewToken;
    const stored = await requestJson<CreatedBoard>(`${api}/boards/${created.id}`, { token });
    expect(stored.status).toBe(200);
    const { ownerToken, editToken, viewToken, links, ...summary } = created;
    expect(stored.body).toEqual({ ...summary, role: 'view', locked: false });
    expect(storage.loads).toBe(loadsBefore + 1);
    expect(server.server.registry.peek(created.id)).toBeUndefined();

    const c = await syncedClient(server.wsUrl, created.id, { token: created.editToken });
    const origin = createLocalOrigin();
    addActor(c.doc, { label: 'Qatar', kind: 'mediator', x: 0, y: 0 }, origin, 'qa');
    addRelation(c.doc, { source: 'qa', target: 'iran', type: 'mediates' }, origin, 'r3');
    deleteActors(c.doc, ['pk'], origin); // takes r2 with it (R3)
    await waitUntil(
      async () =>
        (await requestJson<CreatedBoard>(`${api}/boards/${created.id}`, { token })).body.actors === 3,
    );
    const live = await requestJson<CreatedBoard>(`${api}/boards/${created.id}`, { token });
    expect(live.body).toMatchObject({ actors: 3, relations: 2, title: 'Imported talks' });
    expect(Date.parse(live.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    const exported = await requestJson<ExportedBoard>(`${api}/boards/${created.id}/export.json`, { token });
    expect(exported.body.actors.map((a) => a.id)).toEqual(readBoard(c.doc).actors.map((a) => a.id));
    c.destroy();
  });

  it('rejects bad ids with 400 and unknown boards with 404', async () => {
    const unknown = newBoardId();
    // Any well-formed token: the board is looked up first, then the token.
    const token = 'A'.repeat(32);
    for (const suffix of ['', '/export.json']) {
      await expectError(requestJson(`${api}/boards/not-an-id${suffix}`, { token }), 400, /invalid board id/);
      await expectError(requestJson(`${api}/boards/${unknown}${suffix}`, { token }), 404, /board not found/);
    }
    await expectError(
      requestJson(`${api}/boards/%E2%80%A6`, { method: 'DELETE', token }),
      400,
      /invalid board id/,
    );
    await expectError(
      requestJson(`${api}/boards/${unknown}`, { method: 'DELETE', token }),
      404,
      /board not found/,
    );
    expect(await storage.getBoard(unknown)).toBeNull();
  });

  it('deletes a board', async () => {
    const created = await createBoard(server.url);
    const token = created.ownerToken;
    const res = await requestJson(`${api}/boards/${created.id}`, { method: 'DELETE', token });
    expect(res.status).toBe(204);
    await expectError(requestJson(`${api}/boards/${created.id}`, { token }), 404, /board not found/);
    await expectError(
      requestJson(`${api}/boards/${created.id}`, { method: 'DELETE', token }),
      404,
      /board not found/,
    );
  });
});

describe('other endpoints', () => {
  it('health', async () => {
    const res = await requestJson<{ ok: boolean }>(`${api}/health`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });

  it('unknown API routes and methods are JSON 404s', async () => {
    await expectError(requestJson(`${api}/nope`), 404, /no such endpoint: GET \/api\/nope/);
    await expectError(
      requestJson(`${api}/boards/${newBoardId()}`, { method: 'PUT', body: {} }),
      404,
      /no such endpoint: PUT/,
    );
    await expectError(requestJson(`${api}/templates`, { method: 'POST', body: {} }), 404, /no such endpoint/);
  });

  it('a storage failure is a 500 with no details', async () => {
    const failing = new InstrumentedStorage(new MemoryBoardStorage());
    failing.createBoard = async () => {
      throw new Error('SQLITE_FULL: database or disk is full at /secret/path.db');
    };
    const other = await startTestServer({ storage: failing });
    const res = await requestJson(`${other.url}/api/boards`, { body: { title: 'x' } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal error' });
    await other.close();
  });
});

describe('the client app', () => {
  it('serves the built client with SPA routes and cacheable assets', async () => {
    const tmp = await makeTempDir();
    await fs.mkdir(path.join(tmp.dir, 'assets'));
    await fs.writeFile(path.join(tmp.dir, 'index.html'), '<!doctype html><title>Parley</title>');
    await fs.writeFile(path.join(tmp.dir, 'assets', 'app-1234.js'), 'console.log(1)');
    const withClient = await startTestServer({ staticDir: tmp.dir });
    for (const route of ['/', `/b/${newBoardId()}`]) {
      const res = await fetch(`${withClient.url}${route}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Parley</title>');
    }
    const asset = await fetch(`${withClient.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${withClient.url}/elsewhere`)).status).toBe(404);
    await withClient.close();
    await tmp.remove();
  });

  it('says how to build the client when it is missing', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});
