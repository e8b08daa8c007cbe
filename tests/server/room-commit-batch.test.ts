/**
 * Client updates are applied once per commit, in one transaction (issue 6):
 * what several clients send within one commit interval becomes one stored row
 * and one broadcast, while each update is still checked and blamed on its own
 * sender, and nothing reads the board without what was sent before.
 * A Room with the in-memory storage and sockets as the Room sees them ({send, close}).
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Connection } from '../../server/connection.ts';
import { GroupCommitter } from '../../server/group-commit.ts';
import { Room } from '../../server/room.ts';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { readActors } from '../../shared/board-doc.ts';
import { syncFrame } from '../helpers/clients.ts';
import { actorUpdate, readServerFrame } from '../helpers/frames.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { waitUntil } from '../helpers/wait.ts';

interface FakeClient {
  conn: Connection;
  frames: Uint8Array[];
  closed: { code: number; reason: string } | null;
}

const rooms: Room[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.dispose();
});

async function openRoom(intervalMs = 60) {
  const storage = new InstrumentedStorage(new MemoryBoardStorage());
  await storage.createBoard({ id: 'b', title: 'b' });
  const logger = pino({ level: 'silent' });
  const committer = new GroupCommitter(storage, logger, { minIntervalMs: intervalMs });
  const room = new Room('b', new Y.Doc(), 0, committer, logger, { onEmpty: () => {}, onCommitted: () => {} });
  rooms.push(room);
  const join = (): FakeClient => {
    const client: FakeClient = { conn: null as unknown as Connection, frames: [], closed: null };
    client.conn = new Connection(
      'b',
      {
        send: (data) => client.frames.push(data),
        close: (code, reason) => {
          client.closed = { code, reason };
        },
      },
      'edit',
    );
    room.addConnection(client.conn);
    client.frames.length = 0; // the server's SyncStep1
    return client;
  };
  return { storage, room, join };
}

const updatesIn = (client: FakeClient) =>
  client.frames.map(readServerFrame).filter((f) => f.kind === 'update' || f.kind === 'step2');

const labelsOf = (payloads: Uint8Array[]): string[] => {
  const doc = new Y.Doc();
  for (const payload of payloads) Y.applyUpdate(doc, payload);
  return readActors(doc)
    .map((a) => a.label)
    .sort();
};

describe('room: client updates are applied once per commit', () => {
  it('edits from several clients in one interval are one stored row and one broadcast', async () => {
    const { storage, room, join } = await openRoom();
    const [a, b, c, watcher] = [join(), join(), join(), join()];
    for (const [client, label] of [
      [a, 'A'],
      [b, 'B'],
      [c, 'C'],
    ] as const) {
      room.receive(client.conn, syncFrame('update', actorUpdate(label)));
    }
    // Received but not applied yet: still pending, and nothing is shown.
    expect(room.hasUncommitted).toBe(true);
    expect(watcher.frames).toHaveLength(0);
    await room.whenCommitted();
    expect(storage.appendedBatches).toHaveLength(1);
    expect(storage.appendedBatches[0]?.[0]?.updates).toHaveLength(1);
    const shown = updatesIn(watcher);
    expect(shown).toHaveLength(1);
    expect(labelsOf(shown.map((f) => ('payload' in f ? f.payload : new Uint8Array())))).toEqual([
      'A',
      'B',
      'C',
    ]);
    // Mixed senders: everyone gets the one message (Yjs ignores what a client already has).
    expect(updatesIn(a)).toHaveLength(1);
    expect(readActors(room.doc)).toHaveLength(3);
  });

  it('does not echo a commit to the one client all of it came from', async () => {
    const { room, join } = await openRoom();
    const [a, watcher] = [join(), join()];
    room.receive(a.conn, syncFrame('update', actorUpdate('A1')));
    room.receive(a.conn, syncFrame('update', actorUpdate('A2')));
    await room.whenCommitted();
    expect(updatesIn(a)).toHaveLength(0);
    expect(updatesIn(watcher)).toHaveLength(1);
  });

  it('a malformed update closes only its sender; the others in the same commit land', async () => {
    const { storage, room, join } = await openRoom();
    const [a, bad, b, watcher] = [join(), join(), join(), join()];
    room.receive(a.conn, syncFrame('update', actorUpdate('A')));
    room.receive(bad.conn, syncFrame('update', new Uint8Array([1, 200, 7, 3, 3, 3])));
    room.receive(bad.conn, syncFrame('update', actorUpdate('after the bad one')));
    room.receive(b.conn, syncFrame('update', actorUpdate('B')));
    await room.whenCommitted();
    expect(bad.closed?.code).toBe(1007);
    expect(a.closed).toBeNull();
    expect(b.closed).toBeNull();
    expect(
      readActors(room.doc)
        .map((x) => x.label)
        .sort(),
    ).toEqual(['A', 'B']);
    const stored = (await storage.inner.loadUpdates('b')) ?? [];
    expect(labelsOf(stored)).toEqual(['A', 'B']);
    expect(labelsOf(updatesIn(watcher).map((f) => ('payload' in f ? f.payload : new Uint8Array())))).toEqual([
      'A',
      'B',
    ]);
  });

  it('a sync reply holds what was sent before it, and waits until that is committed', async () => {
    const { room, join } = await openRoom(300);
    const [a, late] = [join(), join()];
    // Commit once so the next edit waits for the (long) interval.
    room.receive(a.conn, syncFrame('update', actorUpdate('first')));
    await room.whenCommitted();
    room.receive(a.conn, syncFrame('update', actorUpdate('second')));
    room.receive(late.conn, syncFrame('step1', Y.encodeStateVector(new Y.Doc())));
    // Applied for the reply, but not yet durable: the reply is held.
    expect(readActors(room.doc)).toHaveLength(2);
    expect(late.frames.map(readServerFrame).filter((f) => f.kind === 'step2')).toHaveLength(0);
    await room.whenCommitted();
    await waitUntil(() => late.frames.map(readServerFrame).some((f) => f.kind === 'step2'));
    const reply = late.frames.map(readServerFrame).find((f) => f.kind === 'step2');
    expect(labelsOf(reply && 'payload' in reply ? [reply.payload] : [])).toEqual(['first', 'second']);
  });

  it('a client that leaves before the commit still has its last edits kept', async () => {
    const { storage, room, join } = await openRoom(300);
    const [a, b] = [join(), join()];
    room.receive(a.conn, syncFrame('update', actorUpdate('first')));
    await room.whenCommitted();
    room.receive(a.conn, syncFrame('update', actorUpdate('sent, then left')));
    room.removeConnection(a.conn);
    expect(room.hasUncommitted).toBe(true);
    await room.whenCommitted();
    expect(labelsOf((await storage.inner.loadUpdates('b')) ?? [])).toEqual(['first', 'sent, then left']);
    expect(labelsOf(updatesIn(b).map((f) => ('payload' in f ? f.payload : new Uint8Array())))).toEqual([
      'first',
      'sent, then left',
    ]);
  });
});
