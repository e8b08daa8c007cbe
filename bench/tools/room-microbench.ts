/**
 * `tsx bench/tools/room-microbench.ts`: CPU cost of Parley's Room.receive for
 * actor drops from 40 clients, in process (fake sockets, memory storage),
 * next to a bare Y.applyUpdate of the same updates: what the server adds
 * per update beyond Yjs itself, without network noise.
 */
import pino from 'pino';
import * as Y from 'yjs';
import { Connection } from '../../server/connection.ts';
import { GroupCommitter } from '../../server/group-commit.ts';
import { Room } from '../../server/room.ts';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { moveActors } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { actorId, boardUpdate, generateBoard } from '../board-content.ts';
import { updateFrame } from '../server/load/wire.ts';

const CLIENTS = 40;
const ROUNDS = 200;
const base = boardUpdate(generateBoard(200, 400, 11));

/** The frames 40 clients send when each drops its own actor ROUNDS times. */
function makeFrames(): { conn: number; frame: Uint8Array }[] {
  const docs = Array.from({ length: CLIENTS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    return doc;
  });
  const origin = createLocalOrigin();
  const frames: { conn: number; frame: Uint8Array }[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    docs.forEach((doc, i) => {
      const listener = (u: Uint8Array): void => {
        frames.push({ conn: i, frame: updateFrame(u) });
      };
      doc.on('update', listener);
      moveActors(doc, [{ id: actorId(i), x: r * 10 + i + 7, y: r + 3 }], origin);
      doc.off('update', listener);
    });
  }
  return frames;
}

async function roomRun(frames: { conn: number; frame: Uint8Array }[]): Promise<number> {
  const storage = new MemoryBoardStorage();
  const logger = pino({ level: 'silent' });
  const committer = new GroupCommitter(storage, logger);
  await storage.createBoard({ id: 'b', title: 'b', initialUpdate: base });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const room = new Room('b', doc, 1, committer, logger, { onEmpty: () => {}, onCommitted: () => {} });
  let sent = 0;
  const conns = Array.from(
    { length: CLIENTS },
    () =>
      new Connection(
        'b',
        {
          send: () => {
            sent += 1;
          },
          close: () => {},
        },
        'edit',
        false,
      ),
  );
  for (const conn of conns) room.addConnection(conn);
  const t = performance.now();
  // Received updates are applied once per commit; apply every 40 (one interval's worth at this load).
  frames.forEach(({ conn, frame }, i) => {
    room.receive(conns[conn] as Connection, frame);
    if (i % CLIENTS === CLIENTS - 1) room.applyIncoming();
  });
  room.applyIncoming();
  const elapsed = performance.now() - t;
  await committer.flush();
  room.dispose();
  if (sent === 0) throw new Error('the room broadcast nothing');
  return (1000 * elapsed) / frames.length;
}

function bareRun(frames: { conn: number; frame: Uint8Array }[]): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  doc.on('update', () => {});
  const t = performance.now();
  // The update payload starts after [0, 2, varuint length]: decode it the way lib0 would.
  for (const { frame } of frames) Y.applyUpdate(doc, frame.subarray((frame[2] ?? 0) < 128 ? 3 : 4));
  return (1000 * (performance.now() - t)) / frames.length;
}

const frames = makeFrames();
for (let i = 0; i < 3; i += 1) {
  const bare = bareRun(frames);
  const room = await roomRun(frames);
  process.stdout.write(
    `bare Y.applyUpdate ${bare.toFixed(1)} µs/update · Room.receive ${room.toFixed(1)} µs/update\n`,
  );
}
