import { describe, expect, it } from 'vitest';
import { DEFAULT_RADIUS_KM, EMPTY_SEARCH, parseSearchState, serializeSearchState } from './url-state.js';

describe('the search state in the URL', () => {
  it('reads a shared search', () => {
    expect(
      parseSearchState(
        '?q=Clermont-l%27H%C3%A9rault&commune=34079&lon=3.4312&lat=43.6275&types=cmp,msp&rayon=20&offre=o-1',
      ),
    ).toEqual({
      q: "Clermont-l'Hérault",
      commune: '34079',
      center: { lon: 3.4312, lat: 43.6275 },
      kinds: ['msp', 'cmp'],
      radiusKm: 20,
      offerId: 'o-1',
      date: null,
      openNow: false,
      openSaturday: false,
      publics: [],
      access: [],
    });
  });

  it('keeps the filters in the URL: open now, on Saturday, publics, access', () => {
    const state = parseSearchState(
      '?ouvert=samedi,maintenant,jamais&public=adolescents,enfants,bebes&acces=gratuit',
    );
    expect(state).toMatchObject({
      openNow: true,
      openSaturday: true,
      publics: ['enfants', 'adolescents'],
      access: ['gratuit'],
    });
    expect(serializeSearchState(state)).toBe(
      '?ouvert=maintenant%2Csamedi&public=enfants%2Cadolescents&acces=gratuit',
    );
    expect(parseSearchState(serializeSearchState(state))).toEqual(state);
  });

  it('falls back to the defaults for what is missing or malformed', () => {
    expect(parseSearchState('')).toEqual(EMPTY_SEARCH);
    expect(parseSearchState('?lon=3.4&lat=&types=msp,hélico,msp&rayon=7&date=2025-02-30')).toEqual({
      ...EMPTY_SEARCH,
      kinds: ['msp'],
    });
    expect(parseSearchState('?date=2025-01-01').date).toBe('2025-01-01');
    expect(parseSearchState('?lon=200&lat=43').center).toBeNull();
    expect(parseSearchState('?lon=abc&lat=43').center).toBeNull();
    expect(parseSearchState('?commune=3407').commune).toBeNull();
    expect(parseSearchState('?commune=2A004').commune).toBe('2A004');
  });

  it('writes only what differs from the defaults, coordinates to 5 decimals', () => {
    expect(serializeSearchState(EMPTY_SEARCH)).toBe('');
    expect(
      serializeSearchState({
        ...EMPTY_SEARCH,
        q: "Clermont-l'Hérault",
        commune: '34079',
        center: { lon: 3.431234567, lat: 43.627512345 },
        kinds: ['msp', 'cmp'],
        radiusKm: DEFAULT_RADIUS_KM,
        offerId: null,
        date: null,
      }),
    ).toBe('?q=Clermont-l%27H%C3%A9rault&commune=34079&lon=3.43123&lat=43.62751&types=msp%2Ccmp');
  });

  it('reads back what it writes', () => {
    const state = {
      ...EMPTY_SEARCH,
      q: 'Ma position',
      commune: null,
      center: { lon: -1.5, lat: 47.25 },
      kinds: ['cpts' as const, 'pmi' as const],
      radiusKm: 50,
      offerId: 'finess-340000000',
      date: '2024-06-30',
    };
    expect(parseSearchState(serializeSearchState(state))).toEqual(state);
  });
});
