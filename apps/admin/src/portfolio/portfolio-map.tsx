import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection } from 'geojson';
import {
  AttributionControl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
// maplibre runs its module worker from its own file: the bundle's copy, served with the assets.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { navigate } from '../router.js';

setWorkerUrl(workerUrl);

/*
 * The contracts' territories on the platform's own open data (the API's departments
 * and communes), no tile server, as the contract's territory map and the portal do.
 * Labels are HTML markers (links to each contract): symbol labels would need glyphs
 * from a font server.
 */

const FRANCE: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const apiUrl = (path: string) => new URL(path, window.location.origin).href;
/** One colour per territory, by rank (contrasted against the pale basemap). */
const PALETTE = ['#000091', '#b34000', '#18753c', '#6e445a', '#695240', '#0063cb'];

const FRENCH_UI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources de la carte',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'NavigationControl.ResetBearing': 'Réorienter la carte vers le nord',
};

export interface MappedTerritory {
  contractId: string;
  name: string;
  communes: string[];
}

type Box = [number, number, number, number];

function bboxOf(features: readonly Feature[]): Box | undefined {
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

/**
 * Territories with the same communes drawn once (a contract and the one it follows), each
 * group with the contracts it carries.
 */
function groupsOf(territories: readonly MappedTerritory[]) {
  const groups = new Map<
    string,
    { communes: string[]; contracts: Array<{ contractId: string; name: string }> }
  >();
  for (const { contractId, name, communes } of territories) {
    if (communes.length === 0) continue;
    const key = [...communes].sort().join(',');
    const group = groups.get(key) ?? { communes, contracts: [] };
    group.contracts.push({ contractId, name });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A territory's label: links to its contracts, navigating in the app. */
function labelOf(contracts: Array<{ contractId: string; name: string }>, colour: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'portfolio-map__label';
  element.style.borderColor = colour;
  for (const { contractId, name } of contracts) {
    const link = document.createElement('a');
    const route = `/contrats/${encodeURIComponent(contractId)}`;
    link.href = `/admin${route}`;
    link.textContent = name;
    link.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(route);
    });
    element.append(link);
  }
  return element;
}

export default function PortfolioMap({ territories }: { territories: MappedTerritory[] }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  // The territories drawn, as one string: a new array each render, the same map.
  const key = JSON.stringify(groupsOf(territories));

  useEffect(() => {
    if (!container.current) return;
    const created = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: {
          departements: { type: 'geojson', data: apiUrl('/api/geo/departements.geojson') },
          territories: { type: 'geojson', data: EMPTY },
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
            id: 'territories',
            type: 'fill',
            source: 'territories',
            paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.3 },
          },
          {
            id: 'territories-border',
            type: 'line',
            source: 'territories',
            paint: { 'line-color': ['get', 'colour'], 'line-width': 0.8 },
          },
        ],
      },
      bounds: FRANCE,
      locale: { ...FRENCH_UI, 'Map.Title': 'Carte des territoires des contrats' },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 12,
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
    const groups = JSON.parse(key) as ReturnType<typeof groupsOf>;
    let alive = true;
    const markers: Marker[] = [];
    const show = async () => {
      const codes = [...new Set(groups.flatMap((group) => group.communes))].sort();
      const contours: FeatureCollection = codes.length
        ? await fetch(apiUrl(`/api/geo/communes.geojson?insee=${codes.join(',')}`)).then((response) =>
            response.ok ? (response.json() as Promise<FeatureCollection>) : EMPTY,
          )
        : EMPTY;
      if (!alive) return;
      const features: Feature[] = [];
      for (const [rank, group] of groups.entries()) {
        const colour = PALETTE[rank % PALETTE.length] ?? '#000091';
        const wanted = new Set(group.communes);
        const own = contours.features
          .filter((feature) => wanted.has(String(feature.properties?.insee)))
          .map((feature) => ({ ...feature, properties: { ...feature.properties, colour } }));
        features.push(...own);
        const box = bboxOf(own);
        if (box)
          markers.push(
            new Marker({ element: labelOf(group.contracts, colour) })
              .setLngLat([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
              .addTo(current),
          );
      }
      current.getSource<GeoJSONSource>('territories')?.setData({ type: 'FeatureCollection', features });
      const bounds = bboxOf(features);
      if (bounds) current.fitBounds(bounds as LngLatBoundsLike, { padding: 32, animate: false });
      // Drawn once the map is idle with these contours (what a test or a screenshot waits for).
      current.once('idle', () => container.current?.setAttribute('data-drawn', String(features.length)));
    };
    if (current.isStyleLoaded()) void show();
    else current.once('load', () => void show());
    return () => {
      alive = false;
      for (const marker of markers) marker.remove();
    };
  }, [key]);

  return <div ref={container} className="portfolio-map" data-testid="portfolio-map" />;
}
