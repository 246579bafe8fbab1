import { z } from 'zod';
import { NamedPersonSchema, PERSON_SUBJECT_PREFIX } from '../personal-data.js';
import { atMost, DateSchema, IdSchema, NameSchema, TextSchema, WebLinkSchema } from '../values.js';
import { OfferPracticalShape, PRACTICAL_OFFER_FIELDS } from './attributes.js';
import { OFFER_KINDS } from './kinds.js';

export const OfferKindSchema = z.enum(OFFER_KINDS, { error: 'type d’offre inconnu' });

/**
 * Where an offer comes from: the FINESS directory (establishments), the Annuaire Santé's
 * RPPS extraction (practitioners at their liberal practice sites), or a coordinator's entry.
 */
export const OfferSourceSchema = z.enum(['finess', 'rpps', 'manual'], {
  error: 'source : finess, rpps ou manual',
});
export type OfferSource = z.infer<typeof OfferSourceSchema>;

export const FinessNumberSchema = z
  .string({ error: 'numéro FINESS requis' })
  .trim()
  .regex(/^\d[\dAB]\d{7}$/, { error: 'numéro FINESS : 9 caractères (ex. 340012345, 2A0001234)' });

/**
 * A practitioner's « Identifiant PP » in the RPPS: 11 digits (its « Identification nationale PP »
 * is `8` followed by it; an ADELI number, type `0`, has 9 characters and is not one).
 */
export const RppsNumberSchema = z
  .string({ error: 'numéro RPPS requis' })
  .trim()
  .regex(/^\d{11}$/, { error: 'numéro RPPS (identifiant PP) : 11 chiffres (ex. 10001045367)' });

/**
 * The subject whose key seals a practitioner's name: the same for every site of one
 * practitioner (one key, one erasure), and found again from the RPPS number alone.
 */
export const PRACTITIONER_SUBJECT_PREFIX = `${PERSON_SUBJECT_PREFIX}rpps-`;
export const practitionerSubject = (rpps: string): string => `${PRACTITIONER_SUBJECT_PREFIX}${rpps}`;

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

/** How precisely an offer's position places it (absent: as its source gave it, FINESS's geolocation or a pin). */
export const POSITION_PRECISIONS = ['address', 'commune'] as const;
export type PositionPrecision = (typeof POSITION_PRECISIONS)[number];
/** What the portal and the admin app say of a position, the one home of these words. */
export const POSITION_PRECISION_LABELS: Record<PositionPrecision, string> = {
  address: 'position à l’adresse',
  commune: 'position approximative (commune)',
};
export const PositionPrecisionSchema = z.enum(POSITION_PRECISIONS, {
  error: 'précision de la position : address ou commune',
});

const CodeLabelSchema = z.object({
  code: z.string({ error: 'code requis' }).trim().min(1, { error: 'code requis' }).max(20, atMost(20)),
  label: z.string({ error: 'libellé requis' }).trim().max(300, atMost(300)),
});

/** Modes of practice an offer can stand for: only liberal practice sites are offers of their own. */
export const PRACTICE_MODE_LABELS = { liberal: 'exercice libéral' } as const;

/**
 * A practitioner's practice at the offer's site: the profession (RPPS `Code profession`,
 * e.g. `50` Sage-Femme), liberal, and the savoir-faire that makes the kind (`SM54` Médecine
 * générale) when there is one.
 */
export const OfferPracticeSchema = z.object({
  profession: CodeLabelSchema,
  mode: z.literal('liberal', { error: 'mode d’exercice : liberal' }),
  savoirFaire: CodeLabelSchema.optional(),
});
export type OfferPractice = z.infer<typeof OfferPracticeSchema>;

/** What describes an offer, and may change. */
export const OfferDetailsSchema = z.object({
  kind: OfferKindSchema,
  name: NameSchema,
  address: OfferAddressSchema,
  position: PositionSchema,
  /** Absent: as the source gave it; `commune`: the commune's centre (« position approximative (commune) »). */
  positionPrecision: PositionPrecisionSchema.optional(),
  phone: PhoneSchema.optional(),
  /** FINESS category, e.g. `603` Maison de santé, when it comes from FINESS. */
  category: z
    .object({ code: z.string().trim().min(1).max(20), label: z.string().trim().max(300) })
    .optional(),
  openedOn: DateSchema.optional(),
  /** Hospitals: whether it has an emergency department, when known. */
  emergency: z.boolean().optional(),
  website: WebLinkSchema.optional(),
  /** A practitioner's offer: the profession practised there, liberal. */
  practice: OfferPracticeSchema.optional(),
  /** Hours, publics, access, languages, wheelchair, services, teleconsultation, appointment link. */
  ...OfferPracticalShape,
});
export type OfferDetails = z.infer<typeof OfferDetailsSchema>;

export const RegisterOfferSchema = OfferDetailsSchema.extend({
  offerId: IdSchema,
  source: OfferSourceSchema,
  finess: FinessNumberSchema.optional(),
  /** A practitioner's « Identifiant PP » (an offer from the RPPS carries it). */
  rpps: RppsNumberSchema.optional(),
  /**
   * The practitioner (a person, not the offer's name): the name is sealed with the key of
   * `practitionerSubject(rpps)`, which the decider gives. Only with an RPPS number.
   */
  practitioner: NamedPersonSchema.optional(),
  /** When the information was checked (the extract's date for FINESS and the RPPS). */
  verifiedOn: DateSchema,
});

/** Details an offer may lose (a phone line closed, a website gone, hours no longer known). */
export const REMOVABLE_OFFER_FIELDS = [
  'phone',
  'website',
  'openedOn',
  'emergency',
  'category',
  'positionPrecision',
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
  /** The practitioner's name as it now reads (sealed like at registration); an offer with an RPPS number only. */
  practitioner: NamedPersonSchema.optional(),
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
