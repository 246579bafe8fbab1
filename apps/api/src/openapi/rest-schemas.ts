import { SystemInfoSchema } from '@cls/api';
import { IntegritySchema, OfferSummarySchema } from '@cls/api/schemas';
import { REMOVABLE_OFFER_FIELDS, RegisterOfferSchema, UpdateOfferSchema } from '@cls/domain';
import type { DataInclusionService, DataInclusionStructure } from '@cls/offers';
import { z } from 'zod';
import { OFFER_CHANGE_EVENTS } from '../offers/offer-changes.js';

/**
 * What the REST endpoints answer, as zod schemas: the OpenAPI document is generated from
 * them (z.toJSONSchema), and the tests check the real answers against that document.
 */

/** Every refusal: 400, 401, 403, 404, 429. */
export const ErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string().optional(),
  message: z.union([z.string(), z.array(z.string())]),
});

export const NearestSchema = z.object({
  results: z.array(
    OfferSummarySchema.pick({
      id: true,
      finess: true,
      name: true,
      kind: true,
      address: true,
      commune: true,
      phone: true,
      lon: true,
      lat: true,
    }).extend({ distanceKm: z.number().nonnegative() }),
  ),
});

const Position = z.array(z.number()).min(2).max(3);
const PointSchema = z.object({ type: z.literal('Point'), coordinates: Position });
const GeometrySchema = z.union([
  PointSchema,
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

/** A GeoJSON FeatureCollection (RFC 7946) of points and areas, its properties as `properties` says. */
const featureCollection = <Properties extends z.ZodType>(properties: Properties, geometry: z.ZodType) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        geometry,
        properties,
      }),
    ),
  });

export const OffersGeoJsonSchema = featureCollection(
  OfferSummarySchema.omit({ lon: true, lat: true, support: true }).extend({
    /** How many CLS actions the offer is a deliverable of. */
    support: z.number().int().nonnegative(),
  }),
  PointSchema,
);

export const AreasGeoJsonSchema = featureCollection(z.record(z.string(), z.unknown()), GeometrySchema);
export const PlacesGeoJsonSchema = featureCollection(z.record(z.string(), z.unknown()), PointSchema);

export const BasemapSchema = z.object({
  /** The deployment's MAP_STYLE_URL; null: the portal's offline basemap. */
  styleUrl: z.string().nullable(),
});

export const TerritoriesSchema = z
  .object({
    source: z.string(),
    territories: z.array(z.object({ id: z.string(), name: z.string() }).loose()),
  })
  .loose();

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  database: SystemInfoSchema.shape.database,
  projections: SystemInfoSchema.shape.projections,
  integrity: IntegritySchema,
});

const nullable = <Schema extends z.ZodType>(schema: Schema) => schema.nullable();
const text = z.string();
const list = z.array(z.string());
const place = {
  adresse: nullable(text),
  complement_adresse: nullable(text),
  commune: nullable(text),
  code_postal: nullable(text),
  code_insee: nullable(text),
  longitude: nullable(z.number()),
  latitude: nullable(z.number()),
  telephone: nullable(text),
  courriel: nullable(text),
};

/** data·inclusion schema v1, `structure.json` (gip-inclusion/data-inclusion-schema). */
export const DataInclusionStructureSchema = z.object({
  source: text,
  id: text,
  nom: text,
  date_maj: z.iso.date(),
  siret: nullable(text),
  description: nullable(text),
  ...place,
  site_web: nullable(text),
  lien_source: nullable(text),
  horaires_accueil: nullable(text),
  accessibilite_lieu: nullable(text),
  reseaux_porteurs: nullable(list),
}) satisfies z.ZodType<DataInclusionStructure>;

/** data·inclusion schema v1, `service.json` (gip-inclusion/data-inclusion-schema). */
export const DataInclusionServiceSchema = z.object({
  source: text,
  structure_id: text,
  id: text,
  nom: text,
  description: text,
  date_maj: z.iso.date(),
  type: nullable(text),
  thematiques: nullable(list),
  frais: nullable(z.enum(['gratuit', 'payant'])),
  frais_precisions: nullable(text),
  publics: nullable(list),
  publics_precisions: nullable(text),
  conditions_acces: nullable(text),
  ...place,
  contact_nom_prenom: nullable(text),
  horaires_accueil: nullable(text),
  lien_source: nullable(text),
  lien_mobilisation: nullable(text),
  modes_accueil: nullable(list),
  modes_mobilisation: nullable(list),
  mobilisable_par: nullable(list),
  mobilisation_precisions: nullable(text),
  nombre_semaines: nullable(z.number().int()),
  volume_horaire_hebdomadaire: nullable(z.number()),
  zone_eligibilite: nullable(list),
}) satisfies z.ZodType<DataInclusionService>;

/** A practitioner: the person's subject, and their name opened (absent once erased: never sealed). */
const PractitionerSchema = z.object({ name: z.string().optional(), personId: z.string().optional() });

const changeBase = {
  cursor: z.string().regex(/^\d+$/),
  offerId: z.string(),
  event: z.enum(OFFER_CHANGE_EVENTS),
  occurredAt: z.string(),
  recordedAt: z.string(),
};

export const OfferChangesSchema = z.object({
  changes: z.array(
    z.discriminatedUnion('type', [
      z.object({
        ...changeBase,
        type: z.literal('created'),
        /** The registration's fields (a practitioner's name opened, or absent once erased). */
        offer: RegisterOfferSchema.omit({ offerId: true })
          .extend({ practitioner: PractitionerSchema.optional() })
          .loose(),
      }),
      z.object({
        ...changeBase,
        type: z.literal('updated'),
        changes: UpdateOfferSchema.shape.changes.loose(),
        removed: z.array(z.enum(REMOVABLE_OFFER_FIELDS)),
        practitioner: PractitionerSchema.optional(),
        coverage: z.array(z.string()).optional(),
        verifiedOn: z.string().optional(),
      }),
      z.object({ ...changeBase, type: z.literal('closed'), closedOn: z.string(), reason: z.string() }),
    ]),
  ),
  next: z.string().regex(/^\d+$/),
  complete: z.boolean(),
});
