import { afterEach } from 'vitest';

export type Cleanup = () => Promise<void> | void;

/**
 * A list that tests push teardown steps onto; after each test they run, last
 * pushed first, so a client closes before the server it talks to. Call once
 * per test file, at module level.
 */
export function cleanupAfterEach(): Cleanup[] {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
