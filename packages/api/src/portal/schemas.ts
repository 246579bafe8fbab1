import {
  ACTION_STATUSES,
  CONTRACT_STATUSES,
  InseeCodeSchema,
  OFFER_ACCESS,
  OFFER_PUBLICS,
  OFFER_SERVICES,
  OfferKindSchema,
  OfferPracticeSchema,
  OfferSourceSchema,
  PositionPrecisionSchema,
  WEEKDAYS,
} from '@cls/domain';
import { z } from 'zod';

/**
 * What the public portal asks and gets back (no account): offers near a point
 * or in the map's view, commune search, an offer's card, a contract's public page.
 */

const Longitude = z.coerce
  .number({ error: 'longitude attendue' })
  .min(-180, { error: 'longitude entre -180 et 180' })
  .max(180, { error: 'longitude entre -180 et 180' });
const Latitude = z.coerce
  .number({ error: 'latitude attendue' })
  .min(-90, { error: 'latitude entre -90 et 90' })
  .max(90, { error: 'latitude entre -90 et 90' });

/** A calendar day, YYYY-MM-DD. */
export const DaySchema = z.iso.date({ error: 'date attendue au format AAAA-MM-JJ' });

/** The last day that has begun somewhere (UTC+14): nobody's today is after it. */
const lastDayBegun = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/**
 * A day of the directory's history (the map as of `date`): today at the latest. Days to
 * come are refused, as they would each cost a build of their own and show nothing new.
 */
export const PastDaySchema = DaySchema.refine((day) => day <= lastDayBegun(), {
  error: 'au plus aujourd’hui',
});

export const PointSchema = z.object({ lon: Longitude, lat: Latitude });

/** west, south, east, north (WGS84). */
export const BoundingBoxSchema = z
  .tuple([Longitude, Latitude, Longitude, Latitude], { error: 'emprise : ouest, sud, est, nord' })
  .refine(([west, south, east, north]) => west <= east && south <= north, {
    error: 'emprise : ouest ≤ est et sud ≤ nord',
  });
export type BoundingBox = z.infer<typeof BoundingBoxSchema>;

export const OfferSearchSchema = z.object({
  /** Results sorted by distance from it, with `distanceKm`. */
  center: PointSchema.optional(),
  /** Only offers within this distance of `center`. */
  radiusKm: z
    .number()
    .positive({ error: 'rayon positif' })
    .max(500, { error: 'rayon : 500 km au plus' })
    .optional(),
  /** Only offers inside the map's view. */
  bbox: BoundingBoxSchema.optional(),
  /** INSEE code of the commune searched: the CPTS that cover it are included (distance 0). */
  commune: InseeCodeSchema.optional(),
  /** No kinds: every kind. */
  kinds: z.array(OfferKindSchema).max(20).optional(),
  /** Only offers open now (Europe/Paris, French public holidays): hours unknown are left out. */
  openNow: z.boolean().optional(),
  /** Only offers open at some time on the next Saturday. */
  openSaturday: z.boolean().optional(),
  /** Offers for any of these publics. */
  publics: z
    .array(z.enum(OFFER_PUBLICS, { error: 'public inconnu' }))
    .max(OFFER_PUBLICS.length)
    .optional(),
  /** Offers meeting every one of these access conditions. */
  access: z
    .array(z.enum(OFFER_ACCESS, { error: 'condition d’accès inconnue' }))
    .max(OFFER_ACCESS.length)
    .optional(),
  limit: z.number().int().min(1).max(500).default(50),
  /** The directory as it was at the end of that day (business time), from the offers' events. */
  date: PastDaySchema.optional(),
});
export type OfferSearch = z.input<typeof OfferSearchSchema>;

export const OfferSupportSchema = z.object({
  contractId: z.string(),
  contractName: z.string(),
  actionId: z.string(),
  actionCode: z.string(),
  actionTitle: z.string(),
});

