import type { OfferSummary } from '@cls/api';
import type { OfferRegistered } from '@cls/domain';
import { type EventStore, MemoryEventStore, type ReadAllOptions } from '@cls/event-store';
import { OfferIndex } from '@cls/offers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentOffers } from './offer-index-cache.js';
import { PastDayIndexes } from './past-day-indexes.js';

const actor = { id: 'test', role: 'admin' };

const registered = (n: number): OfferRegistered['data'] => ({
  offerId: `msp-${n}`,
  source: 'manual',
  kind: 'msp',
  name: `MSP ${n}`,
  address: { line: `${n} rue de la Santé`, postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
  position: { lon: 3.3, lat: 43.7 },
  verifiedOn: '2024-01-10',
});

/** The current offers as the cache gives them: only the revision and the day matter here. */
const currentAt = (revision: number): CurrentOffers => ({
  revision,
  today: '2026-03-01',
  index: new OfferIndex<OfferSummary>([]),
  byId: new Map(),
});

describe('the directory on a past day', () => {
  let store: MemoryEventStore;
  let reads: number;
  let current: CurrentOffers;
  let pastDays: PastDayIndexes;

  beforeEach(async () => {
    store = new MemoryEventStore();
    for (const [n, day] of [
      [1, '2024-01-10'],
      [2, '2024-06-10'],
    ] as const) {
      await store.append(
        `offer-msp-${n}`,
        [{ type: 'OfferRegistered', data: registered(n), occurredAt: `${day}T09:00:00.000Z` }],
        { actor },
      );
    }
    reads = 0;
    const counted: Pick<EventStore, 'readAll' | 'readStream'> = {
      readAll: (options?: ReadAllOptions) => {
        reads += 1;
        return store.readAll(options);
      },
      readStream: (stream, options) => store.readStream(stream, options),
    };
    current = currentAt(2);
    pastDays = new PastDayIndexes(counted, { current: async () => current }, { staleAfterDays: 365 });
  });
  afterEach(() => store.close());

  const names = async (date: string) => (await pastDays.at(date)).all().map((offer) => offer.name);

  it('holds the offers registered by the end of the day asked', async () => {
    expect(await names('2024-01-09')).toEqual([]);
    expect(await names('2024-01-10')).toEqual(['MSP 1']);
    expect(await names('2024-06-10')).toEqual(['MSP 1', 'MSP 2']);
  });

  it('reads the log once per revision of the offers, however many days are asked at once', async () => {
    const days = Array.from({ length: 40 }, (_, n) =>
      new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
    );
    await Promise.all(days.map((day) => pastDays.at(day)));
    expect(reads).toBe(1);

    current = currentAt(3);
    await pastDays.at('2024-06-30');
    expect(reads).toBe(2);
  });

  it('reads only the events after its last fold, and reads again whole only the offers they touch', async () => {
    expect(await names('2024-06-10')).toEqual(['MSP 1', 'MSP 2']);
    const readFrom: number[] = [];
    const streamsRead: string[] = [];
    const watched = new PastDayIndexes(
      {
        readAll: (options?: ReadAllOptions) => {
          readFrom.push(options?.fromPosition ?? 0);
          return store.readAll(options);
        },
        readStream: (stream, options) => {
          streamsRead.push(stream);
          return store.readStream(stream, options);
        },
      },
      { current: async () => current },
      { staleAfterDays: 365 },
    );
    expect((await watched.at('2024-06-10')).all().map((offer) => offer.name)).toEqual(['MSP 1', 'MSP 2']);
    expect([readFrom, streamsRead]).toEqual([[0], []]);
    const head = (await store.readAll()).at(-1)?.position;

    // MSP 1 renamed, dated back before MSP 2 existed; MSP 1 closed later; a third one registered.
    await store.append(
      'offer-msp-1',
      [
        {
          type: 'OfferUpdated',
          data: { offerId: 'msp-1', changes: { name: 'MSP du Lodévois' }, verifiedOn: '2024-03-01' },
          occurredAt: '2024-03-01T09:00:00.000Z',
        },
        {
          type: 'OfferClosed',
          data: { offerId: 'msp-1', closedOn: '2024-09-01', reason: 'fermée' },
          occurredAt: '2024-09-01T09:00:00.000Z',
        },
      ],
      { actor },
    );
    await store.append(
      'offer-msp-3',
      [{ type: 'OfferRegistered', data: registered(3), occurredAt: '2024-07-01T09:00:00.000Z' }],
      { actor },
    );
    current = currentAt(5);
    // A day's offers come in no set order once some are answered beside the index: sorted here.
    const day = async (date: string) =>
      (await watched.at(date))
        .all()
        .map((offer) => offer.name)
        .sort();
    expect(await day('2024-02-29')).toEqual(['MSP 1']);
    expect(await day('2024-06-10')).toEqual(['MSP 2', 'MSP du Lodévois']);
    expect(await day('2024-08-31')).toEqual(['MSP 2', 'MSP 3', 'MSP du Lodévois']);
    expect(await day('2024-09-01')).toEqual(['MSP 2', 'MSP 3']);
    // The log read from where the first fold stopped; only the offer it knew before read again.
    expect([readFrom, streamsRead]).toEqual([[0, head], ['offer-msp-1']]);
    // The same as a history folded from the start.
    const fresh = new PastDayIndexes(store, { current: async () => current }, { staleAfterDays: 365 });
    const byId = (offers: OfferSummary[]) => [...offers].sort((a, b) => a.id.localeCompare(b.id));
    for (const date of ['2024-02-29', '2024-06-10', '2024-08-31', '2024-09-01']) {
      expect(byId((await fresh.at(date)).all()), date).toEqual(byId((await watched.at(date)).all()));
      const near = { lon: 3.3, lat: 43.7, limit: 10 };
      expect((await fresh.at(date)).nearest(near), date).toEqual((await watched.at(date)).nearest(near));
    }
  });

  it("answers the portal's questions for a day: nearest, within a radius, in a box, the same offer objects", async () => {
    const day = await pastDays.at('2024-01-10');
    const [nearest] = day.nearest({ lon: 3.3, lat: 43.7, limit: 5 });
    expect([day.size, nearest?.item.name, nearest?.distanceKm]).toEqual([1, 'MSP 1', 0]);
    expect(day.withinRadius({ lon: 3.3, lat: 43.7 }, 1).map(({ item }) => item)).toEqual([nearest?.item]);
    expect(day.inBounds([3, 43, 4, 44])[0]).toBe(nearest?.item);
    expect(day.all()[0]).toBe(nearest?.item);
  });
});
