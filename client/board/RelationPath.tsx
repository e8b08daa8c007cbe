import { markerId, RELATION_STYLES } from '../../shared/relation-styles.ts';
import type { RelationType } from '../../shared/types.ts';

/** A relation's line in its type's style, ending in the type's arrowhead (RelationMarkers.tsx). */
export function RelationPath({ type, path }: { type: RelationType; path: string }) {
  const style = RELATION_STYLES[type];
  return (
    <path
      className="react-flow__edge-path relation-path"
      d={path}
      fill="none"
      // inline style, not attributes: React Flow's stylesheet sets stroke on .react-flow__edge-path
      style={{
        stroke: style.color,
        strokeWidth: style.width,
        strokeDasharray: style.dash ?? undefined,
        strokeLinecap: style.linecap,
      }}
      markerEnd={`url(#${markerId(type)})`}
    />
  );
}
