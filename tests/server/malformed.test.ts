import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActors } from '../../shared/board-doc.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates, recordingDoc } from '../helpers/board-updates.ts';
import { openRawSocket, syncedClient, syncFrame, type TestClient } from '../helpers/clients.ts';
import { createBoard, requestJson } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitUntil } from '../helpers/wait.ts';

const MAX_PAYLOAD = 64 * 1024;

let server: TestServer;
let boardId: string;
let otherBoardId: string;
let token: string;
let a: TestClient;
let b: TestClient;
let elsewhere: TestClient;

/** A deterministic byte source, so a failure here can be replayed. */
function seededBytes(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
}

beforeAll(async () => {
  server = await startTestServer({ options: { maxPayload: MAX_PAYLOAD } });
  const target = await createBoard(server.url, { title: 'Target' });
  const other = await createBoard(server.url, { title: 'Bystander' });
  boardId = target.id;
  token = target.editToken;
  otherBoardId = other.id;
  a = await syncedClient(server.wsUrl, boardId, { token });
  b = await syncedClient(server.wsUrl, boardId, { token });
  elsewhere = await syncedClient(server.wsUrl, otherBoardId, { token: other.editToken });
});

afterAll(async () => {
  for (const c of [a, b, elsewhere]) c.destroy();
  await server.close();
});

/** Sends one bad frame on a fresh socket; returns how the server closed it. */
async function sendBad(data: Uint8Array | string): Promise<{ code: number; reason: string }> {
  const raw = openRawSocket(server.wsUrl, boardId, token);
  await raw.opened;
  raw.ws.send(data);
  return raw.closed;
}

/** Sends a frame that may or may not be valid, then asks for awareness: a live socket answers. */
async function sendMaybeBad(data: Uint8Array): Promise<string> {
  const raw = openRawSocket(server.wsUrl, boardId, token);
  await raw.opened;
  raw.send(data);
  raw.send(new Uint8Array([3]));
  const outcome = await Promise.race([
    raw.closed.then((c) => `closed ${c.code}`),
    waitUntil(() => raw.received.some((m) => m[0] === 1), { timeoutMs: 3000 }).then(() => 'alive'),
  ]);
  raw.close();
  return outcome;
}

let editCount = 0;
/** The healthy clients still edit and converge, on this board and on another. */
async function othersStillWork(): Promise<void> {
  editCount += 1;
  const label = `after bad frame ${editCount}`;
  addActor(a.doc, { label, kind: 'other', x: editCount, y: 0 }, createLocalOrigin());
  addActor(elsewhere.doc, { label, kind: 'other', x: editCount, y: 0 }, createLocalOrigin());
  await waitUntil(() => readActors(b.doc).some((x) => x.label === label), { what: `${label} on b` });
  await waitUntil(() => readActors(elsewhere.doc).some((x) => x.label === label));
  expect(a.closes).toEqual([]);
  expect(b.closes).toEqual([]);
  expect(elsewhere.closes).toEqual([]);
}

describe('malformed frames close only the connection that sent them', () => {
  it('random bytes, random Yjs updates and mutated valid updates', async () => {
    const { doc, updates } = recordingDoc();
    addActor(doc, { label: 'Valid', kind: 'state', x: 1, y: 2, stance: 'a stance' }, createLocalOrigin());
    const valid = updates[0] as Uint8Array;
    const outcomes = new Map<string, number>();
    for (let seed = 1; seed <= 40; seed += 1) {
      const noise = seededBytes(seed, 1 + ((seed * 37) % 200));
      const mutated = valid.slice();
      for (let i = 0; i < 3; i += 1) {
        const at = (noise[i] ?? 0) % mutated.length;
        mutated[at] = noise[i + 3] ?? 0;
      }
      for (const data of [noise, syncFrame('update', noise), syncFrame('update', mutated)]) {
        const outcome = await sendMaybeBad(data);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
    // Whatever was not rejected was a decodable update; nothing else is acceptable.
    expect([...outcomes.keys()].every((o) => o === 'closed 1007' || o === 'alive')).toBe(true);
    expect(outcomes.get('closed 1007') ?? 0).toBeGreaterThan(60);
    doc.destroy();
    await othersStillWork();
    // What the server stored is still a loadable board, and a new client syncs with it.
    const stored = (await server.storage.loadUpdates(boardId)) ?? [];
    expect(() => boardFromUpdates(stored)).not.toThrow();
    const late = await syncedClient(server.wsUrl, boardId, { token });
    expect(readActors(late.doc).length).toBe(readActors(a.doc).length);
    late.destroy();
  });

  it('a truncated sync update', async () => {
    const doc = new (await import('yjs')).Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    addActor(doc, { label: 'Truncated', kind: 'state', x: 0, y: 0 }, createLocalOrigin());
    const full = syncFrame('update', updates[0] as Uint8Array);
    expect(await sendBad(full.slice(0, full.length - 5))).toEqual({
      code: 1007,
      reason: 'malformed message',
    });
    // A complete frame whose Yjs update is cut short inside.
    const innerCut = syncFrame('update', (updates[0] as Uint8Array).slice(0, 12));
    expect((await sendBad(innerCut)).code).toBe(1007);
    doc.destroy();
    await othersStillWork();
    expect(readActors(b.doc).some((x) => x.label === 'Truncated')).toBe(false);
  });

  it('unknown message and sync types, trailing bytes, bad state vectors, empty frames', async () => {
    const cases: Uint8Array[] = [
      new Uint8Array([]),
      frame((e) => encoding.writeVarUint(e, 9)),
      frame((e) => encoding.writeVarUint(e, 2)), // auth: clients do not send it
      frame(
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint(e, 7),
        (e) => encoding.writeVarUint8Array(e, new Uint8Array([0])),
      ),
      frame(
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 1])),
      ),
      frame(
        (e) => encoding.writeVarUint(e, 3),
        (e) => encoding.writeVarUint(e, 3),
      ),
      frame(
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint(e, 2),
        (e) => encoding.writeVarUint(e, 1_000_000),
      ),
    ];
    for (const data of cases) expect((await sendBad(data)).code).toBe(1007);
    await othersStillWork();
  });

  it('awareness updates that do not parse', async () => {
    const badJson = frame(
      (e) => encoding.writeVarUint(e, 1),
      (e) =>
        encoding.writeVarUint8Array(
          e,
          frame(
            (i) => encoding.writeVarUint(i, 1),
            (i) => encoding.writeVarUint(i, 12345),
            (i) => encoding.writeVarUint(i, 1),
            (i) => encoding.writeVarString(i, '{not json'),
          ),
        ),
    );
    const truncated = frame(
      (e) => encoding.writeVarUint(e, 1),
      (e) => encoding.writeVarUint8Array(e, new Uint8Array([3, 1])),
    );
    expect((await sendBad(badJson)).code).toBe(1007);
    expect((await sendBad(truncated)).code).toBe(1007);
    await othersStillWork();
    expect(b.provider.awareness.getStates().has(12345)).toBe(false);
  });

  it('text frames', async () => {
    expect(await sendBad('hello')).toEqual({ code: 1007, reason: 'binary messages only' });
    await othersStillWork();
  });

  it('frames above maxPayload close with 1009', async () => {
    expect((await sendBad(new Uint8Array(MAX_PAYLOAD + 1))).code).toBe(1009);
    await othersStillWork();
  });

  it('leaves the server healthy', async () => {
    const health = await requestJson<{ ok: boolean }>(`${server.url}/api/health`);
    expect(health.body.ok).toBe(true);
  });
});
