/**
 * Readable changelog lines for a BoardDiff, named by actor labels
 * ("Iran → United States: threatens → demands"). Plain text: each output
 * format escapes the lines for itself.
 */
import { type BoardView, actorName as name, oneLine, viewBoard } from '../export/board-view.ts';
import type { BoardData, Relation } from '../types.ts';
import type { ActorField, BoardDiff, FieldChange, MetaField, RelationField } from './board-diff.ts';

export interface DescribeOptions {
  /** Add one line summarising layout-only moves (default true). */
  includeMoves?: boolean;
  /** Quoted text longer than this is shortened with an ellipsis (default 140). */
  maxQuote?: number;
}

const ACTOR_FIELD_NAMES: Record<Exclude<ActorField, 'label'>, string> = {
  kind: 'kind',
  stance: 'stance',
  notes: 'notes',
  color: 'colour',
};

const META_FIELD_NAMES: Record<MetaField, string> = { title: 'Title', description: 'Description' };

export function describeDiff(
  diff: BoardDiff,
  from: BoardData,
  to: BoardData,
  options: DescribeOptions = {},
): string[] {
  const before = viewBoard(from);
  const after = viewBoard(to);
  const maxQuote = options.maxQuote ?? 140;
  const q = (value: string | undefined) => quote(value, maxQuote);
  const lines: string[] = [];

  for (const change of diff.meta) {
    lines.push(`${META_FIELD_NAMES[change.field]}: ${q(change.from)} → ${q(change.to)}`);
  }
  for (const actor of diff.actors.added) lines.push(`Added actor ${name(after, actor.id)} (${actor.kind})`);
  for (const actor of diff.actors.removed)
    lines.push(`Removed actor ${name(before, actor.id)} (${actor.kind})`);
  for (const { id, changes } of diff.actors.changed) {
    for (const change of changes) lines.push(actorChangeLine(name(after, id), change, q));
  }
  for (const relation of diff.relations.added)
    lines.push(`Added relation ${relationSummary(after, relation)}`);
  for (const relation of diff.relations.removed) {
    lines.push(`Removed relation ${relationSummary(before, relation)}`);
  }
  const oldRelations = new Map(before.relations.map((r) => [r.id, r] as const));
  const newRelations = new Map(after.relations.map((r) => [r.id, r] as const));
  for (const { id, changes } of diff.relations.changed) {
    const old = oldRelations.get(id);
    const now = newRelations.get(id);
    if (old && now) lines.push(...relationChangeLines(before, after, old, now, changes, q));
  }
  if ((options.includeMoves ?? true) && diff.actors.moved.length > 0) {
    const names = diff.actors.moved.map((m) => name(after, m.id)).join(', ');
    const count = diff.actors.moved.length;
    lines.push(`Moved ${count} actor${count === 1 ? '' : 's'} (layout only): ${names}`);
  }
  return lines;
}

function actorChangeLine(
  actorName: string,
  change: FieldChange<ActorField>,
  q: (v: string | undefined) => string,
): string {
  if (change.field === 'label') return `Renamed actor ${q(change.from)} → ${q(change.to)}`;
  const field = ACTOR_FIELD_NAMES[change.field];
  if (change.field === 'kind' || change.field === 'color') {
    return `${actorName} ${field}: ${change.from ?? '(none)'} → ${change.to ?? '(none)'}`;
  }
  return `${actorName} ${field}: ${q(change.from)} → ${q(change.to)}`;
}

function relationChangeLines(
  before: BoardView,
  after: BoardView,
  old: Relation,
  now: Relation,
  changes: FieldChange<RelationField>[],
  q: (v: string | undefined) => string,
): string[] {
  const lines: string[] = [];
  const pair = `${name(after, now.source)} → ${name(after, now.target)}`;
  if (changes.some((c) => c.field === 'source' || c.field === 'target')) {
    const oldPair = `${name(before, old.source)} → ${name(before, old.target)}`;
    lines.push(`Relation ${oldPair} (${old.type}) now runs ${pair}`);
  }
  for (const change of changes) {
    if (change.field === 'type') lines.push(`${pair}: ${change.from} → ${change.to}`);
    if (change.field === 'label' || change.field === 'notes') {
      lines.push(`${pair} (${now.type}) ${change.field}: ${q(change.from)} → ${q(change.to)}`);
    }
  }
  return lines;
}

function relationSummary(view: BoardView, relation: Relation): string {
  const pair = `${name(view, relation.source)} → ${name(view, relation.target)}`;
  const label = relation.label ? `: ${oneLine(relation.label)}` : '';
  return `${pair} (${relation.type}${label})`;
}

function quote(value: string | undefined, max: number): string {
  if (value === undefined) return '(none)';
  const text = oneLine(value);
  return `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;
}
