// Noto Sans (SIL Open Font License), Latin subsets of the @fontsource npm package, served with the
// portal's assets: maplibre draws the place names from them in the browser (style `font-faces`),
// so the map needs no glyph server. 13 kB each (woff2); Latin Extended (55 kB) is fetched only
// for a character outside Latin-1 and œ, which no commune of the open data has today.

import notoSansLatin from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import notoSansSemiBoldLatin from '@fontsource/noto-sans/files/noto-sans-latin-600-normal.woff2?url';
import notoSansLatinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import notoSansSemiBoldLatinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-600-normal.woff2?url';
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
  // Dark grey on a white halo: 4.5:1 and more on every colour of the basemap.
  placeName: '#3a3a3a',
  departementName: '#666666',
  halo: '#ffffff',
};

/** Commune borders are drawn from this zoom on (a department's communes weigh ~300 kB). */
const COMMUNES_MIN_ZOOM = 9;

/** Department names until the map shows less than a department (as @cls/offers' DEPARTEMENT_LABEL_MAX_ZOOM). */
const DEPARTEMENT_NAMES_MAX_ZOOM = 9;

/** The Unicode ranges of @fontsource/noto-sans' subsets (its unicode.json). */
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';
const ranges = (text: string) => text.split(',');

/** The fonts of the place names, by the names the layers' `text-font` give. */
export const PLACE_FONTS = {
  regular: 'Noto Sans Regular',
  semiBold: 'Noto Sans SemiBold',
} as const;

const FONT_FACES: NonNullable<StyleSpecification['font-faces']> = {
  [PLACE_FONTS.regular]: [
    { url: apiUrl(notoSansLatin), 'unicode-range': ranges(LATIN) },
    { url: apiUrl(notoSansLatinExt), 'unicode-range': ranges(LATIN_EXT) },
  ],
  [PLACE_FONTS.semiBold]: [
    { url: apiUrl(notoSansSemiBoldLatin), 'unicode-range': ranges(LATIN) },
    { url: apiUrl(notoSansSemiBoldLatinExt), 'unicode-range': ranges(LATIN_EXT) },
  ],
};

/** The offline basemap's layer of commune names: what tests query to see which names are drawn. */
export const COMMUNE_NAMES_LAYER = 'commune-names';
export const DEPARTEMENT_NAMES_LAYER = 'departement-names';

/** What the offline basemap is drawn from, credited on the map. */
export const OFFLINE_ATTRIBUTION = [
  'Natural Earth',
  'IGN Admin Express',
  'INSEE (communes, populations)',
  'offres : FINESS (DREES), Annuaire Santé (RPPS)',
].join(' · ');

/** Over another basemap, the portal's own layers still come from IGN's contours, FINESS and the Annuaire Santé. */
export const OVERLAY_ATTRIBUTION = [
  'contours : IGN Admin Express',
  'offres : FINESS (DREES), Annuaire Santé (RPPS)',
].join(' · ');

/**
 * The basemap that needs no other server: Natural Earth's countries, the departments' and
 * communes' contours and the place names, all from the platform itself.
 */
export const offlineStyle = (): StyleSpecification => ({
  version: 8,
  name: 'Fond de carte intégré',
  'font-faces': FONT_FACES,
  sources: {
    world: { type: 'geojson', data: EMPTY },
    'world-borders': { type: 'geojson', data: EMPTY },
    departements: { type: 'geojson', data: apiUrl('/api/geo/departements.geojson') },
    communes: { type: 'geojson', data: EMPTY },
    places: { type: 'geojson', data: apiUrl('/api/geo/places.geojson') },
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
    {
      id: COMMUNE_NAMES_LAYER,
      type: 'symbol',
      source: 'places',
      minzoom: 6,
      // Each commune from the zoom its population gives (@cls/offers place-labels), the most
      // populated placed first when two names would overlap: the other one is left out.
      filter: ['all', ['==', ['get', 'kind'], 'commune'], ['>=', ['zoom'], ['get', 'minzoom']]],
      layout: {
        'symbol-sort-key': ['get', 'rank'],
        'text-field': ['get', 'name'],
        'text-font': [
          'step',
          ['get', 'population'],
          ['literal', [PLACE_FONTS.regular]],
          15_000,
          ['literal', [PLACE_FONTS.semiBold]],
        ],
        'text-size': [
          'interpolate',
          ['linear'],
          ['get', 'population'],
          0,
          12,
          5_000,
          13,
          50_000,
          15,
          200_000,
          17,
        ],
        'text-max-width': 8,
        'text-padding': 4,
        // Below the commune's centre first: a searched place is drawn on that very point.
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.6,
      },
      paint: {
        'text-color': BASEMAP_COLORS.placeName,
        'text-halo-color': BASEMAP_COLORS.halo,
        'text-halo-width': 1.5,
      },
    },
    {
      // Above the communes' names, so placed first: at the zooms that show departments, their names win.
      id: DEPARTEMENT_NAMES_LAYER,
      type: 'symbol',
      source: 'places',
      maxzoom: DEPARTEMENT_NAMES_MAX_ZOOM,
      filter: ['==', ['get', 'kind'], 'departement'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [PLACE_FONTS.semiBold],
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 11, 8, 15],
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 8,
        'text-padding': 6,
      },
      paint: {
        'text-color': BASEMAP_COLORS.departementName,
        'text-halo-color': BASEMAP_COLORS.halo,
        'text-halo-width': 1.5,
        // Fades out as the communes' names take over.
        'text-opacity': ['interpolate', ['linear'], ['zoom'], 7.5, 1, DEPARTEMENT_NAMES_MAX_ZOOM, 0.4],
      },
    },
  ],
});

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
function loadCommunesWhenClose(map: MapLibreMap, loading: (fetching: Promise<unknown>) => void): void {
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
    const drawn = Promise.all(loaded.values()).then((layers) => {
      map.getSource<GeoJSONSource>('communes')?.setData({
        type: 'FeatureCollection',
        features: layers.flatMap((layer) => layer.features),
      });
    });
    loading(drawn);
    await drawn;
  };
  map.on('moveend', update);
  map.once('idle', update);
}

/**
 * Fills the offline basemap's sources once its style is loaded; `loading` is told of each
 * fetch (the map stays busy until what it brings is drawn).
 */
export function fillOfflineBasemap(map: MapLibreMap, loading: (fetching: Promise<unknown>) => void): void {
  loading(
    loadWorld().then(({ land, borders }) => {
      map.getSource<GeoJSONSource>('world')?.setData(land);
      map.getSource<GeoJSONSource>('world-borders')?.setData(borders);
    }),
  );
  loadCommunesWhenClose(map, loading);
}