export const OfferSummarySchema = z.object({
  id: z.string(),
  finess: z.string().nullable(),
  name: z.string(),
  kind: OfferKindSchema,
  address: z.string(),
  postcode: z.string().nullable(),
  commune: z.string(),
  communeInsee: z.string().nullable(),
  phone: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  /** From `center`, great-circle, km. */
  distanceKm: z.number().optional(),
  source: OfferSourceSchema,
  /** A practitioner's « Identifiant PP » (RPPS); absent for an establishment. */
  rpps: z.string().nullable().optional(),
  /** The practitioner's name (« [donnée effacée] » once erased); absent for an establishment. */
  practitioner: z.string().nullable().optional(),
  /** A practitioner's profession at this site, liberal; absent for an establishment. */
  practice: OfferPracticeSchema.nullable().optional(),
  /** `commune`: the point is the commune's centre (« position approximative (commune) »); absent: as the source gave it. */
  positionPrecision: PositionPrecisionSchema.nullable().optional(),
  /** Hospitals: emergency department, when known. */
  emergency: z.boolean().nullable(),
  verifiedOn: z.string(),
  /** Not verified for longer than the configured time. */
  stale: z.boolean(),
  /** CPTS: INSEE codes of the communes covered (empty when not declared). */
  coverage: z.array(z.string()),
  /** CLS actions this offer is a deliverable of. */
  support: z.array(OfferSupportSchema),
  /** A resident reported an error the coordinators have not checked yet (« Signaler une erreur »). */
  reportPending: z.boolean().optional(),
  /** OpenStreetMap `opening_hours` syntax; null when unknown (« horaires non renseignés »). */
  openingHours: z.string().nullable(),
  /** Empty when unknown. */
  publics: z.array(z.enum(OFFER_PUBLICS)),
  access: z.array(z.enum(OFFER_ACCESS)),
  languages: z.array(z.string()),
  services: z.array(z.enum(OFFER_SERVICES)),
  /** Accessible en fauteuil roulant; null when unknown. */
  wheelchair: z.boolean().nullable(),
  teleconsultation: z.boolean().nullable(),
  appointmentUrl: z.string().nullable(),
});
export type OfferSummary = z.infer<typeof OfferSummarySchema>;

/** A day of an offer's coming week, in Europe/Paris time (the domain's `weekTable`). */
export const OpeningDaySchema = z.object({
  weekday: z.enum(WEEKDAYS),
  date: z.string(),
  today: z.boolean(),
  holiday: z.boolean(),
  /** « 08:30–12:00, 14:00–18:00 », « fermé ». */
  opening: z.string(),
});

/** What the hours say at the time of the answer; both null when the hours are unknown. */
export const OfferHoursNowSchema = z.object({
  openNow: z.boolean().nullable(),
  week: z.array(OpeningDaySchema).nullable(),
});
export type OfferHoursNow = z.infer<typeof OfferHoursNowSchema>;

/** An offer as the portal shows it: with what its hours say now. */
export const OfferResultSchema = OfferSummarySchema.extend(OfferHoursNowSchema.shape);
export type OfferResult = z.infer<typeof OfferResultSchema>;

/** Offers per value of each filter, each counted with the other filters applied. */
export const FilterCountsSchema = z.object({
  openNow: z.number(),
  openSaturday: z.number(),
  publics: z.record(z.string(), z.number()),
  access: z.record(z.string(), z.number()),
});
export type FilterCounts = z.infer<typeof FilterCountsSchema>;

export const OfferSearchResultSchema = z.object({
  results: z.array(OfferResultSchema),
  /**
   * Offers per kind in the same area (center/radius/bbox), whatever `kinds` (the other
   * filters applied): the filters' counts.
   */
  counts: z.record(z.string(), z.number()),
  filterCounts: FilterCountsSchema,
  /** How many match before `limit`. */
  total: z.number(),
});
export type OfferSearchResult = z.infer<typeof OfferSearchResultSchema>;

