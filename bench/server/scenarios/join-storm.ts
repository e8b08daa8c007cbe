/**
 * Scenario 4: 100 clients join a 2,000-actor / 4,000-relation board at the
 * same moment. Each sends SyncStep1 and its presence, as a provider does;
 * "synced" is when its SyncStep2 (the whole board) has arrived. Server RSS is
 * sampled every 20 ms for the peak; server CPU per join is set against what
 * one full encoding of the board costs (measured here), which shows whether
 * the server encodes the board once or per joining client.
 */
import * as Y from 'yjs';
import { boardUpdate, generateBoard } from '../../board-content.ts';
import { median, quantile } from '../../stats.ts';
import { createBoard, syncedCounts } from '../boards.ts';
import { RssSampler, readCpuMs, readRssBytes } from '../proc-stats.ts';
import { MB, type Metrics, type RunContext, sleep } from './context.ts';

const JOINERS = 100;
const ACTORS = 2000;
const RELATIONS = 4000;

/** How long one full-state encoding of the board takes in this process (median of 7). */
function fullEncodeMs(update: Uint8Array): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const times: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const t = performance.now();
    Y.encodeStateAsUpdate(doc);
    times.push(performance.now() - t);
  }
  doc.destroy();
  return median(times);
}

export async function runJoinStorm(ctx: RunContext): Promise<Metrics> {
  const { server, load } = ctx;
  const content = generateBoard(ACTORS, RELATIONS, 41);
  const board = await createBoard(server, content);
  const encodeMs = fullEncodeMs(boardUpdate(content));
  await sleep(500);
  const rss0 = readRssBytes(server.pid);
  const sampler = new RssSampler(server.pid, 20).start();
  const cpu0 = readCpuMs(server.pid);
  try {
    const result = await load.call({
      cmd: 'connect',
      group: 'storm',
      urls: Array<string>(JOINERS).fill(board.url),
      applyRemote: false,
      applyInitial: false,
      presence: true,
      concurrency: Number.POSITIVE_INFINITY,
      timeoutMs: 30_000,
    });
    const cpu = readCpuMs(server.pid) - cpu0;
    await sleep(200);
    const peak = sampler.stop();
    const counts = await syncedCounts(board.url);
    if (counts.actors !== ACTORS || counts.relations !== RELATIONS) {
      throw new Error(`a joining client synced ${counts.actors} actors / ${counts.relations} relations`);
    }
    const times = result.syncMs.filter((t) => Number.isFinite(t));
    return {
      syncP50: quantile(times, 0.5),
      syncP99: quantile(times, 0.99),
      syncMax: quantile(times, 1),
      failed: result.failures.length,
      syncKB: median(result.syncBytes) / 1024,
      baseRssMB: rss0 / MB,
      peakRssMB: peak / MB,
      cpuPerJoinMs: cpu / JOINERS,
      fullEncodeMs: encodeMs,
    };
  } finally {
    sampler.stop();
    await load.call({ cmd: 'close', group: 'storm' });
  }
}
