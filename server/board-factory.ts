/**
 * Builds a new board's first content (blank, from a built-in template, or an
 * imported export.json) as one Yjs update, so the board is stored whole or
 * not at all.
 */
import * as Y from 'yjs';
import { parseExportedBoard } from '../shared/export-json.ts';
import { parseKumuCsv } from '../shared/import/kumu-csv.ts';
import { populateBoard, setMeta } from '../shared/mutations.ts';
import { IMPORT_ORIGIN, TEMPLATE_ORIGIN } from '../shared/origins.ts';
import { findTemplate } from '../shared/templates/index.ts';
import type { BoardData } from '../shared/types.ts';
import { BoardRuleError } from '../shared/validation.ts';
import { type BoardCounts, countBoard } from './board-summary.ts';
import { createBoardDoc } from './new-board-doc.ts';

export type BoardSource =
  | { kind: 'blank' }
  | { kind: 'template'; id: string }
  | { kind: 'import'; board: unknown }
  /** Kumu-style CSV: an elements file and a connections file (may be empty). */
  | { kind: 'csv'; elements: string; connections: string };

/** Input the caller got wrong; the message is safe to show. */
export class BoardInputError extends Error {
  override name = 'BoardInputError';
}

export interface InitialBoard {
  title: string;
  update: Uint8Array;
  counts: BoardCounts;
}

function sourceData(source: BoardSource): { data: BoardData | null; origin: typeof IMPORT_ORIGIN } {
  switch (source.kind) {
    case 'blank':
      return { data: null, origin: TEMPLATE_ORIGIN };
    case 'template': {
      const template = findTemplate(source.id);
      if (!template) throw new BoardInputError(`unknown template: ${source.id}`);
      const parsed = parseExportedBoard(template.board);
      // A built-in that does not validate is our bug, not the caller's.
      if (!parsed.ok) throw new Error(`built-in template ${source.id} is invalid: ${parsed.error}`);
      return { data: parsed.value, origin: TEMPLATE_ORIGIN };
    }
    case 'csv': {
      const parsed = parseKumuCsv(source.elements, source.connections);
      // Every problem, each with its file and line; nothing is stored when there is one.
      if (!parsed.ok) throw new BoardInputError(`invalid CSV:\n${parsed.errors.join('\n')}`);
      return { data: parsed.board, origin: IMPORT_ORIGIN };
    }
    case 'import': {
      const parsed = parseExportedBoard(source.board);
      if (!parsed.ok) throw new BoardInputError(`invalid board: ${parsed.error}`);
      return { data: parsed.value, origin: IMPORT_ORIGIN };
    }
  }
}

/** The title: the one asked for, else the template's or the import's own. */
export function buildInitialBoard(title: string | undefined, source: BoardSource): InitialBoard {
  const { data, origin } = sourceData(source);
  const finalTitle = title ?? data?.meta.title;
  if (finalTitle === undefined) throw new BoardInputError('title: required');
  const doc = createBoardDoc();
  try {
    if (data) {
      try {
        populateBoard(doc, { ...data, meta: { ...data.meta, title: finalTitle } }, origin);
      } catch (error) {
        if (error instanceof BoardRuleError && (source.kind === 'import' || source.kind === 'csv')) {
          throw new BoardInputError(`invalid board: ${error.message}`);
        }
        throw error;
      }
    } else {
      setMeta(doc, { title: finalTitle, description: '' }, origin);
    }
    return { title: finalTitle, update: Y.encodeStateAsUpdate(doc), counts: countBoard(doc) };
  } finally {
    doc.destroy();
  }
}
