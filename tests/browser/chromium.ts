/**
 * Real Chromium for browser tests and the README screenshot: Debian's
 * /usr/bin/chromium driven by playwright-core. Each person gets a browser
 * process with its own profile, so IndexedDB, localStorage (their name) and
 * awareness identity are as separate as two people's laptops.
 */
import fs from 'node:fs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { makeTempDir } from '../helpers/temp-dir.ts';

export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here, or null when Chromium is present. */
export function chromiumMissing(): string | null {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return null;
  } catch {
    return `Chromium not found at ${CHROMIUM_PATH} (install Debian's "chromium" package or set PARLEY_CHROMIUM)`;
  }
}

export interface BrowserUser {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page since the last `takePageErrors()`. */
  takePageErrors(): string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
}

/** One person: a fresh Chromium profile in a temp dir, one page. */
export async function launchUser(name: string, options: LaunchOptions = {}): Promise<BrowserUser> {
  const profile = await makeTempDir(`parley-chromium-${name}-`);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile.dir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
  } catch (error) {
    await profile.remove();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    name,
    context,
    page,
    takePageErrors() {
      const taken = errors;
      errors = [];
      return taken;
    },
    async close() {
      await context.close().catch(() => undefined);
      await profile.remove();
    },
  };
}

/** Several people at once; if any browser fails to start, the others are closed again. */
export async function launchUsers(names: string[], options: LaunchOptions = {}): Promise<BrowserUser[]> {
  const results = await Promise.allSettled(names.map((name) => launchUser(name, options)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const r of results) if (r.status === 'fulfilled') await r.value.close();
    throw failed.reason;
  }
  return results.map((r) => (r as PromiseFulfilledResult<BrowserUser>).value);
}
