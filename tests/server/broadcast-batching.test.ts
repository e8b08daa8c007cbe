/**
 * The server's batching (issue 6): merged broadcasts, awareness batches and
 * the sync-reply cache. Behaviour only; speed is measured by `npm run bench:server`.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessBatcher } from '../../server/awareness-batcher.ts';
import { SyncReplyCache } from '../../server/sync-reply-cache.ts';
import { MAX_MERGE, mergeForBroadcast } from '../../server/update-batch.ts';
import { readBoard } from '../../shared/board-doc.ts';
import { addActor, moveActors } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

const cleanups: (() => void)[] = [];

/** [message type, then (sync) step] and the payload of a server frame. */
function readFrame(frame: Uint8Array): { type: number; step: number | null; payload: Uint8Array } {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  const step = type === 0 ? decoding.readVarUint(decoder) : null;
  return { type, step, payload: decoding.readVarUint8Array(decoder) };
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Updates that several writers make to one board, each with who made it. */
function editsFrom(writers: number, editsEach: number): { update: Uint8Array; origin: string }[] {
  const base = new Y.Doc();
  const origin = createLocalOrigin();
  for (let w = 0; w < writers; w += 1)
    addActor(base, { label: `A${w}`, kind: 'state', x: 0, y: 0 }, origin, `a${w}`);
  const baseUpdate = Y.encodeStateAsUpdate(base);
  const out: { update: Uint8Array; origin: string }[] = [{ update: baseUpdate, origin: 'base' }];
  for (let w = 0; w < writers; w += 1) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseUpdate);
    doc.on('update', (update: Uint8Array) => out.push({ update, origin: `w${w}` }));
    for (let e = 1; e <= editsEach; e += 1) moveActors(doc, [{ id: `a${w}`, x: e, y: w }], origin);
  }
  return out;
}

describe('mergeForBroadcast', () => {
  it('one message holds exactly what the separate updates hold', () => {
    const entries = editsFrom(5, 4);
    const out = mergeForBroadcast(entries);
    expect(out).toHaveLength(1);
    const separate = new Y.Doc();
    for (const e of entries) Y.applyUpdate(separate, e.update);
    const merged = new Y.Doc();
    for (const o of out) Y.applyUpdate(merged, o.update);
    expect(readBoard(merged)).toEqual(readBoard(separate));
    expect(Y.encodeStateVector(merged)).toEqual(Y.encodeStateVector(separate));
  });

  it('skips the sender only when every update of the message is its own', () => {
    const entries = editsFrom(2, 2).slice(1);
    const mine = entries.filter((e) => e.origin === 'w0');
    expect(mergeForBroadcast(mine)[0]?.origin).toBe('w0');
    expect(mergeForBroadcast(entries)[0]?.origin).toBeNull();
  });

  it('bounds each merge to MAX_MERGE updates, in order', () => {
    const [base, ...entries] = editsFrom(1, MAX_MERGE * 2 + 3);
    const out = mergeForBroadcast(entries);
    expect(out).toHaveLength(3);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base?.update as Uint8Array);
    for (const o of out) Y.applyUpdate(doc, o.update);
    expect(readBoard(doc).actors[0]?.x).toBe(MAX_MERGE * 2 + 3);
  });
});

describe('SyncReplyCache', () => {
  it('encodes the board once for any number of joiners with the same state vector, again after a change', () => {
    const doc = new Y.Doc();
    addActor(doc, { label: 'Iran', kind: 'state', x: 1, y: 2 }, createLocalOrigin(), 'iran');
    const cache = new SyncReplyCache(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = cache.reply(empty);
    for (let i = 0; i < 50; i += 1) expect(cache.reply(new Uint8Array(empty))).toBe(first);
    expect(readFrame(first)).toMatchObject({ type: 0, step: 1 }); // y-protocols: SyncStep2 is 1
    cache.clear();
    addActor(doc, { label: 'Qatar', kind: 'mediator', x: 3, y: 4 }, createLocalOrigin(), 'qatar');
    const second = cache.reply(empty);
    expect(second).not.toBe(first);
    const joined = new Y.Doc();
    Y.applyUpdate(joined, readFrame(second).payload);
    expect(readBoard(joined)).toEqual(readBoard(doc));
  });
});

describe('AwarenessBatcher', () => {
  function setup(intervalMs: number) {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const sent: { message: Uint8Array; skip: string | null }[] = [];
    const batcher = new AwarenessBatcher<string>(
      awareness,
      (message, skip) => sent.push({ message, skip }),
      intervalMs,
    );
    cleanups.push(() => {
      batcher.stop();
      awareness.destroy();
      doc.destroy();
    });
    /** Applies a client's state as if it came from `conn`. */
    const publish = (conn: string, clientId: number, clock: number, state: unknown) => {
      const encoder = new awarenessProtocol.Awareness(new Y.Doc());
      encoder.clientID = clientId;
      encoder.meta.set(clientId, { clock, lastUpdated: 0 });
      encoder.states.set(clientId, state as Record<string, unknown>);
      const update = awarenessProtocol.encodeAwarenessUpdate(encoder, [clientId]);
      encoder.destroy();
      awarenessProtocol.applyAwarenessUpdate(awareness, update, conn);
    };
    awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => batcher.add(added.concat(updated, removed), typeof origin === 'string' ? origin : null),
    );
    /** What a receiver learns from the messages sent so far. */
    const received = () => {
      const receiver = new awarenessProtocol.Awareness(new Y.Doc());
      cleanups.push(() => receiver.destroy());
      for (const { message } of sent) {
        const { type, payload } = readFrame(message);
        expect(type).toBe(1);
        awarenessProtocol.applyAwarenessUpdate(receiver, payload, 'server');
      }
      return receiver.getStates();
    };
    return { sent, publish, received };
  }

  it('sends many changes within an interval as one message with the latest state of each client', async () => {
    const { sent, publish, received } = setup(500);
    publish('a', 11, 1, { cursor: { x: 0, y: 0 } });
    await waitUntil(() => sent.length === 1); // the first change after quiet goes out at once
    for (let i = 1; i <= 5; i += 1) {
      publish('a', 11, 1 + i, { cursor: { x: i, y: 0 } });
      publish('b', 22, i, { cursor: { x: 0, y: i } });
    }
    // Ten changes, one message: the next batch leaves once the interval is over.
    await waitUntil(() => sent.length === 2, { timeoutMs: 3000 });
    await sleep(20);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.skip).toBeNull();
    const states = received();
    expect(states.get(11)).toEqual({ cursor: { x: 5, y: 0 } });
    expect(states.get(22)).toEqual({ cursor: { x: 0, y: 5 } });
  });

  it('does not echo a batch to the one connection all of it came from', async () => {
    const { sent, publish } = setup(10);
    publish('a', 11, 1, { cursor: { x: 1, y: 1 } });
    await waitUntil(() => sent.length === 1);
    expect(sent[0]?.skip).toBe('a');
  });
});
