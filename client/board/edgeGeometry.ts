/**
 * Floating relation geometry: a relation runs between the borders of its two
 * actor cards along the line joining their centres (bowed sideways when there
 * are parallel relations), so it never depends on which handle it was drawn from.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface RelationGeometry {
  path: string;
  labelX: number;
  labelY: number;
  start: Point;
  end: Point;
  /** The quadratic curve's control point; null for a straight line. */
  control: Point | null;
}

/** Gap left between a relation's arrow tip and the target card. */
const TARGET_GAP = 3;

function center(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** Where the ray from the rectangle's centre towards `toward` leaves the rectangle (grown by `pad`). */
export function borderPoint(rect: Rect, toward: Point, pad = 0): Point {
  const c = center(rect);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const halfW = rect.width / 2 + pad;
  const halfH = rect.height / 2 + pad;
  const scale = Math.min(
    dx === 0 ? Infinity : halfW / Math.abs(dx),
    dy === 0 ? Infinity : halfH / Math.abs(dy),
  );
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

/**
 * @param bend sideways offset of the curve's midpoint, measured to the left of
 *   the direction from the lower-id actor to the higher-id one; `sourceIsLower`
 *   says which end that is, so A→B and B→A bow to opposite sides.
 */
export function relationGeometry(
  source: Rect,
  target: Rect,
  bend: number,
  sourceIsLower: boolean,
): RelationGeometry {
  const cs = center(source);
  const ct = center(target);
  const [a, b] = sourceIsLower ? [cs, ct] : [ct, cs];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const mid = { x: (cs.x + ct.x) / 2, y: (cs.y + ct.y) / 2 };
  // a quadratic curve's midpoint lies halfway to its control point, hence 2×
  const control = { x: mid.x + (-dy / length) * bend * 2, y: mid.y + (dx / length) * bend * 2 };
  const start = borderPoint(source, bend === 0 ? ct : control);
  const end = borderPoint(target, bend === 0 ? cs : control, TARGET_GAP);
  if (bend === 0) {
    return {
      path: `M${start.x},${start.y} L${end.x},${end.y}`,
      labelX: (start.x + end.x) / 2,
      labelY: (start.y + end.y) / 2,
      start,
      end,
      control: null,
    };
  }
  return {
    path: `M${start.x},${start.y} Q${control.x},${control.y} ${end.x},${end.y}`,
    labelX: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    labelY: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
    start,
    end,
    control,
  };
}
