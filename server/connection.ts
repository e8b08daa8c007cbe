import type { Role } from './access/board-access.ts';

/**
 * A client as the room sees it: something to send bytes to and to close. The
 * WebSocket layer adapts a `ws` socket to ClientSocket; tests can pass anything.
 */
export interface ClientSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Close codes (shared/SPEC.md "Wire protocol"). */
export const CLOSE = {
  shuttingDown: 1001,
  malformed: 1007,
  tooBig: 1009,
  tryAgainLater: 1013,
  badBoardId: 4400,
  unauthorized: 4401,
  revoked: 4403,
  notFound: 4404,
  boardFull: 4413,
  loadFailed: 4500,
} as const;

let nextConnectionId = 0;

export class Connection {
  readonly id = ++nextConnectionId;
  /** Awareness client ids this connection has published; removed when it closes. */
  readonly awarenessClients = new Set<number>();
  private open = true;

  constructor(
    readonly boardId: string,
    private readonly socket: ClientSocket,
    /** What its token allows (checked before the socket was accepted). */
    readonly role: Role,
    /** It asked for session status messages (`status=1`). */
    readonly wantsStatus = false,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  send(data: Uint8Array): void {
    if (this.open) this.socket.send(data);
  }

  /** Closes the socket once; later calls and sends are ignored. */
  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.socket.close(code, reason);
  }

  /** The socket went away on its own (peer closed, network error). */
  markClosed(): void {
    this.open = false;
  }
}
