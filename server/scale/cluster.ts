/**
 * Keeps the rooms of one board in step across server processes that share a
 * PostgreSQL database. Storage is the truth; Redis is only a fast path.
 *
 * - Fast path (REDIS_URL): after a commit, the room's updates are published
 *   on the board's channel; other processes apply them with a
 *   "remote-process" origin, show them to their clients, and do not store
 *   them again. Awareness of each process's own clients travels the same way.
 * - Recovery (always): a room re-reads the board's stored log and applies it
 *   (Yjs skips what the document has), which brings in whatever pub/sub lost.
 *   It runs right after the room subscribed, after Redis reconnects, when a
 *   publish sequence shows a hole or an update arrives with missing
 *   dependencies, and every `catchUpIntervalMs` while the board's stored
 *   `updatedAt` moved or is recent (an idle board costs one row read).
 *
 * Without Redis the recovery path alone keeps processes converging, within
 * about one interval.
 */
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE } from '../connection.ts';
import type { Room } from '../room.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import { mergeForBroadcast } from '../update-batch.ts';
import {
  type CommittedOrigin,
  REMOTE_AWARENESS_ORIGIN,
  REMOTE_PROCESS_ORIGIN,
  STORAGE_CATCH_UP_ORIGIN,
} from './committed-origin.ts';
import { RedisLink } from './redis-link.ts';
import { withoutLocalClients } from './remote-awareness.ts';
import type { LocalAccessTarget, RoomPeers } from './room-peers.ts';
import { type AccessChange, decodePeerMessage, encodePeerMessage, type PeerMessage } from './wire.ts';

export interface ClusterOptions {
  /** How often open rooms check the stored log for what they missed (ms). */
  catchUpIntervalMs: number;
  redis: { url: string; channelPrefix: string; dropPublishEvery: number } | null;
}

/** Awareness of local clients goes out at most this often per room (ms). */
const AWARENESS_PUBLISH_MS = 16;

interface RoomState {
  room: Room;
  channel: string;
  /** This room instance's publish stream, and publishes attempted on it. */
  stream: number;
  seq: number;
  /** Highest seq seen per sender stream (`sender/stream`). */
  seen: Map<string, number>;
  lastUpdatedAt: number | null;
  catchingUp: boolean;
  catchUpAgain: boolean;
  awarenessIds: Set<number>;
  awarenessTimer: NodeJS.Timeout | null;
  /** When awareness was last published (performance.now()). */
  awarenessAt: number;
  onAwareness: (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;
}

let nextStream = 0;

export class Cluster implements RoomPeers {
  /** Messages from this process carry it, so it ignores its own. */
  readonly processId = crypto.randomBytes(6).toString('hex');
  private readonly rooms = new Map<string, RoomState>();
  private readonly redis: RedisLink | null;
  private readonly clusterChannel: string | null;
  private readonly timer: NodeJS.Timeout;
  private target: LocalAccessTarget | null = null;
  private onRemoteAccess: () => void = () => {};
  private ticking = false;
  private publishes = 0;
  private stopped = false;

  constructor(
    private readonly storage: ParleyStorage,
    private readonly logger: Logger,
    private readonly options: ClusterOptions,
  ) {
    const redis = options.redis;
    if (redis) {
      this.clusterChannel = `${redis.channelPrefix}:cluster`;
      this.redis = new RedisLink(
        {
          url: redis.url,
          name: `${redis.channelPrefix}-${this.processId}`,
          onMessage: (channel, message) => this.receive(channel, message),
          onResubscribed: () => this.afterReconnect(),
        },
        logger,
      );
      this.redis.subscribe(this.clusterChannel).catch(() => undefined);
    } else {
      this.redis = null;
      this.clusterChannel = null;
    }
    this.timer = setInterval(() => void this.tick(), options.catchUpIntervalMs);
    this.timer.unref();
  }

  /** Where remote access changes are applied; `onRemoteAccess` lets in-flight token checks re-read. */
  attach(target: LocalAccessTarget, onRemoteAccess: () => void): void {
    this.target = target;
    this.onRemoteAccess = onRemoteAccess;
  }

  private boardChannel(boardId: string): string {
    return `${this.options.redis?.channelPrefix ?? 'parley'}:board:${boardId}`;
  }

  // --- rooms -----------------------------------------------------------------

