import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth's countries, shipped in the world-atlas npm package and served with the
// portal's assets (fetched with the map, not part of any script): a world without network.
import worldUrl from 'world-atlas/countries-50m.json?url';
import { apiUrl, EMPTY, fetchGeoJson } from './geo-api.js';

/** Colours chosen for legibility: blue sea, neutral land, France lighter than its neighbours. */
export const BASEMAP_COLORS = {
  sea: '#d5e6f3',
  land: '#e9e6df',
  france: '#fbfaf7',
  countryBorder: '#9b978e',
  departementBorder: '#8a8a8a',
  communeBorder: '#c3c0b8',
};

/** Commune borders are drawn from this zoom on (a department's communes weigh ~300 kB). */
const COMMUNES_MIN_ZOOM = 9;

const { VITE_BASEMAP_STYLE_URL: styleUrl, VITE_BASEMAP_TILES_URL: tilesUrl } = import.meta.env;

export const BASEMAP_ATTRIBUTION = [
  import.meta.env.VITE_BASEMAP_ATTRIBUTION,
  'Natural Earth',
  'IGN Admin Express',
  'offres : FINESS (DREES)',
]
  .filter(Boolean)
  .join(' · ');

const builtIn = (): StyleSpecification => ({
  version: 8,
  sources: {
    world: { type: 'geojson', data: EMPTY },
    'world-borders': { type: 'geojson', data: EMPTY },
    departements: { type: 'geojson', data: apiUrl('/api/geo/departements.geojson') },
    communes: { type: 'geojson', data: EMPTY },
    ...(tilesUrl
      ? { tiles: { type: 'raster' as const, tiles: [tilesUrl], tileSize: 256, maxzoom: 19 } }
      : {}),
  },
  layers: [
    { id: 'sea', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
    { id: 'land', type: 'fill', source: 'world', paint: { 'fill-color': BASEMAP_COLORS.land } },
    {
      id: 'departements-fill',
      type: 'fill',
      source: 'departements',
      paint: { 'fill-color': BASEMAP_COLORS.france },
    },
    ...(tilesUrl ? [{ id: 'tiles', type: 'raster' as const, source: 'tiles' }] : []),
    {
      id: 'country-borders',
      type: 'line',
      source: 'world-borders',
      paint: { 'line-color': BASEMAP_COLORS.countryBorder, 'line-width': 1 },
    },
    {
      id: 'commune-borders',
      type: 'line',
      source: 'communes',
      minzoom: COMMUNES_MIN_ZOOM,
      paint: {
        'line-color': BASEMAP_COLORS.communeBorder,
        'line-width': ['interpolate', ['linear'], ['zoom'], COMMUNES_MIN_ZOOM, 0.5, 14, 1.5],
      },
    },
    {
      id: 'departement-borders',
      type: 'line',
      source: 'departements',
      paint: {
        'line-color': BASEMAP_COLORS.departementBorder,
        'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.6, 10, 1.8],
      },
    },
  ],
});

/** The basemap: an outside style when one is configured at build time, the built-in one otherwise. */
export function basemapStyle(): StyleSpecification | string {
  return styleUrl || builtIn();
}

/** Natural Earth's TopoJSON as land polygons and the borders between countries. */
async function loadWorld(): Promise<{ land: FeatureCollection; borders: Feature }> {
  const topology = (await (await fetch(worldUrl)).json()) as Topology<{ countries: GeometryCollection }>;
  const countries = topology.objects.countries;
  return {
    land: feature(topology, countries),
    borders: { type: 'Feature', properties: {}, geometry: mesh(topology, countries, (a, b) => a !== b) },
  };
}

/** Commune contours of the departments in view, once the map is close enough to see them. */
function loadCommunesWhenClose(map: MapLibreMap): void {
  const loaded = new Map<string, Promise<FeatureCollection>>();
  const update = async () => {
    if (map.getZoom() < COMMUNES_MIN_ZOOM - 0.5) return;
    const inView = map.queryRenderedFeatures({ layers: ['departements-fill'] });
    const missing = [...new Set(inView.map((department) => String(department.properties.code)))].filter(
      (code) => !loaded.has(code),
    );
    if (missing.length === 0) return;
    for (const code of missing)
      loaded.set(code, fetchGeoJson(`/api/geo/communes.geojson?departements=${code}`));
    const layers = await Promise.all(loaded.values());
    map.getSource<GeoJSONSource>('communes')?.setData({
      type: 'FeatureCollection',
      features: layers.flatMap((layer) => layer.features),
    });
  };
  map.on('moveend', update);
  map.once('idle', update);
}

/** Fills the built-in basemap's sources once the style is loaded (nothing to do with an outside style). */
export function fillBasemap(map: MapLibreMap): void {
  if (styleUrl) return;
  loadWorld().then(({ land, borders }) => {
    map.getSource<GeoJSONSource>('world')?.setData(land);
    map.getSource<GeoJSONSource>('world-borders')?.setData(borders);
  });
  loadCommunesWhenClose(map);
}
