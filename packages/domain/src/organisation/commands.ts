import { z } from 'zod';
import { InseeCodeSchema, PostcodeSchema } from '../offer/commands.js';
import { atMost, IdSchema, NameSchema, TextSchema, WebLinkSchema } from '../values.js';
import { ORGANISATION_KINDS } from './kinds.js';
import { isValidSiret } from './siret.js';

export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS, { error: 'type d’organisation inconnu' });

/** A SIRET as people write it (`732 829 320 00074`): kept as its 14 digits, its key checked. */
export const SiretSchema = z
  .string({ error: 'SIRET : 14 chiffres' })
  .max(40, { error: 'SIRET : 14 chiffres (ex. 732 829 320 00074)' })
  .transform((value) => value.replace(/[\s.-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, { error: 'SIRET : 14 chiffres (ex. 732 829 320 00074)' })
      .refine(isValidSiret, {
        error: 'SIRET invalide : sa clé de contrôle ne correspond pas (vérifiez les chiffres)',
      }),
  );

/** Where an organisation is: every part optional (a name of commune is often all a source gives). */
export const OrganisationAddressSchema = z.object({
  line: TextSchema.max(300, { error: 'adresse trop longue (300 caractères au plus)' }).optional(),
  postcode: PostcodeSchema.optional(),
  communeInsee: InseeCodeSchema.optional(),
  communeName: NameSchema.optional(),
});
export type OrganisationAddress = z.infer<typeof OrganisationAddressSchema>;

/** What describes an organisation, and may change. */
export const OrganisationDetailsSchema = z.object({
  name: NameSchema,
  kind: OrganisationKindSchema,
  siret: SiretSchema.optional(),
  address: OrganisationAddressSchema.optional(),
  website: WebLinkSchema.optional(),
});
export type OrganisationDetails = z.infer<typeof OrganisationDetailsSchema>;

export const RegisterOrganisationSchema = OrganisationDetailsSchema.extend({ organisationId: IdSchema });

/** Details an organisation may lose (a wrong SIRET, a website gone). */
export const REMOVABLE_ORGANISATION_FIELDS = ['siret', 'address', 'website'] as const;
export type RemovableOrganisationField = (typeof REMOVABLE_ORGANISATION_FIELDS)[number];

export const UpdateOrganisationSchema = z.object({
  organisationId: IdSchema,
  /** Only the fields that change. */
  changes: OrganisationDetailsSchema.partial(),
  /** Fields the organisation no longer has. */
  remove: z
    .array(z.enum(REMOVABLE_ORGANISATION_FIELDS, { error: 'champ à retirer inconnu' }))
    .max(3, atMost(3))
    .optional(),
});

export type RegisterOrganisation = { type: 'RegisterOrganisation' } & z.infer<
  typeof RegisterOrganisationSchema
>;
export type UpdateOrganisation = { type: 'UpdateOrganisation' } & z.infer<typeof UpdateOrganisationSchema>;
export type OrganisationCommand = RegisterOrganisation | UpdateOrganisation;
