/**
 * Checks tokens against a board's access record and applies the owner's
 * changes (rotate a link, lock, unlock) to storage first and then to the live
 * room, so a refused token is refused everywhere from that moment on.
 */
import { CLOSE } from '../connection.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { BoardAccess, BoardAccessStorage } from '../storage/board-storage.ts';
import { HASH_FIELD, type Role, roleOf } from './board-access.ts';
import { generateToken, hashesEqual, hashToken } from './tokens.ts';

export type Authorization =
  | { ok: true; role: Role; locked: boolean }
  | { ok: false; reason: 'no-token' | 'no-board' | 'bad-token' };

export class AccessControl {
  private epochCounter = 0;
  private readonly adminHash: string | null;
  /** Changes of one board run one after another, so storage and live rooms see them in the same order. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: BoardAccessStorage,
    private readonly registry: RoomRegistry,
    adminToken: string | null,
  ) {
    this.adminHash = adminToken ? hashToken(adminToken) : null;
  }

  /**
   * Bumped by every change of tokens or lock. A check that read the access
   * record while this changed reads it again (see ws-gateway.ts), so no
   * socket slips in with a token that was just replaced.
   */
  get epoch(): number {
    return this.epochCounter;
  }

  /** Another process changed some board's tokens or lock (server/scale/): checks in flight read again. */
  noteRemoteChange(): void {
    this.epochCounter += 1;
  }

  get adminEnabled(): boolean {
    return this.adminHash !== null;
  }

  /** Whether the token is the server's ADMIN_TOKEN (never true when none is set). */
  isAdmin(token: string | null): boolean {
    if (this.adminHash === null || token === null) return false;
    return hashesEqual(hashToken(token), this.adminHash);
  }

  /** The role `token` grants on a board. The admin token acts as the owner of every board. */
  async authorize(boardId: string, token: string | null): Promise<Authorization> {
    if (token === null || token === '') return { ok: false, reason: 'no-token' };
    const access = await this.storage.getAccess(boardId);
    if (access === null) return { ok: false, reason: 'no-board' };
    const role = roleOf(access, token) ?? (this.isAdmin(token) ? 'owner' : null);
    if (role === null) return { ok: false, reason: 'bad-token' };
    return { ok: true, role, locked: access.locked };
  }

  /** Replaces a role's token; sockets that used the old one are closed (4403). Null when there is no such board. */
  rotate(boardId: string, role: Role): Promise<string | null> {
    return this.serial(boardId, async () => {
      const token = generateToken();
      const updated = await this.storage.updateAccess(boardId, { [HASH_FIELD[role]]: hashToken(token) });
      if (updated === null) return null;
      this.epochCounter += 1;
      this.registry.revoke(boardId, role, CLOSE.revoked, `the ${role} link was replaced`);
      return token;
    });
  }

  /** Locks or unlocks a board for its editors, now. Null when there is no such board. */
  setLocked(boardId: string, locked: boolean): Promise<BoardAccess | null> {
    return this.serial(boardId, async () => {
      const updated = await this.storage.updateAccess(boardId, { locked });
      if (updated === null) return null;
      this.epochCounter += 1;
      this.registry.setLocked(boardId, updated.locked);
      return updated;
    });
  }

  private serial<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(boardId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.chains.set(boardId, tail);
    void tail.then(() => {
      if (this.chains.get(boardId) === tail) this.chains.delete(boardId);
    });
    return result;
  }
}
