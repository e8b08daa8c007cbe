import type * as Y from 'yjs';
import { z } from 'zod';
import { readBoard } from './board-doc.ts';
import { LIMITS } from './limits.ts';
import type { Actor, BoardData, Relation } from './types.ts';
import { actorSchema, formatZodError, relationSchema } from './validation.ts';

/** The `export.json` format (SPEC.md, "Export format"): lossless and re-importable (R14). */
export interface ExportedBoard {
  format: 'parley-board';
  version: 1;
  title: string;
  description: string;
  actors: Actor[];
  relations: Relation[];
}

export const exportedBoardSchema = z.object({
  format: z.literal('parley-board'),
  version: z.literal(1),
  title: z.string().trim().min(1).max(LIMITS.titleMax),
  description: z.string().max(LIMITS.descriptionMax).default(''),
  actors: z.array(actorSchema).max(LIMITS.maxActors),
  relations: z.array(relationSchema).max(LIMITS.maxRelations),
});

export function boardToExport(board: BoardData): ExportedBoard {
  return {
    format: 'parley-board',
    version: 1,
    title: board.meta.title,
    description: board.meta.description,
    actors: board.actors,
    relations: board.relations,
  };
}

export function docToExport(doc: Y.Doc): ExportedBoard {
  return boardToExport(readBoard(doc));
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates an `export.json` body; the error names the offending path (e.g. `actors.2.kind`). */
export function parseExportedBoard(input: unknown): ParseResult<BoardData> {
  const result = exportedBoardSchema.safeParse(input);
  if (!result.success) return { ok: false, error: formatZodError(result.error) };
  const { title, description, actors, relations } = result.data;
  return { ok: true, value: { meta: { title, description }, actors, relations } };
}
