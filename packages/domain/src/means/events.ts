import type { DomainEvent } from '../decider.js';
import type { CallOutcome } from './commands.js';

/** An organisation of the directory as an event names it: its id, and its name when the event was decided. */
export interface NamedOrganisation {
  organisationId: string;
  name: string;
}

/** A year's figures of a funding line, in euros; an absent figure is unknown (« non renseigné »). */
export interface FundingYear {
  year: number;
  planned?: number;
  committed?: number;
  paid?: number;
}

/** A funding line of the contract, as planned and corrected since. */
export interface FundingLine {
  funder: NamedOrganisation;
  /** The action it funds; absent: the coordination. */
  actionId?: string;
  label: string;
  source?: string;
  callForProjectsId?: string;
  /** One entry per year, in the order of the years. */
  amounts: FundingYear[];
}

export type FundingLinePlanned = DomainEvent<
  'FundingLinePlanned',
  { contractId: string; fundingLineId: string } & FundingLine
>;
/** Only the fields that changed; `null`: back to the coordination, or no longer a source or a call. */
export type FundingLineUpdated = DomainEvent<
  'FundingLineUpdated',
  {
    contractId: string;
    fundingLineId: string;
    funder?: NamedOrganisation;
    actionId?: string | null;
    label?: string;
    source?: string | null;
    callForProjectsId?: string | null;
  }
>;
/** A year's figures as they now stand (an absent figure is unknown). */
export type FundingAmountsRecorded = DomainEvent<
  'FundingAmountsRecorded',
  { contractId: string; fundingLineId: string } & FundingYear
>;
export type FundingLineWithdrawn = DomainEvent<
  'FundingLineWithdrawn',
  { contractId: string; fundingLineId: string; reason: string }
>;

/** A call for projects (appel à projets) the contract's actions answered. */
export interface CallForProjects {
  funder: NamedOrganisation;
  title: string;
  openedOn?: string;
  closesOn?: string;
  amountAvailable?: number;
  actionIds: string[];
  outcome?: CallOutcome;
  outcomeNote?: string;
}

export type CallForProjectsRecorded = DomainEvent<
  'CallForProjectsRecorded',
  { contractId: string; callForProjectsId: string } & CallForProjects
>;
/** Only the fields that changed. */
export type CallForProjectsUpdated = DomainEvent<
  'CallForProjectsUpdated',
  { contractId: string; callForProjectsId: string } & Partial<CallForProjects>
>;

/** The staff time an organisation gives in a role, a year (0: none any more). */
export interface StaffTime {
  year: number;
  role: string;
  organisation: NamedOrganisation;
  fte: number;
  source?: string;
}

export type StaffTimeRecorded = DomainEvent<'StaffTimeRecorded', { contractId: string } & StaffTime>;

export type MeansEvent =
  | FundingLinePlanned
  | FundingLineUpdated
  | FundingAmountsRecorded
  | FundingLineWithdrawn
  | CallForProjectsRecorded
  | CallForProjectsUpdated
  | StaffTimeRecorded;

export const MEANS_EVENT_TYPES = [
  'FundingLinePlanned',
  'FundingLineUpdated',
  'FundingAmountsRecorded',
  'FundingLineWithdrawn',
  'CallForProjectsRecorded',
  'CallForProjectsUpdated',
  'StaffTimeRecorded',
] as const satisfies ReadonlyArray<MeansEvent['type']>;
