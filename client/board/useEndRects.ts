import { type InternalNode, useInternalNode } from '@xyflow/react';
import type { Rect } from './edgeGeometry.ts';

function rectOf(node: InternalNode): Rect | null {
  const { width, height } = node.measured;
  if (!width || !height) return null;
  return { ...node.internals.positionAbsolute, width, height };
}

/**
 * Where an edge's two actor cards are, or null until both are measured.
 * Subscribes to these two nodes only, so the edge follows them (live remote drags too).
 */
export function useEndRects(source: string, target: string): { source: Rect; target: Rect } | null {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  const sourceRect = sourceNode && rectOf(sourceNode);
  const targetRect = targetNode && rectOf(targetNode);
  return sourceRect && targetRect ? { source: sourceRect, target: targetRect } : null;
}
