/**
 * A Markdown brief of the board that a think-tank can paste into a report:
 * per actor its kind and stance and what it demands, threatens, mediates and
 * what is deferred, both ways; with a previous round, what changed since.
 * User text is escaped (markdown-escape.ts) so it cannot break the structure.
 */

import { diffBoards, hasSubstantiveChanges } from '../diff/board-diff.ts';
import { describeDiff } from '../diff/describe-diff.ts';
import { type Actor, type BoardData, RELATION_TYPES, type Relation, type RelationType } from '../types.ts';
import { actorName, type BoardView, viewBoard } from './board-view.ts';
import { mdInline, mdLines } from './markdown-escape.ts';

export interface BriefOptions {
  /** The round this brief is of; without it the brief is of the live board. */
  roundName?: string;
  /** The round before; adds a "Changes since the previous round" section. */
  previous?: BoardData;
  /** Shown under the title, as given (e.g. "2026-04-12"). */
  date?: string;
}

const OUTGOING: Record<RelationType, string> = {
  demands: 'Demands of',
  threatens: 'Threatens',
  mediates: 'Mediates with',
  deferred: 'Deferred with',
};

const INCOMING: Record<RelationType, string> = {
  demands: 'Demanded by',
  threatens: 'Threatened by',
  mediates: 'Mediated by',
  deferred: 'Deferred by',
};

export function renderBoardBrief(board: BoardData, options: BriefOptions = {}): string {
  const view = viewBoard(board);
  const out: string[] = [`# ${mdInline(board.meta.title) || 'Untitled board'}`, ''];

  const context = [options.roundName ? `Round: ${mdInline(options.roundName)}` : 'Live board'];
  if (options.date) context.push(mdInline(options.date));
  out.push(`*${context.join(' · ')}*`, '');

  const description = mdLines(board.meta.description);
  if (description.length > 0) out.push(...description, '');

  out.push(summaryLine(view), '');

  if (options.previous) out.push(...changesSection(options.previous, board), '');

  out.push('## Actors', '');
  if (view.actors.length === 0) out.push('This board has no actors yet.', '');
  const ends = indexRelations(view.relations);
  for (const actor of sortedByLabel(view.actors)) out.push(...actorSection(view, ends, actor));

  const deferred = view.relations.filter((r) => r.type === 'deferred');
  if (deferred.length > 0) {
    out.push('## Deferred issues', '');
    for (const r of deferred) out.push(`- ${pair(view, r)}${r.label ? `: ${mdInline(r.label)}` : ''}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function summaryLine(view: BoardView): string {
  const counts = RELATION_TYPES.map((type) => {
    const n = view.relations.filter((r) => r.type === type).length;
    return `${n} ${type}`;
  });
  const actors = view.actors.length;
  const relations = view.relations.length;
  return `**${actors} actor${actors === 1 ? '' : 's'}, ${relations} relation${relations === 1 ? '' : 's'}** (${counts.join(', ')}).`;
}

function changesSection(previous: BoardData, board: BoardData): string[] {
  const diff = diffBoards(previous, board);
  const lines = ['## Changes since the previous round', ''];
  if (!hasSubstantiveChanges(diff)) {
    const moved = diff.actors.moved.length;
    lines.push(
      moved > 0
        ? `No substantive changes; ${moved} actor${moved === 1 ? ' was' : 's were'} moved on the canvas.`
        : 'No changes.',
    );
    return lines;
  }
  for (const line of describeDiff(diff, previous, board, { includeMoves: false }))
    lines.push(`- ${mdInline(line)}`);
  return lines;
}

function actorSection(view: BoardView, ends: RelationIndex, actor: Actor): string[] {
  const lines = [`### ${mdInline(actor.label) || mdInline(actor.id)}`, '', `*${kindName(actor.kind)}*`, ''];
  if (actor.stance) lines.push(...mdLines(actor.stance).map((l) => (l ? `> ${l}` : '>')), '');
  const outgoing = ends.outgoing.get(actor.id) ?? [];
  const incoming = ends.incoming.get(actor.id) ?? [];
  const items: string[] = [];
  for (const type of RELATION_TYPES) {
    for (const r of outgoing)
      if (r.type === type) items.push(item(OUTGOING[type], actorName(view, r.target), r));
  }
  for (const type of RELATION_TYPES) {
    for (const r of incoming)
      if (r.type === type) items.push(item(INCOMING[type], actorName(view, r.source), r));
  }
  if (items.length > 0) lines.push(...items, '');
  if (actor.notes) {
    const notes = mdLines(actor.notes);
    lines.push(`*Notes:* ${notes[0] ?? ''}`, ...notes.slice(1), '');
  }
  return lines;
}

interface RelationIndex {
  outgoing: Map<string, Relation[]>;
  incoming: Map<string, Relation[]>;
}

/** Relations by source and by target, built once so a large board stays linear. */
function indexRelations(relations: readonly Relation[]): RelationIndex {
  const index: RelationIndex = { outgoing: new Map(), incoming: new Map() };
  const add = (map: Map<string, Relation[]>, key: string, r: Relation) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of relations) {
    add(index.outgoing, r.source, r);
    add(index.incoming, r.target, r);
  }
  return index;
}

function item(verb: string, other: string, r: Relation): string {
  const label = r.label ? `: ${mdInline(r.label)}` : '';
  const notes = r.notes ? ` (${mdInline(r.notes)})` : '';
  return `- **${verb}** ${mdInline(other)}${label}${notes}`;
}

function pair(view: BoardView, r: Relation): string {
  return `${mdInline(actorName(view, r.source))} → ${mdInline(actorName(view, r.target))}`;
}

function kindName(kind: string): string {
  const text = kind.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sortedByLabel(actors: readonly Actor[]): Actor[] {
  return [...actors].sort(
    (a, b) => a.label.localeCompare(b.label, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
