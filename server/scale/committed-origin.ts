/**
 * Transaction origins for updates that are already durable: another process
 * committed them (and published them through Redis), or this process read
 * them back from the stored log. A room shows them to its clients at once and
 * never queues them for storage again.
 */
export interface CommittedOrigin {
  readonly kind: 'committed';
  readonly source: 'remote-process' | 'storage-catch-up';
}

export const REMOTE_PROCESS_ORIGIN: CommittedOrigin = Object.freeze({
  kind: 'committed',
  source: 'remote-process',
});

export const STORAGE_CATCH_UP_ORIGIN: CommittedOrigin = Object.freeze({
  kind: 'committed',
  source: 'storage-catch-up',
});

export function isCommittedOrigin(value: unknown): value is CommittedOrigin {
  return value === REMOTE_PROCESS_ORIGIN || value === STORAGE_CATCH_UP_ORIGIN;
}

/** Origin of awareness states received from another process (never published again). */
export const REMOTE_AWARENESS_ORIGIN = Object.freeze({ kind: 'remote-process-awareness' });
