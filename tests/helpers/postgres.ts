/**
 * PostgreSQL for tests: the server at PARLEY_TEST_DATABASE_URL (default: local,
 * trust auth, database `test`), one throw-away schema per test file.
 */
import crypto from 'node:crypto';
import { Client } from 'pg';
import {
  PostgresBoardStorage,
  type PostgresStorageOptions,
  redactConnectionString,
} from '../../server/storage/postgres.ts';

export const TEST_DATABASE_URL =
  process.env.PARLEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A connection that fails fast, for probing and for driving PostgreSQL by hand in tests. */
export async function connectTestClient(): Promise<Client> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Why PostgreSQL cannot be used for tests, or null when it can. */
export async function postgresUnavailable(): Promise<string | null> {
  try {
    const client = await connectTestClient();
    await client.end();
    return null;
  } catch (error) {
    const reason =
      error instanceof AggregateError
        ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
    return `PostgreSQL unreachable at ${redactConnectionString(TEST_DATABASE_URL)} (${reason}); set PARLEY_TEST_DATABASE_URL or start it`;
  }
}

/** A fresh schema name; `drop()` removes the schema and everything in it. */
export function testSchema(): { name: string; drop(): Promise<void> } {
  const name = `parley_test_${crypto.randomBytes(6).toString('hex')}`;
  return {
    name,
    async drop() {
      const client = await connectTestClient();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export function openTestStorage(
  schema: string,
  options: Omit<PostgresStorageOptions, 'connectionString' | 'schema'> = {},
): Promise<PostgresBoardStorage> {
  return PostgresBoardStorage.open({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4, ...options });
}
