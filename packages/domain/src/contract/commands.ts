import { z } from 'zod';
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

export const DefineAxisSchema = z.object({
  contractId: IdSchema,
  code: z.string().trim().min(1, { error: 'code requis' }).max(20),
  title: TitleSchema,
  objectives: z.array(TextSchema).max(50, atMost(50)).default([]),
  ...EffectiveOnFields,
});

export const DefineFicheActionSchema = z.object({
  contractId: IdSchema,
  axisCode: z.string().trim().min(1, { error: 'axe requis' }).max(20),
  code: z.string().trim().min(1, { error: 'code requis' }).max(20),
  title: TitleSchema,
  objectives: z.array(TextSchema).max(50, atMost(50)).default([]),
  /** Organisations; the pilots who are persons are in `pilotPersons`, their names sealed. */
  pilots: z.array(NameSchema).max(100, atMost(100)).default([]),
  pilotPersons: z.array(NamedPersonSchema).max(100, atMost(100)).optional(),
  partners: z.array(NameSchema).max(200, atMost(200)).default([]),
  publics: z.array(NameSchema).max(100, atMost(100)).default([]),
  ...EffectiveOnFields,
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

export const DefineGovernanceBodySchema = z.object({
  contractId: IdSchema,
  body: NameSchema,
  role: TextSchema.default(''),
  members: z.array(TextSchema).max(200, atMost(200)).default([]),
  /** Only when the contract states a frequency. */
  meetingsPerYear: z.number().nonnegative().max(365).optional(),
});

/** A body's composition, role and expected frequency changed (its name stays: meetings name it). */
export const UpdateGovernanceBodySchema = DefineGovernanceBodySchema;

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

export type DraftContract = { type: 'DraftContract' } & z.infer<typeof DraftContractSchema>;
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

export type ContractCommand =
  | DraftContract
  | DefineAxis
  | DefineFicheAction
  | SignContract
  | AmendContract
  | CloseContract
  | DefineGovernanceBody
  | UpdateGovernanceBody
  | RecordFact;
