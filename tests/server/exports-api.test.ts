/**
 * Exports and imports over HTTP (issue 4): every format for the live board and
 * for a round, with its media type and file name; XML formats parse and hold
 * every actor and relation with its type; user text comes out escaped; PNG is
 * a real picture; Kumu CSV imports all or nothing with line-numbered errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import type { ExportedBoard } from '../../shared/export-json.ts';
import { findAll, parseXml } from '../exports/xml-check.ts';
import { type CreatedBoard, createBoard, requestJson } from '../helpers/http.ts';
import { decodePng, distinctColours, nonBackgroundPixels } from '../helpers/png.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
let storage: MemoryBoardStorage;

beforeAll(async () => {
  storage = new MemoryBoardStorage();
  server = await startTestServer({ storage });
});
afterAll(async () => {
  await server.close();
});

const NASTY = '<script>alert("x")</script> & Co';

const board: ExportedBoard = {
  format: 'parley-board',
  version: 1,
  title: `Talks ${NASTY}`,
  description: '',
  actors: [
    { id: 'iran', label: 'Iran', kind: 'state', x: 400, y: 0, stance: 'Sanctions relief first' },
    { id: 'pk', label: NASTY, kind: 'mediator', x: 200, y: 300 },
    { id: 'us', label: 'United States', kind: 'state', x: 0, y: 0, stance: 'Strait open first' },
  ],
  relations: [
    { id: 'r1', source: 'us', target: 'iran', type: 'demands', label: 'reopen the Strait of Hormuz' },
    { id: 'r2', source: 'iran', target: 'us', type: 'threatens', label: NASTY },
    { id: 'r3', source: 'pk', target: 'iran', type: 'mediates' },
    { id: 'r4', source: 'pk', target: 'us', type: 'deferred', label: 'nuclear file' },
  ],
};

async function get(b: CreatedBoard, path: string) {
  const res = await fetch(`${server.url}/api/boards/${b.id}${path}`, {
    headers: { authorization: `Bearer ${b.viewToken}` },
  });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

function expectNoRawMarkup(text: string) {
  expect(text).not.toContain('<script>');
  expect(text).not.toMatch(/& Co/);
}

describe('exports API', () => {
  let b: CreatedBoard;
  beforeAll(async () => {
    b = await createBoard(server.url, { board });
  });

  it('SVG: well-formed, every actor and relation with its type, text escaped, downloadable', async () => {
    const { res, body } = await get(b, '/export.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?talks-script-alert-x-script-co\.svg"?$/,
    );
    const text = body.toString('utf8');
    expectNoRawMarkup(text);
    const svg = parseXml(text);
    const actors = findAll(svg, 'g').filter((g) => g.attrs.class === 'parley-actor');
    expect(actors.map((g) => g.attrs['data-actor-id']).sort()).toEqual(['iran', 'pk', 'us']);
    const relations = findAll(svg, 'g').filter((g) => g.attrs.class === 'parley-relation');
    expect(relations.map((g) => `${g.attrs['data-relation-id']}:${g.attrs['data-type']}`).sort()).toEqual([
      'r1:demands',
      'r2:threatens',
      'r3:mediates',
      'r4:deferred',
    ]);
  });

  it('GraphML and GEXF: well-formed with every actor and relation and its type', async () => {
    for (const [fmt, type] of [
      ['graphml', /^application\/graphml\+xml/],
      ['gexf', /^application\/gexf\+xml/],
    ] as const) {
      const { res, body } = await get(b, `/export.${fmt}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      const text = body.toString('utf8');
      expectNoRawMarkup(text);
      const root = parseXml(text);
      expect(
        findAll(root, 'node')
          .map((n) => n.attrs.id)
          .sort(),
      ).toEqual(['iran', 'pk', 'us']);
      const edges = findAll(root, 'edge');
      expect(edges.map((e) => e.attrs.id).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
      for (const relation of board.relations) {
        const edge = edges.find((e) => e.attrs.id === relation.id);
        expect(JSON.stringify(edge)).toContain(relation.type);
      }
    }
  });

  it('JSON round-trips, Markdown and Kumu CSV (two parts) download with their types', async () => {
    const json = await get(b, '/export.json');
    const again = await createBoard(server.url, { board: JSON.parse(json.body.toString('utf8')) });
    expect(JSON.parse((await get(again, '/export.json')).body.toString('utf8'))).toEqual(
      JSON.parse(json.body.toString('utf8')),
    );
    const md = await get(b, '/export.md');
    expect(md.res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.body.toString('utf8')).toContain('Sanctions relief first');
    expect(md.body.toString('utf8')).not.toContain('<script>');
    const elements = await get(b, '/export.csv');
    expect(elements.res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(elements.res.headers.get('content-disposition')).toMatch(/-elements\.csv"?$/);
    const elementsText = elements.body.toString('utf8');
    expect(elementsText.startsWith('\uFEFFLabel,Type')).toBe(true);
    const connections = await get(b, '/export.csv?part=connections');
    expect(connections.body.toString('utf8')).toMatch(/^\uFEFFFrom,To,Type/);
    expect((await get(b, '/export.csv?part=both')).res.status).toBe(400);
    expect((await get(b, '/export.exe')).res.status).toBe(404);
    // The CSV pair imports back into the same board.
    const imported = await requestJson<CreatedBoard>(`${server.url}/api/boards`, {
      body: {
        title: 'From CSV',
        csv: { elements: elementsText, connections: connections.body.toString('utf8') },
      },
    });
    expect(imported.status).toBe(201);
    const back = JSON.parse(
      (await get(imported.body, '/export.json')).body.toString('utf8'),
    ) as ExportedBoard;
    expect(back.actors).toEqual(board.actors);
    expect(back.relations).toEqual(board.relations);
  });

  it('PNG: a real PNG of the SVG picture, with drawn pixels', async () => {
    const { res, body } = await get(b, '/export.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toMatch(/\.png"?$/);
    const png = decodePng(body);
    const svg = (await get(b, '/export.svg')).body.toString('utf8');
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
    expect(png.width).toBe(Math.round(width * 2));
    expect(nonBackgroundPixels(png)).toBeGreaterThan(png.width * png.height * 0.02);
    // Relation colours and anti-aliased text make many colours; a blank or single-colour image has 1–2.
    expect(distinctColours(png)).toBeGreaterThan(50);
  });

  it('rounds: export of a round names it; the live GEXF with rounds is a dynamic timeline', async () => {
    const fresh = await createBoard(server.url, { board });
    const saved = await requestJson<{ id: string }>(`${server.url}/api/boards/${fresh.id}/snapshots`, {
      body: { name: 'Round 1 — Islamabad' },
      token: fresh.editToken,
    });
    const svg = await get(fresh, `/snapshots/${saved.body.id}/export.svg`);
    expect(svg.res.status).toBe(200);
    expect(svg.res.headers.get('content-disposition')).toContain('--round-1-islamabad.svg');
    expect(svg.body.toString('utf8')).toContain('Round 1 — Islamabad');
    expect(svg.body.toString('utf8')).toContain(saved.body.id);
    const gexf = parseXml((await get(fresh, '/export.gexf')).body.toString('utf8'));
    const graph = findAll(gexf, 'graph')[0];
    expect(graph?.attrs.mode).toBe('dynamic');
    expect(findAll(gexf, 'spell').length).toBeGreaterThan(0);
    for (const fmt of ['json', 'png', 'md', 'graphml', 'gexf', 'csv']) {
      const res = await get(fresh, `/snapshots/${saved.body.id}/export.${fmt}`);
      expect(res.res.status, fmt).toBe(200);
    }
    expect((await get(fresh, `/snapshots/${'B'.repeat(22)}/export.svg`)).res.status).toBe(404);
    const noToken = await fetch(`${server.url}/api/boards/${fresh.id}/export.svg`);
    expect(noToken.status).toBe(401);
  });
});

describe('Kumu CSV import', () => {
  it('bad rows: 400 naming file and line, and no board is created', async () => {
    const before = (await storage.listBoards()).length;
    const res = await requestJson<{ error: string }>(`${server.url}/api/boards`, {
      body: {
        title: 'Broken',
        csv: {
          elements: 'Label,Type\nIran,state\nUnited States,spaceship\n',
          connections: 'From,To,Type\nIran,United States,demands\nIran,Nowhere,threatens\n',
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/elements\.csv line 3: Type 'spaceship'/);
    expect(res.body.error).toMatch(/connections\.csv line 3/);
    expect((await storage.listBoards()).length).toBe(before);
  });

  it('imports elements and connections; an empty connections file is fine', async () => {
    const res = await requestJson<CreatedBoard>(`${server.url}/api/boards`, {
      body: { title: 'Kumu', csv: { elements: 'Label,Type\nIran,state\nOman,mediator\n', connections: '' } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Kumu', actors: 2, relations: 0 });
    const both = await requestJson(`${server.url}/api/boards`, {
      body: { template: 'us-iran-2026', csv: { elements: 'Label\nA\n' } },
    });
    expect(both.status).toBe(400);
  });
});
