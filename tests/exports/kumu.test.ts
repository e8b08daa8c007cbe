import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import { CONNECTION_COLUMNS, ELEMENT_COLUMNS, renderKumuCsv } from '../../shared/export/board-csv.ts';
import { byId } from '../../shared/export/board-view.ts';
import { parseCsv } from '../../shared/import/csv.ts';
import { type KumuImportResult, parseKumuCsv } from '../../shared/import/kumu-csv.ts';
import { populateBoard } from '../../shared/mutations.ts';
import { IMPORT_ORIGIN } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';
import { nastyBoard, round2 } from './fixtures.ts';

function rows(csv: string): string[][] {
  const result = parseCsv(csv);
  if (!result.ok) throw new Error(result.error);
  return result.records.map((r) => r.fields);
}

function ok(result: KumuImportResult): { board: BoardData; warnings: string[] } {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

function errors(result: KumuImportResult): string[] {
  if (result.ok) throw new Error('expected the import to fail');
  expect(result).not.toHaveProperty('board');
  return result.errors;
}

let counter = 0;
const sequentialIds = (prefix: 'a' | 'r') => `${prefix}_${++counter}`;

describe('renderKumuCsv', () => {
  it('writes Kumu-style elements and connections, with labels in From/To and ids alongside', () => {
    const data = round2();
    const { elements, connections } = renderKumuCsv(data);
    expect(elements.endsWith('\r\n')).toBe(true);
    const [elementHeader, ...elementRows] = rows(elements);
    expect(elementHeader).toEqual([...ELEMENT_COLUMNS]);
    expect(elementRows).toContainEqual([
      'Iran',
      'state',
      'Phase one first: the pre-war status quo, no tolls.',
      '',
      '',
      '520',
      '0',
      'iran',
    ]);
    expect(elementRows).toHaveLength(data.actors.length);
    const [connectionHeader, ...connectionRows] = rows(connections);
    expect(connectionHeader).toEqual([...CONNECTION_COLUMNS]);
    expect(connectionRows).toContainEqual([
      'Saudi Arabia',
      'Pakistan',
      'mediates',
      'backs the talks',
      '',
      'directed',
      'r_saudi',
      'saudi',
      'pakistan',
    ]);
    expect(connectionRows).toHaveLength(data.relations.length);
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    const { elements, connections } = renderKumuCsv(nastyBoard());
    expect(elements).toContain(`'-Plain, ""quoted"" actor`);
    expect(connections).toContain(`"'@SUM(1+1)\nsecond line"`);
    // Numbers (a negative X) are data to a spreadsheet, not formulas; every text cell is guarded.
    const text = [...rows(elements), ...rows(connections)].flat().filter((c) => !/^-?\d+(\.\d+)?$/.test(c));
    for (const cell of text) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('parseKumuCsv', () => {
  it('round-trips an exported board exactly, and the result populates a real board', () => {
    for (const data of [round2(), nastyBoard()]) {
      const { elements, connections } = renderKumuCsv(data);
      const { board, warnings } = ok(parseKumuCsv(elements, connections, { title: data.meta.title }));
      expect(warnings).toEqual([]);
      expect([...board.actors].sort(byId)).toEqual(data.actors);
      expect([...board.relations].sort(byId)).toEqual(data.relations);

      const doc = new Y.Doc();
      populateBoard(doc, board, IMPORT_ORIGIN);
      const read = readBoard(doc);
      expect(read.actors).toEqual(data.actors);
      expect(read.relations).toEqual(data.relations);
    }
  });

  it('reports every bad row with its file and line, and imports nothing', () => {
    const elements = [
      'Label,Type,Description,X,Y,ID',
      'United States,Country,Reopen the strait,0,0,us',
      'Iran,planet,,10,0,iran',
      ',state,,0,0,',
      'Pakistan,Mediator,,abc,0,',
      'Israel,state,,,5,',
      'Oman,state,,0,0,us',
      '"Multi',
      'line",other,,,,bad id!',
      'Saudi Arabia,,,,,',
    ].join('\r\n');
    const connections = [
      'From,To,Type,Label',
      'United States,Irn,demands,x',
      'United States,Iran,demands,y',
      'United States,united states,threatens,',
      'United States,Saudi Arabia,bribes,',
      'United States,Saudi Arabia,,',
      '"United States",Saudi Arabia,demand,ok',
    ].join('\n');
    expect(errors(parseKumuCsv(elements, connections))).toEqual([
      "elements.csv line 3: Type 'planet' is not one of state, armed-group, organisation, person, mediator, other (or a synonym such as country, militia, organization, individual, facilitator; empty means other)",
      'elements.csv line 4: Label: must not be empty',
      "elements.csv line 5: X 'abc' is not a number",
      'elements.csv line 6: X and Y must both be given or both be empty',
      "elements.csv line 7: ID 'us' is already used on line 2",
      "elements.csv line 8: ID 'bad id!' must be 1–64 of A–Z a–z 0–9 _ . : -",
      "connections.csv line 2: unknown actor 'Irn'",
      "connections.csv line 3: To 'Iran' is the element on elements.csv line 3, which has errors",
      "connections.csv line 4: From and To are the same actor ('United States')",
      "connections.csv line 5: Type 'bribes' is not one of demands, threatens, mediates, deferred (or a synonym such as demand, threat, mediation, postponed)",
      'connections.csv line 6: Type is empty; use one of demands, threatens, mediates, deferred (or a synonym such as demand, threat, mediation, postponed)',
    ]);
  });

  it('reports broken CSV, missing columns and stray cells', () => {
    expect(errors(parseKumuCsv('Label\nA\n', 'From,To,Type\nA,"B\n'))).toEqual([
      'connections.csv line 2: quoted field is never closed',
    ]);
    expect(errors(parseKumuCsv('Name2,Type\nA,state\n', ''))).toEqual([
      'elements.csv line 1: missing required column Label (found: Name2, Type)',
    ]);
    expect(errors(parseKumuCsv('Label,Type\nA,state\n', 'From,Type\nA,demands\n'))).toEqual([
      'connections.csv line 1: missing required column To (found: From, Type)',
    ]);
    expect(errors(parseKumuCsv('', ''))).toEqual(['elements.csv line 1: the header row is missing']);
    expect(errors(parseKumuCsv('Label,Type\nA,state,,\nB,state,x\n', ''))).toEqual([
      'elements.csv line 3: 3 cells but the header has 2 columns',
    ]);
  });

  it('stops listing after 50 problems and says how many more there are', () => {
    const elements = ['Label,Type', ...Array.from({ length: 60 }, (_, i) => `A${i},planet`)].join('\n');
    const list = errors(parseKumuCsv(elements, ''));
    expect(list).toHaveLength(51);
    expect(list[50]).toBe('… and 10 more problems');
  });

  it('accepts what Kumu and spreadsheets write: aliases, any case, BOM, semicolons, common type names', () => {
    counter = 0;
    const elements =
      '\uFEFFlabel;KIND;Stance;Tags\r\nHamas;Militia;No disarmament;gaza\r\nQatar;Country;;\r\nEgypt;;;\r\nUN;Organization;;\r\nWitkoff;Individual;;\r\nOman;Facilitator;;\r\n';
    const connections =
      'source;target;Type;Direction\r\nqatar;hamas;Mediation;\r\nHAMAS;Qatar;threat;mutual\r\nEgypt;UN;postponed;directed\r\n';
    const { board, warnings } = ok(parseKumuCsv(elements, connections, { newId: sequentialIds }));
    expect(board.meta).toEqual({ title: 'Imported board', description: '' });
    expect(board.actors.map((a) => [a.label, a.kind, a.stance])).toEqual([
      ['Hamas', 'armed-group', 'No disarmament'],
      ['Qatar', 'state', undefined],
      ['Egypt', 'other', undefined],
      ['UN', 'organisation', undefined],
      ['Witkoff', 'person', undefined],
      ['Oman', 'mediator', undefined],
    ]);
    const label = new Map(board.actors.map((a) => [a.id, a.label]));
    expect(board.relations.map((r) => [label.get(r.source), label.get(r.target), r.type])).toEqual([
      ['Qatar', 'Hamas', 'mediates'],
      ['Hamas', 'Qatar', 'threatens'],
      ['Egypt', 'UN', 'deferred'],
    ]);
    expect(warnings).toEqual([
      'elements.csv: ignored column Tags',
      "connections.csv line 3: Direction 'mutual' imported as directed (From → To)",
    ]);
    // Rows without X/Y are laid out on a grid, never stacked on one spot.
    expect(new Set(board.actors.map((a) => `${a.x},${a.y}`)).size).toBe(board.actors.length);
    expect(board.actors.map((a) => a.id)).toEqual(['a_1', 'a_2', 'a_3', 'a_4', 'a_5', 'a_6']);
  });

  it('asks for an ID column when two elements share a label, and then uses it', () => {
    const elements = 'Label,ID\nHamas,hamas_political\nHamas,hamas_military\nIsrael,israel\n';
    expect(errors(parseKumuCsv(elements, 'From,To,Type\nIsrael,Hamas,threatens\n'))).toEqual([
      "connections.csv line 2: To 'Hamas' is ambiguous: elements on lines 2, 3 share that label; add a To ID column",
    ]);
    const { board } = ok(
      parseKumuCsv(elements, 'From,To,Type,To ID\nIsrael,Hamas,threatens,hamas_military\n'),
    );
    expect(board.relations.map((r) => [r.source, r.target])).toEqual([['israel', 'hamas_military']]);
    // A From naming an element ID instead of a label also resolves.
    const byIdOnly = ok(parseKumuCsv(elements, 'From,To,Type\nisrael,hamas_political,threatens\n'));
    expect(byIdOnly.board.relations[0]?.target).toBe('hamas_political');
    expect(errors(parseKumuCsv(elements, 'From,To,Type,From ID\nIsrael,Israel,demands,nobody\n'))[0]).toBe(
      "connections.csv line 2: From ID 'nobody' is not the ID of an imported element",
    );
  });

  it('never hands out a generated id that a later row asks for', () => {
    counter = 0;
    const { board } = ok(parseKumuCsv('Label,ID\nA,\nB,a_1\n', '', { newId: sequentialIds }));
    expect(board.actors.map((a) => a.id).sort()).toEqual(['a_1', 'a_2']);
    expect(board.actors.find((a) => a.id === 'a_1')?.label).toBe('B');
  });

  it('checks colours and lengths like the board model does', () => {
    const long = 'x'.repeat(201);
    expect(errors(parseKumuCsv(`Label,Color\nA,red\nB,#abc\n${long},\n`, ''))).toEqual([
      "elements.csv line 2: Color 'red' is not a colour like #1f77b4",
      expect.stringMatching(/^elements\.csv line 4: Label: .*200/),
    ]);
    expect(ok(parseKumuCsv('Label,Color\nB,#ABC\n', '')).board.actors[0]?.color).toBe('#aabbcc');
  });
});
