import { z } from 'zod';
import {
  MoveActionSchema,
  PlanActionSchema,
  UpdateActionSchema,
  WithdrawActionSchema,
} from '../action/commands.js';
import { ACTION_STATUSES } from '../action/status.js';
import type { IndicatorCommand } from '../indicator/commands.js';
import type { MeansCommand } from '../means/commands.js';
import { InseeCodeSchema } from '../offer/commands.js';
import { NamedPersonSchema, SubjectIdSchema } from '../personal-data.js';
import {
  atMost,
  boundedJsonRecord,
  DatePrecisionSchema,
  DateSchema,
  EffectiveOnFields,
  IdSchema,
  NameSchema,
  PeriodSchema,
  TextSchema,
  TitleSchema,
  YearSchema,
} from '../values.js';

export const SignatorySchema = z.object({
  organisation: NameSchema,
  /** The person signing for the organisation: sealed with the key of `signerId`. */
  signer: NameSchema.optional(),
  signerId: SubjectIdSchema.optional(),
  /** Deduced from the sources rather than stated (seeds keep that uncertainty). */
  inferred: z.boolean().optional(),
});

/** An EPCI's SIREN (9 digits), as the open data names it. */
export const SirenSchema = z
  .string({ error: 'SIREN : 9 chiffres' })
  .trim()
  .regex(/^\d{9}$/, { error: 'SIREN : 9 chiffres (ex. 200017341)' });

/** What a party commits to the contract: money per year, staff time by role, anything else. */
export const CommitmentSchema = z.object({
  /** The party committing (one of the contract's parties). */
  organisation: NameSchema,
  money: z
    .array(
      z.object({
        year: YearSchema,
        amount: z
          .number({ error: 'montant en euros attendu' })
          .min(0, { error: 'montant positif attendu' })
          .max(1_000_000_000, { error: 'montant trop élevé' }),
      }),
    )
    .max(20, atMost(20))
    .optional(),
  staff: z
    .array(
      z.object({
        role: TitleSchema,
        fte: z
          .number({ error: 'ETP attendu (ex. 0,5)' })
          .gt(0, { error: 'ETP positif attendu (ex. 0,5)' })
          .max(1000, { error: 'ETP trop élevé' }),
      }),
    )
    .max(50, atMost(50))
    .optional(),
  other: TextSchema.optional(),
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const DraftContractSchema = z.object({
  contractId: IdSchema,
  name: TitleSchema,
  territory: z.object({
    name: NameSchema,
    epci: z.array(NameSchema).max(100, atMost(100)).default([]),
    communes: z.array(NameSchema).max(2000, atMost(2000)).default([]),
    /** The communes' INSEE codes (open data), when picked rather than named. */
    communeCodes: z.array(InseeCodeSchema).max(2000, atMost(2000)).optional(),
    /** The EPCI's SIREN, when picked from the open data. */
    epciCodes: z.array(SirenSchema).max(100, atMost(100)).optional(),
    /** How many communes the territory counts, as a source says that names only some of them. */
    communeCount: z
      .number({ error: 'nombre de communes attendu' })
      .int({ error: 'nombre entier de communes attendu' })
      .min(1, { error: 'au moins une commune' })
      .max(40_000, { error: 'nombre de communes trop élevé' })
      .optional(),
  }),
  period: PeriodSchema,
  /** The parties expected to sign. */
  parties: z.array(SignatorySchema).max(100, atMost(100)).default([]),
  ...EffectiveOnFields,
  /** The organisation carrying the contract (its name, as the directory writes it). */
  porteur: NameSchema.optional(),
  /** The contract this one follows (the previous CLS of the territory). */
  previousContractId: IdSchema.optional(),
  /** What each party commits. */
  commitments: z.array(CommitmentSchema).max(100, atMost(100)).optional(),
});

/**
 * A draft corrected before signature: only the fields given change (a typo in
 * the name, a party forgotten…); `null` removes the porteur or the previous
 * contract. The same checks as DraftContract run on the draft it makes.
 * `effectiveOn` dates the correction (business time), as a DraftContract's does.
 */
export const UpdateContractDraftSchema = z.object({
  contractId: IdSchema,
  name: TitleSchema.optional(),
  territory: DraftContractSchema.shape.territory.optional(),
  period: PeriodSchema.optional(),
  parties: z.array(SignatorySchema).max(100, atMost(100)).optional(),
  ...EffectiveOnFields,
  porteur: NameSchema.nullable().optional(),
  previousContractId: IdSchema.nullable().optional(),
  commitments: z.array(CommitmentSchema).max(100, atMost(100)).optional(),
});

/** A code of an axis or a fiche-action, as the contract writes it ("1", "FA 2", "1.3"). */
export const PlanCodeSchema = z
  .string()
  .trim()
  .min(1, { error: 'code requis' })
  .max(20, { error: 'code trop long (20 caractères au plus)' });

/** Why an axis, a fiche or an action leaves the plan: kept in its history. */
export const WithdrawalReasonSchema = TextSchema.min(1, { error: 'motif requis' });

/** The editable fields of an axis. */
const AxisFields = {
  title: TitleSchema,
  objectives: z.array(TextSchema).max(50, atMost(50)),
  /** What the contract says of the axis (its stakes, its description). */
  description: TextSchema.optional(),
};

export const DefineAxisSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  ...AxisFields,
  objectives: AxisFields.objectives.default([]),
  ...EffectiveOnFields,
});

