import { z } from 'zod';
import { WithdrawalReasonSchema } from '../contract/commands.js';
import {
  atMost,
  DateSchema,
  EffectiveOnFields,
  IdSchema,
  TextSchema,
  TitleSchema,
  YearSchema,
} from '../values.js';

/*
 * The contract's means (annex 4, sections 5, 11 and 12): who funds what and how
 * much each year (planned, committed, paid), the calls for projects answered,
 * and the staff time each organisation gives. Like the indicator catalogue they
 * are the contract's follow-up, not the plan the parties signed: kept on the
 * contract's stream by its coordination, before or after signature.
 */

/** The most a single amount may be: a CLS counts in thousands of euros, never in billions. */
export const MAX_EURO_AMOUNT = 1_000_000_000;

/**
 * An amount in euros, to the cent: positive or zero, two decimals at most. Kept
 * as the decimal people wrote; every sum is done in integer cents (`toCents`).
 */
export const EuroAmountSchema = z
  .number({ error: 'montant en euros attendu (ex. 12 500,50)' })
  .min(0, { error: 'montant négatif : un montant est positif ou nul' })
  .max(MAX_EURO_AMOUNT, { error: 'montant trop élevé (1 milliard d’euros au plus)' })
  .refine((amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6, {
    error: 'montant au centime près (deux décimales au plus)',
  });

/** A year's figures of a funding line; `null` clears a figure (« non renseigné »), absent leaves it. */
const FundingFigureSchema = EuroAmountSchema.nullable().optional();

/** A year's amounts as a line is planned with them: an absent figure is unknown. */
export const FundingYearSchema = z.object({
  year: YearSchema,
  planned: EuroAmountSchema.optional(),
  committed: EuroAmountSchema.optional(),
  paid: EuroAmountSchema.optional(),
});

export const PlanFundingLineSchema = z.object({
  contractId: IdSchema,
  fundingLineId: IdSchema,
  /** The funder: an organisation of the directory (its id). */
  funderId: IdSchema,
  /** The action of the contract it funds; absent: the coordination of the contract. */
  actionId: IdSchema.optional(),
  label: TitleSchema,
  /** Where the money comes from, as a source names it (a convention, a labellisation…). */
  source: TextSchema.max(1000, { error: 'source trop longue (1 000 caractères au plus)' }).optional(),
  /** The call for projects of the contract it answers, when it does. */
  callForProjectsId: IdSchema.optional(),
  amounts: z.array(FundingYearSchema).max(30, atMost(30)).default([]),
  /** When it took effect, for means recorded after the fact from their sources (business time). */
  ...EffectiveOnFields,
});

/** A line corrected: only the fields given change; `null` sets it back to the coordination, or removes the source or call. */
export const UpdateFundingLineSchema = z.object({
  contractId: IdSchema,
  fundingLineId: IdSchema,
  funderId: IdSchema.optional(),
  actionId: IdSchema.nullable().optional(),
  label: TitleSchema.optional(),
  source: TextSchema.max(1000, { error: 'source trop longue (1 000 caractères au plus)' })
    .nullable()
    .optional(),
  callForProjectsId: IdSchema.nullable().optional(),
});

/** A year's amounts kept up to date: the figures given replace that year's, the others stay. */
export const RecordFundingAmountsSchema = z.object({
  contractId: IdSchema,
  fundingLineId: IdSchema,
  year: YearSchema,
  planned: FundingFigureSchema,
  committed: FundingFigureSchema,
  paid: FundingFigureSchema,
});

/** A line recorded by mistake leaves the means (kept in the log, with why). */
export const WithdrawFundingLineSchema = z.object({
  contractId: IdSchema,
  fundingLineId: IdSchema,
  reason: WithdrawalReasonSchema,
});

export const CALL_OUTCOMES = ['pending', 'funded', 'not_funded'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  pending: 'En cours d’instruction',
  funded: 'Retenu',
  not_funded: 'Non retenu',
};
const CallOutcomeSchema = z.enum(CALL_OUTCOMES, {
  error: 'issue attendue : en cours d’instruction, retenu ou non retenu',
});

const CallFields = {
  funderId: IdSchema,
  title: TitleSchema,
  openedOn: DateSchema.optional(),
  closesOn: DateSchema.optional(),
  amountAvailable: EuroAmountSchema.optional(),
  /** The actions of the contract that answered it. */
  actionIds: z.array(IdSchema).max(100, atMost(100)),
  outcome: CallOutcomeSchema.optional(),
  outcomeNote: TextSchema.max(2000, { error: 'texte trop long (2 000 caractères au plus)' }).optional(),
};

export const RecordCallForProjectsSchema = z.object({
  contractId: IdSchema,
  callForProjectsId: IdSchema,
  ...CallFields,
  actionIds: CallFields.actionIds.default([]),
  ...EffectiveOnFields,
});

/** Only the fields given change. */
export const UpdateCallForProjectsSchema = z.object({
  contractId: IdSchema,
  callForProjectsId: IdSchema,
  ...z.object(CallFields).partial().shape,
});

/** Full-time equivalents: 0 to 50, to the hundredth (0,7 ETP). 0: that role no longer has time that year. */
export const FteSchema = z
  .number({ error: 'ETP attendu (ex. 0,7)' })
  .min(0, { error: 'ETP négatif : un ETP est positif ou nul' })
  .max(50, { error: 'ETP trop élevé (50 au plus)' })
  .refine((fte) => Math.abs(fte * 100 - Math.round(fte * 100)) < 1e-6, {
    error: 'ETP au centième près (deux décimales au plus, ex. 0,75)',
  });

/** The staff time an organisation gives the contract in a role, a year: recorded again to correct it. */
export const RecordStaffTimeSchema = z.object({
  contractId: IdSchema,
  year: YearSchema,
  role: TitleSchema.max(200, { error: 'fonction trop longue (200 caractères au plus)' }),
  organisationId: IdSchema,
  fte: FteSchema,
  /** Where the figure comes from (a source's words). */
  source: TextSchema.max(1000, { error: 'source trop longue (1 000 caractères au plus)' }).optional(),
  ...EffectiveOnFields,
});

export type PlanFundingLine = { type: 'PlanFundingLine' } & z.infer<typeof PlanFundingLineSchema>;
export type UpdateFundingLine = { type: 'UpdateFundingLine' } & z.infer<typeof UpdateFundingLineSchema>;
export type RecordFundingAmounts = { type: 'RecordFundingAmounts' } & z.infer<
  typeof RecordFundingAmountsSchema
>;
export type WithdrawFundingLine = { type: 'WithdrawFundingLine' } & z.infer<typeof WithdrawFundingLineSchema>;
export type RecordCallForProjects = { type: 'RecordCallForProjects' } & z.infer<
  typeof RecordCallForProjectsSchema
>;
export type UpdateCallForProjects = { type: 'UpdateCallForProjects' } & z.infer<
  typeof UpdateCallForProjectsSchema
>;
export type RecordStaffTime = { type: 'RecordStaffTime' } & z.infer<typeof RecordStaffTimeSchema>;
export type MeansCommand =
  | PlanFundingLine
  | UpdateFundingLine
  | RecordFundingAmounts
  | WithdrawFundingLine
  | RecordCallForProjects
  | UpdateCallForProjects
  | RecordStaffTime;

export const MEANS_COMMAND_TYPES = [
  'PlanFundingLine',
  'UpdateFundingLine',
  'RecordFundingAmounts',
  'WithdrawFundingLine',
  'RecordCallForProjects',
  'UpdateCallForProjects',
  'RecordStaffTime',
] as const satisfies ReadonlyArray<MeansCommand['type']>;
