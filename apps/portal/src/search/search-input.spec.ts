import { describe, expect, it } from 'vitest';
import { RESULT_LIMIT, searchInput } from './search-input.js';
import { EMPTY_SEARCH } from './url-state.js';

const clermont = { lon: 3.43, lat: 43.63 };
const view = { bbox: [3, 43, 4, 44] as [number, number, number, number], center: { lon: 3.5, lat: 43.5 } };

describe('what the list asks the API', () => {
  it('asks nothing before a place is chosen or the map moved', () => {
    expect(searchInput(EMPTY_SEARCH, null)).toBeNull();
  });

  it('searches within the radius of the place, every kind unless filtered', () => {
    expect(searchInput({ ...EMPTY_SEARCH, center: clermont, radiusKm: 20 }, null)).toEqual({
      center: clermont,
      radiusKm: 20,
      limit: RESULT_LIMIT,
    });
    expect(searchInput({ ...EMPTY_SEARCH, center: clermont, kinds: ['cmp'] }, null)).toMatchObject({
      kinds: ['cmp'],
    });
  });

  it('names the searched commune, so that the CPTS covering it are found', () => {
    expect(searchInput({ ...EMPTY_SEARCH, center: clermont, commune: '34079' }, null)).toMatchObject({
      commune: '34079',
    });
    expect(searchInput({ ...EMPTY_SEARCH, center: clermont, commune: '34079' }, view)).toMatchObject({
      commune: '34079',
    });
  });

  it('searches the map’s view once moved, distances from the place or else the view’s centre', () => {
    expect(searchInput({ ...EMPTY_SEARCH, center: clermont }, view)).toEqual({
      center: clermont,
      bbox: view.bbox,
      limit: RESULT_LIMIT,
    });
    expect(searchInput(EMPTY_SEARCH, view)).toEqual({
      center: view.center,
      bbox: view.bbox,
      limit: RESULT_LIMIT,
    });
  });
});
