/**
 * A simulated network of Y.Doc replicas for the convergence fuzz test: every
 * update a replica makes is queued for every other replica, and queues are
 * delivered in shuffled order, sometimes twice, and not at all while a replica
 * is disconnected. Yjs must cope: updates whose dependencies are missing wait
 * in its pending store until they arrive.
 */
import * as Y from 'yjs';
import { createLocalOrigin, type LocalOrigin } from '../../shared/origins.ts';
import type { Prng } from './prng.ts';

const REMOTE = 'remote';

export interface Replica {
  readonly index: number;
  readonly doc: Y.Doc;
  readonly origin: LocalOrigin;
  /** Updates waiting to be delivered to this replica. */
  inbox: Uint8Array[];
  /** Updates this replica made while disconnected, sent when it reconnects. */
  outbox: Uint8Array[];
  /** Steps left before a disconnected replica reconnects; 0 while connected. */
  offlineFor: number;
}

export class FuzzNetwork {
  readonly replicas: Replica[];
  delivered = 0;
  duplicates = 0;

  constructor(
    count: number,
    private readonly rng: Prng,
  ) {
    this.replicas = Array.from({ length: count }, (_, index) => {
      const doc = new Y.Doc();
      // Fixed client ids make conflict resolution, and so the whole run, replay exactly.
      doc.clientID = index + 1;
      const replica: Replica = {
        index,
        doc,
        origin: createLocalOrigin(),
        inbox: [],
        outbox: [],
        offlineFor: 0,
      };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE) this.send(replica, update);
      });
      return replica;
    });
  }

  private send(from: Replica, update: Uint8Array): void {
    if (from.offlineFor > 0) {
      from.outbox.push(update);
      return;
    }
    for (const to of this.replicas) if (to !== from) to.inbox.push(update);
  }

  online(r: Replica): boolean {
    return r.offlineFor === 0;
  }

  disconnect(r: Replica, steps: number): void {
    r.offlineFor = Math.max(1, steps);
  }

  reconnect(r: Replica): void {
    r.offlineFor = 0;
    const held = r.outbox;
    r.outbox = [];
    for (const update of held) this.send(r, update);
  }

  /** Counts down disconnections; a replica whose time is up reconnects. */
  tick(): void {
    for (const r of this.replicas) {
      if (r.offlineFor > 0 && --r.offlineFor === 0) this.reconnect(r);
    }
  }

  /** Delivers up to `max` queued updates to a connected replica in random order, sometimes twice. */
  deliver(r: Replica, max: number): number {
    if (!this.online(r) || r.inbox.length === 0) return 0;
    this.rng.shuffle(r.inbox);
    const batch = r.inbox.splice(0, Math.min(max, r.inbox.length));
    for (const update of batch) {
      Y.applyUpdate(r.doc, update, REMOTE);
      this.delivered += 1;
      if (this.rng.chance(0.08)) {
        // Delivered again later, as a reconnecting provider may resend.
        r.inbox.push(update);
        this.duplicates += 1;
      }
    }
    return batch.length;
  }

  /** Reconnects everyone and delivers until every queue is empty. */
  drain(): void {
    for (const r of this.replicas) if (!this.online(r)) this.reconnect(r);
    while (this.replicas.some((r) => r.inbox.length > 0)) {
      for (const r of this.replicas) this.deliver(r, r.inbox.length);
    }
  }
}
