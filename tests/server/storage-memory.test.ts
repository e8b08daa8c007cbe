import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { accessStorageContract } from './storage-access-contract.ts';
import { storageContract } from './storage-contract.ts';

storageContract('memory', async () => {
  const storage = new MemoryBoardStorage();
  return { storage, dispose: () => storage.close() };
});

accessStorageContract('memory', async () => {
  const storage = new MemoryBoardStorage();
  return { storage, dispose: () => storage.close() };
});
