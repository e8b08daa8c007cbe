/**
 * What one connection and one board may cost the server. The defaults leave
 * room for a busy workshop (the client publishes a cursor every 33 ms and a
 * drag every 40 ms; document edits come per drop or keystroke) while a flood
 * is slowed down, deferred or closed long before it can hurt other boards.
 */
export interface ConnectionLimits {
  /** Document updates (SyncStep2 + Update) per second, and the burst allowed above that. */
  updatesPerSecond: number;
  updateBurst: number;
  /** Bytes of document updates per second and burst (the burst must fit one maxPayload frame). */
  updateBytesPerSecond: number;
  updateBytesBurst: number;
  /** Awareness messages per second and burst; beyond it the latest state waits for its turn. */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** Sync requests (SyncStep1, awareness queries) per second and burst: each costs the server an encode. */
  syncRequestsPerSecond: number;
  syncRequestBurst: number;
  /** Largest awareness state (JSON characters) published for one client id. */
  maxAwarenessStateBytes: number;
  /** Bytes of updates a connection may have waiting for changes the server does not have yet. */
  maxPendingBytes: number;
  /** How long such updates may wait before the connection is closed (1007). */
  maxPendingMs: number;
  /** A connection whose unsent backlog passes this (bytes) is closed (1013) instead of buffering more. */
  maxSendBuffer: number;
}

export interface BoardLimits {
  /** Encoded size (bytes) a board's document may grow to; updates beyond it are refused (4413). */
  maxBoardBytes: number;
}

export type ServerLimits = ConnectionLimits & BoardLimits;

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ServerLimits = {
  // Far above a person (a few per second) and above scripted workshop clients (50/s in bench/).
  updatesPerSecond: 100,
  updateBurst: 500,
  updateBytesPerSecond: 2 * MiB,
  updateBytesBurst: 16 * MiB,
  awarenessPerSecond: 60,
  awarenessBurst: 120,
  syncRequestsPerSecond: 2,
  syncRequestBurst: 10,
  maxAwarenessStateBytes: 64 * 1024,
  maxPendingBytes: 1 * MiB,
  maxPendingMs: 10_000,
  maxSendBuffer: 4 * MiB,
  maxBoardBytes: 32 * MiB,
};
