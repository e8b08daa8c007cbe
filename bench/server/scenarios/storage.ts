/**
 * Scenario 5 (Parley only: the reference server stores nothing): a simulated
 * workshop of 10,000 drops and 500 edits by 20 clients. Then everyone leaves,
 * the room unloads and Parley compacts the board's log. Stored bytes are the
 * board's log rows in the SQLite file, set against Y.encodeStateAsUpdate of
 * the board's final state (as a fresh client syncs it). The stored rows are
 * also replayed to check they hold exactly that state.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { actorsMap, relationsMap } from '../../../shared/board-doc.ts';
import { actorId, generateBoard } from '../../board-content.ts';
import { createParleyBoard, parleyHandle } from '../boards.ts';
import { ProtocolClient } from '../load/protocol-client.ts';
import { KB, type Metrics, type RunContext, sleep } from './context.ts';

const CLIENTS = 20;
const ACTORS = 100;

interface LogStats {
  rows: number;
  bytes: number;
}

function logStats(db: Database.Database, boardId: string): LogStats {
  const row = db
    .prepare<[string], { rows: number; bytes: number | null }>(
      'SELECT count(*) AS rows, sum(length(data)) AS bytes FROM board_updates WHERE board_id = ?',
    )
    .get(boardId);
  return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
}

function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += fs.statSync(file + suffix).size;
    } catch {
      // no WAL file
    }
  }
  return total;
}

export async function runStorage(ctx: RunContext): Promise<Metrics> {
  const { server, load } = ctx;
  if (server.kind !== 'parley' || !server.databaseFile)
    throw new Error('the storage scenario runs on Parley only');
  const moves = ctx.quick ? 3000 : 10_000;
  const edits = ctx.quick ? 150 : 500;
  const created = await createParleyBoard(server, generateBoard(ACTORS, 150, 51));
  const boardId = created.id;
  const url = parleyHandle(server, created).url;
  const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const connected = await load.call({
      cmd: 'connect',
      group: 'workshop',
      urls: Array<string>(CLIENTS).fill(url),
      applyRemote: false,
      applyInitial: true,
      presence: true,
      concurrency: CLIENTS,
      timeoutMs: 15_000,
    });
    if (connected.failures.length > 0) throw new Error(`workshop clients failed: ${connected.failures[0]}`);
    const workshop = await load.call({
      cmd: 'workshop',
      group: 'workshop',
      actorIds: Array.from({ length: CLIENTS }, (_, c) =>
        Array.from({ length: ACTORS }, (_, i) => i)
          .filter((i) => i % CLIENTS === c)
          .map(actorId),
      ),
      moves,
      edits,
      opsPerSecPerClient: 50,
      seed: 5,
    });
    await sleep(300);
    // The final state as a fresh client gets it (its SyncStep2 is only of committed state).
    const reader = new ProtocolClient(url, { applyRemote: false, applyInitial: true });
    await reader.synced;
    const state = Y.encodeStateAsUpdate(reader.doc);
    const stateVector = Y.encodeStateVector(reader.doc);
    const actors = actorsMap(reader.doc).size;
    const relations = relationsMap(reader.doc).size;
    reader.close();
    const beforeUnload = logStats(db, boardId);

    await load.call({ cmd: 'close', group: 'workshop' });
    // The last client left: the room unloads and compacts; wait for the log to settle on one row.
    let after = logStats(db, boardId);
    const deadline = performance.now() + 20_000;
    while (after.rows > 1 && performance.now() < deadline) {
      await sleep(100);
      after = logStats(db, boardId);
    }

    const stored = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM board_updates WHERE board_id = ? ORDER BY seq')
      .all(boardId);
    const replay = new Y.Doc();
    for (const row of stored) Y.applyUpdate(replay, new Uint8Array(row.data));
    const same =
      Buffer.compare(Buffer.from(Y.encodeStateVector(replay)), Buffer.from(stateVector)) === 0 &&
      actorsMap(replay).size === actors &&
      relationsMap(replay).size === relations;
    replay.destroy();
    if (!same) throw new Error('the stored log does not hold the board state clients synced');

    const ops = Object.values(workshop.ops).reduce((a, b) => a + b, 0);
    return {
      ops,
      workshopSec: workshop.elapsedMs / 1000,
      rowsBeforeUnload: beforeUnload.rows,
      storedKBBeforeUnload: beforeUnload.bytes / KB,
      rowsAfter: after.rows,
      storedKB: after.bytes / KB,
      stateKB: state.byteLength / KB,
      storedToState: after.bytes / state.byteLength,
      fileKB: fileBytes(server.databaseFile) / KB,
      actors,
      relations,
    };
  } finally {
    db.close();
    await load.call({ cmd: 'close', group: 'workshop' });
  }
}
