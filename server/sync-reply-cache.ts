import type * as Y from 'yjs';
import { encodeSyncStep2 } from './protocol.ts';

/** Distinct state vectors whose replies are kept until the document changes. */
const MAX_ENTRIES = 16;
/** Longer state vectors (documents with many past writers) are not worth a key. */
const MAX_KEY_BYTES = 1024;

/**
 * SyncStep2 replies by state vector, valid until the document changes.
 * Joining clients mostly send the same state vector (empty for a new client,
 * or the same copy after a restart), so a join storm encodes the board once
 * per change of the document, not once per joining client, and every joiner
 * is sent the same bytes.
 */
export class SyncReplyCache {
  private readonly replies = new Map<string, Uint8Array>();

  constructor(private readonly doc: Y.Doc) {}

  reply(stateVector: Uint8Array): Uint8Array {
    const key = stateVector.byteLength <= MAX_KEY_BYTES ? Buffer.from(stateVector).toString('latin1') : null;
    const cached = key === null ? undefined : this.replies.get(key);
    if (cached) return cached;
    const reply = encodeSyncStep2(this.doc, stateVector);
    if (key !== null) {
      if (this.replies.size >= MAX_ENTRIES) this.replies.clear();
      this.replies.set(key, reply);
    }
    return reply;
  }

  /** The document changed: every cached reply is stale. */
  clear(): void {
    this.replies.clear();
  }
}
