/**
 * Churn: thousands of connect/disconnect cycles across many boards. Every
 * room unloads when its last client leaves, and the server's heap returns
 * near where it started (measured after a full GC, in this process, which
 * runs the server).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawSocket, syncFrame } from '../helpers/clients.ts';
import { actorUpdate, awarenessFrame, readServerFrame } from '../helpers/frames.ts';
import { type CreatedBoard, createBoard } from '../helpers/http.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const BOARDS = 40;
const CYCLES = 3000;
const CONCURRENCY = 25;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await sleep(20);
  }
  return process.memoryUsage().heapUsed;
}

let server: TestServer;
let tmp: { dir: string; remove(): Promise<void> };
let boards: CreatedBoard[];

beforeAll(async () => {
  tmp = await makeTempDir('parley-churn-');
  server = await startTestServer({ dataDir: tmp.dir });
  boards = [];
  for (let i = 0; i < BOARDS; i += 1)
    boards.push(await createBoard(server.url, { template: 'us-iran-2026' }));
});
afterAll(async () => {
  await server.close();
  await tmp.remove();
});

/** One client's visit: join, sync, publish presence, maybe edit, leave. */
async function visit(n: number): Promise<void> {
  const board = boards[n % BOARDS] as CreatedBoard;
  const socket = openRawSocket(server.wsUrl, board.id, n % 4 === 0 ? board.viewToken : board.editToken);
  await socket.opened;
  socket.send(syncFrame('step1', new Uint8Array([0])));
  socket.send(
    awarenessFrame([
      { clientId: 100_000 + n, clock: 1, state: { user: { name: `v${n}`, color: '#112233' } } },
    ]),
  );
  if (n % 10 === 5) socket.send(syncFrame('update', actorUpdate(`visitor ${n}`)));
  await waitUntil(() => socket.received.some((m) => readServerFrame(m).kind === 'step2'), { intervalMs: 2 });
  socket.close();
  await socket.closed;
}

async function churn(from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) {
        const n = next;
        next += 1;
        await visit(n);
      }
    }),
  );
}

async function settled(): Promise<void> {
  const registry = server.server.registry;
  await waitUntil(() => registry.roomCount === 0 && registry.connectionCount === 0, {
    what: 'every room to unload',
    timeoutMs: 15_000,
  });
}

describe('churn', () => {
  it(`${CYCLES} connect/disconnect cycles over ${BOARDS} boards: rooms unload, the heap returns near baseline`, async () => {
    // Warm up (JIT, pools, first loads), then take the baseline.
    await churn(0, 200);
    await settled();
    const baseline = await heapAfterGc();

    const started = performance.now();
    let peakRooms = 0;
    const sampler = setInterval(() => {
      peakRooms = Math.max(peakRooms, server.server.registry.roomCount);
    }, 10);
    await churn(200, 200 + CYCLES);
    clearInterval(sampler);
    const churnMs = performance.now() - started;
    const during = process.memoryUsage().heapUsed;
    await settled();
    const after = await heapAfterGc();

    const MB = 1024 * 1024;
    console.info(
      `churn: ${CYCLES} cycles in ${Math.round(churnMs)} ms, up to ${peakRooms} rooms open; heapUsed baseline ` +
        `${(baseline / MB).toFixed(1)} MB, at the end of churn ${(during / MB).toFixed(1)} MB, after unload+GC ` +
        `${(after / MB).toFixed(1)} MB (${((after - baseline) / MB).toFixed(2)} MB over baseline)`,
    );
    expect(peakRooms).toBeGreaterThan(5);
    // Loose: a leak of a room or a connection per cycle would be tens of MB here.
    expect(after - baseline).toBeLessThan(4 * MB);
  });
});