export const UpdateAxisSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  ...z.object(AxisFields).partial().shape,
});

export const WithdrawAxisSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  reason: WithdrawalReasonSchema,
});

/** A list of paragraphs or items of a fiche (expected results, means, prerequisites…). */
const FicheListSchema = z.array(TextSchema).max(100, atMost(100));

/** An indicator a fiche names (type: processus, activité, résultat… as the fiche says). */
export const FicheIndicatorSchema = z.object({
  label: TitleSchema,
  kind: z.string().trim().max(100).optional(),
});

/**
 * Every field a fiche-action carries, as the seed fiches give them; all but the
 * title optional. `objectives` are the general objectives.
 */
const FicheFields = {
  title: TitleSchema,
  objectives: z.array(TextSchema).max(50, atMost(50)),
  /** Organisations; the pilots who are persons are in `pilotPersons`, their names sealed. */
  pilots: z.array(NameSchema).max(100, atMost(100)),
  pilotPersons: z.array(NamedPersonSchema).max(100, atMost(100)),
  partners: z.array(NameSchema).max(200, atMost(200)),
  publics: z.array(NameSchema).max(100, atMost(100)),
  /** Context of the fiche (the situation it answers). */
  context: TextSchema,
  /** Summary of the diagnostic (strengths, weaknesses) the fiche rests on. */
  diagnostic: TextSchema,
  operationalObjectives: FicheListSchema,
  /** The part of the territory the fiche covers, as written. */
  territory: TextSchema,
  presentation: FicheListSchema,
  prerequisites: FicheListSchema,
  expectedResults: FicheListSchema,
  /** Means (human, financial, material), as written. */
  means: FicheListSchema,
  /** The calendar, as the fiche writes it. */
  calendar: TextSchema,
  /** What the CLS coordinator does for the fiche. */
  coordinatorRole: FicheListSchema,
  /** Links to the PRS (regional health plan) and other frameworks, as written. */
  prsLinks: FicheListSchema,
  indicators: z.array(FicheIndicatorSchema).max(100, atMost(100)),
  /** The fiche's last update, with the precision the source gives. */
  updatedOn: DateSchema,
  updatedOnPrecision: DatePrecisionSchema,
};

export const DefineFicheActionSchema = z.object({
  contractId: IdSchema,
  axisCode: z.string().trim().min(1, { error: 'axe requis' }).max(20),
  code: PlanCodeSchema,
  ...z.object(FicheFields).partial().shape,
  title: FicheFields.title,
  objectives: FicheFields.objectives.default([]),
  pilots: FicheFields.pilots.default([]),
  partners: FicheFields.partners.default([]),
  publics: FicheFields.publics.default([]),
  ...EffectiveOnFields,
});

