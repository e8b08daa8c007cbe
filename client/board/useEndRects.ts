import { type InternalNode, useInternalNode } from '@xyflow/react';
import type { Rect } from './edgeGeometry.ts';
import type { ActorFlowNode } from './flowTypes.ts';

/** Measured size, else the assumed one: a card off screen is never rendered, so never measured. */
function rectOf(node: InternalNode): Rect | null {
  const width = node.measured.width ?? node.initialWidth;
  const height = node.measured.height ?? node.initialHeight;
  if (!width || !height) return null;
  return { ...node.internals.positionAbsolute, width, height };
}

/**
 * Where an edge's two actor cards are, or null while either has no size.
 * Subscribes to these two nodes only, so the edge follows them (live remote drags too).
 */
export function useEndRects(source: string, target: string): EndRects | null {
  const sourceNode = useInternalNode<ActorFlowNode>(source);
  const targetNode = useInternalNode<ActorFlowNode>(target);
  const sourceRect = sourceNode && rectOf(sourceNode);
  const targetRect = targetNode && rectOf(targetNode);
  if (!sourceRect || !targetRect) return null;
  return { source: sourceRect, target: targetRect, moving: isMoving(sourceNode) || isMoving(targetNode) };
}

export interface EndRects {
  source: Rect;
  target: Rect;
  /** Either card is being dragged, here or by someone else. */
  moving: boolean;
}

function isMoving(node: InternalNode<ActorFlowNode> | undefined): boolean {
  return node?.dragging === true || (node?.data.draggedBy ?? null) !== null;
}
