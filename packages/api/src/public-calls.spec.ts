import { describe, expect, it } from 'vitest';
import { appRouter } from './root.js';
import { fakeContext, sessionWith } from './testing/fake-context.js';
import { createCallerFactory } from './trpc.js';

const createCaller = createCallerFactory(appRouter);

/** A context whose host counts the public calls, and refuses beyond `budget`. */
function counting(session: Parameters<typeof fakeContext>[0], budget = Number.POSITIVE_INFINITY) {
  const spent = { calls: 0 };
  const context = fakeContext(session, {
    spendPublicCall: () => {
      spent.calls += 1;
      return spent.calls > budget ? 'Au plus 2 requêtes par minute : réessayez plus tard' : undefined;
    },
  });
  return { caller: createCaller(context), spent };
}

describe('public calls: what anyone may call counts against the caller’s budget', () => {
  it('counts every call without a session: the portal’s, system.info, auth.*, and those refused with a 401', async () => {
    const { caller, spent } = counting(null);
    await caller.portal.contracts();
    await caller.system.info();
    await caller.auth.providers();
    await expect(caller.board.offers({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(spent.calls).toBe(4);
  });

  it('counts the portal’s calls of a signed-in user, not the rest of what they do', async () => {
    const { caller, spent } = counting(sessionWith({ role: 'admin', scope: {} }));
    await caller.portal.contracts();
    await caller.system.info();
    await caller.board.offers({});
    expect(spent.calls).toBe(1);
  });

  it('refuses a call beyond the budget with a 429 and the host’s reason, before running it', async () => {
    const { caller } = counting(null, 2);
    await caller.portal.contracts();
    await caller.portal.contracts();
    await expect(caller.portal.contracts()).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Au plus 2 requêtes par minute : réessayez plus tard',
    });
  });
});
