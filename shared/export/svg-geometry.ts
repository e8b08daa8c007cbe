/**
 * Where each relation is drawn in the exported picture. Edges run from box
 * edge to box edge; several relations between the same two actors (either
 * direction) fan out as curves so none hides another, and degenerate cases
 * (overlapping or stacked boxes) still get a visible path: the picture must
 * never lose an edge the canvas shows.
 */
import type { Actor, Relation } from '../types.ts';
import { formatNumber as n } from './xml.ts';

/** Actor box size in flow units, matching the canvas node. */
export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 60;
/** Distance between neighbouring curves of one actor pair, at their midpoints. */
const FAN_SPREAD = 36;
/** Gap left between an arrow tip and the box border. */
const EDGE_GAP = 3;

export interface Point {
  x: number;
  y: number;
}

export interface EdgeGeometry {
  /** SVG path data. */
  d: string;
  /** Where the relation's label goes (the middle of the drawn path). */
  labelAt: Point;
}

export function routeEdges(
  relations: readonly Relation[],
  actorById: ReadonlyMap<string, Actor>,
): Map<string, EdgeGeometry> {
  // Group by unordered pair so A→B and B→A fan out together.
  const groups = new Map<string, Relation[]>();
  for (const r of relations) {
    const key = r.source < r.target ? `${r.source}\u0000${r.target}` : `${r.target}\u0000${r.source}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out = new Map<string, EdgeGeometry>();
  for (const group of groups.values()) {
    group.forEach((relation, index) => {
      const source = actorById.get(relation.source);
      const target = actorById.get(relation.target);
      if (!source || !target) return;
      const offset = (index - (group.length - 1) / 2) * FAN_SPREAD;
      out.set(relation.id, routeOne(source, target, offset, index));
    });
  }
  return out;
}

function center(actor: Actor): Point {
  return { x: actor.x + NODE_WIDTH / 2, y: actor.y + NODE_HEIGHT / 2 };
}

function routeOne(source: Actor, target: Actor, offset: number, index: number): EdgeGeometry {
  const c1 = center(source);
  const c2 = center(target);
  const dx = c2.x - c1.x;
  const dy = c2.y - c1.y;
  const length = Math.hypot(dx, dy);
  if (length < 1) return loop(c1, index);

  // The normal is taken from the pair's canonical direction (lower id first), so
  // A→B and B→A with opposite offsets land on opposite sides.
  const flip = source.id < target.id ? 1 : -1;
  const normal = { x: (-dy / length) * flip, y: (dx / length) * flip };
  const mid = { x: (c1.x + c2.x) / 2, y: (c1.y + c2.y) / 2 };
  const control = { x: mid.x + normal.x * offset * 2, y: mid.y + normal.y * offset * 2 };
  const overlapping = Math.abs(dx) < NODE_WIDTH && Math.abs(dy) < NODE_HEIGHT;

  // Overlapping boxes have no sensible border points; run centre to centre
  // (edges are drawn above the boxes, so it stays visible).
  const start = overlapping ? c1 : exitPoint(c1, offset === 0 ? c2 : control);
  const end = overlapping ? c2 : exitPoint(c2, offset === 0 ? c1 : control);
  if (offset === 0) {
    return {
      d: `M${n(start.x)},${n(start.y)} L${n(end.x)},${n(end.y)}`,
      labelAt: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 },
    };
  }
  return {
    d: `M${n(start.x)},${n(start.y)} Q${n(control.x)},${n(control.y)} ${n(end.x)},${n(end.y)}`,
    // A quadratic Bézier's point at t = 0.5.
    labelAt: {
      x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
      y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
    },
  };
}

/** Where the ray from a box's centre towards `toward` leaves the box, plus a small gap. */
function exitPoint(c: Point, toward: Point): Point {
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return c;
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : NODE_WIDTH / 2 / Math.abs(dx);
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : NODE_HEIGHT / 2 / Math.abs(dy);
  const t = Math.min(tx, ty);
  return { x: c.x + dx * t + (dx / length) * EDGE_GAP, y: c.y + dy * t + (dy / length) * EDGE_GAP };
}

/** Two actors stacked on the same spot: a loop out of the right side, one per relation. */
function loop(c: Point, index: number): EdgeGeometry {
  const x = c.x + NODE_WIDTH / 2;
  const reach = 60 + index * 30;
  return {
    d: `M${n(x)},${n(c.y - 12)} C${n(x + reach)},${n(c.y - 50)} ${n(x + reach)},${n(c.y + 50)} ${n(x)},${n(c.y + 12)}`,
    labelAt: { x: x + reach * 0.75, y: c.y },
  };
}
