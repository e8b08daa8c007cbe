/**
 * Awareness from other processes, filtered: it may not touch the states of
 * clients connected to this process. Each process checks that a connection
 * publishes only its own client id (server/access/awareness-policy.ts), but
 * it cannot know ids owned on another process; without this, a client on one
 * process could overwrite the presence of a client on another.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The update without entries for `local` ids; null when nothing is left. Throws on a malformed update. */
export function withoutLocalClients(update: Uint8Array, local: ReadonlySet<number>): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { id: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (!local.has(id)) kept.push({ id, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  if (kept.length === 0) return null;
  if (kept.length === count) return update;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.id);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
