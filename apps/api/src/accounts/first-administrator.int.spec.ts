import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as signIn, trpcCall } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';
import { ensureFirstAdministrator } from './first-administrator.js';

const EMAIL = 'premiere.admin@exemple.fr';
const PASSWORD = 'un mot de passe de départ';

/** A platform without the demo: ADMIN_EMAIL and ADMIN_PASSWORD make the account to start with, once. */
describe('the first administrator', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  const login = async (password: string) =>
    (await trpcCall(base, 'mutation', 'auth.login', { email: EMAIL, password })).status;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('is not made without ADMIN_EMAIL', async () => {
    expect(await ensureFirstAdministrator(app, {})).toBeUndefined();
    expect(await login(PASSWORD)).toBe(401);
  });

  it('is invited as an administrator who can sign in, and a restart leaves their new password alone', async () => {
    const env = { ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD };
    expect(await ensureFirstAdministrator(app, env)).toBe(`${EMAIL} (créé)`);
    expect(await login(PASSWORD)).toBe(200);

    const token = await signIn(base, EMAIL, PASSWORD);
    const session = JSON.stringify(
      (await trpcCall(base, 'query', 'auth.session', undefined, { token })).body,
    );
    expect(session).toContain('"role":"admin"');

    // The administrator changes the password; the next start must not put the old one back.
    const userId = /"userId":"([^"]+)"/.exec(session)?.[1];
    expect(
      (
        await trpcCall(
          base,
          'mutation',
          'user.setPassword',
          { userId, password: 'un autre mot de passe', currentPassword: PASSWORD },
          { token },
        )
      ).status,
    ).toBe(200);
    expect(await ensureFirstAdministrator(app, env)).toBe(`${EMAIL} (déjà créé)`);
    expect(await login('un autre mot de passe')).toBe(200);
    expect(await login(PASSWORD)).toBe(401);
  });
});
