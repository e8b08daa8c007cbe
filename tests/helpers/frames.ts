/**
 * Hand-made protocol frames and a reader for what the server sends, for raw
 * protocol clients (tests/helpers/clients.ts openRawSocket).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';

export type ServerFrame =
  | { kind: 'step1' | 'step2' | 'update'; payload: Uint8Array }
  | { kind: 'awareness'; entries: { clientId: number; clock: number; state: unknown }[] }
  | { kind: 'denied'; reason: string }
  | { kind: 'status'; status: { role: string; writable: boolean; locked: boolean; storage: string } }
  | { kind: 'other'; type: number };

export function readServerFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case 0: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      return { kind: step === 0 ? 'step1' : step === 1 ? 'step2' : 'update', payload };
    }
    case 1: {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(inner);
      const entries: { clientId: number; clock: number; state: unknown }[] = [];
      for (let i = 0; i < count; i += 1) {
        const clientId = decoding.readVarUint(inner);
        const clock = decoding.readVarUint(inner);
        entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(inner)) });
      }
      return { kind: 'awareness', entries };
    }
    case 2: {
      decoding.readVarUint(decoder); // 0 = permission denied
      return { kind: 'denied', reason: decoding.readVarString(decoder) };
    }
    case 100:
      return { kind: 'status', status: JSON.parse(decoding.readVarString(decoder)) };
    default:
      return { kind: 'other', type };
  }
}

export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

export const queryAwarenessFrame = (): Uint8Array => new Uint8Array([3]);

/** A Yjs update adding one actor, from a fresh document (it depends on nothing the server lacks). */
export function actorUpdate(label: string, id?: string): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  addActor(doc, { label, kind: 'other', x: 0, y: 0 }, createLocalOrigin(), id);
  doc.destroy();
  return updates[0] as Uint8Array;
}

export function stateVectorOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateVector(doc);
}
