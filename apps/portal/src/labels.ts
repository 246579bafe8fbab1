import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  CONTRACT_STATUS_LABELS,
  type ContractStatus,
  OFFER_KIND_LABELS,
  type OfferKind,
} from '@cls/domain';

export { OFFER_KIND_LABELS };

export const kindLabel = (kind: OfferKind) => OFFER_KIND_LABELS[kind].long;

/** A status in French. */
export const actionStatusLabel = (status: ActionStatus) => ACTION_STATUS_LABELS[status];
export const contractStatusLabel = (status: ContractStatus) => CONTRACT_STATUS_LABELS[status];
