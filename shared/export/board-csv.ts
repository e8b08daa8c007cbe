/**
 * Kumu-style CSV: `elements.csv` (Label, Type, Description, …) and
 * `connections.csv` (From, To, Type, …). From/To hold labels as Kumu expects;
 * ID, From ID and To ID hold Parley ids so `parseKumuCsv` re-imports exactly.
 * Description is the actor's stance. Text cells that a spreadsheet would run
 * as a formula are guarded (see guardCell); numbers are written in full
 * (shortest round-trip form), so positions re-import exactly.
 */
import { guardCell, serializeCsv } from '../import/csv.ts';
import type { BoardData } from '../types.ts';
import { viewBoard } from './board-view.ts';

export const ELEMENT_COLUMNS = ['Label', 'Type', 'Description', 'Notes', 'Color', 'X', 'Y', 'ID'] as const;
export const CONNECTION_COLUMNS = [
  'From',
  'To',
  'Type',
  'Label',
  'Notes',
  'Direction',
  'ID',
  'From ID',
  'To ID',
] as const;

/** A UTF-8 byte-order mark; prefix it when serving CSV so Excel reads "Türkiye" and "–" correctly. */
export const CSV_BOM = '\uFEFF';

export interface KumuCsv {
  elements: string;
  connections: string;
}

export function renderKumuCsv(board: BoardData): KumuCsv {
  return { elements: renderElementsCsv(board), connections: renderConnectionsCsv(board) };
}

export function renderElementsCsv(board: BoardData): string {
  const { actors } = viewBoard(board);
  const rows = actors.map((a) => [
    guardCell(a.label),
    a.kind,
    guardCell(a.stance ?? ''),
    guardCell(a.notes ?? ''),
    a.color ?? '',
    String(a.x),
    String(a.y),
    guardCell(a.id),
  ]);
  return serializeCsv([[...ELEMENT_COLUMNS], ...rows]);
}

export function renderConnectionsCsv(board: BoardData): string {
  const view = viewBoard(board);
  const rows = view.relations.map((r) => [
    guardCell(view.actorById.get(r.source)?.label ?? r.source),
    guardCell(view.actorById.get(r.target)?.label ?? r.target),
    r.type,
    guardCell(r.label ?? ''),
    guardCell(r.notes ?? ''),
    'directed',
    guardCell(r.id),
    guardCell(r.source),
    guardCell(r.target),
  ]);
  return serializeCsv([[...CONNECTION_COLUMNS], ...rows]);
}
