/**
 * Rounds in the browser (issue 4): save a round, change the board, scrub back
 * and see the old state read-only while live stays changed, compare round and
 * live on the canvas and in words, export the round as a PNG with real
 * pixels, and restore it. Against a freshly built client and a real server.
 * Set PARLEY_SCREENSHOTS=<dir> to keep screenshots of each step.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, distinctColours, nonBackgroundPixels } from '../helpers/png.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { createBoardLink } from './board-links.ts';
import { actorNode, openBoard, UI_TIMEOUT } from './board-page.ts';
import { type BrowserUser, chromiumMissing, launchUser } from './chromium.ts';
import { buildClient } from './client-build.ts';

const missing = chromiumMissing();
if (missing) console.warn(`skipping browser rounds test: ${missing}`);
const shots = process.env.PARLEY_SCREENSHOTS;

describe.skipIf(missing !== null)('rounds in the browser', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: TestServer;
  let user: BrowserUser;

  beforeAll(async () => {
    temp = await makeTempDir('parley-rounds-browser-');
    await buildClient(path.join(temp.dir, 'client'));
    server = await startTestServer({
      staticDir: path.join(temp.dir, 'client'),
      dataDir: path.join(temp.dir, 'data'),
    });
    user = await launchUser('facilitator', { viewport: { width: 1400, height: 860 } });
  }, 120_000);
  afterAll(async () => {
    await user?.close();
    await server?.close();
    await temp?.remove();
  });

  const shot = async (name: string) => {
    if (shots) await user.page.screenshot({ path: path.join(shots, `${name}.png`) });
  };

  it('saves a round, changes the board, scrubs back to the old state, diffs, exports a PNG and restores', async () => {
    const { page } = user;
    const link = await createBoardLink(server.url, { template: 'us-iran-2026' });
    await openBoard(page, link.url);

    await page.getByTestId('timeline-toggle').click();
    await page.getByTestId('round-name').fill('Round 1 — Islamabad');
    await page.getByTestId('round-note').fill('Two-week ceasefire agreed');
    await page.getByTestId('round-save').click();
    await page.getByTestId('timeline-round').first().waitFor({ timeout: UI_TIMEOUT });
    await shot('1-saved-round');

    // Change the live board as a person would (their own origin, through the provider).
    await page.evaluate(() => {
      const parley = window.__parley;
      if (!parley) throw new Error('no board open');
      const actors = parley.doc.getMap('actors') as unknown as Map<
        string,
        { set(k: string, v: unknown): void }
      >;
      parley.doc.transact(() => {
        actors.get('iran')?.set('label', 'Iran (round 2)');
        (actors as unknown as { delete(k: string): void }).delete('lebanon');
      }, parley.session.origin);
    });
    await expect
      .poll(() => actorNode(page, 'iran').textContent(), { timeout: UI_TIMEOUT })
      .toContain('Iran (round 2)');

    // Scrub back: the round, read-only, as it was.
    await page.getByTestId('timeline-round').first().click();
    const roundCanvas = page.getByTestId('round-canvas');
    await roundCanvas.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.getByTestId('snapshot-actor-iran').textContent()).toContain('Iran');
    expect(await page.getByTestId('snapshot-actor-iran').textContent()).not.toContain('round 2');
    expect(await page.getByTestId('snapshot-actor-lebanon').count()).toBe(1);
    expect(await page.getByTestId('round-banner').textContent()).toContain('Round 1 — Islamabad');
    await page.waitForTimeout(300);
    await shot('2-round-view');

    // Export the round as PNG from the menu: a real picture.
    await page.getByTestId('export-menu').click();
    await shot('3-export-menu');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT }),
      page.getByTestId('export-png').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/--round-1-islamabad\.png$/);
    const file = path.join(temp.dir, 'round.png');
    await download.saveAs(file);
    const png = decodePng(await fs.readFile(file));
    expect(png.width).toBeGreaterThan(400);
    expect(nonBackgroundPixels(png)).toBeGreaterThan(png.width * png.height * 0.02);
    expect(distinctColours(png)).toBeGreaterThan(50);

    // Diff round → live on the canvas and in words.
    await page.getByTestId('diff-from').selectOption({ index: 0 });
    await page.getByTestId('diff-to').selectOption('live');
    await page.getByTestId('diff-show').click();
    await page.getByTestId('diff-canvas').waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(() => page.getByTestId('snapshot-actor-lebanon').getAttribute('data-diff'))
      .toBe('removed');
    expect(await page.getByTestId('snapshot-actor-iran').getAttribute('data-diff')).toBe('changed');
    const changelog = await page.getByTestId('diff-changelog').textContent();
    expect(changelog).toMatch(/Lebanon/);
    expect(changelog).toMatch(/Iran \(round 2\)/);
    await page.waitForTimeout(300);
    await shot('4-diff');

    // Back to live: the change is still there.
    await page.getByTestId('back-to-live').click();
    await page.getByTestId('round-stage').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    expect(await actorNode(page, 'iran').textContent()).toContain('Iran (round 2)');

    // Restore the round: a new change on the live board.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('round-restore').first().click();
    await expect
      .poll(() => actorNode(page, 'iran').textContent(), { timeout: UI_TIMEOUT })
      .not.toContain('round 2');
    await actorNode(page, 'lebanon').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.getByTestId('timeline-round').count()).toBe(2);
    await shot('5-restored');
    expect(user.takePageErrors()).toEqual([]);
  }, 90_000);

  it('imports a Kumu CSV pair from the home page: line-numbered errors first, then the board opens', async () => {
    const { page } = user;
    await page.goto(`${server.url}/`);
    const elements = { name: 'talks-elements.csv', mimeType: 'text/csv' };
    const connections = { name: 'talks-connections.csv', mimeType: 'text/csv' };
    await page.getByTestId('import-files').setInputFiles([
      { ...elements, buffer: Buffer.from('Label,Type\nIran,state\nOman,spaceship\n') },
      { ...connections, buffer: Buffer.from('From,To,Type\nOman,Iran,mediates\n') },
    ]);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: UI_TIMEOUT });
    expect(await errors.textContent()).toMatch(/elements\.csv line 3: Type 'spaceship'/);
    await shot('6-import-errors');
    await page.getByTestId('import-files').setInputFiles([
      { ...elements, buffer: Buffer.from('Label,Type\nIran,state\nOman,mediator\n') },
      { ...connections, buffer: Buffer.from('From,To,Type,Label\nOman,Iran,mediates,hosts talks\n') },
    ]);
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}/, { timeout: UI_TIMEOUT });
    await page.waitForFunction(() => window.__parley?.provider.synced === true, null, {
      timeout: UI_TIMEOUT,
    });
    await expect.poll(() => page.locator('[data-testid^="actor-"]').count(), { timeout: UI_TIMEOUT }).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid^="relation-"]').count(), { timeout: UI_TIMEOUT })
      .toBe(1);
    expect(await page.getByTestId('board-title').inputValue()).toBe('talks');
    expect(user.takePageErrors()).toEqual([]);
  }, 60_000);
});
