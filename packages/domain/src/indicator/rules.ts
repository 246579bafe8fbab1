import type { PlanFiche } from '../contract/plan.js';
import { event, refuse } from '../decider.js';
import type { Period } from '../values.js';
import type { AggregationRule, IndicatorCommand, IndicatorDirection } from './commands.js';
import type { IndicatorDefinition, IndicatorEvent } from './events.js';

/** Why a rate is not summed: the domain's message, the forms and the read side say the same. */
export const RATE_NOT_SUMMED =
  'Un taux ne s’additionne pas : choisissez la dernière valeur, la moyenne ou un ratio';

/** Whether a unit is a rate or a percentage (« % », « taux », « pour 1000 »…): its measures are never added. */
export const isRateUnit = (unit: string | undefined): boolean =>
  unit !== undefined && /%|\btaux\b|\bpour\s*(100|1\s?000|10\s?000|100\s?000)\b|‰/i.test(unit);

/**
 * Whether an indicator is a rate by its unit or, when it has none, by its label
 * (« Taux de … », « Part des … en % »): what is never added across actions.
 */
export const isRateIndicator = (indicator: { label?: string; unit?: string | undefined }): boolean =>
  isRateUnit(indicator.unit) || isRateUnit(indicator.label);

/** The rule that applies: a rate recorded with 'sum' (it cannot be, but old data) reads as its latest value. */
export const effectiveRule = (indicator: {
  label?: string;
  unit?: string;
  aggregation: AggregationRule;
}): AggregationRule =>
  indicator.aggregation === 'sum' && isRateIndicator(indicator) ? 'latest' : indicator.aggregation;

export interface IndicatorMeasure {
  value: number;
  /** YYYY-MM-DD. */
  measuredOn: string;
}

/**
 * One figure from an indicator's measures, by its rule: the sum of counts, the
 * latest by date, the mean, or the ratio of two indicators' own aggregates
 * (`aggregateOf` gives them). `undefined` when nothing is measured (shown
 * « non renseigné », never 0) or a ratio's denominator is 0 or unknown.
 */
export function aggregateIndicator(
  indicator: { label?: string; unit?: string; aggregation: AggregationRule },
  measures: readonly IndicatorMeasure[],
  aggregateOf: (indicatorId: string) => number | undefined = () => undefined,
): number | undefined {
  const rule = effectiveRule(indicator);
  if (typeof rule === 'object') {
    const numerator = aggregateOf(rule.ratio.numerator);
    const denominator = aggregateOf(rule.ratio.denominator);
    if (numerator === undefined || denominator === undefined || denominator === 0) return undefined;
    return numerator / denominator;
  }
  if (measures.length === 0) return undefined;
  switch (rule) {
    case 'sum':
      return measures.reduce((total, measure) => total + measure.value, 0);
    case 'mean':
      return measures.reduce((total, measure) => total + measure.value, 0) / measures.length;
    case 'latest':
      // The last by date; on the same day, the last recorded.
      return measures.reduce((last, measure) => (measure.measuredOn >= last.measuredOn ? measure : last))
        .value;
  }
}

/**
 * Whether a figure meets its target, by the indicator's direction: at or above
 * it when higher is better, at or below when lower is. Unknown (undefined)
 * without a figure, a target or a direction — never guessed.
 */
export function targetMet(
  direction: IndicatorDirection | null,
  value: number | null | undefined,
  target: number | null | undefined,
): boolean | undefined {
  if (direction === null || value === null || value === undefined || target === null || target === undefined)
    return undefined;
  return direction === 'higher_is_better' ? value >= target : value <= target;
}

/** What a contract's decision on its indicators reads. */
export interface IndicatorCatalogueState {
  contractId: string;
  period: Period;
  fiches: Record<string, PlanFiche>;
  indicators: Record<string, IndicatorDefinition>;
}

