/**
 * What the canvas shows: the live board (default), one round read-only, or a
 * diff between two rounds (or a round and live). One store per session, so
 * the header, the timeline panel and the canvas agree without prop drilling.
 */
import * as Y from 'yjs';
import { readBoard } from '../../../shared/board-doc.ts';
import type { BoardDiff } from '../../../shared/diff/board-diff.ts';
import { type ExportedBoard, parseExportedBoard } from '../../../shared/export-json.ts';
import { populateBoard } from '../../../shared/mutations.ts';
import { IMPORT_ORIGIN } from '../../../shared/origins.ts';
import type { BoardData } from '../../../shared/types.ts';
import { ValueStore } from '../../app/valueStore.ts';
import type { BoardSession } from '../session.ts';
import type { RoundInfo } from './roundsApi.ts';

export type RoundView =
  | { mode: 'live' }
  | { mode: 'round'; round: RoundInfo; board: BoardData }
  | {
      mode: 'diff';
      from: RoundInfo | 'live';
      to: RoundInfo | 'live';
      diff: BoardDiff;
      changelog: string[];
      /** The board after (what the canvas draws), and before (where removed items were). */
      after: BoardData;
      before: BoardData;
    };

const LIVE: RoundView = Object.freeze({ mode: 'live' });
const views = new WeakMap<BoardSession, ValueStore<RoundView>>();
const panels = new WeakMap<BoardSession, ValueStore<boolean>>();

export function roundViewOf(session: BoardSession): ValueStore<RoundView> {
  let store = views.get(session);
  if (!store) {
    store = new ValueStore<RoundView>(LIVE);
    views.set(session, store);
  }
  return store;
}

/** Whether the timeline panel is open. */
export function timelineOpenOf(session: BoardSession): ValueStore<boolean> {
  let store = panels.get(session);
  if (!store) {
    store = new ValueStore(false);
    panels.set(session, store);
  }
  return store;
}

export function backToLive(session: BoardSession): void {
  roundViewOf(session).set(LIVE);
}

/**
 * A round's board, loaded into its own Y.Doc with populateBoard (as an import
 * would), so it is checked like any board and never touches the live document.
 */
export function boardFromExport(exported: ExportedBoard): BoardData {
  const parsed = parseExportedBoard(exported);
  if (!parsed.ok) throw new Error(`the round's content is not a valid board: ${parsed.error}`);
  const doc = new Y.Doc();
  try {
    populateBoard(doc, parsed.value, IMPORT_ORIGIN);
    return readBoard(doc);
  } finally {
    doc.destroy();
  }
}
