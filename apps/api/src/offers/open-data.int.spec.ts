import { readFileSync } from 'node:fs';
import type { EventStore } from '@cls/event-store';
import type { ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainCommand } from '../commands/domain-command.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import type { OfferChange, OfferChangesPage } from './offer-changes.js';

/*
 * Issue 18, item 4: open data others can sync. The open offers in the data·inclusion schema,
 * and the change feed an aggregator replays to reach the same set as /api/offers.geojson.
 */

/** The data·inclusion schema's JSON Schemas, kept with @cls/offers (see its fixtures' README). */
const schemaOf = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(
        `../../../../packages/offers/src/open-data/fixtures/data-inclusion/${name}.json`,
        import.meta.url,
      ),
      'utf8',
    ),
  ) as object;

// Real establishments of the 2021 FINESS extract (../shared/data/finess/etablissements.csv).
const MSP_LODEVOIS = {
  offerId: 'finess-340028000',
  source: 'finess',
  finess: '340028000',
  kind: 'msp',
  name: 'MSP DU LODEVOIS',
  address: {
    line: 'ESPLANADE DU FER A CHEVAL',
    postcode: '34700',
    communeInsee: '34142',
    communeName: 'Lodève',
  },
  position: { lon: 3.317829, lat: 43.733981 },
  phone: '0767616381',
  verifiedOn: '2021-01-08',
};
const CMP_GIGNAC = {
  offerId: 'finess-340021633',
  source: 'finess',
  finess: '340021633',
  kind: 'cmp',
  name: 'CMP ADULTES UNITE GIGNAC',
  address: { line: '13 RTE DE MONTPELLIER', postcode: '34150', communeInsee: '34114', communeName: 'Gignac' },
  position: { lon: 3.556778, lat: 43.649387 },
  verifiedOn: '2021-01-08',
};
const CH_LODEVE = {
  offerId: 'finess-340000215',
  source: 'finess',
  finess: '340000215',
  kind: 'hopital',
  name: 'CH LODEVE',
  address: { line: '13 BD PASTEUR BP 70', postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
  position: { lon: 3.316196, lat: 43.731098 },
  phone: '0467883000',
  verifiedOn: '2021-01-08',
};
const CSAPA_CARCASSONNE = {
  offerId: 'manual-csapa-carcassonne',
  source: 'manual',
  kind: 'csapa',
  name: 'CSAPA de Carcassonne',
  address: { line: 'Centre-ville', postcode: '11000', communeInsee: '11069', communeName: 'Carcassonne' },
  position: { lon: 2.3491, lat: 43.2121 },
  verifiedOn: '2026-11-02',
};

describe('open data: data·inclusion and the change feed', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let commands = 0;
  const run = (command: { type: string } & Record<string, unknown>) =>
    app.get(CommandBus).execute(
      new DomainCommand(command, {
        actor: { id: 'open-data-test', role: 'admin' },
        commandId: `00000000-0000-4000-8000-${String(++commands).padStart(12, '0')}`,
      }),
    );
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  };
  const json = async <Body>(path: string) => {
    const response = await get(path);
    expect(response.status, response.text).toBe(200);
    return JSON.parse(response.text) as Body;
  };
  const caughtUp = async () => {
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 100_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
  };

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url, { PUBLIC_RATE_LIMIT: '1000' }));
    await run({ type: 'RegisterOffer', ...MSP_LODEVOIS });
    await run({ type: 'RegisterOffer', ...CMP_GIGNAC });
    await run({ type: 'RegisterOffer', ...CH_LODEVE });
    await run({ type: 'RegisterOffer', ...CSAPA_CARCASSONNE });
    await run({
      type: 'UpdateOffer',
      offerId: MSP_LODEVOIS.offerId,
      changes: { phone: '0467000000', openingHours: 'Mo-Fr 08:00-19:00', access: ['sans_avance_de_frais'] },
      verifiedOn: '2026-11-02',
    });
    await run({ type: 'VerifyOffer', offerId: CH_LODEVE.offerId, verifiedOn: '2026-11-03' });
    await run({ type: 'CloseOffer', offerId: CMP_GIGNAC.offerId, closedOn: '2026-11-04', reason: 'fermé' });
    await run({
      type: 'UpdateOffer',
      offerId: CH_LODEVE.offerId,
      changes: {},
      remove: ['phone'],
      verifiedOn: '2026-11-05',
    });
    await caughtUp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  /** Every change from `since`, page by page. */
  async function replay(since = '0', limit = 3) {
    const changes: OfferChange[] = [];
    let cursor = since;
    for (let pages = 0; pages < 100; pages++) {
      const page = await json<OfferChangesPage>(`/api/offers/changes?since=${cursor}&limit=${limit}`);
      changes.push(...page.changes);
      cursor = page.next;
      if (!page.complete) return { changes, cursor };
    }
    throw new Error('the feed never ended');
  }

  it('gives the offers’ changes in the log’s order, page by page, and resumes from a cursor', async () => {
    const { changes, cursor } = await replay('0', 3);
    expect(changes.map((change) => [change.type, change.offerId])).toEqual([
      ['created', MSP_LODEVOIS.offerId],
      ['created', CMP_GIGNAC.offerId],
      ['created', CH_LODEVE.offerId],
      ['created', CSAPA_CARCASSONNE.offerId],
      ['updated', MSP_LODEVOIS.offerId],
      ['updated', CH_LODEVE.offerId],
      ['closed', CMP_GIGNAC.offerId],
      ['updated', CH_LODEVE.offerId],
    ]);
    const cursors = changes.map((change) => Number(change.cursor));
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    expect(changes[0]).toMatchObject({
      type: 'created',
      event: 'OfferRegistered',
      offer: { name: 'MSP DU LODEVOIS', finess: '340028000', position: MSP_LODEVOIS.position },
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
    });
    expect(changes[4]).toMatchObject({ changes: { phone: '0467000000' }, verifiedOn: '2026-11-02' });
    expect(changes[6]).toMatchObject({ closedOn: '2026-11-04', reason: 'fermé' });
    expect(changes[7]).toMatchObject({ removed: ['phone'] });

    // Resuming from a change's cursor gives what followed it, and nothing after the last.
    const resumed = await replay(changes[4]?.cursor, 2);
    expect(resumed.changes.map((change) => change.cursor)).toEqual(changes.slice(5).map((c) => c.cursor));
    expect(resumed.cursor).toBe(cursor);
    const after = await json<OfferChangesPage>(`/api/offers/changes?since=${cursor}`);
    expect(after).toEqual({ changes: [], next: cursor, complete: false });

    // A new change appears after the last cursor.
    await run({ type: 'VerifyOffer', offerId: CSAPA_CARCASSONNE.offerId, verifiedOn: '2026-11-06' });
    const next = await json<OfferChangesPage>(`/api/offers/changes?since=${cursor}`);
    expect(next.changes.map((change) => [change.type, change.offerId])).toEqual([
      ['updated', CSAPA_CARCASSONNE.offerId],
    ]);
    await caughtUp();
  });

  it('caches a full page for long (with an ETag a client revalidates), the last one briefly', async () => {
    const full = await get('/api/offers/changes?since=0&limit=2');
    expect(full.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = full.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await get('/api/offers/changes?since=0&limit=2', { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    const last = await get('/api/offers/changes?since=0&limit=1000');
    expect(last.headers.get('cache-control')).toBe('public, max-age=10');
  });

  it('refuses a cursor or a limit it cannot read, or a cursor beyond the log, with the reason', async () => {
    for (const query of [
      'since=999999999',
      'since=abc',
      'since=-1',
      'since=1.5',
      'since=99999999999999999999',
      'limit=0',
      'limit=x',
    ]) {
      const { status, text } = await get(`/api/offers/changes?${query}`);
      expect(status, query).toBe(400);
      expect(JSON.parse(text).message, query).toMatch(/curseur|limit/);
    }
  });

  it('lets an aggregator that replays the feed reach the same offers as /api/offers.geojson', async () => {
    const { changes } = await replay('0', 2);
    const offers = new Map<string, Record<string, unknown>>();
    for (const change of changes) {
      if (change.type === 'created') offers.set(change.offerId, { ...change.offer });
      else if (change.type === 'closed') offers.delete(change.offerId);
      else {
        const offer = offers.get(change.offerId) ?? {};
        for (const field of change.removed) delete offer[field];
        offers.set(change.offerId, {
          ...offer,
          ...change.changes,
          ...(change.verifiedOn ? { verifiedOn: change.verifiedOn } : {}),
        });
      }
    }
    const geojson = await json<{
      features: Array<{
        id: string;
        geometry: { coordinates: [number, number] };
        properties: Record<string, unknown>;
      }>;
    }>('/api/offers.geojson');
    const published = Object.fromEntries(
      geojson.features.map(({ id, geometry, properties }) => [
        id,
        {
          name: properties.name,
          kind: properties.kind,
          position: { lon: geometry.coordinates[0], lat: geometry.coordinates[1] },
          phone: properties.phone ?? undefined,
          verifiedOn: properties.verifiedOn,
        },
      ]),
    );
    const replayed = Object.fromEntries(
      [...offers].map(([id, offer]) => [
        id,
        {
          name: offer.name,
          kind: offer.kind,
          position: offer.position,
          phone: offer.phone,
          verifiedOn: offer.verifiedOn,
        },
      ]),
    );
    expect(replayed).toEqual(published);
    expect(Object.keys(published).sort()).toEqual(
      [MSP_LODEVOIS.offerId, CH_LODEVE.offerId, CSAPA_CARCASSONNE.offerId].sort(),
    );
  });

  it('publishes the open offers as data·inclusion structures and services the schema accepts', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validStructure = ajv.compile(schemaOf('structure'));
    const validService = ajv.compile(schemaOf('service'));
    const structures = await json<Array<{ id: string; nom: string; telephone: string | null }>>(
      '/api/data-inclusion/structures.json',
    );
    const services = await json<Array<{ structure_id: string; thematiques: string[] }>>(
      '/api/data-inclusion/services.json',
    );
    for (const structure of structures)
      expect(validStructure(structure), JSON.stringify(validStructure.errors)).toBe(true);
    for (const service of services)
      expect(validService(service), JSON.stringify(validService.errors)).toBe(true);
    // The closed CMP is only in the change feed.
    expect(structures.map((structure) => structure.id)).toEqual([
      'cls--finess-340000215',
      'cls--finess-340028000',
      'cls--manual-csapa-carcassonne',
    ]);
    expect(structures[1]).toMatchObject({ nom: 'MSP DU LODEVOIS', telephone: '+33467000000' });
    expect(services.map((service) => service.structure_id)).toEqual(
      structures.map((structure) => structure.id),
    );
    expect(services[2]?.thematiques).toEqual(['sante--addictions']);

    const csapa = await json<unknown[]>('/api/data-inclusion/services.json?kind=csapa');
    expect(csapa).toHaveLength(1);
    const herault = await json<Array<{ code_insee: string }>>(
      '/api/data-inclusion/structures.json?departement=34',
    );
    expect(herault.map((structure) => structure.code_insee)).toEqual(['34142', '34142']);
    const bad = await get('/api/data-inclusion/structures.json?departement=Hérault');
    expect(bad.status).toBe(400);
  });

  it('gives the same as CSV, one row per offer and the schema’s field names as header', async () => {
    const structures = await get('/api/data-inclusion/structures.csv');
    expect(structures.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = structures.text.trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('source,id,nom,date_maj,siret,')).toBe(true);
    expect(lines).toHaveLength(4);
    const services = await get('/api/data-inclusion/services.csv?kind=msp');
    const [header, row] = services.text.trimEnd().split('\r\n');
    expect(header?.split(',')).toContain('thematiques');
    expect(row).toContain('cls--finess-340028000--msp');
  });

  it('gives a practitioner’s name opened, then, once erased, leaves it out — never sealed nor « effacée »', async () => {
    // A made-up liberal sage-femme, placed at the centre of Lodève.
    await run({
      type: 'RegisterOffer',
      offerId: 'rpps-10000000001-test',
      source: 'rpps',
      rpps: '10000000001',
      practitioner: { name: 'Camille Exemple' },
      kind: 'sage_femme',
      name: 'Sage-femme',
      address: { line: '', postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
      position: { lon: 3.305756, lat: 43.730632 },
      positionPrecision: 'commune',
      practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'liberal' },
      verifiedOn: '2026-11-30',
    });
    await caughtUp();
    const created = async () => {
      const { changes } = await replay('0', 1000);
      return changes.find((change) => change.offerId === 'rpps-10000000001-test');
    };
    expect(await created()).toMatchObject({
      type: 'created',
      offer: { practitioner: { name: 'Camille Exemple', personId: 'person-rpps-10000000001' } },
    });
    const [service] = await json<Array<Record<string, unknown>>>(
      '/api/data-inclusion/services.json?kind=sage_femme',
    );
    expect(service).toMatchObject({
      description: 'Sage-femme, exercice libéral à Lodève.',
      longitude: null,
      latitude: null,
      code_insee: '34142',
      contact_nom_prenom: null,
    });

    await run({ type: 'ErasePersonalData', userId: 'person-rpps-10000000001', erasedOn: '2026-12-01' });
    await caughtUp();
    const erased = await created();
    expect(erased).toMatchObject({
      type: 'created',
      offer: { practitioner: { personId: 'person-rpps-10000000001' } },
    });
    expect(erased?.type === 'created' && erased.offer.practitioner).not.toHaveProperty('name');
    const everything = (await get('/api/offers/changes?limit=1000')).text;
    expect(everything).not.toContain('Camille');
    expect(everything).not.toContain('[donnée effacée]');
  });
});
