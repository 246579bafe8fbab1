import { randomBytes } from 'node:crypto';
import { createPool, withDatabase } from '@cls/postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided-context.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the given server; `drop()` removes it even if connections remain. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = createPool(serverUrl, { max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      const pool = createPool(serverUrl, { max: 1 });
      try {
        await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await pool.end();
      }
    },
  };
}

/**
 * A fresh database for the calling suite (describe block or file), on the run's
 * server started by `@cls/testing/postgres-setup`. Read `.url` inside tests/hooks.
 */
export function useTestDatabase(): { readonly url: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresServerUrl'));
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('useTestDatabase(): the database exists only inside tests and hooks');
      return database.url;
    },
  };
}
