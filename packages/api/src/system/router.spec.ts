import { describe, expect, it } from 'vitest';
import { appRouter } from '../root.js';
import { fakeContext } from '../testing/fake-context.js';
import { createCallerFactory } from '../trpc.js';

const createCaller = createCallerFactory(appRouter);

describe('system.info', () => {
  it('returns what the host reports, without a session', async () => {
    const info = await createCaller(fakeContext(null)).system.info();
    expect(info).toMatchObject({ application: 'Plateforme CLS', database: { up: true } });
  });

  it('refuses to publish a malformed answer from the host', async () => {
    const context = fakeContext(null);
    const caller = createCaller({
      ...context,
      system: { info: async () => ({ ...(await context.system.info()), startedAt: 'yesterday' }) },
    });
    await expect(caller.system.info()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
