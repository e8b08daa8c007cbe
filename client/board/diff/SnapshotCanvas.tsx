/**
 * A read-only canvas for a board that is not the live one: a round being
 * viewed, or a diff (added / removed / changed / moved styled apart, removed
 * items ghosted). It has its own nodes and edges built from plain board data,
 * so the live session's stores are untouched while others keep editing.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  EdgeLabelRenderer,
  type EdgeProps,
  type NodeProps,
  ReactFlow,
} from '@xyflow/react';
import { type CSSProperties, memo, useMemo } from 'react';
import type { BoardDiff } from '../../../shared/diff/board-diff.ts';
import { RELATION_STYLES } from '../../../shared/relation-styles.ts';
import type { BoardData } from '../../../shared/types.ts';
import { ActorCardBody, HiddenHandles } from '../ActorCardParts.tsx';
import { KIND_COLORS } from '../actorKinds.ts';
import { relationGeometry } from '../edgeGeometry.ts';
import { CANVAS_ZOOM } from '../flowTypes.ts';
import { RelationPath } from '../RelationPath.tsx';
import { useEndRects } from '../useEndRects.ts';
import { buildSnapshotFlow, type SnapshotEdge, type SnapshotNode } from './diffFlow.ts';

function SnapshotActorView({ id, data }: NodeProps<SnapshotNode>) {
  const { actor, mark, detail } = data;
  const style = { '--actor-accent': actor.color ?? KIND_COLORS[actor.kind] } as CSSProperties;
  return (
    <div
      className={`actor-node snapshot-node${mark ? ` diff-${mark}` : ''}`}
      style={style}
      data-testid={`snapshot-actor-${id}`}
      data-diff={mark ?? undefined}
      title={detail ?? undefined}
    >
      <ActorCardBody actor={actor}>
        <div className="actor-label" data-testid="snapshot-label">
          {actor.label}
        </div>
      </ActorCardBody>
      {mark && <span className={`diff-badge diff-badge-${mark}`}>{mark}</span>}
      <HiddenHandles />
    </div>
  );
}

function SnapshotRelationView({ id, source, target, data }: EdgeProps<SnapshotEdge>) {
  const ends = useEndRects(source, target);
  if (!data || !ends) return null;
  const { relation, bend, mark, detail } = data;
  const style = RELATION_STYLES[relation.type];
  const geometry = relationGeometry(ends.source, ends.target, bend, source < target);
  const { path, labelX, labelY } = geometry;
  const label = [relation.label, mark === 'changed' ? detail : null].filter(Boolean).join(' · ');
  return (
    <>
      <g
        data-testid={`snapshot-relation-${id}`}
        data-type={relation.type}
        data-diff={mark ?? undefined}
        className={`relation-edge snapshot-edge${mark ? ` diff-${mark}` : ''}`}
      >
        {(mark === 'added' || mark === 'changed') && (
          <path
            d={path}
            fill="none"
            className={`diff-halo diff-halo-${mark}`}
            strokeWidth={style.width + 9}
          />
        )}
        <RelationPath type={relation.type} geometry={geometry} />
      </g>
      {label && (
        <EdgeLabelRenderer>
          <div
            className={`relation-label snapshot-label${mark ? ` diff-${mark}` : ''}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              borderColor: style.color,
            }}
          >
            <span className="relation-label-text">{label}</span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { snapshotActor: memo(SnapshotActorView) };
const edgeTypes = { snapshotRelation: memo(SnapshotRelationView) };
const proOptions = { hideAttribution: true };
const fitViewOptions = { padding: 0.15 };

export function SnapshotCanvas({
  board,
  diff,
  testId,
}: {
  board: BoardData;
  diff?: BoardDiff;
  testId: string;
}) {
  const { nodes, edges } = useMemo(() => buildSnapshotFlow(board, diff), [board, diff]);
  return (
    <ReactFlow<SnapshotNode, SnapshotEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={CANVAS_ZOOM.min}
      maxZoom={CANVAS_ZOOM.max}
      proOptions={proOptions}
      data-testid={testId}
    >
      <Background variant={BackgroundVariant.Dots} gap={22} size={1.3} color="#e2e8f0" />
      <Controls position="bottom-right" showInteractive={false} />
    </ReactFlow>
  );
}
