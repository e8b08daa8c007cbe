import { describe, expect, it } from 'vitest';
import { renderBoardSvg } from '../../shared/export/board-svg.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../shared/export/svg-geometry.ts';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import { type BoardData, RELATION_TYPES } from '../../shared/types.ts';
import { NASTY, nastyBoard, round1, round2 } from './fixtures.ts';
import { findAll, parseXml, textOf, type XmlElement } from './xml-check.ts';

function byClass(root: XmlElement, name: string, cls: string): XmlElement[] {
  return findAll(root, name).filter((el) => el.attrs.class === cls);
}

/** All numbers of a path's data, as [x, y] pairs. */
function points(d: string): [number, number][] {
  const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([nums[i] as number, nums[i + 1] as number]);
  return out;
}

function board(actors: BoardData['actors'], relations: BoardData['relations']): BoardData {
  return { meta: { title: 'Test', description: '' }, actors, relations };
}

describe('renderBoardSvg', () => {
  it('is well-formed XML containing every actor and every relation with its type style', () => {
    const data = round2();
    const svg = parseXml(renderBoardSvg(data));
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');

    const actorGroups = byClass(svg, 'g', 'parley-actor');
    expect(actorGroups.map((g) => g.attrs['data-actor-id']).sort()).toEqual(
      data.actors.map((a) => a.id).sort(),
    );
    for (const actor of data.actors) {
      const g = actorGroups.find((x) => x.attrs['data-actor-id'] === actor.id) as XmlElement;
      expect(textOf(findAll(g, 'title')[0] as XmlElement)).toBe(
        `${actor.label} (${actor.kind.replace('-', ' ')})`,
      );
      expect(findAll(g, 'text').map(textOf).join(' ')).toContain(actor.label);
    }

    const markers = new Map(findAll(svg, 'marker').map((m) => [m.attrs.id, m] as const));
    const relationGroups = byClass(svg, 'g', 'parley-relation');
    expect(relationGroups.map((g) => g.attrs['data-relation-id']).sort()).toEqual(
      data.relations.map((r) => r.id).sort(),
    );
    for (const relation of data.relations) {
      const g = relationGroups.find((x) => x.attrs['data-relation-id'] === relation.id) as XmlElement;
      const style = RELATION_STYLES[relation.type];
      expect(g.attrs['data-type']).toBe(relation.type);
      expect(g.attrs['data-source']).toBe(relation.source);
      expect(g.attrs['data-target']).toBe(relation.target);
      const path = findAll(g, 'path')[0] as XmlElement;
      expect(path.attrs.stroke).toBe(style.color);
      expect(Number(path.attrs['stroke-width'])).toBe(style.width);
      expect(path.attrs['stroke-dasharray']).toBe(style.dash ?? undefined);
      const markerRef = /^url\(#(.+)\)$/.exec(path.attrs['marker-end'] ?? '')?.[1] ?? '';
      const marker = markers.get(markerRef);
      expect(marker, `marker ${markerRef}`).toBeDefined();
      const head = findAll(marker as XmlElement, 'path')[0] as XmlElement;
      expect(style.marker === 'filled' ? head.attrs.fill : head.attrs.stroke).toBe(style.color);
    }

    const labels = findAll(svg, 'text').filter((t) => t.attrs['data-relation-id']);
    const labelled = data.relations.filter((r) => r.label);
    expect(labels.map((t) => [t.attrs['data-relation-id'], textOf(t)]).sort()).toEqual(
      labelled.map((r) => [r.id, r.label]).sort(),
    );
  });

  it('has a legend of the four relation types drawn in their styles', () => {
    const svg = parseXml(renderBoardSvg(round1()));
    const items = byClass(svg, 'g', 'parley-legend-item');
    expect(items.map((i) => i.attrs['data-type'])).toEqual([...RELATION_TYPES]);
    for (const item of items) {
      const style = RELATION_STYLES[item.attrs['data-type'] as (typeof RELATION_TYPES)[number]];
      expect(textOf(findAll(item, 'text')[0] as XmlElement)).toBe(style.name);
      expect(findAll(item, 'path')[0]?.attrs.stroke).toBe(style.color);
    }
  });

  it('puts the title, round name and id, and date in the header', () => {
    const svg = parseXml(
      renderBoardSvg(round1(), {
        roundName: 'Round 1 — Islamabad',
        roundId: 'snap_7f3a',
        date: new Date('2026-04-11T09:30:00Z'),
      }),
    );
    const header = byClass(svg, 'g', 'parley-header')[0] as XmlElement;
    expect(findAll(header, 'text').map(textOf)).toEqual([
      'US–Iran ceasefire (2026)',
      'Round: Round 1 — Islamabad · id snap_7f3a · 2026-04-11 09:30 UTC',
    ]);
    expect(textOf(findAll(svg, 'title')[0] as XmlElement)).toBe('US–Iran ceasefire (2026)');
    const live = parseXml(renderBoardSvg(round1(), { date: '12 April 2026' }));
    expect(findAll(byClass(live, 'g', 'parley-header')[0] as XmlElement, 'text').map(textOf)[1]).toBe(
      'Live board · 12 April 2026',
    );
  });

  it('sizes the picture so every box fits inside, between header and legend', () => {
    const data = round2();
    const spread = {
      ...data,
      actors: data.actors.map((a) => (a.id === 'israel' ? { ...a, x: -3000, y: 2500 } : a)),
    };
    for (const b of [data, spread]) {
      const svg = parseXml(renderBoardSvg(b));
      const width = Number(svg.attrs.width);
      const height = Number(svg.attrs.height);
      expect(svg.attrs.viewBox).toBe(`0 0 ${width} ${height}`);
      const group = byClass(svg, 'g', 'parley-board')[0] as XmlElement;
      const [dx, dy] = points(group.attrs.transform ?? '')[0] as [number, number];
      for (const actor of b.actors) {
        expect(actor.x + dx).toBeGreaterThanOrEqual(0);
        expect(actor.x + dx + NODE_WIDTH).toBeLessThanOrEqual(width);
        expect(actor.y + dy).toBeGreaterThanOrEqual(76);
        expect(actor.y + dy + NODE_HEIGHT).toBeLessThanOrEqual(height - 44);
      }
    }
    // Far-apart actors grow the picture (content 3,700 wide plus margins) rather than being cut off.
    expect(Number(parseXml(renderBoardSvg(spread)).attrs.width)).toBeGreaterThanOrEqual(3700 + 80);
  });

  it('runs an edge from box edge to box edge', () => {
    const svg = parseXml(
      renderBoardSvg(
        board(
          [
            { id: 'a', label: 'A', kind: 'state', x: 0, y: 0 },
            { id: 'b', label: 'B', kind: 'state', x: 400, y: 0 },
            { id: 'c', label: 'C', kind: 'state', x: 0, y: 300 },
          ],
          [
            { id: 'r1', source: 'a', target: 'b', type: 'demands' },
            { id: 'r2', source: 'c', target: 'a', type: 'threatens' },
          ],
        ),
      ),
    );
    const pathOf = (id: string) =>
      findAll(
        byClass(svg, 'g', 'parley-relation').find((g) => g.attrs['data-relation-id'] === id) as XmlElement,
        'path',
      )[0]?.attrs.d ?? '';
    // Centres (90,30) → (490,30): leaves A's right side, stops before B's left side.
    expect(points(pathOf('r1'))).toEqual([
      [183, 30],
      [397, 30],
    ]);
    // Centres (90,330) → (90,30): leaves C's top, stops below A's bottom.
    expect(points(pathOf('r2'))).toEqual([
      [90, 297],
      [90, 63],
    ]);
  });

  it('draws every relation visibly, even parallel, opposite and stacked ones', () => {
    const data = board(
      [
        { id: 'a', label: 'A', kind: 'state', x: 0, y: 0 },
        { id: 'b', label: 'B', kind: 'state', x: 400, y: 100 },
        { id: 'c', label: 'C', kind: 'state', x: 0, y: 0 },
        { id: 'd', label: 'D', kind: 'state', x: 40, y: 10 },
      ],
      [
        { id: 'r1', source: 'a', target: 'b', type: 'demands', label: 'x' },
        { id: 'r2', source: 'a', target: 'b', type: 'threatens', label: 'y' },
        { id: 'r3', source: 'b', target: 'a', type: 'demands', label: 'z' },
        { id: 'r4', source: 'a', target: 'c', type: 'mediates' },
        { id: 'r5', source: 'c', target: 'a', type: 'deferred' },
        { id: 'r6', source: 'a', target: 'd', type: 'demands' },
      ],
    );
    const svg = parseXml(renderBoardSvg(data));
    const paths = byClass(svg, 'g', 'parley-relation').map((g) => findAll(g, 'path')[0]?.attrs.d ?? '');
    expect(paths).toHaveLength(6);
    expect(new Set(paths).size).toBe(6);
    for (const d of paths) {
      const pts = points(d);
      const first = pts[0] as [number, number];
      const last = pts[pts.length - 1] as [number, number];
      const spread = Math.max(...pts.map(([x, y]) => Math.hypot(x - first[0], y - first[1])));
      expect(spread, d).toBeGreaterThan(10);
      expect(Math.hypot(last[0] - first[0], last[1] - first[1]) > 10 || /C/.test(d), d).toBe(true);
    }
    // Three relations between A and B fan out: their labels do not share a spot.
    const labelSpots = findAll(svg, 'text')
      .filter((t) => ['r1', 'r2', 'r3'].includes(t.attrs['data-relation-id'] ?? ''))
      .map((t) => `${t.attrs.x},${t.attrs.y}`);
    expect(new Set(labelSpots).size).toBe(3);
  });

  it('[R6] draws no relation whose actor is missing or that joins an actor to itself', () => {
    const data = board(
      [
        { id: 'a', label: 'A', kind: 'state', x: 0, y: 0 },
        { id: 'b', label: 'B', kind: 'state', x: 300, y: 0 },
      ],
      [
        { id: 'ok', source: 'a', target: 'b', type: 'demands' },
        { id: 'orphan', source: 'a', target: 'gone', type: 'demands' },
        { id: 'self', source: 'a', target: 'a', type: 'threatens' },
      ],
    );
    const svg = parseXml(renderBoardSvg(data));
    expect(byClass(svg, 'g', 'parley-relation').map((g) => g.attrs['data-relation-id'])).toEqual(['ok']);
  });

  it('escapes every piece of user text', () => {
    const data = nastyBoard();
    const raw = renderBoardSvg(data, { roundName: `<b>${NASTY}</b>`, roundId: 'id"&<', date: '<now>' });
    expect(raw).not.toMatch(/<script|<b>/);
    expect(raw).not.toContain('\u0007'); // XML forbids it; it is dropped
    const svg = parseXml(raw);
    const [actor] = byClass(svg, 'g', 'parley-actor').filter(
      (g) => g.attrs['data-actor-id'] === 'evil.actor:1',
    );
    expect(textOf(findAll(actor as XmlElement, 'title')[0] as XmlElement)).toBe(
      `Actor ${NASTY} (armed group)`,
    );
    const relation = byClass(svg, 'g', 'parley-relation')[0] as XmlElement;
    expect(textOf(findAll(relation, 'title')[0] as XmlElement)).toBe(
      `Actor ${NASTY} threatens -Plain, "quoted" actor: Rel ${NASTY}`,
    );
    const header = findAll(byClass(svg, 'g', 'parley-header')[0] as XmlElement, 'text').map(textOf);
    expect(header[0]).toBe(`Title ${NASTY}`);
    expect(header[1]).toBe(`Round: <b>${NASTY}</b> · id id"&< · <now>`);
    // The custom colour is used; a bad one could not inject attributes.
    expect(findAll(actor as XmlElement, 'rect').map((r) => r.attrs.fill)).toEqual([
      '#aa3300',
      '#ffffff',
      'none',
    ]);
    const hostile = { ...data, actors: data.actors.map((a) => ({ ...a, color: '" onload="x' })) };
    expect(renderBoardSvg(hostile)).not.toContain('onload');
  });

  it('renders an empty board with a note instead of failing', () => {
    const svg = parseXml(renderBoardSvg(board([], [])));
    expect(byClass(svg, 'g', 'parley-actor')).toEqual([]);
    expect(findAll(svg, 'text').map(textOf)).toContain('This board has no actors yet.');
    expect(Number(svg.attrs.width)).toBeGreaterThan(0);
  });
});
