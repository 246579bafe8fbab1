/**
 * What a refused user should do first: a refusal (`DomainError`) may name the
 * missing step, machine-readable, beside its French message. The API passes it
 * through to the apps (`error.data.nextStep`), and the admin app turns it into
 * a link to the step's form (apps/admin/src/shared/next-steps.ts), so « Le
 * contrat n’est pas encore signé » comes with « Enregistrer la signature du
 * contrat » rather than leaving the user stuck.
 *
 * A new step is one more line here, with the ids its link needs: the admin's
 * mapping is typed by this list, so the compiler asks for its route and label.
 */
export interface NextStepParams {
  /** The contract must be signed first (e.g. to start an action that is not preparatory). */
  sign_contract: { contractId: string };
  /** The contract is signed: plan changes go through a draft amendment (avenant). */
  draft_amendment: { contractId: string };
  /** A governance body must be defined first (e.g. before a meeting of it). */
  define_body: { contractId: string };
}

export type NextStepCode = keyof NextStepParams;

/** One step and its ids: `{ step: 'sign_contract', contractId }`. */
export type NextStepOf<Code extends NextStepCode> = { step: Code } & NextStepParams[Code];

export type NextStep = { [Code in NextStepCode]: NextStepOf<Code> }[NextStepCode];
