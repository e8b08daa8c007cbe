/**
 * Updates the document cannot integrate yet. Yjs keeps such structs (and
 * deletions of unknown items) in `doc.store.pendingStructs` / `pendingDs`,
 * waiting for what they depend on; it would also send them in every sync
 * reply and keep them forever if that never arrives. So right after each
 * client update the server moves them out of the document into a per-connection
 * hold: bounded in bytes and time, retried when the document gains what they
 * wait for, dropped (never stored, never relayed) when the connection closes
 * or the time runs out.
 *
 * A well-behaved client hits this only briefly: an edit it makes right after
 * reconnecting can arrive before the sync reply carrying its offline edits.
 */
import * as Y from 'yjs';

interface HeldUpdate {
  /** Yjs v2 encoding, as Yjs produces the pending parts. */
  update: Uint8Array;
  /** client → clock: ready to retry once the document's state for `client` passes `clock`. */
  waitFor: Map<number, number>;
}

interface Hold<K> {
  key: K;
  items: HeldUpdate[];
  bytes: number;
  timer: NodeJS.Timeout;
}

export type CaptureResult = 'none' | 'held' | 'over-limit';

function deleteSetWaits(pendingDs: Uint8Array): Map<number, number> {
  const waits = new Map<number, number>();
  const { ds } = Y.decodeUpdateV2(pendingDs);
  for (const [client, items] of ds.clients) {
    let min = Number.POSITIVE_INFINITY;
    for (const item of items) min = Math.min(min, item.clock);
    if (Number.isFinite(min)) waits.set(client, min);
  }
  return waits;
}

/** Drops whatever a document holds pending; true when there was something. */
export function discardPending(doc: Y.Doc): boolean {
  const had = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}

export class PendingUpdates<K> {
  private readonly holds = new Map<K, Hold<K>>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly maxBytes: number,
    private readonly maxMs: number,
    /** A hold outlived maxMs: its owner should be closed. Its updates are already dropped. */
    private readonly onExpired: (key: K) => void,
  ) {}

  get size(): number {
    return this.holds.size;
  }

  heldBytes(key: K): number {
    return this.holds.get(key)?.bytes ?? 0;
  }

  /**
   * Moves whatever the last applied update left pending out of the document,
   * into `key`'s hold (or drops it when `key` is null: its sender is gone).
   */
  capture(key: K | null): CaptureResult {
    const store = this.doc.store;
    const structs = store.pendingStructs;
    const ds = store.pendingDs;
    if (structs === null && ds === null) return 'none';
    store.pendingStructs = null;
    store.pendingDs = null;
    if (key === null) return 'none';
    const items: HeldUpdate[] = [];
    if (structs !== null) items.push({ update: structs.update, waitFor: new Map(structs.missing) });
    if (ds !== null) items.push({ update: ds, waitFor: deleteSetWaits(ds) });
    let hold = this.holds.get(key);
    if (!hold) {
      const timer = setTimeout(() => this.expire(key), this.maxMs);
      timer.unref();
      hold = { key, items: [], bytes: 0, timer };
      this.holds.set(key, hold);
    }
    for (const item of items) {
      hold.items.push(item);
      hold.bytes += item.update.byteLength;
    }
    if (hold.bytes > this.maxBytes) {
      this.drop(key);
      return 'over-limit';
    }
    return 'held';
  }

  private ready(item: HeldUpdate): boolean {
    for (const [client, clock] of item.waitFor) {
      if (clock < Y.getState(this.doc.store, client)) return true;
    }
    return false;
  }

  /**
   * Held updates whose dependencies have arrived, taken out of their holds
   * (the caller applies them and captures again what is still missing).
   */
  takeReady(): { key: K; update: Uint8Array }[] {
    const ready: { key: K; update: Uint8Array }[] = [];
    for (const hold of this.holds.values()) {
      const keep: HeldUpdate[] = [];
      for (const item of hold.items) {
        if (this.ready(item)) {
          ready.push({ key: hold.key, update: item.update });
          hold.bytes -= item.update.byteLength;
        } else keep.push(item);
      }
      hold.items = keep;
      if (keep.length === 0) {
        clearTimeout(hold.timer);
        this.holds.delete(hold.key);
      }
    }
    return ready;
  }

  /** Forgets a key's held updates (its connection closed). */
  drop(key: K): void {
    const hold = this.holds.get(key);
    if (!hold) return;
    clearTimeout(hold.timer);
    this.holds.delete(key);
  }

  private expire(key: K): void {
    if (!this.holds.has(key)) return;
    this.drop(key);
    this.onExpired(key);
  }

  dispose(): void {
    for (const hold of this.holds.values()) clearTimeout(hold.timer);
    this.holds.clear();
  }
}
