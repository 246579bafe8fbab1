import type { OfferSummary } from '@cls/api/schemas';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LazyOfferMap } from '../map/lazy-maps.js';
import { MapLegend } from '../map/map-legend.js';
import type { CoverageArea, MapView, OfferPoint } from '../map/types.js';
import { OfferCard } from '../offers/offer-card.js';
import { ResultList } from '../offers/result-list.js';
import { navigate } from '../router.js';
import { useMediaQuery } from '../use-media-query.js';
import { KindFilters, RadiusSelect } from './filters.js';
import { MissingKinds } from './missing-kinds.js';
import { PlaceSearch } from './place-search.js';
import { PracticalFilters } from './practical-filters.js';
import { ResultsSummary } from './results-summary.js';
import { searchInput } from './search-input.js';
import { parseSearchState, type SearchState, serializeSearchState } from './url-state.js';
import { useResolvedPlace } from './use-resolved-place.js';

/** Where the list and the map sit side by side (below: one or the other, with a toggle). */
const WIDE = '(min-width: 64em)';

/** The CPTS of the results with a declared territory, and the open card's: drawn as areas on the map. */
function coverageAreas(results: OfferSummary[], selected: OfferSummary | undefined): CoverageArea[] {
  const cpts = [...results, ...(selected ? [selected] : [])].filter((offer) => offer.coverage.length > 0);
  const unique = new Map(cpts.map((offer) => [offer.id, { offerId: offer.id, communes: offer.coverage }]));
  return [...unique.values()];
}

const asPoint = (offer: OfferSummary | undefined): OfferPoint | null =>
  offer ? { id: offer.id, lon: offer.lon, lat: offer.lat } : null;

/**
 * The home page: choose a place, see the offers around it nearest first, with
 * the map beside the list (wide screens) or instead of it (phones). Everything
 * that makes the search is in the URL.
 */
export function SearchPage({ search }: { search: string }) {
  const trpc = useTRPC();
  const state = useMemo(() => parseSearchState(search), [search]);
  const wide = useMediaQuery(WIDE);
  const [showMap, setShowMap] = useState(false);
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  // The map's view, for the place it was moved from: a new place or radius searches around it again.
  const placeKey = `${state.center?.lon}|${state.center?.lat}|${state.radiusKm}`;
  const [moved, setMoved] = useState<{ view: MapView; placeKey: string } | null>(null);
  const view = moved?.placeKey === placeKey ? moved.view : null;

  const stateRef = useRef(state);
  stateRef.current = state;
  // Stable, so that effects and the map do not restart on each render.
  const go = useMemo(
    () =>
      (changes: Partial<SearchState>, replace = false) =>
        navigate(`/${serializeSearchState({ ...stateRef.current, ...changes })}`, { replace }),
    [],
  );
  const unknownPlace = useResolvedPlace(state, go);

  const input = searchInput(state, view);
  const results = useQuery({
    ...trpc.portal.search.queryOptions(input ?? skipToken),
    // The list keeps its offers while the next ones load (the map moving asks often).
    placeholderData: keepPreviousData,
  });
  const offers = input ? (results.data?.results ?? []) : [];
  const selected = useQuery(
    trpc.portal.offer.queryOptions(state.offerId ? { id: state.offerId } : skipToken),
  );

  // Closing a card gives the focus back to its line in the list.
  const returnFocusTo = useRef<string | null>(null);
  useEffect(() => {
    const offerId = returnFocusTo.current;
    if (state.offerId || !offerId) return;
    returnFocusTo.current = null;
    document.querySelector<HTMLElement>(`[data-offer-id="${CSS.escape(offerId)}"] a`)?.focus();
  });

  // On a phone, the map replaces the list from the top of the screen.
  const explorer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (showMap) explorer.current?.scrollIntoView();
  }, [showMap]);

  const hrefFor = (offerId: string) => `/${serializeSearchState({ ...state, offerId })}`;
  const mapVisible = wide || showMap;

  return (
    <div className="search-page">
      <h1 className="search-page__title">Trouver une offre de santé près de chez vous</h1>
      <PlaceSearch place={state.q} onPlace={(place) => go({ ...place, offerId: null })} />
      {state.date ? (
        <p className="past-date" data-testid="past-date">
          Carte au {frenchDate(state.date)} : les offres qui existaient ce jour-là, d’après l’historique de
          l’annuaire. <a href={`/${serializeSearchState({ ...state, date: null })}`}>Revenir à aujourd’hui</a>
        </p>
      ) : null}
      {unknownPlace ? (
        <p role="alert">
          Aucune commune ne correspond à « {state.q} » : vérifiez l’orthographe ou le code postal.
        </p>
      ) : null}

      <div ref={explorer} className={`explorer${mapVisible && !wide ? ' explorer--map' : ''}`}>
        {/* In the flow, above the list or the map: a floating button would cover what is under it. */}
        {wide ? null : (
          <button type="button" className="button view-toggle" onClick={() => setShowMap(!showMap)}>
            {showMap ? 'Liste' : 'Carte'}
          </button>
        )}
        <section className="explorer__list" aria-label="Résultats">
          {input ? (
            <>
              <div className="search-options">
                <KindFilters
                  counts={results.data?.counts ?? {}}
                  selected={state.kinds}
                  onChange={(kinds) => go({ kinds })}
                />
                <PracticalFilters
                  counts={results.data?.filterCounts}
                  state={state}
                  onChange={(changes) => go({ ...changes, offerId: null })}
                />
                {view ? null : (
                  <RadiusSelect value={state.radiusKm} onChange={(radiusKm) => go({ radiusKm })} />
                )}
              </div>
              <ResultsSummary
                state={state}
                result={results.data}
                inView={view !== null}
                fetching={results.isFetching}
                onBackToRadius={() => setMoved(null)}
              />
              {results.isError ? <p role="alert">La recherche a échoué : {results.error.message}</p> : null}
              {results.data && !state.offerId ? (
                <MissingKinds
                  counts={results.data.counts}
                  selected={state.kinds}
                  radiusKm={view ? null : state.radiusKm}
                />
              ) : null}
            </>
          ) : (
            <p className="intro">
              Maisons de santé, CPTS, centres médico-psychologiques, centres de santé, PMI, centres de santé
              sexuelle… Saisissez votre commune ou votre code postal, ou cherchez autour de vous.
            </p>
          )}
          {state.offerId ? (
            <OfferCard
              offerId={state.offerId}
              from={state.center ? { point: state.center, name: state.q, commune: state.commune } : null}
              onClose={() => {
                returnFocusTo.current = state.offerId;
                go({ offerId: null });
              }}
            />
          ) : (
            <ResultList offers={offers} hrefFor={hrefFor} highlightedId={hoveredId} onHover={setHoveredId} />
          )}
        </section>

        {mapVisible ? (
          <section
            className="explorer__map"
            aria-label="Carte des offres (la liste donne les mêmes informations)"
          >
            <LazyOfferMap
              kinds={state.kinds}
              date={state.date}
              circle={state.center && !view ? { center: state.center, radiusKm: state.radiusKm } : null}
              areas={coverageAreas(offers, selected.data)}
              hovered={asPoint(offers.find((offer) => offer.id === hoveredId))}
              selected={asPoint(selected.data)}
              onHover={setHoveredId}
              onSelect={(offerId) => {
                go({ offerId });
                setShowMap(false);
              }}
              onViewChange={(next) => setMoved({ view: next, placeKey })}
            />
            <MapLegend />
          </section>
        ) : null}
      </div>
    </div>
  );
}
