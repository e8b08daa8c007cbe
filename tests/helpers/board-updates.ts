import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import { addActor, setMeta } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';

/** A real Yjs document that records every update it emits, as a client's would. */
export function recordingDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

/** `count` real updates: a title and actors added and moved, as a log would hold them. */
export function makeUpdateLog(
  count: number,
  title = 'Log board',
): { updates: Uint8Array[]; board: BoardData } {
  const { doc, updates } = recordingDoc();
  const origin = createLocalOrigin();
  setMeta(doc, { title }, origin);
  let i = 0;
  while (updates.length < count) {
    const id = `a${i % 50}`;
    if (doc.getMap('actors').has(id)) {
      doc.transact(() => {
        const actor = doc.getMap<Y.Map<unknown>>('actors').get(id);
        actor?.set('x', i);
        actor?.set('y', -i);
      }, origin);
    } else {
      addActor(doc, { label: `Actor ${i}`, kind: 'state', x: i, y: i }, origin, id);
    }
    i += 1;
  }
  const board = readBoard(doc);
  doc.destroy();
  return { updates, board };
}

/** The board a list of updates describes. */
export function boardFromUpdates(updates: readonly Uint8Array[]): BoardData {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const board = readBoard(doc);
  doc.destroy();
  return board;
}
