/**
 * Messages the server sends about a connection's session, beside sync and
 * awareness:
 * - y-protocols auth "permission denied" (type 2), which stock y-websocket
 *   clients understand, when an update is refused;
 * - Parley's session status (type 100, a JSON string) — role, whether this
 *   connection may write, the lock and the storage state — only to clients
 *   that ask for it with the `status=1` query parameter (stock providers log
 *   unknown message types).
 */
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import type { Role } from './board-access.ts';

export const MESSAGE_AUTH = 2;
export const MESSAGE_SESSION_STATUS = 100;

export interface SessionStatus {
  role: Role;
  /** Whether the server applies this connection's changes now. */
  writable: boolean;
  locked: boolean;
  storage: 'ok' | 'failing';
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export function encodeSessionStatus(status: SessionStatus): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SESSION_STATUS);
  encoding.writeVarString(encoder, JSON.stringify(status));
  return encoding.toUint8Array(encoder);
}
