/**
 * Scenarios 1 and 2: one board, 40 clients each dropping an actor 10 times a
 * second (x, y written to the actor's nested Y.Map through moveActors), and in
 * scenario 2 also moving their cursor 10 times a second (awareness). 36 are
 * lightweight protocol clients in the load process; 4 are WebsocketProvider
 * probes here, which measure propagation.
 */
import { actorId, generateBoard } from '../../board-content.ts';
import { quantile } from '../../stats.ts';
import { createBoard } from '../boards.ts';
import { ProbeGroup } from '../probes.ts';
import { readCpuMs, readCpuTimes, readRssBytes, readThreadCpuMs, threadCpuDelta } from '../proc-stats.ts';
import { MB, type Metrics, type RunContext, sleep } from './context.ts';

const CLIENTS = 40;
const PROBES = 4;
const RATE = 10;

export async function runMoves(ctx: RunContext, withCursors: boolean): Promise<Metrics> {
  const { server, load } = ctx;
  // V8 keeps compiling the hot paths (on background threads) for about 10 s
  // under this load; the window measures each server's steady state.
  const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? (ctx.quick ? 3000 : 10_000));
  const measureMs = ctx.quick ? 3000 : 8000;
  const board = await createBoard(server, generateBoard(200, 400, 11));
  const senders = CLIENTS - PROBES;
  const group = 'movers';
  const connected = await load.call({
    cmd: 'connect',
    group,
    urls: Array<string>(senders).fill(board.url),
    applyRemote: false,
    applyInitial: true,
    presence: true,
    concurrency: 10,
    timeoutMs: 15_000,
  });
  let probes: ProbeGroup | null = null;
  try {
    if (connected.failures.length > 0) throw new Error(`senders failed to sync: ${connected.failures[0]}`);
    probes = await ProbeGroup.connect(
      server.wsBase,
      board.room,
      board.params,
      Array.from({ length: PROBES }, (_, i) => actorId(i)),
    );
    const cursorsPerSec = withCursors ? RATE : 0;
    await load.call({
      cmd: 'edits',
      group,
      actorIds: Array.from({ length: senders }, (_, i) => [actorId(PROBES + i)]),
      editsPerSec: RATE,
      cursorsPerSec,
      renameEvery: 0,
    });
    probes.startWriting({ movesPerSec: RATE, cursorsPerSec });
    await sleep(warmupMs);

    probes.startRecording();
    const before = await load.call({ cmd: 'counters', group });
    const times0 = readCpuTimes(server.pid);
    const cpu0 = times0.user + times0.system;
    const threads0 = readThreadCpuMs(server.pid);
    const loadCpu0 = readCpuMs(load.pid);
    const t0 = performance.now();
    await sleep(measureMs);
    probes.stopWriting();
    const after = await load.call({ cmd: 'stop', group });
    const sentFor = performance.now() - t0;
    // Everything sent has been applied and delivered once the probes caught up.
    const drainMs = await probes.drain(10_000);
    const times1 = readCpuTimes(server.pid);
    const cpu1 = times1.user + times1.system;
    if (process.env.BENCH_THREADS)
      process.stderr.write(`  threads (ms CPU): ${threadCpuDelta(threads0, readThreadCpuMs(server.pid))}\n`);
    const elapsed = performance.now() - t0;
    const loadCpu = readCpuMs(load.pid) - loadCpu0;

    const updates = after.updates - before.updates + probes.updatesInWindow;
    const awareness = withCursors ? after.awareness - before.awareness + probes.cursorsInWindow : 0;
    const cpu = cpu1 - cpu0;
    return {
      cpuPerUpdateMs: cpu / updates,
      cpuPerMessageMs: cpu / (updates + awareness),
      serverCpuPct: (100 * cpu) / elapsed,
      /** The kernel's share (system calls, network stack) of the server's CPU. */
      systemCpuShare: (times1.system - times0.system) / cpu,
      updatesPerSec: (1000 * updates) / sentFor,
      awarenessPerSec: (1000 * awareness) / sentFor,
      updateP50: quantile(probes.updateLatencies, 0.5),
      updateP99: quantile(probes.updateLatencies, 0.99),
      updateMax: quantile(probes.updateLatencies, 1),
      cursorP50: withCursors ? quantile(probes.cursorLatencies, 0.5) : Number.NaN,
      cursorP99: withCursors ? quantile(probes.cursorLatencies, 0.99) : Number.NaN,
      cursorMax: withCursors ? quantile(probes.cursorLatencies, 1) : Number.NaN,
      updateSamples: probes.updateLatencies.length,
      cursorSamples: probes.cursorLatencies.length,
      drainMs,
      loadCpuPct: (100 * loadCpu) / elapsed,
      rssMB: readRssBytes(server.pid) / MB,
    };
  } finally {
    probes?.destroy();
    await load.call({ cmd: 'close', group });
  }
}
