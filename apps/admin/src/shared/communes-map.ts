import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection } from 'geojson';
import {
  AttributionControl,
  type DataDrivenPropertyValueSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
// maplibre runs its module worker from its own file: the bundle's copy, served with the assets.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type RefObject, useEffect, useRef } from 'react';

setWorkerUrl(workerUrl);

/*
 * The admin's maps of communes (a contract's territory, the portfolio's
 * territories) on the platform's own open data — the API's departments and
 * communes, no tile server, as on the portal. Only what they share is here: the
 * basemap of departments, the communes' overlay, the French controls.
 */

const FRANCE: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];
export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const apiUrl = (path: string) => new URL(path, window.location.origin).href;

const FRENCH_UI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources de la carte',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'NavigationControl.ResetBearing': 'Réorienter la carte vers le nord',
};

export type Box = [number, number, number, number];

/** The bounding box of features' coordinates. */
export function bboxOf(features: readonly Feature[]): Box | undefined {
  let box: Box | undefined;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [lon, lat] = value as [number, number];
      box = box
        ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)]
        : [lon, lat, lon, lat];
      return;
    }
    for (const item of value) visit(item);
  };
  for (const feature of features)
    if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  return box;
}

/** The contours of these communes (INSEE codes), from the API; none when it cannot give them. */
export async function communeContours(codes: readonly string[]): Promise<FeatureCollection> {
  if (codes.length === 0) return EMPTY;
  const response = await fetch(apiUrl(`/api/geo/communes.geojson?insee=${codes.join(',')}`));
  return response.ok ? ((await response.json()) as FeatureCollection) : EMPTY;
}

/**
 * A map of France's departments with one overlay of communes (the source
 * `communes`, filled and outlined), French controls, `aria-busy` while it loads.
 */
interface CommunesMapOptions {
  title: string;
  colour: DataDrivenPropertyValueSpecification<string>;
  opacity: number;
  maxZoom: number;
}

function createCommunesMap(container: HTMLDivElement, options: CommunesMapOptions): MapLibreMap {
  const created = new MapLibreMap({
    container,
    style: {
      version: 8,
      sources: {
        departements: { type: 'geojson', data: apiUrl('/api/geo/departements.geojson') },
        communes: { type: 'geojson', data: EMPTY },
      },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#d5e6f3' } },
        { id: 'departements', type: 'fill', source: 'departements', paint: { 'fill-color': '#fbfaf7' } },
        {
          id: 'departements-border',
          type: 'line',
          source: 'departements',
          paint: { 'line-color': '#8a8a8a', 'line-width': 0.8 },
        },
        {
          id: 'communes',
          type: 'fill',
          source: 'communes',
          paint: { 'fill-color': options.colour, 'fill-opacity': options.opacity },
        },
        {
          id: 'communes-border',
          type: 'line',
          source: 'communes',
          paint: { 'line-color': options.colour, 'line-width': 1 },
        },
      ],
    },
    bounds: FRANCE,
    locale: { ...FRENCH_UI, 'Map.Title': options.title },
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    maxZoom: options.maxZoom,
  });
  created.keyboard.disableRotation();
  created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  created.addControl(
    new AttributionControl({ compact: true, customAttribution: 'IGN Admin Express · INSEE COG' }),
    'bottom-right',
  );
  const busy = (value: boolean) => () => container.setAttribute('aria-busy', String(value));
  busy(true)();
  created.on('dataloading', busy(true));
  created.on('idle', busy(false));
  return created;
}

/** Shows these communes on the map and fits it to them. */
export function showCommunes(map: MapLibreMap, features: Feature[], padding: number): void {
  map.getSource<GeoJSONSource>('communes')?.setData({ type: 'FeatureCollection', features });
  const bounds = bboxOf(features);
  if (bounds) map.fitBounds(bounds as LngLatBoundsLike, { padding, animate: false });
}

/** Runs `show` once the map's style is loaded (at once if it is). */
export function whenLoaded(map: MapLibreMap, show: () => void): void {
  if (map.isStyleLoaded()) show();
  else map.once('load', show);
}

/**
 * The map in a component: created once in the element `container` is given to,
 * removed with the component; `map` holds it meanwhile (its overlay effects read it).
 */
export function useCommunesMap(options: CommunesMapOptions): {
  container: RefObject<HTMLDivElement | null>;
  map: RefObject<MapLibreMap | undefined>;
} {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  // Created once: the options of the first drawing stay the map's.
  const first = useRef(options);
  useEffect(() => {
    if (!container.current) return;
    const created = createCommunesMap(container.current, first.current);
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
  }, []);
  return { container, map };
}
