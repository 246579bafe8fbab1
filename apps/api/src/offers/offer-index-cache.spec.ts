import type { OfferRow } from '@cls/projections';
import { describe, expect, it } from 'vitest';
import { OfferIndexCache } from './offer-index-cache.js';
import { offerRow } from './testing/offer-row.js';

const row = offerRow;

/** An offers read model whose rows and revision the test moves, counting the reads of its rows. */
function readModel(rows: OfferRow[]) {
  const model = {
    rows,
    revision: 1,
    reads: 0,
    failNext: false,
    offersRevision: async () => model.revision,
    offers: async () => {
      model.reads += 1;
      if (model.failNext) {
        model.failNext = false;
        throw new Error('base de données injoignable');
      }
      return model.rows;
    },
    // Every row counts as changed: a build after the first updates the index with all of them.
    offersChangedSince: () => model.offers(),
  };
  return model;
}

describe('the current offers’ index', () => {
  it('indexes the open offers of known kinds, and keeps every offer of a known kind by id', async () => {
    const model = readModel([
      row('a'),
      row('closed', { closedOn: '2026-02-01', closedReason: 'fermeture' }),
      row('unknown', { kind: 'laboratoire' }),
    ]);
    const current = await new OfferIndexCache(model, {
      staleAfterDays: 365,
      today: () => '2026-03-01',
    }).current();
    expect(current.index.all().map((offer) => offer.id)).toEqual(['a']);
    expect([...current.byId.keys()].sort()).toEqual(['a', 'closed']);
  });

  it('reads the rows once per revision, whoever asks at the same time', async () => {
    const model = readModel([row('a')]);
    const cache = new OfferIndexCache(model, { staleAfterDays: 365, today: () => '2026-03-01' });
    const [first, second] = await Promise.all([cache.current(), cache.current()]);
    expect(second).toBe(first);
    expect(await cache.current()).toBe(first);
    expect(model.reads).toBe(1);

    model.rows = [row('a'), row('b')];
    model.revision = 2;
    const moved = await cache.current();
    expect(moved.index.size).toBe(2);
    expect(model.reads).toBe(2);
  });

  it('flags an offer « à vérifier » from the day it is too old, without any offer event', async () => {
    const model = readModel([row('a', { verifiedOn: '2025-03-01' })]);
    let today = '2026-03-01';
    const cache = new OfferIndexCache(model, { staleAfterDays: 365, today: () => today });
    expect((await cache.current()).byId.get('a')?.summary.stale).toBe(false);
    today = '2026-03-02';
    expect((await cache.current()).byId.get('a')?.summary.stale).toBe(true);
  });

  it('updates its index from the rows changed since the last build, as a build of every row would give it', async () => {
    // Rows with the position of the event that last changed them; the revision is the last position.
    const model = { rows: new Map<string, { row: OfferRow; at: number }>(), revision: 0, whole: 0 };
    const changedSince: number[] = [];
    const put = (changed: OfferRow) => {
      model.revision += 1;
      model.rows.set(changed.id, { row: changed, at: model.revision });
    };
    const queries = {
      offersRevision: async () => model.revision,
      offers: async () => {
        model.whole += 1;
        return [...model.rows.values()].map(({ row }) => row);
      },
      offersChangedSince: async (position: number) => {
        changedSince.push(position);
        return [...model.rows.values()].filter(({ at }) => at > position).map(({ row }) => row);
      },
    };
    let today = '2026-03-01';
    const freshness = { staleAfterDays: 365, today: () => today };
    const cache = new OfferIndexCache(queries, freshness);
    put(row('a', { lon: 3.3, lat: 43.7 }));
    put(row('b', { lon: 3.4, lat: 43.6 }));
    put(row('c', { lon: 3.5, lat: 43.5 }));
    await cache.current();
    // One moved, one closed, one new, one of a kind the portal does not show.
    put(row('a', { lon: 3.9, lat: 43.9 }));
    put(row('b', { closedOn: '2026-02-01', closedReason: 'fermeture' }));
    put(row('d', { lon: 3.31, lat: 43.71 }));
    put(row('e', { kind: 'laboratoire' }));
    const updated = await cache.current();
    const whole = await new OfferIndexCache(queries, freshness).current();
    expect([model.whole, changedSince]).toEqual([2, [3]]);

    const ids = (offers: Array<{ id: string }>) => offers.map((offer) => offer.id).sort();
    expect(ids(updated.index.all())).toEqual(['a', 'c', 'd']);
    expect(ids(updated.index.all())).toEqual(ids(whole.index.all()));
    expect(updated.index.size).toBe(3);
    expect([...updated.byId.keys()].sort()).toEqual([...whole.byId.keys()].sort());
    expect(new Map(updated.byId)).toEqual(new Map(whole.byId));
    expect([updated.byId.size, updated.byId.get('e'), updated.byId.get('a')?.row.lon]).toEqual([
      4,
      undefined,
      3.9,
    ]);
    for (const point of [
      { lon: 3.3, lat: 43.7 },
      { lon: 3.9, lat: 43.9 },
      { lon: 3.45, lat: 43.55 },
    ]) {
      expect(updated.index.nearest({ ...point, limit: 4 })).toEqual(
        whole.index.nearest({ ...point, limit: 4 }),
      );
      expect(updated.index.withinRadius(point, 20)).toEqual(whole.index.withinRadius(point, 20));
    }
    expect(updated.index.inBounds([3.2, 43.6, 3.35, 43.75])).toEqual(
      whole.index.inBounds([3.2, 43.6, 3.35, 43.75]),
    );

    // A new day reads every row again (the « à vérifier » flags move without any offer event).
    today = '2026-03-02';
    await cache.current();
    expect(model.whole).toBe(3);
  });

  it('reads every row when the read model cannot tell what changed (an older version still live)', async () => {
    const model = readModel([row('a')]);
    const cache = new OfferIndexCache(
      { ...model, offersChangedSince: async () => undefined },
      { staleAfterDays: 365, today: () => '2026-03-01' },
    );
    await cache.current();
    model.rows = [row('a'), row('b')];
    model.revision = 2;
    expect((await cache.current()).index.size).toBe(2);
    expect(model.reads).toBe(2);
  });

  it('builds again after a failed read instead of keeping the failure', async () => {
    const model = readModel([row('a')]);
    model.failNext = true;
    const cache = new OfferIndexCache(model, { staleAfterDays: 365, today: () => '2026-03-01' });
    await expect(cache.current()).rejects.toThrow(/injoignable/);
    expect((await cache.current()).index.size).toBe(1);
  });

  it('answers a reader who asks while an older revision check runs with the offers as they are after its call', async () => {
    const model = readModel([row('a')]);
    // Revision checks answered by the test, each with the revision at the time it was started.
    const checks: Array<() => void> = [];
    const slow = {
      offers: model.offers,
      offersChangedSince: model.offersChangedSince,
      offersRevision: () =>
        new Promise<number>((resolve) => {
          const seen = model.revision;
          checks.push(() => resolve(seen));
        }),
    };
    const cache = new OfferIndexCache(slow, { staleAfterDays: 365, today: () => '2026-03-01' });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const first = cache.current();
    checks.shift()?.();
    expect((await first).index.size).toBe(1);
    const before = cache.current();
    // An offer is registered (the read model moves) while that reader's check is under way.
    model.rows = [row('a'), row('b')];
    model.revision = 2;
    const after = cache.current();
    checks.shift()?.();
    expect(await before).toBe(await first);
    await settle();
    checks.shift()?.();
    expect((await after).index.size).toBe(2);
  });

  it('builds once more for every reader who needs a newer index while a build runs, never older than what each read', async () => {
    // Rows read when the test says, as they were when the read started; the revision moves with them.
    const model = { rows: [row('a')], revision: 1, reads: 0 };
    const pendingReads: Array<() => void> = [];
    const read = () =>
      new Promise<OfferRow[]>((resolve) => {
        model.reads += 1;
        const seen = model.rows;
        pendingReads.push(() => resolve(seen));
      });
    const slow = { offersRevision: async () => model.revision, offers: read, offersChangedSince: read };
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const cache = new OfferIndexCache(slow, { staleAfterDays: 365, today: () => '2026-03-01' });
    const move = (ids: string[]) => {
      model.rows = ids.map((id) => row(id));
      model.revision += 1;
    };

    const first = cache.current();
    await settle();
    // Offers registered one after the other while the first build reads: readers of each revision wait.
    move(['a', 'b']);
    const second = cache.current();
    move(['a', 'b', 'c']);
    const third = cache.current();
    await settle();
    expect(model.reads).toBe(1);
    pendingReads.shift()?.();
    expect((await first).index.size).toBe(1);
    await settle();
    // One more build for both, reading the revision after they asked.
    expect(model.reads).toBe(2);
    // Another offer while that build reads: its reader is not answered by it.
    move(['a', 'b', 'c', 'd']);
    const fourth = cache.current();
    pendingReads.shift()?.();
    expect((await second).index.size).toBe(3);
    expect(await third).toBe(await second);
    await settle();
    pendingReads.shift()?.();
    expect((await fourth).index.size).toBe(4);
    expect(model.reads).toBe(3);
    // Nothing moved since: the last build answers.
    expect(await cache.current()).toBe(await fourth);
  });
});
