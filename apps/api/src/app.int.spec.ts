import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