  opened(room: Room): void {
    const state: RoomState = {
      room,
      channel: this.boardChannel(room.boardId),
      stream: ++nextStream,
      seq: 0,
      seen: new Map(),
      lastUpdatedAt: null,
      catchingUp: false,
      catchUpAgain: false,
      awarenessIds: new Set(),
      awarenessTimer: null,
      awarenessAt: Number.NEGATIVE_INFINITY,
      onAwareness: ({ added, updated, removed }, origin) => {
        // Remote states are not ours to publish; timeouts happen on every process by itself.
        if (origin === REMOTE_AWARENESS_ORIGIN || origin === 'timeout') return;
        for (const id of added.concat(updated, removed)) state.awarenessIds.add(id);
        // The first change after a quiet spell goes out at once; later ones at most every interval.
        const wait = Math.max(0, state.awarenessAt + AWARENESS_PUBLISH_MS - performance.now());
        state.awarenessTimer ??= setTimeout(() => this.publishAwareness(state), wait);
      },
    };
    this.rooms.set(room.boardId, state);
    if (!this.redis) return;
    room.awareness.on('update', state.onAwareness);
    // Subscribed first, then read: whatever was committed before is in the
    // read, whatever after arrives on the channel.
    this.redis.subscribe(state.channel).then(
      () => {
        if (this.rooms.get(room.boardId) !== state) return;
        this.requestCatchUp(state, 'subscribed');
        void this.publish(state.channel, { type: 'awareness-query', sender: this.processId });
      },
      () => undefined,
    );
  }

  closed(room: Room): void {
    const state = this.rooms.get(room.boardId);
    if (!state || state.room !== room) return;
    room.awareness.off('update', state.onAwareness);
    if (state.awarenessTimer) {
      // The last clients' departures still go out: other processes must drop their presence.
      clearTimeout(state.awarenessTimer);
      this.publishAwareness(state);
    }
    this.rooms.delete(room.boardId);
    this.redis?.unsubscribe(state.channel);
  }

  committed(room: Room, updates: readonly Uint8Array[]): void {
    const state = this.rooms.get(room.boardId);
    if (!this.redis || !state || state.room !== room || updates.length === 0) return;
    const drop = this.options.redis?.dropPublishEvery ?? 0;
    // One sequence number per message, so a receiver notices any one of them missing.
    for (const out of mergeForBroadcast(updates.map((update) => ({ update, origin: null })))) {
      state.seq += 1;
      this.publishes += 1;
      if (drop > 0 && this.publishes % drop === 0) continue; // fault injection (tests)
      void this.publish(state.channel, {
        type: 'update',
        sender: this.processId,
        stream: state.stream,
        seq: state.seq,
        update: out.update,
      });
    }
  }

  accessChanged(boardId: string, change: AccessChange): void {
    if (!this.clusterChannel) return;
    void this.publish(this.clusterChannel, { type: 'access', sender: this.processId, boardId, change });
  }

  private publishAwareness(state: RoomState): void {
    state.awarenessTimer = null;
    state.awarenessAt = performance.now();
    const awareness = state.room.awareness;
    const ids = [...state.awarenessIds].filter((id) => awareness.meta.has(id));
    state.awarenessIds.clear();
    if (ids.length === 0 || this.rooms.get(state.room.boardId) !== state) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, ids);
    void this.publish(state.channel, { type: 'awareness', sender: this.processId, update });
  }

  private async publish(channel: string, message: PeerMessage): Promise<void> {
    if (this.redis && !this.stopped) await this.redis.publish(channel, encodePeerMessage(message));
  }

  // --- receiving ---------------------------------------------------------------

  private receive(channel: string, data: Uint8Array): void {
    let message: PeerMessage;
    try {
      message = decodePeerMessage(data);
    } catch (err) {
      this.logger.warn({ err, channel }, 'ignoring an undecodable message from Redis');
      if (channel !== this.clusterChannel) this.catchUpChannel(channel, 'bad message');
      return;
    }
    if (message.sender === this.processId || this.stopped) return;
    if (message.type === 'access') {
      void this.applyAccess(message.boardId, message.change);
      return;
    }
    const state = this.findByChannel(channel);
    if (!state || state.room.isDisposed) return;
    switch (message.type) {
      case 'update': {
        const key = `${message.sender}/${message.stream}`;
        const last = state.seen.get(key);
        const hole = last === undefined ? message.seq !== 1 : message.seq > last + 1;
        if (last === undefined || message.seq > last) state.seen.set(key, message.seq);
        const incomplete = this.applyCommitted(state, [message.update], REMOTE_PROCESS_ORIGIN);
        if (hole || incomplete)
          this.requestCatchUp(state, hole ? 'missed a message' : 'missing dependencies');
        return;
      }
      case 'awareness':
        try {
          const update = withoutLocalClients(message.update, this.localClients(state));
          if (update)
            awarenessProtocol.applyAwarenessUpdate(state.room.awareness, update, REMOTE_AWARENESS_ORIGIN);
        } catch (err) {
          this.logger.warn({ err, board: state.room.boardId }, 'ignoring a bad awareness message from Redis');
        }
        return;
      case 'awareness-query': {
        const known = [...this.localClients(state)].filter((id) => state.room.awareness.getStates().has(id));
        if (known.length === 0) return;
        const update = awarenessProtocol.encodeAwarenessUpdate(state.room.awareness, known);
        void this.publish(state.channel, { type: 'awareness', sender: this.processId, update });
        return;
      }
    }
  }

