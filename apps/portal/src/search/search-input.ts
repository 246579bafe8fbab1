import type { OfferSearch } from '@cls/api/schemas';
import type { MapView } from '../map/types.js';
import type { SearchState } from './url-state.js';

/** How many offers the list shows: the nearest ones, the total says how many more there are. */
export const RESULT_LIMIT = 50;

/**
 * What to ask `portal.search`: around the chosen place within the radius, or,
 * once the person has moved the map, inside the map's view (distances still
 * from the place, or from the view's centre when no place is chosen).
 * Nothing before either.
 */
export function searchInput(state: SearchState, view: MapView | null): OfferSearch | null {
  const filters = {
    ...(state.kinds.length > 0 ? { kinds: state.kinds } : {}),
    // The CPTS covering the searched commune count as there (distance 0), wherever their seat is.
    ...(state.commune ? { commune: state.commune } : {}),
    ...(state.date ? { date: state.date } : {}),
    ...(state.openNow ? { openNow: true } : {}),
    ...(state.openSaturday ? { openSaturday: true } : {}),
    ...(state.publics.length > 0 ? { publics: state.publics } : {}),
    ...(state.access.length > 0 ? { access: state.access } : {}),
    limit: RESULT_LIMIT,
  };
  if (view) return { center: state.center ?? view.center, bbox: view.bbox, ...filters };
  if (state.center) return { center: state.center, radiusKm: state.radiusKm, ...filters };
  return null;
}
