/**
 * Import of Kumu-style CSV (elements + connections) into plain board data.
 * Pure: it returns a board or every problem found, each named by file and line
 * ("connections.csv line 7: unknown actor 'Irn'"); the caller writes the board
 * with `populateBoard`, so nothing is ever half-imported.
 *
 * Columns are matched by name, ignoring case (elements: Label, Type,
 * Description or Stance, Notes, Color, X, Y, ID; connections: From, To, Type,
 * Label, Notes or Description, Direction, ID, From ID, To ID). Other columns
 * (Tags, Image…) are ignored with a warning. See kumu-types.ts for Type values.
 */
import { boardToExport, parseExportedBoard } from '../export-json.ts';
import { ITEM_ID_PATTERN, newItemId } from '../ids.ts';
import { LIMITS } from '../limits.ts';
import type { Actor, BoardData, Relation } from '../types.ts';
import { actorFieldsSchema, relationFieldsSchema } from '../validation.ts';
import { unguardCell } from './csv.ts';
import { Problems, readTable } from './csv-table.ts';
import { EndpointResolver, loose } from './kumu-endpoints.ts';
import { ACTOR_KIND_HINT, mapActorKind, mapRelationType, RELATION_TYPE_HINT } from './kumu-types.ts';

export interface KumuImportOptions {
  /** Title of the new board (default "Imported board"). */
  title?: string;
  description?: string;
  /** Id source for rows without an ID (default: random Parley ids). */
  newId?: (prefix: 'a' | 'r') => string;
}

export type KumuImportResult =
  | { ok: true; board: BoardData; warnings: string[] }
  | { ok: false; errors: string[] };

const GRID_X = 240;
const GRID_Y = 140;

const ELEMENT_COLUMNS = {
  label: ['label', 'name'],
  type: ['type', 'kind', 'element type'],
  stance: ['stance', 'description', 'position'],
  notes: ['notes', 'note'],
  color: ['color', 'colour'],
  x: ['x'],
  y: ['y'],
  id: ['id'],
} as const;

const CONNECTION_COLUMNS = {
  from: ['from', 'source'],
  to: ['to', 'target'],
  type: ['type', 'connection type', 'kind'],
  label: ['label'],
  notes: ['notes', 'note', 'description'],
  direction: ['direction'],
  id: ['id'],
  fromId: ['from id', 'source id'],
  toId: ['to id', 'target id'],
} as const;

