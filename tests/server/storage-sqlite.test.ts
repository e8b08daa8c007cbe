import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { newBoardId } from '../../shared/ids.ts';
import { boardFromUpdates, makeUpdateLog } from '../helpers/board-updates.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { storageContract } from './storage-contract.ts';

storageContract('sqlite', async () => {
  const tmp = await makeTempDir('parley-sqlite-');
  const storage = new SqliteBoardStorage(path.join(tmp.dir, 'parley.db'));
  return {
    storage,
    dispose: async () => {
      await storage.close();
      await tmp.remove();
    },
  };
});

describe('SqliteBoardStorage on disk', () => {
  it('creates its directory and file, in WAL mode', async () => {
    const tmp = await makeTempDir('parley-sqlite-');
    const file = path.join(tmp.dir, 'nested', 'dir', 'parley.db');
    const storage = new SqliteBoardStorage(file);
    await storage.createBoard({ id: newBoardId(), title: 'x' });
    expect(fs.existsSync(file)).toBe(true);
    const probe = new Database(file, { readonly: true });
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    await storage.close();
    await tmp.remove();
  });

  it('keeps boards and logs across close and reopen', async () => {
    const tmp = await makeTempDir('parley-sqlite-');
    const file = path.join(tmp.dir, 'parley.db');
    const { updates, board } = makeUpdateLog(40);
    const id = newBoardId();
    const first = new SqliteBoardStorage(file);
    await first.createBoard({ id, title: 'Persistent', initialUpdate: updates[0] });
    await first.appendUpdates([{ boardId: id, updates: updates.slice(1), title: 'Renamed' }]);
    await first.close();

    const second = new SqliteBoardStorage(file);
    expect((await second.getBoard(id))?.title).toBe('Renamed');
    expect(boardFromUpdates((await second.loadUpdates(id)) ?? [])).toEqual(board);
    await second.close();
    await tmp.remove();
  });

  it('refuses a database written by a newer schema instead of guessing', async () => {
    const tmp = await makeTempDir('parley-sqlite-');
    const file = path.join(tmp.dir, 'parley.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteBoardStorage(file)).toThrow(/schema version 99/);
    await tmp.remove();
  });
});
