import type { Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_POOL } from '../database/database.module.js';
import { startTestApp } from '../testing/test-app.js';
import { BULK_APPENDS, refreshStatistics } from './import-read-side.js';

describe('the statistics after an import', () => {
  const database = useTestDatabase();
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await startTestApp(database.url));
  }, 120_000);
  afterAll(() => app?.close());

  it('are refreshed at once after a bulk import, not after a small one', async () => {
    const pool = app.get<Pool>(PG_POOL);
    // Manual ANALYZEs of the log only (autovacuum's are counted apart).
    const analyses = async () =>
      (
        await pool.query<{ n: number }>(
          "SELECT analyze_count::int AS n FROM pg_stat_user_tables WHERE relname = 'events'",
        )
      ).rows[0]?.n;
    const before = await analyses();
    await refreshStatistics(app, BULK_APPENDS - 1);
    await refreshStatistics(app, 0);
    await refreshStatistics(app, BULK_APPENDS);
    // The counters reach other sessions within a second or so.
    await expect.poll(analyses, { timeout: 10_000 }).toBe((before ?? 0) + 1);
  });
});
