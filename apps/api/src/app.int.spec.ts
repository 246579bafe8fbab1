import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { parseEnv } from './config/env.js';

describe('HTTP application on a real PostgreSQL', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const parsed = parseEnv({ NODE_ENV: 'test' });
    if (!parsed.ok) throw new Error(parsed.message);
    ({ app } = await createApp({
      env: parsed.env,
      databaseUrl: database.url,
      version: '9.9.9',
      quiet: true,
    }));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
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
    const parsed = parseEnv({ NODE_ENV: 'test' });
    if (!parsed.ok) throw new Error(parsed.message);
    // Nothing listens on port 1 of loopback: connections are refused at once.
    const { app } = await createApp({
      env: parsed.env,
      databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none',
      version: '9.9.9',
      quiet: true,
    });
    try {
      await app.listen(0, '127.0.0.1');
      const port = (app.getHttpServer().address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', database: { up: false } });
    } finally {
      await app.close();
    }
  });
});
