import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@cls/event-store';
import type { ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { getIssues } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import { importOffers } from './import-offers.js';
import { OfferIndexCache } from './offer-index-cache.js';
import { departementOf } from './open-data.controller.js';
import { etalabFile } from './testing/etalab-file.js';

/** Establishments 1 to 2,500, a third in the Aude; one in five a pharmacy (not an offer). */
const NUMBERS = [...Array(2500).keys()].map((n) => n + 1);
const inAude = (n: number) => n % 3 === 0;
const OFFERS = NUMBERS.filter((n) => n % 5 !== 4);
const IN_AUDE = OFFERS.filter(inAude).length;

const COMMUNES = [
  'insee,name,departement,epci_siren,epci_name,postcodes,population,lon,lat',
  '11069,Carcassonne,11,200035715,CA Carcassonne Agglo,11000,46513,2.349380,43.210394',
  '34172,Montpellier,34,243400017,Montpellier Méditerranée Métropole,34000,299096,3.869222,43.613366',
].join('\n');

/*
 * /api/offers.geojson and .csv are written in chunks as they are serialised (sendChunks), no
 * longer built whole: the answer must be, byte for byte, the document built whole before.
 */
describe('the directory exports, written in chunks', () => {
  const database = useTestDatabase();
  let dataDir: string;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cls-offers-export-'));
    mkdirSync(join(dataDir, 'geo'));
    writeFileSync(join(dataDir, 'geo/communes.csv'), COMMUNES);
    ({ app, base } = await startTestApp(database.url, { OPEN_DATA_DIR: dataDir, PUBLIC_RATE_LIMIT: '1000' }));
    // Answers of about a megabyte.
    const numbers = [...Array(2500).keys()].map((n) => n + 1);
    const file = join(dataDir, 'etalab-cs1100507-stock-20261102-0336.csv');
    writeFileSync(
      file,
      etalabFile('2026-11-02', numbers, new Set(), (n) => n % 3 === 0),
      'latin1',
    );
    expect((await importOffers(app, file)).added).toBe(2000);
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The collection as the endpoint built it whole before: one JSON.stringify of it all. */
  const builtWhole = async (departement?: string) => {
    const { index } = await app.get(OfferIndexCache).current();
    const offers = index
      .all()
      .filter((offer) => departement === undefined || departementOf(offer) === departement)
      .sort((a, b) => a.id.localeCompare(b.id));
    return JSON.stringify({
      type: 'FeatureCollection',
      features: offers.map(({ lon, lat, ...properties }) => ({
        type: 'Feature',
        id: properties.id,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { ...properties, support: properties.support.length },
      })),
    });
  };
  const get = async (path: string) => {
    for (const deadline = Date.now() + 30_000; ; ) {
      const response = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
      const text = await response.text();
      // The portal's index is rebuilt just after the read model moves.
      if (text.length > 1000 || Date.now() > deadline) return { response, text };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('streams the whole GeoJSON: the document built whole before, valid RFC 7946', async () => {
    const { response, text } = await get('/api/offers.geojson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    // Written as it went, not as one body of known length.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    expect(text.length).toBeGreaterThan(512 * 1024);
    expect(text).toBe(await builtWhole());
    expect(getIssues(text)).toEqual([]);
    expect((JSON.parse(text) as { features: unknown[] }).features).toHaveLength(OFFERS.length);
  });

  it('streams a departement’s GeoJSON (?departement=11): its offers only, as built whole', async () => {
    const { response, text } = await get('/api/offers.geojson?departement=11');
    expect(response.status).toBe(200);
    expect(text).toBe(await builtWhole('11'));
    expect(getIssues(text)).toEqual([]);
    const features = (JSON.parse(text) as { features: Array<{ properties: { communeInsee: string } }> })
      .features;
    expect(features.length).toBe(IN_AUDE);
    expect(features.every((feature) => feature.properties.communeInsee === '11069')).toBe(true);
    const bad = await fetch(`${base}/api/offers.geojson?departement=999`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('streams the CSV, a line per offer, as an attachment', async () => {
    const { response, text } = await get('/api/offers.csv?departement=34');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?offres-de-sante\.csv"?$/,
    );
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'id,finess,nom,type,type_libelle,adresse,code_postal,commune,code_insee,telephone,longitude,latitude,source,verifie_le',
    );
    expect(lines).toHaveLength(OFFERS.length - IN_AUDE + 2);
    expect(lines.slice(1, -1).every((line) => line.includes(',34172,'))).toBe(true);
  });
});
