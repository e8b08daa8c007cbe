/**
 * Cross-process vs same-process propagation (issue 5): three Parley
 * processes on one PostgreSQL and one Redis, N movers split across them, each
 * moving its own actor R times a second with the send time as the value
 * written (`x`). One observer per process records now − x for every move it
 * sees, classed as same-process (the mover is on the observer's process) or
 * cross-process. Each move also sets the mover's awareness cursor to the send
 * time (as a live drag does), measured the same way. All clients live in this
 * process: one clock.
 *
 *   npx tsx bench/scale/propagation.ts [--movers 30] [--rate 10] [--seconds 20]
 *
 * Needs PostgreSQL and Redis as the scale-out tests do (PARLEY_TEST_DATABASE_URL,
 * PARLEY_TEST_REDIS_URL).
 */
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { actorsMap } from '../../shared/board-doc.ts';
import { addActor, moveActors } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { createBoard } from '../../tests/helpers/http.ts';
import { scaleUnavailable, startCluster } from '../../tests/helpers/scale-cluster.ts';
import { quantile } from '../stats.ts';

const { values } = parseArgs({
  options: {
    movers: { type: 'string', default: '30' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '20' },
    processes: { type: 'string', default: '3' },
  },
});
const MOVERS = Number(values.movers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const PROCESSES = Number(values.processes);
const WARMUP_MS = 3000;

const epoch = performance.now();
const now = (): number => performance.now() - epoch;

function provider(wsUrl: string, boardId: string, token: string, doc: Y.Doc): Promise<WebsocketProvider> {
  const p = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync')), 15_000);
    p.once('sync', () => {
      clearTimeout(timer);
      resolve(p);
    });
  });
}

async function main(): Promise<void> {
  const unavailable = await scaleUnavailable();
  if (unavailable) {
    console.error(`bench/scale: ${unavailable}`);
    process.exit(2);
  }
  const cluster = await startCluster(PROCESSES, { LOG_LEVEL: 'warn' });
  const providers: WebsocketProvider[] = [];
  try {
    const board = await createBoard(cluster.servers[0]?.url ?? '', { title: 'Scale bench' });
    const wsUrl = (i: number): string => cluster.servers[i % PROCESSES]?.wsUrl ?? '';

    // Movers: actor i belongs to mover i, on process i % PROCESSES.
    const origin = createLocalOrigin();
    const movers: { doc: Y.Doc; provider: WebsocketProvider; actorId: string; process: number }[] = [];
    for (let i = 0; i < MOVERS; i += 1) {
      const doc = new Y.Doc();
      const p = await provider(wsUrl(i), board.id, board.editToken, doc);
      providers.push(p);
      const actorId = addActor(doc, { label: `mover ${i}`, kind: 'other', x: 0, y: i * 10 }, origin);
      movers.push({ doc, provider: p, actorId, process: i % PROCESSES });
    }
    const processOf = new Map(movers.map((m) => [m.actorId, m.process]));
    const processOfClient = new Map(movers.map((m) => [m.doc.clientID, m.process]));

    const samples = { same: [] as number[], cross: [] as number[] };
    const cursors = { same: [] as number[], cross: [] as number[] };
    let recording = false;
    for (let p = 0; p < PROCESSES; p += 1) {
      const doc = new Y.Doc();
      providers.push(await provider(wsUrl(p), board.id, board.editToken, doc));
      const watcher = providers.at(-1) as WebsocketProvider;
      watcher.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
        const t = now();
        if (!recording) return;
        for (const id of added.concat(updated)) {
          const from = processOfClient.get(id);
          const state = watcher.awareness.getStates().get(id) as { cursor?: { x: number } } | undefined;
          const x = state?.cursor?.x;
          if (from === undefined || typeof x !== 'number' || x <= 0) continue;
          (from === p ? cursors.same : cursors.cross).push(t - x);
        }
      });
      actorsMap(doc).observeDeep((events) => {
        const t = now();
        if (!recording) return;
        for (const event of events) {
          if (!(event instanceof Y.YMapEvent) || !event.keysChanged.has('x')) continue;
          const id = event.path[0];
          const from = typeof id === 'string' ? processOf.get(id) : undefined;
          const x = event.target.get('x');
          if (from === undefined || typeof x !== 'number' || x <= 0) continue;
          (from === p ? samples.same : samples.cross).push(t - x);
        }
      });
    }

    // Every mover moves RATE times a second, phases spread over the interval.
    const interval = 1000 / RATE;
    const timers = movers.map((m, i) =>
      setTimeout(
        () => {
          const timer = setInterval(() => {
            moveActors(m.doc, [{ id: m.actorId, x: now(), y: i * 10 }], origin);
            m.provider.awareness.setLocalStateField('cursor', { x: now(), y: i * 10 });
          }, interval);
          timers.push(timer as unknown as NodeJS.Timeout);
        },
        (interval * i) / MOVERS,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    recording = true;
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    recording = false;
    for (const t of timers) clearInterval(t);

    const row = (name: string, s: number[]) =>
      `| ${name} | ${s.length} | ${quantile(s, 0.5).toFixed(1)} | ${quantile(s, 0.9).toFixed(1)} | ${quantile(s, 0.99).toFixed(1)} | ${Math.max(...s).toFixed(1)} |`;
    console.log(
      `${MOVERS} movers × ${RATE} moves/s over ${PROCESSES} processes, ${SECONDS} s recorded (after ${WARMUP_MS} ms warm-up)`,
    );
    console.log('| observer sees | samples | p50 ms | p90 ms | p99 ms | max ms |');
    console.log('|---|---|---|---|---|---|');
    console.log(row('document move, same process', samples.same));
    console.log(row('document move, another process', samples.cross));
    console.log(row('cursor (awareness), same process', cursors.same));
    console.log(row('cursor (awareness), another process', cursors.cross));
    const ratio = quantile(samples.cross, 0.99) / quantile(samples.same, 0.99);
    const cursorRatio = quantile(cursors.cross, 0.99) / quantile(cursors.same, 0.99);
    console.log(
      `cross/same p99 ratio: moves ${ratio.toFixed(2)}, cursors ${cursorRatio.toFixed(2)} (issue 5 target: ≤ 2)`,
    );
  } finally {
    for (const p of providers) p.destroy();
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
