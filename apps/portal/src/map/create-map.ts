import 'maplibre-gl/dist/maplibre-gl.css';
import {
  AttributionControl,
  type IControl,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
// maplibre 6 runs its module worker from its own file: the bundle's copy, served with the assets.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Bbox } from '../geo.js';
import {
  COMMUNE_NAMES_LAYER,
  DEPARTEMENT_NAMES_LAYER,
  fillOfflineBasemap,
  OFFLINE_ATTRIBUTION,
  OVERLAY_ATTRIBUTION,
} from './basemap.js';
import { chooseBasemap } from './basemap-choice.js';

setWorkerUrl(workerUrl);

/** Metropolitan France, the view before anything is searched. */
export const FRANCE: Bbox = [-5.2, 41.3, 9.6, 51.1];

/** maplibre's controls and screen-reader labels, in French. */
const FRENCH_UI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources de la carte',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'NavigationControl.ResetBearing': 'Réorienter la carte vers le nord',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
};

/** A quiet line on the map when the deployment's basemap did not load and the offline one is shown. */
class FallbackNote implements IControl {
  #element: HTMLElement | undefined;
  onAdd(): HTMLElement {
    const element = document.createElement('p');
    element.className = 'maplibregl-ctrl map-fallback-note';
    element.setAttribute('role', 'status');
    element.textContent = 'Fond de carte simplifié : le fond habituel n’a pas pu être chargé.';
    this.#element = element;
    return element;
  }
  onRemove(): void {
    this.#element?.remove();
  }
}

/**
 * A map on the portal's basemap (the deployment's MAP_STYLE_URL, or the offline one), north up
 * (rotation would only confuse), with zoom buttons and the data's credits. `title` names it for
 * screen readers (its canvas is a focusable region: arrows pan, + and − zoom). Resolves once the
 * basemap is chosen; maplibre throws here when the browser has no WebGL.
 */
export async function createMap(
  container: HTMLElement,
  { title, bounds }: { title: string; bounds: Bbox },
): Promise<MapLibreMap> {
  container.setAttribute('aria-busy', 'true');
  const basemap = await chooseBasemap();
  const map = new MapLibreMap({
    container,
    style: basemap.style,
    bounds: bounds as LngLatBoundsLike,
    fitBoundsOptions: { padding: 24 },
    locale: { ...FRENCH_UI, 'Map.Title': title },
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxZoom: 17,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  // The configured style's sources credit themselves; the portal adds what its own layers draw.
  map.addControl(
    new AttributionControl({
      compact: true,
      customAttribution: basemap.kind === 'configured' ? OVERLAY_ATTRIBUTION : OFFLINE_ATTRIBUTION,
    }),
    'bottom-right',
  );
  if (basemap.kind === 'fallback') map.addControl(new FallbackNote(), 'top-left');
  container.dataset.basemap = basemap.kind;
  const loading = markBusyUntilIdle(map, container);
  if (basemap.kind !== 'configured') map.once('load', () => fillOfflineBasemap(map, loading));
  if (basemap.kind !== 'configured') showDrawnPlaceNames(map, container);
  return map;
}

/**
 * `aria-busy` on the map's element while it loads or moves, until everything
 * in view is drawn: assistive technologies wait, and so can a browser test. The
 * map is idle as soon as its sources are; data fetched before it is given to
 * them (the offline basemap's land, communes' contours) is announced through the
 * function returned, and keeps the map busy until it is drawn too.
 */
function markBusyUntilIdle(map: MapLibreMap, element: HTMLElement): (fetching: Promise<unknown>) => void {
  let fetching = 0;
  const busy = (value: boolean) => element.setAttribute('aria-busy', String(value));
  busy(true);
  map.on('movestart', () => busy(true));
  map.on('dataloading', () => busy(true));
  map.on('idle', () => {
    if (fetching === 0) busy(false);
  });
  return (work) => {
    fetching += 1;
    busy(true);
    // Drawn once the map is idle again: a frame is asked for, after which it says so.
    const done = () => {
      fetching -= 1;
      map.triggerRepaint();
    };
    work.then(done, done);
  };
}

/**
 * The place names the offline basemap drew, written on the map's element once it is idle
 * (`data-place-names`, `|`-separated): what tests and tools can read without WebGL access.
 */
function showDrawnPlaceNames(map: MapLibreMap, element: HTMLElement): void {
  map.on('idle', () => {
    const layers = [DEPARTEMENT_NAMES_LAYER, COMMUNE_NAMES_LAYER].filter((layer) => map.getLayer(layer));
    const names = map
      .queryRenderedFeatures({ layers })
      .map((place) => String(place.properties.name))
      .sort((a, b) => a.localeCompare(b, 'fr'));
    element.dataset.placeNames = [...new Set(names)].join('|');
  });
}
