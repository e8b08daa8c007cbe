/**
 * The board as a standalone SVG (export.svg, and the source of export.png):
 * actors, every visible relation in its type's style (shared with the canvas
 * through shared/relation-styles.ts), labels, a legend, and a header naming
 * the board, the round and the date. All user text is XML-escaped.
 */
import { MARKER_BOX, markerPath, RELATION_STYLES } from '../relation-styles.ts';
import { type Actor, type BoardData, RELATION_TYPES, type Relation, type RelationType } from '../types.ts';
import { actorName, oneLine, viewBoard } from './board-view.ts';
import { NODE_HEIGHT, NODE_WIDTH, type Point, routeEdges } from './svg-geometry.ts';
import { escapeXml, formatNumber as n, XML_DECLARATION, xmlAttrs } from './xml.ts';

export interface SvgOptions {
  roundName?: string;
  roundId?: string;
  /** When the board or round is from; a Date is shown as `YYYY-MM-DD HH:MM UTC`. */
  date?: string | Date;
}

const MARGIN = 40;
const HEADER_HEIGHT = 76;
const LEGEND_HEIGHT = 44;
const LEGEND_ITEM_WIDTH = 150;
const MIN_WIDTH = 2 * 24 + RELATION_TYPES.length * LEGEND_ITEM_WIDTH;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
/** Rough average glyph widths, enough to size boxes and wrap text without a font engine. */
const CHAR_WIDTH_14 = 7.6;
const LABEL_CHARS_PER_LINE = 18;
const EDGE_LABEL_CHAR_WIDTH = 6.6;
const EDGE_LABEL_MAX = 48;
const TITLE_MAX = 90;
const DEFAULT_ACCENT = '#475569';
const ACCENT_WIDTH = 6;

export function renderBoardSvg(board: BoardData, options: SvgOptions = {}): string {
  const view = viewBoard(board);
  const routes = routeEdges(view.relations, view.actorById);

  const edgeLabels = view.relations.flatMap((r) => {
    const at = routes.get(r.id)?.labelAt;
    const text = r.label ? truncate(oneLine(r.label), EDGE_LABEL_MAX) : '';
    return at && text ? [{ relation: r, at, text }] : [];
  });

  // Bounds: every box, and every edge label (which also covers curve bulges and loops).
  const bounds = emptyBounds();
  for (const a of view.actors) {
    extend(bounds, { x: a.x, y: a.y });
    extend(bounds, { x: a.x + NODE_WIDTH, y: a.y + NODE_HEIGHT });
  }
  for (const route of routes.values()) {
    extend(bounds, { x: route.labelAt.x - 20, y: route.labelAt.y - 20 });
    extend(bounds, { x: route.labelAt.x + 20, y: route.labelAt.y + 20 });
  }
  for (const { at, text } of edgeLabels) {
    const half = (text.length * EDGE_LABEL_CHAR_WIDTH) / 2 + 4;
    extend(bounds, { x: at.x - half, y: at.y - 12 });
    extend(bounds, { x: at.x + half, y: at.y + 12 });
  }
  const empty = view.actors.length === 0;
  const contentWidth = empty ? 0 : bounds.maxX - bounds.minX;
  const contentHeight = empty ? 40 : bounds.maxY - bounds.minY;

  const title = oneLine(board.meta.title) || 'Untitled board';
  const shownTitle = truncate(title, TITLE_MAX);
  const subtitle = subtitleText(options);
  const textWidth = Math.max(shownTitle.length * 11, subtitle.length * CHAR_WIDTH_14) + 2 * 24;
  const width = Math.ceil(Math.max(contentWidth + 2 * MARGIN, MIN_WIDTH, textWidth));
  const height = Math.ceil(HEADER_HEIGHT + contentHeight + 2 * MARGIN + LEGEND_HEIGHT);
  // Centre the drawing horizontally when the header or legend is wider than it.
  const dx = (width - contentWidth) / 2 - (empty ? 0 : bounds.minX);
  const dy = HEADER_HEIGHT + MARGIN - (empty ? 0 : bounds.minY);

  const out: string[] = [
    XML_DECLARATION,
    `<svg xmlns="http://www.w3.org/2000/svg"${xmlAttrs({
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': 'parley-title',
      'font-family': FONT,
    })}>`,
    `<title id="parley-title">${escapeXml(title)}</title>`,
    `<desc>${escapeXml(describeCounts(view.actors.length, view.relations.length, subtitle))}</desc>`,
    defs(),
    `<rect${xmlAttrs({ width, height, fill: '#ffffff' })}/>`,
    header(shownTitle, subtitle, width),
    `<g class="parley-board"${xmlAttrs({ transform: `translate(${n(dx)},${n(dy)})` })}>`,
    `<g class="parley-actors">`,
    ...view.actors.map(actorSvg),
    `</g>`,
    `<g class="parley-relations" fill="none">`,
    ...view.relations.map((r) => {
      const route = routes.get(r.id);
      return route ? relationSvg(r, route.d, relationTitle(view, r)) : '';
    }),
    `</g>`,
    `<g class="parley-relation-labels" font-size="12" text-anchor="middle">`,
    ...edgeLabels.map(({ relation, at, text }) => edgeLabelSvg(relation, at, text)),
    `</g>`,
  ];
  if (empty) {
    out.push(
      `<text${xmlAttrs({ x: contentWidth / 2, y: 24, 'text-anchor': 'middle', fill: '#64748b', 'font-size': 14 })}>This board has no actors yet.</text>`,
    );
  }
  out.push(`</g>`, legend(height - LEGEND_HEIGHT, width), `</svg>`, '');
  return out.join('\n');
}

