/**
 * React Flow nodes and edges for a read-only board: one round, or a diff
 * drawn on the "after" board with removed items ghosted where they were.
 */
import type { Edge, Node } from '@xyflow/react';
import type { BoardDiff } from '../../../shared/diff/board-diff.ts';
import type { Actor, BoardData, Relation } from '../../../shared/types.ts';
import { laneBend, pairKey } from '../relationLanes.ts';

export type DiffMark = 'added' | 'removed' | 'changed' | 'moved' | null;

export type SnapshotNodeData = { actor: Actor; mark: DiffMark; detail: string | null };
export type SnapshotNode = Node<SnapshotNodeData, 'snapshotActor'>;
export type SnapshotEdgeData = { relation: Relation; bend: number; mark: DiffMark; detail: string | null };
export type SnapshotEdge = Edge<SnapshotEdgeData, 'snapshotRelation'>;

export function buildSnapshotFlow(
  board: BoardData,
  diff?: BoardDiff,
): { nodes: SnapshotNode[]; edges: SnapshotEdge[] } {
  const actorMarks = new Map<string, { mark: DiffMark; detail: string | null }>();
  const relationMarks = new Map<string, { mark: DiffMark; detail: string | null }>();
  let actors = board.actors;
  let relations = board.relations;
  if (diff) {
    for (const a of diff.actors.added) actorMarks.set(a.id, { mark: 'added', detail: 'added' });
    for (const m of diff.actors.moved) actorMarks.set(m.id, { mark: 'moved', detail: 'moved' });
    for (const c of diff.actors.changed) {
      actorMarks.set(c.id, {
        mark: 'changed',
        detail: `changed: ${c.changes.map((x) => x.field).join(', ')}`,
      });
    }
    for (const a of diff.actors.removed) actorMarks.set(a.id, { mark: 'removed', detail: 'removed' });
    for (const r of diff.relations.added) relationMarks.set(r.id, { mark: 'added', detail: 'added' });
    for (const c of diff.relations.changed) {
      const type = c.changes.find((x) => x.field === 'type');
      relationMarks.set(c.id, {
        mark: 'changed',
        detail: type ? `${type.from} → ${type.to}` : `changed: ${c.changes.map((x) => x.field).join(', ')}`,
      });
    }
    for (const r of diff.relations.removed) relationMarks.set(r.id, { mark: 'removed', detail: 'removed' });
    // Removed items are drawn too (ghosted), where they were.
    actors = [...actors, ...diff.actors.removed];
    relations = [...relations, ...diff.relations.removed];
  }
  const lanes = new Map<string, string[]>();
  for (const r of relations) {
    const key = pairKey(r);
    const list = lanes.get(key) ?? [];
    list.push(r.id);
    lanes.set(key, list);
  }
  const nodes: SnapshotNode[] = actors.map((actor) => ({
    id: actor.id,
    type: 'snapshotActor',
    position: { x: actor.x, y: actor.y },
    data: {
      actor,
      mark: actorMarks.get(actor.id)?.mark ?? null,
      detail: actorMarks.get(actor.id)?.detail ?? null,
    },
    draggable: false,
    connectable: false,
    selectable: false,
  }));
  const edges: SnapshotEdge[] = relations.map((relation) => {
    return {
      id: relation.id,
      type: 'snapshotRelation',
      source: relation.source,
      target: relation.target,
      data: {
        relation,
        bend: laneBend(lanes.get(pairKey(relation)), relation.id),
        mark: relationMarks.get(relation.id)?.mark ?? null,
        detail: relationMarks.get(relation.id)?.detail ?? null,
      },
      selectable: false,
    };
  });
  return { nodes, edges };
}
