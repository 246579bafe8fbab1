import type { ActionStatus } from '../action/status.js';
import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { IndicatorEvent } from '../indicator/events.js';
import type { MeansEvent } from '../means/events.js';
import type { NamedPerson } from '../personal-data.js';
import type { DatePrecision, EffectiveOn, Period } from '../values.js';
import type { Commitment, PlanChange } from './commands.js';

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
      /** How many communes the territory counts, when a source names only some. */
      communeCount?: number;
    };
    period: Period;
    parties: Signatory[];
    porteur?: string;
    previousContractId?: string;
    commitments?: Commitment[];
  } & EffectiveOn
>;
/** A draft corrected before signature: only the fields that changed; `null` removed the porteur or the previous contract. */
export type ContractDraftUpdated = DomainEvent<
  'ContractDraftUpdated',
  {
    contractId: string;
    name?: string;
    territory?: ContractDrafted['data']['territory'];
    period?: Period;
    parties?: Signatory[];
    porteur?: string | null;
    previousContractId?: string | null;
    commitments?: Commitment[];
  } & EffectiveOn
>;
/** Set on a plan event an avenant caused: the avenant's id (absent: a direct change before signature). */
interface ByAmendment {
  amendmentId?: string;
}

export type AxisDefined = DomainEvent<
  'AxisDefined',
  {
    contractId: string;
    code: string;
    title: string;
    objectives: string[];
    description?: string;
  } & EffectiveOn &
    ByAmendment
>;

/** The fields of a fiche-action besides its code, axis and title; all optional (older events lack them). */
export interface FicheDetails {
  context?: string;
  diagnostic?: string;
  operationalObjectives?: string[];
  territory?: string;
  presentation?: string[];
  prerequisites?: string[];
  expectedResults?: string[];
  means?: string[];
  calendar?: string;
  coordinatorRole?: string[];
  prsLinks?: string[];
  indicators?: { label: string; kind?: string }[];
  updatedOn?: string;
  updatedOnPrecision?: DatePrecision;
}

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
  } & FicheDetails &
    EffectiveOn &
    ByAmendment
>;
export type AxisUpdated = DomainEvent<
  'AxisUpdated',
  {
    contractId: string;
    code: string;
    title?: string;
    objectives?: string[];
    description?: string;
  } & ByAmendment
>;
export type AxisWithdrawn = DomainEvent<
  'AxisWithdrawn',
  { contractId: string; code: string; reason: string } & ByAmendment
>;
/** Only the fields given changed. */
export type FicheActionUpdated = DomainEvent<
  'FicheActionUpdated',
  {
    contractId: string;
    code: string;
    title?: string;
    objectives?: string[];
    pilots?: string[];
    pilotPersons?: NamedPerson[];
    partners?: string[];
    publics?: string[];
  } & FicheDetails &
    ByAmendment
>;
export type FicheActionMoved = DomainEvent<
  'FicheActionMoved',
  { contractId: string; code: string; fromAxisCode: string; toAxisCode: string } & ByAmendment
>;
export type FicheActionWithdrawn = DomainEvent<
  'FicheActionWithdrawn',
  { contractId: string; code: string; reason: string } & ByAmendment
>;
/** The order of one level of the plan: axes, the fiches of an axis, the actions of a fiche (their ids). */
export type PlanReordered = DomainEvent<
  'PlanReordered',
  {
    contractId: string;
    level: 'axes' | 'fiches' | 'actions';
    parentCode?: string;
    order: string[];
  } & ByAmendment
>;
export type FicheProgressReported = DomainEvent<
  'FicheProgressReported',
  {
    contractId: string;
    code: string;
    reportedOn: string;
    status: ActionStatus;
    /** Absent when unknown (« non renseigné »). */
    percentComplete?: number;
    comment?: string;
  }
>;
export type AmendmentDrafted = DomainEvent<
  'AmendmentDrafted',
  { contractId: string; amendmentId: string; title: string; summary?: string; changes: PlanChange[] }
>;
/** The draft as it now stands (title, summary and changes after the edit). */
export type AmendmentDraftEdited = DomainEvent<
  'AmendmentDraftEdited',
  { contractId: string; amendmentId: string; title: string; summary?: string; changes: PlanChange[] }
>;
export type AmendmentDraftWithdrawn = DomainEvent<
  'AmendmentDraftWithdrawn',
  { contractId: string; amendmentId: string; reason?: string }
>;
/** One party's signature of an avenant; the signer's name sealed with the key of `signerId`. */
export type AmendmentPartySigned = DomainEvent<
  'AmendmentPartySigned',
  {
    contractId: string;
    amendmentId: string;
    party: string;
    signer?: string;
    signerId?: string;
    signedOn: string;
  }
>;
/** Every party signed: the avenant's changes follow (the contract's in the same append, the actions' by a reactor). */
export type AmendmentSigned = DomainEvent<
  'AmendmentSigned',
  { contractId: string; amendmentId: string; signedOn: string; parties: string[] }
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
  | ContractDraftUpdated
  | AxisDefined
  | FicheActionDefined
  | ContractSigned
  | ContractAmended
  | ContractClosed
  | GovernanceBodyDefined
  | GovernanceBodyUpdated
  | FactRecorded
  | AxisUpdated
  | AxisWithdrawn
  | FicheActionUpdated
  | FicheActionMoved
  | FicheActionWithdrawn
  | PlanReordered
  | FicheProgressReported
  | AmendmentDrafted
  | AmendmentDraftEdited
  | AmendmentDraftWithdrawn
  | AmendmentPartySigned
  | AmendmentSigned
  | IndicatorEvent
  | MeansEvent;

export const CONTRACT_EVENT_TYPES = everyTypeOf<ContractEvent>()([
  'ContractDrafted',
  'ContractDraftUpdated',
  'AxisDefined',
  'FicheActionDefined',
  'ContractSigned',
  'ContractAmended',
  'ContractClosed',
  'GovernanceBodyDefined',
  'GovernanceBodyUpdated',
  'FactRecorded',
  'AxisUpdated',
  'AxisWithdrawn',
  'FicheActionUpdated',
  'FicheActionMoved',
  'FicheActionWithdrawn',
  'PlanReordered',
  'FicheProgressReported',
  'AmendmentDrafted',
  'AmendmentDraftEdited',
  'AmendmentDraftWithdrawn',
  'AmendmentPartySigned',
  'AmendmentSigned',
  'IndicatorDefined',
  'IndicatorUpdated',
  'FundingLinePlanned',
  'FundingLineUpdated',
  'FundingAmountsRecorded',
  'FundingLineWithdrawn',
  'CallForProjectsRecorded',
  'CallForProjectsUpdated',
  'StaffTimeRecorded',
]);

/** The events that change the plan's tree (axes, fiches, their order). */
export const PLAN_EVENT_TYPES = [
  'AxisDefined',
  'AxisUpdated',
  'AxisWithdrawn',
  'FicheActionDefined',
  'FicheActionUpdated',
  'FicheActionMoved',
  'FicheActionWithdrawn',
  'PlanReordered',
] as const;
