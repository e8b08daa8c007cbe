import * as Y from 'yjs';
import {
  type Actor,
  type BoardData,
  type BoardMeta,
  isActorKind,
  isRelationType,
  type Relation,
} from './types.ts';

/** The Yjs layout of a board (R1, R2): three root maps, one nested Y.Map per item. */
export type ItemMap = Y.Map<unknown>;

export function actorsMap(doc: Y.Doc): Y.Map<ItemMap> {
  return doc.getMap<ItemMap>('actors');
}

export function relationsMap(doc: Y.Doc): Y.Map<ItemMap> {
  return doc.getMap<ItemMap>('relations');
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('meta');
}

/**
 * What a missing or blank label/title reads as (R4). Concurrent renames plus an
 * undo can leave the field deleted; reading a placeholder keeps every export
 * re-importable (R14).
 */
export const UNNAMED_ACTOR = 'Unnamed actor';
export const UNTITLED_BOARD = 'Untitled board';

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function optionalString(map: ItemMap, key: string): string | undefined {
  const value = map.get(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function finiteNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Reads one actor defensively: the document may hold values written by any
 * client, so unknown kinds read as 'other' and bad coordinates as 0 (R4).
 */
export function readActor(id: string, map: ItemMap): Actor {
  const kind = map.get('kind');
  const actor: Actor = {
    id,
    label: nonBlank(map.get('label')) ?? UNNAMED_ACTOR,
    kind: isActorKind(kind) ? kind : 'other',
    x: finiteNumber(map.get('x')),
    y: finiteNumber(map.get('y')),
  };
  const stance = optionalString(map, 'stance');
  if (stance !== undefined) actor.stance = stance;
  const notes = optionalString(map, 'notes');
  if (notes !== undefined) actor.notes = notes;
  const color = optionalString(map, 'color');
  if (color !== undefined) actor.color = color;
  return actor;
}

/** Reads one relation; null when the entry is not a well-formed relation (R5). */
export function readRelation(id: string, map: ItemMap): Relation | null {
  const source = map.get('source');
  const target = map.get('target');
  const type = map.get('type');
  if (typeof source !== 'string' || typeof target !== 'string' || !isRelationType(type)) {
    return null;
  }
  const relation: Relation = { id, source, target, type };
  const label = optionalString(map, 'label');
  if (label !== undefined) relation.label = label;
  const notes = optionalString(map, 'notes');
  if (notes !== undefined) relation.notes = notes;
  return relation;
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = metaMap(doc);
  const title = meta.get('title');
  const description = meta.get('description');
  return {
    title: nonBlank(title) ?? UNTITLED_BOARD,
    description: typeof description === 'string' ? description : '',
  };
}

/** A relation is visible only while both of its actors exist (R6). */
export function isRelationVisible(doc: Y.Doc, relation: Relation): boolean {
  const actors = actorsMap(doc);
  return relation.source !== relation.target && actors.has(relation.source) && actors.has(relation.target);
}

export function readActors(doc: Y.Doc): Actor[] {
  const out: Actor[] = [];
  actorsMap(doc).forEach((map, id) => {
    if (map instanceof Y.Map) out.push(readActor(id, map));
  });
  return out.sort(byId);
}

export function readVisibleRelations(doc: Y.Doc): Relation[] {
  const out: Relation[] = [];
  relationsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const relation = readRelation(id, map);
    if (relation && isRelationVisible(doc, relation)) out.push(relation);
  });
  return out.sort(byId);
}

/** The board as plain data, sorted by id so every replica reads it identically (R7). */
export function readBoard(doc: Y.Doc): BoardData {
  return { meta: readMeta(doc), actors: readActors(doc), relations: readVisibleRelations(doc) };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
