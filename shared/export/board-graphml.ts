/**
 * GraphML for yEd, Gephi and Cytoscape. Plain GraphML `<data>` carries every
 * field (label, kind, stance, notes, colour, x, y; type, label, notes), plus
 * the attribute names each tool looks for: Gephi reads `label`, `x`, `y`;
 * Cytoscape shows `name` and `interaction`. yEd only draws labels and
 * positions from its own yFiles graphics data, so that is added too (other
 * GraphML readers skip data whose key they do not know); `yed: false` leaves it out.
 */
import { RELATION_STYLES } from '../relation-styles.ts';
import type { Actor, BoardData, Relation } from '../types.ts';
import { viewBoard } from './board-view.ts';
import { NODE_HEIGHT, NODE_WIDTH } from './svg-geometry.ts';
import { escapeXml, formatNumber, XML_DECLARATION, xmlAttrs } from './xml.ts';

export interface GraphmlOptions {
  /** Include yFiles graphics so yEd shows boxes, labels, positions and line styles (default true). */
  yed?: boolean;
}

interface KeyDef {
  id: string;
  for: 'graph' | 'node' | 'edge';
  name: string;
  type: 'string' | 'double';
}

const KEYS: readonly KeyDef[] = [
  { id: 'g_title', for: 'graph', name: 'title', type: 'string' },
  { id: 'g_description', for: 'graph', name: 'description', type: 'string' },
  { id: 'n_label', for: 'node', name: 'label', type: 'string' },
  { id: 'n_name', for: 'node', name: 'name', type: 'string' },
  { id: 'n_kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'n_stance', for: 'node', name: 'stance', type: 'string' },
  { id: 'n_notes', for: 'node', name: 'notes', type: 'string' },
  { id: 'n_color', for: 'node', name: 'color', type: 'string' },
  { id: 'n_x', for: 'node', name: 'x', type: 'double' },
  { id: 'n_y', for: 'node', name: 'y', type: 'double' },
  { id: 'e_type', for: 'edge', name: 'type', type: 'string' },
  { id: 'e_interaction', for: 'edge', name: 'interaction', type: 'string' },
  { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e_notes', for: 'edge', name: 'notes', type: 'string' },
];

/** yEd line-style names for the canvas's dash patterns. */
const YED_LINE: Record<Relation['type'], string> = {
  demands: 'line',
  threatens: 'line',
  mediates: 'dotted',
  deferred: 'dashed',
};

export function renderBoardGraphml(board: BoardData, options: GraphmlOptions = {}): string {
  const yed = options.yed ?? true;
  const view = viewBoard(board);
  const out: string[] = [
    XML_DECLARATION,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${
      yed ? ' xmlns:y="http://www.yworks.com/xml/graphml"' : ''
    } xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    ...KEYS.map(
      (k) => `  <key${xmlAttrs({ id: k.id, for: k.for, 'attr.name': k.name, 'attr.type': k.type })}/>`,
    ),
  ];
  if (yed) {
    out.push('  <key id="y_node" for="node" yfiles.type="nodegraphics"/>');
    out.push('  <key id="y_edge" for="edge" yfiles.type="edgegraphics"/>');
  }
  out.push('  <graph id="G" edgedefault="directed">');
  out.push(data('g_title', board.meta.title, 4), data('g_description', board.meta.description, 4));
  for (const actor of view.actors) out.push(nodeXml(actor, yed));
  for (const relation of view.relations) out.push(edgeXml(relation, yed));
  out.push('  </graph>', '</graphml>', '');
  return out
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

function data(key: string, value: string | number | undefined, indent: number): string {
  if (value === undefined || value === '') return '';
  const text = typeof value === 'number' ? formatNumber(value) : escapeXml(value);
  return `${' '.repeat(indent)}<data key="${key}">${text}</data>`;
}

function nodeXml(actor: Actor, yed: boolean): string {
  const lines = [
    `    <node${xmlAttrs({ id: actor.id })}>`,
    data('n_label', actor.label, 6),
    data('n_name', actor.label, 6),
    data('n_kind', actor.kind, 6),
    data('n_stance', actor.stance, 6),
    data('n_notes', actor.notes, 6),
    data('n_color', actor.color, 6),
    data('n_x', actor.x, 6),
    data('n_y', actor.y, 6),
  ];
  if (yed) {
    const border = actor.color && /^#[0-9a-fA-F]{6}$/.test(actor.color) ? actor.color : '#475569';
    lines.push(
      '      <data key="y_node"><y:ShapeNode>',
      `<y:Geometry${xmlAttrs({ x: actor.x, y: actor.y, width: NODE_WIDTH, height: NODE_HEIGHT })}/>`,
      '<y:Fill color="#FFFFFF" transparent="false"/>',
      `<y:BorderStyle${xmlAttrs({ color: border.toUpperCase(), type: 'line', width: 2 })}/>`,
      `<y:NodeLabel>${escapeXml(`${actor.label}\n${actor.kind.replace(/-/g, ' ')}`)}</y:NodeLabel>`,
      '<y:Shape type="roundrectangle"/>',
      '</y:ShapeNode></data>',
    );
  }
  lines.push('    </node>');
  return lines.filter((l) => l !== '').join('\n');
}

function edgeXml(relation: Relation, yed: boolean): string {
  const lines = [
    `    <edge${xmlAttrs({ id: relation.id, source: relation.source, target: relation.target })}>`,
    data('e_type', relation.type, 6),
    data('e_interaction', relation.type, 6),
    data('e_label', relation.label, 6),
    data('e_notes', relation.notes, 6),
  ];
  if (yed) {
    const style = RELATION_STYLES[relation.type];
    lines.push(
      '      <data key="y_edge"><y:PolyLineEdge>',
      `<y:LineStyle${xmlAttrs({ color: style.color.toUpperCase(), type: YED_LINE[relation.type], width: style.width })}/>`,
      `<y:Arrows source="none" target="${style.marker === 'filled' ? 'standard' : 'plain'}"/>`,
      relation.label ? `<y:EdgeLabel>${escapeXml(relation.label)}</y:EdgeLabel>` : '',
      '<y:BendStyle smoothed="true"/>',
      '</y:PolyLineEdge></data>',
    );
  }
  lines.push('    </edge>');
  return lines.filter((l) => l !== '').join('\n');
}
