/**
 * Dashed relations are drawn in pieces (client/board/dashPieces.ts): the
 * pieces must join up into exactly the original line, and each must start
 * the dash pattern where the previous one stopped.
 */
import { describe, expect, it } from 'vitest';
import { type DashPiece, dashPieces, MAX_PIECE } from '../../client/board/dashPieces.ts';
import { dashScaleFor, scaleDash } from '../../client/board/dashScale.ts';
import { type RelationGeometry, relationGeometry } from '../../client/board/edgeGeometry.ts';

const card = (x: number, y: number) => ({ x, y, width: 180, height: 60 });

/** Numbers of an SVG path: [x0, y0, …]. */
const numbers = (d: string): number[] => (d.match(/-?[\d.]+/g) ?? []).map(Number);
const startOf = (d: string): [number, number] => numbers(d).slice(0, 2) as [number, number];
const endOf = (d: string): [number, number] => numbers(d).slice(-2) as [number, number];

/** The pieces run from the line's start to its end, each starting where the previous one ended. */
function expectJoined(pieces: DashPiece[], geometry: RelationGeometry): void {
  const [x0, y0] = startOf(pieces[0]?.d ?? '');
  const [x1, y1] = endOf(pieces.at(-1)?.d ?? '');
  expect(x0).toBeCloseTo(geometry.start.x, 1);
  expect(y0).toBeCloseTo(geometry.start.y, 1);
  expect(x1).toBeCloseTo(geometry.end.x, 1);
  expect(y1).toBeCloseTo(geometry.end.y, 1);
  for (let i = 1; i < pieces.length; i += 1) {
    const [px, py] = endOf(pieces[i - 1]?.d ?? '');
    const [nx, ny] = startOf(pieces[i]?.d ?? '');
    expect(nx).toBeCloseTo(px, 1);
    expect(ny).toBeCloseTo(py, 1);
  }
}

describe('dash pieces', () => {
  it('a short line stays one piece, with the dash pattern from its start', () => {
    const geometry = relationGeometry(card(0, 0), card(300, 0), 0, true);
    const pieces = dashPieces(geometry);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]?.offset).toBe(0);
  });

  it('a long straight line is cut into joined pieces whose offsets are the distance travelled', () => {
    const geometry = relationGeometry(card(0, 0), card(6000, 3500), 0, true);
    const length = Math.hypot(geometry.end.x - geometry.start.x, geometry.end.y - geometry.start.y);
    const pieces = dashPieces(geometry);
    expect(pieces.length).toBe(Math.ceil(length / MAX_PIECE));
    expectJoined(pieces, geometry);
    for (let i = 1; i < pieces.length; i += 1) {
      const prev = numbers(pieces[i - 1]?.d ?? '');
      const travelled = Math.hypot((prev[2] ?? 0) - (prev[0] ?? 0), (prev[3] ?? 0) - (prev[1] ?? 0));
      expect((pieces[i]?.offset ?? 0) - (pieces[i - 1]?.offset ?? 0)).toBeCloseTo(travelled, 1);
      expect(travelled).toBeLessThanOrEqual(MAX_PIECE);
    }
  });

  it('a bowed (parallel) relation is cut along its curve: joined pieces, growing offsets', () => {
    const geometry = relationGeometry(card(0, 0), card(4000, 0), 60, true);
    expect(geometry.control).not.toBeNull();
    const pieces = dashPieces(geometry);
    expect(pieces.length).toBeGreaterThan(1);
    expectJoined(pieces, geometry);
    for (let i = 1; i < pieces.length; i += 1) {
      expect(pieces[i]?.offset ?? 0).toBeGreaterThan(pieces[i - 1]?.offset ?? 0);
    }
    // The curve is longer than its chord; the last offset is within the last piece of it.
    const chord = geometry.end.x - geometry.start.x;
    expect(pieces.at(-1)?.offset ?? 0).toBeGreaterThan(chord - MAX_PIECE);
  });
});

describe('dash scale', () => {
  it('stretches dash patterns by powers of two so they keep their on-screen rhythm when zoomed out', () => {
    expect(dashScaleFor(1)).toBe(1);
    expect(dashScaleFor(0.75)).toBe(1);
    expect(dashScaleFor(0.5)).toBe(2);
    expect(dashScaleFor(0.3)).toBe(4);
    expect(dashScaleFor(0.15)).toBe(8);
    expect(dashScaleFor(0.05)).toBe(8);
    expect(scaleDash('0.1 6', 2)).toBe('0.2 12');
    expect(scaleDash('8 6', 1)).toBe('8 6');
  });
});
