import type { Role } from '../access/board-access.ts';
import type { Room } from '../room.ts';
import type { BoardAccess } from '../storage/board-storage.ts';
import type { AccessChange } from './wire.ts';

/**
 * Other server processes that may have the same boards open (server/scale/).
 * The room registry tells them about its rooms and commits; a process on its
 * own (SQLite) has none.
 */
export interface RoomPeers {
  /** A room finished loading. */
  opened(room: Room): void;
  /** A room is about to be disposed. */
  closed(room: Room): void;
  /** Updates of this room were committed (only now may other processes see them). */
  committed(room: Room, updates: readonly Uint8Array[]): void;
  /** This process changed a board's access (already stored): the others must apply it too. */
  accessChanged(boardId: string, change: AccessChange): void;
}

/** What another process's access change does here (the registry, this process only). */
export interface LocalAccessTarget {
  applyRevoke(boardId: string, role: Role, code: number, reason: string): void;
  /** Applies the stored record: its lock, and closes connections whose token it no longer holds. */
  applyAccessRecord(boardId: string, access: BoardAccess, code: number): void;
  applyEvict(boardId: string, code: number, reason: string): void;
}
