import type { ExportedBoard } from '../export-json.ts';
import { indiaPakistan2025 } from './india-pakistan-2025.ts';
import { usIran2026 } from './us-iran-2026.ts';

/** A built-in board that new boards can start from (`POST /api/boards { template }`). */
export interface BoardTemplate {
  id: string;
  title: string;
  description: string;
  board: ExportedBoard;
}

function template(id: string, board: ExportedBoard): BoardTemplate {
  return { id, title: board.title, description: board.description, board };
}

/** Written from ../shared/seeds (see each file for its sources). */
export const TEMPLATES: readonly BoardTemplate[] = [
  template('us-iran-2026', usIran2026),
  template('india-pakistan-2025', indiaPakistan2025),
];

export function findTemplate(id: string): BoardTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
