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
    const counted: Pick<EventStore, 'readAll'> = {
      readAll: (options?: ReadAllOptions) => {
        reads += 1;
        return store.readAll(options);
      },
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

  it('builds a day once for all who ask it, and keeps the last 16 days asked', async () => {
    const [first, again] = await Promise.all([pastDays.at('2024-02-01'), pastDays.at('2024-02-01')]);
    expect(again).toBe(first);
    expect(await pastDays.at('2024-02-01')).toBe(first);

    const march = new Map<string, unknown>();
    for (let day = 1; day <= 16; day += 1) {
      const date = `2024-03-${String(day).padStart(2, '0')}`;
      march.set(date, await pastDays.at(date));
    }
    // 17 days asked: the least recently asked one is built anew, the same offers in it.
    const rebuilt = await pastDays.at('2024-02-01');
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.all()).toEqual(first.all());
    expect(await pastDays.at('2024-03-16')).toBe(march.get('2024-03-16'));
  });
});
