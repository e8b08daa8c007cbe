/** The messages between the benchmark and its load-generator process (IPC, advanced serialization). */

export interface ConnectCommand {
  cmd: 'connect';
  group: string;
  /** One socket URL per client. */
  urls: string[];
  applyRemote: boolean;
  applyInitial: boolean;
  /** Publish a presence state on connect, as a browser does. */
  presence: boolean;
  /** Per client: content it already holds and pushes to the server (reference seeding), or null. */
  seeds?: (Uint8Array | null)[];
  /** How many connect at once (Infinity: all at once, a join storm). */
  concurrency: number;
  timeoutMs: number;
}

export interface ConnectResult {
  /** Per client, ms from creating the socket to the SyncStep2 being received (NaN: failed). */
  syncMs: number[];
  /** Per client, bytes of the SyncStep2 payload. */
  syncBytes: number[];
  failures: string[];
}

export interface EditsCommand {
  cmd: 'edits';
  group: string;
  /** Per client, the actors it moves (in turn). */
  actorIds: string[][];
  editsPerSec: number;
  cursorsPerSec: number;
  /** Every n-th edit of a client is a rename instead of a move (0: moves only). */
  renameEvery: number;
}

export interface WorkshopCommand {
  cmd: 'workshop';
  group: string;
  actorIds: string[][];
  moves: number;
  edits: number;
  opsPerSecPerClient: number;
  seed: number;
}

export interface WorkshopResult {
  ops: Record<string, number>;
  elapsedMs: number;
}

export interface Counters {
  updates: number;
  awareness: number;
  receivedFrames: number;
}

export interface CountResult {
  actors: number[];
  relations: number[];
}

export type LoadCommand =
  | ConnectCommand
  | EditsCommand
  | WorkshopCommand
  | { cmd: 'counters'; group: string }
  | { cmd: 'stop'; group: string }
  | { cmd: 'count'; group: string }
  | { cmd: 'close'; group: string };

export interface LoadResults {
  connect: ConnectResult;
  edits: null;
  workshop: WorkshopResult;
  counters: Counters;
  stop: Counters;
  count: CountResult;
  close: null;
}

export type Request = LoadCommand & { id: number };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
