/**
 * The open boards. Each board is loaded once even when many clients join at
 * the same moment; clients that join while it loads have their messages held
 * and replayed in order once it is ready, so nobody syncs against a
 * half-loaded board. A failed load refuses the waiting clients (4500) and is
 * not remembered, so the next join tries again. A room unloads when its last
 * client leaves and its writes are committed.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { LOAD_ORIGIN } from '../shared/origins.ts';
import { HASH_FIELD, type Role } from './access/board-access.ts';
import { hashesEqual } from './access/tokens.ts';
import { CLOSE, type ClientSocket, Connection } from './connection.ts';
import { GroupCommitter, type GroupCommitterOptions } from './group-commit.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './limits/limits.ts';
import { discardPending } from './limits/pending-updates.ts';
import { createBoardDoc } from './new-board-doc.ts';
import { Room } from './room.ts';
import type { LocalAccessTarget, RoomPeers } from './scale/room-peers.ts';
import type { BoardAccess, BoardStorage } from './storage/board-storage.ts';
import { applyUpdatesInBatches, DEFAULT_MERGE_BATCH } from './storage/merge-through-doc.ts';

export interface RegistryOptions {
  /** Compact a live board's log once it has more rows than this. */
  compactThreshold: number;
  /** Updates applied per Y.Doc transaction when loading and compacting. */
  mergeBatchSize: number;
  /** Bytes a client may send before its board has loaded; more closes it (1009). */
  maxBufferedBytes: number;
  /** Per-connection and per-board limits (server/limits/limits.ts). */
  limits: ServerLimits;
  commit?: GroupCommitterOptions;
}

/** Registry options as given: any subset, limits included. */
export type RegistryConfig = Partial<Omit<RegistryOptions, 'limits'>> & { limits?: Partial<ServerLimits> };

/** What a connection's token allowed, checked at the HTTP upgrade. */
export interface ConnectionGrant {
  role: Role;
  /** The board's lock as read with the token (used when this connection opens the room). */
  locked: boolean;
  /** The client asked for session status messages. */
  wantsStatus: boolean;
  /** SHA-256 of the token it connected with (null or absent: not a board token, e.g. ADMIN_TOKEN), re-checked after missed access events. */
  tokenHash?: string | null;
}

export const DEFAULT_REGISTRY_OPTIONS: RegistryOptions = {
  compactThreshold: 500,
  mergeBatchSize: DEFAULT_MERGE_BATCH,
  maxBufferedBytes: 16 * 1024 * 1024,
  limits: DEFAULT_LIMITS,
};

const COMPACTION_RETRY_MS = 30_000;

/** How the WebSocket layer talks to a connection's room. */
export interface ConnectionHandle {
  receive(data: Uint8Array): void;
  /** The socket closed (for whatever reason). */
  disconnected(): void;
}

interface Joiner {
  conn: Connection;
  buffer: Uint8Array[];
  bufferedBytes: number;
  room: Room | null;
}

type Entry =
  | { state: 'loading'; joiners: Set<Joiner>; cancelled: boolean; locked: boolean }
  | { state: 'ready'; room: Room };

export class RoomRegistry implements LocalAccessTarget {
  readonly committer: GroupCommitter;
  private readonly entries = new Map<string, Entry>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly unloading = new WeakSet<Room>();
  private readonly tokenHashes = new WeakMap<Connection, string>();
  private readonly options: RegistryOptions;
  private closing = false;

  constructor(
    private readonly storage: BoardStorage,
    private readonly logger: Logger,
    options: RegistryConfig = {},
    /** Other processes with the same boards open (server/scale/); null when this one is alone. */
    private readonly peers: RoomPeers | null = null,
  ) {
    this.options = {
      ...DEFAULT_REGISTRY_OPTIONS,
      ...options,
      limits: { ...DEFAULT_REGISTRY_OPTIONS.limits, ...options.limits },
    };
    this.committer = new GroupCommitter(storage, logger, this.options.commit);
  }

