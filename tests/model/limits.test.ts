import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  addActor,
  addRelation,
  moveActors,
  populateBoard,
  setMeta,
  updateActor,
  updateRelation,
} from '../../shared/mutations.ts';
import { createLocalOrigin, IMPORT_ORIGIN } from '../../shared/origins.ts';
import type { Actor, Relation } from '../../shared/types.ts';
import { BoardRuleError } from '../../shared/validation.ts';
import { recordUpdates, thrownBy } from './replicas.ts';

const origin = createLocalOrigin();

function expectRule(fn: () => unknown, rule: string): BoardRuleError {
  const err = thrownBy(fn);
  expect(err).toBeInstanceOf(BoardRuleError);
  expect((err as BoardRuleError).rule).toBe(rule);
  return err as BoardRuleError;
}

function seeded() {
  const doc = new Y.Doc();
  addActor(doc, { label: 'US' }, origin, 'us');
  addActor(doc, { label: 'Iran' }, origin, 'iran');
  addRelation(doc, { source: 'us', target: 'iran', type: 'demands' }, origin, 'r1');
  return { doc, updates: recordUpdates(doc) };
}

function actors(n: number): Actor[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    label: `Actor ${i}`,
    kind: 'state',
    x: i,
    y: 0,
  }));
}

describe('content limits', () => {
  it('[R12] actor fields out of bounds are rejected with a BoardRuleError and nothing is written', () => {
    const { doc, updates } = seeded();
    const before = JSON.stringify(readBoard(doc));
    const over = (n: number) => 'x'.repeat(n + 1);
    expectRule(() => addActor(doc, { label: over(LIMITS.labelMax) }, origin), 'R12');
    expectRule(() => addActor(doc, { label: '   ' }, origin), 'R12');
    expectRule(() => addActor(doc, { label: 'ok', stance: over(LIMITS.stanceMax) }, origin), 'R12');
    expectRule(() => addActor(doc, { label: 'ok', notes: over(LIMITS.notesMax) }, origin), 'R12');
    expectRule(() => addActor(doc, { label: 'ok', color: 'red' }, origin), 'R12');
    expectRule(() => addActor(doc, { label: 'ok', x: LIMITS.coordMax + 1 }, origin), 'R12');
    expectRule(() => addActor(doc, { label: 'ok', y: Number.NaN }, origin), 'R12');
    expectRule(() => addActor(doc, { label: 'ok', kind: 'dragon' as 'state' }, origin), 'R12');
    expectRule(() => updateActor(doc, 'us', { label: over(LIMITS.labelMax) }, origin), 'R12');
    expectRule(() => updateActor(doc, 'us', { x: Number.POSITIVE_INFINITY }, origin), 'R12');
    expectRule(() => updateActor(doc, 'us', { source: 'x' } as never, origin), 'R12');
    expectRule(() => moveActors(doc, [{ id: 'us', x: 1, y: -LIMITS.coordMax - 1 }], origin), 'R12');
    expect(updates).toHaveLength(0);
    expect(JSON.stringify(readBoard(doc))).toBe(before);
  });

  it('[R12] at the limits themselves the input is accepted', () => {
    const { doc } = seeded();
    const id = addActor(
      doc,
      {
        label: 'L'.repeat(LIMITS.labelMax),
        stance: 's'.repeat(LIMITS.stanceMax),
        notes: 'n'.repeat(LIMITS.notesMax),
        x: LIMITS.coordMax,
        y: -LIMITS.coordMax,
        color: '#1f77b4',
      },
      origin,
    );
    const actor = readBoard(doc).actors.find((a) => a.id === id);
    expect(actor?.label).toHaveLength(LIMITS.labelMax);
    expect(actor?.x).toBe(LIMITS.coordMax);
  });

  it('[R12] relation and meta fields out of bounds are rejected', () => {
    const { doc, updates } = seeded();
    expectRule(
      () => addRelation(doc, { source: 'us', target: 'iran', type: 'loves' as 'demands' }, origin),
      'R12',
    );
    expectRule(
      () =>
        addRelation(doc, { source: 'us', target: 'iran', type: 'demands', label: 'x'.repeat(201) }, origin),
      'R12',
    );
    expectRule(() => addRelation(doc, { source: 'us', target: 'bad id!', type: 'demands' }, origin), 'R12');
    expectRule(() => updateRelation(doc, 'r1', { source: 'iran' } as never, origin), 'R12');
    expectRule(() => updateRelation(doc, 'r1', { notes: 'n'.repeat(LIMITS.notesMax + 1) }, origin), 'R12');
    expectRule(() => setMeta(doc, { title: '' }, origin), 'R12');
    expectRule(() => setMeta(doc, { title: 't'.repeat(LIMITS.titleMax + 1) }, origin), 'R12');
    expectRule(() => setMeta(doc, { description: 'd'.repeat(LIMITS.descriptionMax + 1) }, origin), 'R12');
    expect(updates).toHaveLength(0);
  });

  it('[R12] a board holds at most 5,000 actors', () => {
    const doc = new Y.Doc();
    populateBoard(
      doc,
      { meta: { title: 'Full', description: '' }, actors: actors(LIMITS.maxActors), relations: [] },
      IMPORT_ORIGIN,
    );
    expectRule(() => addActor(doc, { label: 'One too many' }, origin), 'R12');
    expect(readBoard(doc).actors).toHaveLength(LIMITS.maxActors);
    expectRule(
      () =>
        populateBoard(
          new Y.Doc(),
          {
            meta: { title: 'Too big', description: '' },
            actors: actors(LIMITS.maxActors + 1),
            relations: [],
          },
          IMPORT_ORIGIN,
        ),
      'R12',
    );
  });

  it('[R12] a board holds at most 20,000 relations', () => {
    const relations = (n: number): Relation[] =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, source: 'a0', target: 'a1', type: 'demands' }));
    const doc = new Y.Doc();
    populateBoard(
      doc,
      {
        meta: { title: 'Full', description: '' },
        actors: actors(2),
        relations: relations(LIMITS.maxRelations),
      },
      IMPORT_ORIGIN,
    );
    expectRule(() => addRelation(doc, { source: 'a1', target: 'a0', type: 'deferred' }, origin), 'R12');
    expectRule(
      () =>
        populateBoard(
          new Y.Doc(),
          {
            meta: { title: 'Too big', description: '' },
            actors: actors(2),
            relations: relations(LIMITS.maxRelations + 1),
          },
          IMPORT_ORIGIN,
        ),
      'R12',
    );
  });
});