function subtitleText(options: SvgOptions): string {
  const parts: string[] = [];
  const roundName = options.roundName ? oneLine(options.roundName) : '';
  if (roundName) parts.push(`Round: ${roundName}`);
  if (options.roundId) parts.push(`id ${oneLine(options.roundId)}`);
  if (!roundName && !options.roundId) parts.push('Live board');
  if (options.date !== undefined) parts.push(formatDate(options.date));
  return parts.join(' · ');
}

function formatDate(date: string | Date): string {
  if (typeof date === 'string') return oneLine(date);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function describeCounts(actors: number, relations: number, subtitle: string): string {
  return `Parley position map: ${actors} actor${actors === 1 ? '' : 's'}, ${relations} relation${relations === 1 ? '' : 's'}. ${subtitle}`;
}

function defs(): string {
  const markers = RELATION_TYPES.map((type) => {
    const style = RELATION_STYLES[type];
    const shape =
      style.marker === 'filled'
        ? `<path d="${markerPath('filled')}" fill="${style.color}"/>`
        : `<path d="${markerPath('open')}" fill="none" stroke="${style.color}" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round"/>`;
    return `<marker${xmlAttrs({
      id: svgMarkerId(type),
      viewBox: `0 0 ${MARKER_BOX.width} ${MARKER_BOX.height}`,
      markerWidth: MARKER_BOX.width,
      markerHeight: MARKER_BOX.height,
      refX: MARKER_BOX.refX,
      refY: MARKER_BOX.refY,
      orient: 'auto',
      markerUnits: 'userSpaceOnUse',
    })}>${shape}</marker>`;
  });
  return `<defs>\n${markers.join('\n')}\n</defs>`;
}

/** Own ids (not the canvas's) so an exported SVG inlined next to the live canvas cannot clash. */
function svgMarkerId(type: RelationType): string {
  return `parley-export-arrow-${type}`;
}

// Plain numbers rather than percentages: some SVG rasterisers handle those poorly.
function header(title: string, subtitle: string, width: number): string {
  return [
    `<g class="parley-header">`,
    `<text x="24" y="34" font-size="20" font-weight="700" fill="#0f172a">${escapeXml(title)}</text>`,
    `<text x="24" y="58" font-size="13" fill="#475569">${escapeXml(subtitle)}</text>`,
    `<line x1="0" y1="${HEADER_HEIGHT - 0.5}" x2="${width}" y2="${HEADER_HEIGHT - 0.5}" stroke="#e2e8f0"/>`,
    `</g>`,
  ].join('\n');
}

function actorSvg(actor: Actor): string {
  const accent = actor.color && /^#[0-9a-fA-F]{6}$/.test(actor.color) ? actor.color : DEFAULT_ACCENT;
  const lines = wrapLabel(oneLine(actor.label) || actor.id);
  // Text is centred in the white part of the card, right of the accent strip.
  const cx = actor.x + ACCENT_WIDTH + (NODE_WIDTH - ACCENT_WIDTH) / 2;
  const labelY = lines.length === 1 ? [actor.y + 27] : [actor.y + 20, actor.y + 36];
  const kindY = lines.length === 1 ? actor.y + 46 : actor.y + 52;
  const box = { x: actor.x, y: actor.y, width: NODE_WIDTH, height: NODE_HEIGHT, rx: 10, ry: 10 };
  return [
    `<g class="parley-actor"${xmlAttrs({ 'data-actor-id': actor.id, 'data-kind': actor.kind })}>`,
    `<title>${escapeXml(`${oneLine(actor.label)} (${kindName(actor.kind)})`)}</title>`,
    // Like the canvas card: a white card with a coloured strip on its left edge.
    `<rect${xmlAttrs({ ...box, fill: accent })}/>`,
    `<rect${xmlAttrs({ ...box, x: actor.x + ACCENT_WIDTH, width: NODE_WIDTH - ACCENT_WIDTH, fill: '#ffffff' })}/>`,
    `<rect${xmlAttrs({ ...box, fill: 'none', stroke: accent, 'stroke-width': 1.5 })}/>`,
    ...lines.map(
      (line, i) =>
        `<text${xmlAttrs({ x: cx, y: labelY[i], 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 600, fill: '#0f172a' })}>${escapeXml(line)}</text>`,
    ),
    `<text${xmlAttrs({ x: cx, y: kindY, 'text-anchor': 'middle', 'font-size': 11, fill: '#64748b' })}>${escapeXml(kindName(actor.kind))}</text>`,
    `</g>`,
  ].join('\n');
}

function kindName(kind: string): string {
  return kind.replace(/-/g, ' ');
}

function relationSvg(relation: Relation, d: string, title: string): string {
  const style = RELATION_STYLES[relation.type];
  return [
    `<g class="parley-relation"${xmlAttrs({
      'data-relation-id': relation.id,
      'data-type': relation.type,
      'data-source': relation.source,
      'data-target': relation.target,
    })}>`,
    `<title>${escapeXml(title)}</title>`,
    `<path${xmlAttrs({
      d,
      stroke: style.color,
      'stroke-width': style.width,
      'stroke-dasharray': style.dash ?? undefined,
      'stroke-linecap': style.linecap,
      'marker-end': `url(#${svgMarkerId(relation.type)})`,
    })}/>`,
    `</g>`,
  ].join('\n');
}

function relationTitle(view: ReturnType<typeof viewBoard>, r: Relation): string {
  const base = `${actorName(view, r.source)} ${r.type} ${actorName(view, r.target)}`;
  return r.label ? `${base}: ${oneLine(r.label)}` : base;
}

function edgeLabelSvg(relation: Relation, at: Point, text: string): string {
  // A pale plate under the text keeps it readable where it crosses its own or another line.
  const width = text.length * EDGE_LABEL_CHAR_WIDTH + 8;
  return [
    `<rect${xmlAttrs({ x: at.x - width / 2, y: at.y - 9, width, height: 17, rx: 3, fill: '#ffffff', 'fill-opacity': 0.9 })}/>`,
    `<text${xmlAttrs({
      'data-relation-id': relation.id,
      x: at.x,
      y: at.y + 4,
      fill: RELATION_STYLES[relation.type].color,
    })}>${escapeXml(text)}</text>`,
  ].join('\n');
}

function legend(top: number, width: number): string {
  const items = RELATION_TYPES.map((type, i) => {
    const style = RELATION_STYLES[type];
    const x = 24 + i * LEGEND_ITEM_WIDTH;
    const y = top + LEGEND_HEIGHT / 2;
    return [
      `<g class="parley-legend-item"${xmlAttrs({ 'data-type': type })}>`,
      `<path${xmlAttrs({
        d: `M${x},${y} L${x + 44},${y}`,
        fill: 'none',
        stroke: style.color,
        'stroke-width': style.width,
        'stroke-dasharray': style.dash ?? undefined,
        'stroke-linecap': style.linecap,
        'marker-end': `url(#${svgMarkerId(type)})`,
      })}/>`,
      `<text${xmlAttrs({ x: x + 54, y: y + 4, 'font-size': 13, fill: '#0f172a' })}>${escapeXml(style.name)}</text>`,
      `</g>`,
    ].join('\n');
  });
  return [
    `<g class="parley-legend">`,
    `<line x1="0" y1="${top + 0.5}" x2="${width}" y2="${top + 0.5}" stroke="#e2e8f0"/>`,
    ...items,
    `</g>`,
  ].join('\n');
}

/** Greedy word wrap into at most two lines; overflow ends in an ellipsis. */
export function wrapLabel(label: string, perLine = LABEL_CHARS_PER_LINE, maxLines = 2): string[] {
  const words = label.split(' ').flatMap((w) => chunk(w, perLine));
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= perLine) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, perLine);
  return kept;
}

function chunk(word: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += size) parts.push(word.slice(i, i + size));
  return parts.length > 0 ? parts : [word];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function emptyBounds(): Bounds {
  return { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
}

function extend(b: Bounds, p: Point): void {
  b.minX = Math.min(b.minX, p.x);
  b.minY = Math.min(b.minY, p.y);
  b.maxX = Math.max(b.maxX, p.x);
  b.maxY = Math.max(b.maxY, p.y);
}
