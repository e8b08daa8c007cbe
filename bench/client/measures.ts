/** The three client measurements, each on an open board page. */
import type { Page } from 'playwright-core';
import { type BenchBrowser, type MainThreadTimings, timingsBetween } from './browser.ts';
import {
  AWAIT_WATCH,
  START_FRAMES,
  STOP_FRAMES,
  VISIBLE_ACTORS,
  WAIT_STEADY_CARDS,
  WATCH_ACTOR,
  WATCH_INTERACTIVE,
} from './page-scripts.ts';
import type { RemoteWriter } from './remote-writer.ts';

/** Labels never repeat within a run, so a card can never already show the next one. */
let renameSerial = 0;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const call = <T>(page: Page, script: string, arg?: unknown): Promise<T> =>
  page.evaluate(`(${script})(${arg === undefined ? '' : JSON.stringify(arg)})`) as Promise<T>;

interface VisibleActor {
  id: string;
  x: number;
  y: number;
}

/** Opens the board (cold: fresh profile) and waits until it is interactive. */
export async function measureInteractive(
  browser: BenchBrowser,
  url: string,
): Promise<{ interactiveMs: number; cards: number; actors: number; openCost: MainThreadTimings }> {
  const { page } = browser;
  await page.addInitScript({ content: WATCH_INTERACTIVE });
  const before = await browser.timings();
  await page.goto(url, { waitUntil: 'commit' });
  const result = (await page.evaluate('window.__benchInteractive')) as {
    ms: number;
    cards: number;
    actors: number;
  };
  const openCost = timingsBetween(before, await browser.timings());
  return { interactiveMs: result.ms, cards: result.cards, actors: result.actors, openCost };
}

/** Drags the card nearest the middle of the screen ~300 px in 16 ms steps while recording frame intervals. */
export async function measureDrag(
  browser: BenchBrowser,
  steps = 60,
): Promise<{ dragFrames: number[]; dragMoved: boolean; dragCost: MainThreadTimings }> {
  const { page } = browser;
  const [target] = await call<VisibleActor[]>(page, VISIBLE_ACTORS, 1);
  if (!target) throw new Error('no actor card on screen to drag');
  const xBefore = (await page.evaluate(
    `window.__parley.doc.getMap('actors').get(${JSON.stringify(target.id)}).get('x')`,
  )) as number;
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  const before = await browser.timings();
  await call(page, START_FRAMES);
  for (let i = 1; i <= steps; i += 1) {
    await page.mouse.move(target.x + (i * 300) / steps, target.y + (i * 120) / steps);
    await sleep(16);
  }
  await page.mouse.up();
  await sleep(250);
  const dragFrames = await call<number[]>(page, STOP_FRAMES);
  const dragCost = timingsBetween(before, await browser.timings());
  await sleep(300);
  const after = (await page.evaluate(
    `window.__parley.doc.getMap('actors').get(${JSON.stringify(target.id)}).get('x')`,
  )) as number;
  return { dragFrames, dragMoved: after !== xBefore, dragCost };
}

/** Alternates remote moves and renames of cards on screen; ms from the write to the DOM showing it. */
export async function measureRemoteChanges(
  browser: BenchBrowser,
  writer: RemoteWriter,
  samples: number,
): Promise<{ moveMs: number[]; renameMs: number[]; remoteCost: MainThreadTimings }> {
  const { page } = browser;
  const targets = await call<VisibleActor[]>(page, VISIBLE_ACTORS, 10);
  if (targets.length === 0) throw new Error('no actor card on screen to change');
  const moveMs: number[] = [];
  const renameMs: number[] = [];
  const cost: MainThreadTimings = { task: 0, script: 0, layout: 0, style: 0 };
  const keys = ['task', 'script', 'layout', 'style'] as const;
  for (let k = 0; k < samples; k += 1) {
    const { id } = targets[k % targets.length] as VisibleActor;
    const rename = k % 2 === 1;
    const position = writer.position(id);
    renameSerial += 1;
    const spec = rename
      ? { id, label: `Remote rename ${renameSerial}`, timeoutMs: 10_000 }
      : { id, x: position.x + 11, y: position.y + 7, timeoutMs: 10_000 };
    const already = await call<boolean>(page, WATCH_ACTOR, spec);
    if (already) throw new Error(`card ${id} already showed the change before it was made`);
    const before = await browser.timings();
    const sentAt = rename
      ? writer.rename(id, spec.label as string)
      : writer.move(id, spec.x as number, spec.y as number);
    const shownAt = await call<number>(page, AWAIT_WATCH);
    (rename ? renameMs : moveMs).push(shownAt - sentAt);
    await sleep(120);
    const spent = timingsBetween(before, await browser.timings());
    for (const key of keys) cost[key] += spent[key] / samples;
  }
  return { moveMs, renameMs, remoteCost: cost };
}

/**
 * Zooms out with React Flow's own "fit view" control (down to the canvas's
 * minimum zoom), so that much more of a big board is on screen and rendered;
 * returns how many cards are then in the DOM.
 */
export async function zoomOutToBoard(browser: BenchBrowser): Promise<number> {
  await browser.page.click('.react-flow__controls-fitview');
  await sleep(400);
  return call<number>(browser.page, WAIT_STEADY_CARDS, 60_000);
}
