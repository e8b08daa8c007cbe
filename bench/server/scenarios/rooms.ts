/**
 * Scenario 3: 100 boards × 5 clients with moderate edits; memory per room and
 * per connection. RSS is read with no clients (boards exist), after the first
 * client of each board joined (rooms + 100 connections), after 4 more each
 * (+400 connections), and after 8 s of edits.
 *
 * On the reference server a board's first client brings the content (it has
 * no API); on Parley the first join loads it from storage. Either way the
 * first phase is where each server takes on the board's document.
 */

import { newBoardId } from '../../../shared/ids.ts';
import { actorId, boardUpdate, generateBoard } from '../../board-content.ts';
import { boardUrl, createParleyBoard, parleyHandle } from '../boards.ts';
import { readCpuMs, settledRss } from '../proc-stats.ts';
import { KB, MB, type Metrics, type RunContext, sleep } from './context.ts';

const BOARDS = 100;
const PER_BOARD = 5;

export async function runRooms(ctx: RunContext): Promise<Metrics> {
  const { server, load } = ctx;
  const board = generateBoard(20, 30, 21);
  const urls: string[] = [];
  if (server.kind === 'parley') {
    const created = [];
    for (let i = 0; i < BOARDS; i += 1) created.push(await createParleyBoard(server, board));
    // A fresh process on the stored boards: creating them over HTTP left garbage in the
    // heap that the rooms would fill unseen, and the per-room figure would read near zero.
    await server.restart?.();
    for (const one of created) urls.push(parleyHandle(server, one).url);
  } else {
    for (let i = 0; i < BOARDS; i += 1) urls.push(boardUrl(server, newBoardId()));
  }
  const seed = server.kind === 'reference' ? boardUpdate(board) : null;
  await sleep(300);
  const rss0 = await settledRss(server.pid);

  const groups = ['first', 'more'];
  try {
    const first = await load.call({
      cmd: 'connect',
      group: 'first',
      urls,
      seeds: urls.map(() => seed),
      applyRemote: false,
      applyInitial: true,
      presence: true,
      concurrency: 20,
      timeoutMs: 15_000,
    });
    if (first.failures.length > 0) throw new Error(`first clients failed: ${first.failures[0]}`);
    await sleep(500);
    const rssA = await settledRss(server.pid);

    const moreUrls = urls.flatMap((url) => Array<string>(PER_BOARD - 1).fill(url));
    const more = await load.call({
      cmd: 'connect',
      group: 'more',
      urls: moreUrls,
      applyRemote: false,
      applyInitial: true,
      presence: true,
      concurrency: 40,
      timeoutMs: 15_000,
    });
    if (more.failures.length > 0) throw new Error(`clients failed: ${more.failures[0]}`);
    const counts = await load.call({ cmd: 'count', group: 'more' });
    const incomplete = counts.actors.filter((n) => n !== board.actors.length).length;
    if (incomplete > 0) throw new Error(`${incomplete} clients synced an incomplete board`);
    await sleep(500);
    const rssB = await settledRss(server.pid);

    const measureMs = ctx.quick ? 3000 : 8000;
    const cpu0 = readCpuMs(server.pid);
    const t0 = performance.now();
    await load.call({
      cmd: 'edits',
      group: 'first',
      actorIds: [[actorId(0)]],
      editsPerSec: 0.5,
      cursorsPerSec: 1,
      renameEvery: 5,
    });
    await load.call({
      cmd: 'edits',
      group: 'more',
      actorIds: Array.from({ length: PER_BOARD - 1 }, (_, k) => [actorId(k + 1)]),
      editsPerSec: 0.5,
      cursorsPerSec: 1,
      renameEvery: 5,
    });
    await sleep(measureMs);
    const sent =
      (await load.call({ cmd: 'stop', group: 'first' })).updates +
      (await load.call({ cmd: 'stop', group: 'more' })).updates;
    await sleep(300);
    const cpu = readCpuMs(server.pid) - cpu0;
    const elapsed = performance.now() - t0;
    const rssC = await settledRss(server.pid);

    const perConnection = (rssB - rssA) / (BOARDS * (PER_BOARD - 1));
    const perRoom = (rssA - rss0 - BOARDS * perConnection) / BOARDS;
    return {
      baseRssMB: rss0 / MB,
      perRoomKB: perRoom / KB,
      perConnectionKB: perConnection / KB,
      perRoomWithClientsKB: (rssC - rss0) / BOARDS / KB,
      finalRssMB: rssC / MB,
      serverCpuPct: (100 * cpu) / elapsed,
      updatesPerSec: (1000 * sent) / measureMs,
    };
  } finally {
    for (const group of groups) await load.call({ cmd: 'close', group });
  }
}
