/**
 * Repeated kill -9 of a real server process while clients edit: after each
 * restart on the same data directory, every edit that another client had
 * seen before the kill is there.
 */
import { describe, expect, it } from 'vitest';
import { actorsMap, readActors } from '../../shared/board-doc.ts';
import { addActor, moveActors } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { cleanupAfterEach } from '../helpers/cleanups.ts';
import { syncedClient, type TestClient } from '../helpers/clients.ts';
import { createBoard } from '../helpers/http.ts';
import { type SpawnedServer, spawnKilledAfterTest } from '../helpers/spawn-server.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { sleep } from '../helpers/wait.ts';

const ROUNDS = 4;

const cleanups = cleanupAfterEach();

const spawnTracked = (dataDir: string): Promise<SpawnedServer> => spawnKilledAfterTest(cleanups, { dataDir });

describe('kill -9, again and again', () => {
  it(`${ROUNDS} SIGKILLs while two clients edit: nothing another client saw is ever lost`, async () => {
    const tmp = await makeTempDir('parley-kill-');
    cleanups.push(() => tmp.remove());
    let server = await spawnTracked(tmp.dir);
    const board = await createBoard(server.url, { title: 'Kill loop' });
    const token = board.editToken;
    /** Every actor id the observer has seen, over all rounds. */
    const seen = new Set<string>();
    const delays = [150, 320, 90, 240];

    for (let round = 0; round < ROUNDS; round += 1) {
      const writer: TestClient = await syncedClient(server.wsUrl, board.id, { token, reconnect: false });
      const observer: TestClient = await syncedClient(server.wsUrl, board.id, { token, reconnect: false });
      // Restarted: everything seen before any earlier kill is here.
      const present = new Set(readActors(observer.doc).map((a) => a.id));
      for (const id of seen) expect(present.has(id), `round ${round}: seen edit ${id} lost`).toBe(true);

      let killed = false;
      observer.doc.on('update', () => {
        if (!killed) for (const id of actorsMap(observer.doc).keys()) seen.add(id);
      });
      const origin = createLocalOrigin();
      const editing = (async () => {
        for (let i = 0; !killed; i += 1) {
          const id = addActor(
            writer.doc,
            { label: `r${round} e${i}`, kind: 'other', x: i, y: round },
            origin,
          );
          if (i % 2 === 1) moveActors(writer.doc, [{ id, x: -i, y: -round }], origin);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await sleep(delays[round % delays.length] as number);
      // Stop counting first: from here on what the observer gets may still be in flight when the process dies.
      killed = true;
      server.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      await editing;
      writer.destroy();
      observer.destroy();
      server = await spawnTracked(tmp.dir);
    }

    const final = await syncedClient(server.wsUrl, board.id, { token });
    cleanups.push(() => final.destroy());
    const ids = new Set(readActors(final.doc).map((a) => a.id));
    for (const id of seen) expect(ids.has(id), `seen edit ${id} lost`).toBe(true);
    expect(seen.size).toBeGreaterThan(ROUNDS * 5);
    console.info(
      `kill loop: ${ROUNDS} kills, ${seen.size} seen edits, all present; board has ${ids.size} actors`,
    );
  });
});
