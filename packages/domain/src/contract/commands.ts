import { z } from 'zod';
import { DateSchema, IdSchema, NameSchema, PeriodSchema, TextSchema, TitleSchema } from '../values.js';

export const SignatorySchema = z.object({
  organisation: NameSchema,
  signer: NameSchema.optional(),
  /** Deduced from the sources rather than stated (seeds keep that uncertainty). */
  inferred: z.boolean().optional(),
});

export const DraftContractSchema = z.object({
  contractId: IdSchema,
  name: TitleSchema,
  territory: z.object({
    name: NameSchema,
    epci: z.array(NameSchema).default([]),
    communes: z.array(NameSchema).default([]),
  }),
  period: PeriodSchema,
  /** The parties expected to sign. */
  parties: z.array(SignatorySchema).default([]),
});

export const DefineAxisSchema = z.object({
  contractId: IdSchema,
  code: z.string().trim().min(1, { error: 'code requis' }).max(20),
  title: TitleSchema,
  objectives: z.array(TextSchema).default([]),
});

export const DefineFicheActionSchema = z.object({
  contractId: IdSchema,
  axisCode: z.string().trim().min(1, { error: 'axe requis' }).max(20),
  code: z.string().trim().min(1, { error: 'code requis' }).max(20),
  title: TitleSchema,
  objectives: z.array(TextSchema).default([]),
  pilots: z.array(NameSchema).default([]),
  partners: z.array(NameSchema).default([]),
  publics: z.array(NameSchema).default([]),
});

export const SignContractSchema = z.object({
  contractId: IdSchema,
  signedOn: DateSchema,
  signatories: z.array(SignatorySchema).min(1, { error: 'au moins un signataire' }),
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

export type DraftContract = { type: 'DraftContract' } & z.infer<typeof DraftContractSchema>;
export type DefineAxis = { type: 'DefineAxis' } & z.infer<typeof DefineAxisSchema>;
export type DefineFicheAction = { type: 'DefineFicheAction' } & z.infer<typeof DefineFicheActionSchema>;
export type SignContract = { type: 'SignContract' } & z.infer<typeof SignContractSchema>;
export type AmendContract = { type: 'AmendContract' } & z.infer<typeof AmendContractSchema>;
export type CloseContract = { type: 'CloseContract' } & z.infer<typeof CloseContractSchema>;

export type ContractCommand =
  | DraftContract
  | DefineAxis
  | DefineFicheAction
  | SignContract
  | AmendContract
  | CloseContract;
