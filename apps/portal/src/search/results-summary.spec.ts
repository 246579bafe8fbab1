import { describe, expect, it } from 'vitest';
import { filtersPhrase } from './results-summary.js';
import { EMPTY_SEARCH } from './url-state.js';

describe('the results’ summary', () => {
  it('says nothing of filters when none is on', () => {
    expect(filtersPhrase(EMPTY_SEARCH)).toBe('');
  });

  it('names every filter a count is under: hours, any of the publics, each access condition', () => {
    expect(
      filtersPhrase({
        ...EMPTY_SEARCH,
        openNow: true,
        openSaturday: true,
        publics: ['enfants', 'adolescents'],
        access: ['gratuit', 'sans_avance_de_frais'],
      }),
    ).toBe(
      ' — filtres : ouvert maintenant, ouvert le samedi, enfants ou adolescents, gratuit, sans avance de frais',
    );
  });
});
