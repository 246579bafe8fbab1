import { createPool } from '@cls/postgres';
import { describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.js';
import { createTestDatabase, useTestDatabase } from './test-database.js';

describe('PostgreSQL harness', () => {
  const database = useTestDatabase();

  it('gives each suite a database of its own on a real server', async () => {
    const pool = createPool(database.url, { max: 1 });
    try {
      const { rows } = await pool.query<{ db: string; version: number }>(
        `SELECT current_database() AS db, current_setting('server_version_num')::int AS version`,
      );
      expect(rows[0]?.db).toMatch(/^test_[0-9a-f]{12}$/);
      expect(rows[0]?.version).toBeGreaterThanOrEqual(160000);
    } finally {
      await pool.end();
    }
  });

  it('drops a database even while a connection is still open', async () => {
    const serverUrl = inject('postgresServerUrl');
    const scratch = await createTestDatabase(serverUrl);
    const leaked = createPool(scratch.url, { max: 1 });
    await leaked.query('SELECT 1');
    await scratch.drop();
    await leaked.end();

    const admin = createPool(serverUrl, { max: 1 });
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [scratch.name]);
      expect(rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});

describe('Chromium harness', () => {
  // The first launch on a fresh clone unpacks Chromium into the temporary folder: tens of
  // seconds when the whole suite shares two cores (it once took over 20 s in CI).
  it('renders a page with WebGL available', { timeout: 120_000 }, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<html lang="fr"><body><h1>Santé</h1><canvas></canvas></body></html>');
      expect(await page.textContent('h1')).toBe('Santé');
      const webgl = await page.evaluate(() =>
        Boolean(document.querySelector('canvas')?.getContext('webgl2')),
      );
      expect(webgl).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
