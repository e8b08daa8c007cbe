/**
 * The load generator: a separate process (forked by the benchmark) that runs
 * the lightweight protocol clients, so the servers' CPU and the probes'
 * timing are not mixed with the senders' own work. Commands arrive over IPC.
 */

import { actorsMap, relationsMap } from '../../../shared/board-doc.ts';
import type {
  ConnectCommand,
  ConnectResult,
  Counters,
  CountResult,
  EditsCommand,
  LoadCommand,
  Reply,
  Request,
} from './commands.ts';
import { ProtocolClient } from './protocol-client.ts';
import { runWorkshop } from './workshop.ts';

const groups = new Map<string, ProtocolClient[]>();
const timers = new Map<string, NodeJS.Timeout[]>();

function groupOf(name: string): ProtocolClient[] {
  const clients = groups.get(name);
  if (!clients) throw new Error(`no client group ${name}`);
  return clients;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

async function connect(command: ConnectCommand): Promise<ConnectResult> {
  const clients: ProtocolClient[] = groups.get(command.group) ?? [];
  groups.set(command.group, clients);
  const started: ProtocolClient[] = [];
  const failures: string[] = [];
  const limit = Number.isFinite(command.concurrency) ? Math.max(1, command.concurrency) : command.urls.length;
  for (let start = 0; start < command.urls.length; start += limit) {
    const batch = command.urls.slice(start, start + limit).map((url, j) => {
      const i = start + j;
      const client = new ProtocolClient(url, {
        applyRemote: command.applyRemote,
        applyInitial: command.applyInitial,
        seed: command.seeds?.[i] ?? undefined,
        user: command.presence
          ? { name: `bench ${i}`, color: COLORS[i % COLORS.length] as string }
          : undefined,
      });
      clients.push(client);
      started.push(client);
      return client;
    });
    const deadline = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('sync timeout')), command.timeoutMs).unref(),
    );
    await Promise.all(
      batch.map((client) =>
        Promise.race([client.synced, deadline]).catch((error: unknown) => {
          failures.push(error instanceof Error ? error.message : String(error));
        }),
      ),
    );
  }
  return {
    syncMs: started.map((c) => c.syncedAt - c.createdAt),
    syncBytes: started.map((c) => c.syncBytes),
    failures,
  };
}

/** Every client edits (and moves its cursor) at a steady rate, each with its own random phase. */
function startEdits(command: EditsCommand): void {
  const clients = groupOf(command.group);
  const list: NodeJS.Timeout[] = timers.get(command.group) ?? [];
  timers.set(command.group, list);
  clients.forEach((client, i) => {
    const ids = command.actorIds[i % command.actorIds.length] ?? [];
    if (command.editsPerSec > 0 && ids.length > 0) {
      const period = 1000 / command.editsPerSec;
      let n = 0;
      const tick = (): void => {
        if (!client.isOpen) return;
        n += 1;
        const id = ids[n % ids.length] as string;
        if (command.renameEvery > 0 && n % command.renameEvery === 0) {
          client.edit(id, { label: `Renamed ${i}.${n}` });
        } else {
          client.move(id, Math.round(Math.random() * 4000), Math.round(Math.random() * 3000));
        }
      };
      list.push(
        setTimeout(() => {
          tick();
          list.push(setInterval(tick, period));
        }, Math.random() * period),
      );
    }
    if (command.cursorsPerSec > 0) {
      const period = 1000 / command.cursorsPerSec;
      const tick = (): void => {
        if (client.isOpen) client.cursor(Math.round(Math.random() * 4000), Math.round(Math.random() * 3000));
      };
      list.push(
        setTimeout(() => {
          tick();
          list.push(setInterval(tick, period));
        }, Math.random() * period),
      );
    }
  });
}

function counters(group: string): Counters {
  const out: Counters = { updates: 0, awareness: 0, receivedFrames: 0 };
  for (const client of groupOf(group)) {
    out.updates += client.sentUpdates;
    out.awareness += client.sentAwareness;
    out.receivedFrames += client.receivedFrames;
  }
  return out;
}

function stop(group: string): Counters {
  for (const timer of timers.get(group) ?? []) clearTimeout(timer);
  timers.delete(group);
  return groups.has(group) ? counters(group) : { updates: 0, awareness: 0, receivedFrames: 0 };
}

function count(group: string): CountResult {
  const clients = groupOf(group);
  return {
    actors: clients.map((c) => actorsMap(c.doc).size),
    relations: clients.map((c) => relationsMap(c.doc).size),
  };
}

function close(group: string): null {
  stop(group);
  for (const client of groups.get(group) ?? []) client.close();
  groups.delete(group);
  return null;
}

async function handle(command: LoadCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'connect':
      return connect(command);
    case 'edits':
      startEdits(command);
      return null;
    case 'workshop':
      return runWorkshop(groupOf(command.group), command);
    case 'counters':
      return counters(command.group);
    case 'stop':
      return stop(command.group);
    case 'count':
      return count(command.group);
    case 'close':
      return close(command.group);
  }
}

process.on('message', (message: Request) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies Reply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies Reply),
  );
});

// The benchmark going away (even killed) closes the IPC channel: stop too.
process.on('disconnect', () => process.exit(0));