export const OfferDetailSchema = OfferResultSchema.extend({
  category: z.object({ code: z.string(), label: z.string() }).nullable(),
  openedOn: z.string().nullable(),
  /** The date of the data the offer was registered from (FINESS's extract…), null for an offer read before it was kept. */
  sourceDate: z.string().nullable(),
  website: z.string().nullable(),
  /** Names of the communes covered (CPTS). */
  coverageNames: z.array(z.object({ insee: z.string(), name: z.string() })),
});
export type OfferDetail = z.infer<typeof OfferDetailSchema>;

/** What coordinators see of an offer: also when and why it closed. */
export const OfferRecordSchema = OfferDetailSchema.extend({
  closedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
});
export type OfferRecord = z.infer<typeof OfferRecordSchema>;

export const CommuneSchema = z.object({
  insee: z.string(),
  name: z.string(),
  departement: z.string(),
  postcodes: z.array(z.string()),
  population: z.number().nullable(),
  lon: z.number(),
  lat: z.number(),
});
export type Commune = z.infer<typeof CommuneSchema>;

/** An EPCI of the open data with its member communes. */
export const EpciSchema = z.object({
  siren: z.string(),
  name: z.string(),
  communes: z.array(z.object({ insee: z.string(), name: z.string() })),
});
export type Epci = z.infer<typeof EpciSchema>;

export const EpciSearchSchema = z.object({
  q: z.string().trim().min(1, { error: 'saisissez le nom d’un EPCI' }).max(100),
  limit: z.number().int().min(1).max(20).default(8),
});

export const CommuneSearchSchema = z.object({
  q: z.string().trim().min(1, { error: 'saisissez une commune ou un code postal' }).max(100),
  limit: z.number().int().min(1).max(20).default(8),
});

export const PublicActionSchema = z.object({
  actionId: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.enum(ACTION_STATUSES),
  plannedYears: z.array(z.number()),
  deliverablesPlanned: z.number(),
  deliverablesProduced: z.array(
    z.object({ title: z.string(), producedOn: z.string(), link: z.string().nullable() }),
  ),
  offers: z.array(z.object({ id: z.string(), name: z.string(), kind: OfferKindSchema })),
});

export type PublicAction = z.infer<typeof PublicActionSchema>;

export const PublicContractSummarySchema = z.object({
  contractId: z.string(),
  name: z.string(),
  territoryName: z.string(),
  periodStart: z.number(),
  periodEnd: z.number(),
  status: z.enum(CONTRACT_STATUSES),
});
export type PublicContractSummary = z.infer<typeof PublicContractSummarySchema>;

/** A contract's public page (transparency): no personal data. */
export const PublicContractSchema = PublicContractSummarySchema.extend({
  signedOn: z.string().nullable(),
  /** INSEE codes of its communes, when its territory is known: drawn on the map. */
  communes: z.array(z.string()),
  /**
   * Whom a resident may ask: the contract's coordination as its governance names it (the body
   * and its role; never its members, who are people).
   */
  contacts: z.array(z.object({ body: z.string(), role: z.string() })),
  axes: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      fiches: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          /** From 0 to 1; null when unknown (« non renseigné », never 0 %). */
          progress: z.number().nullable(),
          /** A fiche without actions: the status its coordination reported; null otherwise. */
          status: z.enum(ACTION_STATUSES).nullable(),
          actions: z.array(PublicActionSchema),
        }),
      ),
    }),
  ),
});
export type PublicContract = z.infer<typeof PublicContractSchema>;

/** The admin app's list of offers. */
export const OfferListSchema = z.object({
  /** Words of the name, commune or FINESS number (accents and case ignored). */
  search: z.string().trim().max(200).optional(),
  kinds: z.array(OfferKindSchema).max(20).optional(),
  state: z.enum(['open', 'stale', 'closed', 'all']).default('open'),
  limit: z.number().int().min(1).max(500).default(100),
});
export type OfferList = z.input<typeof OfferListSchema>;

export const OfferListItemSchema = OfferSummarySchema.extend({ closedOn: z.string().nullable() });
export type OfferListItem = z.infer<typeof OfferListItemSchema>;
