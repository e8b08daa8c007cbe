/**
 * The browser suite's world: a freshly built client served by a real Parley
 * server (in-process, port 0, SQLite in a temp dir) and two people, each in
 * their own Chromium.
 */
import path from 'node:path';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { type BoardLink, createBoardLink } from './board-links.ts';
import { openBoard } from './board-page.ts';
import { type BrowserUser, launchUsers } from './chromium.ts';
import { buildClient } from './client-build.ts';

export interface TwoPeople {
  server: TestServer;
  a: BrowserUser;
  b: BrowserUser;
  /** Creates a board over HTTP and opens it in both browsers, A first. */
  openNewBoard(body: { title?: string; template?: string; board?: unknown }): Promise<BoardLink>;
  close(): Promise<void>;
}

export async function startTwoPeople(viewport = { width: 1280, height: 800 }): Promise<TwoPeople> {
  const temp = await makeTempDir('parley-browser-');
  const closers: (() => Promise<void>)[] = [() => temp.remove()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const staticDir = path.join(temp.dir, 'client');
    const dataDir = path.join(temp.dir, 'data');
    await buildClient(staticDir);
    const server = await startTestServer({ staticDir, dataDir });
    closers.push(() => server.close());
    const [a, b] = (await launchUsers(['a', 'b'], { viewport })) as [BrowserUser, BrowserUser];
    closers.push(
      () => a.close(),
      () => b.close(),
    );
    return {
      server,
      a,
      b,
      async openNewBoard(body) {
        const link = await createBoardLink(server.url, body);
        await openBoard(a.page, link.url);
        await openBoard(b.page, link.url);
        return link;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
