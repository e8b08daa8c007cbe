import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { accessStorageContract } from './storage-access-contract.ts';
import { storageContract } from './storage-contract.ts';
import { snapshotStorageContract } from './storage-snapshot-contract.ts';

storageContract('memory', async () => {
  const storage = new MemoryBoardStorage();
  return { storage, dispose: () => storage.close() };
});

accessStorageContract('memory', async () => {
  const storage = new MemoryBoardStorage();
  return { storage, dispose: () => storage.close() };
});

snapshotStorageContract(
  'memory',
  async () => {
    const storage = new MemoryBoardStorage();
    return { storage, dispose: () => storage.close() };
  },
  false,
);
