import 'maplibre-gl/dist/maplibre-gl.css';
import {
  AttributionControl,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
// maplibre 6 runs its module worker from its own file: the bundle's copy, served with the assets.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Bbox } from '../geo.js';
import { BASEMAP_ATTRIBUTION, basemapStyle, fillBasemap } from './basemap.js';

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

/**
 * A map on the portal's basemap, north up (rotation would only confuse), with
 * zoom buttons and the data's credits. `title` names it for screen readers
 * (its canvas is a focusable region: arrows pan, + and − zoom).
 */
export function createMap(
  container: HTMLElement,
  { title, bounds }: { title: string; bounds: Bbox },
): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: basemapStyle(),
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
  map.addControl(
    new AttributionControl({ compact: true, customAttribution: BASEMAP_ATTRIBUTION }),
    'bottom-right',
  );
  map.once('load', () => fillBasemap(map));
  markBusyUntilIdle(map, container);
  return map;
}

/**
 * `aria-busy` on the map's element while it loads or moves, until everything
 * in view is drawn: assistive technologies wait, and so can a browser test.
 */
function markBusyUntilIdle(map: MapLibreMap, element: HTMLElement): void {
  const busy = (value: boolean) => () => element.setAttribute('aria-busy', String(value));
  busy(true)();
  map.on('movestart', busy(true));
  map.on('dataloading', busy(true));
  map.on('idle', busy(false));
}
