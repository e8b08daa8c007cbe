import * as Y from 'yjs';

/** Default number of updates applied per Y.Doc transaction when loading or compacting. */
export const DEFAULT_MERGE_BATCH = 256;

/**
 * Applies updates to a document, `batchSize` per transaction. One transaction
 * per update would emit an event and re-run cleanup for each; one transaction
 * for all of them holds every change of a large log in memory at once. Batches
 * bound both. The updates are applied in order, so pending structs resolve as
 * their dependencies arrive.
 */
export function applyUpdatesInBatches(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  batchSize = DEFAULT_MERGE_BATCH,
  origin: unknown = null,
): void {
  const size = Math.max(1, Math.floor(batchSize));
  for (let start = 0; start < updates.length; start += size) {
    const end = Math.min(start + size, updates.length);
    doc.transact(() => {
      for (let i = start; i < end; i += 1) Y.applyUpdate(doc, updates[i] as Uint8Array);
    }, origin);
  }
}

/**
 * Merges a log of updates into one by replaying it through a fresh Y.Doc.
 * `Y.mergeUpdates` over thousands of updates is quadratic; a document
 * integrates each update in near-linear time and garbage-collects deleted
 * content on the way. Pending structs (updates whose dependencies are missing)
 * are kept: `encodeStateAsUpdate` includes them.
 */
export function mergeUpdatesThroughDoc(
  updates: readonly Uint8Array[],
  batchSize = DEFAULT_MERGE_BATCH,
): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    applyUpdatesInBatches(doc, updates, batchSize);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