/** Only the fields given change; the others stay. */
export const UpdateFicheActionSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  ...z.object(FicheFields).partial().shape,
});

export const MoveFicheActionSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  toAxisCode: z.string().trim().min(1, { error: 'axe requis' }).max(20),
});

export const WithdrawFicheActionSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  reason: WithdrawalReasonSchema,
});

/**
 * The order of one level of the plan: the axes (no parent), the fiches of an
 * axis (`parentCode` the axis), or the actions of a fiche (`parentCode` the
 * fiche, `order` the actions' ids).
 */
export const ReorderPlanSchema = z.object({
  contractId: IdSchema,
  level: z.enum(['axes', 'fiches', 'actions'], { error: 'niveau attendu : axes, fiches ou actions' }),
  parentCode: PlanCodeSchema.optional(),
  order: z.array(IdSchema).min(1, { error: 'ordre vide' }).max(500, atMost(500)),
});

/** The status a fiche without actions is reported in: the actions' statuses and labels. */
export const FicheStatusSchema = z.enum(ACTION_STATUSES, {
  error: 'état attendu : prévue, en cours, suspendue, réalisée ou abandonnée',
});

/** Status and progress of a fiche that has no actions of its own (Carcassonne, Loue-Lison). */
export const ReportFicheProgressSchema = z.object({
  contractId: IdSchema,
  code: PlanCodeSchema,
  reportedOn: DateSchema,
  status: FicheStatusSchema,
  /** Unknown when absent: shown « non renseigné », never 0 %. */
  percentComplete: z
    .number({ error: 'pourcentage attendu' })
    .int({ error: 'pourcentage entier attendu' })
    .min(0, { error: 'pourcentage entre 0 et 100' })
    .max(100, { error: 'pourcentage entre 0 et 100' })
    .optional(),
  comment: TextSchema.optional(),
});

export const SignContractSchema = z
  .object({
    contractId: IdSchema,
    signedOn: DateSchema,
    /** When the source gives only the month (or year) of the signature. */
    signedOnPrecision: DatePrecisionSchema.optional(),
    signatories: z.array(SignatorySchema).max(100, atMost(100)).default([]),
    /**
     * The source shows the contract in force but names none of its signatories
     * (a report of a past contract): recorded as signed, its signatories unknown
     * rather than guessed.
     */
    signatoriesUnknown: z.literal(true).optional(),
  })
  .refine((command) => command.signatories.length > 0 || command.signatoriesUnknown === true, {
    error: 'au moins un signataire',
    path: ['signatories'],
  });

export const AmendContractSchema = z.object({
  contractId: IdSchema,
  amendedOn: DateSchema,
  summary: TitleSchema,
  details: TextSchema.optional(),
});

export const CloseContractSchema = z.object({
  contractId: IdSchema,
  closedOn: DateSchema,
  reason: TextSchema.optional(),
});

const GovernanceBodySchema = z.object({
  contractId: IdSchema,
  body: NameSchema,
  role: TextSchema.default(''),
  members: z.array(TextSchema).max(200, atMost(200)).default([]),
  /** Only when the contract states a frequency. */
  meetingsPerYear: z.number().nonnegative().max(365).optional(),
});

/** A body's composition, role and expected frequency changed (its name stays: meetings name it). */
export const UpdateGovernanceBodySchema = GovernanceBodySchema;

/** A body of a contract recorded after the fact is dated at its source's date (`effectiveOn`). */
export const DefineGovernanceBodySchema = GovernanceBodySchema.extend(EffectiveOnFields);

/**
 * A dated fact of the contract's life taken from a report (an MSP project
 * validated, a service started, a meeting held…), with the precision the source
 * gives and whether the date was inferred.
 */
