import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { NamedPerson } from '../personal-data.js';
import type { DatePrecision, EffectiveOn, Period } from '../values.js';
import type { Commitment } from './commands.js';

export interface Signatory {
  organisation: string;
  /** Sealed with the key of `signerId` (see PERSONAL_DATA_OF_EVENT). */
  signer?: string;
  signerId?: string;
  inferred?: boolean;
}

export type ContractDrafted = DomainEvent<
  'ContractDrafted',
  {
    contractId: string;
    name: string;
    territory: {
      name: string;
      epci: string[];
      communes: string[];
      communeCodes?: string[];
      epciCodes?: string[];
    };
    period: Period;
    parties: Signatory[];
    porteur?: string;
    previousContractId?: string;
    commitments?: Commitment[];
  } & EffectiveOn
>;
export type AxisDefined = DomainEvent<
  'AxisDefined',
  { contractId: string; code: string; title: string; objectives: string[] } & EffectiveOn
>;
export type FicheActionDefined = DomainEvent<
  'FicheActionDefined',
  {
    contractId: string;
    axisCode: string;
    code: string;
    title: string;
    objectives: string[];
    pilots: string[];
    /** Pilots who are persons, their names sealed (see PERSONAL_DATA_OF_EVENT). */
    pilotPersons?: NamedPerson[];
    partners: string[];
    publics: string[];
  } & EffectiveOn
>;
export type ContractSigned = DomainEvent<
  'ContractSigned',
  {
    contractId: string;
    signedOn: string;
    signedOnPrecision?: DatePrecision;
    signatories: Signatory[];
    /** The source names none of them (see SignContractSchema). */
    signatoriesUnknown?: true;
  }
>;
export type ContractAmended = DomainEvent<
  'ContractAmended',
  { contractId: string; amendedOn: string; summary: string; details?: string }
>;
export type ContractClosed = DomainEvent<
  'ContractClosed',
  { contractId: string; closedOn: string; reason?: string }
>;

export type GovernanceBodyDefined = DomainEvent<
  'GovernanceBodyDefined',
  { contractId: string; body: string; role: string; members: string[]; meetingsPerYear?: number }
>;
/** What a body is now: every field as given (an absent frequency is « non renseignée »). */
export type GovernanceBodyUpdated = DomainEvent<
  'GovernanceBodyUpdated',
  { contractId: string; body: string; role: string; members: string[]; meetingsPerYear?: number }
>;
export type FactRecorded = DomainEvent<
  'FactRecorded',
  {
    contractId: string;
    factId: string;
    kind: string;
    subject: string;
    date: string;
    precision: DatePrecision;
    place?: string;
    details?: string;
    figures: Record<string, unknown>;
    attributes: Record<string, unknown>;
    measure?: string;
    dateInferred: boolean;
    planned: boolean;
    source?: string;
  }
>;

export type ContractEvent =
  | ContractDrafted
  | AxisDefined
  | FicheActionDefined
  | ContractSigned
  | ContractAmended
  | ContractClosed
  | GovernanceBodyDefined
  | GovernanceBodyUpdated
  | FactRecorded;

export const CONTRACT_EVENT_TYPES = everyTypeOf<ContractEvent>()([
  'ContractDrafted',
  'AxisDefined',
  'FicheActionDefined',
  'ContractSigned',
  'ContractAmended',
  'ContractClosed',
  'GovernanceBodyDefined',
  'GovernanceBodyUpdated',
  'FactRecorded',
]);
