/**
 * Scale-out configuration (issue 5): which storage and fan-out a process
 * runs with, and the combinations it refuses. Never echoes a password.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import {
  CATCH_UP_MS_WITH_REDIS,
  CATCH_UP_MS_WITHOUT_REDIS,
  clusterOptions,
  describeCluster,
} from '../../server/scale/scale-config.ts';
import { decodePeerMessage, encodePeerMessage, type PeerMessage } from '../../server/scale/wire.ts';
import { spawnServer } from '../helpers/spawn-server.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const PG = 'postgres://parley:s3cret-pw@db.internal:5432/parley';
const REDIS = 'redis://:r3dis-pw@cache.internal:6379/0';

describe('scale-out configuration', () => {
  it('SQLite alone: no cluster', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseUrl: null, redisUrl: null, redisChannelPrefix: 'parley' });
    expect(clusterOptions(config)).toBeNull();
  });

  it('PostgreSQL alone: processes converge through storage catch-up', () => {
    const config = loadConfig({ DATABASE_URL: PG, DATABASE_SCHEMA: 'parley_prod' });
    expect(config).toMatchObject({ databaseUrl: PG, databaseSchema: 'parley_prod', redisUrl: null });
    expect(clusterOptions(config)).toEqual({ catchUpIntervalMs: CATCH_UP_MS_WITHOUT_REDIS, redis: null });
  });

  it('PostgreSQL + Redis: fan-out, and the log line hides both passwords', () => {
    const config = loadConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, REDIS_CHANNEL_PREFIX: 'ws1' });
    const options = clusterOptions(config);
    expect(options).toEqual({
      catchUpIntervalMs: CATCH_UP_MS_WITH_REDIS,
      redis: { url: REDIS, channelPrefix: 'ws1', dropPublishEvery: 0 },
    });
    const line = describeCluster(options);
    expect(line).toContain('ws1:*');
    expect(line).not.toContain('r3dis-pw');
    expect(loadConfig({ DATABASE_URL: PG, CATCH_UP_INTERVAL_MS: '750' }).catchUpIntervalMs).toBe(750);
  });

  it('refuses Redis with SQLite, bad URLs and schema names, without echoing the values', () => {
    expect(() => loadConfig({ REDIS_URL: REDIS })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: REDIS })).toThrow(/REDIS_URL needs DATABASE_URL.*SQLite/);
    for (const [env, pattern] of [
      [{ DATABASE_URL: 'mysql://root:s3cret-pw@db/parley' }, /DATABASE_URL: must be a PostgreSQL URL/],
      [{ DATABASE_URL: PG, REDIS_URL: 'http://:r3dis-pw@cache' }, /REDIS_URL: must be a Redis URL/],
      [{ DATABASE_URL: PG, DATABASE_SCHEMA: 'Robert"; DROP' }, /DATABASE_SCHEMA: use 1–63/],
      [{ DATABASE_URL: PG, CATCH_UP_INTERVAL_MS: '5' }, /CATCH_UP_INTERVAL_MS/],
    ] as const) {
      let message = '';
      try {
        loadConfig(env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(pattern);
      expect(message).not.toContain('s3cret-pw');
      expect(message).not.toContain('r3dis-pw');
    }
  });

  it('a process given REDIS_URL without DATABASE_URL exits at startup with the reason', async () => {
    const tmp = await makeTempDir('parley-scale-config-');
    try {
      await expect(
        spawnServer({ dataDir: tmp.dir, env: { REDIS_URL: REDIS }, timeoutMs: 15_000 }),
      ).rejects.toThrow(/code 2.*REDIS_URL needs DATABASE_URL/s);
    } finally {
      await tmp.remove();
    }
  });
});

describe('messages between processes', () => {
  it('round-trip every kind, and refuse truncated or unknown ones', () => {
    const messages: PeerMessage[] = [
      { type: 'update', sender: 'p1', stream: 3, seq: 17, update: new Uint8Array([1, 2, 3]) },
      { type: 'awareness', sender: 'p2', update: new Uint8Array([9]) },
      { type: 'awareness-query', sender: 'p3' },
      { type: 'access', sender: 'p4', boardId: 'b', change: { kind: 'revoke', role: 'edit' } },
      { type: 'access', sender: 'p4', boardId: 'b', change: { kind: 'lock' } },
      { type: 'access', sender: 'p4', boardId: 'b', change: { kind: 'deleted' } },
    ];
    for (const message of messages) {
      const bytes = encodePeerMessage(message);
      expect(decodePeerMessage(bytes)).toEqual(message);
      expect(() => decodePeerMessage(bytes.slice(0, bytes.length - 1))).toThrow();
      expect(() => decodePeerMessage(new Uint8Array([...bytes, 0]))).toThrow();
    }
    expect(() => decodePeerMessage(new Uint8Array([9, 0]))).toThrow();
  });
});
