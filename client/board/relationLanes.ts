/**
 * Parallel relations between the same two actors (either direction) are bowed
 * apart so none hides another; the live board and a round's canvas place them alike.
 */
import type { Relation } from '../../shared/types.ts';

/** Distance between the midpoints of parallel relations, px. */
const LANE_SPACING = 56;

/** The same key for both directions between two actors. */
export function pairKey(r: Relation): string {
  return r.source < r.target ? `${r.source}\n${r.target}` : `${r.target}\n${r.source}`;
}

/**
 * The sideways bend of relation `id` among the ids sharing its pair, centred on
 * the straight line; sorted by id so every client draws the same lanes.
 */
export function laneBend(pairIds: Iterable<string> | undefined, id: string): number {
  const lanes = [...(pairIds ?? [id])].sort();
  return (lanes.indexOf(id) - (lanes.length - 1) / 2) * LANE_SPACING;
}
