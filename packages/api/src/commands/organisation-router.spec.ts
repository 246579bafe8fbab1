import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Session } from '../auth/session.js';
import { appRouter } from '../root.js';
import { fakeContext, sessionWith } from '../testing/fake-context.js';
import { createCallerFactory } from '../trpc.js';

const createCaller = createCallerFactory(appRouter);
const register = { organisationId: 'ars-occitanie', name: 'ARS Occitanie', kind: 'ars' as const };

async function outcome(
  session: Session | null,
  call: (caller: ReturnType<typeof createCaller>) => Promise<unknown>,
) {
  const context = fakeContext(session);
  try {
    await call(createCaller(context));
    return { code: 'OK', executed: context.executed.length };
  } catch (error) {
    return {
      code: (error as TRPCError).code,
      message: (error as Error).message,
      executed: context.executed.length,
    };
  }
}

describe('the organisations directory', () => {
  it.each([
    ['nobody signed in', null, 'UNAUTHORIZED'],
    ['an auditor', sessionWith({ role: 'auditor', scope: {} }), 'FORBIDDEN'],
    ['a pilot', sessionWith({ role: 'pilot', scope: { actionId: 'a.1' } }), 'FORBIDDEN'],
    ['a coordinator of any contract', sessionWith({ role: 'coordinator', scope: { contractId: 'c' } }), 'OK'],
    ['an admin', sessionWith({ role: 'admin', scope: {} }), 'OK'],
  ])('registering and editing an organisation: %s → %s', async (_who, session, expected) => {
    const registered = await outcome(session, (caller) => caller.organisation.register(register));
    expect(registered.code).toBe(expected);
    expect(registered.executed).toBe(expected === 'OK' ? 1 : 0);
    const updated = await outcome(session, (caller) =>
      caller.organisation.update({
        organisationId: register.organisationId,
        changes: { name: 'ARS d’Occitanie' },
      }),
    );
    expect(updated.code).toBe(expected);
  });

  it('refuses a wrong SIRET with a French message, before anything runs', async () => {
    const result = await outcome(sessionWith({ role: 'admin', scope: {} }), (caller) =>
      caller.organisation.register({ ...register, siret: '732 829 320 00075' }),
    );
    expect(result).toMatchObject({ code: 'BAD_REQUEST', executed: 0 });
    expect(result.message).toMatch(/SIRET invalide/);
  });

  it('is read by any signed-in user, pilots included (it names organisations, no person)', async () => {
    const pilot = await outcome(sessionWith({ role: 'pilot', scope: { actionId: 'a.1' } }), (caller) =>
      caller.board.organisations({ query: 'ars' }),
    );
    expect(pilot.code).toBe('OK');
    expect((await outcome(null, (caller) => caller.board.organisations())).code).toBe('UNAUTHORIZED');
  });
});