  /** Awareness client ids of this process's own connections to the room. */
  private localClients(state: RoomState): Set<number> {
    const ids = new Set<number>();
    for (const conn of state.room.connections) for (const id of conn.awarenessClients) ids.add(id);
    return ids;
  }

  private findByChannel(channel: string): RoomState | undefined {
    const prefix = this.boardChannel('');
    if (!channel.startsWith(prefix)) return undefined;
    return this.rooms.get(channel.slice(prefix.length));
  }

  private catchUpChannel(channel: string, reason: string): void {
    const state = this.findByChannel(channel);
    if (state) this.requestCatchUp(state, reason);
  }

  /** True when part of it could not be integrated (it will come from storage). */
  private applyCommitted(state: RoomState, updates: readonly Uint8Array[], origin: CommittedOrigin): boolean {
    try {
      return state.room.applyCommitted(updates, origin);
    } catch (err) {
      this.logger.warn({ err, board: state.room.boardId }, 'could not apply a committed update');
      return true;
    }
  }

  private async applyAccess(boardId: string, change: AccessChange): Promise<void> {
    const target = this.target;
    if (!target) return;
    // Token checks in flight on this process read the record again.
    this.onRemoteAccess();
    try {
      if (change.kind === 'revoke') {
        target.applyRevoke(boardId, change.role, CLOSE.revoked, `the ${change.role} link was replaced`);
      } else if (change.kind === 'lock') {
        // Re-read rather than trust the message: the stored record is the truth.
        const access = await this.storage.getAccess(boardId);
        if (access) target.applyAccessRecord(boardId, access, CLOSE.revoked);
      } else if ((await this.storage.getBoard(boardId)) === null) {
        target.applyEvict(boardId, CLOSE.notFound, 'board deleted');
      }
    } catch (err) {
      this.logger.warn({ err, board: boardId }, 'could not apply an access change from another process');
    }
  }

  // --- catch-up from storage ---------------------------------------------------

  private requestCatchUp(state: RoomState, reason: string): void {
    if (state.catchingUp) {
      state.catchUpAgain = true;
      return;
    }
    state.catchingUp = true;
    this.logger.debug({ board: state.room.boardId, reason }, 'catching up from storage');
    void this.catchUp(state).finally(() => {
      state.catchingUp = false;
    });
  }

  private async catchUp(state: RoomState): Promise<void> {
    do {
      state.catchUpAgain = false;
      let rows: Uint8Array[] | null;
      try {
        rows = await this.storage.loadUpdates(state.room.boardId);
      } catch (err) {
        this.logger.warn(
          { err, board: state.room.boardId },
          'catch-up read failed; retrying on the next tick',
        );
        return;
      }
      if (this.rooms.get(state.room.boardId) !== state || state.room.isDisposed) return;
      if (rows === null) {
        this.target?.applyEvict(state.room.boardId, CLOSE.notFound, 'board deleted');
        return;
      }
      if (this.applyCommitted(state, rows, STORAGE_CATCH_UP_ORIGIN)) {
        this.logger.warn({ board: state.room.boardId }, 'stored log has updates with missing dependencies');
      }
      // The stored log as every process wrote it: what compaction decisions should count.
      state.room.rowCount = rows.length;
    } while (state.catchUpAgain && !this.stopped);
  }

  /** Periodic check: re-reads the log of boards whose stored `updatedAt` moved or is recent. */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const recent = Date.now() - 2 * this.options.catchUpIntervalMs - 2000;
      for (const state of [...this.rooms.values()]) {
        if (this.stopped) return;
        if (state.catchingUp || this.rooms.get(state.room.boardId) !== state) continue;
        const board = await this.storage.getBoard(state.room.boardId);
        if (board === null) {
          this.target?.applyEvict(state.room.boardId, CLOSE.notFound, 'board deleted');
          continue;
        }
        if (!this.redis) {
          // No access events without Redis: lock and replaced links are read here instead.
          const access = await this.storage.getAccess(state.room.boardId);
          if (access) this.target?.applyAccessRecord(state.room.boardId, access, CLOSE.revoked);
        }
        if (board.updatedAt !== state.lastUpdatedAt || board.updatedAt >= recent) {
          state.lastUpdatedAt = board.updatedAt;
          this.requestCatchUp(state, 'periodic');
        }
      }
    } catch (err) {
      this.logger.warn({ err }, 'periodic catch-up check failed');
    } finally {
      this.ticking = false;
    }
  }

  private afterReconnect(): void {
    for (const state of this.rooms.values()) {
      this.requestCatchUp(state, 'Redis reconnected');
      // Access events sent while Redis was away are lost: the stored record says what changed.
      void this.applyAccess(state.room.boardId, { kind: 'lock' });
      void this.publish(state.channel, { type: 'awareness-query', sender: this.processId });
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const state of this.rooms.values()) if (state.awarenessTimer) clearTimeout(state.awarenessTimer);
    this.redis?.close();
  }
}
