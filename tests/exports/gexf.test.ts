import { describe, expect, it } from 'vitest';
import { renderBoardGexf, renderGexfTimeline, type TimelineRound } from '../../shared/export/board-gexf.ts';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import type { BoardData } from '../../shared/types.ts';
import { NASTY, nastyBoard, round1, round2 } from './fixtures.ts';
import { child, findAll, parseXml, type XmlElement } from './xml-check.ts';

const T1 = '2026-04-11T09:00:00.000Z';
const T2 = '2026-04-20T10:00:00.000Z';
const LIVE = '2026-04-22T08:00:00.000Z';

function attvalues(el: XmlElement): { for: string; value: string; timestamp?: string }[] {
  const list = child(el, 'attvalues');
  return list ? findAll(list, 'attvalue').map((a) => ({ ...a.attrs }) as { for: string; value: string }) : [];
}

function spells(el: XmlElement): string[] {
  const list = child(el, 'spells');
  return list ? findAll(list, 'spell').map((s) => s.attrs.timestamp ?? '?') : [];
}

function byId(root: XmlElement, name: 'node' | 'edge', id: string): XmlElement {
  const found = findAll(root, name).find((n) => n.attrs.id === id);
  if (!found) throw new Error(`no ${name} ${id}`);
  return found;
}

function rounds(): TimelineRound[] {
  // Given newest first: the timeline must sort them.
  return [
    { id: 'snap_2', name: 'Round 2 — Phase one', savedAt: T2, board: round2() },
    { id: 'snap_1', name: 'Round 1 — Islamabad', savedAt: T1, board: round1() },
  ];
}

describe('renderBoardGexf', () => {
  it('is well-formed static GEXF 1.3 with every actor and relation and their types', () => {
    const data = round2();
    const root = parseXml(renderBoardGexf(data));
    expect(root.name).toBe('gexf');
    expect(root.attrs).toMatchObject({ xmlns: 'http://gexf.net/1.3', version: '1.3' });
    const graph = findAll(root, 'graph')[0] as XmlElement;
    expect(graph.attrs).toEqual({ mode: 'static', defaultedgetype: 'directed' });
    expect(findAll(root, 'attribute').map((a) => a.attrs.id)).toEqual([
      'actor_label',
      'kind',
      'stance',
      'notes',
      'relation_label',
      'type',
      'notes',
    ]);
    expect(findAll(root, 'nodes')[0]?.attrs.count).toBe(String(data.actors.length));
    for (const actor of data.actors) {
      const node = byId(root, 'node', actor.id);
      expect(node.attrs.label).toBe(actor.label);
      const values = Object.fromEntries(attvalues(node).map((a) => [a.for, a.value]));
      expect(values).toEqual(
        Object.fromEntries(
          Object.entries({
            actor_label: actor.label,
            kind: actor.kind,
            stance: actor.stance,
            notes: actor.notes,
          }).filter(([, v]) => v !== undefined),
        ),
      );
      expect(child(node, 'viz:position')?.attrs).toEqual({ x: String(actor.x), y: String(actor.y), z: '0' });
      expect(spells(node)).toEqual([]);
    }
    expect(findAll(root, 'edges')[0]?.attrs.count).toBe(String(data.relations.length));
    for (const relation of data.relations) {
      const edge = byId(root, 'edge', relation.id);
      expect(edge.attrs.source).toBe(relation.source);
      expect(edge.attrs.target).toBe(relation.target);
      expect(edge.attrs.kind).toBe(relation.type);
      expect(edge.attrs.label).toBe(relation.label);
      expect(attvalues(edge).find((a) => a.for === 'type')?.value).toBe(relation.type);
      const style = RELATION_STYLES[relation.type];
      const { r, g, b } = child(edge, 'viz:color')?.attrs ?? {};
      expect(`#${[r, g, b].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`).toBe(style.color);
      expect(child(edge, 'viz:thickness')?.attrs.value).toBe(String(style.width));
    }
  });

  it('escapes every piece of user text', () => {
    const raw = renderBoardGexf(nastyBoard());
    expect(raw).not.toContain('<script');
    const root = parseXml(raw);
    expect(byId(root, 'node', 'evil.actor:1').attrs.label).toBe(`Actor ${NASTY}`);
    const edge = byId(root, 'edge', 'r-evil_1');
    expect(edge.attrs.label).toBe(`Rel ${NASTY}`);
    expect(attvalues(edge).find((a) => a.for === 'notes')?.value).toBe('@SUM(1+1)\nsecond line');
    expect(findAll(root, 'description')[0]?.children.join('')).toContain(`Title ${NASTY}`);
  });
});

