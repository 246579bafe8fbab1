import { type DomainEvent, everyTypeOf } from '../decider.js';
import type { NamedPerson } from '../personal-data.js';
import type { EffectiveOn } from '../values.js';
import type { Progress } from './commands.js';

export interface PlannedDeliverable {
  deliverableId: string;
  title: string;
}

export interface PlannedYears {
  years: number[];
  uncertain: boolean;
  note?: string;
}

export type ActionPlanned = DomainEvent<
  'ActionPlanned',
  {
    actionId: string;
    contractId: string;
    ficheCode: string;
    code: string;
    title: string;
    pilots: string[];
    /** Pilots who are persons, their names sealed (see PERSONAL_DATA_OF_EVENT). */
    pilotPersons?: NamedPerson[];
    partners: string[];
    plannedYears: PlannedYears;
    plannedDeliverables: PlannedDeliverable[];
    preparatory?: boolean;
    /** The avenant that planned it, when one did. */
    amendmentId?: string;
  } & EffectiveOn
>;
/** Only the fields given changed. */
export type ActionUpdated = DomainEvent<
  'ActionUpdated',
  {
    actionId: string;
    title?: string;
    pilots?: string[];
    /** Pilots who are persons, their names sealed (see PERSONAL_DATA_OF_EVENT). */
    pilotPersons?: NamedPerson[];
    partners?: string[];
    plannedYears?: PlannedYears;
    plannedDeliverables?: PlannedDeliverable[];
    amendmentId?: string;
  }
>;
export type ActionMoved = DomainEvent<
  'ActionMoved',
  { actionId: string; fromFicheCode: string; toFicheCode: string; amendmentId?: string }
>;
/** The action left the plan: kept in history, hidden from the live plan. */
export type ActionWithdrawn = DomainEvent<
  'ActionWithdrawn',
  { actionId: string; reason: string; amendmentId?: string }
>;
/** The action starts, or resumes after a suspension. */
export type ActionStarted = DomainEvent<'ActionStarted', { actionId: string; startedOn: string }>;
export type ProgressReported = DomainEvent<
  'ProgressReported',
  { actionId: string; reportedOn: string; progress: Progress; percentComplete?: number; comment?: string }
>;
export type DeliverableProduced = DomainEvent<
  'DeliverableProduced',
  {
    actionId: string;
    deliverableId: string;
    title: string;
    producedOn: string;
    link?: string;
    attachmentHash?: string;
    /** Whether it fulfils a deliverable planned with the action (false: an extra one). */
    planned: boolean;
  }
>;
export type IndicatorMeasured = DomainEvent<
  'IndicatorMeasured',
  {
    actionId: string;
    /** The catalogue's indicator (absent in measures recorded before the catalogue). */
    indicatorId?: string;
    indicator: string;
    value: number;
    unit?: string;
    period: { year: number; label?: string };
    measuredOn: string;
  }
>;
export type ActionCompleted = DomainEvent<'ActionCompleted', { actionId: string; completedOn: string }>;
export type ActionSuspended = DomainEvent<
  'ActionSuspended',
  { actionId: string; suspendedOn: string; reason: string }
>;
export type ActionAbandoned = DomainEvent<
  'ActionAbandoned',
  { actionId: string; abandonedOn: string; reason: string }
>;

export type ActionEvent =
  | ActionPlanned
  | ActionStarted
  | ProgressReported
  | DeliverableProduced
  | IndicatorMeasured
  | ActionCompleted
  | ActionSuspended
  | ActionAbandoned
  | ActionUpdated
  | ActionMoved
  | ActionWithdrawn;

export const ACTION_EVENT_TYPES = everyTypeOf<ActionEvent>()([
  'ActionPlanned',
  'ActionStarted',
  'ProgressReported',
  'DeliverableProduced',
  'IndicatorMeasured',
  'ActionCompleted',
  'ActionSuspended',
  'ActionAbandoned',
  'ActionUpdated',
  'ActionMoved',
  'ActionWithdrawn',
]);
