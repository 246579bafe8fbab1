import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { OfferSummary } from '@cls/api';
import { BoundingBoxSchema, PastDaySchema } from '@cls/api/schemas';
import { OFFER_KIND_LABELS, OfferKindSchema } from '@cls/domain';
import { communeLabels, type DepartementFeature, departementLabels, parseCommunesCsv } from '@cls/offers';
import { Controller, Get, Header, HttpException, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { sendCsv, sendFeatureCollection } from './chunked-response.js';
import { dayOfIndex } from './day-offers.js';
import { nearestOffersJson, sendNearestOffers } from './nearest-offers.js';
import { OfferIndexCache } from './offer-index-cache.js';
import { DepartementsParameter, departementOf } from './open-data.controller.js';
import { PastDayOffers } from './past-day-offers.js';
import { commaList, parameters } from './query-parameters.js';

export const OFFERS_OPEN_DATA_DIR = Symbol('OFFERS_OPEN_DATA_DIR');
export const MAP_STYLE_URL = Symbol('MAP_STYLE_URL');

const KindsParameter = z.preprocess(commaList, z.array(OfferKindSchema).optional());
const BoxParameter = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value),
  BoundingBoxSchema.optional(),
);

/**
 * GeoJSON's media type (RFC 7946), set once the answer is known: a refusal (400, 404) stays
 * application/json, as its body is.
 */
const geoJsonType = (response: Response) => response.type('application/geo+json; charset=utf-8');

const ExportQuery = z.object({
  kind: KindsParameter,
  bbox: BoxParameter,
  departement: DepartementsParameter,
  date: PastDaySchema.optional(),
});
const CommunesQuery = z.object({
  insee: z.preprocess(
    commaList,
    z
      .array(z.string().regex(/^[0-9AB]{5}$/, { error: 'code INSEE invalide' }))
      .max(3000)
      .optional(),
  ),
  departements: z.preprocess(
    commaList,
    z
      .array(z.string().regex(/^[0-9AB]{2,3}$/, { error: 'département invalide' }))
      .max(110)
      .optional(),
  ),
});

/**
 * Plain REST for reusers of the directory: nearest offers, GeoJSON and CSV
 * exports, and the contours the portal's offline basemap is drawn from.
 * Read-only, rate-limited (see PublicRateLimit) and cacheable.
 */
@Controller('api')
export class OffersController {
  private readonly geoCache = new Map<string, unknown>();

  constructor(
    @Inject(OfferIndexCache) private readonly currentOffers: OfferIndexCache,
    @Inject(PastDayOffers) private readonly pastDays: PastDayOffers,
    @Inject(OFFERS_OPEN_DATA_DIR) private readonly openDataDir: string,
    @Inject(MAP_STYLE_URL) private readonly mapStyleUrl: string | null,
  ) {}

  /** Also answered before Nest's router, see nearestOffersRoute: both send nearestOffersJson's text. */
  @Get('offers/nearest')
  async nearest(@Query() query: unknown, @Res() response: Response) {
    sendNearestOffers(response, await nearestOffersJson(this.currentOffers, query));
  }

