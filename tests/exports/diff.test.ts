import { describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board-doc.ts';
import { diffBoards, hasSubstantiveChanges, isEmptyDiff } from '../../shared/diff/board-diff.ts';
import { describeDiff } from '../../shared/diff/describe-diff.ts';
import { deleteActors, moveActors, updateActor, updateRelation } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';
import { docFrom, round1, round1Data, round2 } from './fixtures.ts';

describe('diffBoards', () => {
  it('lists exactly the changes between two crafted rounds', () => {
    const diff = diffBoards(round1(), round2());
    expect(diff.meta).toEqual([]);
    expect(diff.actors.added.map((a) => a.id)).toEqual(['saudi']);
    expect(diff.actors.removed).toEqual([]);
    expect(diff.actors.changed).toEqual([
      {
        id: 'iran',
        changes: [
          {
            field: 'stance',
            from: 'Sanctions relief, frozen assets and compensation.',
            to: 'Phase one first: the pre-war status quo, no tolls.',
          },
        ],
      },
    ]);
    expect(diff.actors.moved).toEqual([{ id: 'pakistan', from: { x: 260, y: 220 }, to: { x: 300, y: 260 } }]);
    expect(diff.relations.added).toEqual([
      { id: 'r_saudi', source: 'saudi', target: 'pakistan', type: 'mediates', label: 'backs the talks' },
    ]);
    expect(diff.relations.removed.map((r) => r.id)).toEqual(['r_hormuz']);
    expect(diff.relations.changed).toEqual([
      { id: 'r_nuclear', changes: [{ field: 'type', from: 'demands', to: 'deferred' }] },
      { id: 'r_strait_threat', changes: [{ field: 'type', from: 'threatens', to: 'demands' }] },
    ]);
  });

  it('describes the changes as a changelog named by actor labels', () => {
    const from = round1();
    const to = round2();
    expect(describeDiff(diffBoards(from, to), from, to)).toEqual([
      'Added actor Saudi Arabia (state)',
      'Iran stance: “Sanctions relief, frozen assets and compensation.” → “Phase one first: the pre-war status quo, no tolls.”',
      'Added relation Saudi Arabia → Pakistan (mediates: backs the talks)',
      'Removed relation United States → Iran (demands: reopen the Strait of Hormuz)',
      'United States → Iran: demands → deferred',
      'Iran → United States: threatens → demands',
      'Moved 1 actor (layout only): Pakistan',
    ]);
    expect(describeDiff(diffBoards(from, to), from, to, { includeMoves: false })).not.toContain(
      'Moved 1 actor (layout only): Pakistan',
    );
  });

  it('finds nothing between a board and itself, or its reversed order', () => {
    const board = round1();
    const shuffled: BoardData = {
      ...board,
      actors: [...board.actors].reverse(),
      relations: [...board.relations].reverse(),
    };
    const diff = diffBoards(board, shuffled);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(describeDiff(diff, board, shuffled)).toEqual([]);
  });

  it('keeps layout-only moves apart from substantive changes', () => {
    const doc = docFrom(round1Data);
    const before = readBoard(doc);
    moveActors(
      doc,
      [
        { id: 'us', x: 10, y: -20 },
        { id: 'iran', x: 520, y: 5 },
      ],
      createLocalOrigin(),
    );
    const diff = diffBoards(before, readBoard(doc));
    expect(hasSubstantiveChanges(diff)).toBe(false);
    expect(isEmptyDiff(diff)).toBe(false);
    expect(diff.actors.changed).toEqual([]);
    expect(diff.actors.moved.map((m) => m.id)).toEqual(['iran', 'us']);
  });

  it('reports an actor that moved and changed in both lists', () => {
    const doc = docFrom(round1Data);
    const before = readBoard(doc);
    updateActor(doc, 'us', { x: 40, kind: 'organisation' }, createLocalOrigin());
    const diff = diffBoards(before, readBoard(doc));
    expect(diff.actors.changed).toEqual([
      { id: 'us', changes: [{ field: 'kind', from: 'state', to: 'organisation' }] },
    ]);
    expect(diff.actors.moved).toEqual([{ id: 'us', from: { x: 0, y: 0 }, to: { x: 40, y: 0 } }]);
  });

  it('[R3] shows the relations of a deleted actor as removed', () => {
    const doc = docFrom(round1Data);
    const before = readBoard(doc);
    deleteActors(doc, ['israel'], createLocalOrigin());
    const after = readBoard(doc);
    const diff = diffBoards(before, after);
    expect(diff.actors.removed.map((a) => a.id)).toEqual(['israel']);
    expect(diff.relations.removed.map((r) => r.id)).toEqual(['r_lebanon']);
    expect(describeDiff(diff, before, after)).toEqual([
      'Removed actor Israel (state)',
      'Removed relation Israel → Iran (threatens: operations in Lebanon)',
    ]);
  });

  it('[R6] ignores relations that are not visible on either side', () => {
    const board = round1();
    const withHidden: BoardData = {
      ...board,
      relations: [...board.relations, { id: 'r_ghost', source: 'us', target: 'gone', type: 'demands' }],
    };
    expect(isEmptyDiff(diffBoards(board, withHidden))).toBe(true);
  });

  it('treats re-pointed ends as a change of the same relation', () => {
    const from = round1();
    const to: BoardData = {
      ...from,
      relations: from.relations.map((r) => (r.id === 'r_lebanon' ? { ...r, target: 'us' } : r)),
    };
    const diff = diffBoards(from, to);
    expect(diff.relations.added).toEqual([]);
    expect(diff.relations.removed).toEqual([]);
    expect(diff.relations.changed).toEqual([
      { id: 'r_lebanon', changes: [{ field: 'target', from: 'iran', to: 'us' }] },
    ]);
    expect(describeDiff(diff, from, to)).toEqual([
      'Relation Israel → Iran (threatens) now runs Israel → United States',
    ]);
  });

  it('describes renames, cleared fields, labels, notes and meta, using the new names', () => {
    const doc = docFrom(round1Data);
    const before = readBoard(doc);
    const me = createLocalOrigin();
    updateActor(doc, 'iran', { label: 'Islamic Republic of Iran', color: '#112233' }, me);
    updateActor(doc, 'pakistan', { stance: null }, me);
    updateRelation(doc, 'r_sanctions', { label: 'lift all sanctions', notes: 'raised in round 2' }, me);
    doc.getMap('meta').set('title', 'US–Iran: phase one');
    const after = readBoard(doc);
    expect(describeDiff(diffBoards(before, after), before, after)).toEqual([
      'Title: “US–Iran ceasefire (2026)” → “US–Iran: phase one”',
      'Renamed actor “Iran” → “Islamic Republic of Iran”',
      'Islamic Republic of Iran colour: (none) → #112233',
      'Pakistan stance: “Hosts the talks in Islamabad.” → (none)',
      'Islamic Republic of Iran → United States (demands) label: “sanctions relief” → “lift all sanctions”',
      'Islamic Republic of Iran → United States (demands) notes: (none) → “raised in round 2”',
    ]);
  });

  it('counts an empty optional string as unset', () => {
    const from = round1();
    const to: BoardData = {
      ...from,
      actors: from.actors.map((a) => (a.id === 'israel' ? { ...a, stance: '' } : a)),
    };
    expect(isEmptyDiff(diffBoards(from, to))).toBe(true);
  });

  it('shortens long quoted text and keeps changelog lines on one line', () => {
    const from = round1();
    const long = `${'word '.repeat(60)}\nend`;
    const to: BoardData = {
      ...from,
      actors: from.actors.map((a) => (a.id === 'us' ? { ...a, stance: long } : a)),
    };
    const [line] = describeDiff(diffBoards(from, to), from, to, { maxQuote: 40 });
    expect(line).toBe(
      'United States stance: “Reopen the Strait of Hormuz and stop at…” → “word word word word word word word word…”',
    );
    expect(line).not.toContain('\n');
  });
});
