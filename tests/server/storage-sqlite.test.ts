import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { newBoardId } from '../../shared/ids.ts';
import { boardFromUpdates, makeUpdateLog } from '../helpers/board-updates.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { accessStorageContract } from './storage-access-contract.ts';
import { storageContract } from './storage-contract.ts';
import { snapshotStorageContract } from './storage-snapshot-contract.ts';

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

accessStorageContract('sqlite', async () => {
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

snapshotStorageContract(
  'sqlite',
  async () => {
    const tmp = await makeTempDir('parley-sqlite-');
    const file = path.join(tmp.dir, 'parley.db');
    let storage = new SqliteBoardStorage(file);
    return {
      storage,
      reopen: async () => {
        await storage.close();
        storage = new SqliteBoardStorage(file);
        return storage;
      },
      dispose: async () => {
        await storage.close();
        await tmp.remove();
      },
    };
  },
  true,
);

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

  it('upgrades a version-1 database in place: its boards keep their logs and get an empty access record', async () => {
    const tmp = await makeTempDir('parley-sqlite-');
    const file = path.join(tmp.dir, 'parley.db');
    const id = newBoardId();
    const old = new Database(file);
    old.exec(`CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL) STRICT;
      CREATE TABLE board_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE, data BLOB NOT NULL) STRICT;`);
    old.prepare('INSERT INTO boards VALUES (?, ?, 1, 1)').run(id, 'Old board');
    old.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)').run(id, Buffer.from([0, 0]));
    old.pragma('user_version = 1');
    old.close();
    const storage = new SqliteBoardStorage(file);
    expect(await storage.loadUpdates(id)).toHaveLength(1);
    expect(await storage.getAccess(id)).toMatchObject({ ownerTokenHash: null, locked: false });
    await storage.close();
    const probe = new Database(file, { readonly: true });
    expect(probe.pragma('user_version', { simple: true })).toBe(3);
    probe.close();
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
