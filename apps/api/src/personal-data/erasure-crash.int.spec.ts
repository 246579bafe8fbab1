import { PostgresEventStore } from '@cls/event-store/postgres';
import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser, SYSTEM_ACTOR } from '../accounts/provision.js';
import { httpClient } from '../testing/http-client.js';
import { startTestApp } from '../testing/test-app.js';
import { PersonalDataVault } from './vault.js';

const password = 'un mot de passe assez long';
const ERASED = '[donnée effacée]';

/**
 * An erasure is two writes: the key destroyed, then PersonalDataErased appended.
 * The process may die between them; either way, once the platform is back, the
 * key is gone and the name unreadable.
 */
describe('erasure interrupted between its two steps, then a restart', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;

  const restart = async () => {
    await app.close();
    ({ app, base } = await startTestApp(database.url));
  };
  const keyOf = async (subject: string) =>
    (
      await pool.query<{ key: Buffer | null }>('SELECT key FROM personal_data_keys WHERE subject = $1', [
        subject,
      ])
    ).rows[0]?.key;
  /** The person's name as the log holds it (sealed), opened by the running platform. */
  const nameInLog = async (userId: string) => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT data->>'displayName' AS name FROM events WHERE stream = $1 AND type = 'UserInvited'`,
      [`user-${userId}`],
    );
    return app.get(PersonalDataVault).open(userId, rows[0]?.name ?? '');
  };

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 1 });
    for (const [userId, displayName, grant] of [
      ['admin', 'Alice Admin', { role: 'admin' as const }],
      ['bruno', 'Bruno Lecrash', { role: 'auditor' as const }],
      ['dora', 'Dora Sansfin', { role: 'auditor' as const }],
    ] as const) {
      await provisionUser(app, {
        userId,
        displayName,
        email: `${userId}@exemple.fr`,
        grants: [grant],
        password,
      });
    }
  });
  afterAll(async () => {
    await pool?.query('DROP FUNCTION IF EXISTS refuse_erasure() CASCADE').catch(() => {});
    await pool?.end();
    await app?.close();
  });

  it('dies after the key is destroyed, before the event is appended: the name stays unreadable, the erasure can be finished', async () => {
    expect(await nameInLog('bruno')).toBe('Bruno Lecrash');
    // The append of the erasure fails inside the database, as if the process had died right before it.
    await pool.query(`CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'PersonalDataErased' THEN RAISE EXCEPTION 'crash simulé'; END IF; RETURN NEW; END $$`);
    await pool.query(
      'CREATE TRIGGER refuse_erasure BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_erasure()',
    );
    const admin = httpClient(base, password);
    await admin.login('admin@exemple.fr');
    const erasure = { userId: 'bruno', erasedOn: '2026-01-15' };
    const interrupted = await admin.mutate('user.erase', erasure);
    expect(interrupted.status).not.toBe(200);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE type = 'PersonalDataErased'`,
    );
    expect(rows[0]?.n).toBe(0);
    await pool.query('DROP FUNCTION refuse_erasure() CASCADE');

    await restart();
    expect(await keyOf('bruno')).toBeNull();
    expect(await nameInLog('bruno')).toBe(ERASED);
    const again = httpClient(base, password);
    await again.login('admin@exemple.fr');
    const users = (await again.query('board.users')).data as unknown as Array<{
      userId: string;
      displayName: string;
    }>;
    expect(users.find((user) => user.userId === 'bruno')?.displayName).toBe(ERASED);
    // Sent again, the erasure completes: the event is in the log, the account is gone.
    expect((await again.mutate('user.erase', erasure)).status).toBe(200);
    expect((await httpClient(base, password).login('bruno@exemple.fr')).status).toBe(401);
  });

  it('dies after the event is appended, before the key is destroyed: the restart destroys the key and the account', async () => {
    expect(await nameInLog('dora')).toBe('Dora Sansfin');
    await app.close();
    // The event reached the log; the process died before the key went.
    const store = PostgresEventStore.connect({ connectionString: database.url });
    try {
      const revision = await store.streamRevision('user-dora');
      await store.append(
        'user-dora',
        [{ type: 'PersonalDataErased', data: { userId: 'dora', erasedOn: '2026-01-15' } }],
        { expectedRevision: revision ?? 'no_stream', actor: SYSTEM_ACTOR },
      );
    } finally {
      await store.close();
    }
    expect(await keyOf('dora')).toBeInstanceOf(Buffer);

    ({ app, base } = await startTestApp(database.url));
    expect(await keyOf('dora')).toBeNull();
    expect(await nameInLog('dora')).toBe(ERASED);
    expect((await httpClient(base, password).login('dora@exemple.fr')).status).toBe(401);
  });
});
