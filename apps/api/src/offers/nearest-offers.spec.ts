import type { OfferRow } from '@cls/projections';
import { describe, expect, it } from 'vitest';
import { nearestOffersJson } from './nearest-offers.js';
import { OfferIndexCache } from './offer-index-cache.js';
import { offerRow } from './testing/offer-row.js';

/** The current offers of a read model the test moves (one revision per change). */
function directory(rows: OfferRow[]) {
  const model = {
    rows,
    revision: 1,
    offers: async () => model.rows,
    // Every row counts as changed: the index is then updated with all of them.
    offersChangedSince: async () => model.rows,
    offersRevision: async () => model.revision,
  };
  return { model, cache: new OfferIndexCache(model, { staleAfterDays: 365, today: () => '2026-03-01' }) };
}

/** The answer as the controller built it before its text was cached: JSON.stringify of the objects. */
async function expected(cache: OfferIndexCache, lon: number, lat: number, limit: number) {
  const { index } = await cache.current();
  return JSON.stringify({
    results: index.nearest({ lon, lat, limit }).map(({ item, distanceKm }) => ({
      id: item.id,
      finess: item.finess,
      name: item.name,
      kind: item.kind,
      distanceKm: Number(distanceKm.toFixed(3)),
      address: item.address,
      commune: item.commune,
      phone: item.phone,
      lon: item.lon,
      lat: item.lat,
    })),
  });
}

describe('the nearest offers’ answer', () => {
  it('is the text JSON.stringify gives, names with quotes, accents and nulls included', async () => {
    const { cache } = directory([
      offerRow('a', { name: 'Centre « Cœur » "Pasteur" \\ 2', finess: '340000215', phone: '0467883000' }),
      offerRow('b', { lon: 3.31, lat: 43.71, addressLine: 'Lieu-dit\tLe Mas' }),
      offerRow('c', { lon: 3.5, lat: 43.9, kind: 'cmp' }),
    ]);
    for (const limit of [1, 2, 3, 10]) {
      expect(await nearestOffersJson(cache, { lon: '3.305', lat: '43.7', limit: String(limit) })).toBe(
        await expected(cache, 3.305, 43.7, limit),
      );
    }
    expect(await nearestOffersJson(cache, { lon: '0', lat: '0', kind: 'hopital' })).toBe('{"results":[]}');
  });

  it('never answers from an offer as it was before the read model moved', async () => {
    const { model, cache } = directory([offerRow('a', { phone: '0467000000' }), offerRow('b', { lon: 3.4 })]);
    const query = { lon: '3.3', lat: '43.7', limit: '1' };
    expect(await nearestOffersJson(cache, query)).toContain('"phone":"0467000000"');
    model.rows = [offerRow('a', { phone: '0467111111', name: 'MSP renommée' }), offerRow('b', { lon: 3.4 })];
    model.revision = 2;
    const moved = await nearestOffersJson(cache, query);
    expect(moved).toContain('"phone":"0467111111"');
    expect(moved).toContain('"name":"MSP renommée"');
    expect(moved).toBe(await expected(cache, 3.3, 43.7, 1));
  });

  it('refuses bad parameters with a 400', async () => {
    const { cache } = directory([offerRow('a')]);
    await expect(nearestOffersJson(cache, { lon: '200', lat: '43' })).rejects.toMatchObject({ status: 400 });
  });
});
