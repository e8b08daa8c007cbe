/**
 * Probes: stock y-websocket WebsocketProviders (`ws` as the WebSocket), each
 * moving its own actor and cursor with the send time as the value written
 * (the actor's `x` in its nested Y.Map; the awareness `cursor.x`). Every other
 * probe observes the change and records now − that time. All probes live in
 * this process, so they share one clock.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { actorsMap } from '../../shared/board-doc.ts';
import { moveActors } from '../../shared/mutations.ts';
import { createLocalOrigin, type LocalOrigin } from '../../shared/origins.ts';

interface Probe {
  doc: Y.Doc;
  provider: WebsocketProvider;
  origin: LocalOrigin;
  actorId: string;
  lastX: number;
  lastCursor: number;
}

export interface ProbeRates {
  movesPerSec: number;
  cursorsPerSec: number;
}

function waitSynced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve();
    const timer = setTimeout(() => reject(new Error('probe did not sync')), timeoutMs);
    provider.once('sync', (synced: boolean) => {
      clearTimeout(timer);
      if (synced) resolve();
    });
  });
}

export class ProbeGroup {
  readonly updateLatencies: number[] = [];
  readonly cursorLatencies: number[] = [];
  /** Probe document updates written inside the recording window. */
  updatesInWindow = 0;
  /** Probe cursor updates sent inside the recording window. */
  cursorsInWindow = 0;
  private readonly epoch = performance.now();
  private window: { start: number; end: number } | null = null;
  private readonly timers: NodeJS.Timeout[] = [];

  private constructor(private readonly probes: Probe[]) {}

  /** Connects one probe per actor id and waits until all are synced. */
  static async connect(
    serverUrl: string,
    room: string,
    params: Record<string, string>,
    actorIds: string[],
  ): Promise<ProbeGroup> {
    const probes: Probe[] = actorIds.map((actorId, i) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(serverUrl, room, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params,
      });
      provider.awareness.setLocalState({
        user: { name: `probe ${i}`, color: '#444444' },
        cursor: null,
        selection: [],
        drag: null,
      });
      return {
        doc,
        provider,
        origin: createLocalOrigin(),
        actorId,
        lastX: Number.NaN,
        lastCursor: Number.NaN,
      };
    });
    const group = new ProbeGroup(probes);
    try {
      await Promise.all(probes.map((p) => waitSynced(p.provider, 15_000)));
    } catch (error) {
      group.destroy();
      throw error;
    }
    group.observe();
    return group;
  }

  private now(): number {
    return performance.now() - this.epoch;
  }

  private sample(list: number[], sentAt: number): void {
    const w = this.window;
    if (w && sentAt >= w.start && sentAt <= w.end) list.push(this.now() - sentAt);
  }

  private observe(): void {
    const ids = new Set(this.probes.map((p) => p.doc.clientID));
    for (const probe of this.probes) {
      const actors = actorsMap(probe.doc);
      for (const other of this.probes) {
        if (other === probe) continue;
        const map = actors.get(other.actorId);
        if (!(map instanceof Y.Map)) throw new Error(`probe actor ${other.actorId} is not on the board`);
        map.observe((event) => {
          if (event.transaction.local || !event.keysChanged.has('x')) return;
          const x = map.get('x');
          if (typeof x === 'number') this.sample(this.updateLatencies, x);
        });
      }
      const own = probe.doc.clientID;
      probe.provider.awareness.on(
        'change',
        ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
          if (origin === 'local') return;
          for (const id of added.concat(updated)) {
            if (id === own || !ids.has(id)) continue;
            const cursor = (
              probe.provider.awareness.getStates().get(id) as { cursor?: { x?: unknown } } | undefined
            )?.cursor;
            if (cursor && typeof cursor.x === 'number') this.sample(this.cursorLatencies, cursor.x);
          }
        },
      );
    }
  }

  /** Starts writing at the given rates, each probe at its own random phase. */
  startWriting(rates: ProbeRates): void {
    for (const probe of this.probes) {
      const schedule = (perSec: number, write: () => void): void => {
        if (perSec <= 0) return;
        const period = 1000 / perSec;
        this.timers.push(
          setTimeout(() => {
            write();
            this.timers.push(setInterval(write, period));
          }, Math.random() * period),
        );
      };
      schedule(rates.movesPerSec, () => {
        const x = this.now();
        probe.lastX = x;
        moveActors(probe.doc, [{ id: probe.actorId, x, y: 0 }], probe.origin);
        const w = this.window;
        if (w && x >= w.start && x <= w.end) this.updatesInWindow += 1;
      });
      schedule(rates.cursorsPerSec, () => {
        const x = this.now();
        probe.lastCursor = x;
        probe.provider.awareness.setLocalStateField('cursor', { x, y: 0 });
        const w = this.window;
        if (w && x >= w.start && x <= w.end) this.cursorsInWindow += 1;
      });
    }
  }

  /** Samples count from now on (what was sent before is warm-up). */
  startRecording(): void {
    this.window = { start: this.now(), end: Number.POSITIVE_INFINITY };
  }

  stopWriting(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
    if (this.window) this.window.end = this.now();
  }

  /** Waits until every probe has seen every other probe's last move and cursor; ms waited, or NaN on timeout. */
  async drain(timeoutMs: number): Promise<number> {
    const started = performance.now();
    const caughtUp = (): boolean =>
      this.probes.every((probe) =>
        this.probes.every((other) => {
          if (other === probe) return true;
          const moved =
            Number.isNaN(other.lastX) || actorsMap(probe.doc).get(other.actorId)?.get('x') === other.lastX;
          const state = probe.provider.awareness.getStates().get(other.doc.clientID) as
            | { cursor?: { x?: unknown } | null }
            | undefined;
          const pointed = Number.isNaN(other.lastCursor) || state?.cursor?.x === other.lastCursor;
          return moved && pointed;
        }),
      );
    while (!caughtUp()) {
      if (performance.now() - started > timeoutMs) return Number.NaN;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return performance.now() - started;
  }

  destroy(): void {
    this.stopWriting();
    for (const probe of this.probes) {
      probe.provider.destroy();
      probe.doc.destroy();
    }
  }
}
