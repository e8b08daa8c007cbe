/**
 * Access over HTTP: tokens and links from POST /api/boards, the token check of
 * every board endpoint, the owner's controls (rotate, lock, delete), the admin
 * listing, and the security headers.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { newBoardId } from '../../shared/ids.ts';
import { type CreatedBoard, createBoard, type JsonResponse, requestJson } from '../helpers/http.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const ADMIN_TOKEN = 'admin-token-for-the-access-tests-0123456789';

let server: TestServer;
let storage: InstrumentedStorage;
let api: string;

beforeAll(async () => {
  storage = new InstrumentedStorage(new MemoryBoardStorage());
  server = await startTestServer({ storage, options: { adminToken: ADMIN_TOKEN } });
  api = `${server.url}/api`;
});
afterAll(async () => {
  await server.close();
});

function expectError(res: JsonResponse, status: number, message: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: expect.stringMatching(message) });
}

describe('POST /api/boards hands out three capability links', () => {
  it('returns distinct 192-bit tokens and links carrying them in the fragment', async () => {
    const res = await requestJson<CreatedBoard>(`${api}/boards`, { body: { title: 'Links' } });
    expect(res.status).toBe(201);
    const board = res.body;
    expect(board).toMatchObject({ role: 'owner', locked: false });
    const tokens = [board.ownerToken, board.editToken, board.viewToken];
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes
    expect(new Set(tokens).size).toBe(3);
    expect(board.links).toEqual({
      owner: `${server.url}/b/${board.id}#t=${board.ownerToken}`,
      edit: `${server.url}/b/${board.id}#t=${board.editToken}`,
      view: `${server.url}/b/${board.id}#t=${board.viewToken}`,
    });
  });

  it('stores only hashes of the tokens', async () => {
    const board = await createBoard(server.url, { title: 'Hashed' });
    const access = await storage.getAccess(board.id);
    const stored = JSON.stringify(access);
    for (const token of [board.ownerToken, board.editToken, board.viewToken]) {
      expect(stored).not.toContain(token);
    }
    expect(access?.ownerTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('links use only a plain Host header, else they are paths', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        `${api}/boards`,
        { method: 'POST', headers: { 'content-type': 'application/json', host: 'evil.example/"><x' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ title: 'Host' }));
    });
    const created = JSON.parse(body) as CreatedBoard;
    expect(created.links.edit).toBe(`/b/${created.id}#t=${created.editToken}`);
    expect(body).not.toContain('evil');
  });
});

describe('every board endpoint checks the token', () => {
  let board: CreatedBoard;
  beforeAll(async () => {
    board = await createBoard(server.url, { title: 'Guarded' });
  });

  const readEndpoints = ['', '/export.json'];

  it('no token → 401 with WWW-Authenticate, nothing read', async () => {
    const loads = storage.loads;
    for (const suffix of readEndpoints) {
      const res = await requestJson(`${api}/boards/${board.id}${suffix}`);
      expectError(res, 401, /missing token/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expectError(await requestJson(`${api}/boards/${board.id}`, { method: 'DELETE' }), 401, /missing token/);
    expect(storage.loads).toBe(loads);
  });

  it('a wrong, malformed or other board’s token → 401', async () => {
    const other = await createBoard(server.url, { title: 'Other' });
    for (const token of ['x'.repeat(32), 'short', other.ownerToken, `${board.viewToken}x`]) {
      for (const suffix of readEndpoints) {
        expectError(await requestJson(`${api}/boards/${board.id}${suffix}`, { token }), 401, /invalid token/);
      }
    }
    // Not a bearer header at all.
    const res = await fetch(`${api}/boards/${board.id}`, {
      headers: { authorization: `Basic ${btoa(`x:${board.ownerToken}`)}` },
    });
    expect(res.status).toBe(401);
  });

  it('each role reads; the summary says which role and whether the board is locked', async () => {
    for (const [token, role] of [
      [board.ownerToken, 'owner'],
      [board.editToken, 'edit'],
      [board.viewToken, 'view'],
    ] as const) {
      const res = await requestJson<{ role: string; locked: boolean; title: string }>(
        `${api}/boards/${board.id}`,
        { token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role, locked: false, title: 'Guarded' });
      const exported = await requestJson<{ format: string }>(`${api}/boards/${board.id}/export.json`, {
        token,
      });
      expect(exported.body.format).toBe('parley-board');
    }
  });

  it('only the owner deletes', async () => {
    const doomed = await createBoard(server.url, { title: 'Doomed' });
    for (const token of [doomed.editToken, doomed.viewToken]) {
      expectError(
        await requestJson(`${api}/boards/${doomed.id}`, { method: 'DELETE', token }),
        403,
        /only the board owner/,
      );
    }
    expect(await storage.getBoard(doomed.id)).not.toBeNull();
    const res = await requestJson(`${api}/boards/${doomed.id}`, {
      method: 'DELETE',
      token: doomed.ownerToken,
    });
    expect(res.status).toBe(204);
    expect(await storage.getAccess(doomed.id)).toBeNull();
  });
});

describe('owner controls', () => {
  it('rotating a link replaces its token: the old one stops working, the others keep working', async () => {
    const board = await createBoard(server.url, { title: 'Rotate' });
    const res = await requestJson<{ role: string; token: string; link: string }>(
      `${api}/boards/${board.id}/links/edit/rotate`,
      { method: 'POST', token: board.ownerToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('edit');
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(res.body.token).not.toBe(board.editToken);
    expect(res.body.link).toBe(`${server.url}/b/${board.id}#t=${res.body.token}`);
    expectError(
      await requestJson(`${api}/boards/${board.id}`, { token: board.editToken }),
      401,
      /invalid token/,
    );
    const fresh = await requestJson<{ role: string }>(`${api}/boards/${board.id}`, { token: res.body.token });
    expect(fresh.body.role).toBe('edit');
    for (const token of [board.ownerToken, board.viewToken]) {
      expect((await requestJson(`${api}/boards/${board.id}`, { token })).status).toBe(200);
    }
    const view = await requestJson<{ token: string }>(`${api}/boards/${board.id}/links/view/rotate`, {
      method: 'POST',
      token: board.ownerToken,
      body: {},
    });
    expect(view.status).toBe(200);
    expectError(
      await requestJson(`${api}/boards/${board.id}`, { token: board.viewToken }),
      401,
      /invalid token/,
    );
  });

  it('refuses rotation by non-owners, of unknown roles, of the owner link, and with a body', async () => {
    const board = await createBoard(server.url, { title: 'Rotate refusals' });
    const url = (role: string) => `${api}/boards/${board.id}/links/${role}/rotate`;
    for (const token of [board.editToken, board.viewToken]) {
      expectError(await requestJson(url('view'), { method: 'POST', token }), 403, /only the board owner/);
    }
    expectError(
      await requestJson(url('admin'), { method: 'POST', token: board.ownerToken }),
      400,
      /role must be/,
    );
    expectError(
      await requestJson(url('owner'), { method: 'POST', token: board.ownerToken }),
      403,
      /only the server admin/,
    );
    expectError(
      await requestJson(url('edit'), { method: 'POST', token: board.ownerToken, body: { token: 'mine' } }),
      400,
      /expected no body/,
    );
    expect((await requestJson(`${api}/boards/${board.id}`, { token: board.editToken })).status).toBe(200);
  });

  it('lock and unlock, owner only, and reported to every role', async () => {
    const board = await createBoard(server.url, { title: 'Lock' });
    expectError(
      await requestJson(`${api}/boards/${board.id}/lock`, { method: 'POST', token: board.editToken }),
      403,
      /only the board owner/,
    );
    const locked = await requestJson(`${api}/boards/${board.id}/lock`, {
      method: 'POST',
      token: board.ownerToken,
    });
    expect(locked).toMatchObject({ status: 200, body: { locked: true } });
    const seen = await requestJson<{ locked: boolean }>(`${api}/boards/${board.id}`, {
      token: board.viewToken,
    });
    expect(seen.body.locked).toBe(true);
    const unlocked = await requestJson(`${api}/boards/${board.id}/unlock`, {
      method: 'POST',
      token: board.ownerToken,
    });
    expect(unlocked.body).toEqual({ locked: false });
    expect((await storage.getAccess(board.id))?.locked).toBe(false);
  });

  it('owner endpoints of unknown boards are 404, of bad ids 400', async () => {
    const token = 'A'.repeat(32);
    expectError(
      await requestJson(`${api}/boards/${newBoardId()}/lock`, { method: 'POST', token }),
      404,
      /board not found/,
    );
    expectError(
      await requestJson(`${api}/boards/nope/links/edit/rotate`, { method: 'POST', token }),
      400,
      /invalid board id/,
    );
  });
});

describe('the admin', () => {
  it('GET /api/boards needs the admin token', async () => {
    await createBoard(server.url, { title: 'Listed' });
    expectError(await requestJson(`${api}/boards`), 401, /missing token/);
    expectError(await requestJson(`${api}/boards`, { token: 'A'.repeat(40) }), 401, /invalid admin token/);
    const res = await requestJson<{ id: string; title: string }[]>(`${api}/boards`, { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    expect(res.body.some((b) => b.title === 'Listed')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/token/i);
  });

  it('is disabled without ADMIN_TOKEN', async () => {
    const plain = await startTestServer();
    try {
      expectError(await requestJson(`${plain.url}/api/boards`), 403, /disabled.*ADMIN_TOKEN/);
      expectError(
        await requestJson(`${plain.url}/api/boards`, { token: ADMIN_TOKEN }),
        403,
        /disabled.*ADMIN_TOKEN/,
      );
    } finally {
      await plain.close();
    }
  });

  it('acts as the owner of any board, and alone can replace a lost owner link', async () => {
    const board = await createBoard(server.url, { title: 'Recovered' });
    const res = await requestJson<{ token: string }>(`${api}/boards/${board.id}/links/owner/rotate`, {
      method: 'POST',
      token: ADMIN_TOKEN,
    });
    expect(res.status).toBe(200);
    expectError(
      await requestJson(`${api}/boards/${board.id}`, { token: board.ownerToken }),
      401,
      /invalid token/,
    );
    const owner = await requestJson<{ role: string }>(`${api}/boards/${board.id}`, { token: res.body.token });
    expect(owner.body.role).toBe('owner');
  });
});

describe('public endpoints and headers', () => {
  it('templates and health need no token', async () => {
    expect((await requestJson(`${api}/templates`)).status).toBe(200);
    expect((await requestJson(`${api}/health`)).status).toBe(200);
  });

  it('sends security headers and no framework banner', async () => {
    const res = await fetch(`${api}/templates`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${server.port}`);
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
