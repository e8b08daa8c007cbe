import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import {
  addActor,
  addRelation,
  moveActors,
  setMeta,
  updateActor,
  updateRelation,
} from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { newReplica, syncAll } from './replicas.ts';

const alice = createLocalOrigin();
const bob = createLocalOrigin();

function twoReplicas() {
  const a = newReplica(1);
  const b = newReplica(2);
  addActor(a, { label: 'Iran', kind: 'state', x: 100, y: 100, stance: 'Relief first' }, alice, 'iran');
  addActor(a, { label: 'United States', kind: 'state', x: 0, y: 0 }, alice, 'us');
  addRelation(a, { source: 'us', target: 'iran', type: 'demands', label: 'Open Hormuz' }, alice, 'r1');
  syncAll(a, b);
  return { a, b };
}

describe('concurrent edits', () => {
  it('[R11] one person renames an actor while another drags it: both changes stick on both replicas', () => {
    const { a, b } = twoReplicas();
    updateActor(a, 'iran', { label: 'Islamic Republic of Iran' }, alice);
    moveActors(b, [{ id: 'iran', x: 900, y: 420 }], bob);
    syncAll(a, b);
    for (const doc of [a, b]) {
      expect(readBoard(doc).actors.find((x) => x.id === 'iran')).toMatchObject({
        label: 'Islamic Republic of Iran',
        x: 900,
        y: 420,
        stance: 'Relief first',
      });
    }
    expect(JSON.stringify(readBoard(a))).toBe(JSON.stringify(readBoard(b)));
  });

  it('[R11] an edit that resubmits unchanged fields does not overwrite a concurrent change to them', () => {
    const { a, b } = twoReplicas();
    // An inspector form sends the whole actor back; only the label actually changed.
    updateActor(a, 'iran', { label: 'Tehran', kind: 'state', x: 100, y: 100, stance: 'Relief first' }, alice);
    updateActor(b, 'iran', { kind: 'other', stance: 'Recognition first' }, bob);
    moveActors(b, [{ id: 'iran', x: 5, y: 6 }], bob);
    syncAll(a, b);
    for (const doc of [a, b]) {
      expect(readBoard(doc).actors.find((x) => x.id === 'iran')).toEqual({
        id: 'iran',
        label: 'Tehran',
        kind: 'other',
        x: 5,
        y: 6,
        stance: 'Recognition first',
      });
    }
  });

  it('[R11] clearing one optional field leaves a concurrent edit of another field alone', () => {
    const { a, b } = twoReplicas();
    updateActor(a, 'iran', { stance: null }, alice);
    updateActor(b, 'iran', { notes: 'Hands on the trigger' }, bob);
    syncAll(a, b);
    for (const doc of [a, b]) {
      const iran = readBoard(doc).actors.find((x) => x.id === 'iran');
      expect(iran?.stance).toBeUndefined();
      expect(iran?.notes).toBe('Hands on the trigger');
    }
  });

  it('[R11] concurrent retype and relabel of one relation both survive', () => {
    const { a, b } = twoReplicas();
    updateRelation(a, 'r1', { type: 'threatens' }, alice);
    updateRelation(b, 'r1', { label: 'Strikes on energy infrastructure' }, bob);
    syncAll(a, b);
    for (const doc of [a, b]) {
      expect(readBoard(doc).relations).toEqual([
        {
          id: 'r1',
          source: 'us',
          target: 'iran',
          type: 'threatens',
          label: 'Strikes on energy infrastructure',
        },
      ]);
    }
  });

  it('[R11] the same field edited on both sides settles on one value everywhere', () => {
    const { a, b } = twoReplicas();
    updateActor(a, 'iran', { label: 'From A' }, alice);
    updateActor(b, 'iran', { label: 'From B' }, bob);
    setMeta(a, { title: 'Title A' }, alice);
    setMeta(b, { title: 'Title B', description: 'Desc B' }, bob);
    syncAll(a, b);
    expect(JSON.stringify(readBoard(a))).toBe(JSON.stringify(readBoard(b)));
    expect(['From A', 'From B']).toContain(readBoard(a).actors.find((x) => x.id === 'iran')?.label);
    expect(readBoard(a).meta.description).toBe('Desc B');
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  });
});
