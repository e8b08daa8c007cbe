/**
 * GEXF 1.3 for Gephi: a static graph for one board, and a dynamic graph for a
 * board's rounds, where each node and edge carries the rounds it exists in.
 *
 * Rounds are moments, not periods, so the timeline uses GEXF 1.3's timestamp
 * representation (`timerepresentation="timestamp"`, `timeformat="dateTime"`):
 * each element gets one `<spell timestamp=…>` per round it is in, and dynamic
 * attribute values are stamped the same way. The native `label` shows the
 * latest text; `actor_label` / `relation_label` keep each round's wording.
 */
import { RELATION_STYLES } from '../relation-styles.ts';
import type { Actor, BoardData, Relation } from '../types.ts';
import { oneLine, viewBoard } from './board-view.ts';
import { escapeXml, XML_DECLARATION, xmlAttrs } from './xml.ts';

export interface TimelineRound {
  id: string;
  name: string;
  /** ISO 8601 date-time the round was saved. */
  savedAt: string;
  board: BoardData;
}

export interface LiveSlice {
  board: BoardData;
  /** The moment the live board is exported (the caller's clock; these functions stay pure). */
  at: string | Date;
}

const NODE_ATTRIBUTES = ['actor_label', 'kind', 'stance', 'notes'] as const;
const EDGE_ATTRIBUTES = ['relation_label', 'type', 'notes'] as const;
type NodeAttr = (typeof NODE_ATTRIBUTES)[number];
type EdgeAttr = (typeof EDGE_ATTRIBUTES)[number];

const EDGE_SHAPE: Record<Relation['type'], string> = {
  demands: 'solid',
  threatens: 'solid',
  mediates: 'dotted',
  deferred: 'dashed',
};

const DEFAULT_NODE_COLOR = '#475569';

export function renderBoardGexf(board: BoardData): string {
  const view = viewBoard(board);
  return document({
    mode: 'static',
    description: metaDescription(board, []),
    nodes: view.actors.map((actor) => nodeXml(actor, [{ time: undefined, values: nodeValues(actor) }])),
    edges: view.relations.map((r) => edgeXml(r.id, r, [{ time: undefined, values: edgeValues(r) }])),
  });
}

/** A dynamic graph over the given rounds (any order; sorted by `savedAt`), optionally ending with the live board. */
export function renderGexfTimeline(rounds: readonly TimelineRound[], live?: LiveSlice): string {
  const slices = timelineSlices(rounds, live);
  const nodes = new Map<string, { latest: Actor; stamps: Stamped<NodeAttr>[] }>();
  const edges = new Map<string, { id: string; latest: Relation; stamps: Stamped<EdgeAttr>[] }>();
  const variantsById = new Map<string, string[]>();

  for (const slice of slices) {
    const view = viewBoard(slice.board);
    for (const actor of view.actors) {
      const entry = nodes.get(actor.id) ?? { latest: actor, stamps: [] };
      entry.latest = actor;
      entry.stamps.push({ time: slice.time, values: nodeValues(actor) });
      nodes.set(actor.id, entry);
    }
    for (const relation of view.relations) {
      // A GEXF edge has fixed ends; a relation re-pointed between rounds
      // becomes a second edge, id suffixed "~2", "~3"…
      const variantKey = `${relation.id}\u0000${relation.source}\u0000${relation.target}`;
      let entry = edges.get(variantKey);
      if (!entry) {
        const variants = variantsById.get(relation.id) ?? [];
        variants.push(variantKey);
        variantsById.set(relation.id, variants);
        const id = variants.length === 1 ? relation.id : `${relation.id}~${variants.length}`;
        entry = { id, latest: relation, stamps: [] };
        edges.set(variantKey, entry);
      }
      entry.latest = relation;
      entry.stamps.push({ time: slice.time, values: edgeValues(relation) });
    }
  }

  const last = slices[slices.length - 1];
  return document({
    mode: 'dynamic',
    description: metaDescription(
      last?.board ?? { meta: { title: '', description: '' }, actors: [], relations: [] },
      slices,
    ),
    nodes: [...nodes.values()]
      .sort((a, b) => cmp(a.latest.id, b.latest.id))
      .map((n) => nodeXml(n.latest, n.stamps)),
    edges: [...edges.values()].sort((a, b) => cmp(a.id, b.id)).map((e) => edgeXml(e.id, e.latest, e.stamps)),
  });
}

interface Slice {
  time: string;
  label: string;
  board: BoardData;
}

interface Stamped<A extends string> {
  /** undefined in a static graph. */
  time: string | undefined;
  values: Partial<Record<A, string>>;
}

/** Sorted, strictly increasing instants; two rounds saved in the same millisecond are 1 ms apart. */
function timelineSlices(rounds: readonly TimelineRound[], live: LiveSlice | undefined): Slice[] {
  const slices = rounds.map((round) => ({
    ms: parseInstant(round.savedAt, `round ${round.id}`),
    label: `${oneLine(round.name) || round.id} (round ${round.id})`,
    board: round.board,
  }));
  slices.sort((a, b) => a.ms - b.ms);
  if (live) {
    const ms = parseInstant(live.at, 'live board');
    slices.push({ ms, label: 'live board', board: live.board });
  }
  let previous = Number.NEGATIVE_INFINITY;
  return slices.map((s) => {
    const ms = Math.max(s.ms, previous + 1);
    previous = ms;
    return { time: new Date(ms).toISOString(), label: s.label, board: s.board };
  });
}

