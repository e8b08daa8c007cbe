import type * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwarenessMessage } from './protocol.ts';

/** Awareness changes go out at most this often per room (ms). */
export const AWARENESS_INTERVAL_MS = 16;

/**
 * Batches a room's awareness changes: the first change after a quiet spell
 * goes out on the next turn of the event loop, later ones at most every
 * `intervalMs`, each batch as ONE message holding the latest state of every
 * client that changed, encoded once for all receivers. 40 people moving
 * cursors 10 times a second then cost the room ~60 messages per receiver
 * per second instead of 400, and a client that changed twice in a batch is
 * sent once.
 */
export class AwarenessBatcher<Receiver> {
  private readonly changed = new Set<number>();
  /** The one receiver all changes came from (it has them already); null when several or the server. */
  private origin: Receiver | null | undefined;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    /** Sends the message to every receiver except `skip`. */
    private readonly broadcast: (message: Uint8Array, skip: Receiver | null) => void,
    private readonly intervalMs = AWARENESS_INTERVAL_MS,
  ) {}

  /** Awareness clients `ids` changed (or were removed) because of `origin` (null: the server). */
  add(ids: Iterable<number>, origin: Receiver | null): void {
    if (this.stopped) return;
    for (const id of ids) this.changed.add(id);
    this.origin = this.origin === undefined || this.origin === origin ? origin : null;
    if (this.timer !== null || this.immediate !== null) return;
    const wait = this.lastFlush + this.intervalMs - performance.now();
    if (wait > 1) this.timer = setTimeout(this.flush, wait);
    else this.immediate = setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.timer = null;
    this.immediate = null;
    if (this.stopped || this.changed.size === 0) return;
    this.lastFlush = performance.now();
    const clients = [...this.changed];
    const skip = this.origin ?? null;
    this.changed.clear();
    this.origin = undefined;
    this.broadcast(encodeAwarenessMessage(this.awareness, clients), skip);
  };

  /** Drops what is pending (the room is closing). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.changed.clear();
  }
}
