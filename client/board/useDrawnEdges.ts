import { type InternalNode, type ReactFlowState, useStore } from '@xyflow/react';
import { useCallback } from 'react';
import type { RelationFlowEdge } from './flowTypes.ts';

/**
 * On a board with more relations than this, React Flow is handed only the
 * relations with at least one actor card on (or near) the screen, plus the
 * selected ones. Its own culling keeps every relation whose bounding box
 * crosses the view, which on a big board is half of them: thousands of long
 * lines, each re-rasterised when a card moves and each with store
 * subscriptions run on every change, and a hairball nobody can read anyway.
 * Smaller boards keep every crossing relation.
 */
export const CROSSING_RELATIONS_LIMIT = 600;

/** Screen margin (px) within which a card counts as on screen. */
const MARGIN = 120;

interface View {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function viewOf(s: ReactFlowState): View {
  const [tx, ty, zoom] = s.transform;
  return {
    x0: (-tx - MARGIN) / zoom,
    y0: (-ty - MARGIN) / zoom,
    x1: (s.width - tx + MARGIN) / zoom,
    y1: (s.height - ty + MARGIN) / zoom,
  };
}

function inView(node: InternalNode | undefined, v: View): boolean {
  if (!node) return false;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.initialWidth ?? 0;
  const height = node.measured.height ?? node.initialHeight ?? 0;
  return x + width > v.x0 && y + height > v.y0 && x < v.x1 && y < v.y1;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** The relations to give React Flow now (see CROSSING_RELATIONS_LIMIT). */
export function useDrawnEdges(edges: RelationFlowEdge[]): RelationFlowEdge[] {
  const selector = useCallback(
    (s: ReactFlowState): RelationFlowEdge[] => {
      if (edges.length <= CROSSING_RELATIONS_LIMIT || !s.width || !s.height) return edges;
      const view = viewOf(s);
      return edges.filter(
        (e) =>
          e.selected === true ||
          inView(s.nodeLookup.get(e.source), view) ||
          inView(s.nodeLookup.get(e.target), view),
      );
    },
    [edges],
  );
  return useStore(selector, sameItems);
}
