import { OFFER_KINDS } from '@cls/domain';
import { z } from 'zod';
import {
  AreasGeoJsonSchema,
  BasemapSchema,
  DataInclusionServiceSchema,
  DataInclusionStructureSchema,
  ErrorSchema,
  HealthSchema,
  NearestSchema,
  OfferChangesSchema,
  OffersGeoJsonSchema,
  PlacesGeoJsonSchema,
  TerritoriesSchema,
} from './rest-schemas.js';

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect). */
type JsonSchema = Record<string, unknown>;

/** The JSON Schema of what a zod schema outputs, without its `$schema` (the document's dialect applies). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return rest;
}

const ERROR = { $ref: '#/components/schemas/Error' };
const refusal = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR } },
});
const TOO_MANY = refusal('Trop de requêtes (limite publique par client et par minute, voir Retry-After)');
const BAD_PARAMETERS = refusal('Paramètres invalides : un message par paramètre');
const json = (description: string, schema: z.ZodType | JsonSchema, type = 'application/json') => ({
  description,
  content: { [type]: { schema: schema instanceof z.ZodType ? jsonSchemaOf(schema) : schema } },
});
const file = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: { type: 'string' } } },
});

const query = (name: string, description: string, schema: JsonSchema, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const KINDS = query(
  'kind',
  `Types d’offre, séparés par des virgules (${OFFER_KINDS.join(', ')}) ; aucun : tous.`,
  {
    type: 'string',
    examples: ['msp,sage_femme'],
  },
);
const DEPARTEMENTS = query('departement', 'Départements, séparés par des virgules (34, 2A, 974).', {
  type: 'string',
  examples: ['34,11'],
});
const EXPORT_PARAMETERS = [
  KINDS,
  query('bbox', 'Emprise ouest,sud,est,nord (WGS84).', { type: 'string', examples: ['3.2,43.5,3.7,43.8'] }),
  DEPARTEMENTS,
  query('date', 'L’annuaire tel qu’il était à la fin de ce jour (AAAA-MM-JJ, au plus aujourd’hui).', {
    type: 'string',
    format: 'date',
  }),
];
const DATA_INCLUSION_PARAMETERS = [KINDS, DEPARTEMENTS];
const PUBLIC = ['Données ouvertes'];
const AUDIT = ['Audit'];
const SESSION = [{ session: [] }];

function operation(
  summary: string,
  tags: string[],
  responses: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return { get: { summary, tags, ...extra, responses } };
}

/**
 * The OpenAPI 3.1 document of every REST endpoint of the host (`/api/openapi.json`), built from
 * the zod schemas of what they answer. A test checks it against the OpenAPI 3.1 schema, that
 * every controller's route is in it, and every real answer against it.
 */
