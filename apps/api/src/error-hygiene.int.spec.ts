import { freePort, useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcCall } from './testing/security.js';
import { startTestApp } from './testing/test-app.js';

/** What an error tells a caller: what they need to know, nothing of the server's insides. */
describe('errors without the server’s insides', () => {
  describe('tRPC errors', () => {
    const database = useTestDatabase();
    let app: INestApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startTestApp(database.url));
    });
    afterAll(async () => {
      await app?.close();
    });

    it('carry no stack trace (only NODE_ENV=development would add one)', async () => {
      const failing = await Promise.all([
        // 401, 400 (invalid input), 404 (no such procedure), 401 (wrong password).
        trpcCall(base, 'mutation', 'contract.defineAxis', { contractId: 'x', code: '1', title: 'Axe' }),
        trpcCall(base, 'query', 'portal.offer', { id: 42 }),
        trpcCall(base, 'query', 'inconnu.procedure', undefined),
        trpcCall(base, 'mutation', 'auth.login', { email: 'personne@exemple.fr', password: 'mauvais' }),
      ]);
      expect(failing.map(({ status }) => status)).toEqual([401, 400, 404, 401]);
      for (const { body } of failing) {
        const text = JSON.stringify(body);
        expect(body).toMatchObject({ error: { message: expect.any(String) } });
        expect(text).not.toMatch(/"stack"/);
        expect(text).not.toMatch(/node_modules|\.ts:\d+|at async/);
      }
    });
  });

  describe('with the database out of reach', () => {
    let app: INestApplication;
    let base: string;
    let port: number;

    beforeAll(async () => {
      // Nobody listens there: every query fails with the driver's own words (address, port…).
      port = await freePort();
      ({ app, base } = await startTestApp(`postgres://cls:secret-de-la-base@127.0.0.1:${port}/cls`));
    });
    afterAll(async () => {
      await app?.close();
    });

    it('/healthz and system.info say it is unreachable, in French, without the driver’s error', async () => {
      const health = await fetch(`${base}/healthz`);
      const healthBody = await health.text();
      const info = await trpcCall(base, 'query', 'system.info', undefined);
      expect(health.status).toBe(503);
      expect(JSON.parse(healthBody)).toMatchObject({
        status: 'unavailable',
        database: { up: false, error: 'base de données injoignable' },
      });
      expect(info.status).toBe(200);
      expect(info.body).toMatchObject({
        result: { data: { database: { up: false, error: 'base de données injoignable' } } },
      });
      for (const text of [healthBody, JSON.stringify(info.body)]) {
        expect(text).not.toMatch(/ECONNREFUSED|connect |127\.0\.0\.1|secret-de-la-base/);
        expect(text).not.toContain(String(port));
      }
    });
  });
});
