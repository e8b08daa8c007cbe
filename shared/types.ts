/** The board's vocabulary. The authoritative description is shared/SPEC.md. */

export const ACTOR_KINDS = ['state', 'armed-group', 'organisation', 'person', 'mediator', 'other'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const RELATION_TYPES = ['demands', 'threatens', 'mediates', 'deferred'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface Actor {
  id: string;
  label: string;
  kind: ActorKind;
  x: number;
  y: number;
  stance?: string;
  notes?: string;
  color?: string;
}

export interface Relation {
  id: string;
  source: string;
  target: string;
  type: RelationType;
  label?: string;
  notes?: string;
}

export interface BoardMeta {
  title: string;
  description: string;
}

/** A plain, detached view of a board: what exports, diffs and templates work on. */
export interface BoardData {
  meta: BoardMeta;
  actors: Actor[];
  relations: Relation[];
}

export function isActorKind(value: unknown): value is ActorKind {
  return typeof value === 'string' && (ACTOR_KINDS as readonly string[]).includes(value);
}

export function isRelationType(value: unknown): value is RelationType {
  return typeof value === 'string' && (RELATION_TYPES as readonly string[]).includes(value);
}
