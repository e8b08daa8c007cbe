/**
 * The contract every BoardStorage implementation passes. Run by
 * storage-memory.test.ts and storage-sqlite.test.ts (and later PostgreSQL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardStorage } from '../../server/storage/board-storage.ts';
import { newBoardId } from '../../shared/ids.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates, makeUpdateLog, recordingDoc } from '../helpers/board-updates.ts';

export interface StorageFixture {
  storage: BoardStorage;
  /** Closes and removes whatever the fixture made. */
  dispose(): Promise<void>;
}

export function storageContract(name: string, makeFixture: () => Promise<StorageFixture>): void {
  describe(`BoardStorage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: BoardStorage;

    beforeEach(async () => {
      fixture = await makeFixture();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('creates a board, reads it back and lists it', async () => {
      const id = newBoardId();
      const before = Date.now();
      const created = await storage.createBoard({ id, title: 'Talks' });
      expect(created).toMatchObject({ id, title: 'Talks' });
      expect(created.createdAt).toBeGreaterThanOrEqual(before);
      expect(created.updatedAt).toBe(created.createdAt);
      expect(await storage.getBoard(id)).toEqual(created);
      expect((await storage.listBoards()).map((b) => b.id)).toContain(id);
      expect(await storage.loadUpdates(id)).toEqual([]);
    });

    it('refuses to create a board whose id is taken, leaving the first intact', async () => {
      const id = newBoardId();
      await storage.createBoard({ id, title: 'First', initialUpdate: new Uint8Array([0, 0]) });
      await expect(storage.createBoard({ id, title: 'Second' })).rejects.toThrow(/already exists/);
      expect((await storage.getBoard(id))?.title).toBe('First');
      expect(await storage.loadUpdates(id)).toHaveLength(1);
    });

    it('answers null for boards it does not hold', async () => {
      const id = newBoardId();
      expect(await storage.getBoard(id)).toBeNull();
      expect(await storage.loadUpdates(id)).toBeNull();
      expect(await storage.deleteBoard(id)).toBe(false);
      expect(await storage.compact(id)).toEqual({ replaced: 0, remaining: 0 });
    });

    it('stores the initial update with the board and appends in order', async () => {
      const { updates, board } = makeUpdateLog(12);
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Log board', initialUpdate: updates[0] });
      await storage.appendUpdates([{ boardId: id, updates: updates.slice(1, 5) }]);
      await storage.appendUpdates([{ boardId: id, updates: updates.slice(5) }]);
      const loaded = await storage.loadUpdates(id);
      expect(loaded?.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
      expect(boardFromUpdates(loaded ?? [])).toEqual(board);
    });

    it('commits writes for several boards together, with titles and updatedAt', async () => {
      const a = newBoardId();
      const b = newBoardId();
      const createdA = await storage.createBoard({ id: a, title: 'A' });
      await storage.createBoard({ id: b, title: 'B' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await storage.appendUpdates([
        { boardId: a, updates: [new Uint8Array([1, 2, 3])], title: 'A renamed' },
        { boardId: b, updates: [new Uint8Array([4]), new Uint8Array([5])] },
      ]);
      const recA = await storage.getBoard(a);
      expect(recA?.title).toBe('A renamed');
      expect(recA?.updatedAt).toBeGreaterThan(createdA.updatedAt);
      expect(recA?.createdAt).toBe(createdA.createdAt);
      expect((await storage.getBoard(b))?.title).toBe('B');
      expect((await storage.loadUpdates(a))?.map((u) => [...u])).toEqual([[1, 2, 3]]);
      expect((await storage.loadUpdates(b))?.map((u) => [...u])).toEqual([[4], [5]]);
      expect((await storage.listBoards())[0]?.id).toMatch(new RegExp(`^(${a}|${b})$`));
    });

    it('a batch is all-or-nothing: one bad write stores nothing of it', async () => {
      const a = newBoardId();
      const b = newBoardId();
      await storage.createBoard({ id: a, title: 'A' });
      await storage.createBoard({ id: b, title: 'B' });
      const bad = 'not bytes' as unknown as Uint8Array;
      await expect(
        storage.appendUpdates([
          { boardId: a, updates: [new Uint8Array([1])], title: 'A changed' },
          { boardId: b, updates: [new Uint8Array([2]), bad] },
        ]),
      ).rejects.toThrow();
      expect(await storage.loadUpdates(a)).toEqual([]);
      expect(await storage.loadUpdates(b)).toEqual([]);
      expect((await storage.getBoard(a))?.title).toBe('A');
    });

    it('skips writes for a deleted board without failing the rest of the batch', async () => {
      const kept = newBoardId();
      const gone = newBoardId();
      await storage.createBoard({ id: kept, title: 'Kept' });
      await storage.createBoard({ id: gone, title: 'Gone' });
      expect(await storage.deleteBoard(gone)).toBe(true);
      await storage.appendUpdates([
        { boardId: gone, updates: [new Uint8Array([9])] },
        { boardId: kept, updates: [new Uint8Array([7])] },
      ]);
      expect(await storage.loadUpdates(gone)).toBeNull();
      expect(await storage.getBoard(gone)).toBeNull();
      expect((await storage.loadUpdates(kept))?.map((u) => [...u])).toEqual([[7]]);
    });

    it('deleting a board removes its log; a new board with the same id starts empty', async () => {
      const id = newBoardId();
      await storage.createBoard({ id, title: 'X', initialUpdate: new Uint8Array([1]) });
      await storage.appendUpdates([{ boardId: id, updates: [new Uint8Array([2])] }]);
      expect(await storage.deleteBoard(id)).toBe(true);
      expect((await storage.listBoards()).some((b) => b.id === id)).toBe(false);
      await storage.createBoard({ id, title: 'Y' });
      expect(await storage.loadUpdates(id)).toEqual([]);
    });

    it('keeps the bytes it was given, not a view the caller can change later', async () => {
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Bytes' });
      const update = new Uint8Array([1, 2, 3]);
      await storage.appendUpdates([{ boardId: id, updates: [update] }]);
      update[0] = 99;
      expect((await storage.loadUpdates(id))?.map((u) => [...u])).toEqual([[1, 2, 3]]);
    });

    it('compacts a long log into one row holding the same board', async () => {
      const { updates, board } = makeUpdateLog(1200);
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Log board' });
      await storage.appendUpdates([{ boardId: id, updates }]);
      const result = await storage.compact(id, { batchSize: 100 });
      expect(result).toEqual({ replaced: 1200, remaining: 1 });
      const loaded = (await storage.loadUpdates(id)) ?? [];
      expect(loaded).toHaveLength(1);
      expect(boardFromUpdates(loaded)).toEqual(board);
      // Compacting again has nothing to do.
      expect(await storage.compact(id)).toEqual({ replaced: 0, remaining: 1 });
    });

    it('compaction keeps rows appended while it runs', async () => {
      const { updates } = makeUpdateLog(300);
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Log board' });
      await storage.appendUpdates([{ boardId: id, updates }]);
      const { doc, updates: more } = recordingDoc();
      for (const update of updates) Y.applyUpdate(doc, update);
      addActor(doc, { label: 'Late arrival', kind: 'mediator', x: 1, y: 2 }, createLocalOrigin(), 'late');
      expect(more.length).toBeGreaterThan(updates.length);
      const compaction = storage.compact(id);
      // Appended after compaction has started reading.
      await storage.appendUpdates([{ boardId: id, updates: more.slice(updates.length) }]);
      const result = await compaction;
      expect(result.replaced).toBe(300);
      // A networked storage may commit the append just after the compaction: then it counts 1.
      // Either way the log below must hold both rows.
      expect([1, 2]).toContain(result.remaining);
      const loaded = (await storage.loadUpdates(id)) ?? [];
      expect(loaded).toHaveLength(2);
      const board = boardFromUpdates(loaded);
      expect(board.actors.map((a) => a.id)).toContain('late');
      expect(board.actors).toHaveLength(51);
      doc.destroy();
    });

    it('two concurrent compactions of one board lose nothing', async () => {
      const { updates, board } = makeUpdateLog(400);
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Log board' });
      await storage.appendUpdates([{ boardId: id, updates: updates.slice(0, 200) }]);
      const first = storage.compact(id);
      await storage.appendUpdates([{ boardId: id, updates: updates.slice(200) }]);
      const second = storage.compact(id);
      await Promise.all([first, second]);
      const loaded = (await storage.loadUpdates(id)) ?? [];
      expect(loaded.length).toBeLessThanOrEqual(2);
      expect(boardFromUpdates(loaded)).toEqual(board);
    });

    it('a board deleted during compaction stays deleted', async () => {
      const { updates } = makeUpdateLog(50);
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Doomed' });
      await storage.appendUpdates([{ boardId: id, updates }]);
      const compaction = storage.compact(id);
      await storage.deleteBoard(id);
      await compaction;
      expect(await storage.loadUpdates(id)).toBeNull();
      expect(await storage.getBoard(id)).toBeNull();
    });

    it('refuses work after close', async () => {
      await storage.close();
      await expect(storage.getBoard(newBoardId())).rejects.toThrow();
      await expect(storage.appendUpdates([])).rejects.toThrow();
    });
  });
}