function parseInstant(value: string | Date, what: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what}: "${String(value)}" is not a date-time`);
  return ms;
}

function nodeValues(actor: Actor): Partial<Record<NodeAttr, string>> {
  return { actor_label: actor.label, kind: actor.kind, stance: actor.stance, notes: actor.notes };
}

function edgeValues(relation: Relation): Partial<Record<EdgeAttr, string>> {
  return { relation_label: relation.label, type: relation.type, notes: relation.notes };
}

function metaDescription(board: BoardData, slices: readonly Slice[]): string {
  const parts = [oneLine(board.meta.title), board.meta.description.trim()].filter(Boolean);
  if (slices.length > 0) {
    parts.push(`Rounds: ${slices.map((s) => `${s.time} ${s.label}`).join('; ')}`);
  }
  return parts.join('\n\n');
}

function document(parts: {
  mode: 'static' | 'dynamic';
  description: string;
  nodes: string[];
  edges: string[];
}): string {
  const dynamic = parts.mode === 'dynamic';
  const graphAttrs = dynamic
    ? {
        mode: 'dynamic',
        defaultedgetype: 'directed',
        timeformat: 'dateTime',
        timerepresentation: 'timestamp',
      }
    : { mode: 'static', defaultedgetype: 'directed' };
  const attrMode = dynamic ? ' mode="dynamic"' : '';
  return [
    XML_DECLARATION,
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    '  <meta>',
    '    <creator>Parley</creator>',
    parts.description ? `    <description>${escapeXml(parts.description)}</description>` : '',
    '  </meta>',
    `  <graph${xmlAttrs(graphAttrs)}>`,
    `    <attributes class="node"${attrMode}>`,
    ...NODE_ATTRIBUTES.map((a) => `      <attribute id="${a}" title="${a}" type="string"/>`),
    '    </attributes>',
    `    <attributes class="edge"${attrMode}>`,
    ...EDGE_ATTRIBUTES.map((a) => `      <attribute id="${a}" title="${a}" type="string"/>`),
    '    </attributes>',
    `    <nodes count="${parts.nodes.length}">`,
    ...parts.nodes,
    '    </nodes>',
    `    <edges count="${parts.edges.length}">`,
    ...parts.edges,
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}

function attvaluesXml<A extends string>(stamps: readonly Stamped<A>[]): string {
  const values: string[] = [];
  for (const { time, values: record } of stamps) {
    for (const [attr, value] of Object.entries(record) as [A, string | undefined][]) {
      if (value === undefined || value === '') continue;
      values.push(`<attvalue${xmlAttrs({ for: attr, value, timestamp: time })}/>`);
    }
  }
  return values.length > 0 ? `<attvalues>${values.join('')}</attvalues>` : '';
}

function spellsXml(stamps: readonly Stamped<string>[]): string {
  const times = stamps.flatMap((s) => (s.time === undefined ? [] : [s.time]));
  if (times.length === 0) return '';
  return `<spells>${times.map((t) => `<spell${xmlAttrs({ timestamp: t })}/>`).join('')}</spells>`;
}

function nodeXml(actor: Actor, stamps: readonly Stamped<NodeAttr>[]): string {
  const color = actor.color && /^#[0-9a-fA-F]{6}$/.test(actor.color) ? actor.color : DEFAULT_NODE_COLOR;
  return [
    `      <node${xmlAttrs({ id: actor.id, label: oneLine(actor.label) })}>`,
    attvaluesXml(stamps),
    spellsXml(stamps),
    `<viz:color${xmlAttrs(rgb(color))}/>`,
    `<viz:position${xmlAttrs({ x: actor.x, y: actor.y, z: 0 })}/>`,
    '</node>',
  ].join('');
}

function edgeXml(id: string, relation: Relation, stamps: readonly Stamped<EdgeAttr>[]): string {
  const style = RELATION_STYLES[relation.type];
  // `kind` (GEXF 1.3) keeps two relations of different types between the same
  // actors as parallel edges in Gephi instead of merging them.
  return [
    `      <edge${xmlAttrs({
      id,
      source: relation.source,
      target: relation.target,
      kind: relation.type,
      label: relation.label ? oneLine(relation.label) : undefined,
    })}>`,
    attvaluesXml(stamps),
    spellsXml(stamps),
    `<viz:color${xmlAttrs(rgb(style.color))}/>`,
    `<viz:thickness${xmlAttrs({ value: style.width })}/>`,
    `<viz:shape${xmlAttrs({ value: EDGE_SHAPE[relation.type] })}/>`,
    '</edge>',
  ].join('');
}

function rgb(hex: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(hex.slice(1), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
