/**
 * Several spawned Parley processes sharing one PostgreSQL schema and one
 * Redis (channels under a prefix unique to the run), for the scale-out tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { postgresUnavailable, TEST_DATABASE_URL, testSchema } from './postgres.ts';
import { type SpawnedServer, spawnServer } from './spawn-server.ts';
import { makeTempDir } from './temp-dir.ts';

export const TEST_REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis connection that fails fast instead of retrying forever. */
export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
}

async function redisUnavailable(): Promise<string | null> {
  const redis = testRedis();
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis unreachable at ${TEST_REDIS_URL} (${error instanceof Error ? error.message : String(error)}); set PARLEY_TEST_REDIS_URL or start it`;
  } finally {
    redis.disconnect();
  }
}

/** Why the scale-out tests cannot run here, or null when they can. */
export async function scaleUnavailable(): Promise<string | null> {
  const [pg, redis] = await Promise.all([postgresUnavailable(), redisUnavailable()]);
  return [pg, redis].filter((r) => r !== null).join('; ') || null;
}

export interface TestCluster {
  schema: string;
  channelPrefix: string;
  servers: SpawnedServer[];
  /** Starts one more process on the same PostgreSQL schema and Redis prefix. */
  spawn(env?: Record<string, string>): Promise<SpawnedServer>;
  stop(): Promise<void>;
}

export async function startCluster(
  count: number,
  env: Record<string, string> = {},
  options: { redis?: boolean } = {},
): Promise<TestCluster> {
  const schema = testSchema();
  const tmp = await makeTempDir('parley-scale-');
  const channelPrefix = `parley-test-${crypto.randomBytes(5).toString('hex')}`;
  const servers: SpawnedServer[] = [];
  const spawn = async (extra: Record<string, string> = {}): Promise<SpawnedServer> => {
    const server = await spawnServer({
      dataDir: tmp.dir,
      env: {
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema.name,
        ...(options.redis === false
          ? {}
          : { REDIS_URL: TEST_REDIS_URL, REDIS_CHANNEL_PREFIX: channelPrefix }),
        ...env,
        ...extra,
      },
    });
    servers.push(server);
    return server;
  };
  // The first creates the schema; the rest start together.
  await spawn();
  await Promise.all(Array.from({ length: count - 1 }, () => spawn()));
  return {
    schema: schema.name,
    channelPrefix,
    servers,
    spawn,
    async stop() {
      for (const server of servers) server.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.exited));
      await schema.drop();
      await tmp.remove();
    },
  };
}

/** Kills the Redis connections of this test run's processes (those named with its prefix). */
export async function killRedisConnections(
  channelPrefix: string,
  kind: 'sub' | 'pub' | 'all',
): Promise<number> {
  const redis = testRedis();
  redis.on('error', () => {});
  await redis.connect();
  try {
    const list = (await redis.client('LIST')) as string;
    let killed = 0;
    for (const line of list.split('\n')) {
      const id = /(?:^| )id=(\d+)/.exec(line)?.[1];
      const name = /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '';
      if (!id || !name.startsWith(channelPrefix)) continue;
      if (kind !== 'all' && !name.endsWith(`-${kind}`)) continue;
      await redis.client('KILL', 'ID', id);
      killed += 1;
    }
    return killed;
  } finally {
    redis.disconnect();
  }
}

export interface PrivateRedis {
  url: string;
  /** SIGKILL: gone at once, like a crashed Redis. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of this test's own (to restart it), or null when the binary is missing. */
export async function startPrivateRedis(): Promise<PrivateRedis | null> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    child = proc;
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', reject);
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    failed.catch(() => {});
    const deadline = Date.now() + 5000;
    for (;;) {
      const probe = new Redis(`redis://127.0.0.1:${port}`, {
        lazyConnect: true,
        connectTimeout: 300,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => {});
      try {
        await Promise.race([probe.connect().then(() => probe.ping()), failed]);
        return;
      } catch (error) {
        if (Date.now() > deadline || proc.exitCode !== null) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  try {
    await start();
  } catch {
    return null;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
    },
    start,
  };
}
