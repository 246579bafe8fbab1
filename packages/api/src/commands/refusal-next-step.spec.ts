import { DomainError } from '@cls/domain';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../root.js';
import { fakeContext, sessionWith } from '../testing/fake-context.js';

const cdh = 'cls-coeur-herault-2024';
const coordinator = sessionWith({ role: 'coordinator', scope: { contractId: cdh } });

/** A mutation over HTTP (the fetch adapter), its command refused by the host as the decider would. */
async function refusedWith(error: Error) {
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    router: appRouter,
    req: new Request('http://localhost/trpc/action.start', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actionId: `${cdh}.1.1-A1`, startedOn: '2025-01-06' }),
    }),
    createContext: () =>
      fakeContext(coordinator, {
        contracts: { [`action-${cdh}.1.1-A1`]: cdh },
        execute: async () => {
          throw error;
        },
      }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { message: string; data: Record<string, unknown> } },
  };
}

describe('a refusal’s next step, passed through to the apps', () => {
  it('answers the step the domain names, beside its message and code', async () => {
    const { status, body } = await refusedWith(
      new DomainError('invalid_status', 'Le contrat n’est pas encore signé', undefined, {
        step: 'sign_contract',
        contractId: cdh,
      }),
    );
    expect(status).toBe(409);
    expect(body.error.message).toBe('Le contrat n’est pas encore signé');
    expect(body.error.data).toMatchObject({
      domainCode: 'invalid_status',
      nextStep: { step: 'sign_contract', contractId: cdh },
    });
  });

  it('answers none when the refusal names none', async () => {
    const { body } = await refusedWith(
      new DomainError('invalid_value', 'Date hors de la période', 'startedOn'),
    );
    expect(body.error.data.nextStep).toBeUndefined();
    expect(body.error.data.fieldErrors).toEqual({ startedOn: ['Date hors de la période'] });
  });
});
