/**
 * Picks the board storage from the configuration: PostgreSQL when a database
 * URL is set (several server processes may share it), otherwise the embedded
 * SQLite file under DATA_DIR.
 */
import { type ParleyStorage, StorageError } from './board-storage.ts';
import { PostgresBoardStorage, redactConnectionString } from './postgres.ts';
import { DEFAULT_PG_SCHEMA } from './postgres-schema.ts';
import { SqliteBoardStorage } from './sqlite.ts';

export interface StorageConfig {
  /** DATABASE_URL: `postgres://…` or `postgresql://…`; unset or empty means SQLite. */
  databaseUrl?: string | null | undefined;
  /** PostgreSQL schema for Parley's tables (default `parley`). */
  databaseSchema?: string | null | undefined;
  /** The SQLite file, used when there is no database URL. */
  databaseFile: string;
}

export interface OpenStorageOptions {
  /** Told about idle PostgreSQL connections that fail (the pool replaces them). */
  onPoolError?: (error: Error) => void;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Where boards are stored, for the startup log line (never shows a password). */
export function describeStorage(config: StorageConfig): string {
  if (!config.databaseUrl) return `sqlite ${config.databaseFile}`;
  return `postgresql ${redactConnectionString(config.databaseUrl)} schema ${config.databaseSchema || DEFAULT_PG_SCHEMA}`;
}

/** Opens the configured storage; rejects with a StorageError saying what is wrong. */
export async function openStorage(
  config: StorageConfig,
  options: OpenStorageOptions = {},
): Promise<ParleyStorage> {
  if (!config.databaseUrl) return new SqliteBoardStorage(config.databaseFile);
  if (!POSTGRES_URL.test(config.databaseUrl)) {
    throw new StorageError(
      `DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), got ${redactConnectionString(config.databaseUrl)}`,
    );
  }
  return PostgresBoardStorage.open({
    connectionString: config.databaseUrl,
    schema: config.databaseSchema || DEFAULT_PG_SCHEMA,
    ...(options.onPoolError ? { onPoolError: options.onPoolError } : {}),
  });
}
