/**
 * Access links in the browser: the facilitator creates a board on the home
 * page and shares links; a viewer follows live without any way to edit; the
 * lock turns an editor read-only until unlocked; a replaced or wrong link
 * says why it does not open the board.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';
import { addActor, addRelation } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { boardFromUpdates } from '../helpers/board-updates.ts';
import { syncedClient } from '../helpers/clients.ts';
import { InstrumentedStorage } from '../helpers/instrumented-storage.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { createBoardLink } from './board-links.ts';
import { actorNode, addActorWithToolbar, docActorIds, openBoard, UI_TIMEOUT } from './board-page.ts';
import { type BrowserUser, chromiumMissing, launchUsers } from './chromium.ts';
import { buildClient } from './client-build.ts';

const POLL = { timeout: UI_TIMEOUT };
const missing = chromiumMissing();
if (missing) console.warn(`[browser tests skipped] ${missing}`);

describe.skipIf(missing !== null)('access links (Chromium)', () => {
  let server: TestServer;
  let facilitator: BrowserUser;
  let guest: BrowserUser;
  let remove: () => Promise<void>;
  let staticDir: string;
  let tempDir: string;
  let boardId: string;
  let links: { edit: string; view: string };

  beforeAll(async () => {
    const temp = await makeTempDir('parley-browser-access-');
    remove = temp.remove;
    tempDir = temp.dir;
    staticDir = path.join(temp.dir, 'client');
    await buildClient(staticDir);
    server = await startTestServer({ staticDir, dataDir: path.join(temp.dir, 'data') });
    [facilitator, guest] = (await launchUsers(['facilitator', 'guest'])) as [BrowserUser, BrowserUser];
  });
  afterAll(async () => {
    await facilitator?.close();
    await guest?.close();
    await server?.close();
    await remove?.();
  });
  afterEach(() => {
    const errors = [...facilitator.takePageErrors(), ...guest.takePageErrors()];
    expect(errors, 'uncaught errors in the pages').toEqual([]);
  });

  async function shareLinks(page: Page): Promise<{ edit: string; view: string }> {
    await page.click('[data-testid=share-button]');
    const edit = await page.inputValue('[data-testid=link-edit]');
    const view = await page.inputValue('[data-testid=link-view]');
    await page.keyboard.press('Escape');
    return { edit, view };
  }

  it('the facilitator creates a board; the address bar never shows a token; the home page lists it with its links', async () => {
    const page = facilitator.page;
    await page.goto(server.url);
    await page.fill('[data-testid=new-board-title]', 'Ceasefire talks');
    await page.click('[data-testid=create-board]');
    await page.waitForSelector('[data-testid=status-badge][data-status=connected]', { timeout: UI_TIMEOUT });
    boardId = new URL(page.url()).pathname.split('/').at(-1) as string;
    expect(page.url()).toBe(`${server.url}/b/${boardId}`);
    links = await shareLinks(page);
    expect(links.edit).toMatch(new RegExp(`^${server.url}/b/${boardId}#t=[A-Za-z0-9_-]{32}$`));
    expect(links.view).not.toBe(links.edit);
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('[data-testid=owner-controls]', { timeout: UI_TIMEOUT });
    await page.keyboard.press('Escape');

    await page.click('[data-testid=home-link]');
    const row = page.locator(`[data-testid=board-row-${boardId}]`);
    await row.waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(() => row.locator(`[data-testid=board-role-${boardId}]`).textContent(), POLL)
      .toBe('facilitator');
    expect(await row.locator(`[data-testid=copy-edit-${boardId}]`).count()).toBe(1);
    expect(await row.locator(`[data-testid=copy-view-${boardId}]`).count()).toBe(1);
    await openBoard(page, `${server.url}/b/${boardId}`);
  });

  it('a viewer follows live, with no toolbar, no handles and no way to change the board', async () => {
    const page = guest.page;
    await openBoard(page, links.view);
    expect(page.url()).toBe(`${server.url}/b/${boardId}`);
    await page.waitForSelector('[data-testid=view-only-banner]', { timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=add-actor]').count()).toBe(0);

    const id = await addActorWithToolbar(facilitator.page, 'Islamabad talks');
    const node = actorNode(page, id);
    await node.waitFor({ timeout: UI_TIMEOUT });
    expect(await node.locator('.actor-handle').count()).toBe(0);
    expect(await actorNode(facilitator.page, id).locator('.actor-handle').count()).toBe(4);

    // Double-clicking the canvas, renaming, deleting: nothing changes, here or for the facilitator.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await page.mouse.dblclick(pane.x + 40, pane.y + pane.height - 60);
    await node.click();
    expect(await page.locator('[data-testid=inspector-label]').isDisabled()).toBe(true);
    await page.keyboard.press('Delete');
    await node.locator('[data-testid=node-label]').dblclick();
    expect(await page.locator('[data-testid=rename-input]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await docActorIds(page)).toEqual([id]);
    expect(await docActorIds(facilitator.page)).toEqual([id]);
  });

  it('a viewer sees every relation an editor draws, with its type', async () => {
    // React Flow draws an edge only between handles; read-only nodes must keep hidden ones.
    const token = new URL(links.edit).hash.replace('#t=', '');
    const editor = await syncedClient(server.wsUrl, boardId, { token });
    try {
      const origin = createLocalOrigin();
      const a = addActor(editor.doc, { label: 'Pakistan', kind: 'mediator', x: 0, y: 300 }, origin);
      const b = addActor(editor.doc, { label: 'Iran', kind: 'state', x: 400, y: 300 }, origin);
      const rel = addRelation(editor.doc, { source: a, target: b, type: 'mediates', label: 'talks' }, origin);
      const edge = guest.page.locator(`[data-testid=relation-${rel}]`);
      await edge.waitFor({ state: 'attached', timeout: UI_TIMEOUT });
      expect(await edge.getAttribute('data-type')).toBe('mediates');
      // A drawn line, not just an element: the path runs between the two cards.
      await expect
        .poll(async () => (await edge.locator('path.relation-path').first().getAttribute('d')) ?? '', POLL)
        .toMatch(/^M[\d.-]+,[\d.-]+ L[\d.-]+,[\d.-]+/);
    } finally {
      editor.destroy();
    }
  });

  it('the lock makes an editor read-only until the facilitator unlocks', async () => {
    const page = guest.page;
    await openBoard(page, links.edit);
    await page.waitForSelector('[data-testid=add-actor]', { timeout: UI_TIMEOUT });
    await facilitator.page.click('[data-testid=share-button]');
    await facilitator.page.click('[data-testid=lock-toggle]');
    await page.waitForSelector('[data-testid=locked-banner]', { timeout: UI_TIMEOUT });
    await expect.poll(() => page.locator('[data-testid=add-actor]').count(), POLL).toBe(0);
    await facilitator.page.waitForSelector('[data-testid=locked-banner]', { timeout: UI_TIMEOUT });
    // The facilitator still edits.
    await facilitator.page.keyboard.press('Escape');
    const id = await addActorWithToolbar(facilitator.page, 'Qatar');
    await actorNode(page, id).waitFor({ timeout: UI_TIMEOUT });

    await facilitator.page.click('[data-testid=share-button]');
    await facilitator.page.click('[data-testid=lock-toggle]');
    await facilitator.page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=add-actor]', { timeout: UI_TIMEOUT });
    const mine = await addActorWithToolbar(page, 'Oman');
    await actorNode(facilitator.page, mine).waitFor({ timeout: UI_TIMEOUT });
  });

  it('a replaced link stops working and the page says why; a wrong token is refused', async () => {
    const page = guest.page;
    await facilitator.page.click('[data-testid=share-button]');
    const before = await facilitator.page.inputValue('[data-testid=link-edit]');
    await facilitator.page.click('[data-testid=rotate-edit]');
    await expect.poll(() => facilitator.page.inputValue('[data-testid=link-edit]'), POLL).not.toBe(before);
    await facilitator.page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=board-revoked]', { timeout: UI_TIMEOUT });

    await page.goto(`${server.url}/b/${boardId}#t=${'W'.repeat(32)}`);
    await page.waitForSelector('[data-testid=board-unauthorized]', { timeout: UI_TIMEOUT });
    expect(page.url()).toBe(`${server.url}/b/${boardId}`);
  });

  it('a server that cannot store changes says so on the board, and the change lands once it can', async () => {
    const storage = new InstrumentedStorage(
      new SqliteBoardStorage(path.join(tempDir, 'failing', 'parley.db')),
    );
    let failing = false;
    storage.hooks.beforeAppend = () => {
      if (failing) throw new Error('SQLITE_FULL: database or disk is full');
    };
    const fragile = await startTestServer({
      storage,
      staticDir,
      options: { registry: { commit: { retryMs: 50, maxRetryMs: 200 } } },
    });
    try {
      const link = await createBoardLink(fragile.url, { title: 'Fragile' });
      const page = facilitator.page;
      await openBoard(page, link.url);
      failing = true;
      await page.click('[data-testid=add-actor]');
      // The commit of the new actor fails: the board turns read-only and says why.
      await page.waitForSelector('[data-testid=storage-banner]', { timeout: UI_TIMEOUT });
      expect(await page.locator('[data-testid=add-actor]').count()).toBe(0);
      expect(await page.locator('[data-testid=rename-input]').count()).toBe(0);
      // A change already on its way (made as the failure hit) is refused by the server, kept by the page.
      await page.evaluate(() => {
        const actors = window.__parley?.doc.getMap('actors');
        const actor = [...(actors?.values() ?? [])][0] as { set(k: string, v: string): void } | undefined;
        actor?.set('label', 'Unsaved for now');
      });
      // Meanwhile the home page (in another browser) warns too.
      await guest.page.goto(fragile.url);
      await guest.page.waitForSelector('[data-testid=health-banner]', { timeout: UI_TIMEOUT });
      failing = false;
      await page.waitForSelector('[data-testid=storage-banner]', { state: 'detached', timeout: UI_TIMEOUT });
      await page.waitForSelector('[data-testid=add-actor]', { timeout: UI_TIMEOUT });
      // The rename the server refused while failing comes from this page once it is asked again.
      await expect
        .poll(
          async () =>
            boardFromUpdates((await storage.inner.loadUpdates(link.id)) ?? []).actors.map((a) => a.label),
          POLL,
        )
        .toEqual(['Unsaved for now']);
    } finally {
      failing = false;
      await fragile.close();
    }
  });
});
