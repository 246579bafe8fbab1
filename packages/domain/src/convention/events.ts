import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { EffectiveOn } from '../values.js';
import type { ConventionKind } from './commands.js';

export type ConventionDrafted = DomainEvent<
  'ConventionDrafted',
  {
    conventionId: string;
    contractId?: string;
    title: string;
    kind: ConventionKind;
    parties: string[];
    object: string;
  } & EffectiveOn
>;
/** One party signed; the convention is signed once every party has. */
export type ConventionSigned = DomainEvent<
  'ConventionSigned',
  /** `signer` is sealed with the key of `signerId` (see PERSONAL_DATA_OF_EVENT). */
  { conventionId: string; party: string; signer?: string; signerId?: string; signedOn: string }
>;
export type ConventionAmended = DomainEvent<
  'ConventionAmended',
  { conventionId: string; amendedOn: string; summary: string }
>;
export type ConventionTerminated = DomainEvent<
  'ConventionTerminated',
  { conventionId: string; terminatedOn: string; reason: string }
>;

export type ConventionEvent = ConventionDrafted | ConventionSigned | ConventionAmended | ConventionTerminated;

export const CONVENTION_EVENT_TYPES = everyTypeOf<ConventionEvent>()([
  'ConventionDrafted',
  'ConventionSigned',
  'ConventionAmended',
  'ConventionTerminated',
]);
