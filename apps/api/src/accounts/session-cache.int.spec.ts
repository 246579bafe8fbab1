import { setTimeout as sleep } from 'node:timers/promises';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';
import { provisionUser } from './provision.js';
import { SESSION_CACHE_MS } from './session-cache.js';

const password = 'un mot de passe assez long';
const contractId = 'cls-sessions';

/**
 * Sessions are kept a few seconds by each process (SessionCache): a kept session must
 * never outlive what ends it or changes its roles — at once on the process that made the
 * change, within SESSION_CACHE_MS on another replica of the same database.
 */
describe('sessions kept by the API process', () => {
  const database = useTestDatabase();
  let apps: INestApplication[] = [];
  let base: string;
  let replica: string;
  let serial = 0;

  beforeAll(async () => {
    const first = await startTestApp(database.url);
    const second = await startTestApp(database.url);
    apps = [first.app, second.app];
    base = first.base;
    replica = second.base;
    await provisionUser(first.app, {
      userId: 'admin',
      email: 'admin@exemple.fr',
      displayName: 'Admin',
      password,
      grants: [{ role: 'admin' }],
    });
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    const drafted = await admin.mutate('contract.draft', {
      contractId,
      name: 'CLS des sessions',
      territory: { name: 'Territoire' },
      period: { start: 2024, end: 2029 },
    });
    expect(drafted.status).toBe(200);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  /** A new coordinator of the contract, signed in at `on`. */
  async function coordinator(on: string) {
    serial += 1;
    const userId = `coordinatrice-${serial}`;
    await provisionUser(apps[0] as INestApplication, {
      userId,
      email: `${userId}@exemple.fr`,
      displayName: userId,
      password,
      grants: [{ role: 'coordinator', contractId }],
    });
    const client = httpClient(on, password);
    expect((await client.login(`${userId}@exemple.fr`)).status).toBe(200);
    return { userId, client };
  }
  const defineAxis = (client: ReturnType<typeof httpClient>) => {
    serial += 1;
    return client.mutate('contract.defineAxis', { contractId, code: `${serial}`, title: `Axe ${serial}` });
  };
  const signedInAdmin = async (on: string) => {
    const admin = httpClient(on, password);
    await admin.login('admin@exemple.fr');
    return admin;
  };

  it('refuses a logged-out session at once on the process that logged it out', async () => {
    const { client } = await coordinator(base);
    expect((await client.query('auth.session')).status).toBe(200);
    expect((await defineAxis(client)).status).toBe(200);
    const cookie = await client.cookie();
    expect((await client.mutate('auth.logout')).status).toBe(200);
    // The old token sent again, as a stolen cookie would be.
    const stolen = await fetch(`${base}/trpc/auth.session`, { headers: { cookie } });
    expect(stolen.status).toBe(401);
  });

  it('refuses a revoked role at once on the process that revoked it', async () => {
    const { userId, client } = await coordinator(base);
    expect((await defineAxis(client)).status).toBe(200);
    const admin = await signedInAdmin(base);
    expect((await admin.mutate('user.revokeRole', { userId, role: 'coordinator', contractId })).status).toBe(
      200,
    );
    expect((await defineAxis(client)).status).toBe(403);
    expect((await client.query('auth.session')).data).toMatchObject({ userId, grants: [] });
  });

  it('ends at once the other sessions of a user whose password an administrator set', async () => {
    const { userId, client } = await coordinator(base);
    expect((await client.query('auth.session')).status).toBe(200);
    const admin = await signedInAdmin(base);
    expect(
      (await admin.mutate('user.setPassword', { userId, password: 'un tout autre mot de passe' })).status,
    ).toBe(200);
    expect((await client.query('auth.session')).status).toBe(401);
  });

  it(`follows another replica's logout and revoked role within ${SESSION_CACHE_MS} ms`, async () => {
    const revoked = await coordinator(replica);
    const loggedOut = await coordinator(replica);
    // Both sessions read, and kept, by the replica.
    expect((await defineAxis(revoked.client)).status).toBe(200);
    expect((await loggedOut.client.query('auth.session')).status).toBe(200);
    const cookie = await loggedOut.client.cookie();

    // Changed on the first process.
    const admin = await signedInAdmin(base);
    expect(
      (await admin.mutate('user.revokeRole', { userId: revoked.userId, role: 'coordinator', contractId }))
        .status,
    ).toBe(200);
    const logout = await fetch(`${base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(logout.status).toBe(200);

    await sleep(SESSION_CACHE_MS + 500);
    expect((await defineAxis(revoked.client)).status).toBe(403);
    expect((await fetch(`${replica}/trpc/auth.session`, { headers: { cookie } })).status).toBe(401);
  });
});
