import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actorsMap, metaMap, readBoard, relationsMap } from '../../shared/board-doc.ts';
import { addActor, addRelation, moveActors, populateBoard, setMeta } from '../../shared/mutations.ts';
import { createLocalOrigin, IMPORT_ORIGIN } from '../../shared/origins.ts';
import { newReplica, recordUpdates, syncAll } from './replicas.ts';

describe('document layout', () => {
  it('[R2] every actor and relation is its own nested Y.Map, on every replica', () => {
    const a = newReplica(1);
    const b = newReplica(2);
    const origin = createLocalOrigin();
    const us = addActor(a, { label: 'United States', kind: 'state', x: 10, y: 20 }, origin);
    const iran = addActor(a, { label: 'Iran', kind: 'state' }, origin);
    const rel = addRelation(a, { source: us, target: iran, type: 'demands', label: 'Reopen Hormuz' }, origin);
    populateBoard(
      a,
      {
        meta: { title: 'Board', description: '' },
        actors: [
          { id: 'pk', label: 'Pakistan', kind: 'mediator', x: 0, y: 0 },
          { id: 'isr', label: 'Israel', kind: 'state', x: 0, y: 0 },
        ],
        relations: [{ id: 'r-pk', source: 'pk', target: 'isr', type: 'mediates' }],
      },
      IMPORT_ORIGIN,
    );
    syncAll(a, b);
    for (const doc of [a, b]) {
      for (const id of [us, iran, 'pk', 'isr']) expect(actorsMap(doc).get(id)).toBeInstanceOf(Y.Map);
      for (const id of [rel, 'r-pk']) expect(relationsMap(doc).get(id)).toBeInstanceOf(Y.Map);
      expect(actorsMap(doc).get(us)?.get('label')).toBe('United States');
      expect(relationsMap(doc).get(rel)?.get('label')).toBe('Reopen Hormuz');
    }
  });

  it('[R2] board metadata lives in the meta root map', () => {
    const doc = new Y.Doc();
    setMeta(doc, { title: 'US–Iran', description: 'Workshop map' }, createLocalOrigin());
    expect(metaMap(doc).get('title')).toBe('US–Iran');
    expect(metaMap(doc).get('description')).toBe('Workshop map');
    expect(readBoard(doc).meta).toEqual({ title: 'US–Iran', description: 'Workshop map' });
  });

  it('[R13] a drop of several actors is one update; an unchanged drop writes nothing', () => {
    const doc = new Y.Doc();
    const origin = createLocalOrigin();
    const ids = ['a', 'b', 'c'].map((label) => addActor(doc, { label }, origin, label));
    const updates = recordUpdates(doc);
    const before = Y.encodeStateAsUpdate(doc).length;
    const moved = moveActors(
      doc,
      ids.map((id, i) => ({ id, x: 100 + i, y: 200 + i })),
      origin,
    );
    expect(moved).toBe(3);
    expect(updates).toHaveLength(1);
    expect(readBoard(doc).actors.map((a) => [a.x, a.y])).toEqual([
      [100, 200],
      [101, 201],
      [102, 202],
    ]);
    // Dropping where it already is adds no history at all.
    moveActors(doc, [{ id: ids[0] as string, x: 100, y: 200 }], origin);
    expect(updates).toHaveLength(1);
    // A further drop grows the document by a bounded amount, not by the length of the drag.
    moveActors(doc, [{ id: ids[0] as string, x: 300, y: 300 }], origin);
    expect(updates).toHaveLength(2);
    expect(Y.encodeStateAsUpdate(doc).length - before).toBeLessThan(200);
  });

  it('[R13] a drop that names a deleted actor moves the others and skips it', () => {
    const doc = new Y.Doc();
    const origin = createLocalOrigin();
    const a = addActor(doc, { label: 'a' }, origin);
    expect(
      moveActors(
        doc,
        [
          { id: 'gone', x: 5, y: 5 },
          { id: a, x: 7, y: 8 },
        ],
        origin,
      ),
    ).toBe(1);
    expect(actorsMap(doc).has('gone')).toBe(false);
    expect(readBoard(doc).actors[0]).toMatchObject({ id: a, x: 7, y: 8 });
  });
});
