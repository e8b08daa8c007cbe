import { EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import { useSession } from './BoardContext.ts';
import { relationGeometry } from './edgeGeometry.ts';
import type { RelationFlowEdge } from './flowTypes.ts';
import { RelationPath } from './RelationPath.tsx';
import { selectRelation } from './selection.ts';
import { useEndRects } from './useEndRects.ts';

function RelationEdgeView({ id, source, target, data, selected }: EdgeProps<RelationFlowEdge>) {
  const session = useSession();
  const ends = useEndRects(source, target);
  if (!data || !ends) return null;

  const { relation, bend, selectedBy } = data;
  const style = RELATION_STYLES[relation.type];
  const geometry = relationGeometry(ends.source, ends.target, bend, source < target);
  const { path, labelX, labelY } = geometry;
  return (
    <>
      <g
        data-testid={`relation-${id}`}
        data-type={relation.type}
        data-source={source}
        data-target={target}
        className={`relation-edge${selected ? ' is-selected' : ''}${ends.moving ? ' is-moving' : ''}`}
      >
        {selected && (
          <path
            d={path}
            fill="none"
            stroke={style.color}
            strokeOpacity={0.18}
            strokeWidth={style.width + 10}
          />
        )}
        {/* other people's selections, one ring each in their colour */}
        {selectedBy.map((m, i) => (
          <path
            key={m.clientId}
            d={path}
            fill="none"
            stroke={m.color}
            strokeOpacity={0.45}
            strokeWidth={style.width + 6 + i * 4}
            strokeLinecap="round"
          />
        ))}
        <RelationPath type={relation.type} geometry={geometry} />
        <path
          className="react-flow__edge-interaction"
          d={path}
          fill="none"
          strokeOpacity={0}
          strokeWidth={22}
        />
      </g>
      {relation.label && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`relation-label nodrag nopan${selected ? ' is-selected' : ''}`}
            data-testid={`edge-label-${id}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              borderColor: style.color,
            }}
            onClick={(e) => selectRelation(session, id, e.shiftKey || e.metaKey || e.ctrlKey)}
          >
            <span className="relation-label-text">{relation.label}</span>
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const RelationEdge = memo(RelationEdgeView);
