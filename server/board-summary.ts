import type * as Y from 'yjs';
import { readActors, readMeta, readVisibleRelations } from '../shared/board-doc.ts';
import type { BoardRecord } from './storage/board-storage.ts';

/** What the API says about a board: its meta and counts of what is visible (R6). */
export interface BoardCounts {
  title: string;
  description: string;
  actors: number;
  relations: number;
}

export interface BoardSummary extends BoardCounts {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export function countBoard(doc: Y.Doc): BoardCounts {
  const meta = readMeta(doc);
  return {
    title: meta.title,
    description: meta.description,
    actors: readActors(doc).length,
    relations: readVisibleRelations(doc).length,
  };
}

export function toSummary(record: BoardRecord, counts: BoardCounts): BoardSummary {
  return {
    id: record.id,
    ...counts,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
