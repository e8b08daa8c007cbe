import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard, relationsMap } from '../../shared/board-doc.ts';
import { docToExport, parseExportedBoard } from '../../shared/export-json.ts';
import {
  addActor,
  addRelation,
  deleteActors,
  populateBoard,
  setMeta,
  updateActor,
} from '../../shared/mutations.ts';
import { createLocalOrigin, IMPORT_ORIGIN } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';
import { BoardRuleError } from '../../shared/validation.ts';
import { newReplica, recordUpdates, syncAll, thrownBy } from './replicas.ts';

const origin = createLocalOrigin();

/** A board edited the way a workshop would: every field kind, a deletion, a dangling relation. */
function workshopBoard(): Y.Doc {
  const a = newReplica(1);
  const b = newReplica(2);
  setMeta(a, { title: 'US–Iran ceasefire', description: 'Who wants what' }, origin);
  addActor(
    a,
    { label: 'United States', kind: 'state', x: 60, y: 440, stance: 'Compliance first' },
    origin,
    'us',
  );
  addActor(
    a,
    { label: 'Iran', kind: 'state', x: 1160, y: 360, notes: 'Hands on the trigger' },
    origin,
    'iran',
  );
  addActor(a, { label: 'Pakistan', kind: 'mediator', x: 620.5, y: -40, color: '#2ca02c' }, origin, 'pk');
  addActor(a, { label: 'Doomed', kind: 'other' }, origin, 'doomed');
  addRelation(
    a,
    { source: 'us', target: 'iran', type: 'demands', label: 'Reopen Hormuz', notes: 'n' },
    origin,
    'r1',
  );
  addRelation(a, { source: 'pk', target: 'iran', type: 'mediates' }, origin, 'r2');
  addRelation(a, { source: 'pk', target: 'us', type: 'mediates', label: 'Islamabad talks' }, origin, 'r3');
  syncAll(a, b);
  addRelation(
    b,
    { source: 'iran', target: 'doomed', type: 'deferred', label: 'Later' },
    origin,
    'r-dangling',
  );
  deleteActors(a, ['doomed'], origin);
  updateActor(a, 'iran', { stance: 'Relief, assets, compensation' }, origin);
  syncAll(a, b);
  return a;
}

function importInto(data: unknown): Y.Doc {
  const parsed = parseExportedBoard(data);
  if (!parsed.ok) throw new Error(parsed.error);
  const doc = new Y.Doc();
  populateBoard(doc, parsed.value, IMPORT_ORIGIN);
  return doc;
}

describe('export.json', () => {
  it('[R14] export → JSON → import yields the same board with the same ids', () => {
    const source = workshopBoard();
    expect(relationsMap(source).has('r-dangling')).toBe(true);
    const exported = docToExport(source);
    expect(exported.format).toBe('parley-board');
    expect(exported.version).toBe(1);
    expect(exported.relations.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    const copy = importInto(JSON.parse(JSON.stringify(exported)));
    expect(readBoard(copy)).toEqual(readBoard(source));
    expect(JSON.stringify(docToExport(copy))).toBe(JSON.stringify(exported));
    // And again: a second round trip changes nothing.
    expect(readBoard(importInto(JSON.parse(JSON.stringify(docToExport(copy)))))).toEqual(readBoard(source));
  });

  it('[R14] an imported board is a normal board: its items are Y.Maps that later edits merge into', () => {
    const copy = importInto(JSON.parse(JSON.stringify(docToExport(workshopBoard()))));
    const other = newReplica(7);
    syncAll(copy, other);
    updateActor(copy, 'iran', { label: 'Tehran' }, origin);
    addRelation(other, { source: 'iran', target: 'us', type: 'threatens' }, origin, 'r-new');
    syncAll(copy, other);
    expect(readBoard(other)).toEqual(readBoard(copy));
    expect(readBoard(copy).relations.map((r) => r.id)).toEqual(['r-new', 'r1', 'r2', 'r3']);
  });

  it('[R14] a bad relation in the middle of an import leaves the document untouched', () => {
    const base = docToExport(workshopBoard());
    const doc = new Y.Doc();
    setMeta(doc, { title: 'Existing' }, origin);
    addActor(doc, { label: 'Keep me' }, origin, 'keep');
    const stateBefore = Y.encodeStateAsUpdate(doc);
    const updates = recordUpdates(doc);
    const bads: [string, BoardData][] = [
      [
        'unknown actor',
        {
          meta: { title: 'Bad', description: '' },
          actors: base.actors,
          relations: [
            base.relations[0],
            { id: 'rx', source: 'us', target: 'nobody', type: 'demands' },
            base.relations[1],
          ],
        } as BoardData,
      ],
      [
        'bad type',
        {
          meta: { title: 'Bad', description: '' },
          actors: base.actors,
          relations: [
            base.relations[0],
            { id: 'rx', source: 'us', target: 'iran', type: 'ignores' },
            base.relations[1],
          ],
        } as unknown as BoardData,
      ],
      [
        'duplicate relation id',
        {
          meta: { title: 'Bad', description: '' },
          actors: base.actors,
          relations: [base.relations[0], base.relations[1], base.relations[0]],
        } as BoardData,
      ],
      [
        'self-loop',
        {
          meta: { title: 'Bad', description: '' },
          actors: base.actors,
          relations: [base.relations[0], { id: 'rx', source: 'us', target: 'us', type: 'demands' }],
        } as BoardData,
      ],
      [
        'duplicate actor id',
        {
          meta: { title: 'Bad', description: '' },
          actors: [...base.actors, base.actors[0]],
          relations: [],
        } as BoardData,
      ],
      ['empty title', { meta: { title: ' ', description: '' }, actors: base.actors, relations: [] }],
    ];
    for (const [what, data] of bads) {
      const err = thrownBy(() => populateBoard(doc, data, IMPORT_ORIGIN));
      expect(err, what).toBeInstanceOf(BoardRuleError);
      expect((err as BoardRuleError).rule, what).toMatch(/^R14/);
    }
    expect(updates).toHaveLength(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(stateBefore);
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['keep']);
  });

  it('[R14] parseExportedBoard names the offending path and rejects other formats', () => {
    const base = docToExport(workshopBoard());
    const wrongType = JSON.parse(JSON.stringify(base));
    wrongType.relations[1].type = 'ignores';
    const parsed = parseExportedBoard(wrongType);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('relations.1.type');
    expect(parseExportedBoard({ ...base, format: 'miro' }).ok).toBe(false);
    expect(parseExportedBoard({ ...base, version: 2 }).ok).toBe(false);
    expect(parseExportedBoard(null).ok).toBe(false);
    expect(parseExportedBoard('{}').ok).toBe(false);
    const noDescription: Record<string, unknown> = { ...base };
    delete noDescription.description;
    const ok = parseExportedBoard(noDescription);
    expect(ok.ok && ok.value.meta.description).toBe('');
  });
});