describe('renderGexfTimeline', () => {
  it('is a dynamic graph whose nodes and edges carry the rounds they exist in', () => {
    const root = parseXml(renderGexfTimeline(rounds(), { board: round2(), at: LIVE }));
    const graph = findAll(root, 'graph')[0] as XmlElement;
    expect(graph.attrs).toMatchObject({
      mode: 'dynamic',
      defaultedgetype: 'directed',
      timeformat: 'dateTime',
      timerepresentation: 'timestamp',
    });
    expect(findAll(root, 'attributes').map((a) => a.attrs.mode)).toEqual(['dynamic', 'dynamic']);

    // Saudi Arabia joins in round 2, and is still there live.
    expect(spells(byId(root, 'node', 'saudi'))).toEqual([T2, LIVE]);
    expect(spells(byId(root, 'node', 'us'))).toEqual([T1, T2, LIVE]);
    expect(spells(byId(root, 'edge', 'r_saudi'))).toEqual([T2, LIVE]);
    // The Hormuz demand was dropped in round 2.
    expect(spells(byId(root, 'edge', 'r_hormuz'))).toEqual([T1]);
    // The nuclear demand became deferred: its type is stamped per round, and the edge shows the latest.
    const nuclear = byId(root, 'edge', 'r_nuclear');
    expect(attvalues(nuclear).filter((a) => a.for === 'type')).toEqual([
      { for: 'type', value: 'demands', timestamp: T1 },
      { for: 'type', value: 'deferred', timestamp: T2 },
      { for: 'type', value: 'deferred', timestamp: LIVE },
    ]);
    expect(nuclear.attrs.kind).toBe('deferred');
    const iran = byId(root, 'node', 'iran');
    expect(
      attvalues(iran)
        .filter((a) => a.for === 'stance')
        .map((a) => a.timestamp),
    ).toEqual([T1, T2, LIVE]);

    // Every edge exists only while both of its actors do.
    for (const edge of findAll(root, 'edge')) {
      const ends = [edge.attrs.source, edge.attrs.target].map((id) => spells(byId(root, 'node', id ?? '')));
      for (const t of spells(edge)) for (const end of ends) expect(end).toContain(t);
    }
    expect(findAll(root, 'description')[0]?.children.join('')).toContain(
      `${T1} Round 1 — Islamabad (round snap_1); ${T2} Round 2 — Phase one (round snap_2); ${LIVE} live board`,
    );
  });

  it('works without a live slice, and splits a relation whose ends changed into two edges', () => {
    const one = round1();
    const moved: BoardData = {
      ...one,
      relations: one.relations.map((r) => (r.id === 'r_lebanon' ? { ...r, target: 'us' } : r)),
    };
    const root = parseXml(
      renderGexfTimeline([
        { id: 'a', name: 'A', savedAt: T1, board: one },
        { id: 'b', name: 'B', savedAt: T2, board: moved },
      ]),
    );
    const first = byId(root, 'edge', 'r_lebanon');
    const second = byId(root, 'edge', 'r_lebanon~2');
    expect([first.attrs.target, spells(first)]).toEqual(['iran', [T1]]);
    expect([second.attrs.target, spells(second)]).toEqual(['us', [T2]]);
  });

  it('keeps rounds saved in the same millisecond apart, handles no rounds, and rejects a bad date', () => {
    const root = parseXml(
      renderGexfTimeline([
        { id: 'a', name: 'A', savedAt: T1, board: round1() },
        { id: 'b', name: 'B', savedAt: T1, board: round2() },
      ]),
    );
    expect(spells(byId(root, 'node', 'us'))).toEqual([T1, '2026-04-11T09:00:00.001Z']);
    const empty = parseXml(renderGexfTimeline([]));
    expect(findAll(empty, 'graph')[0]?.attrs.mode).toBe('dynamic');
    expect(findAll(empty, 'node')).toEqual([]);
    expect(() => renderGexfTimeline([{ id: 'x', name: 'X', savedAt: 'yesterday', board: round1() }])).toThrow(
      /round x: "yesterday" is not a date-time/,
    );
  });
});
