import type { StyleSpecification } from 'maplibre-gl';
import { offlineStyle } from './basemap.js';
import { apiUrl } from './geo-api.js';
import { absoluteStyleUrls, isMapStyle } from './style-urls.js';

/** The basemap a map is drawn on, and why. */
export type BasemapChoice =
  | { kind: 'offline'; style: StyleSpecification }
  /** The deployment's MAP_STYLE_URL, loaded. */
  | { kind: 'configured'; style: StyleSpecification; url: string }
  /** MAP_STYLE_URL is set but its style did not load: the offline basemap, and a note saying so. */
  | { kind: 'fallback'; style: StyleSpecification; url: string };

/** How long a configured style may take before the offline basemap is drawn instead. */
const STYLE_TIMEOUT_MS = 6_000;

let settings: Promise<string | null> | undefined;

/** The server's MAP_STYLE_URL (GET /api/geo/basemap.json), asked once per page; none if it cannot say. */
function configuredStyleUrl(): Promise<string | null> {
  settings ??= fetch(apiUrl('/api/geo/basemap.json'))
    .then(async (response) => {
      if (!response.ok) return null;
      const body = (await response.json()) as { styleUrl?: unknown };
      return typeof body.styleUrl === 'string' ? body.styleUrl : null;
    })
    .catch(() => null);
  return settings;
}

/**
 * The deployment's style when MAP_STYLE_URL is set and it loads (a MapLibre style JSON, within
 * STYLE_TIMEOUT_MS), the offline basemap otherwise: the portal always has a map to show.
 */
export async function chooseBasemap(): Promise<BasemapChoice> {
  const url = await configuredStyleUrl();
  if (!url) return { kind: 'offline', style: offlineStyle() };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(STYLE_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${response.status}`);
    const style: unknown = await response.json();
    if (!isMapStyle(style)) throw new Error('pas un style MapLibre');
    return { kind: 'configured', style: absoluteStyleUrls(style, url), url };
  } catch (error) {
    console.warn(`Fond de carte ${url} indisponible (${String(error)}) : fond intégré affiché.`);
    return { kind: 'fallback', style: offlineStyle(), url };
  }
}
