import type { Logger } from 'pino';
import type { BoardStorage, BoardWrite } from './storage/board-storage.ts';

/** Something with writes waiting to be committed: a room. */
export interface CommitSource {
  /** Hands over everything waiting, or null when nothing is. */
  takeWrite(): PendingWrite | null;
  /** The write is durable: now it may be shown to other clients. */
  committed(write: PendingWrite): void;
  /** The write failed: keep it, in order, for the next attempt. */
  commitFailed(write: PendingWrite): void;
}

export interface PendingWrite extends BoardWrite {
  /** The source's own bookkeeping (e.g. which updates the write covers). */
  readonly token: unknown;
}

export interface GroupCommitterOptions {
  /** First retry delay after a failed commit; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * Commits start at most this often (ms). The first write after a quiet spell
   * is committed on the next turn of the event loop; under load, what arrives
   * within the interval shares one transaction and one broadcast per room.
   */
  minIntervalMs?: number;
}

/**
 * 60 ms. A lone edit after a quiet spell still goes out on the next turn of
 * the event loop; only under load do edits wait for the interval. Each commit
 * is one broadcast to every connection of the room, and sends (a system call
 * per socket) are most of a busy room's CPU: at 40 clients, 60 ms costs about
 * half the CPU of 16 ms (bench/README.md). Others see a drop at most 60 ms
 * later, after watching the drag itself live through awareness (R13).
 */
export const DEFAULT_COMMIT_INTERVAL_MS = 60;

/**
 * Group commit: whatever the rooms queued since the last commit is written in
 * one storage transaction, so many small edits cost one commit. A commit
 * starts on the next turn of the event loop (setImmediate), but no sooner
 * than `minIntervalMs` after the previous one started, so under load edits
 * are grouped per interval. Commits run one at a time, which keeps each
 * room's writes in order; what arrives meanwhile goes into the next one.
 */
export class GroupCommitter {
  private readonly dirty = new Set<CommitSource>();
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private failures = 0;
  /** Sources are handing over their writes (and may schedule themselves while doing so). */
  private collecting = false;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly minIntervalMs: number;

  constructor(
    private readonly storage: BoardStorage,
    private readonly logger: Logger,
    options: GroupCommitterOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 200;
    this.maxRetryMs = options.maxRetryMs ?? 5000;
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
  }

  /** A source has something to write. */
  schedule(source: CommitSource): void {
    this.dirty.add(source);
    this.arm();
  }

  /** A source went away (its board was deleted): its queued writes are dropped. */
  forget(source: CommitSource): void {
    this.dirty.delete(source);
  }

  private arm(): void {
    if (this.collecting || this.timer !== null || this.inFlight !== null || this.dirty.size === 0) return;
    if (this.failures === 0) {
      const wait = this.lastCommitAt + this.minIntervalMs - performance.now();
      this.timer = wait > 1 ? setTimeout(() => this.fire(), wait) : setImmediate(() => this.fire());
    } else {
      const delay = Math.min(this.retryMs * 2 ** (this.failures - 1), this.maxRetryMs);
      this.timer = setTimeout(() => this.fire(), delay);
    }
  }

  private fire(): void {
    this.timer = null;
    void this.commit();
  }

  /** Runs one commit of everything queued; resolves when it has settled. Never rejects. */
  private commit(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const writes: { source: CommitSource; write: PendingWrite }[] = [];
    // A source applying what it received while handing over schedules itself again: that is this commit.
    this.collecting = true;
    try {
      for (const source of this.dirty) {
        const write = source.takeWrite();
        if (write) writes.push({ source, write });
      }
    } finally {
      this.collecting = false;
    }
    this.dirty.clear();
    if (writes.length === 0) return Promise.resolve();
    this.lastCommitAt = performance.now();
    // Through a promise so that even a storage throwing synchronously is a failed commit, not a crash.
    const append = new Promise<void>((resolve) =>
      resolve(this.storage.appendUpdates(writes.map((w) => w.write))),
    );
    this.inFlight = append.then(
      () => {
        this.failures = 0;
        this.inFlight = null;
        for (const { source, write } of writes) source.committed(write);
        this.arm();
      },
      (error: unknown) => {
        this.failures += 1;
        this.inFlight = null;
        this.logger.error(
          { err: error, boards: writes.map(({ write }) => write.boardId), attempt: this.failures },
          'commit failed; keeping the writes and retrying',
        );
        for (const { source, write } of writes) {
          source.commitFailed(write);
          this.dirty.add(source);
        }
        this.arm();
      },
    );
    return this.inFlight;
  }

  /**
   * Commits everything queued now and waits until nothing is queued or in
   * flight (shutdown). Throws after `attempts` failed commits in a row.
   */
  async flush(attempts = 3): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    let failuresInARow = 0;
    while (this.inFlight !== null || this.dirty.size > 0) {
      const before = this.failures;
      await (this.inFlight ?? this.commit());
      if (this.timer !== null) {
        clearTimeout(this.timer as NodeJS.Timeout);
        clearImmediate(this.timer as NodeJS.Immediate);
        this.timer = null;
      }
      failuresInARow = this.failures > before ? failuresInARow + 1 : 0;
      if (failuresInARow >= attempts) {
        throw new Error(`could not commit pending writes after ${attempts} attempts`);
      }
      if (failuresInARow > 0) await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }
}
