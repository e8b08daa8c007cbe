import { type ReactFlowState, useStore } from '@xyflow/react';
import { useCallback } from 'react';
import type { Rect } from './edgeGeometry.ts';

/**
 * On a board with more relations than this, a relation is drawn only while at
 * least one of its actor cards is on screen. React Flow's own culling keeps
 * every relation whose bounding box crosses the view, which on a big board is
 * half of them: thousands of long lines (dotted ones especially) that the
 * browser re-rasterises on every drag frame, and a hairball nobody can read.
 * Smaller boards keep every crossing relation.
 */
export const CROSSING_RELATIONS_LIMIT = 600;

/** Screen margin (px) within which a card counts as on screen. */
const MARGIN = 120;

function onScreen(r: Rect, s: ReactFlowState): boolean {
  const [tx, ty, zoom] = s.transform;
  const left = r.x * zoom + tx;
  const top = r.y * zoom + ty;
  return (
    left + r.width * zoom > -MARGIN &&
    top + r.height * zoom > -MARGIN &&
    left < s.width + MARGIN &&
    top < s.height + MARGIN
  );
}

/** Whether this relation should be drawn now (see CROSSING_RELATIONS_LIMIT). */
export function useEndsOnScreen(ends: { source: Rect; target: Rect } | null): boolean {
  const selector = useCallback(
    (s: ReactFlowState) =>
      ends !== null &&
      (s.edges.length <= CROSSING_RELATIONS_LIMIT || onScreen(ends.source, s) || onScreen(ends.target, s)),
    [ends],
  );
  return useStore(selector);
}
