import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyUpdatesInBatches, mergeUpdatesThroughDoc } from '../../server/storage/merge-through-doc.ts';
import { readBoard } from '../../shared/board-doc.ts';
import { addActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates, makeUpdateLog, recordingDoc } from '../helpers/board-updates.ts';

describe('merging a log through a Y.Doc', () => {
  it('gives the same board whatever the batch size', () => {
    const { updates, board } = makeUpdateLog(500);
    for (const batch of [1, 7, 100, 10_000]) {
      expect(boardFromUpdates([mergeUpdatesThroughDoc(updates, batch)])).toEqual(board);
    }
  });

  it('keeps updates whose dependencies are missing (pending structs)', () => {
    const { doc, updates } = recordingDoc();
    const origin = createLocalOrigin();
    addActor(doc, { label: 'First', kind: 'state', x: 0, y: 0 }, origin, 'first');
    addActor(doc, { label: 'Second', kind: 'state', x: 0, y: 0 }, origin, 'second');
    // Without the first update the second cannot integrate yet; the merge must not drop it.
    const merged = mergeUpdatesThroughDoc([updates[1] as Uint8Array]);
    expect(boardFromUpdates([merged]).actors).toEqual([]);
    expect(boardFromUpdates([updates[0] as Uint8Array, merged])).toEqual(readBoard(doc));
    doc.destroy();
  });

  it('applies a batch in one transaction each', () => {
    const { updates } = makeUpdateLog(50);
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => {
      transactions += 1;
    });
    applyUpdatesInBatches(doc, updates, 20);
    expect(transactions).toBe(3);
    doc.destroy();
  });
});
