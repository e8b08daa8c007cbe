/**
 * Fuzz: more than 10,000 malformed or mutated frames (random bytes, truncated
 * messages, mutated valid updates and awareness, huge lengths, unknown types)
 * at one board, from edit and view links, while two clients edit another
 * board and an honest client edits the fuzzed one. The server stays up, never
 * fails internally (1011), the other board converges, and the fuzzed board's
 * stored state still loads and holds the honest edits. Seeded: a failure
 * replays with the same seed.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readActors, readBoard } from '../../shared/board-doc.ts';
import { addActor, moveActors, updateActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates, recordingDoc } from '../helpers/board-updates.ts';
import { openRawSocket, type RawSocket, syncedClient, syncFrame } from '../helpers/clients.ts';
import { awarenessFrame } from '../helpers/frames.ts';
import { createBoard, requestJson } from '../helpers/http.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const SEED = 20260;
const FRAMES = 10_000;
const CONCURRENT_SOCKETS = 8;
const FRAMES_PER_SOCKET = 12;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid material to mutate: real updates of a growing board and real awareness messages. */
function material(): { updates: Uint8Array[]; awareness: Uint8Array[] } {
  const { doc, updates } = recordingDoc();
  const origin = createLocalOrigin();
  for (let i = 0; i < 20; i += 1) {
    const id = addActor(doc, { label: `Seed ${i}`, kind: 'state', x: i, y: i, stance: 'firm' }, origin);
    updateActor(doc, id, { notes: `note ${i}` }, origin);
    moveActors(doc, [{ id, x: i * 10, y: 5 }], origin);
  }
  doc.destroy();
  const awareness = Array.from({ length: 10 }, (_, i) =>
    awarenessFrame([
      { clientId: 9000 + i, clock: i + 1, state: { user: { name: `F${i}`, color: '#abcdef' } } },
    ]),
  );
  return { updates, awareness };
}

function makeFrameSource(random: () => number) {
  const { updates, awareness } = material();
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: T[]) => xs[int(xs.length)] as T;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const mutate = (data: Uint8Array) => {
    const out = data.slice();
    const flips = 1 + int(4);
    for (let i = 0; i < flips && out.length > 0; i += 1) out[int(out.length)] = int(256);
    return out;
  };
  const hugeLength = () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, int(2));
    if (random() < 0.5) encoding.writeVarUint(e, int(3));
    encoding.writeVarUint(e, 2 ** 31 + int(2 ** 20));
    encoding.writeUint8Array(e, bytes(int(16)));
    return encoding.toUint8Array(e);
  };
  const kinds: (() => Uint8Array)[] = [
    () => bytes(int(80)),
    () => mutate(syncFrame('update', pick(updates))),
    () => syncFrame('update', mutate(pick(updates))),
    () => syncFrame('step2', mutate(pick(updates))),
    () => {
      const frame = syncFrame('update', pick(updates));
      return frame.slice(0, int(frame.length));
    },
    () => hugeLength(),
    () => mutate(pick(awareness)),
    () => {
      const frame = pick(awareness);
      return frame.slice(0, 1 + int(frame.length - 1));
    },
    () => syncFrame('step1', bytes(int(12))),
    () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 4 + int(1000));
      encoding.writeUint8Array(e, bytes(int(8)));
      return encoding.toUint8Array(e);
    },
    // Well-formed but out of order: an update whose dependencies were never sent.
    () => syncFrame('update', pick(updates.slice(1))),
  ];
  return () => pick(kinds)();
}

let server: TestServer;
let tmp: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  tmp = await makeTempDir('parley-fuzz-');
  server = await startTestServer({ dataDir: tmp.dir });
});
afterAll(async () => {
  await server.close();
  await tmp.remove();
});

