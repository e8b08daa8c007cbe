import path from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../shared/validation.ts';

const envSchema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Guessing it must be as hard as guessing a board token.
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  // Scale-out (docs/scale-out.md). Messages never echo the value: URLs carry passwords.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL (postgres://user:password@host:5432/database)')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'use 1–63 lower-case letters, digits or _, not starting with a digit')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a Redis URL (redis://[:password@]host:6379[/db] or rediss://…)')
    .optional(),
  REDIS_CHANNEL_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'use 1–64 letters, digits or _.:-')
    .default('parley'),
  CATCH_UP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  // Rows in a live board's log before it is compacted into one (each row is one commit of its edits).
  COMPACT_AFTER_ROWS: z.coerce.number().int().min(2).max(1_000_000).default(500),
  // Fault injection for tests only: drop every Nth Redis publish (0: never).
  SCALE_TEST_DROP_PUBLISH_EVERY: z.coerce.number().int().min(0).default(0),
});

export interface ServerConfig {
  host: string;
  port: number;
  /** Absolute. */
  dataDir: string;
  /** The SQLite file inside dataDir. */
  databaseFile: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Enables GET /api/boards and acts as the owner of every board; null: both disabled. */
  adminToken: string | null;
  /** PostgreSQL instead of SQLite (several processes may share it); null: SQLite. */
  databaseUrl: string | null;
  /** PostgreSQL schema for Parley's tables; null: the default (`parley`). */
  databaseSchema: string | null;
  /** Live fan-out between processes through Redis pub/sub; needs databaseUrl. */
  redisUrl: string | null;
  /** Prefix of Parley's Redis channels (several deployments or test runs on one Redis). */
  redisChannelPrefix: string;
  /** How often open boards re-read their stored log (ms); null: the mode's default (server/scale/scale-config.ts). */
  catchUpIntervalMs: number | null;
  /** A live board's log is compacted once it has more rows than this. */
  compactAfterRows: number;
  /** Test-only fault injection: drop every Nth Redis publish; 0 never. */
  dropPublishEvery: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from the environment; empty variables count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in envSchema.shape && value !== undefined && value !== '',
    ),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(`invalid environment: ${formatZodError(parsed.error)}`);
  if (parsed.data.REDIS_URL !== undefined && parsed.data.DATABASE_URL === undefined) {
    throw new ConfigError(
      'REDIS_URL needs DATABASE_URL: several processes must share one PostgreSQL database; the SQLite file is per machine, so SQLite runs one process without Redis',
    );
  }
  const dataDir = path.resolve(cwd, parsed.data.DATA_DIR);
  return {
    host: parsed.data.HOST,
    port: parsed.data.PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'parley.db'),
    logLevel: parsed.data.LOG_LEVEL,
    adminToken: parsed.data.ADMIN_TOKEN ?? null,
    databaseUrl: parsed.data.DATABASE_URL ?? null,
    databaseSchema: parsed.data.DATABASE_SCHEMA ?? null,
    redisUrl: parsed.data.REDIS_URL ?? null,
    redisChannelPrefix: parsed.data.REDIS_CHANNEL_PREFIX,
    catchUpIntervalMs: parsed.data.CATCH_UP_INTERVAL_MS ?? null,
    compactAfterRows: parsed.data.COMPACT_AFTER_ROWS,
    dropPublishEvery: parsed.data.SCALE_TEST_DROP_PUBLISH_EVERY,
  };
}
