import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard, relationsMap } from '../../shared/board-doc.ts';
import {
  addActor,
  addRelation,
  deleteActors,
  deleteRelations,
  updateActor,
  updateRelation,
} from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { BoardRuleError } from '../../shared/validation.ts';
import { newReplica, recordUpdates, syncAll, thrownBy } from './replicas.ts';

const origin = createLocalOrigin();

function triangle(doc: Y.Doc) {
  const us = addActor(doc, { label: 'United States' }, origin, 'us');
  const iran = addActor(doc, { label: 'Iran' }, origin, 'iran');
  const pk = addActor(doc, { label: 'Pakistan' }, origin, 'pk');
  addRelation(doc, { source: us, target: iran, type: 'demands' }, origin, 'r-us-iran');
  addRelation(doc, { source: iran, target: us, type: 'demands' }, origin, 'r-iran-us');
  addRelation(doc, { source: pk, target: iran, type: 'mediates' }, origin, 'r-pk-iran');
  addRelation(doc, { source: pk, target: us, type: 'mediates' }, origin, 'r-pk-us');
  return { us, iran, pk };
}

describe('actors and relations', () => {
  it('[R3] deleting an actor deletes every relation that touches it, in the same transaction', () => {
    const a = newReplica(1);
    const b = newReplica(2);
    triangle(a);
    syncAll(a, b);
    const updates = recordUpdates(a);
    expect(deleteActors(a, ['us'], origin)).toBe(1);
    expect(updates).toHaveLength(1);
    expect(readBoard(a).relations.map((r) => r.id)).toEqual(['r-pk-iran']);
    // The raw map holds no leftover entries either: they were deleted, not just hidden.
    expect([...relationsMap(a).keys()]).toEqual(['r-pk-iran']);
    // A replica that receives that one update never sees a dangling relation.
    Y.applyUpdate(b, updates[0] as Uint8Array, 'remote');
    expect([...relationsMap(b).keys()]).toEqual(['r-pk-iran']);
    expect(readBoard(b)).toEqual(readBoard(a));
  });

  it('[R3] deleting several actors at once removes all their relations; unknown ids are ignored', () => {
    const doc = new Y.Doc();
    triangle(doc);
    expect(deleteActors(doc, ['iran', 'pk', 'nobody'], origin)).toBe(2);
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['us']);
    expect(relationsMap(doc).size).toBe(0);
    const updates = recordUpdates(doc);
    expect(deleteActors(doc, ['nobody'], origin)).toBe(0);
    expect(updates).toHaveLength(0);
  });

  it('[R10] a relation needs two existing, distinct actors', () => {
    const doc = new Y.Doc();
    triangle(doc);
    const missing = thrownBy(() =>
      addRelation(doc, { source: 'us', target: 'ghost', type: 'threatens' }, origin),
    );
    expect(missing).toBeInstanceOf(BoardRuleError);
    expect((missing as BoardRuleError).rule).toBe('R10');
    const self = thrownBy(() => addRelation(doc, { source: 'us', target: 'us', type: 'threatens' }, origin));
    expect((self as BoardRuleError).rule).toBe('R10');
    deleteActors(doc, ['pk'], origin);
    const deleted = thrownBy(() =>
      addRelation(doc, { source: 'pk', target: 'us', type: 'mediates' }, origin),
    );
    expect((deleted as BoardRuleError).rule).toBe('R10');
    expect(readBoard(doc).relations.map((r) => r.id)).toEqual(['r-iran-us', 'r-us-iran']);
  });

  it('[R10] ids are never reused for a new item, not even after deletion', () => {
    const doc = new Y.Doc();
    triangle(doc);
    expect((thrownBy(() => addActor(doc, { label: 'Again' }, origin, 'us')) as BoardRuleError).rule).toBe(
      'R10',
    );
    const dupRel = thrownBy(() =>
      addRelation(doc, { source: 'us', target: 'pk', type: 'demands' }, origin, 'r-us-iran'),
    );
    expect((dupRel as BoardRuleError).rule).toBe('R10');

    deleteActors(doc, ['pk'], origin);
    deleteRelations(doc, ['r-us-iran'], origin);
    const reusedActor = thrownBy(() => addActor(doc, { label: 'Pakistan again' }, origin, 'pk'));
    expect((reusedActor as BoardRuleError).rule).toBe('R10');
    const reusedRel = thrownBy(() =>
      addRelation(doc, { source: 'us', target: 'iran', type: 'threatens' }, origin, 'r-us-iran'),
    );
    expect((reusedRel as BoardRuleError).rule).toBe('R10');
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['iran', 'us']);
    expect(readBoard(doc).relations.map((r) => r.id)).toEqual(['r-iran-us']);
  });

  it('[R10] a replica that saw an id deleted never reads a stranger under that id', () => {
    // Why reuse is forbidden: a relation drawn to a "new" actor with an old id
    // would be removed by the orphan cleanup (R8) on a replica that saw the old one deleted.
    const a = newReplica(1);
    const b = newReplica(2);
    triangle(a);
    syncAll(a, b);
    deleteActors(a, ['pk'], origin);
    syncAll(a, b);
    expect(() => addActor(b, { label: 'Pakistan' }, origin, 'pk')).toThrow(BoardRuleError);
  });

  it('[R10] updates to items that are gone report false and change nothing', () => {
    const doc = new Y.Doc();
    triangle(doc);
    deleteActors(doc, ['pk'], origin);
    const updates = recordUpdates(doc);
    expect(updateActor(doc, 'pk', { label: 'Back' }, origin)).toBe(false);
    expect(updateRelation(doc, 'r-pk-us', { label: 'x' }, origin)).toBe(false);
    expect(deleteRelations(doc, ['r-pk-us'], origin)).toBe(0);
    expect(updates).toHaveLength(0);
  });
});
