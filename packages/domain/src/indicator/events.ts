import type { DomainEvent } from '../decider.js';
import type { AggregationRule, IndicatorDirection, IndicatorType } from './commands.js';

/** An indicator of the contract's catalogue, as defined (see DefineIndicator). */
export interface IndicatorDefinition {
  ficheCode: string;
  actionId?: string;
  label: string;
  kind: IndicatorType | null;
  unit?: string;
  direction: IndicatorDirection | null;
  baseline?: { value: number; on: string; source?: string };
  targets: Array<{ year: number; value: number }>;
  dataSource?: string;
  owner?: string;
  aggregation: AggregationRule;
}

export type IndicatorDefined = DomainEvent<
  'IndicatorDefined',
  { contractId: string; indicatorId: string } & IndicatorDefinition
>;
/** Only the fields that changed. */
export type IndicatorUpdated = DomainEvent<
  'IndicatorUpdated',
  { contractId: string; indicatorId: string } & Partial<IndicatorDefinition>
>;
export type IndicatorEvent = IndicatorDefined | IndicatorUpdated;
