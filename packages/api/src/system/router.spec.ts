import { describe, expect, it } from 'vitest';
import { appRouter } from '../root.js';
import { fakeContext } from '../testing/fake-context.js';
import { createCallerFactory } from '../trpc.js';

const createCaller = createCallerFactory(appRouter);

describe('system.info', () => {
  it('refuses to publish a malformed answer from the host', async () => {
    const context = fakeContext(null);
    // The same answer with a valid date goes through: only the malformed field is refused.
    await expect(createCaller(context).system.info()).resolves.toBeDefined();
    const caller = createCaller({
      ...context,
      system: { info: async () => ({ ...(await context.system.info()), startedAt: 'yesterday' }) },
    });
    await expect(caller.system.info()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
