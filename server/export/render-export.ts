/**
 * One board (live or a round) in each export format: body, media type and
 * file name. The renderers are the pure ones in shared/export; this only
 * picks options (round name, date, previous round, timeline).
 */

import { CSV_BOM, renderConnectionsCsv, renderElementsCsv } from '../../shared/export/board-csv.ts';
import { renderBoardGexf, renderGexfTimeline, type TimelineRound } from '../../shared/export/board-gexf.ts';
import { renderBoardGraphml } from '../../shared/export/board-graphml.ts';
import { renderBoardBrief } from '../../shared/export/board-markdown.ts';
import { renderBoardSvg } from '../../shared/export/board-svg.ts';
import { boardToExport } from '../../shared/export-json.ts';
import type { BoardData } from '../../shared/types.ts';
import { renderPng } from './png.ts';

export const EXPORT_FORMATS = ['json', 'svg', 'png', 'md', 'graphml', 'gexf', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const CSV_PARTS = ['elements', 'connections'] as const;
export type CsvPart = (typeof CSV_PARTS)[number];

export interface ExportSubject {
  board: BoardData;
  /** Set when exporting a round. */
  round?: { id: string; name: string; savedAt: number };
  /** The round before this one (a round's brief lists the changes since it; the live brief, since the last round). */
  previous?: { name: string; board: BoardData };
  /** Every round of the board with its content (GEXF timeline of the live board). */
  timeline?: TimelineRound[];
  csvPart?: CsvPart;
}

export interface RenderedExport {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  md: 'text/markdown; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Only safe characters: the board title (and round name) as a slug. */
export function exportBaseName(title: string, roundName?: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60);
  const base = slug(title) || 'board';
  const round = roundName === undefined ? '' : slug(roundName) || 'round';
  return round ? `${base}--${round}` : base;
}

export async function renderExport(
  format: ExportFormat,
  subject: ExportSubject,
  now: Date = new Date(),
): Promise<RenderedExport> {
  const { board, round } = subject;
  const base = exportBaseName(board.meta.title, round?.name);
  const date = round ? new Date(round.savedAt) : now;
  const contentType = CONTENT_TYPES[format];
  const svg = () => renderBoardSvg(board, { roundName: round?.name, roundId: round?.id, date });
  switch (format) {
    case 'json':
      return {
        body: JSON.stringify(boardToExport(board), null, 2),
        contentType,
        filename: `${base}.parley.json`,
      };
    case 'svg':
      return { body: svg(), contentType, filename: `${base}.svg` };
    case 'png':
      return { body: await renderPng(svg()), contentType, filename: `${base}.png` };
    case 'md':
      return {
        body: renderBoardBrief(board, {
          roundName: round?.name ?? (subject.previous ? 'Live board' : undefined),
          previous: subject.previous?.board,
          date: date.toISOString().slice(0, 10),
        }),
        contentType,
        filename: `${base}.md`,
      };
    case 'graphml':
      return { body: renderBoardGraphml(board), contentType, filename: `${base}.graphml` };
    case 'gexf': {
      // A board with rounds: a dynamic graph over its rounds and the live board (Gephi's timeline).
      const timeline = subject.timeline ?? [];
      const body =
        !round && timeline.length > 0
          ? renderGexfTimeline(timeline, { board, at: now })
          : renderBoardGexf(board);
      return { body, contentType, filename: `${base}.gexf` };
    }
    case 'csv': {
      const part = subject.csvPart ?? 'elements';
      const text = part === 'elements' ? renderElementsCsv(board) : renderConnectionsCsv(board);
      return { body: CSV_BOM + text, contentType, filename: `${base}-${part}.csv` };
    }
  }
}
