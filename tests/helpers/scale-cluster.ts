/**
 * Several spawned Parley processes sharing one PostgreSQL schema and one
 * Redis (channels under a prefix unique to the run), for the scale-out tests.
 */
import crypto from 'node:crypto';
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
