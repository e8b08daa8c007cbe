/**
 * A BoardStorage wrapper for tests that need to count, slow down or fail
 * calls to a real storage underneath.
 */
import type {
  BoardAccess,
  BoardRecord,
  BoardWrite,
  CompactionResult,
  CompactOptions,
  NewBoard,
  ParleyStorage,
} from '../../server/storage/board-storage.ts';
import type { Snapshot, SnapshotRecord } from '../../server/storage/snapshot-storage.ts';

export interface StorageHooks {
  /** Runs before each loadUpdates; throw to fail it, await to delay it. */
  beforeLoad?: (id: string, call: number) => Promise<void> | void;
  /** Runs before each appendUpdates; throw to fail it, await to delay it. */
  beforeAppend?: (batch: readonly BoardWrite[], call: number) => Promise<void> | void;
}

export class InstrumentedStorage implements ParleyStorage {
  loads = 0;
  appends = 0;
  compactions = 0;
  readonly appendedBatches: BoardWrite[][] = [];

  constructor(
    readonly inner: ParleyStorage,
    public hooks: StorageHooks = {},
  ) {}

  createBoard(board: NewBoard): Promise<BoardRecord> {
    return this.inner.createBoard(board);
  }
  getBoard(id: string): Promise<BoardRecord | null> {
    return this.inner.getBoard(id);
  }
  listBoards(): Promise<BoardRecord[]> {
    return this.inner.listBoards();
  }
  deleteBoard(id: string): Promise<boolean> {
    return this.inner.deleteBoard(id);
  }

  getAccess(id: string): Promise<BoardAccess | null> {
    return this.inner.getAccess(id);
  }

  updateAccess(id: string, change: Partial<BoardAccess>): Promise<BoardAccess | null> {
    return this.inner.updateAccess(id, change);
  }

  saveSnapshot(snapshot: Snapshot): Promise<SnapshotRecord | null> {
    return this.inner.saveSnapshot(snapshot);
  }
  listSnapshots(boardId: string): Promise<SnapshotRecord[] | null> {
    return this.inner.listSnapshots(boardId);
  }
  getSnapshot(boardId: string, snapshotId: string): Promise<Snapshot | null> {
    return this.inner.getSnapshot(boardId, snapshotId);
  }
  async appendUpdates(batch: readonly BoardWrite[]): Promise<void> {
    this.appends += 1;
    await this.hooks.beforeAppend?.(batch, this.appends);
    await this.inner.appendUpdates(batch);
    this.appendedBatches.push([...batch]);
  }
  async loadUpdates(id: string): Promise<Uint8Array[] | null> {
    this.loads += 1;
    await this.hooks.beforeLoad?.(id, this.loads);
    return this.inner.loadUpdates(id);
  }
  compact(id: string, options?: CompactOptions): Promise<CompactionResult> {
    this.compactions += 1;
    return this.inner.compact(id, options);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A promise with its resolve/reject exposed, to hold a storage call until the test says so. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
