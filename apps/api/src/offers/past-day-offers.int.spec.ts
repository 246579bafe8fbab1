import type { OfferSummary } from '@cls/api';
import { offersAsOf } from '@cls/audit';
import { canSearch, type EventStore, type NewEvent } from '@cls/event-store';
import { type Bounds, OfferIndex } from '@cls/offers';
import type { ProjectionRunner, ReadModelQueries } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER, READ_MODELS } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import { OfferFoldsKeeper } from './offer-folds-keeper.js';
import { type OfferFreshness, OfferIndexCache } from './offer-index-cache.js';
import { OFFER_DIRECTORY_SETTINGS } from './offers.module.js';
import { PastDayOffers } from './past-day-offers.js';
import {
  aroundLodeve,
  aroundMontpellier,
  lodeve,
  montpellier,
  on,
  registered,
} from './testing/past-day-fixtures.js';
import { storeOf } from './testing/store-views.js';

const actor = { id: 'test', role: 'admin' };
const DAYS = [
  '2024-01-09',
  '2024-01-10',
  '2024-02-29',
  '2024-03-01',
  '2024-06-10',
  '2024-08-31',
  '2024-09-01',
];

describe('the directory on a past day, read from the log question by question', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let store: EventStore;
  let pastDays: PastDayOffers;

  const append = (stream: string, ...events: NewEvent[]) => store.append(stream, events, { actor });

  beforeAll(async () => {
    ({ app } = await startTestApp(database.url));
    store = app.get<EventStore>(EVENT_STORE);
    const register = (n: number, day: string) =>
      append(`offer-msp-${n}`, { type: 'OfferRegistered', data: registered(n), occurredAt: on(day) });
    await register(1, '2024-01-10');
    await register(2, '2024-06-10');
    // Recorded later, dated back: MSP 1 renamed before MSP 2 existed, then closed.
    await append(
      'offer-msp-1',
      {
        type: 'OfferUpdated',
        data: { offerId: 'msp-1', changes: { name: 'MSP du Lodévois' }, verifiedOn: '2024-03-01' },
        occurredAt: on('2024-03-01'),
      },
      {
        type: 'OfferClosed',
        data: { offerId: 'msp-1', closedOn: '2024-09-01', reason: 'fermée' },
        occurredAt: on('2024-09-01'),
      },
    );
    // MSP 3 opened at Lodève, moved to Montpellier in the summer.
    await register(3, '2024-01-10');
    await append('offer-msp-3', {
      type: 'OfferUpdated',
      data: { offerId: 'msp-3', changes: { position: montpellier }, verifiedOn: '2024-07-01' },
      occurredAt: on('2024-07-01'),
    });
    // A CPTS seated at Montpellier, covering Lodève, then Gignac instead.
    await append(
      'offer-cpts-1',
      {
        type: 'OfferRegistered',
        data: {
          ...registered(4, montpellier),
          offerId: 'cpts-1',
          kind: 'cpts',
          name: 'CPTS du Cœur d’Hérault',
        },
        occurredAt: on('2024-01-10'),
      },
      {
        type: 'CoverageDeclared',
        data: { offerId: 'cpts-1', communes: ['34142'], declaredOn: '2024-01-10' },
        occurredAt: on('2024-01-10'),
      },
      {
        type: 'CoverageDeclared',
        data: { offerId: 'cpts-1', communes: ['34114'], declaredOn: '2024-06-10' },
        occurredAt: on('2024-06-10'),
      },
    );
    const head = (await store.readAll({ limit: 1000 })).at(-1)?.position ?? 0;
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head, 30_000)).toBe(true);
    pastDays = app.get(PastDayOffers);
  }, 120_000);
  afterAll(() => app?.close());

  const names = (offers: OfferSummary[]) => offers.map((offer) => offer.name).sort();

  it('holds the offers open at the end of the day asked, as their events dated them', async () => {
    expect(names(await pastDays.at('2024-01-09').all())).toEqual([]);
    expect(names(await pastDays.at('2024-02-29').all())).toEqual([
      'CPTS du Cœur d’Hérault',
      'MSP 1',
      'MSP 3',
    ]);
    expect(names(await pastDays.at('2024-06-10').all())).toEqual([
      'CPTS du Cœur d’Hérault',
      'MSP 2',
      'MSP 3',
      'MSP du Lodévois',
    ]);
    expect(names(await pastDays.at('2024-09-01').all())).toEqual([
      'CPTS du Cœur d’Hérault',
      'MSP 2',
      'MSP 3',
    ]);
  });

  it('finds an offer where it was on the day, not only where it is now', async () => {
    const inView = async (date: string, bounds: Bounds) => names(await pastDays.at(date).inBounds(bounds));
    expect(await inView('2024-06-10', aroundLodeve)).toEqual(['MSP 2', 'MSP 3', 'MSP du Lodévois']);
    expect(await inView('2024-06-10', aroundMontpellier)).toEqual(['CPTS du Cœur d’Hérault']);
    expect(await inView('2024-08-31', aroundLodeve)).toEqual(['MSP 2', 'MSP du Lodévois']);
    expect(await inView('2024-08-31', aroundMontpellier)).toEqual(['CPTS du Cœur d’Hérault', 'MSP 3']);
    // The nearest MSP to Montpellier: at Lodève before MSP 3 moved (the first by id among equals), MSP 3 after.
    const nearestMsp = async (date: string) => {
      const [nearest] = await pastDays.at(date).nearest({ ...montpellier, limit: 1, kinds: ['msp'] });
      return [nearest?.item.name, Math.round(nearest?.distanceKm ?? -1)];
    };
    expect(await nearestMsp('2024-06-10')).toEqual(['MSP du Lodévois', 48]);
    expect(await nearestMsp('2024-08-31')).toEqual(['MSP 3', 0]);
  });

  it('answers for a commune the CPTS that covered it that day', async () => {
    const covering = async (date: string, insee: string) =>
      names(await pastDays.at(date).coveringCommune(insee));
    expect(await covering('2024-03-01', '34142')).toEqual(['CPTS du Cœur d’Hérault']);
    expect(await covering('2024-03-01', '34114')).toEqual([]);
    expect(await covering('2024-06-10', '34142')).toEqual([]);
    expect(await covering('2024-06-10', '34114')).toEqual(['CPTS du Cœur d’Hérault']);
  });

  it("gives every day the answers of the audit's reading of the whole log, whatever the store or the read model's version", async () => {
    const log = await store.readAll({ limit: 1000 });
    const current = app.get(OfferIndexCache);
    const queries = app.get<ReadModelQueries>(READ_MODELS);
    // A store that reads by stream only (as KurrentDB), and a read model of a version without history.
    const byStreamOnly = storeOf(store);
    const readers = {
      'the read model and a search of the log': pastDays,
      'a store that reads by stream only': new PastDayOffers(
        byStreamOnly,
        queries,
        current,
        { staleAfterDays: 365 },
        undefined,
      ),
      'the shared history, whatever the view': new PastDayOffers(
        store,
        queries,
        current,
        { staleAfterDays: 365 },
        undefined,
        { foldLimit: 0 },
      ),
      'a read model that keeps no history': new PastDayOffers(
        store,
        { offersEverIn: async () => undefined },
        current,
        { staleAfterDays: 365 },
        undefined,
      ),
    };
    for (const date of DAYS) {
      const expected = new OfferIndex(
        offersAsOf(log, date, 'occurred').map(({ offerId, kind, position, coverage }) => ({
          id: offerId,
          kind,
          ...position,
          coverage,
        })),
      );
      const ids = (offers: Array<{ id: string }>) => offers.map((offer) => offer.id).sort();
      const byDistance = (found: Array<{ item: { id: string }; distanceKm: number }>) =>
        found.map(({ item, distanceKm }) => `${item.id} ${distanceKm.toFixed(9)}`);
      for (const [reader, days] of Object.entries(readers)) {
        const day = days.at(date);
        const where = `${reader}, ${date}`;
        expect(ids(await day.all()), where).toEqual(ids(expected.all()));
        expect(ids(await day.inBounds(aroundLodeve)), where).toEqual(ids(expected.inBounds(aroundLodeve)));
        expect(ids(await day.coveringCommune('34142')), where).toEqual(
          ids(expected.coveringCommune('34142')),
        );
        expect(byDistance(await day.nearest({ ...lodeve, limit: 3 })), where).toEqual(
          byDistance(expected.nearest({ ...lodeve, limit: 3 })),
        );
        expect(byDistance(await day.withinRadius(montpellier, 10)), where).toEqual(
          byDistance(expected.withinRadius(montpellier, 10)),
        );
      }
    }
  });

  it('answers views wider than its limit, for many days at once, from one fold of every offer shared by all', async () => {
    const log = store;
    if (!canSearch(log)) throw new Error('the test database’s store searches its log');
    const reads = { all: 0, search: 0 };
    const counted = storeOf(
      {
        ...storeOf(store),
        readAll: (options) => {
          reads.all += 1;
          return store.readAll(options);
        },
      },
      {
        searchEvents: (query) => {
          reads.search += 1;
          return log.searchEvents(query);
        },
      },
    );
    const current = app.get(OfferIndexCache);
    const limited = new PastDayOffers(
      counted,
      app.get<ReadModelQueries>(READ_MODELS),
      current,
      { staleAfterDays: 365 },
      undefined,
      { foldLimit: 2, keepWholeMs: 500 },
    );
    const france: Bounds = [-5.2, 41.3, 9.6, 51.1];
    const answers = await Promise.all(DAYS.map((date) => limited.at(date).inBounds(france)));
    // Four offers were ever in France's view: beyond the limit of 2, one fold of the log for all days.
    expect(reads).toEqual({ all: 1, search: 0 });
    for (const [n, date] of DAYS.entries())
      expect(names(answers[n] ?? []), date).toEqual(names(await pastDays.at(date).inBounds(france)));
    // Two offers were ever in Montpellier's view: folded on their own.
    expect(names(await limited.at('2024-08-31').inBounds(aroundMontpellier))).toEqual([
      'CPTS du Cœur d’Hérault',
      'MSP 3',
    ]);
    expect(reads).toEqual({ all: 1, search: 1 });
    // Kept while questions come; let go half a second after the last (gigabytes at national size).
    await limited.at('2024-06-10').inBounds(france);
    expect(reads.all).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await limited.at('2024-06-10').inBounds(france);
    expect(reads.all).toBe(2);
  });

  it('folds two questions at a time, the others waiting their turn, whatever the flood', async () => {
    const log = store;
    if (!canSearch(log)) throw new Error('the test database’s store searches its log');
    let reading = 0;
    let most = 0;
    const counted = storeOf(store, {
      searchEvents: async (query) => {
        reading += 1;
        most = Math.max(most, reading);
        try {
          // Long enough for every question asked at once to have reached its read.
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await log.searchEvents(query);
        } finally {
          reading -= 1;
        }
      },
    });
    const pastDays = new PastDayOffers(
      counted,
      app.get<ReadModelQueries>(READ_MODELS),
      app.get(OfferIndexCache),
      { staleAfterDays: 365 },
      undefined,
    );
    // Ten clients at once, each a view of one street (one batch of streams, one read each).
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => pastDays.at('2024-08-31').inBounds(aroundMontpellier)),
    );
    expect(answers.map(names)).toEqual(Array.from({ length: 10 }, () => ['CPTS du Cœur d’Hérault', 'MSP 3']));
    expect(most).toBe(2);
  });

  it('reads again only the offers changed since an earlier question folded them', async () => {
    const log = store;
    if (!canSearch(log)) throw new Error('the test database’s store searches its log');
    const read: string[] = [];
    const counted = storeOf(store, {
      searchEvents: (query) => {
        read.push(...(query.streams ?? []));
        return log.searchEvents(query);
      },
    });
    const pastDays = new PastDayOffers(
      counted,
      app.get<ReadModelQueries>(READ_MODELS),
      app.get(OfferIndexCache),
      { staleAfterDays: 365 },
      undefined,
    );
    const lodevois = async (date: string) =>
      (await pastDays.at(date).inBounds(aroundLodeve))
        .map((offer) => `${offer.name} ${offer.verifiedOn}`)
        .sort();
    expect(await lodevois('2024-06-10')).toEqual([
      'MSP 2 2024-01-10',
      'MSP 3 2024-01-10',
      'MSP du Lodévois 2024-03-01',
    ]);
    expect(read.sort()).toEqual(['offer-msp-1', 'offer-msp-2', 'offer-msp-3']);
    // Another day, the same offers: nothing read.
    read.length = 0;
    expect(await lodevois('2024-08-31')).toEqual(['MSP 2 2024-01-10', 'MSP du Lodévois 2024-03-01']);
    expect(read).toEqual([]);
    // MSP 2 verified (dated back): only its stream is read again, and the day shows it.
    const { position } = await append('offer-msp-2', {
      type: 'OfferVerified',
      data: { offerId: 'msp-2', verifiedOn: '2024-08-01' },
      occurredAt: on('2024-08-01'),
    });
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(position, 30_000)).toBe(true);
    expect(await lodevois('2024-08-31')).toEqual(['MSP 2 2024-08-01', 'MSP du Lodévois 2024-03-01']);
    expect(read).toEqual(['offer-msp-2']);

    // One fold kept at most: the answers stay whole while folds are let go.
    const forgetful = new PastDayOffers(
      store,
      app.get<ReadModelQueries>(READ_MODELS),
      app.get(OfferIndexCache),
      { staleAfterDays: 365 },
      undefined,
      { foldedKept: 1 },
    );
    for (const date of ['2024-06-10', '2024-06-11', '2024-08-31'])
      expect(names(await forgetful.at(date).inBounds(aroundLodeve)), date).toEqual(
        names(await pastDays.at(date).inBounds(aroundLodeve)),
      );
  });

  it('shows an offer that holds on the day what it holds now from the current offers, as its versions would', async () => {
    // An offer with every practical detail, linked to an action, its phone changed in February.
    await append(
      'offer-msp-9',
      {
        type: 'OfferRegistered',
        data: {
          ...registered(9),
          phone: '0467000009',
          openingHours: 'Mo-Fr 08:00-19:00',
          publics: ['enfants', 'adultes'],
          access: ['sur_rendez_vous'],
          languages: ['fr', 'oc'],
          services: ['vaccination'],
          wheelchair: true,
          teleconsultation: false,
          appointmentUrl: 'https://rdv.example.org/msp-9',
        },
        occurredAt: on('2024-01-10'),
      },
      {
        type: 'OfferLinkedToAction',
        data: { offerId: 'msp-9', actionId: 'cls-test.1.1-A1', contractId: 'cls-test' },
        occurredAt: on('2024-01-15'),
      },
      {
        type: 'OfferUpdated',
        data: { offerId: 'msp-9', changes: { phone: '0467999999' }, verifiedOn: '2024-02-01' },
        occurredAt: on('2024-02-01'),
      },
    );
    const head = await store.headPosition();
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head, 30_000)).toBe(true);
    await app.get(OfferFoldsKeeper).waitFor(head);
    const current = app.get(OfferIndexCache);
    const settings = app.get<OfferFreshness>(OFFER_DIRECTORY_SETTINGS);
    // Every offer read from its versions: no folds kept, the streams read by the question.
    const fromVersions = new PastDayOffers(
      store,
      app.get<ReadModelQueries>(READ_MODELS),
      current,
      settings,
      undefined,
    );
    const byId = (offers: OfferSummary[]) => [...offers].sort((a, b) => a.id.localeCompare(b.id));
    for (const date of [...DAYS, '2024-01-31', '2024-12-01'])
      for (const view of [aroundLodeve, aroundMontpellier])
        expect(byId(await pastDays.at(date).inBounds(view)), `${date} ${view.join()}`).toEqual(
          byId(await fromVersions.at(date).inBounds(view)),
        );
    // Those that hold now what they held then are the current offers' own summaries: the
    // question read no versions of them (the phone changed since the end of January: not MSP 9).
    const now = await current.current();
    const asNow = (offers: OfferSummary[]) =>
      offers.filter((offer) => now.byId.get(offer.id)?.summary === offer).map((offer) => offer.id);
    expect(asNow(await pastDays.at('2024-12-01').inBounds(aroundLodeve))).toContain('msp-9');
    expect(asNow(await pastDays.at('2024-01-31').inBounds(aroundLodeve))).not.toContain('msp-9');
  });
});
