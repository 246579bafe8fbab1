import type { OfferSummary } from '@cls/api';
import { endOfDay, offersAsOf } from '@cls/audit';
import { canSearch, type EventStore, type NewEvent } from '@cls/event-store';
import type { Bounds } from '@cls/offers';
import { createPool, type Pool } from '@cls/postgres';
import type { ProjectionRunner, ReadModelQueries } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER, READ_MODELS } from '../projections/projections.module.js';
import { startTestApp } from '../testing/test-app.js';
import { OfferFolds } from './offer-folds.js';
import { OfferFoldsKeeper } from './offer-folds-keeper.js';
import { OfferIndexCache } from './offer-index-cache.js';
import { PastDayOffers } from './past-day-offers.js';
import { aroundLodeve, aroundMontpellier, montpellier, on, registered } from './testing/past-day-fixtures.js';
import { storeOf } from './testing/store-views.js';

const actor = { id: 'test', role: 'admin' };
const DAYS = ['2024-01-09', '2024-01-10', '2024-03-01', '2024-06-10', '2024-09-01'];

describe("the offers' folds kept ready for the map of a past day", () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let store: EventStore;
  let pool: Pool;
  /** This spec's own folds, holding the lease before the app starts: the app's keeper never runs. */
  let folds: OfferFolds;
  /** Offer streams the keepers read. */
  let streamsRead = 0;

  const append = (stream: string, ...events: NewEvent[]) => store.append(stream, events, { actor });
  const settled = async () => {
    const head = await store.headPosition();
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head, 30_000)).toBe(true);
    return head;
  };
  /** A keeper of `folds` on a store whose reads of streams are counted; stopped, it leaves the lease with this spec. */
  const keeper = () => {
    const log = store;
    if (!canSearch(log)) throw new Error('the test database’s store searches its log');
    return new OfferFoldsKeeper(
      storeOf(store, {
        searchEvents: (query) => {
          streamsRead += query.streams?.length ?? 0;
          return log.searchEvents(query);
        },
      }),
      {
        lease: () => folds.lease(),
        release: async () => {},
        checkpoint: () => folds.checkpoint(),
        keep: (kept, checkpoint) => folds.keep(kept, checkpoint),
      },
    );
  };
  const pastDays = () =>
    new PastDayOffers(
      storeOf(store),
      app.get<ReadModelQueries>(READ_MODELS),
      app.get(OfferIndexCache),
      { staleAfterDays: 365 },
      folds,
    );
  const names = (offers: OfferSummary[]) => offers.map((offer) => offer.name).sort();

  beforeAll(async () => {
    pool = createPool(database.url, { max: 2 });
    folds = new OfferFolds(pool);
    expect(await folds.lease()).toBe(true);
    ({ app } = await startTestApp(database.url));
    store = app.get<EventStore>(EVENT_STORE);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await folds?.release();
    await pool?.end();
  });

  it('never answers from a fold of other events than the offer has now', async () => {
    await append('offer-msp-1', {
      type: 'OfferRegistered',
      data: registered(1),
      occurredAt: on('2024-01-10'),
    });
    await settled();
    const [before] =
      (await app.get<ReadModelQueries>(READ_MODELS).offersEverIn({ bounds: aroundLodeve })) ?? [];
    if (!before) throw new Error('MSP 1 is in the read model');
    // Its fold as of its registration, kept ready.
    const stale = keeper();
    stale.onApplicationBootstrap();
    await stale.waitFor(before.changedAt);
    await stale.beforeApplicationShutdown();
    expect((await folds.stored([before])).get('msp-1')?.[0]?.offer.name).toBe('MSP 1');

    // Renamed after, dated back to its registration: the fold kept no longer says how it was.
    await append('offer-msp-1', {
      type: 'OfferUpdated',
      data: { offerId: 'msp-1', changes: { name: 'MSP du Lodévois' }, verifiedOn: '2024-01-10' },
      occurredAt: on('2024-01-10'),
    });
    await settled();
    const [after] =
      (await app.get<ReadModelQueries>(READ_MODELS).offersEverIn({ bounds: aroundLodeve })) ?? [];
    if (!after) throw new Error('MSP 1 is in the read model');
    expect(after.changedAt).toBeGreaterThan(before.changedAt);
    expect((await folds.stored([after])).size).toBe(0);
    expect(names(await pastDays().at('2024-03-01').inBounds(aroundLodeve))).toEqual(['MSP du Lodévois']);
    // A fold of fewer events never takes the place of one of more.
    await folds.keep([{ offerId: 'msp-1', changedAt: 1, versions: [] }], await folds.checkpoint());
    expect((await folds.stored([before])).get('msp-1')?.[0]?.offer.name).toBe('MSP 1');
  });

  it("keeps every offer's fold as the audit reads the log, so that questions read no stream", async () => {
    // An import: offers registered together, folded from the page, their streams not read.
    for (let n = 2; n <= 40; n += 1)
      await append(`offer-msp-${n}`, {
        type: 'OfferRegistered',
        data: registered(n),
        occurredAt: on('2024-06-10'),
      });
    // Then changes of offers registered before: their streams read whole.
    await append('offer-msp-2', {
      type: 'OfferClosed',
      data: { offerId: 'msp-2', closedOn: '2024-09-01', reason: 'fermée' },
      occurredAt: on('2024-09-01'),
    });
    await append('offer-msp-3', {
      type: 'OfferUpdated',
      data: { offerId: 'msp-3', changes: { name: 'MSP 3 du Lodévois' }, verifiedOn: '2024-03-01' },
      occurredAt: on('2024-03-01'),
    });
    // One offer moved to Montpellier, another there from the start.
    await append('offer-msp-5', {
      type: 'OfferUpdated',
      data: { offerId: 'msp-5', changes: { position: montpellier }, verifiedOn: '2024-07-01' },
      occurredAt: on('2024-07-01'),
    });
    await append('offer-msp-41', {
      type: 'OfferRegistered',
      data: registered(41, montpellier),
      occurredAt: on('2024-06-10'),
    });
    const head = await settled();
    const following = keeper();
    streamsRead = 0;
    following.onApplicationBootstrap();
    await following.waitFor(head);
    // MSP 1's stream read (its first event is before the keeper's checkpoint); the others folded from the page.
    expect(streamsRead).toBe(1);
    // A view's folds are those of the offers ever in it: MSP 5 in both, where it was and where it is.
    const everIn = async (bounds: Bounds) =>
      ((await folds.everIn(bounds, 100))?.folds ?? []).map(({ offerId }) => offerId).sort();
    expect(await everIn(aroundMontpellier)).toEqual(['msp-41', 'msp-5']);
    expect(await everIn(aroundLodeve)).toHaveLength(40);
    expect(await everIn(aroundLodeve)).not.toContain('msp-41');
    // A fold the caller has comes without its versions; of another event, with them.
    const [msp41] =
      (await folds.everIn(aroundMontpellier, 100))?.folds.filter(({ offerId }) => offerId === 'msp-41') ?? [];
    if (!msp41) throw new Error('MSP 41 is folded');
    const withKnown = async (changedAt: number) =>
      (await folds.everIn(aroundMontpellier, 100, [{ id: 'msp-41', changedAt }]))?.folds.map(
        ({ offerId, versions }) => `${offerId} ${versions === undefined ? 'known' : 'sent'}`,
      );
    expect(await withKnown(msp41.changedAt)).toEqual(expect.arrayContaining(['msp-41 known', 'msp-5 sent']));
    expect(await withKnown(msp41.changedAt - 1)).toContain('msp-41 sent');

    // A change while it follows the log: folded too.
    await append('offer-msp-4', {
      type: 'OfferVerified',
      data: { offerId: 'msp-4', verifiedOn: '2024-09-01' },
      occurredAt: on('2024-09-01'),
    });
    await following.waitFor(await settled());
    await following.beforeApplicationShutdown();

    const log = await store.readAll({ limit: 1000 });
    const asked = storeOf(store, {
      searchEvents: async () => {
        throw new Error('a stream was read: a fold was not ready');
      },
    });
    const queries = app.get<ReadModelQueries>(READ_MODELS);
    const readers = {
      // The keeper's checkpoint has reached the read model's revision: a view's folds read whole.
      'the folds of the view': new PastDayOffers(
        asked,
        {
          offersEverIn: async () => {
            throw new Error('the read model was asked which offers may be in the view');
          },
        },
        app.get(OfferIndexCache),
        { staleAfterDays: 365 },
        folds,
      ),
      // The offers looked up in the read model, their folds by the position of their last event.
      'the folds of the offers the read model names': new PastDayOffers(
        asked,
        queries,
        app.get(OfferIndexCache),
        { staleAfterDays: 365 },
        { everIn: async () => undefined, stored: (offers) => folds.stored(offers) },
      ),
    };
    const within = ([west, south, east, north]: Bounds, { lon, lat }: { lon: number; lat: number }) =>
      west <= lon && lon <= east && south <= lat && lat <= north;
    for (const [reader, ready] of Object.entries(readers))
      for (const date of DAYS)
        for (const view of [aroundLodeve, aroundMontpellier]) {
          const expected = offersAsOf(log, date, 'occurred')
            .filter((offer) => within(view, offer.position))
            .map((offer) => `${offer.name} ${offer.verifiedOn}`);
          const answered = (await ready.at(date).inBounds(view)).map(
            (offer) => `${offer.name} ${offer.verifiedOn}`,
          );
          expect(answered.sort(), `${reader}, ${date}, ${view.join()}`).toEqual(expected.sort());
        }
    const ready = readers['the folds of the view'];
    expect(names(await ready.at('2024-09-01').inBounds(aroundLodeve))).not.toContain('MSP 2');
    expect(names(await ready.at('2024-06-10').inBounds(aroundLodeve))).toContain('MSP 3 du Lodévois');
  });

  it("finds a view's offers from the index alone, and reads versions only for those that need them", async () => {
    // The folds of the test before: 40 offers around Lodève, MSP 2 closed (no version holds now).
    // Its pages marked all-visible, as autovacuum leaves them: once no transaction older than the
    // last folds is open (a migration of the app's was seen holding one for a moment).
    await expect
      .poll(async () => {
        await pool.query('VACUUM offer_folds');
        const { rows } = await pool.query<{ left: number }>(
          `SELECT relpages - relallvisible AS left FROM pg_class WHERE relname = 'offer_folds'`,
        );
        return rows[0]?.left;
      })
      .toBe(0);
    const asked: Array<{ text: string; values: unknown[] }> = [];
    const recording = new Proxy(pool, {
      get: (target, key) =>
        key === 'query'
          ? (text: string, values: unknown[]) => {
              asked.push({ text, values });
              return target.query(text, values);
            }
          : Reflect.get(target, key),
    });
    const day = { endOfDay: endOfDay('2030-01-01'), revision: await store.headPosition() };
    const view = await new OfferFolds(recording).everIn(aroundLodeve, 100, [], day);
    expect(view?.folds).toHaveLength(40);
    expect(
      view?.folds.filter(({ versions }) => versions !== undefined).map(({ offerId }) => offerId),
    ).toEqual(['msp-2']);

    const statement = asked.at(-1);
    if (!statement) throw new Error('the view was asked');
    const client = await pool.connect();
    try {
      // As on a table too large to read whole: the planner chooses among the indexes.
      await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
        statement.values,
      );
      const plan = planNodes(rows[0]?.['QUERY PLAN'][0].Plan);
      const reads = plan
        .filter((node) => node['Relation Name'] === 'offer_folds')
        .map((node) => `${node['Node Type']} on ${node['Index Name']}, ${node['Actual Loops']} loop(s)`);
      // The view from the index (no heap page read), the versions of MSP 2 alone by its key.
      expect(reads).toEqual([
        'Index Only Scan on offer_folds_view, 1 loop(s)',
        'Index Scan on offer_folds_pkey, 1 loop(s)',
      ]);
      expect(plan.find((node) => node['Index Name'] === 'offer_folds_view')?.['Heap Fetches']).toBe(0);
    } finally {
      client.release(true);
    }
  });
});

/** A node of PostgreSQL's plan (`EXPLAIN (FORMAT JSON)`), with the nodes under it. */
type PlanNode = { [field: string]: unknown; Plans?: PlanNode[] };
const planNodes = (node: PlanNode | undefined): PlanNode[] =>
  node ? [node, ...(node.Plans ?? []).flatMap(planNodes)] : [];
