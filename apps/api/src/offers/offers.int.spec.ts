import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@cls/event-store';
import { haversineKm } from '@cls/offers';
import type { ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import { importOffers } from './import-offers.js';

const HEADER =
  'nofinesset,nofinessej,rs,rslongue,categorie_code,categorie_libelle,categorie_agregat_code,categorie_agregat_libelle,numvoie,typvoie,voie,compvoie,lieuditbp,commune_insee,departement,ligneacheminement,telephone,siret,date_ouverture,lon,lat,geo_source';
// Real rows of the 2021 extract around Lodève and Gignac (Hérault).
const CH_LODEVE =
  '340000215,340780519,CH LODEVE,,106,"Centre hospitalier, ex Hôpital local",1106,Hôpitaux Locaux,13,BD,PASTEUR,,BP 70,34142,34,34702 LODEVE CEDEX,0467883000,26340014500011,1901-01-01,3.316196,43.731098,finess_lambert93';
const MSP_LODEVOIS =
  "340028000,340027994,MSP DU LODEVOIS,,603,Maison de santé (L.6223-3),2103,Autres structures d'exercice libéral,,ESP,DU FER A CHEVAL,,,34142,34,34700 LODEVE,0767616381,87903729900010,2019-12-06,3.317829,43.733981,finess_lambert93";
const CMP_LODEVE =
  '340787134,340780477,CMP CATTP ADULTE LODEVE,,156,Centre Médico-Psychologique (C.M.P.),1111,Autres Etablissements de Lutte contre les Maladies Mentales,297,R,DES GENETS,,,34142,34,34700 LODEVE,0467440513,26340016000499,1904-04-04,3.319733,43.738116,finess_lambert93';
const CMP_GIGNAC =
  '340021633,340780477,CMP ADULTES UNITE GIGNAC,,156,Centre Médico-Psychologique (C.M.P.),1111,Autres Etablissements de Lutte contre les Maladies Mentales,13,RTE,DE MONTPELLIER,,,34114,34,34150 GIGNAC,,,2012-06-20,3.556778,43.649387,finess_lambert93';
const LABORATORY =
  '340019728,340019306,LBM LABOSUD LODEVE,,611,Laboratoire de Biologie Médicale,3101,Laboratoires de Biologie Médicale,256,ALL,DANIELLE MITTERRAND,,,34142,34,34700 LODEVE,0467442634,32920877100462,2012-01-01,3.322056,43.723999,finess_lambert93';
const COMMUNES = [
  'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
  "34079,Clermont-l'Hérault,34,243400355,CC du Clermontais,34800,9461,3.412800,43.634116",
  "34114,Gignac,34,243400694,CC Vallée de l'Hérault,34150,6651,3.573998,43.639464",
  '34142,Lodève,34,200017341,CC Lodévois et Larzac,34700,7251,3.305756,43.730632',
].join('\n');

const lodeve = { lon: 3.305756, lat: 43.730632 };

/** Public calls a client may make per minute in this suite. */
const PUBLIC_LIMIT = 40;

describe('the directory of health offers, from a FINESS file to the public endpoints', () => {
  const database = useTestDatabase();
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  const finessFile = () => join(dataDir, 'finess/etablissements.csv');
  const writeFiness = (...rows: string[]) => writeFileSync(finessFile(), `${[HEADER, ...rows].join('\n')}\n`);
  const eventCount = async () =>
    (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).length;
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cls-offers-'));
    mkdirSync(join(dataDir, 'finess'));
    mkdirSync(join(dataDir, 'geo'));
    writeFileSync(join(dataDir, 'geo/communes.csv'), COMMUNES);
    ({ app, base } = await startTestApp(database.url, {
      OPEN_DATA_DIR: dataDir,
      PUBLIC_RATE_LIMIT: String(PUBLIC_LIMIT),
    }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports the care offers of the file through the command side, and a second import appends nothing', async () => {
    writeFiness(CH_LODEVE, MSP_LODEVOIS, CMP_LODEVE, CMP_GIGNAC, LABORATORY);
    const first = await importOffers(app, finessFile(), { verifiedOn: '2021-01-08' });
    expect(first).toMatchObject({
      read: { count: 5, what: 'établissements lus' },
      ignored: { count: 1, what: 'hors offres de soins' },
      encoding: 'utf-8',
      added: 4,
      changed: 0,
      closed: 0,
      rejected: [],
    });
    const events = await eventCount();

    const second = await importOffers(app, finessFile(), { verifiedOn: '2021-01-08' });
    expect(second).toMatchObject({ added: 0, changed: 0, closed: 0, unchanged: 4 });
    expect(await eventCount()).toBe(events);
  });

  it('appends only what changed, closes what left the file, and skips a malformed row with its line number', async () => {
    const events = await eventCount();
    const movedPhone = MSP_LODEVOIS.replace('0767616381', '0467000000');
    writeFiness(CH_LODEVE, movedPhone, CMP_LODEVE, 'not,a,row');
    const report = await importOffers(app, finessFile(), { verifiedOn: '2026-11-01' });
    expect(report).toMatchObject({ added: 0, changed: 1, closed: 1, unchanged: 2 });
    expect(report.rejected).toEqual([{ line: 5, reason: expect.any(String) }]);
    expect(await eventCount()).toBe(events + 2);
  });

  it('GET /api/offers/nearest lists the open offers by great-circle distance', async () => {
    // The public endpoints read the offers read model: once it has the import's closing.
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
    const { status, headers, text } = await get(
      `/api/offers/nearest?lon=${lodeve.lon}&lat=${lodeve.lat}&limit=5`,
    );
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toMatch(/public/);
    const { results } = JSON.parse(text) as {
      results: Array<{
        id: string;
        finess: string;
        kind: string;
        distanceKm: number;
        lon: number;
        lat: number;
        phone: string;
      }>;
    };
    // The Gignac CMP was closed by the second import.
    expect(results.map((offer) => offer.finess)).toEqual(['340000215', '340028000', '340787134']);
    for (const offer of results) {
      expect(offer.distanceKm).toBeCloseTo(haversineKm(lodeve, offer), 3);
    }
    expect(results.find((offer) => offer.finess === '340028000')?.phone).toBe('0467000000');

    const cmp = JSON.parse((await get(`/api/offers/nearest?lon=3.3&lat=43.7&kind=cmp`)).text) as {
      results: Array<{ kind: string }>;
    };
    expect(cmp.results.map((offer) => offer.kind)).toEqual(['cmp']);
  });

  it('answers nearest before Nest’s router as the controller’s route does, never from an offer as it was', async () => {
    const path = `/api/offers/nearest?lon=${lodeve.lon}&lat=${lodeve.lat}&limit=5`;
    const early = await get(path);
    // Another spelling of the path (routes match whatever the case) is answered by OffersController.
    const routed = await get(path.replace('/api/offers/', '/API/offers/'));
    expect(routed.status).toBe(200);
    expect(routed.text).toBe(early.text);
    for (const header of [
      'content-type',
      'cache-control',
      'etag',
      'content-security-policy',
      'x-frame-options',
    ])
      expect(routed.headers.get(header), header).toBe(early.headers.get(header));
    expect(early.headers.get('etag')).toBeTruthy();

    // The MSP's phone changes (a new extract): the next answer carries it.
    writeFiness(CH_LODEVE, MSP_LODEVOIS.replace('0767616381', '0467111111'), CMP_LODEVE);
    expect(await importOffers(app, finessFile(), { verifiedOn: '2026-11-01' })).toMatchObject({ changed: 1 });
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
    const { results } = JSON.parse((await get(path)).text) as {
      results: Array<{ finess: string; phone: string }>;
    };
    expect(results.find((offer) => offer.finess === '340028000')?.phone).toBe('0467111111');
  });

  it('answers 400 with a message for bad parameters', async () => {
    for (const query of [
      'lon=200&lat=43',
      'lat=43',
      'lon=3&lat=43&kind=boulangerie',
      'lon=3&lat=43&limit=0',
    ]) {
      const { status, text } = await get(`/api/offers/nearest?${query}`);
      expect(status, query).toBe(400);
      expect((JSON.parse(text) as { message: string }).message).toMatch(/lon|lat|kind|limit/);
    }
    expect((await get('/api/offers.geojson?bbox=4,43,3,44')).status).toBe(400);
  });

  it('exports GeoJSON and CSV, filtered by kind and bounding box', async () => {
    const geojson = JSON.parse(
      (await get('/api/offers.geojson?kind=hopital,msp&bbox=3.2,43.6,3.4,43.8')).text,
    ) as {
      features: Array<{ geometry: { coordinates: number[] }; properties: { kind: string } }>;
    };
    expect(geojson.features.map((feature) => feature.properties.kind).sort()).toEqual(['hopital', 'msp']);
    expect(geojson.features[0]?.geometry.coordinates).toHaveLength(2);

    const csv = await get('/api/offers.csv?kind=cmp');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,finess,nom,type/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('CMP CATTP ADULTE LODEVE');
  });

  it('gives the basemap its place names: communes by population, with the zoom each is named from', async () => {
    const { status, headers, text } = await get('/api/geo/places.geojson');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/geo\+json/);
    expect(headers.get('cache-control')).toMatch(/public/);
    // fetch asks for gzip and decompresses: the body below is the same either way.
    expect(headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${base}/api/geo/places.geojson`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(text);
    const places = JSON.parse(text) as {
      features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }>;
    };
    // No departements.geojson in this folder: communes only, most populated first.
    expect(places.features.map((place) => [place.properties.name, place.properties.rank])).toEqual([
      ["Clermont-l'Hérault", 1],
      ['Lodève', 2],
      ['Gignac', 3],
    ]);
    expect(places.features[1]).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lodeve.lon, lodeve.lat] },
      properties: { kind: 'commune', name: 'Lodève', insee: '34142', population: 7251, rank: 2, minzoom: 8 },
    });
    // No MAP_STYLE_URL: the portal draws its offline basemap.
    expect(JSON.parse((await get('/api/geo/basemap.json')).text)).toEqual({ styleUrl: null });
  });

  it('searches communes without accents, and the offers of an area with their counts per kind', async () => {
    const communes = await trpc<Array<{ insee: string; name: string }>>('portal.communes', {
      q: 'lodeve',
      limit: 5,
    });
    expect(communes.map((commune) => commune.name)).toEqual(['Lodève']);

    const search = await trpc<{
      results: Array<{ kind: string; distanceKm: number }>;
      counts: Record<string, number>;
    }>('portal.search', { center: lodeve, radiusKm: 20, kinds: ['cmp'], limit: 10 });
    expect(search.results.map((offer) => offer.kind)).toEqual(['cmp']);
    expect(search.counts).toEqual({ hopital: 1, msp: 1, cmp: 1 });
  });

  it('shows the directory as it was on a past day, from the offers’ events', async () => {
    const at = (date: string) =>
      trpc<{ results: Array<{ finess: string }> }>('portal.search', {
        center: lodeve,
        radiusKm: 50,
        date,
        limit: 10,
      });
    // The Gignac CMP was open until the import of 2026-11-01 closed it; nothing existed before the 2021 extract.
    expect((await at('2025-01-01')).results.map((offer) => offer.finess)).toContain('340021633');
    expect((await at('2026-11-02')).results.map((offer) => offer.finess)).not.toContain('340021633');
    expect((await at('2020-12-31')).results).toEqual([]);
    const geojson = JSON.parse((await get('/api/offers.geojson?kind=cmp&date=2025-01-01')).text) as {
      features: unknown[];
    };
    expect(geojson.features).toHaveLength(2);
  });

  it('limits the public endpoints per client and minute', async () => {
    // Windows are fixed minutes: one may turn during the loop (it did once in CI) and give the
    // budget back: 2 × PUBLIC_LIMIT + 1 calls reach a 429 whichever call the minute turns at.
    let status = 200;
    for (let request = 0; request < 2 * PUBLIC_LIMIT + 1 && status !== 429; request += 1) {
      status = (await get('/api/offers/nearest?lon=3&lat=43')).status;
    }
    expect(status).toBe(429);
  });

  async function trpc<T>(path: string, input: unknown): Promise<T> {
    const response = await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
    const body = (await response.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(JSON.stringify(body.error));
    return body.result.data;
  }
});
