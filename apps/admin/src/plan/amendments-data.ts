import type { PlanChange } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';

/** Where an avenant is: a draft nobody signed, a draft some parties signed, signed by all, abandoned. */
export type AmendmentStage = 'draft' | 'signing' | 'signed' | 'withdrawn';

export const AMENDMENT_STAGE_LABELS: Record<AmendmentStage, string> = {
  draft: 'Projet',
  signing: 'Signature en cours',
  signed: 'Signé',
  withdrawn: 'Abandonné',
};

/** An avenant as the editor and the avenants page show it. */
export interface AmendmentView {
  amendmentId: string;
  title: string;
  summary: string | null;
  stage: AmendmentStage;
  changes: PlanChange[];
  /** The parties who signed, when (in the order they signed). */
  signatures: Array<{ party: string; signedOn: string }>;
  signedOn: string | null;
  /** Revision of the contract's stream it was read at: what its edits send as `expectedRevision`. */
  revision?: number | undefined;
}

/** An avenant of the read model as the screens show it: « signature en cours » once a party signed. */
export function amendmentView(row: {
  amendmentId: string;
  title: string;
  summary: string | null;
  status: 'draft' | 'signed' | 'withdrawn';
  changes: PlanChange[];
  signedBy: Record<string, string>;
  signedOn: string | null;
  revision?: number | undefined;
}): AmendmentView {
  const signatures = Object.entries(row.signedBy)
    .map(([party, signedOn]) => ({ party, signedOn }))
    .sort((a, b) => a.signedOn.localeCompare(b.signedOn));
  const stage: AmendmentStage = row.status === 'draft' && signatures.length > 0 ? 'signing' : row.status;
  return {
    amendmentId: row.amendmentId,
    title: row.title,
    summary: row.summary,
    stage,
    changes: row.changes,
    signatures,
    signedOn: row.signedOn,
    revision: row.revision,
  };
}

/** The draft the editor adds its changes to: drafted, not withdrawn, signed by nobody yet. */
export const currentDraft = (amendments: readonly AmendmentView[]) =>
  amendments.find((amendment) => amendment.stage === 'draft');

/** A contract's avenants. */
export function useAmendments(contractId: string): AmendmentView[] {
  const trpc = useTRPC();
  const amendments = useQuery(trpc.board.amendments.queryOptions({ contractId }));
  return (amendments.data ?? []).map(amendmentView);
}
