/**
 * Semantic diff between two boards (issue 4): what was added, removed and
 * changed, field by field, with layout moves kept apart from substance so a
 * facilitator tidying the canvas does not look like a shift in positions.
 */
import { viewBoard } from '../export/board-view.ts';
import type { Actor, BoardData, BoardMeta, Relation } from '../types.ts';

export type ActorField = 'label' | 'kind' | 'stance' | 'notes' | 'color';
export type RelationField = 'source' | 'target' | 'type' | 'label' | 'notes';
export type MetaField = keyof BoardMeta;

/** One field's change; `undefined` means the field was unset (an empty string counts as unset). */
export interface FieldChange<F extends string = string> {
  field: F;
  from: string | undefined;
  to: string | undefined;
}

export interface ItemChange<F extends string> {
  id: string;
  changes: FieldChange<F>[];
}

export interface ActorMove {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface BoardDiff {
  meta: FieldChange<MetaField>[];
  actors: {
    added: Actor[];
    removed: Actor[];
    /** Substantive field changes only; an actor that also moved is listed in `moved` too. */
    changed: ItemChange<ActorField>[];
    /** Layout-only: x/y changed. */
    moved: ActorMove[];
  };
  relations: {
    added: Relation[];
    removed: Relation[];
    /** Includes source/target: ids are stable, so re-pointed ends are a change of the same relation. */
    changed: ItemChange<RelationField>[];
  };
}

export const ACTOR_FIELDS: readonly ActorField[] = ['label', 'kind', 'stance', 'notes', 'color'];
export const RELATION_FIELDS: readonly RelationField[] = ['source', 'target', 'type', 'label', 'notes'];
const META_FIELDS: readonly MetaField[] = ['title', 'description'];

/**
 * Compares two boards. Only visible relations count (R6), so deleting an actor
 * shows its relations as removed, as the canvas does. Every list is sorted by id.
 */
export function diffBoards(from: BoardData, to: BoardData): BoardDiff {
  const a = viewBoard(from);
  const b = viewBoard(to);
  const diff: BoardDiff = {
    meta: fieldChanges(from.meta, to.meta, META_FIELDS),
    actors: { added: [], removed: [], changed: [], moved: [] },
    relations: { added: [], removed: [], changed: [] },
  };

  for (const actor of b.actors) {
    const before = a.actorById.get(actor.id);
    if (!before) {
      diff.actors.added.push(actor);
      continue;
    }
    const changes = fieldChanges(before, actor, ACTOR_FIELDS);
    if (changes.length > 0) diff.actors.changed.push({ id: actor.id, changes });
    if (before.x !== actor.x || before.y !== actor.y) {
      diff.actors.moved.push({
        id: actor.id,
        from: { x: before.x, y: before.y },
        to: { x: actor.x, y: actor.y },
      });
    }
  }
  diff.actors.removed = a.actors.filter((actor) => !b.actorById.has(actor.id));

  const relationsBefore = new Map(a.relations.map((r) => [r.id, r] as const));
  const relationsAfter = new Set(b.relations.map((r) => r.id));
  for (const relation of b.relations) {
    const before = relationsBefore.get(relation.id);
    if (!before) {
      diff.relations.added.push(relation);
      continue;
    }
    const changes = fieldChanges(before, relation, RELATION_FIELDS);
    if (changes.length > 0) diff.relations.changed.push({ id: relation.id, changes });
  }
  diff.relations.removed = a.relations.filter((r) => !relationsAfter.has(r.id));
  return diff;
}

/** True when nothing at all changed, layout included. */
export function isEmptyDiff(diff: BoardDiff): boolean {
  return diff.actors.moved.length === 0 && !hasSubstantiveChanges(diff);
}

/** True when something other than layout changed. */
export function hasSubstantiveChanges(diff: BoardDiff): boolean {
  const { actors, relations, meta } = diff;
  return (
    meta.length +
      actors.added.length +
      actors.removed.length +
      actors.changed.length +
      relations.added.length +
      relations.removed.length +
      relations.changed.length >
    0
  );
}

function fieldChanges<T extends object, F extends keyof T & string>(
  before: T,
  after: T,
  fields: readonly F[],
): FieldChange<F>[] {
  const out: FieldChange<F>[] = [];
  for (const field of fields) {
    const from = normalise(before[field]);
    const to = normalise(after[field]);
    if (from !== to) out.push({ field, from, to });
  }
  return out;
}

/** Readers drop empty optional strings (board-doc.ts), so '' and unset are the same value. */
function normalise(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
