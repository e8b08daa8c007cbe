/**
 * Dashed and dotted relations drawn in pieces of bounded length.
 *
 * Chromium rasterises the page in tiles, and a tile replays every drawing
 * whose bounding box touches it. A dashed line is dashed along its whole
 * length each time, so on a big board a long diagonal relation (thousands of
 * px, most of it off screen) was dashed again for every tile it spans: in
 * software rendering one tile took 100–400 ms when a drag started. Cut into
 * pieces, each tile dashes only what runs near it, and pieces off screen are
 * never rasterised. Each piece continues the dash pattern where the previous
 * one stopped (stroke-dashoffset), so the line looks the same.
 */
import type { Point, RelationGeometry } from './edgeGeometry.ts';

export interface DashPiece {
  d: string;
  /** Distance along the whole line to this piece's start: its stroke-dashoffset. */
  offset: number;
}

/** Longest piece, in flow px: a few tiles at the zoom big boards open with. */
export const MAX_PIECE = 480;

const lerp = (a: Point, b: Point, t: number): Point => ({
  x: a.x + (b.x - a.x) * t,
  y: a.y + (b.y - a.y) * t,
});
const dist = (a: Point, b: Point): number => Math.hypot(b.x - a.x, b.y - a.y);
const fmt = (n: number): string => String(Math.round(n * 100) / 100);

function quadPoint(p0: Point, c: Point, p1: Point, t: number): Point {
  return lerp(lerp(p0, c, t), lerp(c, p1, t), t);
}

/** Control point of the part of a quadratic curve between t0 and t1 (blossoming). */
function quadControl(p0: Point, c: Point, p1: Point, t0: number, t1: number): Point {
  const blossom = (u: number, v: number): Point => {
    const a = lerp(p0, c, u);
    const b = lerp(c, p1, u);
    return lerp(a, b, v);
  };
  return blossom(t0, t1);
}

/** Arc length of a quadratic curve between t0 and t1, by chords (ample for dash continuity). */
function quadLength(p0: Point, c: Point, p1: Point, t0: number, t1: number, steps = 8): number {
  let length = 0;
  let prev = quadPoint(p0, c, p1, t0);
  for (let i = 1; i <= steps; i += 1) {
    const next = quadPoint(p0, c, p1, t0 + ((t1 - t0) * i) / steps);
    length += dist(prev, next);
    prev = next;
  }
  return length;
}

/** The relation's line as pieces of at most about `maxPiece` px, in order from its start. */
export function dashPieces(geometry: RelationGeometry, maxPiece = MAX_PIECE): DashPiece[] {
  const { start, end, control } = geometry;
  if (control === null) {
    const length = dist(start, end);
    const count = Math.max(1, Math.ceil(length / maxPiece));
    const pieces: DashPiece[] = [];
    for (let i = 0; i < count; i += 1) {
      const a = lerp(start, end, i / count);
      const b = lerp(start, end, (i + 1) / count);
      pieces.push({ d: `M${fmt(a.x)},${fmt(a.y)} L${fmt(b.x)},${fmt(b.y)}`, offset: (length * i) / count });
    }
    return pieces;
  }
  const total = quadLength(start, control, end, 0, 1, 32);
  const count = Math.max(1, Math.ceil(total / maxPiece));
  const pieces: DashPiece[] = [];
  let offset = 0;
  for (let i = 0; i < count; i += 1) {
    const t0 = i / count;
    const t1 = (i + 1) / count;
    const a = quadPoint(start, control, end, t0);
    const b = quadPoint(start, control, end, t1);
    const c = quadControl(start, control, end, t0, t1);
    pieces.push({ d: `M${fmt(a.x)},${fmt(a.y)} Q${fmt(c.x)},${fmt(c.y)} ${fmt(b.x)},${fmt(b.y)}`, offset });
    offset += quadLength(start, control, end, t0, t1);
  }
  return pieces;
}
