import { describe, expect, it } from 'vitest';
import { appRouter } from '../root.js';
import { createCallerFactory } from '../trpc.js';
import type { SystemInfo } from './schemas.js';

const createCaller = createCallerFactory(appRouter);

const runningInfo: SystemInfo = {
  application: 'Plateforme CLS',
  version: '0.0.0',
  environment: 'test',
  startedAt: '2026-11-25T08:00:00.000Z',
  database: { up: true, latencyMs: 1, serverVersion: '18.4' },
};

describe('system.info', () => {
  it('returns what the host reports', async () => {
    const caller = createCaller({ system: { info: async () => runningInfo } });
    await expect(caller.system.info()).resolves.toEqual(runningInfo);
  });

  it('refuses to publish a malformed answer from the host', async () => {
    const broken = { ...runningInfo, startedAt: 'yesterday' };
    const caller = createCaller({ system: { info: async () => broken } });
    await expect(caller.system.info()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
