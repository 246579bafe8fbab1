import { z } from 'zod';
import { SubjectIdSchema } from '../personal-data.js';
import {
  atMost,
  DateSchema,
  EffectiveOnFields,
  IdSchema,
  NameSchema,
  nameKey,
  TextSchema,
  TitleSchema,
} from '../values.js';

export const CONVENTION_KINDS = ['convention', 'feuille_de_route'] as const;
export type ConventionKind = (typeof CONVENTION_KINDS)[number];

export const ConventionKindSchema = z.enum(CONVENTION_KINDS, {
  error: 'type attendu : convention ou feuille de route',
});

/** The first party named twice in a list (the same organisation written another way: `nameKey`), if any. */
export function duplicateConventionParty(parties: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const party of parties) {
    const key = nameKey(party);
    if (seen.has(key)) return party;
    seen.add(key);
  }
  return undefined;
}

export const DraftConventionSchema = z.object({
  conventionId: IdSchema,
  /** The CLS the convention is annexed to, when there is one. */
  contractId: IdSchema.optional(),
  title: TitleSchema,
  kind: ConventionKindSchema,
  parties: z
    .array(NameSchema, { error: 'parties requises' })
    .min(2, { error: 'au moins deux parties' })
    .max(100, atMost(100))
    .superRefine((parties, ctx) => {
      const twice = duplicateConventionParty(parties);
      if (twice) ctx.addIssue({ code: 'custom', message: `${twice} figure deux fois parmi les parties` });
    }),
  /** May be empty: some annexes only say "document en création". */
  object: TextSchema.default(''),
  /** An annex recorded after its contract's adoption: the date it took effect (see EffectiveOnFields). */
  ...EffectiveOnFields,
});

export const SignConventionSchema = z.object({
  conventionId: IdSchema,
  /** The party signing, as named in the convention. */
  party: NameSchema,
  /** The person signing for the party: sealed with the key of `signerId`. */
  signer: NameSchema.optional(),
  signerId: SubjectIdSchema.optional(),
  signedOn: DateSchema,
});

export const AmendConventionSchema = z.object({
  conventionId: IdSchema,
  amendedOn: DateSchema,
  summary: TitleSchema,
});

export const TerminateConventionSchema = z.object({
  conventionId: IdSchema,
  terminatedOn: DateSchema,
  reason: TextSchema.min(1, { error: 'motif de résiliation requis' }),
});

export type DraftConvention = { type: 'DraftConvention' } & z.infer<typeof DraftConventionSchema>;
export type SignConvention = { type: 'SignConvention' } & z.infer<typeof SignConventionSchema>;
export type AmendConvention = { type: 'AmendConvention' } & z.infer<typeof AmendConventionSchema>;
export type TerminateConvention = { type: 'TerminateConvention' } & z.infer<typeof TerminateConventionSchema>;

export type ConventionCommand = DraftConvention | SignConvention | AmendConvention | TerminateConvention;
