import type { ServerConfig } from '../config.ts';
import type { ClusterOptions } from './cluster.ts';

/**
 * Catch-up interval by mode. With Redis, catch-up only mends what pub/sub
 * lost, so it can be slow; without it, catch-up is how two processes with
 * the same board open see each other's edits at all.
 */
export const CATCH_UP_MS_WITH_REDIS = 5_000;
export const CATCH_UP_MS_WITHOUT_REDIS = 2_000;

/** The cluster's options, or null when this process is alone (SQLite). */
export function clusterOptions(config: ServerConfig): ClusterOptions | null {
  if (config.databaseUrl === null) return null;
  const redis = config.redisUrl
    ? {
        url: config.redisUrl,
        channelPrefix: config.redisChannelPrefix,
        dropPublishEvery: config.dropPublishEvery,
      }
    : null;
  return {
    catchUpIntervalMs:
      config.catchUpIntervalMs ?? (redis ? CATCH_UP_MS_WITH_REDIS : CATCH_UP_MS_WITHOUT_REDIS),
    redis,
  };
}

/** For the startup log line: never shows a password. */
export function describeCluster(options: ClusterOptions | null): string {
  if (options === null) return 'single process (SQLite)';
  const every = `catch-up every ${options.catchUpIntervalMs} ms`;
  if (options.redis === null) return `PostgreSQL only: processes converge through storage, ${every}`;
  return `Redis fan-out ${redactRedisUrl(options.redis.url)} channels ${options.redis.channelPrefix}:*, ${every}`;
}

export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}
