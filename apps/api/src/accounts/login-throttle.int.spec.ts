import { setTimeout as sleep } from 'node:timers/promises';
import { createPool, migrate, type Pool } from '@cls/postgres';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, SESSION_COOKIE, tokenOf, trpcCall } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';
import { LoginThrottle } from './login-throttle.js';
import { provisionUser } from './provision.js';
import { accountMigrations } from './schema.js';

describe('LoginThrottle (counters in PostgreSQL)', () => {
  const database = useTestDatabase();
  let pool: Pool;
  // Fast delays: 3 attempts, then 200 ms, 400 ms, 800 ms, capped at 800 ms; 6 per address.
  const policy = { threshold: 3, firstDelayMs: 200, maxDelayMs: 800 };
  let throttle: LoginThrottle;
  const attempt = async (email: string, address = '192.0.2.1') => throttle.reserve(email, address);

  beforeAll(async () => {
    pool = createPool(database.url, { max: 40 });
    await migrate(pool, 'accounts', accountMigrations);
    throttle = new LoginThrottle(pool, policy, { ...policy, threshold: 6 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('lets the threshold through at once, then one attempt per delay, doubling up to the cap', async () => {
    for (let n = 0; n < 3; n++) expect(await attempt('a@exemple.fr')).toEqual({ allowed: true });
    const refused = await attempt('a@exemple.fr');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterMs).toBeGreaterThan(0);
    for (const delay of [200, 400, 800, 800]) {
      await sleep(delay + 50);
      expect(await attempt('a@exemple.fr')).toEqual({ allowed: true });
      expect((await attempt('a@exemple.fr')).allowed).toBe(false);
    }
  });

  it('counts per (email, address): the same email from elsewhere, or another email, is not slowed', async () => {
    for (let n = 0; n < 3; n++) await attempt('b@exemple.fr', '192.0.2.2');
    expect((await attempt('b@exemple.fr', '192.0.2.2')).allowed).toBe(false);
    expect((await attempt('b@exemple.fr', '192.0.2.3')).allowed).toBe(true);
    expect((await attempt('c@exemple.fr', '192.0.2.2')).allowed).toBe(true);
  });

  it('slows down spraying from one address across emails, and a success gives back only its own attempt', async () => {
    for (let n = 0; n < 5; n++) expect((await attempt(`s${n}@exemple.fr`, '192.0.2.4')).allowed).toBe(true);
    // The sprayer's own account: its success does not reset the address.
    expect((await attempt('moi@exemple.fr', '192.0.2.4')).allowed).toBe(true);
    await throttle.succeeded('moi@exemple.fr', '192.0.2.4');
    expect((await attempt('s5@exemple.fr', '192.0.2.4')).allowed).toBe(true);
    expect((await attempt('s6@exemple.fr', '192.0.2.4')).allowed).toBe(false);
  });

  it('forgets a pair’s failures after a success', async () => {
    for (let n = 0; n < 3; n++) await attempt('d@exemple.fr', '192.0.2.5');
    await throttle.succeeded('d@exemple.fr', '192.0.2.5');
    for (let n = 0; n < 3; n++) expect((await attempt('d@exemple.fr', '192.0.2.5')).allowed).toBe(true);
  });

  it('never deadlocks: attempts and successes on one account and one address, all at once', async () => {
    // Found by the fuzzer: a success (clearing the pair, giving back the address) against a
    // reservation (pair, then address) locked the two rows in opposite orders.
    const signIn = async () => {
      for (let n = 0; n < 5; n++) {
        const reservation = await attempt('f@exemple.fr', '192.0.2.7');
        if (reservation.allowed) await throttle.succeeded('f@exemple.fr', '192.0.2.7');
      }
    };
    await Promise.all(Array.from({ length: 20 }, signIn));
  });

  it('lets exactly the threshold through among 30 concurrent attempts', async () => {
    // A minute's delay: 30 attempts queued on one row may take longer than 200 ms beside the
    // whole suite, and an attempt after the delay is rightly let through (a 4th, seen in CI).
    const slow = { threshold: 3, firstDelayMs: 60_000, maxDelayMs: 60_000 };
    const patient = new LoginThrottle(pool, slow, { ...slow, threshold: 6 });
    const results = await Promise.all(
      Array.from({ length: 30 }, () => patient.reserve('e@exemple.fr', '192.0.2.6')),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
  });
});

/**
 * Password guessing against two API processes sharing one database (two
 * replicas behind a load balancer): the throttle's counters live in
 * PostgreSQL, each attempt is reserved before its password is checked.
 */
describe('login throttling across replicas, batches and parallel connections', () => {
  const database = useTestDatabase();
  const apps: Array<{ app: INestApplication; base: string }> = [];
  const email = (n: number) => `cible-${n}@exemple.fr`;
  /** The API process of the n-th request: alternately one and the other. */
  const baseOf = (n: number) => (apps[n % 2] as { base: string }).base;

  beforeAll(async () => {
    apps.push(await startTestApp(database.url), await startTestApp(database.url));
    for (const n of [1, 2, 3]) {
      await provisionUser((apps[0] as { app: INestApplication }).app, {
        userId: `cible-${n}`,
        email: email(n),
        displayName: `Cible ${n}`,
        password: PASSWORD,
        grants: [{ role: 'auditor' }],
      });
    }
  }, 60_000);
  afterAll(async () => {
    for (const { app } of apps) await app.close();
  });

  it('refuses a batch of 30 logins (29 guesses, then the right password): nothing evaluated, no session', async () => {
    const calls = [
      ...Array.from({ length: 29 }, (_, n) => ({ email: email(1), password: `mauvais ${n}` })),
      { email: email(1), password: PASSWORD },
    ];
    const path = calls.map(() => 'auth.login').join(',');
    const body = Object.fromEntries(calls.map((input, index) => [index, input]));
    for (const n of [0, 1]) {
      const response = await fetch(`${baseOf(n)}/trpc/${path}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      expect(response.status, text).toBe(400);
      expect(text).toMatch(/connexion.*une à la fois|séparément/i);
      expect(tokenOf(response)).toBeUndefined();
      expect(response.headers.getSetCookie().join()).not.toContain(`${SESSION_COOKIE}=`);
    }
    // Nothing of the batch was counted: the account's owner still signs in at once.
    const owner = await trpcCall(baseOf(0), 'mutation', 'auth.login', {
      email: email(1),
      password: PASSWORD,
    });
    expect(owner.status).toBe(200);
    // However the paths are written (tRPC decodes them, and reads only the last segment).
    for (const path of [
      'auth%2Elogin,auth%2Elogin?batch=1',
      'auth.login%2Cauth.login?batch=1',
      'x/y/auth.login,%61uth.login?batch=1',
      'auth.login,auth.login?batch=1&batch=1',
    ]) {
      const encoded = await fetch(`${baseOf(1)}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          0: { email: email(1), password: 'mauvais' },
          1: { email: email(1), password: PASSWORD },
        }),
      });
      const text = await encoded.text();
      expect(encoded.status, `${path}: ${text}`).toBe(400);
      expect(text, path).toMatch(/une à la fois/);
      expect(tokenOf(encoded)).toBeUndefined();
    }
    // Two logins in a batch, an auth call beside another, or more calls than the limit: refused too.
    const two = await fetch(`${baseOf(0)}/trpc/auth.login,auth.login?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        0: { email: email(1), password: 'mauvais' },
        1: { email: email(1), password: PASSWORD },
      }),
    });
    expect(two.status).toBe(400);
    expect(tokenOf(two)).toBeUndefined();
    const pair = await fetch(`${baseOf(1)}/trpc/system.info,auth.me?batch=1&input={}`);
    expect(pair.status).toBe(400);
    await pair.arrayBuffer();
    const many = await fetch(
      `${baseOf(0)}/trpc/${Array.from({ length: 21 }, () => 'system.info').join(',')}?batch=1&input={}`,
    );
    expect(many.status).toBe(400);
    expect(await many.text()).toMatch(/20 appels/);
    // Twenty public reads in a batch are fine.
    const twenty = await fetch(
      `${baseOf(1)}/trpc/${Array.from({ length: 20 }, () => 'system.info').join(',')}?batch=1&input={}`,
    );
    expect(twenty.status).toBe(200);
    await twenty.arrayBuffer();
  });

  it('evaluates at most 5 of 30 guesses sent at once over both replicas; the right password then gets a 429', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        trpcCall(baseOf(n), 'mutation', 'auth.login', { email: email(2), password: `mauvais ${n}` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    // 401: the password was checked (and wrong); 429: refused before any check.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    for (const response of responses.filter(({ status }) => status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(response.body)).toMatch(/réessayez dans \d+ (s|min)/);
    }
    for (const n of [0, 1]) {
      const right = await trpcCall(baseOf(n), 'mutation', 'auth.login', {
        email: email(2),
        password: PASSWORD,
      });
      expect(right.status).toBe(429);
      expect(right.token).toBeUndefined();
    }
    // Another account from the same address is not locked out by these guesses.
    const other = await trpcCall(baseOf(1), 'mutation', 'auth.login', {
      email: email(3),
      password: PASSWORD,
    });
    expect(other.status).toBe(200);
  });
});
