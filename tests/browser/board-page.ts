/**
 * What a person does on a board page, and what the tests read back: the Yjs
 * document through `window.__parley` (the client's test hook) and the screen
 * through the client's data-testid hooks.
 */
import type { Locator, Page } from 'playwright-core';

/** Generous for a 2-core machine under load; every wait polls, so a pass is as fast as the app. */
export const UI_TIMEOUT = 10_000;

export interface Point {
  x: number;
  y: number;
}

export interface DocActor {
  label?: unknown;
  kind?: unknown;
  x?: unknown;
  y?: unknown;
}

export interface DocRelation {
  source?: unknown;
  target?: unknown;
  type?: unknown;
}

/** Opens a board link and waits until it is live: synced with the server, canvas mounted. */
export async function openBoard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  try {
    await page.waitForSelector('[data-testid=status-badge][data-status=connected]', { timeout: UI_TIMEOUT });
  } catch {
    // say what the page shows instead, e.g. "not-found" when the server refused the socket
    const status = await page
      .getAttribute('[data-testid=status-badge]', 'data-status', { timeout: 1000 })
      .catch(() => 'no status badge');
    throw new Error(`${url} did not become live within ${UI_TIMEOUT} ms; status: ${status}`);
  }
  await page.waitForSelector('.react-flow__viewport', { timeout: UI_TIMEOUT });
  await page.waitForFunction(() => window.__parley?.provider.synced === true, null, { timeout: UI_TIMEOUT });
  await waitForSteadyCanvas(page);
}

/**
 * Waits until the canvas stops changing: every card measured and shown, and
 * the viewport and card positions unchanged for several frames. The first
 * fit-to-content happens a few frames after the sync, and a test that reads
 * positions before it would measure a view that is about to move.
 */
export async function waitForSteadyCanvas(page: Page): Promise<void> {
  // no named functions inside: tsx (esbuild keepNames) would wrap them in a helper the page lacks
  await page.evaluate(async (timeoutMs) => {
    const deadline = performance.now() + timeoutMs;
    let last = '';
    let steadyFrames = -1;
    while (steadyFrames < 6) {
      if (performance.now() > deadline) throw new Error('the canvas kept changing');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const view = document.querySelector('.react-flow__viewport');
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
      const now = `${view ? getComputedStyle(view).transform : ''}|${nodes
        .map((n) => `${n.dataset.id}:${n.style.transform}:${getComputedStyle(n).visibility}`)
        .join(',')}`;
      steadyFrames = now === last && !now.includes(':hidden') ? steadyFrames + 1 : 0;
      last = now;
    }
  }, UI_TIMEOUT);
}

export function actorNode(page: Page, id: string): Locator {
  return page.locator(`[data-testid="actor-${id}"]`);
}

export function relationEdge(page: Page, id: string): Locator {
  return page.locator(`[data-testid="relation-${id}"]`);
}

/** An actor as this page's Yjs document holds it, or null. */
export function docActor(page: Page, id: string): Promise<DocActor | null> {
  return page.evaluate((actorId) => {
    const map = window.__parley?.doc.getMap('actors').get(actorId) as { toJSON(): unknown } | undefined;
    return (map?.toJSON() as DocActor | undefined) ?? null;
  }, id);
}

export function docActorIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__parley?.doc.getMap('actors').keys() ?? [])].sort());
}

export function docRelations(page: Page): Promise<Record<string, DocRelation>> {
  return page.evaluate(
    () => (window.__parley?.doc.getMap('relations').toJSON() ?? {}) as Record<string, DocRelation>,
  );
}

