/**
 * Every change to a board goes through these functions: each is one
 * `doc.transact` with a typed origin, used alike by the client, the server,
 * importers and tests. Components and routes only call them.
 */
import * as Y from 'yjs';
import { actorsMap, type ItemMap, metaMap, readRelation, relationsMap } from './board-doc.ts';
import { newItemId } from './ids.ts';
import { LIMITS } from './limits.ts';
import type { ParleyOrigin } from './origins.ts';
import type { BoardData } from './types.ts';
import {
  type ActorFields,
  type ActorPatch,
  actorFieldsSchema,
  actorPatchSchema,
  BoardRuleError,
  itemIdSchema,
  type MetaPatch,
  metaPatchSchema,
  parseOrThrow,
  type RelationFields,
  type RelationPatch,
  relationFieldsSchema,
  relationPatchSchema,
} from './validation.ts';

export type NewActor = Partial<ActorFields> & { label: string };

/** Sets only the fields that change, so an edit never overwrites a concurrent edit of another field (R11). */
function applyPatch(map: ItemMap, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      if (map.has(key)) map.delete(key);
    } else if (map.get(key) !== value) {
      map.set(key, value);
    }
  }
}

function withoutUndefined(fields: Record<string, unknown>): [string, unknown][] {
  return Object.entries(fields).filter(([, v]) => v !== undefined);
}

/** [R10] Adds an actor; returns its id. */
export function addActor(doc: Y.Doc, input: NewActor, origin: ParleyOrigin, id = newItemId('a')): string {
  parseOrThrow(itemIdSchema, id, 'R12');
  const fields = parseOrThrow(actorFieldsSchema, { kind: 'other', x: 0, y: 0, ...input }, 'R12');
  const actors = actorsMap(doc);
  if (actors.has(id) || wasDeleted(actors, id)) {
    throw new BoardRuleError('R10', `actor id ${id} is or was in use`);
  }
  if (actors.size >= LIMITS.maxActors) {
    throw new BoardRuleError('R12', `a board holds at most ${LIMITS.maxActors} actors`);
  }
  doc.transact(() => {
    actors.set(id, new Y.Map<unknown>(withoutUndefined(fields)));
  }, origin);
  return id;
}

/** [R11] Changes some fields of an actor. Returns false when the actor is gone. */
export function updateActor(doc: Y.Doc, id: string, patch: ActorPatch, origin: ParleyOrigin): boolean {
  const clean = parseOrThrow(actorPatchSchema, patch, 'R12');
  const map = actorsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  doc.transact(() => applyPatch(map, clean), origin);
  return true;
}

export interface ActorMove {
  id: string;
  x: number;
  y: number;
}

/** [R13] Writes final positions (on drop), all in one transaction. Returns how many moved. */
export function moveActors(doc: Y.Doc, moves: readonly ActorMove[], origin: ParleyOrigin): number {
  const actors = actorsMap(doc);
  const clean = moves.map((m) => ({
    id: m.id,
    ...parseOrThrow(actorPatchSchema, { x: m.x, y: m.y }, 'R12'),
  }));
  let moved = 0;
  doc.transact(() => {
    for (const { id, x, y } of clean) {
      const map = actors.get(id);
      if (!(map instanceof Y.Map)) continue;
      applyPatch(map, { x, y });
      moved += 1;
    }
  }, origin);
  return moved;
}

/** [R3] Deletes actors and every relation that touches them, in one transaction. */
export function deleteActors(doc: Y.Doc, ids: readonly string[], origin: ParleyOrigin): number {
  const actors = actorsMap(doc);
  const relations = relationsMap(doc);
  const gone = new Set(ids.filter((id) => actors.has(id)));
  if (gone.size === 0) return 0;
  doc.transact(() => {
    relations.forEach((map, relId) => {
      const source = map instanceof Y.Map ? map.get('source') : undefined;
      const target = map instanceof Y.Map ? map.get('target') : undefined;
      if (gone.has(source as string) || gone.has(target as string)) relations.delete(relId);
    });
    for (const id of gone) actors.delete(id);
  }, origin);
  return gone.size;
}

/** [R10] Connects two existing, distinct actors with a typed relation; returns its id. */
export function addRelation(
  doc: Y.Doc,
  input: RelationFields,
  origin: ParleyOrigin,
  id = newItemId('r'),
): string {
  parseOrThrow(itemIdSchema, id, 'R12');
  const fields = parseOrThrow(relationFieldsSchema, input, 'R12');
  const actors = actorsMap(doc);
  const relations = relationsMap(doc);
  if (fields.source === fields.target) {
    throw new BoardRuleError('R10', 'a relation needs two different actors');
  }
  for (const end of [fields.source, fields.target]) {
    if (!actors.has(end)) throw new BoardRuleError('R10', `actor ${end} does not exist`);
  }
  if (relations.has(id) || wasDeleted(relations, id)) {
    throw new BoardRuleError('R10', `relation id ${id} is or was in use`);
  }
  if (relations.size >= LIMITS.maxRelations) {
    throw new BoardRuleError('R12', `a board holds at most ${LIMITS.maxRelations} relations`);
  }
  doc.transact(() => {
    relations.set(id, new Y.Map<unknown>(withoutUndefined(fields)));
  }, origin);
  return id;
}

