import { MARKER_BOX, markerId, markerPath, RELATION_STYLES } from '../../shared/relation-styles.ts';
import { RELATION_TYPES } from '../../shared/types.ts';

/** Arrowhead scale for a stroke width: thick lines get proportionally larger heads. */
export function markerScale(width: number): number {
  return Math.max(1, width / 2.5);
}

/** One <marker> per relation type, rendered once; edges and the legend refer to them by id. */
export function RelationMarkers() {
  return (
    <svg className="relation-markers" aria-hidden="true" width="0" height="0">
      <defs>
        {RELATION_TYPES.map((type) => {
          const style = RELATION_STYLES[type];
          const scale = markerScale(style.width);
          const filled = style.marker === 'filled';
          return (
            <marker
              key={type}
              id={markerId(type)}
              viewBox={`0 0 ${MARKER_BOX.width} ${MARKER_BOX.height}`}
              refX={MARKER_BOX.refX}
              refY={MARKER_BOX.refY}
              markerWidth={MARKER_BOX.width * scale}
              markerHeight={MARKER_BOX.height * scale}
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path
                d={markerPath(style.marker)}
                fill={filled ? style.color : 'none'}
                stroke={style.color}
                strokeWidth={filled ? 1 : 1.8}
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </marker>
          );
        })}
      </defs>
    </svg>
  );
}
