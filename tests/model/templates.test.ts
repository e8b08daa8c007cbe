import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import { docToExport, parseExportedBoard } from '../../shared/export-json.ts';
import { populateBoard } from '../../shared/mutations.ts';
import { TEMPLATE_ORIGIN } from '../../shared/origins.ts';
import { findTemplate, TEMPLATES } from '../../shared/templates/index.ts';
import { type Actor, RELATION_TYPES } from '../../shared/types.ts';

// The largest card the canvas draws for an actor (client/styles/nodes.css: 150–230 px
// wide; kind, a label of up to two lines and a two-line stance), with (x, y) at its top-left.
const NODE_W = 230;
const NODE_H = 110;
const GAP = 20;
const CANVAS_W = 1400;
const CANVAS_H = 800;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function box(a: Actor, pad = 0): Box {
  return { left: a.x - pad, top: a.y - pad, right: a.x + NODE_W + pad, bottom: a.y + NODE_H + pad };
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Whether the segment p→q passes through the box (Liang–Barsky clipping). */
function segmentHitsBox(p: [number, number], q: [number, number], b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const edges: [number, number][] = [
    [-dx, p[0] - b.left],
    [dx, b.right - p[0]],
    [-dy, p[1] - b.top],
    [dy, b.bottom - p[1]],
  ];
  for (const [pp, qq] of edges) {
    if (pp === 0) {
      if (qq < 0) return false;
      continue;
    }
    const t = qq / pp;
    if (pp < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

function center(a: Actor): [number, number] {
  return [a.x + NODE_W / 2, a.y + NODE_H / 2];
}

describe('built-in boards', () => {
  it('registers the two boards under their ids and titles', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['us-iran-2026', 'india-pakistan-2025']);
    expect(findTemplate('us-iran-2026')?.title).toBe('US–Iran ceasefire (2026)');
    expect(findTemplate('india-pakistan-2025')?.title).toBe('India–Pakistan ceasefire (2025)');
    expect(findTemplate('nope')).toBeUndefined();
    for (const t of TEMPLATES) {
      expect(t.title).toBe(t.board.title);
      expect(t.description).toBe(t.board.description);
      expect(t.description.length).toBeGreaterThan(40);
    }
  });

  for (const template of TEMPLATES) {
    describe(template.id, () => {
      const { board } = template;

      it('[R14] is a valid export.json and reads back identically after populateBoard', () => {
        const parsed = parseExportedBoard(JSON.parse(JSON.stringify(board)));
        if (!parsed.ok) throw new Error(parsed.error);
        const doc = new Y.Doc();
        populateBoard(doc, parsed.value, TEMPLATE_ORIGIN);
        const byId = <T extends { id: string }>(items: T[]) =>
          [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(readBoard(doc)).toEqual({
          meta: { title: board.title, description: board.description },
          actors: byId(board.actors),
          relations: byId(board.relations),
        });
        expect(docToExport(doc)).toEqual({
          ...board,
          actors: byId(board.actors),
          relations: byId(board.relations),
        });
      });

      it('has at least 8 actors and 12 relations using all four relation types', () => {
        expect(board.actors.length).toBeGreaterThanOrEqual(8);
        expect(board.relations.length).toBeGreaterThanOrEqual(12);
        expect(new Set(board.relations.map((r) => r.type))).toEqual(new Set(RELATION_TYPES));
      });

      it('gives every actor a stance and every relation a label, with readable ids', () => {
        const ids = [...board.actors, ...board.relations].map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
        for (const a of board.actors) expect(a.stance?.length ?? 0, a.id).toBeGreaterThan(20);
        // Short enough to sit on an edge untruncated (the SVG export cuts edge labels at 48 characters).
        for (const r of board.relations) expect(r.label?.length ?? 0, r.id).toBeGreaterThan(5);
        for (const r of board.relations) expect(r.label?.length ?? 0, r.id).toBeLessThanOrEqual(44);
        const keys = board.relations.map((r) => `${r.source}>${r.target}:${r.type}:${r.label}`);
        expect(new Set(keys).size, 'duplicate relation').toBe(keys.length);
      });

      it('lays actors out on a 1400×800 canvas without overlapping boxes', () => {
        for (const a of board.actors) {
          expect(a.x, a.id).toBeGreaterThanOrEqual(0);
          expect(a.y, a.id).toBeGreaterThanOrEqual(0);
          expect(a.x + NODE_W, a.id).toBeLessThanOrEqual(CANVAS_W);
          expect(a.y + NODE_H, a.id).toBeLessThanOrEqual(CANVAS_H);
        }
        for (const [i, a] of board.actors.entries()) {
          for (const b of board.actors.slice(i + 1)) {
            expect(boxesOverlap(box(a, GAP / 2), box(b, GAP / 2)), `${a.id} overlaps ${b.id}`).toBe(false);
          }
        }
      });

      it('draws no relation straight through a third actor', () => {
        const actors = new Map(board.actors.map((a) => [a.id, a]));
        for (const r of board.relations) {
          const s = actors.get(r.source);
          const t = actors.get(r.target);
          if (!s || !t) throw new Error(`${r.id} has a missing end`);
          for (const other of board.actors) {
            if (other === s || other === t) continue;
            expect(segmentHitsBox(center(s), center(t), box(other, 12)), `${r.id} crosses ${other.id}`).toBe(
              false,
            );
          }
        }
      });
    });
  }
});