export function parseKumuCsv(
  elementsCsv: string,
  connectionsCsv: string,
  options: KumuImportOptions = {},
): KumuImportResult {
  const problems = new Problems();
  const warnings: string[] = [];
  const newId = options.newId ?? newItemId;

  const elements = readTable('elements.csv', elementsCsv, ELEMENT_COLUMNS, ['label'], problems, warnings);
  // A board may have no connections at all, so an empty connections file is fine.
  const connections =
    connectionsCsv.replace(/^\uFEFF/, '').trim() === ''
      ? { rows: [] }
      : readTable('connections.csv', connectionsCsv, CONNECTION_COLUMNS, ['from', 'to'], problems, warnings);
  if (!elements || !connections) return { ok: false, errors: problems.list() };

  // Generated ids must not take an ID that a later row asks for.
  const explicitIds = new Set([
    ...elements.rows.map((r) => unguardCell(r.get('id')).trim()),
    ...connections.rows.map((r) => unguardCell(r.get('id')).trim()),
  ]);

  // Elements.
  const rejected = new Map<string, number>();
  const actors: Actor[] = [];
  const actorLine = new Map<string, number>();
  const unplaced: Actor[] = [];
  for (const row of elements.rows) {
    const at = `elements.csv line ${row.line}`;
    const cell = (c: keyof typeof ELEMENT_COLUMNS) => unguardCell(row.get(c));
    const before = problems.count;
    const kind = mapActorKind(cell('type'));
    if (kind === null) problems.add(`${at}: Type '${cell('type').trim()}' is not one of ${ACTOR_KIND_HINT}`);
    const id = cell('id').trim();
    if (id !== '' && !ITEM_ID_PATTERN.test(id)) {
      problems.add(`${at}: ID '${id}' must be 1–64 of A–Z a–z 0–9 _ . : -`);
    } else if (id !== '' && actorLine.has(id)) {
      problems.add(`${at}: ID '${id}' is already used on line ${actorLine.get(id)}`);
    }
    const color = parseColor(cell('color'));
    if (color === null) problems.add(`${at}: Color '${cell('color').trim()}' is not a colour like #1f77b4`);
    const position = parsePosition(cell('x'), cell('y'));
    if (typeof position === 'string') problems.add(`${at}: ${position}`);

    const fields = {
      label: cell('label'),
      kind: kind ?? 'other',
      x: typeof position === 'object' && position ? position.x : 0,
      y: typeof position === 'object' && position ? position.y : 0,
      stance: optional(cell('stance')),
      notes: optional(cell('notes')),
      color: color ?? undefined,
    };
    const parsed = actorFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = ELEMENT_COLUMN_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
        problems.add(`${at}: ${column}: ${issue.message}`);
      }
    }
    if (problems.count > before || !parsed.success) {
      rejected.set(loose(cell('label')), row.line);
      if (id !== '') rejected.set(id, row.line);
      continue;
    }
    const actor: Actor = {
      id: id || uniqueId('a', newId, actorLine, explicitIds),
      ...withoutUndefined(parsed.data),
    };
    actorLine.set(actor.id, row.line);
    actors.push(actor);
    if (position === null) unplaced.push(actor);
  }
  if (actors.length > LIMITS.maxActors) {
    problems.add(`elements.csv: ${actors.length} elements; a board holds at most ${LIMITS.maxActors}`);
  }
  placeOnGrid(unplaced, actors);

  // Connections, resolved against the elements that imported cleanly.
  const resolver = new EndpointResolver(actors, actorLine, rejected);
  const relations: Relation[] = [];
  const relationLine = new Map<string, number>();
  for (const row of connections.rows) {
    const at = `connections.csv line ${row.line}`;
    const cell = (c: keyof typeof CONNECTION_COLUMNS) => unguardCell(row.get(c));
    const before = problems.count;
    const source = resolver.resolve(cell('from'), cell('fromId'), 'From', at, problems);
    const target = resolver.resolve(cell('to'), cell('toId'), 'To', at, problems);
    if (source && target && source === target) {
      problems.add(`${at}: From and To are the same actor ('${cell('from').trim()}')`);
    }
    const typeCell = cell('type').trim();
    const type = mapRelationType(typeCell);
    if (type === null) {
      problems.add(
        typeCell === ''
          ? `${at}: Type is empty; use one of ${RELATION_TYPE_HINT}`
          : `${at}: Type '${typeCell}' is not one of ${RELATION_TYPE_HINT}`,
      );
    }
    const id = cell('id').trim();
    if (id !== '' && !ITEM_ID_PATTERN.test(id)) {
      problems.add(`${at}: ID '${id}' must be 1–64 of A–Z a–z 0–9 _ . : -`);
    } else if (id !== '' && relationLine.has(id)) {
      problems.add(`${at}: ID '${id}' is already used on line ${relationLine.get(id)}`);
    }
    const direction = cell('direction').trim().toLowerCase();
    if (direction !== '' && direction !== 'directed') {
      warnings.push(`${at}: Direction '${direction}' imported as directed (From → To)`);
    }
    if (problems.count > before || !source || !target || !type) continue;
    const parsed = relationFieldsSchema.safeParse({
      source,
      target,
      type,
      label: optional(cell('label')),
      notes: optional(cell('notes')),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = CONNECTION_COLUMN_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
        problems.add(`${at}: ${column}: ${issue.message}`);
      }
      continue;
    }
    const relation: Relation = {
      id: id || uniqueId('r', newId, relationLine, explicitIds),
      ...withoutUndefined(parsed.data),
    };
    relationLine.set(relation.id, row.line);
    relations.push(relation);
  }
  if (relations.length > LIMITS.maxRelations) {
    problems.add(
      `connections.csv: ${relations.length} connections; a board holds at most ${LIMITS.maxRelations}`,
    );
  }
  if (problems.count > 0) return { ok: false, errors: problems.list() };

  const board: BoardData = {
    meta: { title: options.title?.trim() || 'Imported board', description: options.description ?? '' },
    actors,
    relations,
  };
  // Same checks as an export.json import, so populateBoard will accept it.
  const checked = parseExportedBoard(boardToExport(board));
  if (!checked.ok) return { ok: false, errors: [checked.error] };
  return { ok: true, board: checked.value, warnings };
}

const ELEMENT_COLUMN_NAMES: Record<string, string> = {
  label: 'Label',
  kind: 'Type',
  stance: 'Description',
  notes: 'Notes',
  color: 'Color',
  x: 'X',
  y: 'Y',
};
const CONNECTION_COLUMN_NAMES: Record<string, string> = { label: 'Label', notes: 'Notes', type: 'Type' };

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/** '' → undefined; `#rgb` and `#rrggbb` (any case) → lower-case `#rrggbb`; anything else → null. */
function parseColor(raw: string): string | undefined | null {
  const value = raw.trim();
  if (value === '') return undefined;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : null;
}

/** Both empty → null (place automatically); both numbers → the point; otherwise an error message. */
function parsePosition(rawX: string, rawY: string): { x: number; y: number } | null | string {
  const x = rawX.trim();
  const y = rawY.trim();
  if (x === '' && y === '') return null;
  if (x === '' || y === '') return 'X and Y must both be given or both be empty';
  const nx = Number(x);
  const ny = Number(y);
  if (!Number.isFinite(nx)) return `X '${x}' is not a number`;
  if (!Number.isFinite(ny)) return `Y '${y}' is not a number`;
  return { x: nx, y: ny };
}

/** Rows without X/Y go on a grid below the placed ones, so they do not pile up at 0,0. */
function placeOnGrid(unplaced: Actor[], all: readonly Actor[]): void {
  if (unplaced.length === 0) return;
  const waiting = new Set(unplaced);
  const placed = all.filter((a) => !waiting.has(a));
  const top = placed.length > 0 ? Math.max(...placed.map((a) => a.y)) + GRID_Y : 0;
  const left = placed.length > 0 ? Math.min(...placed.map((a) => a.x)) : 0;
  const columns = Math.max(1, Math.ceil(Math.sqrt(unplaced.length)));
  unplaced.forEach((actor, i) => {
    actor.x = left + (i % columns) * GRID_X;
    actor.y = top + Math.floor(i / columns) * GRID_Y;
  });
}

function uniqueId(
  prefix: 'a' | 'r',
  newId: (p: 'a' | 'r') => string,
  taken: ReadonlyMap<string, number>,
  reserved: ReadonlySet<string>,
): string {
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const id = newId(prefix);
    if (!taken.has(id) && !reserved.has(id)) return id;
  }
  throw new Error('newId keeps returning ids that are already used');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
