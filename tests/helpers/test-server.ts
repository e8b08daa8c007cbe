import path from 'node:path';
import pino from 'pino';
import { createParleyServer, type ParleyServer, type ParleyServerOptions } from '../../server/app.ts';
import type { ParleyStorage } from '../../server/storage/board-storage.ts';
import { MemoryBoardStorage } from '../../server/storage/memory.ts';
import { SqliteBoardStorage } from '../../server/storage/sqlite.ts';

export interface TestServer {
  server: ParleyServer;
  storage: ParleyStorage;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/ws — the serverUrl a WebsocketProvider takes. */
  wsUrl: string;
  /** Closes the server, then the storage unless `keepStorage`. */
  close(options?: { keepStorage?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** Defaults to a MemoryBoardStorage, or SQLite in `dataDir` when that is given. */
  storage?: ParleyStorage;
  dataDir?: string;
  staticDir?: string;
  options?: Partial<ParleyServerOptions>;
}

/** Logs are silent unless TEST_LOG_LEVEL is set (e.g. TEST_LOG_LEVEL=debug npx vitest …). */
export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A real Parley server in this process on 127.0.0.1, port 0. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const storage =
    opts.storage ??
    (opts.dataDir ? new SqliteBoardStorage(path.join(opts.dataDir, 'parley.db')) : new MemoryBoardStorage());
  const server = createParleyServer({
    storage,
    logger: testLogger,
    staticDir: opts.staticDir,
    options: opts.options,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    server,
    storage,
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close({ keepStorage = false } = {}) {
      await server.close();
      if (!keepStorage) await storage.close();
    },
  };
}
