import type { OfferSearchResult } from '@cls/api/schemas';
import { count } from '@cls/french';
import { placeName, type SearchState } from './url-state.js';

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
    text = `${found}${shown}.`;
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
