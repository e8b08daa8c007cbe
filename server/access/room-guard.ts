/**
 * The access and limit checks of one room, kept out of room.ts so that the
 * room stays about sync and durability. The room calls these hooks; the
 * guard answers whether to go on, and closes connections that break limits.
 *
 * Per connection: its role (from its token, checked at the HTTP upgrade),
 * rate limits, the awareness client id it owns, updates waiting for missing
 * dependencies. Per board: the lock, whether storage accepts writes, its size.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE, type Connection } from '../connection.ts';
import { BoardSizeGuard } from '../limits/board-size.ts';
import type { ServerLimits } from '../limits/limits.ts';
import { PendingUpdates } from '../limits/pending-updates.ts';
import { TokenBucket } from '../limits/rate-limit.ts';
import type { ClientMessage } from '../protocol.ts';
import { encodeSyncStep1 } from '../protocol.ts';
import { filterAwareness } from './awareness-policy.ts';
import type { Role } from './board-access.ts';
import { REFUSAL_REASON, updateVerdict } from './message-policy.ts';
import { encodePermissionDenied, encodeSessionStatus, type SessionStatus } from './session-messages.ts';

export interface GuardedRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections: Set<Connection>;
  removeConnection(conn: Connection): void;
}

interface ConnState {
  updates: TokenBucket;
  updateBytes: TokenBucket;
  awareness: TokenBucket;
  syncRequests: TokenBucket;
  /** The awareness client id this connection owns. */
  awarenessId: number | null;
  /** The latest awareness update that arrived over the rate, applied when its turn comes. */
  deferredAwareness: Uint8Array | null;
  awarenessTimer: NodeJS.Timeout | null;
  /** The refusal this connection was last told about (told once per episode). */
  toldRefusal: string | null;
  /** The status last sent (JSON), to send only changes. */
  sentStatus: string | null;
}

/** Retries of held updates per incoming update: each needs the document to have advanced. */
const MAX_RETRY_ROUNDS = 32;

export class RoomGuard {
  private readonly states = new Map<Connection, ConnState>();
  private readonly owners = new Map<number, Connection>();
  private readonly size: BoardSizeGuard;
  private readonly pending: PendingUpdates<Connection>;
  private locked: boolean;
  private storageFailing = false;
  private disposed = false;

  constructor(
    private readonly room: GuardedRoom,
    private readonly limits: ServerLimits,
    private readonly logger: Logger,
    locked: boolean,
  ) {
    this.locked = locked;
    this.size = new BoardSizeGuard(room.doc, limits.maxBoardBytes);
    this.pending = new PendingUpdates<Connection>(
      room.doc,
      limits.maxPendingBytes,
      limits.maxPendingMs,
      (conn) => this.closeConn(conn, CLOSE.malformed, 'update depends on changes the server never received'),
    );
  }

  get isLocked(): boolean {
    return this.locked;
  }

  get isStorageFailing(): boolean {
    return this.storageFailing;
  }

  /** Whether the server applies this connection's document updates now. */
  mayWrite(conn: Connection): boolean {
    return updateVerdict(conn.role, this.locked, this.storageFailing) === 'apply';
  }

  // --- connections -------------------------------------------------------

  join(conn: Connection): void {
    const l = this.limits;
    this.states.set(conn, {
      updates: new TokenBucket(l.updatesPerSecond, l.updateBurst),
      updateBytes: new TokenBucket(l.updateBytesPerSecond, l.updateBytesBurst),
      awareness: new TokenBucket(l.awarenessPerSecond, l.awarenessBurst),
      syncRequests: new TokenBucket(l.syncRequestsPerSecond, l.syncRequestBurst),
      awarenessId: null,
      deferredAwareness: null,
      awarenessTimer: null,
      toldRefusal: null,
      sentStatus: null,
    });
    this.sendStatus(conn);
  }