export const RecordFactSchema = z.object({
  contractId: IdSchema,
  factId: IdSchema,
  kind: z.string().trim().min(1).max(100),
  subject: TitleSchema,
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a period `start/end` of those. */
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/, {
    error: 'date : AAAA, AAAA-MM, AAAA-MM-JJ ou début/fin',
  }),
  precision: DatePrecisionSchema,
  place: NameSchema.optional(),
  details: TextSchema.optional(),
  figures: boundedJsonRecord(20_000).default({}),
  /** Whatever else the source says of the fact (professions, themes, partners…). */
  attributes: boundedJsonRecord(20_000).default({}),
  measure: TextSchema.optional(),
  dateInferred: z.boolean().default(false),
  planned: z.boolean().default(false),
  source: z.string().max(200).optional(),
});

/**
 * A change of the plan an avenant carries: the plan commands' own fields, without
 * the contract (the avenant's) and without persons' names (an avenant names pilots
 * by their organisation; a person-pilot is set on the action itself).
 */
export const PlanChangeSchema = z.discriminatedUnion(
  'type',
  [
    DefineAxisSchema.omit({ contractId: true, effectiveOn: true, effectiveOnPrecision: true }).extend({
      type: z.literal('DefineAxis'),
    }),
    UpdateAxisSchema.omit({ contractId: true }).extend({ type: z.literal('UpdateAxis') }),
    WithdrawAxisSchema.omit({ contractId: true }).extend({ type: z.literal('WithdrawAxis') }),
    DefineFicheActionSchema.omit({
      contractId: true,
      pilotPersons: true,
      effectiveOn: true,
      effectiveOnPrecision: true,
    }).extend({
      type: z.literal('DefineFicheAction'),
    }),
    UpdateFicheActionSchema.omit({ contractId: true, pilotPersons: true }).extend({
      type: z.literal('UpdateFicheAction'),
    }),
    MoveFicheActionSchema.omit({ contractId: true }).extend({ type: z.literal('MoveFicheAction') }),
    WithdrawFicheActionSchema.omit({ contractId: true }).extend({ type: z.literal('WithdrawFicheAction') }),
    ReorderPlanSchema.omit({ contractId: true }).extend({ type: z.literal('ReorderPlan') }),
    PlanActionSchema.omit({
      contractId: true,
      pilotPersons: true,
      amendmentId: true,
      effectiveOn: true,
      effectiveOnPrecision: true,
    }).extend({
      type: z.literal('PlanAction'),
    }),
    UpdateActionSchema.omit({ pilotPersons: true, amendmentId: true }).extend({
      type: z.literal('UpdateAction'),
    }),
    MoveActionSchema.omit({ amendmentId: true }).extend({ type: z.literal('MoveAction') }),
    WithdrawActionSchema.omit({ amendmentId: true }).extend({ type: z.literal('WithdrawAction') }),
  ],
  { error: 'type de changement inconnu' },
);
export type PlanChange = z.infer<typeof PlanChangeSchema>;
export type PlanChangeType = PlanChange['type'];

/** The changes an action's own stream carries out (the others are the contract's). */
export const ACTION_PLAN_CHANGE_TYPES = [
  'PlanAction',
  'UpdateAction',
  'MoveAction',
  'WithdrawAction',
] as const;
export type ActionPlanChange = Extract<PlanChange, { type: (typeof ACTION_PLAN_CHANGE_TYPES)[number] }>;
export type ContractPlanChange = Exclude<PlanChange, ActionPlanChange>;
export const isActionPlanChange = (change: PlanChange): change is ActionPlanChange =>
  (ACTION_PLAN_CHANGE_TYPES as readonly string[]).includes(change.type);

const AmendmentChangesSchema = z
  .array(PlanChangeSchema)
  .min(1, { error: 'un avenant change au moins un élément du plan' })
  .max(200, atMost(200));

/** A draft avenant: the plan changes it proposes; they apply once every party has signed it. */
export const DraftAmendmentSchema = z.object({
  contractId: IdSchema,
  amendmentId: IdSchema,
  title: TitleSchema,
  summary: TextSchema.optional(),
  changes: AmendmentChangesSchema,
});

