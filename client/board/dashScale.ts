/**
 * Dash patterns keep their on-screen rhythm when the board is zoomed out.
 *
 * A pattern in flow units shrinks with the zoom: at 0.5 a dotted relation has
 * dots every 3 px, twice as many as at zoom 1 for the same screen length, and
 * rasterising dots is most of what a drag start costs on a big board in
 * software rendering (see dashPieces.ts). Stretching the pattern by a power of
 * two below the zoom keeps dots and dashes about as far apart on screen as at
 * zoom 1 (and still legible as dotted or dashed), with half or a quarter of them.
 */
import type { ReactFlowState } from '@xyflow/react';
import { createContext } from 'react';

/** Factor to stretch dash patterns by at this zoom: 1, 2, 4 or 8. */
export function dashScaleFor(zoom: number): number {
  let scale = 1;
  while (scale < 8 && zoom * scale < 0.75) scale *= 2;
  return scale;
}

export const dashScaleSelector = (s: ReactFlowState): number => dashScaleFor(s.transform[2]);

/** The stretch factor for the canvas being drawn; 1 outside one (e.g. round snapshots). */
export const DashScaleContext = createContext(1);

/** An SVG dash array with every length multiplied by `scale`. */
export function scaleDash(dash: string, scale: number): string {
  if (scale === 1) return dash;
  return dash
    .trim()
    .split(/[\s,]+/)
    .map((n) => String(Number(n) * scale))
    .join(' ');
}
