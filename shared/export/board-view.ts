import type { Actor, BoardData, Relation } from '../types.ts';

/**
 * The part of a board every export and the diff work on. `readBoard` already
 * drops hidden relations, but a `BoardData` may come from a stored round or an
 * import, so exports re-apply R6 themselves: a relation is shown only while both
 * actors exist and differ. Items are sorted by id (R7) so output is stable.
 */
export interface BoardView {
  actors: Actor[];
  relations: Relation[];
  actorById: ReadonlyMap<string, Actor>;
}

export function viewBoard(board: BoardData): BoardView {
  const actors = [...board.actors].sort(byId);
  const actorById = new Map(actors.map((a) => [a.id, a] as const));
  const relations = board.relations
    .filter((r) => r.source !== r.target && actorById.has(r.source) && actorById.has(r.target))
    .sort(byId);
  return { actors, relations, actorById };
}

export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An actor's label on one line for text output; falls back to the id for an empty label. */
export function actorName(view: Pick<BoardView, 'actorById'>, id: string): string {
  const label = oneLine(view.actorById.get(id)?.label ?? '');
  return label || id;
}

/** Collapses runs of whitespace (including newlines) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
