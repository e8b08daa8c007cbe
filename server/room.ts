/**
 * One open board: its Y.Doc, its awareness and its connections.
 *
 * Durability rule: an update is shown to other clients only after storage has
 * committed it. A client's update is applied to the server's document; the
 * bytes the document emits (never the client's raw message) are queued; the
 * group committer writes them; only then are they broadcast. A sync reply
 * (SyncStep2) asked for while edits are still uncommitted is held until they
 * are, so no client ever sees an edit that a crash could still lose.
 *
 * Client updates are applied once per commit, all in one transaction: since
 * nothing is shown before the commit anyway, this adds no latency, and it
 * turns per-edit costs (Yjs transaction cleanup, encoding the emitted update,
 * a storage row, a broadcast merge) into per-commit ones. Anything that reads
 * the document for a client (a sync reply, an HTTP read, a restore) applies
 * what is waiting first.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { actorsMap, metaMap, readMeta, relationsMap } from '../shared/board-doc.ts';
import { LIMITS } from '../shared/limits.ts';
import { cleanupOrphans } from '../shared/mutations.ts';
import { CLEANUP_ORIGIN } from '../shared/origins.ts';
import { RoomGuard } from './access/room-guard.ts';
import { AwarenessBatcher } from './awareness-batcher.ts';
import { CLOSE, Connection } from './connection.ts';
import type { CommitSource, GroupCommitter, PendingWrite } from './group-commit.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './limits/limits.ts';
import { discardPending } from './limits/pending-updates.ts';
import {
  decodeClientMessage,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeUpdateMessage,
} from './protocol.ts';
import { type CommittedOrigin, isCommittedOrigin } from './scale/committed-origin.ts';
import { SyncReplyCache } from './sync-reply-cache.ts';
import { mergeForBroadcast } from './update-batch.ts';

/** The type `Transaction.changed` is keyed by. */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

export interface RoomHooks {
  /** The last connection left. */
  onEmpty(room: Room): void;
  /** A write of this room became durable (`updates`: what it stored, in order). */
  onCommitted(room: Room, updates: readonly Uint8Array[]): void;
}

export interface RoomOptions {
  limits?: ServerLimits;
  /** The board is locked (editors read-only) as the room opens. */
  locked?: boolean;
}

/** Origin of the transaction that applies one commit's client updates (the only way they are applied). */
class ClientUpdates {
  constructor(
    /** The one connection all of them came from (it has them already), or null. */
    readonly sole: Connection | null,
  ) {}
}

/** A client update received, checked, and waiting for the next commit to be applied. */
interface IncomingUpdate {
  conn: Connection;
  update: Uint8Array;
}

interface QueuedUpdate {
  update: Uint8Array;
  /** The connection whose message produced it (it already has it), or null. */
  origin: Connection | null;
  seq: number;
}

interface WriteToken {
  entries: QueuedUpdate[];
  throughSeq: number;
}

interface HeldReply {
  conn: Connection;
  message: Uint8Array;
  /** Sent once every update up to this sequence number is committed. */
  target: number;
}

export class Room implements CommitSource {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  /** Access and limit checks (roles, lock, rates, size, pending updates): server/access/room-guard.ts. */
  readonly guard: RoomGuard;
  /** Rows in the board's storage log (for compaction decisions). */
  rowCount: number;
  compacting = false;
  /** After a failed compaction, the next is not tried before this time (ms since epoch). */
  compactNotBefore = 0;
  private incoming: IncomingUpdate[] = [];
  private queued: QueuedUpdate[] = [];
  private emittedSeq = 0;
  private committedSeq = 0;
  private heldReplies: HeldReply[] = [];
  private waiters: { target: number; resolve: () => void }[] = [];
  private titleDirty = false;
  private needsCleanup = false;
  private disposed = false;
  /** Sync replies encoded once per document change (join storms). */
  private readonly syncReplies: SyncReplyCache;
  /** Awareness out, batched per room and interval. */
  private readonly awarenessOut: AwarenessBatcher<Connection>;
  // Typed as plain shared types: the keys of `Transaction.changed`.
  private readonly actors: SharedType;
  private readonly relations: SharedType;
  private readonly meta: SharedType;

  constructor(
    readonly boardId: string,
    /** Already holds the stored board; only changes from now on are queued. */
    readonly doc: Y.Doc,
    rowCount: number,
    private readonly committer: GroupCommitter,
    private readonly logger: Logger,
    private readonly hooks: RoomHooks,
    options: RoomOptions = {},
  ) {
    this.rowCount = rowCount;
    this.actors = actorsMap(doc) as unknown as SharedType;
    this.relations = relationsMap(doc) as unknown as SharedType;
    this.meta = metaMap(doc) as unknown as SharedType;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null);
    this.syncReplies = new SyncReplyCache(doc);
    this.awarenessOut = new AwarenessBatcher(this.awareness, (message, skip) => {
      for (const conn of this.connections) if (conn !== skip) conn.send(message);
    });
    this.guard = new RoomGuard(this, options.limits ?? DEFAULT_LIMITS, logger, options.locked ?? false);
    doc.on('update', this.onDocUpdate);
    doc.on('afterTransaction', this.onAfterTransaction);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** True while some received update is not yet durable. */
  get hasUncommitted(): boolean {
    return this.incoming.length > 0 || this.committedSeq < this.emittedSeq;
  }

