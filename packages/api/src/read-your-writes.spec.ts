import { describe, expect, it } from 'vitest';
import { appRouter } from './root.js';
import { fakeContext, sessionWith } from './testing/fake-context.js';
import { createCallerFactory, NOT_YET_UP_TO_DATE_MESSAGE } from './trpc.js';

const createCaller = createCallerFactory(appRouter);
const admin = sessionWith({ role: 'admin', scope: {} });

describe('read-your-writes', () => {
  it('answers once the read models include the last command of the caller', async () => {
    const caller = createCaller(fakeContext(admin, { minPosition: 42, caughtUp: true }));
    await expect(caller.board.contracts()).resolves.toEqual([]);
  });

  it('refuses with a 503 to retry, rather than answer without the command, past the bounded wait', async () => {
    const caller = createCaller(fakeContext(admin, { minPosition: 42, caughtUp: false }));
    await expect(caller.board.contracts()).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: NOT_YET_UP_TO_DATE_MESSAGE,
    });
  });

  it('does not wait when the caller sent no command', async () => {
    const caller = createCaller(fakeContext(admin, { caughtUp: false }));
    await expect(caller.board.contracts()).resolves.toEqual([]);
  });
});
