/**
 * The access-record part of the storage contract (BoardAccessStorage): token
 * hashes and the lock, stored with the board, changed atomically, deleted with
 * it. Run next to storageContract by each storage's test file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../server/access/tokens.ts';
import type { BoardAccess, ParleyStorage } from '../../server/storage/board-storage.ts';
import { newBoardId } from '../../shared/ids.ts';

export interface AccessStorageFixture {
  storage: ParleyStorage;
  dispose(): Promise<void>;
}

function someAccess(): BoardAccess {
  return {
    ownerTokenHash: hashToken(generateToken()),
    editTokenHash: hashToken(generateToken()),
    viewTokenHash: hashToken(generateToken()),
    locked: false,
  };
}

export function accessStorageContract(name: string, makeFixture: () => Promise<AccessStorageFixture>): void {
  describe(`BoardAccessStorage contract: ${name}`, () => {
    let fixture: AccessStorageFixture;
    let storage: ParleyStorage;

    beforeEach(async () => {
      fixture = await makeFixture();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('stores the access record with the board', async () => {
      const id = newBoardId();
      const access = someAccess();
      await storage.createBoard({ id, title: 'Guarded', access });
      expect(await storage.getAccess(id)).toEqual(access);
    });

    it('a board created without a record has no links and is unlocked', async () => {
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Legacy' });
      expect(await storage.getAccess(id)).toEqual({
        ownerTokenHash: null,
        editTokenHash: null,
        viewTokenHash: null,
        locked: false,
      });
      const owner = hashToken(generateToken());
      expect(await storage.updateAccess(id, { ownerTokenHash: owner })).toMatchObject({
        ownerTokenHash: owner,
        editTokenHash: null,
      });
    });

    it('changes only the given fields and returns the new record', async () => {
      const id = newBoardId();
      const access = someAccess();
      await storage.createBoard({ id, title: 'Guarded', access });
      const edit = hashToken(generateToken());
      expect(await storage.updateAccess(id, { editTokenHash: edit })).toEqual({
        ...access,
        editTokenHash: edit,
      });
      expect(await storage.updateAccess(id, { locked: true })).toEqual({
        ...access,
        editTokenHash: edit,
        locked: true,
      });
      expect(await storage.getAccess(id)).toEqual({ ...access, editTokenHash: edit, locked: true });
      expect(await storage.updateAccess(id, { locked: false, viewTokenHash: null })).toEqual({
        ...access,
        editTokenHash: edit,
        viewTokenHash: null,
        locked: false,
      });
    });

    it('answers null for boards it does not hold, and deletes the record with the board', async () => {
      const unknown = newBoardId();
      expect(await storage.getAccess(unknown)).toBeNull();
      expect(await storage.updateAccess(unknown, { locked: true })).toBeNull();
      expect(await storage.getBoard(unknown)).toBeNull();
      const id = newBoardId();
      await storage.createBoard({ id, title: 'Doomed', access: someAccess() });
      expect(await storage.deleteBoard(id)).toBe(true);
      expect(await storage.getAccess(id)).toBeNull();
      // A new board under the same id does not inherit the old links.
      await storage.createBoard({ id, title: 'Reborn' });
      expect((await storage.getAccess(id))?.ownerTokenHash).toBeNull();
    });

    it('refuses values of the wrong type, changing nothing', async () => {
      const id = newBoardId();
      const access = someAccess();
      await storage.createBoard({ id, title: 'Typed', access });
      await expect(storage.updateAccess(id, { locked: 'yes' as unknown as boolean })).rejects.toThrow();
      await expect(storage.updateAccess(id, { editTokenHash: 5 as unknown as string })).rejects.toThrow();
      expect(await storage.getAccess(id)).toEqual(access);
    });

    it('concurrent changes of different fields both land', async () => {
      const id = newBoardId();
      const access = someAccess();
      await storage.createBoard({ id, title: 'Busy', access });
      const edit = hashToken(generateToken());
      const view = hashToken(generateToken());
      await Promise.all([
        storage.updateAccess(id, { editTokenHash: edit }),
        storage.updateAccess(id, { viewTokenHash: view }),
        storage.updateAccess(id, { locked: true }),
      ]);
      expect(await storage.getAccess(id)).toEqual({
        ...access,
        editTokenHash: edit,
        viewTokenHash: view,
        locked: true,
      });
    });
  });
}
