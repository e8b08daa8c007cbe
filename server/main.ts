/**
 * `tsx server/main.ts`: serves the built client, the API and the boards'
 * WebSockets, storing boards in SQLite under DATA_DIR, or in PostgreSQL with
 * DATABASE_URL (docs/scale-out.md). Configuration: see config.ts. Logs are JSON lines (pino); the "listening" line carries the
 * real `port`, which scripts and tests read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createParleyServer } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { Cluster } from './scale/cluster.ts';
import { clusterOptions, describeCluster } from './scale/scale-config.ts';
import { describeStorage, openStorage } from './storage/open-storage.ts';

const STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`parley: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  fs.mkdirSync(config.dataDir, { recursive: true });
  const storage = await openStorage(config, {
    onPoolError: (err) => logger.warn({ err }, 'PostgreSQL connection lost; reconnecting'),
  });
  const scale = clusterOptions(config);
  const cluster = scale ? new Cluster(storage, logger, scale) : null;
  const server = createParleyServer({
    storage,
    logger,
    ...(cluster ? { cluster } : {}),
    staticDir: STATIC_DIR,
    options: { adminToken: config.adminToken, registry: { compactThreshold: config.compactAfterRows } },
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    let code = 0;
    try {
      await server.close();
    } catch (error) {
      logger.error({ err: error }, 'pending writes could not be committed');
      code = 1;
    }
    await cluster?.close();
    await storage.close();
    logger.info({ code }, 'stopped');
    logger.flush();
    process.exit(code);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));

  const { port, host } = await server.listen(config.port, config.host);
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    logger.warn({ staticDir: STATIC_DIR }, 'client not built (npm run build); serving the API only');
  }
  // Logged at any LOG_LEVEL: scripts and tests read the real port from this line.
  logger.child({}, { level: 'info' }).info(
    {
      host,
      port,
      url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
      dataDir: config.dataDir,
      storage: describeStorage(config),
      scale: describeCluster(scale),
    },
    'listening',
  );
}

process.on('uncaughtException', (error) => {
  process.stderr.write(`parley: fatal: ${error.stack ?? String(error)}\n`);
  process.exit(1);
});

main().catch((error: unknown) => {
  process.stderr.write(
    `parley: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
