/**
 * The rounds part of the storage contract (SnapshotStorage): immutable named
 * snapshots stored with the board, listed oldest first, deleted with it. Run
 * next to storageContract by each storage's test file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParleyStorage } from '../../server/storage/board-storage.ts';
import { type Snapshot, snapshotId } from '../../server/storage/snapshot-storage.ts';
import { newBoardId } from '../../shared/ids.ts';

export interface SnapshotStorageFixture {
  storage: ParleyStorage;
  /** Closes the storage and opens the same database again (durable storages only). */
  reopen?: () => Promise<ParleyStorage>;
  dispose(): Promise<void>;
}

function round(boardId: string, name: string, state: number[], savedAt: number, note?: string): Snapshot {
  const bytes = new Uint8Array(state);
  return {
    id: snapshotId(boardId, name, bytes),
    boardId,
    name,
    ...(note ? { note } : {}),
    savedAt,
    savedBy: 'Facilitator',
    state: bytes,
  };
}

export function snapshotStorageContract(
  name: string,
  makeFixture: () => Promise<SnapshotStorageFixture>,
  durable: boolean,
): void {
  describe(`SnapshotStorage contract: ${name}`, () => {
    let fixture: SnapshotStorageFixture;
    let storage: ParleyStorage;

    beforeEach(async () => {
      fixture = await makeFixture();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('saves rounds, lists them oldest first without state, and reads one back with its state', async () => {
      const boardId = newBoardId();
      await storage.createBoard({ id: boardId, title: 'Talks' });
      const second = round(boardId, 'Round 2', [4, 5, 6], 2_000);
      const first = round(boardId, 'Round 1 — Islamabad', [1, 2, 3], 1_000, 'Phase 1 agreed');
      expect(await storage.saveSnapshot(second)).toEqual({
        id: second.id,
        boardId,
        name: 'Round 2',
        savedAt: 2_000,
        savedBy: 'Facilitator',
      });
      await storage.saveSnapshot(first);
      const list = await storage.listSnapshots(boardId);
      expect(list?.map((s) => s.name)).toEqual(['Round 1 — Islamabad', 'Round 2']);
      expect(list?.[0]).toEqual({
        id: first.id,
        boardId,
        name: 'Round 1 — Islamabad',
        note: 'Phase 1 agreed',
        savedAt: 1_000,
        savedBy: 'Facilitator',
      });
      expect(list?.[0]).not.toHaveProperty('state');
      const read = await storage.getSnapshot(boardId, first.id);
      expect(read && [...read.state]).toEqual([1, 2, 3]);
      expect(read?.note).toBe('Phase 1 agreed');
    });

    it('a round is immutable: saving the same id again keeps the first one', async () => {
      const boardId = newBoardId();
      await storage.createBoard({ id: boardId, title: 'Talks' });
      const a = round(boardId, 'R', [9], 1_000, 'first');
      await storage.saveSnapshot(a);
      const again = await storage.saveSnapshot({ ...a, savedAt: 5_000, note: 'second' });
      expect(again).toMatchObject({ id: a.id, savedAt: 1_000, note: 'first' });
      expect(await storage.listSnapshots(boardId)).toHaveLength(1);
    });

    it('null for a missing board; an empty list for a board without rounds; rounds go with the board', async () => {
      const boardId = newBoardId();
      expect(await storage.saveSnapshot(round(boardId, 'R', [1], 1))).toBeNull();
      expect(await storage.listSnapshots(boardId)).toBeNull();
      await storage.createBoard({ id: boardId, title: 'Talks' });
      expect(await storage.listSnapshots(boardId)).toEqual([]);
      const r = round(boardId, 'R', [1], 1);
      await storage.saveSnapshot(r);
      expect(await storage.getSnapshot(newBoardId(), r.id)).toBeNull();
      await storage.deleteBoard(boardId);
      expect(await storage.getSnapshot(boardId, r.id)).toBeNull();
      expect(await storage.listSnapshots(boardId)).toBeNull();
    });

    it('refuses a malformed round before writing anything', async () => {
      const boardId = newBoardId();
      await storage.createBoard({ id: boardId, title: 'Talks' });
      await expect(storage.saveSnapshot({ ...round(boardId, 'R', [1], 1), id: 'not an id' })).rejects.toThrow(
        /snapshot id/,
      );
      await expect(storage.saveSnapshot({ ...round(boardId, 'R', [1], 1), name: ' ' })).rejects.toThrow(
        /name/,
      );
      expect(await storage.listSnapshots(boardId)).toEqual([]);
    });

    it.runIf(durable)('rounds survive reopening the database', async () => {
      if (!fixture.reopen) throw new Error('a durable storage fixture must offer reopen()');
      const boardId = newBoardId();
      await storage.createBoard({ id: boardId, title: 'Talks' });
      const r = round(boardId, 'Kept', [7, 7], 3);
      await storage.saveSnapshot(r);
      storage = await fixture.reopen();
      const read = await storage.getSnapshot(boardId, r.id);
      expect(read?.name).toBe('Kept');
      expect(read && [...read.state]).toEqual([7, 7]);
    });
  });
}
