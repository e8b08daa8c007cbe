/** y-websocket frames, built and read with y-protocols' own encoding (what a stock provider sends). */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Frame = (doc: Y.Doc): Uint8Array =>
  syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(doc));

export const syncStep2Frame = (update: Uint8Array): Uint8Array =>
  syncFrame(syncProtocol.messageYjsSyncStep2, update);

export const updateFrame = (update: Uint8Array): Uint8Array =>
  syncFrame(syncProtocol.messageYjsUpdate, update);

/** One client's awareness entry, as `encodeAwarenessUpdate` writes it. */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

export type ServerFrame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness' }
  | { kind: 'other'; type: number };

export function readServerFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) return { kind: 'awareness' };
  if (type !== MESSAGE_SYNC) return { kind: 'other', type };
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (step === syncProtocol.messageYjsSyncStep1) return { kind: 'step1', stateVector: payload };
  if (step === syncProtocol.messageYjsSyncStep2) return { kind: 'step2', update: payload };
  return { kind: 'update', update: payload };
}