  /** Written in chunks as it is serialised: a national directory is never one string in memory. */
  @Get('offers.geojson')
  async geojson(@Query() query: unknown, @Res() response: Response) {
    const offers = await this.exported(query);
    await sendFeatureCollection(response, offers, ({ lon, lat, ...properties }) => ({
      type: 'Feature',
      id: properties.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ...properties, support: properties.support.length },
    }));
  }

  /** Written in chunks, as the GeoJSON. */
  @Get('offers.csv')
  async csv(@Query() query: unknown, @Res() response: Response) {
    const offers = await this.exported(query);
    const header = [
      'id',
      'finess',
      'nom',
      'type',
      'type_libelle',
      'adresse',
      'code_postal',
      'commune',
      'code_insee',
      'telephone',
      'longitude',
      'latitude',
      'source',
      'verifie_le',
    ];
    response.attachment('offres-de-sante.csv');
    await sendCsv(response, header, offers, (offer) => [
      offer.id,
      offer.finess ?? '',
      offer.name,
      offer.kind,
      OFFER_KIND_LABELS[offer.kind].long,
      offer.address,
      offer.postcode ?? '',
      offer.commune,
      offer.communeInsee ?? '',
      offer.phone ?? '',
      String(offer.lon),
      String(offer.lat),
      offer.source,
      offer.verifiedOn,
    ]);
  }

  /** Open offers, filtered by kind, bounding box and departement, in a stable order. */
  private async exported(query: unknown): Promise<OfferSummary[]> {
    const { kind, bbox, departement, date } = parameters(ExportQuery, query);
    const index = date ? this.pastDays.at(date) : dayOfIndex((await this.currentOffers.current()).index);
    const offers = await (bbox ? index.inBounds(bbox) : index.all());
    const kinds = kind && kind.length > 0 ? new Set(kind) : undefined;
    const departements = departement && departement.length > 0 ? new Set(departement) : undefined;
    return offers
      .filter((offer) => {
        if (kinds && !kinds.has(offer.kind)) return false;
        if (!departements) return true;
        const of = departementOf(offer);
        return of !== null && departements.has(of);
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Which basemap the portal draws on, read at run time: the deployment's MAP_STYLE_URL, or
   * null for the offline basemap (the portal falls back to it too when the style cannot load).
   */
  @Get('geo/basemap.json')
  @Header('Cache-Control', 'no-cache')
  basemap() {
    return { styleUrl: this.mapStyleUrl };
  }

  @Get('geo/departements.geojson')
  @Header('Cache-Control', 'public, max-age=86400')
  departements(@Res({ passthrough: true }) response: Response) {
    const departements = this.geoFile('departements.geojson');
    geoJsonType(response);
    return departements;
  }

  @Get('geo/territories.json')
  @Header('Cache-Control', 'public, max-age=86400')
  territories() {
    return this.geoFile('territories.json');
  }

  /** Commune contours, all of the data set or only some communes or departments. */
  @Get('geo/communes.geojson')
  @Header('Cache-Control', 'public, max-age=86400')
  communes(@Query() query: unknown, @Res({ passthrough: true }) response: Response) {
    const { insee, departements } = parameters(CommunesQuery, query);
    const all = this.geoFile('communes.geojson') as {
      features: Array<{ properties: { insee: string } }>;
    };
    geoJsonType(response);
    if (!insee && !departements) return all;
    const codes = new Set(insee ?? []);
    return {
      type: 'FeatureCollection',
      features: all.features.filter(
        ({ properties }) =>
          codes.has(properties.insee) ||
          departements?.some((departement) => properties.insee.startsWith(departement)),
      ),
    };
  }

  /**
   * The offline basemap's place names as points: every commune with its population rank and
   * the zoom it is named from, and each department's name inside it (see @cls/offers
   * place-labels). Built once from communes.csv and departements.geojson.
   */
  @Get('geo/places.geojson')
  places(@Req() request: Request, @Res() response: Response) {
    const places = this.placesBody();
    // 370 kB of JSON, 55 kB gzipped: what every phone opening the map downloads first.
    response
      .setHeader('Cache-Control', 'public, max-age=86400')
      .setHeader('Content-Type', 'application/geo+json; charset=utf-8')
      .setHeader('Vary', 'Accept-Encoding');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? ''))
      response.setHeader('Content-Encoding', 'gzip').send(places.gzip);
    else response.send(places.json);
  }

  private placesBody(): { json: Buffer; gzip: Buffer } {
    const cached = this.geoCache.get('places') as { json: Buffer; gzip: Buffer } | undefined;
    if (cached) return cached;
    const communesPath = join(this.openDataDir, 'geo', 'communes.csv');
    const communes = existsSync(communesPath)
      ? communeLabels(parseCommunesCsv(readFileSync(communesPath, 'utf8')))
      : [];
    const departements = existsSync(join(this.openDataDir, 'geo', 'departements.geojson'))
      ? departementLabels(
          (this.geoFile('departements.geojson') as { features: DepartementFeature[] }).features,
        )
      : [];
    if (communes.length === 0 && departements.length === 0) throw this.absent('communes.csv');
    const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
    const json = Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          ...departements.map(({ lon, lat, ...properties }) => ({
            type: 'Feature',
            geometry: point(lon, lat),
            properties,
          })),
          ...communes.map(({ lon, lat, ...properties }) => ({
            type: 'Feature',
            geometry: point(lon, lat),
            properties,
          })),
        ],
      }),
    );
    const places = { json, gzip: gzipSync(json) };
    this.geoCache.set('places', places);
    return places;
  }

  private geoFile(name: string): unknown {
    const cached = this.geoCache.get(name);
    if (cached) return cached;
    const path = join(this.openDataDir, 'geo', name);
    if (!existsSync(path)) throw this.absent(name);
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    this.geoCache.set(name, parsed);
    return parsed;
  }

  private absent(name: string): HttpException {
    return new HttpException(
      {
        statusCode: 404,
        error: 'Données absentes',
        message: `${name} introuvable dans ${join(this.openDataDir, 'geo')} (OPEN_DATA_DIR=…)`,
      },
      404,
    );
  }
}
