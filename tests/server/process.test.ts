/** The real entry point as its own process: kill -9, SIGTERM and bad configuration. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { actorsMap, readActors, readBoard } from '../../shared/board-doc.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates } from '../helpers/board-updates.ts';
import { cleanupAfterEach } from '../helpers/cleanups.ts';
import { syncedClient, type TestClient } from '../helpers/clients.ts';
import { createBoard } from '../helpers/http.ts';
import { type SpawnedServer, spawnKilledAfterTest } from '../helpers/spawn-server.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { waitUntil } from '../helpers/wait.ts';

const cleanups = cleanupAfterEach();

const spawnTracked = (dataDir: string): Promise<SpawnedServer> => spawnKilledAfterTest(cleanups, { dataDir });

function tracked(client: TestClient): TestClient {
  cleanups.push(() => client.destroy());
  return client;
}

describe('server process', () => {
  it('an edit another client has seen survives kill -9', async () => {
    const tmp = await makeTempDir();
    cleanups.push(() => tmp.remove());
    const first = await spawnTracked(tmp.dir);
    const board = await createBoard(first.url, { title: 'Kill test' });
    const token = board.editToken;
    const a = tracked(await syncedClient(first.wsUrl, board.id, { token, reconnect: false }));
    const b = tracked(await syncedClient(first.wsUrl, board.id, { token, reconnect: false }));

    // b kills the server the moment it sees the 15th edit; a keeps editing meanwhile.
    let seenAtKill: string[] | null = null;
    b.doc.on('update', () => {
      if (seenAtKill === null && actorsMap(b.doc).has('k15')) {
        first.kill('SIGKILL');
        seenAtKill = [...actorsMap(b.doc).keys()];
      }
    });
    const origin = createLocalOrigin();
    for (let i = 0; i < 40 && seenAtKill === null; i += 1) {
      addActor(a.doc, { label: `edit ${i}`, kind: 'other', x: i, y: i }, origin, `k${i}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitUntil(() => seenAtKill, { what: 'b to see edit 15' });
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await spawnTracked(tmp.dir);
    const c = tracked(await syncedClient(second.wsUrl, board.id, { token }));
    const after = new Set(readActors(c.doc).map((x) => x.id));
    expect(seenAtKill ?? []).not.toHaveLength(0);
    for (const id of seenAtKill ?? []) expect(after.has(id), `edit ${id} was seen and lost`).toBe(true);
    expect(readBoard(c.doc).meta.title).toBe('Kill test');
  });

  it('SIGTERM closes clients with 1001, commits and exits 0', async () => {
    const tmp = await makeTempDir();
    cleanups.push(() => tmp.remove());
    const server = await spawnTracked(tmp.dir);
    const board = await createBoard(server.url, { title: 'Graceful' });
    const token = board.editToken;
    const a = tracked(await syncedClient(server.wsUrl, board.id, { token, reconnect: false }));
    const b = tracked(await syncedClient(server.wsUrl, board.id, { token, reconnect: false }));
    addActor(a.doc, { label: 'Before shutdown', kind: 'state', x: 0, y: 0 }, createLocalOrigin(), 'kept');
    await waitUntil(() => readActors(b.doc).length === 1);
    server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect((await a.nextClose(0)).code).toBe(1001);
    expect(server.logs.some((l) => l.msg === 'stopped' && l.code === 0)).toBe(true);
    const storage = new SqliteBoardStorage(path.join(tmp.dir, 'parley.db'));
    const board2 = boardFromUpdates((await storage.loadUpdates(board.id)) ?? []);
    await storage.close();
    expect(board2.actors.map((x) => x.id)).toEqual(['kept']);
  });

  it('refuses to start with an invalid environment, saying which variable is wrong', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT/);
  });
});