  leave(conn: Connection): void {
    const state = this.states.get(conn);
    if (!state) return;
    this.states.delete(conn);
    if (state.awarenessTimer) clearTimeout(state.awarenessTimer);
    if (state.awarenessId !== null && this.owners.get(state.awarenessId) === conn) {
      this.owners.delete(state.awarenessId);
    }
    this.pending.drop(conn);
  }

  private closeConn(conn: Connection, code: number, reason: string): void {
    if (this.disposed) return;
    this.logger.warn(
      { board: this.room.boardId, conn: conn.id, role: conn.role, code, reason },
      'closing connection',
    );
    conn.close(code, reason);
    this.room.removeConnection(conn);
  }

  // --- messages ----------------------------------------------------------

  /**
   * Rate limits and role checks for a decoded message; false when the room
   * must not handle it (it was refused, or the connection was closed).
   */
  admit(conn: Connection, message: ClientMessage): boolean {
    const state = this.states.get(conn);
    if (!state) return false;
    switch (message.kind) {
      case 'sync-step1':
      case 'query-awareness':
        if (!state.syncRequests.take()) {
          this.closeConn(conn, CLOSE.tryAgainLater, 'too many sync requests; slow down');
          return false;
        }
        return true;
      case 'update': {
        if (!state.updates.take() || !state.updateBytes.take(message.update.byteLength)) {
          this.closeConn(conn, CLOSE.tryAgainLater, 'too many updates; slow down');
          return false;
        }
        const verdict = updateVerdict(conn.role, this.locked, this.storageFailing);
        if (verdict === 'apply') return true;
        const reason = REFUSAL_REASON[verdict];
        if (state.toldRefusal !== reason) {
          state.toldRefusal = reason;
          conn.send(encodePermissionDenied(reason));
        }
        return false;
      }
      case 'awareness':
        return true;
    }
  }

  /**
   * The awareness update to apply for this connection (filtered and
   * rewritten), or null. Over the rate, the latest update waits for the
   * connection's next turn instead, so the final state always arrives.
   */
  awareness(conn: Connection, update: Uint8Array): Uint8Array | null {
    const state = this.states.get(conn);
    if (!state) return null;
    const filtered = filterAwareness(update, {
      role: conn.role,
      owned: state.awarenessId,
      ownedElsewhere: (id) => {
        const owner = this.owners.get(id);
        return owner !== undefined && owner !== conn;
      },
      maxStateBytes: this.limits.maxAwarenessStateBytes,
    });
    if (filtered.claimed !== null) {
      state.awarenessId = filtered.claimed;
      this.owners.set(filtered.claimed, conn);
    }
    if (filtered.update === null) return null;
    if (state.deferredAwareness === null && state.awareness.take()) return filtered.update;
    // Only the owned id survives filtering, so the newest update supersedes any waiting one.
    state.deferredAwareness = filtered.update;
    if (state.awarenessTimer === null) {
      state.awarenessTimer = setTimeout(() => this.flushAwareness(conn), state.awareness.waitMs());
      state.awarenessTimer.unref();
    }
    return null;
  }