  /** Resolves when every update received so far is committed (or the room is gone). */
  whenCommitted(): Promise<void> {
    this.applyIncoming();
    const target = this.emittedSeq;
    if (this.committedSeq >= target || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ target, resolve }));
  }

  addConnection(conn: Connection): void {
    this.connections.add(conn);
    this.guard.join(conn);
    // Ask the client for what it has that we lack (e.g. offline edits); not a viewer, whose changes are not taken.
    if (this.guard.mayWrite(conn)) conn.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) conn.send(encodeAwarenessMessage(this.awareness, [...states.keys()]));
  }

  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.guard.leave(conn);
    this.heldReplies = this.heldReplies.filter((held) => held.conn !== conn);
    if (conn.awarenessClients.size > 0 && !this.disposed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
    }
    if (this.connections.size === 0) this.hooks.onEmpty(this);
  }

  /** Handles one frame from a connection of this room. Bad input closes only that connection. */
  receive(conn: Connection, data: Uint8Array): void {
    if (this.disposed || !conn.isOpen) return;
    let message: ReturnType<typeof decodeClientMessage>;
    try {
      message = decodeClientMessage(data);
    } catch (error) {
      this.reject(conn, error);
      return;
    }
    if (!this.guard.admit(conn, message)) return;
    switch (message.kind) {
      case 'sync-step1': {
        // The reply must hold what this client (and everyone) sent before it.
        this.applyIncoming();
        const reply = this.syncReplies.reply(message.stateVector);
        if (this.hasUncommitted) this.heldReplies.push({ conn, message: reply, target: this.emittedSeq });
        else conn.send(reply);
        return;
      }
      case 'update':
        if (!this.guard.admitsUpdate(conn, message.update)) return;
        // Copied: the frame may be a view into a larger socket buffer.
        this.incoming.push({ conn, update: message.update.slice() });
        this.committer.schedule(this);
        return;
      case 'awareness':
        try {
          const update = this.guard.awareness(conn, message.update);
          if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
        } catch (error) {
          this.reject(conn, error);
        }
        return;
      case 'query-awareness':
        conn.send(encodeAwarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  /**
   * Applies the client updates waiting for the next commit, in arrival order,
   * in one transaction. Each is still applied (and its failure or missing
   * dependencies blamed) on its own connection.
   */
  applyIncoming(): void {
    if (this.incoming.length === 0 || this.disposed) return;
    const batch = this.incoming;
    this.incoming = [];
    const first = (batch[0] as IncomingUpdate).conn;
    const origin = new ClientUpdates(batch.every((e) => e.conn === first) ? first : null);
    const rejected = new Set<Connection>();
    this.needsCleanup = false;
    try {
      this.doc.transact(() => {
        for (const { conn, update } of batch) {
          if (rejected.has(conn)) continue;
          try {
            Y.applyUpdate(this.doc, update);
          } catch (error) {
            // Whatever the document integrated before the error is emitted and
            // queued like any update: memory and storage stay in step.
            rejected.add(conn);
            this.reject(conn, error);
          }
          // What the document could not integrate (missing dependencies) leaves it here.
          this.guard.afterUpdate(conn);
        }
      }, origin);
    } catch (error) {
      // Only an event handler can throw here; the updates are in the document and queued.
      this.logger.error({ err: error, board: this.boardId }, 'applying client updates failed');
    }
    this.guard.appliedAdmitted();
    if (this.needsCleanup && !this.disposed) {
      this.needsCleanup = false;
      try {
        cleanupOrphans(this.doc, CLEANUP_ORIGIN); // R8
      } catch (error) {
        this.logger.error({ err: error, board: this.boardId }, 'orphan cleanup failed');
      }
    }
  }

  private reject(conn: Connection, error: unknown): void {
    this.logger.warn(
      { board: this.boardId, conn: conn.id, reason: error instanceof Error ? error.message : String(error) },
      'closing connection after a malformed message',
    );
    conn.close(CLOSE.malformed, 'malformed message');
    this.removeConnection(conn);
  }

  /**
   * Applies updates that are already durable (another process committed
   * them, or they were read back from storage; server/scale/cluster.ts):
   * clients get what is new to this document at once, and nothing is queued
   * for storage again. True when part of it could not be integrated (missing
   * dependencies): that part is dropped, to come again from storage.
   */
  applyCommitted(updates: readonly Uint8Array[], origin: CommittedOrigin): boolean {
    if (this.disposed) return false;
    this.needsCleanup = false;
    let incomplete = false;
    try {
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update, origin);
      }, origin);
    } finally {
      // Never left in the document, where a client's next update would be blamed for it.
      incomplete = discardPending(this.doc);
    }
    if (this.needsCleanup && !this.disposed) {
      this.needsCleanup = false;
      try {
        cleanupOrphans(this.doc, CLEANUP_ORIGIN); // R8: an actor deleted elsewhere, a relation drawn here
      } catch (error) {
        this.logger.error({ err: error, board: this.boardId }, 'orphan cleanup failed');
      }
    }
    return incomplete;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.syncReplies.clear();
    this.guard.grew(update.byteLength);
    if (isCommittedOrigin(origin)) {
      // Durable already: shown now, never stored twice.
      const message = encodeUpdateMessage(update);
      for (const conn of this.connections) conn.send(message);
      return;
    }
    this.emittedSeq += 1;
    this.queued.push({
      update,
      origin: origin instanceof ClientUpdates ? origin.sole : null,
      seq: this.emittedSeq,
    });
    this.committer.schedule(this);
  };

  private readonly onAfterTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.get(this.meta)?.has('title')) this.titleDirty = true;
    if (!(tr.origin instanceof ClientUpdates) && !isCommittedOrigin(tr.origin)) return;
    // R8 cleanup is needed only when actors were added/removed or a relation
    // changed; a drag (one actor's x/y) skips the scan over all relations.
    if (tr.changed.has(this.actors) || tr.changed.has(this.relations)) {
      this.needsCleanup = true;
      return;
    }
    for (const type of tr.changed.keys()) {
      if (type._item?.parent === this.relations) {
        this.needsCleanup = true;
        return;
      }
    }
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessClients.add(id);
      for (const id of updated) origin.awarenessClients.add(id);
      for (const id of removed) origin.awarenessClients.delete(id);
    }
    this.awarenessOut.add(added.concat(updated, removed), origin instanceof Connection ? origin : null);
  };

  takeWrite(): PendingWrite | null {
    this.applyIncoming();
    if (this.disposed || (this.queued.length === 0 && !this.titleDirty)) return null;
    const entries = this.queued;
    this.queued = [];
    const token: WriteToken = { entries, throughSeq: entries.at(-1)?.seq ?? this.committedSeq };
    const write: PendingWrite = { boardId: this.boardId, updates: entries.map((e) => e.update), token };
    if (this.titleDirty) {
      this.titleDirty = false;
      write.title = readMeta(this.doc).title.slice(0, LIMITS.titleMax);
    }
    return write;
  }

  committed(write: PendingWrite): void {
    if (this.disposed) return;
    this.guard.storageOk();
    const { entries, throughSeq } = write.token as WriteToken;
    this.committedSeq = Math.max(this.committedSeq, throughSeq);
    this.rowCount += entries.length;
    // Held sync replies first: they were computed before these broadcasts' updates.
    const ready = this.heldReplies.filter((held) => held.target <= this.committedSeq);
    if (ready.length > 0) {
      this.heldReplies = this.heldReplies.filter((held) => held.target > this.committedSeq);
      for (const held of ready) held.conn.send(held.message);
    }
    // One message per commit (not per edit), encoded once for every receiver.
    for (const out of mergeForBroadcast(entries)) {
      const message = encodeUpdateMessage(out.update);
      for (const conn of this.connections) {
        if (conn !== out.origin) conn.send(message);
      }
    }
    const done = this.waiters.filter((w) => w.target <= this.committedSeq);
    if (done.length > 0) {
      this.waiters = this.waiters.filter((w) => w.target > this.committedSeq);
      for (const waiter of done) waiter.resolve();
    }
    this.hooks.onCommitted(this, write.updates);
  }

  commitFailed(write: PendingWrite): void {
    if (this.disposed) return;
    this.guard.storageFailed();
    const { entries } = write.token as WriteToken;
    this.queued = entries.concat(this.queued);
    if (write.title !== undefined) this.titleDirty = true;
  }

  /** Closes every connection (board deleted, server shutting down). */
  closeConnections(code: number, reason: string): void {
    for (const conn of [...this.connections]) {
      this.connections.delete(conn);
      conn.close(code, reason);
    }
    this.heldReplies = [];
  }

  /** Frees the document and awareness. Queued writes are dropped: call only when nothing is pending or the board is gone. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.guard.dispose();
    this.committer.forget(this);
    this.closeConnections(CLOSE.shuttingDown, 'room closed');
    this.incoming = [];
    this.queued = [];
    this.syncReplies.clear();
    this.awarenessOut.stop();
    this.doc.off('update', this.onDocUpdate);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }
}
