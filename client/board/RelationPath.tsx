import { useContext } from 'react';
import { markerId, RELATION_STYLES } from '../../shared/relation-styles.ts';
import type { RelationType } from '../../shared/types.ts';
import { dashPieces } from './dashPieces.ts';
import { DashScaleContext, scaleDash } from './dashScale.ts';
import type { RelationGeometry } from './edgeGeometry.ts';

/**
 * A relation's line in its type's style, ending in the type's arrowhead
 * (RelationMarkers.tsx). Dashed and dotted types are drawn in pieces
 * (dashPieces.ts: long dashed lines are very slow to rasterise whole).
 */
export function RelationPath({ type, geometry }: { type: RelationType; geometry: RelationGeometry }) {
  const style = RELATION_STYLES[type];
  const dashScale = useContext(DashScaleContext);
  // inline style, not attributes: React Flow's stylesheet sets stroke on .react-flow__edge-path
  const stroke = {
    stroke: style.color,
    strokeWidth: style.width,
    strokeDasharray: style.dash === null ? undefined : scaleDash(style.dash, dashScale),
    strokeLinecap: style.linecap,
  };
  const marker = `url(#${markerId(type)})`;
  if (style.dash === null) {
    return (
      <path
        className="react-flow__edge-path relation-path"
        d={geometry.path}
        fill="none"
        style={stroke}
        markerEnd={marker}
      />
    );
  }
  const pieces = dashPieces(geometry);
  return pieces.map((piece, i) => (
    <path
      // pieces are positional: the i-th piece of this line
      // biome-ignore lint/suspicious/noArrayIndexKey: a piece has no identity beyond its place
      key={i}
      className="react-flow__edge-path relation-path"
      d={piece.d}
      fill="none"
      style={{ ...stroke, strokeDashoffset: piece.offset }}
      markerEnd={i === pieces.length - 1 ? marker : undefined}
    />
  ));
}
