import type { OfferSearchResult } from '@cls/api/schemas';
import { OFFER_ACCESS_LABELS, OFFER_PUBLIC_LABELS } from '@cls/domain';
import { count, lowerFirst } from '@cls/french';
import { placeName, type SearchState } from './url-state.js';

/**
 * The filters a count is under, said with it (« 1 offre… — filtres : ouvert maintenant »):
 * without them, « 1 offre à moins de 10 km » reads as all there is. Empty when none.
 */
export function filtersPhrase(state: SearchState): string {
  const parts = [
    state.openNow ? 'ouvert maintenant' : '',
    state.openSaturday ? 'ouvert le samedi' : '',
    state.publics.map((public_) => lowerFirst(OFFER_PUBLIC_LABELS[public_])).join(' ou '),
    ...state.access.map((access) => lowerFirst(OFFER_ACCESS_LABELS[access])),
  ].filter(Boolean);
  return parts.length === 0 ? '' : ` — filtres : ${parts.join(', ')}`;
}

/** The one line that says what the list holds; a live region, so that screen readers hear each new count. */
export function ResultsSummary({
  state,
  result,
  inView,
  fetching,
  onBackToRadius,
}: {
  state: SearchState;
  result: OfferSearchResult | undefined;
  inView: boolean;
  fetching: boolean;
  onBackToRadius: () => void;
}) {
  let text = '';
  if (result) {
    const found = inView
      ? `${count(result.total, 'offre')} dans la zone de la carte`
      : `${count(result.total, 'offre')} à moins de ${state.radiusKm} km de ${placeName(state.q)}`;
    const shown =
      result.total > result.results.length ? `, les ${result.results.length} plus proches ci-dessous` : '';
    text = `${found}${shown}${filtersPhrase(state)}.`;
  } else if (fetching) text = 'Recherche des offres…';
  return (
    <div className="summary">
      <p role="status" className="summary__text" data-testid="results-summary">
        {text}
      </p>
      {inView && state.center ? (
        <button type="button" className="link-button" onClick={onBackToRadius}>
          Revenir aux offres à moins de {state.radiusKm} km de {placeName(state.q)}
        </button>
      ) : null}
    </div>
  );
}
