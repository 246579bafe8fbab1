import type { NextStepCode } from '@cls/domain';
import { describe, expect, it } from 'vitest';
import { NEXT_STEP_LINKS, nextStepLink } from './next-steps.js';

/** What the API answers for a refusal naming a step (tRPC's error, its data). */
const refusal = (nextStep: unknown) => Object.assign(new Error('refusé'), { data: { nextStep } });

describe('a refusal’s next step, as a link', () => {
  it('links « contract not signed » to the contract’s signature form', () => {
    expect(nextStepLink(refusal({ step: 'sign_contract', contractId: 'cls-lodevois' }))).toEqual({
      to: '/contrats/cls-lodevois#signature',
      label: 'Enregistrer la signature du contrat',
    });
  });

  it('gives every step of the domain a route in the app and French words', () => {
    for (const step of Object.keys(NEXT_STEP_LINKS) as NextStepCode[]) {
      const link = nextStepLink(refusal({ step, contractId: 'c 1' }));
      expect(link?.to).toMatch(/^\/contrats\/c%201(\/|#)/);
      expect(link?.label).toMatch(/^[A-ZÉ][a-zàâçéèêëîïôûù’' -]+$/);
    }
  });

  it('links nothing when the refusal names no step, or one this app does not know', () => {
    expect(nextStepLink(new Error('refusé'))).toBeUndefined();
    expect(nextStepLink(refusal(null))).toBeUndefined();
    expect(nextStepLink(refusal({ step: 'toString', contractId: 'x' }))).toBeUndefined();
    expect(nextStepLink(refusal({ step: 'unknown_step' }))).toBeUndefined();
    expect(nextStepLink(undefined)).toBeUndefined();
  });
});
