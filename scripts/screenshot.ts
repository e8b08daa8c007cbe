/**
 * The README screenshot, taken for real: builds the client, serves it from a
 * Parley server (port 0, SQLite in a temp dir), opens the "US–Iran ceasefire
 * (2026)" template in two headless Chromium browsers so presence shows two
 * people and a live cursor, selects an actor so the inspector is filled, and
 * writes docs/screenshot.png at 1440×900.
 *
 *   npx tsx scripts/screenshot.ts [output.png]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createBoardLink } from '../tests/browser/board-links.ts';
import { actorNode, boxOf, openBoard, UI_TIMEOUT, waitForSteadyCanvas } from '../tests/browser/board-page.ts';
import { type BrowserUser, chromiumMissing, launchUsers } from '../tests/browser/chromium.ts';
import { buildClient } from '../tests/browser/client-build.ts';
import { makeTempDir } from '../tests/helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../tests/helpers/test-server.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'docs/screenshot.png'));
const VIEWPORT = { width: 1440, height: 900 };
const TEMPLATE = 'us-iran-2026';
/** The actor whose inspector the screenshot shows, and the one the other person has selected. */
const INSPECTED = 'iran';
const PEER_SELECTED = 'trump';

/** Sets this person's display name through the presence chip, as a user would. */
async function setName(page: Page, name: string): Promise<void> {
  await page.click('[data-testid=presence-name]');
  const input = page.locator('[data-testid=presence-name-input]');
  await input.fill(name);
  await input.press('Enter');
  await page.waitForSelector(`[data-testid=presence-me] >> text=${name}`, { timeout: UI_TIMEOUT });
}

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);

  const temp = await makeTempDir('parley-screenshot-');
  let server: TestServer | null = null;
  const users: BrowserUser[] = [];
  try {
    const staticDir = path.join(temp.dir, 'client');
    console.log('building the client…');
    await buildClient(staticDir);
    server = await startTestServer({ staticDir, dataDir: path.join(temp.dir, 'data') });
    const link = await createBoardLink(server.url, { template: TEMPLATE });

    users.push(...(await launchUsers(['analyst', 'mediator'], { viewport: VIEWPORT })));
    const [me, peer] = users as [BrowserUser, BrowserUser];
    await openBoard(me.page, link.url);
    await openBoard(peer.page, link.url);
    await setName(me.page, 'Layla Haddad');
    await setName(peer.page, 'Omar Siddiqui');

    // the other person selects Donald Trump and points just below the card
    await actorNode(peer.page, PEER_SELECTED).click();
    const target = await boxOf(actorNode(peer.page, PEER_SELECTED));
    await peer.page.mouse.move(target.x + target.width - 40, target.y + target.height + 60);
    await peer.page.mouse.move(target.x + target.width - 70, target.y + target.height + 24, { steps: 4 });

    // I select Iran: its card is outlined and the inspector shows its stance
    await actorNode(me.page, INSPECTED).click();
    await me.page.waitForSelector('[data-testid=inspector-actor]', { timeout: UI_TIMEOUT });
    await me.page.waitForSelector(`[data-testid="actor-${PEER_SELECTED}"] .actor-marks`, {
      timeout: UI_TIMEOUT,
    });
    await me.page.waitForSelector('[data-testid=remote-cursors] .remote-cursor', { timeout: UI_TIMEOUT });
    // park my own pointer off the canvas so no hover state shows
    await me.page.mouse.move(VIEWPORT.width - 5, 5);
    await waitForSteadyCanvas(me.page);

    const errors = [...me.takePageErrors(), ...peer.takePageErrors()];
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);

    await fs.mkdir(path.dirname(OUTPUT), { recursive: true });
    await me.page.screenshot({ path: OUTPUT });
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)} (${VIEWPORT.width}×${VIEWPORT.height})`);
  } finally {
    for (const user of users) await user.close();
    await server?.close();
    await temp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
