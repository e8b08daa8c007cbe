import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actorsMap, metaMap, readBoard, relationsMap } from '../../shared/board-doc.ts';
import { docToExport, parseExportedBoard } from '../../shared/export-json.ts';
import {
  addActor,
  addRelation,
  cleanupOrphans,
  deleteActors,
  moveActors,
  setMeta,
  updateActor,
} from '../../shared/mutations.ts';
import { CLEANUP_ORIGIN, createLocalOrigin, type LocalOrigin } from '../../shared/origins.ts';
import { newReplica, syncAll } from './replicas.ts';

/** The undo manager a client builds: it tracks only its own person's origin (R9). */
function undoFor(doc: Y.Doc, origin: LocalOrigin): Y.UndoManager {
  return new Y.UndoManager([actorsMap(doc), relationsMap(doc), metaMap(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
}

describe('per-person undo', () => {
  it('[R9] with two people editing one doc, undo reverts only the undoer’s own changes', () => {
    const doc = new Y.Doc();
    const alice = createLocalOrigin();
    const bob = createLocalOrigin();
    const undoAlice = undoFor(doc, alice);
    const undoBob = undoFor(doc, bob);

    addActor(doc, { label: 'United States', x: 0, y: 0 }, alice, 'us');
    addActor(doc, { label: 'Iran', x: 500, y: 0 }, bob, 'iran');
    updateActor(doc, 'iran', { stance: 'Wants sanctions relief' }, alice);
    moveActors(doc, [{ id: 'us', x: 40, y: 40 }], bob);
    setMeta(doc, { title: 'Bob’s title' }, bob);

    expect(undoAlice.undoStack).toHaveLength(2);
    expect(undoBob.undoStack).toHaveLength(3);

    undoAlice.undo(); // Alice's stance edit goes; Bob's Iran stays.
    expect(readBoard(doc).actors.find((a) => a.id === 'iran')).toEqual({
      id: 'iran',
      label: 'Iran',
      kind: 'other',
      x: 500,
      y: 0,
    });
    undoAlice.undo(); // Alice's actor goes, even though Bob had moved it.
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['iran']);
    expect(readBoard(doc).meta.title).toBe('Bob’s title');
    expect(undoAlice.undoStack).toHaveLength(0);

    undoAlice.redo();
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['iran', 'us']);

    undoBob.undo(); // Bob's title edit, nothing of Alice's.
    expect(readBoard(doc).meta.title).toBe('Untitled board');
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['iran', 'us']);
  });

  it('[R9] remote edits and system cleanup are not on anyone’s undo stack', () => {
    const a = newReplica(1);
    const b = newReplica(2);
    const alice = createLocalOrigin();
    const bob = createLocalOrigin();
    const undoAlice = undoFor(a, alice);
    addActor(a, { label: 'US' }, alice, 'us');
    addActor(a, { label: 'Iran' }, alice, 'iran');
    syncAll(a, b);
    addRelation(b, { source: 'us', target: 'iran', type: 'demands' }, bob, 'r-bob');
    deleteActors(a, ['iran'], alice);
    syncAll(a, b);
    cleanupOrphans(a, CLEANUP_ORIGIN);
    expect(undoAlice.undoStack).toHaveLength(3);

    undoAlice.undo(); // restores Iran; Bob's relation was removed by cleanup, not by Alice.
    expect(readBoard(a).actors.map((x) => x.id)).toEqual(['iran', 'us']);
    expect(relationsMap(a).has('r-bob')).toBe(false);
    syncAll(a, b);
    expect(readBoard(b)).toEqual(readBoard(a));
    undoAlice.undo();
    undoAlice.undo();
    expect(readBoard(a).actors).toEqual([]);
    syncAll(a, b);
    expect(readBoard(b).actors).toEqual([]);
  });

  it('[R9] undoing an actor delete brings back the relations deleted with it', () => {
    const doc = new Y.Doc();
    const alice = createLocalOrigin();
    addActor(doc, { label: 'US' }, alice, 'us');
    addActor(doc, { label: 'Iran' }, alice, 'iran');
    addRelation(
      doc,
      { source: 'us', target: 'iran', type: 'threatens', label: 'Energy strikes' },
      alice,
      'r1',
    );
    const undo = undoFor(doc, alice);
    deleteActors(doc, ['iran'], alice);
    expect(readBoard(doc).relations).toEqual([]);
    undo.undo();
    expect(readBoard(doc).relations).toEqual([
      { id: 'r1', source: 'us', target: 'iran', type: 'threatens', label: 'Energy strikes' },
    ]);
    // The restored actor is a live one again: cleanup must not treat it as deleted.
    expect(cleanupOrphans(doc, CLEANUP_ORIGIN)).toBe(0);
  });

  it('[R9] [R4] undoing a rename that won over a concurrent rename leaves no label; replicas agree it reads as Unnamed actor and still exports importably', () => {
    // A Yjs UndoManager limit: it cannot restore the old label because the losing
    // concurrent label sits beside it, so the key ends up with no live value.
    // R4 reads it as 'Unnamed actor', so the export stays importable (R14).
    const a = newReplica(2);
    const b = newReplica(1);
    const alice = createLocalOrigin();
    const bob = createLocalOrigin();
    addActor(a, { label: 'Iran' }, alice, 'iran');
    syncAll(a, b);
    const undoAlice = undoFor(a, alice);
    updateActor(a, 'iran', { label: 'From Alice' }, alice);
    updateActor(b, 'iran', { label: 'From Bob' }, bob);
    syncAll(a, b);
    expect(readBoard(b).actors[0]?.label).toBe('From Alice');
    undoAlice.undo();
    syncAll(a, b);
    for (const doc of [a, b]) {
      expect(actorsMap(doc).get('iran')?.has('label')).toBe(false);
      expect(readBoard(doc).actors).toEqual([
        { id: 'iran', label: 'Unnamed actor', kind: 'other', x: 0, y: 0 },
      ]);
      expect(parseExportedBoard(docToExport(doc)).ok).toBe(true);
    }
  });
});
