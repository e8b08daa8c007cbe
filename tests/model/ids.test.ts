import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import { BOARD_ID_PATTERN, ITEM_ID_PATTERN, isBoardId, newBoardId, newItemId } from '../../shared/ids.ts';
import { addActor, addRelation, populateBoard } from '../../shared/mutations.ts';
import { createLocalOrigin, IMPORT_ORIGIN } from '../../shared/origins.ts';
import { BoardRuleError } from '../../shared/validation.ts';
import { thrownBy } from './replicas.ts';

describe('ids', () => {
  it('[R1] board ids are 22 base64url characters holding 128 random bits', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newBoardId();
      expect(id).toMatch(BOARD_ID_PATTERN);
      expect(isBoardId(id)).toBe(true);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
      ids.add(id);
    }
    expect(ids.size).toBe(2000);
  });

  it('[R1] isBoardId rejects anything but a 22-character base64url string', () => {
    const ok = newBoardId();
    for (const bad of [
      ok.slice(1),
      `${ok}A`,
      `${ok.slice(1)}/`,
      `${ok.slice(1)}+`,
      '',
      42,
      null,
      undefined,
    ]) {
      expect(isBoardId(bad), String(bad)).toBe(false);
    }
    expect(isBoardId('../../../etc/passwd/abc')).toBe(false);
  });

  it('[R1] actor ids Parley makes start a_, relation ids r_', () => {
    const doc = new Y.Doc();
    const origin = createLocalOrigin();
    const a = addActor(doc, { label: 'Iran' }, origin);
    const b = addActor(doc, { label: 'United States' }, origin);
    const r = addRelation(doc, { source: b, target: a, type: 'demands' }, origin);
    expect(a).toMatch(/^a_[A-Za-z0-9_-]{16}$/);
    expect(r).toMatch(/^r_[A-Za-z0-9_-]{16}$/);
    expect(newItemId('a')).not.toBe(newItemId('a'));
    for (const id of [a, b, r]) expect(id).toMatch(ITEM_ID_PATTERN);
  });

  it('[R1] imports may bring any id of 1–64 characters [A-Za-z0-9_.:-]', () => {
    const doc = new Y.Doc();
    const long = 'x'.repeat(64);
    populateBoard(
      doc,
      {
        meta: { title: 'ids', description: '' },
        actors: [
          { id: 'us', label: 'US', kind: 'state', x: 0, y: 0 },
          { id: long, label: 'Long', kind: 'state', x: 0, y: 0 },
          { id: 'A.b:c-d_9', label: 'Odd', kind: 'other', x: 0, y: 0 },
        ],
        relations: [{ id: 'r:1.x', source: 'us', target: long, type: 'mediates' }],
      },
      IMPORT_ORIGIN,
    );
    expect(readBoard(doc).actors.map((a) => a.id)).toEqual(['A.b:c-d_9', 'us', long]);
    expect(readBoard(doc).relations.map((r) => r.id)).toEqual(['r:1.x']);

    for (const bad of ['', 'x'.repeat(65), 'a b', 'a/b', 'é', '<script>']) {
      const err = thrownBy(() =>
        populateBoard(
          new Y.Doc(),
          {
            meta: { title: 't', description: '' },
            actors: [{ id: bad, label: 'X', kind: 'state', x: 0, y: 0 }],
            relations: [],
          },
          IMPORT_ORIGIN,
        ),
      );
      expect(err, bad).toBeInstanceOf(BoardRuleError);
      expect(() => addActor(new Y.Doc(), { label: 'X' }, createLocalOrigin(), bad)).toThrow(BoardRuleError);
    }
  });
});
