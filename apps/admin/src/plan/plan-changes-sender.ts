import { type PlanChange, PlanChangeSchema, type PlanChangeType } from '@cls/domain';
import type { FormMutation } from '../shared/command-form.js';

/**
 * What a plan change sends besides its fields: the contract is the avenant's, the retry key the
 * edit's; the revision is the draft's (the avenant's changes list was read at it), not the form's.
 */
const NOT_A_CHANGE_FIELD = new Set([
  'contractId',
  'commandId',
  'expectedRevision',
  'amendmentId',
  'pilotPersons',
]);

/** A plan command's values as a change of an avenant (`{ type, …fields }`, checked by the domain's schema). */
export function asPlanChange(type: PlanChangeType, input: Record<string, unknown>): PlanChange {
  const fields = Object.fromEntries(Object.entries(input).filter(([key]) => !NOT_A_CHANGE_FIELD.has(key)));
  return PlanChangeSchema.parse({ ...fields, type });
}

/** A draft avenant as the editor extends it: its id and the changes it holds so far. */
export interface DraftInProgress {
  amendmentId: string;
  changes: PlanChange[];
}

/** The next avenant's id and title: numbered after those the contract has (withdrawn ones count). */
export function nextAmendment(contractId: string, count: number) {
  const number = count + 1;
  return { amendmentId: `${contractId}.avenant-${number}`, title: `Avenant n° ${number}` };
}

/**
 * The form's mutation when the contract is signed: the change joins the draft avenant (one is
 * started with the first change), instead of being sent as a direct command the domain refuses.
 */
export function intoAmendment<Input extends Record<string, unknown>>(
  type: PlanChangeType,
  add: (change: PlanChange, commandId: string) => Promise<unknown>,
  isPending: boolean,
): FormMutation<Input> {
  return {
    isPending,
    mutateAsync: ({ commandId, ...input }) => add(asPlanChange(type, input), commandId),
  };
}
