import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTERNAL_ERROR_MESSAGE } from '@cls/api';
import { createPool } from '@cls/postgres';
import { type RunningPostgres, startEmbeddedPostgres } from '@cls/postgres/embedded';
import { freePort } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

const password = 'un mot de passe assez long';

/** A PostgreSQL of its own, stopped and started again under the running API. */
describe('the database failing under the API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cls-restart-'));
  let port: number;
  let server: RunningPostgres;
  let app: INestApplication;
  let base: string;
  const start = () => startEmbeddedPostgres({ dataDir, port, persistent: true, unsafeFastWrites: true });
  const health = async () => (await fetch(`${base}/healthz`)).status;

  beforeAll(async () => {
    chmodSync(dataDir, 0o755);
    port = await freePort();
    server = await start();
    ({ app, base } = await startTestApp(server.url));
    await provisionUser(app, {
      userId: 'admin',
      email: 'admin@exemple.fr',
      displayName: 'Admin',
      grants: [{ role: 'admin' }],
      password,
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports unhealthy and refuses commands with 503 while it is down, then recovers by itself', async () => {
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    const axis = (code: string) => ({ contractId: 'cls-restart', code, title: `Axe ${code}` });
    const draft = {
      contractId: 'cls-restart',
      name: 'CLS redémarré',
      territory: { name: 'Territoire', epci: [], communes: [] },
      period: { start: 2024, end: 2029 },
      parties: [],
    };
    expect((await admin.mutate('contract.draft', draft)).status).toBe(200);

    await server.stop();
    expect(await health()).toBe(503);
    const refused = await admin.mutate('contract.defineAxis', axis('1'));
    expect(refused.status).toBe(503);
    expect(refused.error?.message).toMatch(/indisponible/);
    const offers = await fetch(`${base}/api/offers/nearest?lon=3&lat=43`);
    expect(offers.status).toBe(503);

    server = await start();
    await expect.poll(health, { timeout: 20_000, interval: 250 }).toBe(200);
    await expect
      .poll(async () => (await admin.mutate('contract.defineAxis', axis('1'))).status, { timeout: 20_000 })
      .toBe(200);
  }, 90_000);

  it('fails a command whose append fails inside the database, keeps the reason for the server’s log, and stores nothing of it', async () => {
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    const pool = createPool(server.url, { max: 1 });
    await pool.query(`
      CREATE FUNCTION refuse_axis() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'panne simulée pendant l’ajout'; END $$;
      CREATE TRIGGER refuse_axis BEFORE INSERT ON events
        FOR EACH ROW WHEN (NEW.type = 'AxisDefined') EXECUTE FUNCTION refuse_axis();
    `);
    const count = async () =>
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n;
    const before = await count();
    const failed = await admin.mutate('contract.defineAxis', {
      contractId: 'cls-restart',
      code: '2',
      title: 'Axe 2',
    });
    expect(failed.status).toBe(500);
    // The database's own words stay in the server's log.
    expect(failed.error?.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(JSON.stringify(failed)).not.toMatch(/panne simulée/);
    expect(await count()).toBe(before);
    await pool.query('DROP TRIGGER refuse_axis ON events');
    await pool.end();
  });
});
