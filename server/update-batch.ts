import * as Y from 'yjs';

/** A committed update and the connection whose message produced it (null: the server's own). */
export interface BatchEntry<Origin> {
  update: Uint8Array;
  origin: Origin | null;
}

/** One broadcast message's content: a merge of consecutive committed updates. */
export interface OutgoingUpdate<Origin> {
  update: Uint8Array;
  /** The one connection all of it came from (it already has it, so it is skipped), or null. */
  origin: Origin | null;
}

/**
 * At most this many updates are merged into one message: `Y.mergeUpdates` is
 * cheap for a few dozen small updates and quadratic for thousands.
 */
export const MAX_MERGE = 64;

/**
 * Turns the updates of one commit into as few messages as possible. Under load
 * a commit holds many clients' edits; one merged message per commit instead of
 * one per edit divides the sends (and their system calls) by the batch size.
 * A merge of several clients' edits goes to all of them: Yjs ignores what a
 * client already has.
 */
export function mergeForBroadcast<Origin>(entries: readonly BatchEntry<Origin>[]): OutgoingUpdate<Origin>[] {
  const out: OutgoingUpdate<Origin>[] = [];
  for (let start = 0; start < entries.length; start += MAX_MERGE) {
    const chunk = entries.slice(start, start + MAX_MERGE);
    const first = chunk[0] as BatchEntry<Origin>;
    const origin = chunk.every((e) => e.origin === first.origin) ? first.origin : null;
    const update = chunk.length === 1 ? first.update : Y.mergeUpdates(chunk.map((e) => e.update));
    out.push({ update, origin });
  }
  return out;
}