  private flushAwareness(conn: Connection): void {
    const state = this.states.get(conn);
    if (!state || this.disposed) return;
    state.awarenessTimer = null;
    const update = state.deferredAwareness;
    if (update === null || !conn.isOpen) return;
    if (!state.awareness.take()) {
      state.awarenessTimer = setTimeout(() => this.flushAwareness(conn), state.awareness.waitMs());
      state.awarenessTimer.unref();
      return;
    }
    state.deferredAwareness = null;
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, conn);
  }

  // --- document updates ----------------------------------------------------

  /** Before applying a client update: refuses one that would push the board past its size cap. */
  admitsUpdate(conn: Connection, update: Uint8Array): boolean {
    if (this.size.admits(update.byteLength)) {
      this.size.reserve(update.byteLength);
      return true;
    }
    this.closeConn(
      conn,
      CLOSE.boardFull,
      `board is full (${Math.round(this.limits.maxBoardBytes / 1024 / 1024)} MiB): change not accepted`,
    );
    return false;
  }

  /** The board's stored size as loaded: a starting estimate for the size cap. */
  assumeSize(bytes: number): void {
    this.size.assumeSize(bytes);
  }

  /** The document emitted an update of this many bytes. */
  grew(bytes: number): void {
    this.size.grew(bytes);
  }

  /** Every admitted update has been applied (the size estimate counts them through grew). */
  appliedAdmitted(): void {
    this.size.settle();
  }

  /**
   * After a client update was applied (or failed half-way), inside the room's
   * transaction for the commit: moves what the document could not integrate
   * into the sender's hold, then retries held updates whose dependencies have
   * now arrived.
   */
  afterUpdate(conn: Connection): void {
    this.capture(conn);
    for (let round = 0; round < MAX_RETRY_ROUNDS && this.pending.size > 0; round += 1) {
      const ready = this.pending.takeReady();
      if (ready.length === 0) return;
      for (const { key, update } of ready) {
        if (!key.isOpen || !this.states.has(key)) continue;
        if (!this.mayWrite(key) || !this.admitsUpdate(key, update)) continue;
        try {
          // Inside the room's transaction for this commit (Room.applyIncoming), whose origin counts.
          Y.applyUpdateV2(this.room.doc, update);
        } catch (error) {
          this.closeConn(key, CLOSE.malformed, 'malformed message');
          this.logger.warn({ err: error, board: this.room.boardId }, 'a held update failed to apply');
        }
        this.capture(key);
      }
    }
  }

  private capture(conn: Connection): void {
    const open = conn.isOpen && this.states.has(conn);
    const result = this.pending.capture(open ? conn : null);
    if (result === 'over-limit') {
      this.closeConn(conn, CLOSE.malformed, 'too many updates depend on changes the server never received');
    }
  }

  // --- board state ---------------------------------------------------------

  setLocked(locked: boolean): void {
    if (this.locked === locked) return;
    this.writabilityChanges(() => {
      this.locked = locked;
    });
  }

  /** A commit of this board failed: refuse changes until one succeeds. */
  storageFailed(): void {
    if (this.storageFailing) return;
    this.logger.error({ board: this.room.boardId }, 'storage failing: refusing changes to this board');
    this.writabilityChanges(() => {
      this.storageFailing = true;
    });
  }

  storageOk(): void {
    if (!this.storageFailing) return;
    this.logger.info({ board: this.room.boardId }, 'storage recovered: accepting changes again');
    this.writabilityChanges(() => {
      this.storageFailing = false;
    });
  }

  /**
   * Applies a change of lock or storage state. Connections that become
   * writable are asked for what they have (SyncStep1), so changes refused
   * meanwhile arrive now; everyone who asked gets the new status.
   */
  private writabilityChanges(change: () => void): void {
    const before = new Map([...this.states.keys()].map((conn) => [conn, this.mayWrite(conn)]));
    change();
    for (const [conn, state] of this.states) {
      const now = this.mayWrite(conn);
      if (now && !before.get(conn)) {
        state.toldRefusal = null;
        conn.send(encodeSyncStep1(this.room.doc));
      }
      this.sendStatus(conn);
    }
  }

  /** Closes the connections that used a role's token, which was just replaced. */
  revoke(role: Role, code: number, reason: string): void {
    for (const conn of [...this.states.keys()]) {
      if (conn.role === role) this.closeConn(conn, code, reason);
    }
  }

  private sendStatus(conn: Connection): void {
    if (!conn.wantsStatus) return;
    const state = this.states.get(conn);
    if (!state) return;
    const status: SessionStatus = {
      role: conn.role,
      writable: this.mayWrite(conn),
      locked: this.locked,
      storage: this.storageFailing ? 'failing' : 'ok',
    };
    const json = JSON.stringify(status);
    if (json === state.sentStatus) return;
    state.sentStatus = json;
    conn.send(encodeSessionStatus(status));
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.states.values()) if (state.awarenessTimer) clearTimeout(state.awarenessTimer);
    this.states.clear();
    this.owners.clear();
    this.pending.dispose();
  }
}
