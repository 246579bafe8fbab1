import { z } from 'zod';
import { atMost, DateSchema, IdSchema, NameSchema, TextSchema, WebLinkSchema } from '../values.js';
import { OfferPracticalShape, PRACTICAL_OFFER_FIELDS } from './attributes.js';
import { OFFER_KINDS } from './kinds.js';

export const OfferKindSchema = z.enum(OFFER_KINDS, { error: 'type d’offre inconnu' });

/** Where an offer comes from: the FINESS directory, or a coordinator's entry. */
export const OfferSourceSchema = z.enum(['finess', 'manual'], { error: 'source : finess ou manual' });
export type OfferSource = z.infer<typeof OfferSourceSchema>;

export const FinessNumberSchema = z
  .string({ error: 'numéro FINESS requis' })
  .trim()
  .regex(/^\d[\dAB]\d{7}$/, { error: 'numéro FINESS : 9 caractères (ex. 340012345, 2A0001234)' });

export const InseeCodeSchema = z
  .string({ error: 'code INSEE requis' })
  .trim()
  .regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'code INSEE de commune : 5 caractères (ex. 34129)' });

export const PostcodeSchema = z
  .string()
  .trim()
  .regex(/^\d{5}$/, { error: 'code postal : 5 chiffres' });

/** A phone number as typed (`+33 4 67…`, `04.67…`), without its separators and in the national form. */
export const phoneDigits = (value: string): string => value.replace(/[\s.\-()]/g, '').replace(/^\+33/, '0');

/** A French phone number, kept as its 10 digits. */
export const PhoneSchema = z
  .string()
  .max(40, { error: 'téléphone : 10 chiffres (ex. 04 67 00 00 00)' })
  .transform(phoneDigits)
  .pipe(z.string().regex(/^0\d{9}$/, { error: 'téléphone : 10 chiffres (ex. 04 67 00 00 00)' }));

/** WGS84 longitude and latitude. */
export const PositionSchema = z.object({
  lon: z
    .number({ error: 'longitude requise' })
    .min(-180, { error: 'longitude entre -180 et 180' })
    .max(180, { error: 'longitude entre -180 et 180' }),
  lat: z
    .number({ error: 'latitude requise' })
    .min(-90, { error: 'latitude entre -90 et 90' })
    .max(90, { error: 'latitude entre -90 et 90' }),
});
export type Position = z.infer<typeof PositionSchema>;

export const OfferAddressSchema = z.object({
  /** Street line, lieu-dit or BP included. */
  line: TextSchema.max(300, { error: 'adresse trop longue' }),
  postcode: PostcodeSchema.optional(),
  communeInsee: InseeCodeSchema.optional(),
  communeName: NameSchema,
});
export type OfferAddress = z.infer<typeof OfferAddressSchema>;

/** What describes an offer, and may change. */
export const OfferDetailsSchema = z.object({
  kind: OfferKindSchema,
  name: NameSchema,
  address: OfferAddressSchema,
  position: PositionSchema,
  phone: PhoneSchema.optional(),
  /** FINESS category, e.g. `603` Maison de santé, when it comes from FINESS. */
  category: z
    .object({ code: z.string().trim().min(1).max(20), label: z.string().trim().max(300) })
    .optional(),
  openedOn: DateSchema.optional(),
  /** Hospitals: whether it has an emergency department, when known. */
  emergency: z.boolean().optional(),
  website: WebLinkSchema.optional(),
  /** Hours, publics, access, languages, wheelchair, services, teleconsultation, appointment link. */
  ...OfferPracticalShape,
});
export type OfferDetails = z.infer<typeof OfferDetailsSchema>;

export const RegisterOfferSchema = OfferDetailsSchema.extend({
  offerId: IdSchema,
  source: OfferSourceSchema,
  finess: FinessNumberSchema.optional(),
  /** When the information was checked (the extract's date for FINESS). */
  verifiedOn: DateSchema,
});

/** Details an offer may lose (a phone line closed, a website gone, hours no longer known). */
export const REMOVABLE_OFFER_FIELDS = [
  'phone',
  'website',
  'openedOn',
  'emergency',
  'category',
  ...PRACTICAL_OFFER_FIELDS,
] as const;
export type RemovableOfferField = (typeof REMOVABLE_OFFER_FIELDS)[number];

export const UpdateOfferSchema = z.object({
  offerId: IdSchema,
  /** Only the fields that change. */
  changes: OfferDetailsSchema.partial(),
  /** Fields the offer no longer has. */
  remove: z
    .array(z.enum(REMOVABLE_OFFER_FIELDS, { error: 'champ à retirer inconnu' }))
    .max(REMOVABLE_OFFER_FIELDS.length, atMost(REMOVABLE_OFFER_FIELDS.length))
    .optional(),
  verifiedOn: DateSchema,
});

export const CloseOfferSchema = z.object({
  offerId: IdSchema,
  closedOn: DateSchema,
  reason: TextSchema.default(''),
});

export const VerifyOfferSchema = z.object({
  offerId: IdSchema,
  verifiedOn: DateSchema,
});

export const DeclareCoverageSchema = z.object({
  offerId: IdSchema,
  /** INSEE codes of the communes the CPTS covers. */
  communes: z
    .array(InseeCodeSchema, { error: 'communes requises' })
    .min(1, { error: 'au moins une commune' })
    .max(2000, { error: 'trop de communes' }),
  declaredOn: DateSchema,
});

/** A deliverable of a CLS action is this offer (an MSP opened, a CPTS created…). */
export const LinkOfferToActionSchema = z.object({
  offerId: IdSchema,
  actionId: IdSchema,
  contractId: IdSchema,
  deliverableId: IdSchema.optional(),
});

export type RegisterOffer = { type: 'RegisterOffer' } & z.infer<typeof RegisterOfferSchema>;
export type UpdateOffer = { type: 'UpdateOffer' } & z.infer<typeof UpdateOfferSchema>;
export type CloseOffer = { type: 'CloseOffer' } & z.infer<typeof CloseOfferSchema>;
export type VerifyOffer = { type: 'VerifyOffer' } & z.infer<typeof VerifyOfferSchema>;
export type DeclareCoverage = { type: 'DeclareCoverage' } & z.infer<typeof DeclareCoverageSchema>;
export type LinkOfferToAction = { type: 'LinkOfferToAction' } & z.infer<typeof LinkOfferToActionSchema>;

export type OfferCommand =
  | RegisterOffer
  | UpdateOffer
  | CloseOffer
  | VerifyOffer
  | DeclareCoverage
  | LinkOfferToAction;