function problemOf(indicatorId: string, definition: IndicatorDefinition, state: IndicatorCatalogueState) {
  const fiche = state.fiches[definition.ficheCode];
  if (!fiche || fiche.withdrawn)
    return refuse(
      'invalid_value',
      `La fiche-action ${definition.ficheCode} n’est pas dans le plan`,
      'ficheCode',
    );
  if (definition.aggregation === 'sum' && isRateIndicator(definition))
    return refuse('invalid_value', RATE_NOT_SUMMED, 'aggregation');
  if (typeof definition.aggregation === 'object') {
    const { numerator, denominator } = definition.aggregation.ratio;
    for (const [other, field] of [
      [numerator, 'numérateur'],
      [denominator, 'dénominateur'],
    ] as const) {
      if (other === indicatorId)
        return refuse('invalid_value', `Un indicateur ne peut être son propre ${field}`, 'aggregation');
      if (!state.indicators[other])
        return refuse(
          'invalid_value',
          `Le ${field} ${other} n’est pas un indicateur du contrat`,
          'aggregation',
        );
    }
  }
  const { start, end } = state.period;
  const outside = definition.targets.find((target) => target.year < start || target.year > end);
  if (outside)
    return refuse(
      'invalid_value',
      `Cible de ${outside.year} hors de la période du contrat (${start}-${end})`,
      'targets',
    );
  const years = definition.targets.map((target) => target.year);
  const twice = years.find((year, index) => years.indexOf(year) !== index);
  if (twice !== undefined) return refuse('invalid_value', `Deux cibles pour ${twice}`, 'targets');
  return undefined;
}

/**
 * DefineIndicator and UpdateIndicator, on the contract's stream. Allowed before
 * and after signature: indicators are monitoring, not the plan the parties
 * signed (changing a target needs no avenant).
 */
export function decideIndicator(command: IndicatorCommand, state: IndicatorCatalogueState) {
  if (command.type === 'DefineIndicator') {
    const {
      type: _,
      contractId,
      indicatorId,
      effectiveOn: __,
      effectiveOnPrecision: ___,
      ...definition
    } = command;
    if (state.indicators[indicatorId])
      return refuse('already_exists', `L’indicateur ${indicatorId} existe déjà`, 'indicatorId');
    const problem = problemOf(indicatorId, definition, state);
    if (problem) return problem;
    return [event('IndicatorDefined', { contractId, indicatorId, ...definition })] satisfies IndicatorEvent[];
  }
  const { type: _, contractId, indicatorId, ...fields } = command;
  const existing = state.indicators[indicatorId];
  if (!existing) return refuse('not_found', `Indicateur ${indicatorId} introuvable`, 'indicatorId');
  const changed: Partial<IndicatorDefinition> = Object.fromEntries(
    Object.entries(fields).filter(
      ([field, value]) =>
        value !== undefined &&
        JSON.stringify(value) !==
          JSON.stringify(Object.entries(existing).find(([key]) => key === field)?.[1]),
    ),
  );
  if (Object.keys(changed).length === 0) return refuse('invalid_value', 'Rien à modifier', 'label');
  const problem = problemOf(indicatorId, { ...existing, ...changed }, state);
  if (problem) return problem;
  return [event('IndicatorUpdated', { contractId, indicatorId, ...changed })] satisfies IndicatorEvent[];
}

/** The catalogue after an indicator event. */
export function evolveIndicators(
  indicators: Record<string, IndicatorDefinition>,
  e: IndicatorEvent,
): Record<string, IndicatorDefinition> {
  if (e.type === 'IndicatorDefined') {
    const { contractId: _, indicatorId, ...definition } = e.data;
    return { ...indicators, [indicatorId]: definition };
  }
  const { contractId: _, indicatorId, ...fields } = e.data;
  const existing = indicators[indicatorId];
  return existing ? { ...indicators, [indicatorId]: { ...existing, ...fields } } : indicators;
}
