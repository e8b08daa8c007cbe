/** Headless Debian Chromium with a fresh profile, driven by playwright-core. */
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from '../../tests/browser/chromium.ts';
import { makeTempDir, removeTempDir } from '../server/processes.ts';

// Same binary, flags and availability check as the browser tests.
export { chromiumMissing };

export interface BenchBrowser {
  page: Page;
  errors: string[];
  /** Chromium's cumulative main-thread timings (CDP Performance.getMetrics), in ms. */
  timings(): Promise<MainThreadTimings>;
  close(): Promise<void>;
}

export interface MainThreadTimings {
  task: number;
  script: number;
  layout: number;
  style: number;
}

async function readTimings(cdp: CDPSession): Promise<MainThreadTimings> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const get = (name: string): number => 1000 * (metrics.find((m) => m.name === name)?.value ?? Number.NaN);
  return {
    task: get('TaskDuration'),
    script: get('ScriptDuration'),
    layout: get('LayoutDuration'),
    style: get('RecalcStyleDuration'),
  };
}

/** What a span of work cost the page's main thread: b − a. */
export function timingsBetween(a: MainThreadTimings, b: MainThreadTimings): MainThreadTimings {
  return {
    task: b.task - a.task,
    script: b.script - a.script,
    layout: b.layout - a.layout,
    style: b.style - a.style,
  };
}

/** A new browser with an empty profile (no IndexedDB copy of any board: a cold open). */
export async function launchBrowser(): Promise<BenchBrowser> {
  const profile = makeTempDir('parley-bench-chromium-');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    });
  } catch (error) {
    removeTempDir(profile);
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    page,
    errors,
    timings: () => readTimings(cdp),
    close: async () => {
      await context.close().catch(() => undefined);
      removeTempDir(profile);
    },
  };
}
