import { describe, expect, it } from 'vitest';
import { renderBoardGraphml } from '../../shared/export/board-graphml.ts';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import type { BoardData } from '../../shared/types.ts';
import { NASTY, nastyBoard, round2 } from './fixtures.ts';
import { child, findAll, parseXml, textOf, type XmlElement } from './xml-check.ts';

/** The `<data>` values of a node or edge, keyed by the key's attr.name. */
function dataOf(root: XmlElement, el: XmlElement): Record<string, string> {
  const names = new Map(findAll(root, 'key').map((k) => [k.attrs.id, k.attrs['attr.name']] as const));
  const out: Record<string, string> = {};
  for (const d of el.children) {
    if (typeof d === 'string' || d.name !== 'data') continue;
    const name = names.get(d.attrs.key);
    if (name) out[name] = textOf(d);
  }
  return out;
}

describe('renderBoardGraphml', () => {
  it('is well-formed GraphML with typed keys and every actor and relation', () => {
    const data = round2();
    const root = parseXml(renderBoardGraphml(data));
    expect(root.name).toBe('graphml');
    expect(root.attrs.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
    const keys = findAll(root, 'key').filter((k) => k.attrs['attr.name']);
    const declared = (domain: string) =>
      keys
        .filter((k) => k.attrs.for === domain)
        .map((k) => `${k.attrs['attr.name']}:${k.attrs['attr.type']}`);
    expect(declared('node')).toEqual(
      expect.arrayContaining([
        'label:string',
        'kind:string',
        'stance:string',
        'notes:string',
        'x:double',
        'y:double',
      ]),
    );
    expect(declared('edge')).toEqual(expect.arrayContaining(['type:string', 'label:string', 'notes:string']));
    const graph = findAll(root, 'graph')[0] as XmlElement;
    expect(graph.attrs.edgedefault).toBe('directed');
    expect(dataOf(root, graph)).toEqual({ title: data.meta.title, description: data.meta.description });

    const nodes = findAll(root, 'node');
    expect(nodes.map((n) => n.attrs.id)).toEqual(data.actors.map((a) => a.id));
    for (const actor of data.actors) {
      const values = dataOf(root, nodes.find((n) => n.attrs.id === actor.id) as XmlElement);
      expect(values.label).toBe(actor.label);
      expect(values.name).toBe(actor.label);
      expect(values.kind).toBe(actor.kind);
      expect(values.stance).toBe(actor.stance);
      expect(values.notes).toBe(actor.notes);
      expect(Number(values.x)).toBe(actor.x);
      expect(Number(values.y)).toBe(actor.y);
    }

    const edges = findAll(root, 'edge');
    expect(edges.map((e) => e.attrs.id)).toEqual(data.relations.map((r) => r.id));
    for (const relation of data.relations) {
      const edge = edges.find((e) => e.attrs.id === relation.id) as XmlElement;
      expect(edge.attrs.source).toBe(relation.source);
      expect(edge.attrs.target).toBe(relation.target);
      const values = dataOf(root, edge);
      expect(values.type).toBe(relation.type);
      expect(values.interaction).toBe(relation.type);
      expect(values.label).toBe(relation.label);
      expect(values.notes).toBe(relation.notes);
    }
  });

  it('carries yEd graphics (boxes, positions, labels, line styles) unless turned off', () => {
    const data = round2();
    const root = parseXml(renderBoardGraphml(data));
    expect(root.attrs['xmlns:y']).toBe('http://www.yworks.com/xml/graphml');
    const us = findAll(root, 'node').find((n) => n.attrs.id === 'pakistan') as XmlElement;
    const geometry = findAll(us, 'y:Geometry')[0] as XmlElement;
    expect([geometry.attrs.x, geometry.attrs.y, geometry.attrs.width, geometry.attrs.height]).toEqual([
      '300',
      '260',
      '180',
      '60',
    ]);
    expect(textOf(findAll(us, 'y:NodeLabel')[0] as XmlElement)).toBe('Pakistan\nmediator');
    const edges = findAll(root, 'edge');
    for (const relation of data.relations) {
      const edge = edges.find((e) => e.attrs.id === relation.id) as XmlElement;
      const style = RELATION_STYLES[relation.type];
      const line = findAll(edge, 'y:LineStyle')[0] as XmlElement;
      expect(line.attrs.color).toBe(style.color.toUpperCase());
      expect(line.attrs.type).toBe(
        { demands: 'line', threatens: 'line', mediates: 'dotted', deferred: 'dashed' }[relation.type],
      );
      expect(findAll(edge, 'y:Arrows')[0]?.attrs.target).toBe(
        style.marker === 'filled' ? 'standard' : 'plain',
      );
      expect(findAll(edge, 'y:EdgeLabel').map(textOf)).toEqual(relation.label ? [relation.label] : []);
    }

    const plain = renderBoardGraphml(data, { yed: false });
    expect(plain).not.toContain('y:');
    expect(plain).not.toContain('yfiles');
    const plainRoot = parseXml(plain);
    expect(findAll(plainRoot, 'node')).toHaveLength(data.actors.length);
    expect(findAll(plainRoot, 'edge')).toHaveLength(data.relations.length);
  });

  it('escapes every piece of user text', () => {
    const data = nastyBoard();
    const raw = renderBoardGraphml(data);
    expect(raw).not.toContain('<script');
    const root = parseXml(raw);
    const actor = findAll(root, 'node').find((n) => n.attrs.id === 'evil.actor:1') as XmlElement;
    const values = dataOf(root, actor);
    expect(values.label).toBe(`Actor ${NASTY}`);
    expect(values.stance).toBe(data.actors[0]?.stance);
    // Tab and CRLF survive as character references; the control character XML forbids is dropped.
    expect(values.notes).toBe('Tab\there, CR\r\nand a control char  gone');
    const edge = findAll(root, 'edge')[0] as XmlElement;
    expect(edge.attrs.source).toBe('evil.actor:1');
    expect(dataOf(root, edge).label).toBe(`Rel ${NASTY}`);
    expect(textOf(child(findAll(edge, 'y:PolyLineEdge')[0] as XmlElement, 'y:EdgeLabel') as XmlElement)).toBe(
      `Rel ${NASTY}`,
    );
    expect(dataOf(root, findAll(root, 'graph')[0] as XmlElement).title).toBe(`Title ${NASTY}`);
  });

  it('[R6] leaves out relations that are not visible', () => {
    const data: BoardData = {
      meta: { title: 't', description: '' },
      actors: [{ id: 'a', label: 'A', kind: 'state', x: 0, y: 0 }],
      relations: [{ id: 'r', source: 'a', target: 'missing', type: 'demands' }],
    };
    expect(findAll(parseXml(renderBoardGraphml(data)), 'edge')).toEqual([]);
  });
});
