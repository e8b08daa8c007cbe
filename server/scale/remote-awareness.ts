/**
 * Awareness from other processes, filtered: it may not touch the states of
 * clients connected to this process. Each process checks that a connection
 * publishes only its own client id (server/access/awareness-policy.ts), but
 * it cannot know ids owned on another process; without this, a client on one
 * process could overwrite the presence of a client on another.
 */
import * as decoding from 'lib0/decoding';
import { type AwarenessEntry, encodeAwarenessEntries } from '../protocol.ts';

/** The update without entries for `local` ids; null when nothing is left. Throws on a malformed update. */
export function withoutLocalClients(update: Uint8Array, local: ReadonlySet<number>): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (!local.has(clientId)) kept.push({ clientId, clock, json });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  if (kept.length === 0) return null;
  if (kept.length === count) return update;
  return encodeAwarenessEntries(kept);
}
