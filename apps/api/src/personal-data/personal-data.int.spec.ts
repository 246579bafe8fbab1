import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';

const password = 'un mot de passe assez long';

describe('personal data: sealed in the log, erased by destroying its key', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    await provisionUser(app, {
      userId: 'admin',
      email: 'admin@exemple.fr',
      displayName: 'Alice Admin',
      grants: [{ role: 'admin' }],
      password,
    });
    await provisionUser(app, {
      userId: 'camille',
      email: 'camille.durand@exemple.fr',
      displayName: 'Camille Durand',
      grants: [{ role: 'auditor' }],
      password,
    });
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('never writes a name or an email in clear in the log, and shows them to those who may read them', async () => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE data::text LIKE '%Camille%' OR data::text LIKE '%@exemple.fr%'`,
    );
    expect(rows[0]?.n).toBe(0);
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    // Provisioned through the command bus, not this client: the users read model may still be catching up.
    const camilleAsListed = async () =>
      ((await admin.query('board.users')).data as unknown as Array<{ userId: string }>).find(
        (user) => user.userId === 'camille',
      );
    await expect
      .poll(camilleAsListed)
      .toMatchObject({ displayName: 'Camille Durand', email: 'camille.durand@exemple.fr' });
    const camille = httpClient(base, password);
    expect((await camille.login('camille.durand@exemple.fr')).data).toMatchObject({
      displayName: 'Camille Durand',
    });
  });

  it('erases them for good while every hash chain still verifies', async () => {
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    const before = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n ?? 0;
    const erased = await admin.mutate('user.erase', {
      userId: 'camille',
      erasedOn: new Date().toISOString().slice(0, 10),
    });
    expect(erased.status).toBe(200);

    const users = (await admin.query('board.users')).data as unknown as Array<{
      userId: string;
      displayName: string;
      email: string;
    }>;
    expect(users.find((user) => user.userId === 'camille')).toMatchObject({
      displayName: '[donnée effacée]',
    });
    // The account went with it: no more login.
    expect((await httpClient(base, password).login('camille.durand@exemple.fr')).status).toBe(401);
    // The log only grew by the erasure, and its chains hold.
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]?.n).toBe(
      before + 1,
    );
    expect((await admin.mutate('audit.verify')).data).toMatchObject({ ok: true });
    // A second erasure is refused: there is nothing left to erase.
    expect((await admin.mutate('user.erase', { userId: 'camille', erasedOn: '2026-11-25' })).status).toBe(
      409,
    );
  });

  it('refuses a command carrying a NUL character, which would stop the read models', async () => {
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    const refused = await admin.mutate('user.invite', {
      userId: 'nul',
      email: 'nul@exemple.fr',
      displayName: 'Ni\u0000l',
    });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toMatch(/caractère nul/);
  });
});
