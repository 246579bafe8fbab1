import type { FeatureCollection } from 'geojson';

/** The API's GeoJSON, by absolute URL: maplibre fetches from its worker, where relative URLs do not resolve. */
export const apiUrl = (path: string) => new URL(path, window.location.origin).href;

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const cache = new Map<string, Promise<FeatureCollection>>();

/** A GeoJSON layer of the API, fetched once per URL; empty when the platform has no such data (404). */
export function fetchGeoJson(path: string): Promise<FeatureCollection> {
  let loading = cache.get(path);
  if (!loading) {
    loading = fetch(apiUrl(path)).then((response) => {
      if (response.status === 404) return EMPTY;
      if (!response.ok) throw new Error(`${path} : ${response.status}`);
      return response.json() as Promise<FeatureCollection>;
    });
    // A failure is not remembered: the next map tries again.
    loading.catch(() => cache.delete(path));
    cache.set(path, loading);
  }
  return loading;
}

/** The contours of these communes (CPTS areas, a contract's territory). */
export function communeContours(insee: string[]): Promise<FeatureCollection> {
  if (insee.length === 0) return Promise.resolve(EMPTY);
  return fetchGeoJson(`/api/geo/communes.geojson?insee=${[...insee].sort().join(',')}`);
}

/** Every open offer of these kinds (none: all), now or on a past day, as points: what the map clusters. */
export function offersPath(kinds: readonly string[], date: string | null = null): string {
  const query = new URLSearchParams();
  if (kinds.length > 0) query.set('kind', kinds.join(','));
  if (date) query.set('date', date);
  const text = query.toString().replaceAll('%2C', ',');
  return text ? `/api/offers.geojson?${text}` : '/api/offers.geojson';
}
