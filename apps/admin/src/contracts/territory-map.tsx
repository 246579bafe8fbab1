import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import {
  AttributionControl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
// maplibre runs its module worker from its own file: the bundle's copy, served with the assets.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';

setWorkerUrl(workerUrl);

/*
 * The territory being drawn up, on the platform's own data (the API's
 * departments and communes of the open data): no tile server, as on the portal.
 * The portal's basemap (world-atlas, commune borders by zoom) is richer; this
 * map only has to show which communes the contract covers.
 */

const FRANCE: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const apiUrl = (path: string) => new URL(path, window.location.origin).href;

const FRENCH_UI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources de la carte',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'NavigationControl.ResetBearing': 'Réorienter la carte vers le nord',
};

/** The bounding box of polygons' coordinates. */
function bboxOf(collection: FeatureCollection): [number, number, number, number] | undefined {
  let box: [number, number, number, number] | undefined;
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
  for (const feature of collection.features)
    if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  return box;
}

export default function TerritoryMap({ communes }: { communes: string[] }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const key = [...communes].sort().join(',');

  useEffect(() => {
    if (!container.current) return;
    const created = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: {
          departements: { type: 'geojson', data: apiUrl('/api/geo/departements.geojson') },
          territory: { type: 'geojson', data: EMPTY },
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
            id: 'territory',
            type: 'fill',
            source: 'territory',
            paint: { 'fill-color': '#000091', 'fill-opacity': 0.25 },
          },
          {
            id: 'territory-border',
            type: 'line',
            source: 'territory',
            paint: { 'line-color': '#000091', 'line-width': 1 },
          },
        ],
      },
      bounds: FRANCE,
      locale: { ...FRENCH_UI, 'Map.Title': 'Carte des communes du territoire' },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 14,
    });
    created.keyboard.disableRotation();
    created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    created.addControl(
      new AttributionControl({ compact: true, customAttribution: 'IGN Admin Express · INSEE COG' }),
      'bottom-right',
    );
    const busy = (value: boolean) => () => container.current?.setAttribute('aria-busy', String(value));
    busy(true)();
    created.on('dataloading', busy(true));
    created.on('idle', busy(false));
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    let alive = true;
    const show = async () => {
      const contours: FeatureCollection = key
        ? await fetch(apiUrl(`/api/geo/communes.geojson?insee=${key}`)).then((response) =>
            response.ok ? (response.json() as Promise<FeatureCollection>) : EMPTY,
          )
        : EMPTY;
      if (!alive) return;
      current.getSource<GeoJSONSource>('territory')?.setData(contours);
      const bounds = bboxOf(contours);
      if (bounds) current.fitBounds(bounds as LngLatBoundsLike, { padding: 24, animate: false });
    };
    if (current.isStyleLoaded()) void show();
    else current.once('load', () => void show());
    return () => {
      alive = false;
    };
  }, [key]);

  return <div ref={container} className="territory-map" data-testid="territory-map" />;
}
