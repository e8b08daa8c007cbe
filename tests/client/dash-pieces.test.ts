/**
 * Dashed relations are drawn in pieces (client/board/dashPieces.ts): the
 * pieces must join up into exactly the original line, and each must start
 * the dash pattern where the previous one stopped.
 */
import { describe, expect, it } from 'vitest';
import { dashPieces, MAX_PIECE } from '../../client/board/dashPieces.ts';
import { dashScaleFor, scaleDash } from '../../client/board/dashScale.ts';
import { relationGeometry } from '../../client/board/edgeGeometry.ts';

const card = (x: number, y: number) => ({ x, y, width: 180, height: 60 });

/** Numbers of an SVG path: [x0, y0, …]. */
const numbers = (d: string): number[] => (d.match(/-?[\d.]+/g) ?? []).map(Number);

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
    const first = numbers(pieces[0]?.d ?? '');
    const last = numbers(pieces.at(-1)?.d ?? '');
    expect(first[0]).toBeCloseTo(geometry.start.x, 1);
    expect(first[1]).toBeCloseTo(geometry.start.y, 1);
    expect(last[2]).toBeCloseTo(geometry.end.x, 1);
    expect(last[3]).toBeCloseTo(geometry.end.y, 1);
    for (let i = 1; i < pieces.length; i += 1) {
      const prev = numbers(pieces[i - 1]?.d ?? '');
      const next = numbers(pieces[i]?.d ?? '');
      expect(next[0]).toBeCloseTo(prev[2] ?? Number.NaN, 1);
      expect(next[1]).toBeCloseTo(prev[3] ?? Number.NaN, 1);
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
    const first = numbers(pieces[0]?.d ?? '');
    const last = numbers(pieces.at(-1)?.d ?? '');
    expect(first[0]).toBeCloseTo(geometry.start.x, 1);
    expect(last[4]).toBeCloseTo(geometry.end.x, 1);
    expect(last[5]).toBeCloseTo(geometry.end.y, 1);
    for (let i = 1; i < pieces.length; i += 1) {
      const prev = numbers(pieces[i - 1]?.d ?? '');
      const next = numbers(pieces[i]?.d ?? '');
      expect(next[0]).toBeCloseTo(prev[4] ?? Number.NaN, 1);
      expect(next[1]).toBeCloseTo(prev[5] ?? Number.NaN, 1);
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
