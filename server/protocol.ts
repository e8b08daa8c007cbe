/**
 * The y-websocket wire protocol (y-protocols sync + awareness, lib0 encoding):
 * decoding what clients send, strictly, and encoding what the server sends.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A message that cannot be decoded: the connection that sent it is closed with 1007. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

function checkFullyRead(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
}

/**
 * Decodes one client frame. Throws ProtocolError for anything that is not
 * exactly one well-formed message: unknown types, truncation, trailing bytes,
 * a state vector or awareness update that does not parse. Yjs update bodies
 * are checked when they are applied.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        checkFullyRead(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) {
          Y.decodeStateVector(payload);
          return { kind: 'sync-step1', stateVector: payload };
        }
        if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          return { kind: 'update', update: payload };
        }
        throw new ProtocolError(`unknown sync message type ${step}`);
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        checkFullyRead(decoder);
        checkAwarenessUpdate(update);
        return { kind: 'awareness', update };
      }
      case MESSAGE_QUERY_AWARENESS:
        checkFullyRead(decoder);
        return { kind: 'query-awareness' };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Parses an awareness update completely before it is applied:
 * `applyAwarenessUpdate` would apply the entries before a bad one and then
 * throw without emitting events, leaving states nobody tracks.
 */
function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i += 1) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder));
  }
  checkFullyRead(decoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** One client's entry of an awareness update: its state as the JSON string on the wire. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/** The body of an awareness message (y-protocols' encodeAwarenessUpdate format) from decoded entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
