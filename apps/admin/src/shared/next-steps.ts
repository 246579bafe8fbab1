import type { NextStep, NextStepCode, NextStepOf } from '@cls/domain';

/** Where a refused user goes next: the route of the step's form (`#` the form's anchor) and the link's words. */
export interface NextStepLink {
  to: string;
  label: string;
}

const contract = (contractId: string) => `/contrats/${encodeURIComponent(contractId)}`;

/**
 * The one map from a refusal's missing step (`NextStep`, named by the domain) to
 * the screen that does it. A new step in the domain is a compile error here
 * until it has its line.
 */
export const NEXT_STEP_LINKS: { [Code in NextStepCode]: (step: NextStepOf<Code>) => NextStepLink } = {
  sign_contract: ({ contractId }) => ({
    to: `${contract(contractId)}#signature`,
    label: 'Enregistrer la signature du contrat',
  }),
  draft_amendment: ({ contractId }) => ({
    to: `${contract(contractId)}/avenants`,
    label: 'Préparer un avenant',
  }),
  define_body: ({ contractId }) => ({
    to: `${contract(contractId)}/instances#definir-instance`,
    label: 'Définir l’instance de gouvernance',
  }),
};

const linkOf = <Code extends NextStepCode>(step: NextStepOf<Code>): NextStepLink =>
  NEXT_STEP_LINKS[step.step](step);

/**
 * The link of a refusal's next step, from what the API answered (`error.data.nextStep`):
 * none when it names none, or a step this app does not know (an older app, a newer API).
 */
export function nextStepLink(error: unknown): NextStepLink | undefined {
  const step = (error as { data?: { nextStep?: NextStep | null } } | null)?.data?.nextStep;
  if (!step || typeof step !== 'object' || !Object.hasOwn(NEXT_STEP_LINKS, step.step)) return undefined;
  return linkOf(step);
}
