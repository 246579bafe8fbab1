import { createPool, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, PASSWORD, trpcCall } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';
import { provisionUser } from './provision.js';

const NEW_PASSWORD = 'un tout nouveau mot de passe';

/** `user.setPassword`: no account taken over with a session left open, nor by changing its login email. */
describe('changing a password', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let pool: Pool;
  const status = async (token: string) =>
    (await trpcCall(base, 'query', 'auth.session', undefined, { token })).status;
  const setPassword = (token: string, input: Record<string, unknown>) =>
    trpcCall(base, 'mutation', 'user.setPassword', input, { token });
  /** A session opened this long ago (a tab left open, a token stolen later). */
  const age = (token: string, minutes: number) =>
    pool.query(
      `UPDATE sessions SET created_at = now() - make_interval(mins => $2)
       WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [token, minutes],
    );
  const canLogin = async (email: string, password: string) =>
    (await trpcCall(base, 'mutation', 'auth.login', { email, password })).status === 200;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
    pool = createPool(database.url, { max: 2 });
    for (const [userId, role] of [
      ['admin', 'admin'],
      ['alice', 'auditor'],
      ['bruno', 'auditor'],
      ['chloe', 'auditor'],
    ] as const) {
      await provisionUser(app, {
        userId,
        email: `${userId}@exemple.fr`,
        displayName: userId,
        password: PASSWORD,
        grants: [{ role }],
      });
    }
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await app?.close();
  });

  it('refuses a session opened more than 5 minutes ago without the current password', async () => {
    const stolen = await login(base, 'alice@exemple.fr');
    await age(stolen, 30);
    const attack = await setPassword(stolen, {
      userId: 'alice',
      email: 'alice@exemple.fr',
      password: 'choisi par le voleur de session',
    });
    expect(attack.status).toBe(400);
    expect(JSON.stringify(attack.body)).toMatch(/Mot de passe actuel requis/);
    // A wrong current password: refused too.
    const guessed = await setPassword(stolen, {
      userId: 'alice',
      currentPassword: 'une supposition',
      password: 'choisi par le voleur de session',
    });
    expect(guessed.status).toBe(400);
    expect(JSON.stringify(guessed.body)).toMatch(/Mot de passe actuel incorrect/);
    expect(await canLogin('alice@exemple.fr', PASSWORD)).toBe(true);
    expect(await canLogin('alice@exemple.fr', 'choisi par le voleur de session')).toBe(false);

    // With the current password, the same session may.
    const changed = await setPassword(stolen, {
      userId: 'alice',
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await canLogin('alice@exemple.fr', NEW_PASSWORD)).toBe(true);
  });

  it('throttles guesses of the current password like logins (429)', async () => {
    const stolen = await login(base, 'chloe@exemple.fr');
    const statuses: number[] = [];
    for (let n = 0; n < 7; n++) {
      const guess = await setPassword(stolen, {
        userId: 'chloe',
        currentPassword: `supposition ${n}`,
        password: NEW_PASSWORD,
      });
      statuses.push(guess.status);
      if (guess.status === 429) expect(Number(guess.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });

  it('never changes the login email from the client', async () => {
    const token = await login(base, 'bruno@exemple.fr');
    const response = await setPassword(token, {
      userId: 'bruno',
      email: 'pirate@exemple.fr',
      password: NEW_PASSWORD,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await canLogin('pirate@exemple.fr', NEW_PASSWORD)).toBe(false);
    expect(await canLogin('bruno@exemple.fr', NEW_PASSWORD)).toBe(true);
    // Nor someone else's, for an administrator: the address is the one the user was invited with.
    const admin = await login(base, 'admin@exemple.fr');
    const byAdmin = await setPassword(admin, {
      userId: 'bruno',
      email: 'autre@exemple.fr',
      password: PASSWORD,
    });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
    expect(await canLogin('autre@exemple.fr', PASSWORD)).toBe(false);
    expect(await canLogin('bruno@exemple.fr', PASSWORD)).toBe(true);
  });

  it('ends the user’s other sessions when they change their password, keeping the current one', async () => {
    const elsewhere = await login(base, 'bruno@exemple.fr');
    const here = await login(base, 'bruno@exemple.fr');
    const response = await setPassword(here, { userId: 'bruno', password: NEW_PASSWORD });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await status(elsewhere)).toBe(401);
    expect(await status(here)).toBe(200);
  });

  it('lets an administrator reset someone’s password with their own recent login, ending all that person’s sessions', async () => {
    const hers = await login(base, 'alice@exemple.fr', NEW_PASSWORD);
    const admin = await login(base, 'admin@exemple.fr');
    await age(admin, 30);
    // An administrator's old session: their own password is asked for, not Alice's.
    const refused = await setPassword(admin, { userId: 'alice', password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(await status(hers)).toBe(200);
    const reset = await setPassword(admin, {
      userId: 'alice',
      password: PASSWORD,
      currentPassword: PASSWORD,
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(await status(hers)).toBe(401);
    expect(await status(admin)).toBe(200);
    expect(await canLogin('alice@exemple.fr', PASSWORD)).toBe(true);
    // Someone else's password, by a non-administrator: 403, whatever they know.
    const bruno = await login(base, 'bruno@exemple.fr', NEW_PASSWORD);
    const forbidden = await setPassword(bruno, {
      userId: 'alice',
      password: NEW_PASSWORD,
      currentPassword: NEW_PASSWORD,
    });
    expect(forbidden.status).toBe(403);
  });
});