/** [R11] Changes a relation's type, label or notes (its ends are fixed). */
export function updateRelation(doc: Y.Doc, id: string, patch: RelationPatch, origin: ParleyOrigin): boolean {
  const clean = parseOrThrow(relationPatchSchema, patch, 'R12');
  const map = relationsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return false;
  doc.transact(() => applyPatch(map, clean), origin);
  return true;
}

export function deleteRelations(doc: Y.Doc, ids: readonly string[], origin: ParleyOrigin): number {
  const relations = relationsMap(doc);
  const gone = ids.filter((id) => relations.has(id));
  if (gone.length === 0) return 0;
  doc.transact(() => {
    for (const id of gone) relations.delete(id);
  }, origin);
  return gone.length;
}

export function setMeta(doc: Y.Doc, patch: MetaPatch, origin: ParleyOrigin): void {
  const clean = parseOrThrow(metaPatchSchema, patch, 'R12');
  const meta = metaMap(doc);
  doc.transact(() => applyPatch(meta as ItemMap, clean), origin);
}

/**
 * True when this replica has seen the actor and then seen it deleted. An actor
 * that has simply not arrived yet has no entry at all, so it is not "deleted".
 */
export function isActorDeleted(doc: Y.Doc, id: string): boolean {
  return wasDeleted(actorsMap(doc), id);
}

/** True when this replica holds a deleted entry under the key (R8, R10: ids are not reused). */
function wasDeleted(map: Y.Map<ItemMap>, id: string): boolean {
  return map._map.get(id)?.deleted === true;
}

/**
 * True while a required relation field is being overwritten by an update this
 * replica holds only in part: Yjs applies the update's deletion of the old value
 * at once but keeps the new value pending until its dependencies arrive, so the
 * field is briefly missing. Deleting the relation then would lose it everywhere.
 */
function isFieldInFlight(map: ItemMap): boolean {
  return ['source', 'target', 'type'].some((key) => map._map.get(key)?.deleted === true);
}

/**
 * [R8] Deletes relations whose actor has been deleted (e.g. concurrently with
 * the relation being drawn), and malformed relation entries. Relations whose
 * actor has not arrived yet are kept: they are hidden (R6) until it does.
 * Idempotent, and every replica reaches the same result.
 */
export function cleanupOrphans(doc: Y.Doc, origin: ParleyOrigin): number {
  const relations = relationsMap(doc);
  const doomed: string[] = [];
  relations.forEach((map, id) => {
    const relation = map instanceof Y.Map ? readRelation(id, map) : null;
    // Hidden (R5) but kept: its new field value has not arrived yet.
    if (relation === null && map instanceof Y.Map && isFieldInFlight(map)) return;
    if (
      relation === null ||
      relation.source === relation.target ||
      isActorDeleted(doc, relation.source) ||
      isActorDeleted(doc, relation.target)
    ) {
      doomed.push(id);
    }
  });
  return deleteRelations(doc, doomed, origin);
}

/**
 * [R14] Fills a board from plain data (import, template), keeping ids. All of
 * it is checked before anything is written, so nothing is half-imported.
 */
export function populateBoard(doc: Y.Doc, data: BoardData, origin: ParleyOrigin): void {
  const actorIds = new Set<string>();
  const actors = data.actors.map((a, i) => {
    const { id, ...fields } = a;
    parseOrThrow(itemIdSchema, id, `R14 actors.${i}.id`);
    if (actorIds.has(id)) throw new BoardRuleError('R14', `actors.${i}.id: duplicate id ${id}`);
    actorIds.add(id);
    return { id, fields: parseOrThrow(actorFieldsSchema, fields, `R14 actors.${i}`) };
  });
  const relationIds = new Set<string>();
  const relations = data.relations.map((r, i) => {
    const { id, ...fields } = r;
    parseOrThrow(itemIdSchema, id, `R14 relations.${i}.id`);
    if (relationIds.has(id)) throw new BoardRuleError('R14', `relations.${i}.id: duplicate id ${id}`);
    relationIds.add(id);
    const clean = parseOrThrow(relationFieldsSchema, fields, `R14 relations.${i}`);
    for (const end of [clean.source, clean.target]) {
      if (!actorIds.has(end)) throw new BoardRuleError('R14', `relations.${i}: unknown actor ${end}`);
    }
    if (clean.source === clean.target) {
      throw new BoardRuleError('R14', `relations.${i}: source and target are the same actor`);
    }
    return { id, fields: clean };
  });
  if (actors.length > LIMITS.maxActors || relations.length > LIMITS.maxRelations) {
    throw new BoardRuleError('R12', 'board is larger than the limits allow');
  }
  const meta = parseOrThrow(metaPatchSchema, data.meta, 'R14 meta');
  doc.transact(() => {
    applyPatch(metaMap(doc) as ItemMap, meta);
    const actorMap = actorsMap(doc);
    for (const { id, fields } of actors) actorMap.set(id, new Y.Map<unknown>(withoutUndefined(fields)));
    const relationMap = relationsMap(doc);
    for (const { id, fields } of relations) {
      relationMap.set(id, new Y.Map<unknown>(withoutUndefined(fields)));
    }
  }, origin);
}
