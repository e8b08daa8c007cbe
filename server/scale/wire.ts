/**
 * Messages between Parley processes over Redis pub/sub (lib0 encoding).
 * Each carries the sender's process id so a process ignores its own.
 *
 * - update: a room's committed updates, merged; `stream` names the sender's
 *   room instance and `seq` counts its publishes (attempted ones included),
 *   so a receiver that sees a hole knows it missed one.
 * - awareness: an awareness update of the sender's own clients.
 * - awareness-query: a process just opened the board; others answer with
 *   their clients' states.
 * - access: a board's tokens, lock or existence changed (cluster channel).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type AccessChange =
  | { kind: 'revoke'; role: 'owner' | 'edit' | 'view' }
  | { kind: 'lock' }
  | { kind: 'deleted' };

export type PeerMessage =
  | { type: 'update'; sender: string; stream: number; seq: number; update: Uint8Array }
  | { type: 'awareness'; sender: string; update: Uint8Array }
  | { type: 'awareness-query'; sender: string }
  | { type: 'access'; sender: string; boardId: string; change: AccessChange };

const TYPES = ['update', 'awareness', 'awareness-query', 'access'] as const;
const ROLES = ['owner', 'edit', 'view'] as const;

export function encodePeerMessage(message: PeerMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, TYPES.indexOf(message.type));
  encoding.writeVarString(e, message.sender);
  switch (message.type) {
    case 'update':
      encoding.writeVarUint(e, message.stream);
      encoding.writeVarUint(e, message.seq);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'awareness-query':
      break;
    case 'access':
      encoding.writeVarString(e, message.boardId);
      encoding.writeVarString(e, message.change.kind);
      if (message.change.kind === 'revoke') encoding.writeVarString(e, message.change.role);
      break;
  }
  return encoding.toUint8Array(e);
}

/** Decodes a message; throws on anything malformed (the caller logs and drops it). */
export function decodePeerMessage(data: Uint8Array): PeerMessage {
  const d = decoding.createDecoder(data);
  const type = TYPES[decoding.readVarUint(d)];
  const sender = decoding.readVarString(d);
  let message: PeerMessage;
  switch (type) {
    case 'update':
      message = {
        type,
        sender,
        stream: decoding.readVarUint(d),
        seq: decoding.readVarUint(d),
        update: decoding.readVarUint8Array(d),
      };
      break;
    case 'awareness':
      message = { type, sender, update: decoding.readVarUint8Array(d) };
      break;
    case 'awareness-query':
      message = { type, sender };
      break;
    case 'access': {
      const boardId = decoding.readVarString(d);
      const kind = decoding.readVarString(d);
      let change: AccessChange;
      if (kind === 'revoke') {
        const role = decoding.readVarString(d);
        const known = ROLES.find((r) => r === role);
        if (!known) throw new Error(`unknown role ${JSON.stringify(role)}`);
        change = { kind, role: known };
      } else if (kind === 'lock' || kind === 'deleted') change = { kind };
      else throw new Error(`unknown access change ${JSON.stringify(kind)}`);
      message = { type, sender, boardId, change };
      break;
    }
    default:
      throw new Error('unknown peer message type');
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes in peer message');
  return message;
}