/** Replaces the title, summary or changes of a draft avenant (those given). */
export const EditAmendmentDraftSchema = z.object({
  contractId: IdSchema,
  amendmentId: IdSchema,
  title: TitleSchema.optional(),
  summary: TextSchema.optional(),
  changes: AmendmentChangesSchema.optional(),
});

export const WithdrawAmendmentDraftSchema = z.object({
  contractId: IdSchema,
  amendmentId: IdSchema,
  reason: TextSchema.optional(),
});

/** A party of the contract signs the avenant (the coordination records it). */
export const SignAmendmentSchema = z.object({
  contractId: IdSchema,
  amendmentId: IdSchema,
  /** The organisation, one of the contract's signatories. */
  party: NameSchema,
  /** The person signing for it: sealed with the key of `signerId`. */
  signer: NameSchema.optional(),
  signerId: SubjectIdSchema.optional(),
  signedOn: DateSchema,
});

export type DraftContract = { type: 'DraftContract' } & z.infer<typeof DraftContractSchema>;
export type UpdateContractDraft = { type: 'UpdateContractDraft' } & z.infer<typeof UpdateContractDraftSchema>;
export type DefineAxis = { type: 'DefineAxis' } & z.infer<typeof DefineAxisSchema>;
export type DefineFicheAction = { type: 'DefineFicheAction' } & z.infer<typeof DefineFicheActionSchema>;
export type SignContract = { type: 'SignContract' } & z.infer<typeof SignContractSchema>;
export type AmendContract = { type: 'AmendContract' } & z.infer<typeof AmendContractSchema>;
export type CloseContract = { type: 'CloseContract' } & z.infer<typeof CloseContractSchema>;
export type DefineGovernanceBody = { type: 'DefineGovernanceBody' } & z.infer<
  typeof DefineGovernanceBodySchema
>;
export type UpdateGovernanceBody = { type: 'UpdateGovernanceBody' } & z.infer<
  typeof UpdateGovernanceBodySchema
>;
export type RecordFact = { type: 'RecordFact' } & z.infer<typeof RecordFactSchema>;
export type UpdateAxis = { type: 'UpdateAxis' } & z.infer<typeof UpdateAxisSchema>;
export type WithdrawAxis = { type: 'WithdrawAxis' } & z.infer<typeof WithdrawAxisSchema>;
export type UpdateFicheAction = { type: 'UpdateFicheAction' } & z.infer<typeof UpdateFicheActionSchema>;
export type MoveFicheAction = { type: 'MoveFicheAction' } & z.infer<typeof MoveFicheActionSchema>;
export type WithdrawFicheAction = { type: 'WithdrawFicheAction' } & z.infer<typeof WithdrawFicheActionSchema>;
export type ReorderPlan = { type: 'ReorderPlan' } & z.infer<typeof ReorderPlanSchema>;
export type ReportFicheProgress = { type: 'ReportFicheProgress' } & z.infer<typeof ReportFicheProgressSchema>;
export type DraftAmendment = { type: 'DraftAmendment' } & z.infer<typeof DraftAmendmentSchema>;
export type EditAmendmentDraft = { type: 'EditAmendmentDraft' } & z.infer<typeof EditAmendmentDraftSchema>;
export type WithdrawAmendmentDraft = { type: 'WithdrawAmendmentDraft' } & z.infer<
  typeof WithdrawAmendmentDraftSchema
>;
export type SignAmendment = { type: 'SignAmendment' } & z.infer<typeof SignAmendmentSchema>;

export type ContractCommand =
  | DraftContract
  | UpdateContractDraft
  | DefineAxis
  | DefineFicheAction
  | SignContract
  | AmendContract
  | CloseContract
  | DefineGovernanceBody
  | UpdateGovernanceBody
  | RecordFact
  | UpdateAxis
  | WithdrawAxis
  | UpdateFicheAction
  | MoveFicheAction
  | WithdrawFicheAction
  | ReorderPlan
  | ReportFicheProgress
  | DraftAmendment
  | EditAmendmentDraft
  | WithdrawAmendmentDraft
  | SignAmendment
  | IndicatorCommand
  | MeansCommand;
