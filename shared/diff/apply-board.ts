/**
 * Makes a live board equal to another board's content (restoring a round) as
 * ONE new change: the diff live → target applied through the shared
 * mutations inside a single transaction with the caller's origin. Nothing is
 * replaced wholesale, so concurrent edits of untouched items survive, the
 * change syncs like any edit, and an undo manager tracking the origin can
 * take it back.
 */
import * as Y from 'yjs';
import { actorsMap, readBoard, relationsMap } from '../board-doc.ts';
import {
  deleteActors,
  deleteRelations,
  moveActors,
  setMeta,
  updateActor,
  updateRelation,
} from '../mutations.ts';
import type { ParleyOrigin } from '../origins.ts';
import type { Actor, BoardData, Relation } from '../types.ts';
import { actorSchema, parseOrThrow, relationSchema } from '../validation.ts';
import { type BoardDiff, diffBoards } from './board-diff.ts';

/** Returns the diff that was applied (live → target). */
export function applyBoardState(doc: Y.Doc, target: BoardData, origin: ParleyOrigin): BoardDiff {
  const diff = diffBoards(readBoard(doc), target);
  // Validated before anything is written, so a bad target leaves the board as it was.
  // `added` is what the target has and the live board lacks; `removed` the reverse.
  const actorsBack = diff.actors.added.map((a) => itemFields(parseOrThrow(actorSchema, a, 'R14')));
  const relationsBack = diff.relations.added.map((r) => itemFields(parseOrThrow(relationSchema, r, 'R14')));
  const targetRelations = new Map(target.relations.map((r) => [r.id, r] as const));
  doc.transact(() => {
    if (diff.meta.length > 0)
      setMeta(doc, { title: target.meta.title, description: target.meta.description }, origin);
    // Items made since the target: gone (an actor takes its relations with it, R3).
    deleteRelations(
      doc,
      diff.relations.removed.map((r) => r.id),
      origin,
    );
    deleteActors(
      doc,
      diff.actors.removed.map((a) => a.id),
      origin,
    );
    // Items deleted since the target come back under their own ids: the same
    // item restored, not a new one, so diffs and references keep matching.
    const actors = actorsMap(doc);
    for (const { id, fields } of actorsBack) actors.set(id, new Y.Map<unknown>(fields));
    for (const change of diff.actors.changed) {
      const patch: Record<string, string | null> = {};
      for (const c of change.changes) patch[c.field] = c.to ?? null;
      updateActor(doc, change.id, patch, origin);
    }
    moveActors(
      doc,
      diff.actors.moved.map((m) => ({ id: m.id, x: m.to.x, y: m.to.y })),
      origin,
    );
    const relations = relationsMap(doc);
    for (const { id, fields } of relationsBack) relations.set(id, new Y.Map<unknown>(fields));
    for (const change of diff.relations.changed) {
      const ends = change.changes.some((c) => c.field === 'source' || c.field === 'target');
      const whole = targetRelations.get(change.id);
      if (ends && whole) {
        // A relation's ends are fixed once drawn (mutations.ts), so a re-pointed one is written whole.
        relations.set(
          change.id,
          new Y.Map<unknown>(itemFields(parseOrThrow(relationSchema, whole, 'R14')).fields),
        );
        continue;
      }
      const patch: Record<string, string | null> = {};
      for (const c of change.changes) patch[c.field] = c.to ?? null;
      updateRelation(doc, change.id, patch, origin);
    }
  }, origin);
  return diff;
}

function itemFields(item: Actor | Relation): { id: string; fields: [string, unknown][] } {
  const { id, ...rest } = item;
  return { id, fields: Object.entries(rest).filter(([, v]) => v !== undefined && v !== '') };
}
