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
});
