import type { ExportedBoard } from '../export-json.ts';

/** A built-in board that new boards can start from (`POST /api/boards { template }`). */
export interface BoardTemplate {
  id: string;
  title: string;
  description: string;
  board: ExportedBoard;
}

/** Filled in by shared/templates/*.ts (written from ../shared/seeds). */
export const TEMPLATES: readonly BoardTemplate[] = [];

export function findTemplate(id: string): BoardTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