export function openApiDocument(version: string) {
  const publicGeo = (summary: string, schema: z.ZodType, type: string, extra: Record<string, unknown> = {}) =>
    operation(
      summary,
      ['Contours et lieux'],
      {
        200: json(summary, schema, type),
        404: refusal('Fichier de données ouvertes absent (OPEN_DATA_DIR)'),
        429: TOO_MANY,
      },
      extra,
    );
  const dataInclusion = (what: 'structures' | 'services', format: 'json' | 'csv') =>
    operation(
      `Les offres ouvertes en ${what} du schéma data·inclusion (${format.toUpperCase()})`,
      PUBLIC,
      {
        200:
          format === 'json'
            ? json(
                `Les ${what}`,
                z.array(what === 'structures' ? DataInclusionStructureSchema : DataInclusionServiceSchema),
              )
            : file(
                `Les ${what}, une ligne chacun, les champs du schéma en en-tête (listes séparées par des virgules)`,
                'text/csv',
              ),
        400: BAD_PARAMETERS,
        429: TOO_MANY,
      },
      {
        description:
          'Schéma data·inclusion v1 (gip-inclusion/data-inclusion-schema) : une structure par offre (son lieu), un service par offre (ce qu’elle propose). Ce que l’annuaire ne sait pas vaut null. Les offres fermées sont dans le flux des changements.',
        externalDocs: { url: 'https://gip-inclusion.github.io/data-inclusion-schema/latest/' },
        parameters: DATA_INCLUSION_PARAMETERS,
      },
    );

  return {
    openapi: '3.1.1',
    info: {
      title: 'Plateforme CLS — API REST',
      version,
      description:
        'Les points d’accès REST de la plateforme des Contrats Locaux de Santé : l’annuaire des offres de santé en données ouvertes (proches, GeoJSON, CSV, data·inclusion, flux des changements), les contours de la carte, les fichiers de l’audit, la santé du service et la connexion OpenID Connect. Les points publics sont sans compte, limités par client et par minute (429 avec Retry-After) et mis en cache. L’application elle-même (portail et administration) passe par tRPC sous /trpc (procédures typées, non REST, hors de ce document : voir le README, « How a command runs »).',
      license: {
        name: 'Licence Ouverte 2.0 (données)',
        url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
      },
    },
    tags: [
      { name: 'Données ouvertes', description: 'L’annuaire des offres de santé, pour les réutilisateurs' },
      { name: 'Contours et lieux', description: 'Ce sur quoi la carte du portail est dessinée' },
      { name: 'Audit', description: 'Réservé aux auditeurs et aux administrateurs (session)' },
      { name: 'Service', description: 'Santé, connexion, ce document' },
    ],
    paths: {
      '/api/offers/nearest': operation(
        'Les offres ouvertes les plus proches d’un point',
        PUBLIC,
        {
          200: json(
            'Les offres, de la plus proche à la plus lointaine (distance orthodromique, km)',
            NearestSchema,
          ),
          400: BAD_PARAMETERS,
          429: TOO_MANY,
        },
        {
          parameters: [
            query('lon', 'Longitude (WGS84)', { type: 'number', minimum: -180, maximum: 180 }, true),
            query('lat', 'Latitude (WGS84)', { type: 'number', minimum: -90, maximum: 90 }, true),
            KINDS,
            query('limit', 'Nombre d’offres, 1 à 100 (10 par défaut)', {
              type: 'integer',
              minimum: 1,
              maximum: 100,
            }),
            query('radiusKm', 'Distance maximale (km, 500 au plus)', {
              type: 'number',
              exclusiveMinimum: 0,
              maximum: 500,
            }),
          ],
        },
      ),
      '/api/offers.geojson': operation(
        'Les offres ouvertes en GeoJSON (RFC 7946)',
        PUBLIC,
        {
          200: json('Une Feature Point par offre', OffersGeoJsonSchema, 'application/geo+json'),
          400: BAD_PARAMETERS,
          429: TOO_MANY,
        },
        { parameters: EXPORT_PARAMETERS },
      ),
      '/api/offers.csv': operation(
        'Les offres ouvertes en CSV',
        PUBLIC,
        {
          200: file('Une ligne par offre (RFC 4180, UTF-8)', 'text/csv'),
          400: BAD_PARAMETERS,
          429: TOO_MANY,
        },
        { parameters: EXPORT_PARAMETERS },
      ),
      '/api/offers/changes': operation(
        'Le flux des changements des offres, lu dans le journal',
        PUBLIC,
        {
          200: {
            ...json('Les changements après le curseur, du plus ancien au plus récent', OfferChangesSchema),
            headers: {
              ETag: { description: 'Empreinte de la page', schema: { type: 'string' } },
              'Cache-Control': {
                description:
                  'Une heure pour une page complète (elle ne change plus), dix secondes pour la dernière',
                schema: { type: 'string' },
              },
            },
          },
          304: { description: 'Inchangée depuis l’ETag envoyé (If-None-Match)' },
          400: refusal('Curseur ou limite illisible, ou curseur au-delà du journal, avec la raison'),
          429: TOO_MANY,
        },
        {
          description:
            'Chaque événement des offres du journal, après la position `since` : OfferRegistered → created (les champs publics de l’offre), OfferUpdated, OfferVerified et CoverageDeclared → updated (ce qui change, ce qui est retiré), OfferClosed → closed. Rejouer le flux depuis 0 puis depuis `next` donne les mêmes offres ouvertes que /api/offers.geojson. Le nom d’une personne (praticien) est donné ouvert, ou absent une fois effacé.',
          parameters: [
            query(
              'since',
              'Curseur : le `next` (ou le `cursor` d’un changement) d’une réponse précédente ; 0 pour tout',
              {
                type: 'string',
                pattern: '^(0|[1-9][0-9]{0,14})$',
              },
            ),
            query('limit', 'Changements par page, 1 à 1000 (200 par défaut)', {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            }),
          ],
        },
      ),
      '/api/data-inclusion/structures.json': dataInclusion('structures', 'json'),
      '/api/data-inclusion/services.json': dataInclusion('services', 'json'),
      '/api/data-inclusion/structures.csv': dataInclusion('structures', 'csv'),
      '/api/data-inclusion/services.csv': dataInclusion('services', 'csv'),
      '/api/geo/basemap.json': operation('Le fond de carte du portail', ['Contours et lieux'], {
        200: json('Le style MAP_STYLE_URL du déploiement, ou null pour le fond hors ligne', BasemapSchema),
        429: TOO_MANY,
      }),
      '/api/geo/departements.geojson': publicGeo(
        'Les contours des départements',
        AreasGeoJsonSchema,
        'application/geo+json',
      ),
      '/api/geo/territories.json': publicGeo(
        'Les territoires des contrats et leurs EPCI',
        TerritoriesSchema,
        'application/json',
      ),
      '/api/geo/communes.geojson': publicGeo(
        'Les contours des communes',
        AreasGeoJsonSchema,
        'application/geo+json',
        {
          parameters: [
            query('insee', 'Codes INSEE de communes, séparés par des virgules', { type: 'string' }),
            query('departements', 'Départements, séparés par des virgules', { type: 'string' }),
          ],
        },
      ),
      '/api/geo/places.geojson': publicGeo(
        'Les noms de lieux du fond de carte (communes et départements)',
        PlacesGeoJsonSchema,
        'application/geo+json',
      ),
      '/api/audit/report.{format}': operation(
        'Le rapport d’évaluation annuel d’un contrat, signé',
        AUDIT,
        {
          200: {
            description: 'Le rapport, suivi de la tête signée du journal',
            content: {
              'text/html': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          400: BAD_PARAMETERS,
          401: refusal('Connexion requise'),
          403: refusal('Réservé aux auditeurs et aux administrateurs'),
          404: refusal('Contrat ou format inconnu'),
          429: TOO_MANY,
        },
        {
          security: SESSION,
          parameters: [
            {
              name: 'format',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: ['html', 'csv', 'json'] },
            },
            query('contractId', 'Identifiant du contrat', { type: 'string' }, true),
            query('year', 'Année évaluée', { type: 'integer', minimum: 1990, maximum: 2100 }, true),
            query('closingDate', 'Jour de clôture (fin de l’année par défaut)', {
              type: 'string',
              format: 'date',
            }),
            query('time', 'Horloge : occurred (dates métier) ou recorded', {
              type: 'string',
              enum: ['occurred', 'recorded'],
            }),
          ],
        },
      ),
      '/api/audit/public-key': operation('La clé publique Ed25519 qui vérifie les têtes signées', AUDIT, {
        200: file('Clé publique (PEM), pour pnpm audit:verify --public-key', 'application/x-pem-file'),
        429: TOO_MANY,
      }),
      '/api/audit/export.ndjson': operation(
        'Le journal exporté, un événement par ligne avec ses empreintes, jusqu’à sa tête signée',
        AUDIT,
        {
          200: file('NDJSON, vérifiable hors ligne (pnpm audit:verify)', 'application/x-ndjson'),
          400: BAD_PARAMETERS,
          401: refusal('Connexion requise'),
          403: refusal('Réservé aux auditeurs et aux administrateurs'),
          429: TOO_MANY,
        },
        {
          security: SESSION,
          parameters: [query('stream', 'Un seul flux, <catégorie>-<id>', { type: 'string' })],
        },
      ),
      '/healthz': operation('La santé du service', ['Service'], {
        200: json('La base répond', HealthSchema),
        503: json('La base ne répond pas', HealthSchema),
      }),
      '/auth/oidc/login': operation(
        'Connexion OpenID Connect (ProConnect) : vers le fournisseur',
        ['Service'],
        {
          302: { description: 'Redirection vers le fournisseur' },
          404: refusal('Connexion OpenID Connect non configurée'),
        },
      ),
      '/auth/oidc/callback': operation('Retour du fournisseur OpenID Connect', ['Service'], {
        302: { description: 'Vers /admin/, connecté ou avec la raison du refus' },
        404: refusal('Connexion OpenID Connect non configurée'),
      }),
      '/api/openapi.json': operation('Ce document (OpenAPI 3.1)', ['Service'], {
        200: json('Le document', { type: 'object' }),
        429: TOO_MANY,
      }),
    },
    components: {
      schemas: { Error: jsonSchemaOf(ErrorSchema) },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cls_session',
          description: 'La session ouverte par auth.login (tRPC) ou OpenID Connect',
        },
      },
    },
  };
}
