import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actorsMap, readBoard, relationsMap } from '../../shared/board-doc.ts';
import { docToExport } from '../../shared/export-json.ts';
import { addActor, addRelation } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { newReplica, recordLocalUpdates, syncAll } from './replicas.ts';

const origin = createLocalOrigin();

/** Writes an entry the way a foreign client could, bypassing Parley's mutations. */
function rawSet(doc: Y.Doc, root: 'actors' | 'relations', id: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const map = root === 'actors' ? actorsMap(doc) : relationsMap(doc);
    map.set(id, new Y.Map<unknown>(Object.entries(fields)));
  }, 'foreign');
}

describe('defensive reads', () => {
  it('[R4] an unknown kind reads as other, bad coordinates as 0, a missing or non-string label as Unnamed actor', () => {
    const doc = new Y.Doc();
    rawSet(doc, 'actors', 'a1', { label: 42, kind: 'dragon', x: Number.NaN, y: '12' });
    rawSet(doc, 'actors', 'a2', { label: 'Iran', kind: 'state', x: Number.POSITIVE_INFINITY });
    rawSet(doc, 'actors', 'a3', { kind: 7, stance: 99, notes: '', color: null });
    expect(readBoard(doc).actors).toEqual([
      { id: 'a1', label: 'Unnamed actor', kind: 'other', x: 0, y: 0 },
      { id: 'a2', label: 'Iran', kind: 'state', x: 0, y: 0 },
      { id: 'a3', label: 'Unnamed actor', kind: 'other', x: 0, y: 0 },
    ]);
  });

  it('[R4] an actors entry that is not a Y.Map is skipped, not thrown on', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      (actorsMap(doc) as Y.Map<unknown>).set('plain', { label: 'JSON, not a Y.Map' });
      (actorsMap(doc) as Y.Map<unknown>).set('text', 'hello');
    });
    addActor(doc, { label: 'Real' }, origin, 'real');
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['real']);
  });

  it('[R5] a relation without string ends or with an unknown type is never drawn nor exported', () => {
    const doc = new Y.Doc();
    addActor(doc, { label: 'US' }, origin, 'us');
    addActor(doc, { label: 'Iran' }, origin, 'iran');
    rawSet(doc, 'relations', 'no-type', { source: 'us', target: 'iran' });
    rawSet(doc, 'relations', 'bad-type', { source: 'us', target: 'iran', type: 'loves' });
    rawSet(doc, 'relations', 'num-source', { source: 1, target: 'iran', type: 'demands' });
    rawSet(doc, 'relations', 'no-target', { source: 'us', type: 'demands' });
    doc.transact(() => (relationsMap(doc) as Y.Map<unknown>).set('plain', { source: 'us', target: 'iran' }));
    rawSet(doc, 'relations', 'good', { source: 'us', target: 'iran', type: 'threatens', label: 7 });
    expect(readBoard(doc).relations).toEqual([
      { id: 'good', source: 'us', target: 'iran', type: 'threatens' },
    ]);
    expect(docToExport(doc).relations.map((r) => r.id)).toEqual(['good']);
  });

  it('[R6] a relation whose actor has not arrived is hidden, and shows once it does', () => {
    const a = newReplica(1);
    const b = newReplica(2);
    const c = newReplica(3);
    const fromA = recordLocalUpdates(a);
    const fromB = recordLocalUpdates(b);
    addActor(a, { label: 'US' }, origin, 'us');
    addActor(b, { label: 'Iran' }, origin, 'iran');
    syncAll(a, b);
    addRelation(a, { source: 'us', target: 'iran', type: 'demands', label: 'Reopen Hormuz' }, origin, 'r1');
    // c hears from a first: the relation arrives before Iran, which b made.
    for (const u of fromA) Y.applyUpdate(c, u, 'remote');
    expect(relationsMap(c).has('r1')).toBe(true);
    expect(readBoard(c).relations).toEqual([]);
    expect(docToExport(c).relations).toEqual([]);
    for (const u of fromB) Y.applyUpdate(c, u, 'remote');
    expect(readBoard(c).relations.map((r) => r.id)).toEqual(['r1']);
    expect(readBoard(c)).toEqual(readBoard(a));
  });

  it('[R6] a relation from an actor to itself is never visible', () => {
    const doc = new Y.Doc();
    addActor(doc, { label: 'US' }, origin, 'us');
    rawSet(doc, 'relations', 'loop', { source: 'us', target: 'us', type: 'demands' });
    expect(readBoard(doc).relations).toEqual([]);
  });

  it('[R7] replicas holding the same document read the same board, sorted by id', () => {
    const a = newReplica(1);
    const b = newReplica(2);
    for (const id of ['zeta', 'alpha', 'mid']) addActor(a, { label: id }, origin, id);
    for (const id of ['beta', 'omega']) addActor(b, { label: id }, origin, id);
    addRelation(a, { source: 'zeta', target: 'alpha', type: 'deferred' }, origin, 'r-z');
    addRelation(b, { source: 'omega', target: 'beta', type: 'mediates' }, origin, 'r-a');
    // Opposite delivery orders on the two sides.
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const boardA = readBoard(a);
    expect(JSON.stringify(boardA)).toBe(JSON.stringify(readBoard(b)));
    expect(boardA.actors.map((x) => x.id)).toEqual(['alpha', 'beta', 'mid', 'omega', 'zeta']);
    expect(boardA.relations.map((x) => x.id)).toEqual(['r-a', 'r-z']);
  });
});
