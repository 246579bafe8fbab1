import { ALL_PROJECTIONS, type ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECTION_RUNNER } from './projections/projections.module.js';
import { startTestApp } from './testing/test-app.js';

describe('HTTP application on a real PostgreSQL', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('knows its read models once it listens, where the database answers', () => {
    // Started behind the API, the runner had not created them yet when the first query came:
    // « lecture impossible : la projection contracts n'est pas encore construite » (a 500).
    expect(app.get<ProjectionRunner>(PROJECTION_RUNNER).held()).toEqual(
      ALL_PROJECTIONS.map(({ name }) => name),
    );
  });

  it('GET /healthz answers 200 with the database up', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { database: { serverVersion?: string } };
    expect(body).toMatchObject({ status: 'ok', version: '9.9.9', database: { up: true } });
    expect(body.database.serverVersion).toMatch(/^\d+/);
  });

  it('GET /trpc/system.info goes through the query bus to the database', async () => {
    const response = await fetch(`${base}/trpc/system.info`);
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { data: unknown } };
    expect(result.data).toMatchObject({
      application: 'Plateforme CLS',
      environment: 'test',
      database: { up: true },
    });
  });

  it('answers 404 for an unknown procedure', async () => {
    const response = await fetch(`${base}/trpc/system.nothing`);
    expect(response.status).toBe(404);
  });
});

describe('HTTP application when the database is down', () => {
  it('GET /healthz answers 503 and says the database is unreachable', async () => {
    // Nothing listens on port 1 of loopback: connections are refused at once.
    const { app, base } = await startTestApp('postgres://nobody:nothing@127.0.0.1:1/none');
    try {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', database: { up: false } });
    } finally {
      await app.close();
    }
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const database = useTestDatabase();

  it('takes the client’s scheme and address from the trusted hop: HSTS over HTTPS, a rate budget per client', async () => {
    const { app, base } = await startTestApp(database.url, { TRUST_PROXY: '1', PUBLIC_RATE_LIMIT: '2' });
    try {
      const viaProxy = (client: string) =>
        fetch(`${base}/api/offers/nearest?lon=3&lat=43`, {
          headers: { 'x-forwarded-for': client, 'x-forwarded-proto': 'https' },
        });
      const first = await viaProxy('203.0.113.7');
      expect(first.headers.get('strict-transport-security')).toMatch(/max-age=/);
      await viaProxy('203.0.113.7');
      expect((await viaProxy('203.0.113.7')).status).toBe(429);
      // Another client behind the same proxy has a budget of its own.
      expect((await viaProxy('198.51.100.9')).status).not.toBe(429);
    } finally {
      await app.close();
    }
  });
});