/** Waits until `check(page state)` holds in the page; `arg` is passed through. */
export async function waitInPage<A>(page: Page, check: (arg: A) => boolean, arg: A, what: string) {
  try {
    // plain JSON arguments arrive unchanged (playwright's Unboxed<A> is A for them)
    await page.waitForFunction(check as (value: unknown) => boolean, arg as unknown, {
      timeout: UI_TIMEOUT,
      polling: 'raf',
    });
  } catch (error) {
    throw new Error(`timed out waiting for ${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Waits until the page's document holds the actor at exactly `pos`. */
export function waitForDocPosition(page: Page, id: string, pos: Point): Promise<void> {
  return waitInPage(
    page,
    ({ id: actorId, pos: want }) => {
      const map = window.__parley?.doc.getMap('actors').get(actorId) as
        | { get(key: string): unknown }
        | undefined;
      return map?.get('x') === want.x && map?.get('y') === want.y;
    },
    { id, pos },
    `actor ${id} at ${pos.x},${pos.y} in the document`,
  );
}

export interface Viewport {
  zoom: number;
  panX: number;
  panY: number;
  /** The canvas pane's top-left corner on screen. */
  left: number;
  top: number;
}

/** The canvas transform, read from React Flow's viewport element. */
export function readViewport(page: Page): Promise<Viewport> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    const pane = document.querySelector('.react-flow');
    if (!viewport || !pane) throw new Error('no React Flow canvas on the page');
    const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const rect = pane.getBoundingClientRect();
    return { zoom: m.a, panX: m.e, panY: m.f, left: rect.left, top: rect.top };
  });
}

/** Where a flow point is drawn on this page's screen. */
export function toScreen(view: Viewport, p: Point): Point {
  return { x: view.left + view.panX + p.x * view.zoom, y: view.top + view.panY + p.y * view.zoom };
}

export async function boxOf(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return box;
}

export function centre(box: { x: number; y: number; width: number; height: number }): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real pointer drag in small steps, as a hand would make it (React Flow needs the moves). */
export async function dragMouse(page: Page, from: Point, to: Point, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  }
  await page.mouse.up();
}

/** Takes keyboard focus off any field so board shortcuts (1–4, Ctrl+Z) reach the board. */
export async function blurFields(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
}

/** Draws a relation by dragging from one of the source's handles onto the target card. */
export async function drawRelation(
  page: Page,
  sourceId: string,
  targetId: string,
  side: 'top' | 'right' | 'bottom' | 'left' = 'right',
): Promise<void> {
  const source = actorNode(page, sourceId);
  await source.hover(); // handles only show on hover
  const handle = await boxOf(source.locator(`[data-testid="handle-${side}"]`));
  const target = await boxOf(actorNode(page, targetId));
  await dragMouse(page, centre(handle), centre(target));
}

/** Adds an actor with the toolbar and names it in place; returns its id. */
export async function addActorWithToolbar(page: Page, label: string): Promise<string> {
  const before = new Set(await docActorIds(page));
  await page.click('[data-testid=add-actor]');
  const input = page.locator('[data-testid=rename-input]');
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(label);
  await input.press('Enter');
  await input.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  const added = (await docActorIds(page)).filter((id) => !before.has(id));
  if (added.length !== 1) throw new Error(`expected one new actor, found ${JSON.stringify(added)}`);
  return added[0] as string;
}

/** `#rrggbb` as the `rgb(r, g, b)` a computed style reports. */
export function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** The computed stroke of a relation's visible line. */
export function relationStroke(
  page: Page,
  id: string,
): Promise<{ stroke: string; width: string; dash: string; marker: string | null } | null> {
  return page.evaluate((relationId) => {
    // Dashed types are drawn in pieces (client/board/dashPieces.ts); the arrowhead ends the last.
    const pieces = document.querySelectorAll(`[data-testid="relation-${relationId}"] .relation-path`);
    const path = pieces[0];
    if (!path) return null;
    const style = getComputedStyle(path);
    return {
      stroke: style.stroke,
      width: style.strokeWidth,
      dash: style.strokeDasharray,
      marker: pieces[pieces.length - 1]?.getAttribute('marker-end') ?? null,
    };
  }, id);
}
