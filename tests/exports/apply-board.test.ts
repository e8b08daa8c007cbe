/**
 * applyBoardState (restore a round): one transaction that makes the live board
 * equal to the round — deletions, revived items under their own ids, field
 * changes, moves, re-pointed relations — while concurrent edits of untouched
 * fields on another replica survive the merge (R11).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import { applyBoardState } from '../../shared/diff/apply-board.ts';
import { diffBoards, isEmptyDiff } from '../../shared/diff/board-diff.ts';
import { updateActor } from '../../shared/mutations.ts';
import { createLocalOrigin, RESTORE_ORIGIN } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';
import { docFrom, round1, round2 } from './fixtures.ts';

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('applyBoardState', () => {
  it('turns round 2 back into round 1 in one transaction with the restore origin', () => {
    const doc = docFrom(round2());
    const transactions: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => transactions.push(tr.origin));
    const diff = applyBoardState(doc, round1(), RESTORE_ORIGIN);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(transactions).toEqual([RESTORE_ORIGIN]);
    expect(readBoard(doc)).toEqual(round1());
    expect(isEmptyDiff(diffBoards(readBoard(doc), round1()))).toBe(true);
  });

  it('and forward again: deleted items come back under their ids; a no-op restore writes nothing', () => {
    const doc = docFrom(round1());
    applyBoardState(doc, round2(), RESTORE_ORIGIN);
    applyBoardState(doc, round1(), RESTORE_ORIGIN);
    applyBoardState(doc, round2(), RESTORE_ORIGIN);
    expect(readBoard(doc)).toEqual(round2());
    let updates = 0;
    doc.on('update', () => {
      updates += 1;
    });
    applyBoardState(doc, round2(), RESTORE_ORIGIN);
    expect(updates).toBe(0);
  });

  it('re-points a relation whose ends differ in the round', () => {
    const before = round1();
    const relation = before.relations[0];
    if (!relation) throw new Error('fixture has relations');
    const other = before.actors.find((a) => a.id !== relation.source && a.id !== relation.target);
    if (!other) throw new Error('fixture has a third actor');
    const target: BoardData = {
      ...before,
      relations: before.relations.map((r) => (r.id === relation.id ? { ...r, target: other.id } : r)),
    };
    const doc = docFrom(before);
    applyBoardState(doc, target, RESTORE_ORIGIN);
    expect(readBoard(doc).relations.find((r) => r.id === relation.id)?.target).toBe(other.id);
  });

  it('[R11] a concurrent edit of a field the restore does not touch survives', () => {
    const a = docFrom(round2());
    const b = new Y.Doc();
    sync(a, b);
    const actor = round1().actors.find((x) => x.id !== 'saudi');
    if (!actor) throw new Error('fixture has actors');
    updateActor(b, actor.id, { notes: 'written during the restore' }, createLocalOrigin());
    applyBoardState(a, round1(), RESTORE_ORIGIN);
    sync(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).actors.find((x) => x.id === actor.id)?.notes).toBe('written during the restore');
    expect(readBoard(a).actors.some((x) => x.id === 'saudi')).toBe(false);
  });
});
