import { ACTION_STATUS_LABELS, CONTRACT_STATUS_LABELS, OFFER_KIND_LABELS, type OfferKind } from '@cls/domain';

export { OFFER_KIND_LABELS };

export const kindLabel = (kind: OfferKind) => OFFER_KIND_LABELS[kind].long;

/** A status the API sends as a string, in French (as is when unknown). */
export const actionStatusLabel = (status: string) =>
  ACTION_STATUS_LABELS[status as keyof typeof ACTION_STATUS_LABELS] ?? status;
export const contractStatusLabel = (status: string) =>
  CONTRACT_STATUS_LABELS[status as keyof typeof CONTRACT_STATUS_LABELS] ?? status;
