import { z } from 'zod';
import { NamedPersonSchema } from '../personal-data.js';
import {
  atMost,
  DateSchema,
  EffectiveOnFields,
  IdSchema,
  NameSchema,
  TextSchema,
  TitleSchema,
  WebLinkSchema,
  YearSchema,
} from '../values.js';

/** How an action in progress is going, as its pilot reports it. */
export const PROGRESS_VALUES = ['on_track', 'delayed', 'blocked'] as const;
export const ProgressSchema = z.enum(PROGRESS_VALUES, {
  error: 'avancement attendu : conforme, en retard ou bloqué',
});
export type Progress = z.infer<typeof ProgressSchema>;

/** A reason given for suspending or abandoning an action: required. */
const ReasonSchema = TextSchema.min(1, { error: 'motif requis' });

export const PlannedDeliverableSchema = z.object({
  deliverableId: IdSchema,
  title: TitleSchema,
});

export const PlannedYearsSchema = z.object({
  years: z.array(YearSchema).max(20, atMost(20)),
  /** The calendar in the fiche is tentative ("à définir", "à partir de…"). */
  uncertain: z.boolean({ error: 'préciser si le calendrier est incertain' }),
  note: TextSchema.optional(),
});

export const PlanActionSchema = z.object({
  actionId: IdSchema,
  contractId: IdSchema,
  ficheCode: z.string().trim().min(1, { error: 'fiche-action requise' }).max(20),
  /** E.g. "1.1-A1". */
  code: z.string().trim().min(1, { error: 'code requis' }).max(30),
  title: TitleSchema,
  /** Organisations; the pilots who are persons are in `pilotPersons`, their names sealed. */
  pilots: z.array(NameSchema).max(100, atMost(100)),
  pilotPersons: z.array(NamedPersonSchema).max(100, atMost(100)).optional(),
  partners: z.array(NameSchema).max(200, atMost(200)).default([]),
  plannedYears: PlannedYearsSchema,
  plannedDeliverables: z.array(PlannedDeliverableSchema).max(200, atMost(200)).default([]),
  /** May start before the contract is signed. */
  preparatory: z.boolean().optional(),
  ...EffectiveOnFields,
  /** Set when a signed avenant plans the action (the command side's reactor sends it). */
  amendmentId: IdSchema.optional(),
});

/** Only the fields given change; the others stay. */
export const UpdateActionSchema = z.object({
  actionId: IdSchema,
  title: TitleSchema.optional(),
  pilots: z.array(NameSchema).max(100, atMost(100)).optional(),
  pilotPersons: z.array(NamedPersonSchema).max(100, atMost(100)).optional(),
  partners: z.array(NameSchema).max(200, atMost(200)).optional(),
  plannedYears: PlannedYearsSchema.optional(),
  plannedDeliverables: z.array(PlannedDeliverableSchema).max(200, atMost(200)).optional(),
  amendmentId: IdSchema.optional(),
});

/** The action moves to another fiche-action of its contract. */
export const MoveActionSchema = z.object({
  actionId: IdSchema,
  toFicheCode: z.string().trim().min(1, { error: 'fiche-action requise' }).max(20),
  amendmentId: IdSchema.optional(),
});

/** The action leaves the plan (kept in its history, hidden from the live plan). */
export const WithdrawActionSchema = z.object({
  actionId: IdSchema,
  reason: ReasonSchema,
  amendmentId: IdSchema.optional(),
});

export const StartActionSchema = z.object({
  actionId: IdSchema,
  startedOn: DateSchema,
});

export const ReportProgressSchema = z.object({
  actionId: IdSchema,
  reportedOn: DateSchema,
  progress: ProgressSchema,
  percentComplete: z
    .number({ error: 'pourcentage attendu' })
    .int({ error: 'pourcentage entier attendu' })
    .min(0, { error: 'pourcentage entre 0 et 100' })
    .max(100, { error: 'pourcentage entre 0 et 100' })
    .optional(),
  comment: TextSchema.optional(),
});

export const ProduceDeliverableSchema = z.object({
  actionId: IdSchema,
  /** A planned deliverable's id fulfils it; any other id records an extra deliverable. */
  deliverableId: IdSchema,
  title: TitleSchema,
  producedOn: DateSchema,
  link: WebLinkSchema.optional(),
  /** SHA-256 of the attached file, in hexadecimal. */
  attachmentHash: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, { error: 'empreinte SHA-256 attendue (64 caractères hexadécimaux)' })
    .optional(),
});

export const MeasureIndicatorSchema = z.object({
  actionId: IdSchema,
  /**
   * The indicator of the contract's catalogue measured (one of the action's or
   * its fiche's); absent in measures recorded before the catalogue, which name
   * the indicator by `indicator` only.
   */
  indicatorId: IdSchema.optional(),
  indicator: z
    .string({ error: 'indicateur requis' })
    .trim()
    .min(1, { error: 'indicateur requis' })
    .max(500, { error: 'libellé de l’indicateur trop long (500 caractères au plus)' }),
  /** z.number() refuses Infinity and NaN. */
  value: z.number({ error: 'valeur numérique attendue' }),
  unit: z.string().trim().min(1, { error: 'unité vide' }).max(50).optional(),
  period: z.object({
    year: YearSchema,
    /** E.g. "1er semestre", "année scolaire 2025-2026". */
    label: z.string().trim().min(1).max(100).optional(),
  }),
  measuredOn: DateSchema,
});

export const CompleteActionSchema = z.object({
  actionId: IdSchema,
  completedOn: DateSchema,
});

export const SuspendActionSchema = z.object({
  actionId: IdSchema,
  suspendedOn: DateSchema,
  reason: ReasonSchema,
});

export const AbandonActionSchema = z.object({
  actionId: IdSchema,
  abandonedOn: DateSchema,
  reason: ReasonSchema,
});

export type PlanAction = { type: 'PlanAction' } & z.infer<typeof PlanActionSchema>;
export type StartAction = { type: 'StartAction' } & z.infer<typeof StartActionSchema>;
export type ReportProgress = { type: 'ReportProgress' } & z.infer<typeof ReportProgressSchema>;
export type ProduceDeliverable = { type: 'ProduceDeliverable' } & z.infer<typeof ProduceDeliverableSchema>;
export type MeasureIndicator = { type: 'MeasureIndicator' } & z.infer<typeof MeasureIndicatorSchema>;
export type CompleteAction = { type: 'CompleteAction' } & z.infer<typeof CompleteActionSchema>;
export type SuspendAction = { type: 'SuspendAction' } & z.infer<typeof SuspendActionSchema>;
export type AbandonAction = { type: 'AbandonAction' } & z.infer<typeof AbandonActionSchema>;
export type UpdateAction = { type: 'UpdateAction' } & z.infer<typeof UpdateActionSchema>;
export type MoveAction = { type: 'MoveAction' } & z.infer<typeof MoveActionSchema>;
export type WithdrawAction = { type: 'WithdrawAction' } & z.infer<typeof WithdrawActionSchema>;

export type ActionCommand =
  | PlanAction
  | StartAction
  | ReportProgress
  | ProduceDeliverable
  | MeasureIndicator
  | CompleteAction
  | SuspendAction
  | AbandonAction
  | UpdateAction
  | MoveAction
  | WithdrawAction;
