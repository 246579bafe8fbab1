import type { PlanChange } from '@cls/domain';

export type AmendmentStatus = 'draft' | 'signing' | 'signed' | 'withdrawn';

export const AMENDMENT_STATUS_LABELS: Record<AmendmentStatus, string> = {
  draft: 'Projet',
  signing: 'Signature en cours',
  signed: 'Signé',
  withdrawn: 'Abandonné',
};

/** An avenant as the editor and the avenants page show it. */
export interface AmendmentView {
  amendmentId: string;
  title: string;
  summary?: string | null | undefined;
  status: AmendmentStatus;
  /** The parties who must sign (the contract's signatories). */
  parties: string[];
  changes: PlanChange[];
  /** The parties who signed, when. */
  signatures: Array<{ party: string; signer?: string | null | undefined; signedOn: string }>;
  signedOn?: string | null | undefined;
}

/** The draft the editor adds its changes to: drafted, not withdrawn, signed by nobody yet. */
export const currentDraft = (amendments: readonly AmendmentView[]) =>
  amendments.find((amendment) => amendment.status === 'draft' && amendment.signatures.length === 0);

/** A contract's avenants, newest last. */
export function useAmendments(_contractId: string): AmendmentView[] {
  return [];
}