describe('fuzz', () => {
  it(`survives ${FRAMES} malformed and mutated frames at one board while another converges (seed ${SEED})`, async () => {
    const fuzzed = await createBoard(server.url, { title: 'Fuzzed' });
    const other = await createBoard(server.url, { title: 'Bystander' });
    const a = await syncedClient(server.wsUrl, other.id, { token: other.editToken });
    const b = await syncedClient(server.wsUrl, other.id, { token: other.editToken });
    const honest = await syncedClient(server.wsUrl, fuzzed.id, { token: fuzzed.editToken });

    let fuzzing = true;
    const editors = [a, b].map(async (client, n) => {
      const origin = createLocalOrigin();
      const ids: string[] = [];
      for (let i = 0; fuzzing; i += 1) {
        if (ids.length < 15 || i % 3 === 0)
          ids.push(addActor(client.doc, { label: `E${n}-${i}`, kind: 'other', x: i, y: n }, origin));
        else moveActors(client.doc, [{ id: ids[i % ids.length] as string, x: i, y: i }], origin);
        await sleep(15);
      }
    });
    const honestLabels: string[] = [];
    const honestEdits = (async () => {
      const origin = createLocalOrigin();
      for (let i = 0; fuzzing; i += 1) {
        const label = `Honest ${i}`;
        addActor(honest.doc, { label, kind: 'person', x: i, y: 0 }, origin);
        honestLabels.push(label);
        await sleep(60);
      }
    })();

    const next = makeFrameSource(mulberry32(SEED));
    const closes = new Map<number, number>();
    let sent = 0;
    let sockets = 0;
    const worker = async (w: number) => {
      while (sent < FRAMES) {
        const token = w % 3 === 0 ? fuzzed.viewToken : fuzzed.editToken;
        const socket: RawSocket = openRawSocket(server.wsUrl, fuzzed.id, token);
        sockets += 1;
        try {
          await socket.opened;
        } catch {
          continue;
        }
        let closed = false;
        void socket.closed.then(({ code }) => {
          closed = true;
          closes.set(code, (closes.get(code) ?? 0) + 1);
        });
        for (let i = 0; i < FRAMES_PER_SOCKET && !closed && sent < FRAMES; i += 1) {
          socket.send(next());
          sent += 1;
          if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
        }
        await Promise.race([socket.closed, sleep(20)]);
        socket.close();
        await socket.closed;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT_SOCKETS }, (_, w) => worker(w)));
    const fuzzMs = performance.now() - started;
    fuzzing = false;
    await Promise.all([...editors, honestEdits]);

    console.info(
      `fuzz: ${sent} frames over ${sockets} sockets in ${Math.round(fuzzMs)} ms; closes by code: ${JSON.stringify(Object.fromEntries(closes))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(FRAMES);
    // Bad input is refused as bad input; nothing reached an internal error.
    expect(closes.get(1011) ?? 0).toBe(0);
    expect([...closes.keys()].every((code) => [1000, 1005, 1007, 1009, 1013].includes(code))).toBe(true);
    expect(closes.get(1007) ?? 0).toBeGreaterThan(100);

    // The other board's editors were never disturbed and converge.
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    await waitUntil(() => JSON.stringify(readBoard(a.doc)) === JSON.stringify(readBoard(b.doc)), {
      what: 'the other board to converge',
    });
    expect(readActors(a.doc).length).toBeGreaterThan(20);

    // The fuzzed board: the honest client stayed connected, its edits are stored, the stored log loads.
    expect(honest.closes).toEqual([]);
    const room = server.server.registry.peek(fuzzed.id);
    expect(room?.doc.store.pendingStructs).toBeNull();
    await room?.whenCommitted();
    const stored = (await server.storage.loadUpdates(fuzzed.id)) ?? [];
    const board = boardFromUpdates(stored);
    const labels = new Set(board.actors.map((x) => x.label));
    for (const label of honestLabels) expect(labels.has(label), `${label} stored`).toBe(true);
    const fresh = await syncedClient(server.wsUrl, fuzzed.id, { token: fuzzed.viewToken });
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(room?.doc as Y.Doc));
    fresh.destroy();

    const health = await requestJson<{ ok: boolean }>(`${server.url}/api/health`);
    expect(health.body.ok).toBe(true);
    for (const c of [a, b, honest]) c.destroy();
  });
});
