import { z } from 'zod';
import {
  atMost,
  DateSchema,
  EffectiveOnFields,
  IdSchema,
  NameSchema,
  TextSchema,
  TitleSchema,
  YearSchema,
} from '../values.js';

/*
 * The contract's indicator catalogue: what is measured, how it is read (type,
 * unit, direction), where it starts (baseline) and where it should go (targets
 * per year), and how its measures aggregate. Indicators are the contract's
 * monitoring, not the plan the parties signed: they are defined and changed
 * directly on the contract's stream, before or after signature, without an avenant.
 */

export const INDICATOR_TYPES = ['processus', 'activité', 'résultat'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const INDICATOR_TYPE_LABELS: Record<IndicatorType, string> = {
  processus: 'Processus',
  activité: 'Activité',
  résultat: 'Résultat',
};

export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  higher_is_better: 'Plus haut est mieux',
  lower_is_better: 'Plus bas est mieux',
};

/** A figure an indicator takes (a measure, a baseline, a target): finite and bounded. */
export const IndicatorValueSchema = z
  .number({ error: 'valeur numérique attendue' })
  .min(-1_000_000_000_000, { error: 'valeur trop petite' })
  .max(1_000_000_000_000, { error: 'valeur trop grande' });

/** `null`: unknown (« non renseigné »), as the seeds leave it. */
export const IndicatorTypeSchema = z
  .enum(INDICATOR_TYPES, { error: 'type attendu : processus, activité ou résultat' })
  .nullable();

export const IndicatorDirectionSchema = z
  .enum(INDICATOR_DIRECTIONS, { error: 'sens attendu : plus haut est mieux, ou plus bas est mieux' })
  .nullable();

export const AGGREGATION_KINDS = ['sum', 'latest', 'mean'] as const;
export const AGGREGATION_LABELS: Record<(typeof AGGREGATION_KINDS)[number] | 'ratio', string> = {
  sum: 'Somme',
  latest: 'Dernière valeur',
  mean: 'Moyenne',
  ratio: 'Ratio de deux indicateurs',
};

/** How an indicator's measures make one figure: sum of counts, latest, mean, or the ratio of two indicators. */
export const AggregationRuleSchema = z.union(
  [
    z.enum(AGGREGATION_KINDS, { error: 'règle attendue : somme, dernière valeur, moyenne ou ratio' }),
    z.object({
      ratio: z.object({ numerator: IdSchema, denominator: IdSchema }),
    }),
  ],
  { error: 'règle attendue : somme, dernière valeur, moyenne ou ratio' },
);
export type AggregationRule = z.infer<typeof AggregationRuleSchema>;

export const IndicatorBaselineSchema = z.object({
  value: IndicatorValueSchema,
  on: DateSchema,
  source: TextSchema.optional(),
});

export const IndicatorTargetSchema = z.object({ year: YearSchema, value: IndicatorValueSchema });

const IndicatorFields = {
  /** The fiche-action it belongs to (its code). */
  ficheCode: z.string().trim().min(1, { error: 'fiche-action requise' }).max(20, { error: 'code trop long' }),
  /** The action of that fiche it belongs to, when it is an action's rather than the whole fiche's. */
  actionId: IdSchema.optional(),
  label: TitleSchema,
  /** Its type (processus, activité, résultat); `kind` since a command's `type` is its name. */
  kind: IndicatorTypeSchema,
  unit: z.string().trim().min(1, { error: 'unité vide' }).max(50, { error: 'unité trop longue' }).optional(),
  direction: IndicatorDirectionSchema,
  baseline: IndicatorBaselineSchema.optional(),
  targets: z.array(IndicatorTargetSchema).max(50, atMost(50)),
  dataSource: TextSchema.optional(),
  owner: NameSchema.optional(),
  aggregation: AggregationRuleSchema,
};

export const DefineIndicatorSchema = z.object({
  contractId: IdSchema,
  indicatorId: IdSchema,
  ...IndicatorFields,
  kind: IndicatorFields.kind.default(null),
  direction: IndicatorFields.direction.default(null),
  targets: IndicatorFields.targets.default([]),
  /** A catalogue recorded after the fact (the seeds) is dated at its source's date. */
  ...EffectiveOnFields,
});

/** Only the fields given change; the others stay. */
export const UpdateIndicatorSchema = z.object({
  contractId: IdSchema,
  indicatorId: IdSchema,
  ...z.object(IndicatorFields).partial().shape,
});

export type DefineIndicator = { type: 'DefineIndicator' } & z.infer<typeof DefineIndicatorSchema>;
export type UpdateIndicator = { type: 'UpdateIndicator' } & z.infer<typeof UpdateIndicatorSchema>;
export type IndicatorCommand = DefineIndicator | UpdateIndicator;