  /** The loaded room of a board, if any (diagnostics and tests). */
  peek(boardId: string): Room | undefined {
    const entry = this.entries.get(boardId);
    return entry?.state === 'ready' ? entry.room : undefined;
  }

  get roomCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.state === 'ready') n += 1;
    return n;
  }

  get connectionCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) {
      n += entry.state === 'ready' ? entry.room.connections.size : entry.joiners.size;
    }
    return n;
  }

  /** A client connected to a board (its id and token already checked). */
  connect(boardId: string, socket: ClientSocket, grant: ConnectionGrant): ConnectionHandle {
    const conn = new Connection(boardId, socket, grant.role, grant.wantsStatus);
    if (grant.tokenHash) this.tokenHashes.set(conn, grant.tokenHash);
    if (this.closing) {
      conn.close(CLOSE.shuttingDown, 'server shutting down');
      return { receive: () => {}, disconnected: () => {} };
    }
    const joiner: Joiner = { conn, buffer: [], bufferedBytes: 0, room: null };
    const entry = this.entries.get(boardId);
    if (entry?.state === 'ready') {
      joiner.room = entry.room;
      entry.room.addConnection(conn);
    } else if (entry?.state === 'loading') {
      entry.joiners.add(joiner);
    } else {
      this.startLoad(boardId, joiner, grant.locked);
    }
    return {
      receive: (data) => {
        if (!conn.isOpen) return;
        if (joiner.room) {
          joiner.room.receive(conn, data);
          return;
        }
        joiner.bufferedBytes += data.byteLength;
        if (joiner.bufferedBytes > this.options.maxBufferedBytes) {
          conn.close(CLOSE.tooBig, 'too much data before the board loaded');
          this.dropJoiner(boardId, joiner);
          return;
        }
        // Copied: the socket layer may reuse the frame's memory.
        joiner.buffer.push(data.slice());
      },
      disconnected: () => {
        conn.markClosed();
        if (joiner.room) joiner.room.removeConnection(conn);
        else this.dropJoiner(boardId, joiner);
      },
    };
  }

  private dropJoiner(boardId: string, joiner: Joiner): void {
    const entry = this.entries.get(boardId);
    if (entry?.state === 'loading') entry.joiners.delete(joiner);
  }

  private startLoad(boardId: string, first: Joiner, locked: boolean): void {
    const entry: Entry = { state: 'loading', joiners: new Set([first]), cancelled: false, locked };
    this.entries.set(boardId, entry);
    this.track(this.load(boardId, entry));
  }

  private async load(boardId: string, entry: Entry & { state: 'loading' }): Promise<void> {
    let doc: Y.Doc | null = null;
    let updates: Uint8Array[] | null;
    try {
      updates = await this.storage.loadUpdates(boardId);
      if (entry.cancelled) return;
      if (updates !== null) {
        doc = createBoardDoc();
        applyUpdatesInBatches(doc, updates, this.options.mergeBatchSize, LOAD_ORIGIN);
        // Only integrated updates are ever stored; anything left pending is not served either.
        if (discardPending(doc))
          this.logger.error({ board: boardId }, 'stored log has unresolved updates; ignored');
      }
    } catch (error) {
      doc?.destroy();
      this.logger.error({ err: error, board: boardId }, 'board failed to load');
      this.refuse(boardId, entry, CLOSE.loadFailed, 'board could not be loaded; try again later');
      return;
    }
    if (entry.cancelled) {
      doc?.destroy();
      return;
    }
    if (updates === null || doc === null) {
      this.refuse(boardId, entry, CLOSE.notFound, 'board not found');
      return;
    }
    const room = new Room(
      boardId,
      doc,
      updates.length,
      this.committer,
      this.logger,
      {
        onEmpty: (r) => this.track(this.unloadWhenIdle(r)),
        onCommitted: (r, written) => {
          this.peers?.committed(r, written);
          if (r.rowCount > this.options.compactThreshold && !r.compacting) this.compactLive(r);
        },
      },
      { limits: this.options.limits, locked: entry.locked },
    );
    // The log's bytes bound the encoded size from above: no full encode before the first edit.
    room.guard.assumeSize(updates.reduce((sum, update) => sum + update.byteLength, 0));
    this.entries.set(boardId, { state: 'ready', room });
    this.peers?.opened(room);
    this.logger.debug({ board: boardId, rows: updates.length }, 'board loaded');
    const joiners = [...entry.joiners];
    for (const joiner of joiners) {
      joiner.room = room;
      room.addConnection(joiner.conn);
    }
    // Replay, in arrival order, what each client sent while the board loaded.
    for (const joiner of joiners) {
      const buffered = joiner.buffer;
      joiner.buffer = [];
      for (const data of buffered) room.receive(joiner.conn, data);
    }
    if (room.connections.size === 0) this.track(this.unloadWhenIdle(room));
    if (updates.length > this.options.compactThreshold) this.compactLive(room);
  }

  /** Refuses the waiting clients; the failure is not cached, so a later join loads again. */
  private refuse(boardId: string, entry: Entry & { state: 'loading' }, code: number, reason: string): void {
    if (this.entries.get(boardId) === entry) this.entries.delete(boardId);
    for (const joiner of entry.joiners) joiner.conn.close(code, reason);
    entry.joiners.clear();
  }

  private async unloadWhenIdle(room: Room): Promise<void> {
    if (this.unloading.has(room)) return;
    this.unloading.add(room);
    try {
      // Never unload synchronously inside the message handler that emptied the room.
      await new Promise((resolve) => setImmediate(resolve));
      while (room.hasUncommitted && !room.isDisposed) await room.whenCommitted();
    } finally {
      this.unloading.delete(room);
    }
    if (room.connections.size > 0 || room.isDisposed || this.closing) return;
    if (this.peek(room.boardId) !== room) return;
    this.entries.delete(room.boardId);
    const compact = room.rowCount > 1 && !room.compacting;
    this.peers?.closed(room);
    room.dispose();
    this.logger.debug({ board: room.boardId }, 'board unloaded');
    if (compact) this.track(this.compact(room.boardId));
  }

  private compactLive(room: Room): void {
    if (Date.now() < room.compactNotBefore) return;
    room.compacting = true;
    this.track(
      this.compact(room.boardId).then((result) => {
        room.compacting = false;
        if (result === null) {
          // Failed: do not retry on every commit.
          room.compactNotBefore = Date.now() + COMPACTION_RETRY_MS;
        } else if (result.replaced > 0) {
          // What is left, counting rows other processes appended meanwhile.
          room.rowCount = result.remaining;
        }
      }),
    );
  }

  private async compact(boardId: string): Promise<{ replaced: number; remaining: number } | null> {
    try {
      const result = await this.storage.compact(boardId, { batchSize: this.options.mergeBatchSize });
      this.logger.debug({ board: boardId, ...result }, 'board log compacted');
      return result;
    } catch (error) {
      if (!this.closing) this.logger.warn({ err: error, board: boardId }, 'compaction failed');
      return null;
    }
  }

  /**
   * Reads a board: from its live document when it is open (answered only once
   * what was read is committed), else from storage without opening a room.
   * Null when there is no such board.
   */
  async readBoard<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T | null> {
    const room = this.peek(boardId);
    if (room && !room.isDisposed) {
      room.applyIncoming();
      const value = read(room.doc);
      await room.whenCommitted();
      return value;
    }
    const updates = await this.storage.loadUpdates(boardId);
    if (updates === null) return null;
    const doc = createBoardDoc();
    try {
      applyUpdatesInBatches(doc, updates, this.options.mergeBatchSize, LOAD_ORIGIN);
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** The owner locked or unlocked a board: its editors become read-only or writable now, on every process. */
  setLocked(boardId: string, locked: boolean): void {
    this.applyLock(boardId, locked);
    this.peers?.accessChanged(boardId, { kind: 'lock' });
  }

  /** Applies a lock change on this process only. */
  applyLock(boardId: string, locked: boolean): void {
    const entry = this.entries.get(boardId);
    if (entry?.state === 'loading') entry.locked = locked;
    else if (entry?.state === 'ready') entry.room.guard.setLocked(locked);
  }

  /** A role's token was replaced: closes the connections that used the old one, on every process. */
  revoke(boardId: string, role: Role, code: number, reason: string): void {
    this.applyRevoke(boardId, role, code, reason);
    this.peers?.accessChanged(boardId, { kind: 'revoke', role });
  }

  /** Closes this process's connections of a role whose token was replaced. */
  applyRevoke(boardId: string, role: Role, code: number, reason: string): void {
    const entry = this.entries.get(boardId);
    if (entry?.state === 'ready') {
      entry.room.guard.revoke(role, code, reason);
    } else if (entry?.state === 'loading') {
      for (const joiner of [...entry.joiners]) {
        if (joiner.conn.role !== role) continue;
        joiner.conn.close(code, reason);
        entry.joiners.delete(joiner);
      }
    }
  }

  /** Open boards whose last commit failed (they refuse changes until storage works again). */
  get storageFailingBoards(): string[] {
    const failing: string[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.state === 'ready' && entry.room.guard.isStorageFailing) failing.push(id);
    }
    return failing;
  }

  /**
   * Brings this process in line with a board's stored access record (read
   * after a missed access event, server/scale/): applies its lock and closes
   * connections whose token no longer grants their role.
   */
  applyAccessRecord(boardId: string, access: BoardAccess, code: number): void {
    const entry = this.entries.get(boardId);
    if (!entry) return;
    const replaced = (conn: Connection): boolean => {
      const hash = this.tokenHashes.get(conn);
      return hash !== undefined && !hashesEqual(hash, access[HASH_FIELD[conn.role]]);
    };
    if (entry.state === 'loading') {
      entry.locked = access.locked;
      for (const joiner of [...entry.joiners]) {
        if (!replaced(joiner.conn)) continue;
        joiner.conn.close(code, `the ${joiner.conn.role} link was replaced`);
        entry.joiners.delete(joiner);
      }
      return;
    }
    for (const conn of [...entry.room.connections]) {
      if (!replaced(conn)) continue;
      conn.close(code, `the ${conn.role} link was replaced`);
      entry.room.removeConnection(conn);
    }
    entry.room.guard.setLocked(access.locked);
  }

  /** Closes a board's clients and drops its room (the board was deleted), on every process. */
  evict(boardId: string, code: number, reason: string): void {
    this.applyEvict(boardId, code, reason);
    this.peers?.accessChanged(boardId, { kind: 'deleted' });
  }

  /** Closes this process's clients of a board and drops its room. */
  applyEvict(boardId: string, code: number, reason: string): void {
    const entry = this.entries.get(boardId);
    if (!entry) return;
    this.entries.delete(boardId);
    if (entry.state === 'loading') {
      entry.cancelled = true;
      for (const joiner of entry.joiners) joiner.conn.close(code, reason);
      entry.joiners.clear();
    } else {
      entry.room.closeConnections(code, reason);
      this.peers?.closed(entry.room);
      entry.room.dispose();
    }
  }

  /**
   * Shutdown: closes every client (1001) so no new edits arrive, commits what
   * is queued, then frees every room. Rejects if the writes cannot be committed.
   */
  async close(): Promise<void> {
    this.closing = true;
    const rooms: Room[] = [];
    for (const entry of this.entries.values()) {
      if (entry.state === 'loading') {
        entry.cancelled = true;
        for (const joiner of entry.joiners) joiner.conn.close(CLOSE.shuttingDown, 'server shutting down');
        entry.joiners.clear();
      } else {
        entry.room.closeConnections(CLOSE.shuttingDown, 'server shutting down');
        rooms.push(entry.room);
      }
    }
    try {
      await this.committer.flush();
    } finally {
      for (const room of rooms) {
        this.peers?.closed(room);
        room.dispose();
      }
      this.entries.clear();
      await Promise.allSettled([...this.background]);
    }
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => {
      this.logger.error({ err: error }, 'background task failed');
    });
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }
}
