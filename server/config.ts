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
  const dataDir = path.resolve(cwd, parsed.data.DATA_DIR);
  return {
    host: parsed.data.HOST,
    port: parsed.data.PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'parley.db'),
    logLevel: parsed.data.LOG_LEVEL,
    adminToken: parsed.data.ADMIN_TOKEN ?? null,
  };
}
